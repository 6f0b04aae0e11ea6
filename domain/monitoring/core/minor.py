"""Exact money arithmetic in integer minor units, with one rounding rule: half to even.

The earned-value core never touches a float amount. Amounts come in as ``Decimal`` and are
turned into whole minor units (cents for ``decimals=2``); every computed amount that is not a
whole number of minor units (a time-phased share of a budget, a percent of it, an estimate at
completion) is rounded to the nearest minor unit, ties to the even one (banker's rounding,
IEEE 754's default and Python ``decimal``'s ``ROUND_HALF_EVEN``). Half-even is chosen because
the core sums many rounded task figures into project and portfolio figures: rounding ties
always up would bias those sums upwards, half-even does not on average.

Arrays are int64 while every product stays below 2**62 (checked: ``fits``); beyond that they
are Python-int object arrays, slower but still exact.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import overload

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
# Products of two int64 arrays stay exact while each factor is below this bound.
_SAFE = 2**62


def to_minor(amount: Decimal | int, decimals: int) -> int:
    """Whole minor units of ``amount`` (``Decimal("12.345"), 2`` -> 1234: half to even)."""
    value = Decimal(amount)
    if value.is_finite() and value.adjusted() < 20:
        # Well inside the default 28-digit context, so scaling is exact; whole minor units already?
        scaled = value.scaleb(decimals)
        units = int(scaled)
        if units == scaled:
            return units
    with localcontext() as ctx:
        ctx.prec = 60
        scaled = value.scaleb(decimals)
        return int(scaled.to_integral_value(rounding=ROUND_HALF_EVEN))


def from_minor(units: int, decimals: int) -> Decimal:
    """The exact ``Decimal`` of ``units`` minor units, with ``decimals`` places (1234, 2 -> 12.34)."""
    return Decimal(int(units)).scaleb(-decimals)


@overload
def round_div(numerator: int, denominator: int) -> int: ...
@overload
def round_div(numerator: IntArray, denominator: IntArray | int) -> IntArray: ...
def round_div(numerator: int | IntArray, denominator: int | IntArray) -> int | IntArray:
    """``numerator / denominator`` rounded half to even, exactly, for ints or int arrays.

    Denominators must be non-zero; negative ones are allowed.
    """
    if isinstance(numerator, int) and isinstance(denominator, int):
        if denominator < 0:
            numerator, denominator = -numerator, -denominator
        q, r = divmod(numerator, denominator)
        twice = 2 * r
        return q + (twice > denominator or (twice == denominator and q % 2 == 1))
    num = np.asarray(numerator)
    den = np.asarray(denominator)
    if np.any(den < 0):
        negative = den < 0
        num = np.where(negative, -num, num)
        den = np.where(negative, -den, den)
    q = num // den  # floor division on int64 and on Python-int object arrays alike
    r = num - q * den
    twice = 2 * r
    up = (twice > den) | ((twice == den) & (q % 2 == 1))
    result: IntArray = q + up.astype(np.int64)
    return result


def fits(*bounds: int) -> bool:
    """Whether a product of factors with these absolute bounds stays exact in int64."""
    product = 1
    for bound in bounds:
        product *= max(abs(int(bound)), 1)
    return product < _SAFE


def widen(values: IntArray) -> IntArray:
    """The same values as Python ints (an object array): exact at any size."""
    return np.asarray([int(v) for v in values.tolist()], dtype=object)
