"""Money in the API: the ``Decimal`` scalar (exact, a JSON string such as "1250.00") and the
``Money`` type (an amount and its ISO 4217 currency), as Shopify's ``MoneyV2`` does.

Inputs take amounts as ``Decimal`` strings; a JSON float is refused because it cannot carry an
exact decimal (0.1 is not 0.1 in binary). Whole JSON integers are accepted. Amounts come back
with exactly their currency's decimal places.
"""

from __future__ import annotations

import decimal

import strawberry
from strawberry.types.scalar import ScalarDefinition

from domain.base.money import Money as DomainMoney
from domain.base.money import parse_decimal


def _parse(value: object) -> decimal.Decimal:
    if isinstance(value, str):
        return parse_decimal(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return decimal.Decimal(value)
    raise ValueError('a Decimal is a JSON string such as "1250.00" (a JSON float cannot hold an exact decimal)')


def _serialize(value: decimal.Decimal) -> str:
    return format(value, "f")


DecimalScalar = strawberry.scalar(
    name="Decimal",
    description='An exact decimal number, written as a JSON string such as "1250.00".',
    serialize=_serialize,
    parse_value=_parse,
)
# Registered on the schema (``StrawberryConfig.scalar_map``) so every ``decimal.Decimal`` field uses it.
SCALAR_MAP: dict[object, ScalarDefinition] = {decimal.Decimal: DecimalScalar}


@strawberry.type(description="An exact amount of money in an ISO 4217 currency (the portfolio's).")
class Money:
    amount: decimal.Decimal = strawberry.field(description="Exact, with the currency's decimal places.")
    currency: str = strawberry.field(description="ISO 4217 code, e.g. USD, EUR, JPY.")

    @classmethod
    def of(cls, amount: decimal.Decimal, currency: str) -> Money:
        exact = DomainMoney.of(amount, currency)
        return cls(amount=exact.amount, currency=exact.currency)

    @classmethod
    def maybe(cls, amount: decimal.Decimal | None, currency: str) -> Money | None:
        return None if amount is None else cls.of(amount, currency)
