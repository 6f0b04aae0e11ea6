"""Exact minor units and the half-to-even rule."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from domain.monitoring.core import from_minor, round_div, to_minor
from domain.monitoring.core.minor import widen

big = st.integers(-(10**30), 10**30)
nonzero = st.integers(-(10**12), 10**12).filter(lambda v: v != 0)


def decimal_half_even(numerator: int, denominator: int) -> int:
    quotient = Decimal(numerator) / Decimal(denominator)
    return int(quotient.to_integral_value(rounding=ROUND_HALF_EVEN))


@given(big, nonzero)
def test_round_div_matches_decimal_half_even(numerator: int, denominator: int) -> None:
    from decimal import localcontext

    with localcontext() as ctx:
        ctx.prec = 80
        assert round_div(numerator, denominator) == decimal_half_even(numerator, denominator)


@given(st.lists(st.tuples(st.integers(-(10**9), 10**9), st.integers(1, 10**6)), min_size=1, max_size=20))
def test_round_div_on_arrays_matches_the_scalar_rule(pairs: list[tuple[int, int]]) -> None:
    num = np.array([p[0] for p in pairs], np.int64)
    den = np.array([p[1] for p in pairs], np.int64)
    expected = [round_div(int(a), int(b)) for a, b in pairs]
    assert round_div(num, den).tolist() == expected
    assert round_div(widen(num), widen(den)).tolist() == expected
    assert round_div(-num, -den).tolist() == expected  # negative denominators


def test_ties_go_to_the_even_neighbour() -> None:
    assert [round_div(n, 2) for n in (1, 3, 5, -1, -3, -5)] == [0, 2, 2, 0, -2, -2]
    assert to_minor(Decimal("0.125"), 2) == 12 and to_minor(Decimal("0.135"), 2) == 14
    assert to_minor(Decimal("-0.125"), 2) == -12


@given(st.integers(-(10**20), 10**20), st.integers(0, 4))
def test_minor_units_round_trip_exactly(units: int, decimals: int) -> None:
    amount = from_minor(units, decimals)
    assert amount.as_tuple().exponent == -decimals
    assert to_minor(amount, decimals) == units
    assert str(from_minor(125000, 2)) == "1250.00"
