"""The values that go in and out of the matcher."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# Score bands for the conversation layer: at or above CONFIDENT act on the reading, between
# MIDDLING and CONFIDENT ask "Vouliez-vous dire … ?", below MIDDLING say it was not understood.
CONFIDENT = 0.8
MIDDLING = 0.5


class Intent(StrEnum):
    STOCK_QUERY = "stock_query"
    STOCK_OVERVIEW = "stock_overview"
    LOW_STOCK = "low_stock"
    RESTOCK = "restock"
    SALE = "sale"
    RECEIPT = "receipt"
    HELP = "help"
    CANCEL = "cancel"
    YES = "yes"
    NO = "no"
    GREETING = "greeting"
    UNKNOWN = "unknown"


# Only these intents carry a product (the others always have product None).
PRODUCT_INTENTS = frozenset({Intent.STOCK_QUERY, Intent.RESTOCK, Intent.SALE, Intent.RECEIPT})
# Only these intents carry a quantity (plus a bare number answered to "Combien ?").
QUANTITY_INTENTS = frozenset({Intent.RESTOCK, Intent.SALE, Intent.RECEIPT})


# Why a number is not a quantity: -5, 3-4 (or "3 à 4"), 1e9, 2,5, 0, above MAX_QUANTITY, a Wolof
# numeral that reads two ways.
QUANTITY_ISSUES = ("negative", "range", "exponent", "decimal", "zero", "too_big", "ambiguous")


@dataclass(frozen=True, slots=True)
class Product:
    """A catalog entry: ``aliases`` are other ways managers name it, ``unit`` how it is counted
    (``unit_en`` the same in English when the usual translation does not fit: a ``flacon`` is a
    ``bottle``)."""

    sku: str
    name: str
    aliases: Sequence[str] = ()
    unit: str | None = None
    unit_en: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "aliases", tuple(self.aliases))


@dataclass(frozen=True, slots=True)
class ParsedIntent:
    """What one message means.

    ``product`` is a sku when one product fits best; when several fit equally, ``product`` is
    None and ``candidates`` lists their skus. ``score`` is a confidence in [0, 1], to compare
    with :data:`CONFIDENT` and :data:`MIDDLING`.

    ``quantity_issue`` says why a number typed as the quantity is not one, so that it is asked
    about rather than guessed (``quantity`` is then None): one of :data:`QUANTITY_ISSUES`.
    ``text`` is what the reading is about as typed: the message for ``parse``, the item for
    ``parse_many`` (``3 yaourt`` of ``vendu 2 sel et 3 yaourt``, without the verb it borrows),
    to name a line back to the manager ("je ne trouve pas « 3 yaourt »").
    ``planned``: the item is told as what a customer or someone else will do (`le client va
    prendre 2 riz`, `intents.plans`), not as done: whether it was, is for the caller to ask.
    """

    intent: Intent
    product: str | None = None
    candidates: list[str] = field(default_factory=list)
    quantity: int | None = None
    score: float = 0.0
    quantity_issue: str | None = None
    text: str = ""
    planned: bool = False
