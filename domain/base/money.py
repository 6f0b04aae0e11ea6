"""Exact money: ``Decimal`` amounts in a portfolio's ISO 4217 currency, never floats.

One currency per portfolio; an amount has at most as many decimal places as its currency's
minor unit (2 for USD and EUR, 0 for JPY, 3 for KWD). Where a computation makes more places
(a cost rate times units times days, a share of a budget), the result is rounded to the minor
unit half to even (banker's rounding: Python's ``ROUND_HALF_EVEN``), so sums of many rounded
figures carry no upward bias. Stored amounts have at most 14 digits before the point and 4
after (``NUMERIC(18, 4)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from domain.base.errors import Validator

ROUNDING = ROUND_HALF_EVEN
# Storage: NUMERIC(PRECISION, SCALE) on PostgreSQL; whole 10**-SCALE units on SQLite.
PRECISION = 18
SCALE = 4
LIMIT = Decimal(10) ** (PRECISION - SCALE)
DEFAULT_CURRENCY = "USD"

# ISO 4217 active currency codes and their minor units (decimal places), without the funds,
# precious metals and testing codes that have no minor unit (XAU, XDR, XTS, XXX, ...).
_BY_DIGITS = {
    0: "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
    3: "BHD IQD JOD KWD LYD OMR TND",
    4: "CLF UYW",
    2: (
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP "
        "BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD "
        "FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD "
        "KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD "
        "NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP "
        "SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED "
        "VES WST XCD XCG YER ZAR ZMW ZWG"
    ),
}
CURRENCIES: dict[str, int] = {code: digits for digits, codes in _BY_DIGITS.items() for code in codes.split()}


def is_currency(code: str) -> bool:
    return code in CURRENCIES


def minor_digits(currency: str) -> int:
    """Decimal places of the currency's minor unit (``KeyError`` for an unknown code)."""
    return CURRENCIES[currency]


def quantize(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded half to even to the currency's minor unit."""
    return amount.quantize(Decimal(1).scaleb(-minor_digits(currency)), rounding=ROUNDING)


def places(amount: Decimal) -> int:
    """How many decimal places ``amount`` is written with (``Decimal("12.50")`` -> 2)."""
    exponent = amount.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def parse_decimal(text: str) -> Decimal:
    """A finite ``Decimal`` from text such as ``"1250.00"``; ``ValueError`` otherwise."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f'{text!r} is not a decimal number such as "1250.00"') from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite decimal number")
    return value


def check_amount(
    v: Validator, field: str, amount: Decimal | None, currency: str, *, negative: bool = False, rate: bool = False
) -> None:
    """Refuse an amount with more places than the currency has (a ``rate``, a price per unit,
    may have up to the 4 stored places), too large to store, or negative."""
    if amount is None:
        return
    digits = max(SCALE, minor_digits(currency)) if rate else minor_digits(currency)
    if places(amount) > digits:
        v.add(field, f"{field} has at most {digits} decimal places in {currency}")
    elif abs(amount) >= LIMIT:
        v.add(field, f"{field} must be less than {LIMIT:,} in absolute value")
    elif amount < 0 and not negative:
        v.add(field, f"{field} must not be negative")


@dataclass(frozen=True)
class Money:
    """An exact amount and the ISO 4217 code of its currency."""

    amount: Decimal
    currency: str

    @classmethod
    def of(cls, amount: Decimal, currency: str) -> Money:
        """The amount shown with exactly the currency's decimal places (half to even if it had more)."""
        return cls(quantize(amount, currency), currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"
