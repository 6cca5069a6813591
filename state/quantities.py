"""Quantities as managers type them: the answer to "Combien ?", and what is wrong with a number
that cannot be one (`-3`, `2,5`, `0`, `3 à 4`, a number above the maximum). The matcher reads
the numbers (`ParsedIntent.quantity_issue`); this only names the text that explains each issue."""

from __future__ import annotations

from types import MappingProxyType

from intents import Intent, ParsedIntent, read_quantity
from intents.numbers import MAX_QUANTITY

__all__ = ["ISSUE_KEYS", "MAX_QUANTITY", "quantity_problem", "read_answer"]

_ANSWER_INTENTS = frozenset({Intent.UNKNOWN, Intent.SALE, Intent.RECEIPT, Intent.RESTOCK})
# The text that explains each issue of intents.QUANTITY_ISSUES: a whole number above zero is
# what `2,5`, `0` and `1e9` all lack; a negative number is called negative (as everywhere else,
# `bot.validation`); a range and a Wolof numeral read two ways need a word of their own.
ISSUE_KEYS = MappingProxyType({
    "negative": "quantity_negative",
    "decimal": "quantity_invalid",
    "zero": "quantity_invalid",
    "exponent": "quantity_invalid",
    "too_big": "quantity_too_big",
    "range": "quantity_range",
    "ambiguous": "quantity_ambiguous",
})  # fmt: skip


def quantity_problem(parsed: ParsedIntent) -> str | None:
    """The key of the text saying why the number typed as the quantity is not one, or None."""
    if parsed.quantity_issue is None:
        return None
    return ISSUE_KEYS.get(parsed.quantity_issue, "quantity_invalid")


def read_answer(parsed: ParsedIntent, typed: str) -> int | str | None:
    """What a message answering "Combien ?" says: the quantity (`3`, `trois`, `3 sacs`, `1 000`),
    the key of the text telling what is wrong with its number, or None when it is no answer (it
    names a product or another command, or holds no number)."""
    if parsed.product is not None or parsed.candidates or parsed.intent not in _ANSWER_INTENTS:
        return None
    problem = quantity_problem(parsed)
    if problem is not None:
        return problem
    if parsed.quantity is not None:
        return parsed.quantity
    answer = read_quantity(typed)
    if answer.issue is not None:
        return ISSUE_KEYS.get(answer.issue, "quantity_invalid")
    return answer.value
