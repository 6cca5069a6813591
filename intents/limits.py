"""The bounds of every number a person states (a sale, a count, a threshold...) and what is
wrong with one that breaks them: one rule for the chat, the CLI, the API, imports and the back
office (`bot.validation` words it for each field, the chat's catalogue for managers).

Pure: no I/O. A product may come to hold more than MAX_QUANTITY through movements; a person
never states more than MAX_QUANTITY at once.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from intents.numbers import MAX_QUANTITY

__all__ = [
    "MAX_QUANTITY",
    "MAX_STOCK",
    "NumberKind",
    "NumberProblem",
    "bounds",
    "number_problem",
]

MAX_STOCK = 2**31 - 1  # what a product may come to hold (a 32-bit column)


class NumberKind(StrEnum):
    MOVEMENT = "movement"  # a sale, receipt or order: at least 1
    COUNT = "count"  # what is on the shelf (an inventory, an import): 0 or more
    THRESHOLD = "threshold"  # the low-stock threshold: 0 (alert only when out) or more
    REORDER = "reorder"  # the quantity proposed when reordering: at least 1
    CORRECTION = "correction"  # a signed adjustment: never 0
    # A quantity read back as it is (an export re-imported): up to MAX_STOCK. A new quantity a
    # person states is a COUNT.
    STOCK = "stock"


class NumberProblem(StrEnum):
    NOT_A_NUMBER = "not_a_number"
    NOT_WHOLE = "not_whole"
    NEGATIVE = "negative"
    ZERO = "zero"
    TOO_BIG = "too_big"
    TOO_SMALL = "too_small"  # a correction below -MAX_QUANTITY


_BOUNDS = {
    NumberKind.MOVEMENT: (1, MAX_QUANTITY),
    NumberKind.COUNT: (0, MAX_QUANTITY),
    NumberKind.THRESHOLD: (0, MAX_QUANTITY),
    NumberKind.REORDER: (1, MAX_QUANTITY),
    NumberKind.CORRECTION: (-MAX_QUANTITY, MAX_QUANTITY),
    NumberKind.STOCK: (0, MAX_STOCK),
}


def bounds(kind: NumberKind) -> tuple[int, int]:
    """The smallest and largest value allowed for `kind` (both included)."""
    return _BOUNDS[kind]


def number_problem(value: int | Decimal, kind: NumberKind) -> NumberProblem | None:
    """What is wrong with `value` as a `kind` number, or None when it is fine."""
    minimum, maximum = _BOUNDS[kind]
    if isinstance(value, Decimal):
        if not value.is_finite():
            return NumberProblem.NOT_A_NUMBER
        if value != value.to_integral_value():
            return NumberProblem.NOT_WHOLE
    if value > maximum:
        return NumberProblem.TOO_BIG
    if value == 0 and minimum != 0 and kind != NumberKind.CORRECTION:
        return NumberProblem.ZERO
    if kind == NumberKind.CORRECTION:
        if value == 0:
            return NumberProblem.ZERO
        return NumberProblem.TOO_SMALL if value < minimum else None
    if value < 0:
        return NumberProblem.NEGATIVE
    return None
