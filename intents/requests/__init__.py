"""Requests beyond the twelve intents, that a conversation acts on: thanks and goodbyes, undoing
or correcting the last movement, stock counts, the open orders, an order received or cancelled.

`read_request(text)` is asked before `IntentMatcher.parse`, whose labels stay as they are (the
intents README): `annule la dernière vente` is an undo here whatever `parse` calls it. Product
words are left in `Request.rest` for the catalog's matcher. Pure: text in, a value out.
"""

from __future__ import annotations

from intents.answers import keys_of
from intents.normalize import NameNumbers
from intents.requests.base import Readings, Request, RequestKind
from intents.requests.counts import read_count, read_counts, relative_count, says_count
from intents.requests.losses import read_loss
from intents.requests.orders import read_order
from intents.requests.reports import read_cover, read_history, read_summary
from intents.requests.supplier_returns import read_supplier_return
from intents.requests.talk import read_language, read_price, read_thanks
from intents.requests.undo import read_undo

__all__ = [
    "Readings",
    "Request",
    "RequestKind",
    "read_counts",
    "read_request",
    "relative_count",
    "says_count",
]

# The first reader that recognises the message wins: a language or thanks before anything else.
_READERS = (
    read_language,
    read_thanks,
    read_price,
    read_cover,
    read_summary,
    read_history,
    read_order,
    read_undo,
    read_supplier_return,
    read_loss,
    read_count,
)


def read_request(text: str, name_numbers: NameNumbers | None = None) -> Request | None:
    """The request `text` makes, if it is one of `RequestKind`; None for everything else.
    `name_numbers` are the catalog's numbers of names (`fleur 11`: `inventaire fleur 11 280`
    counts 280, not 11280; with them, `inventaire bazin 95 m` counts 95 when no name of bazin
    holds 95: `read_count`)."""
    keys = keys_of(text, name_numbers or frozenset())
    if not keys:
        return None
    for reader in _READERS:
        if reader is read_summary:
            found = read_summary(keys, text, name_numbers or frozenset())
        elif reader is read_count:
            found = read_count(keys, text, name_numbers)
        else:
            found = reader(keys, text)
        if found is not None:
            return found
    return None
