"""Quantities as managers type them: the answer to "Combien ?", and what is wrong with a number
that cannot be one (`-3`, `2.5`, `0`, a number above the maximum)."""

from __future__ import annotations

import re

from intents import Intent, ParsedIntent, parse_quantity
from intents.numbers import MAX_QUANTITY

__all__ = ["MAX_QUANTITY", "quantity_problem", "read_answer"]

# A number typed on its own: `3`, `-3`, `2.5`, `2,5` (not `5L` or `12kg`, parts of names).
_NUMBER_TOKEN = re.compile(r"(?<![\w.,])[-+]?\d+(?:[.,]\d+)?(?![\w.,])")
_ANSWER_INTENTS = frozenset({Intent.UNKNOWN, Intent.SALE, Intent.RECEIPT, Intent.RESTOCK})


def quantity_problem(typed: str, found: int | None) -> str | None:
    """Why the number typed is not a quantity, as the key of the text that says so: `-3` (that
    the matcher reads as 3), or, when no quantity was `found`, a number that is not whole, zero
    or above the maximum. None when nothing is wrong."""
    for token in _NUMBER_TOKEN.findall(typed):
        if found is not None:
            if token == f"-{found}":
                return "quantity_invalid"
        elif token.startswith("-") or "." in token or "," in token or int(token) == 0:
            return "quantity_invalid"
        elif int(token) > MAX_QUANTITY:
            return "quantity_too_big"
    return None


def read_answer(parsed: ParsedIntent, typed: str) -> int | str | None:
    """What a message answering "Combien ?" says: the quantity (`3`, `trois`, `3 sacs`), the key
    of the text telling what is wrong with its number, or None when it is no answer (it names a
    product or another command, or holds no number)."""
    if parsed.product is not None or parsed.candidates or parsed.intent not in _ANSWER_INTENTS:
        return None
    found = parsed.quantity if parsed.quantity is not None else parse_quantity(typed)
    problem = quantity_problem(typed, found)
    return problem if problem is not None else found
