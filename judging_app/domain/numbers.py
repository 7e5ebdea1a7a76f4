"""Exact decimal arithmetic shared by every rule: one precision, one rounding (half up)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal

#: Enough digits that no intermediate mean, square root or z-score loses a digit that rounding to
#: at most 4 decimals could see.
CONTEXT = Context(prec=50)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round to ``decimals`` places, halves away from zero (2.125 → 2.13, not 2.12)."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=CONTEXT)


def total(values: Iterable[Decimal]) -> Decimal:
    result = Decimal(0)
    for value in values:
        result = CONTEXT.add(result, value)
    return result


def mean(values: Iterable[Decimal]) -> Decimal:
    items = list(values)
    if not items:
        raise ValueError("mean of no values")
    return CONTEXT.divide(total(items), Decimal(len(items)))


def population_stdev(values: Iterable[Decimal]) -> Decimal:
    items = list(values)
    centre = mean(items)
    variance = CONTEXT.divide(
        total(CONTEXT.power(CONTEXT.subtract(v, centre), 2) for v in items),
        Decimal(len(items)),
    )
    return CONTEXT.sqrt(variance)


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    return CONTEXT.divide(numerator, denominator)


def subtract(left: Decimal, right: Decimal) -> Decimal:
    return CONTEXT.subtract(left, right)


def multiply(left: Decimal, right: Decimal) -> Decimal:
    return CONTEXT.multiply(left, right)
