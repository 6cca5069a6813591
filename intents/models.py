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


@dataclass(frozen=True, slots=True)
class Product:
    """A catalog entry: ``aliases`` are other ways managers name it, ``unit`` how it is counted."""

    sku: str
    name: str
    aliases: Sequence[str] = ()
    unit: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "aliases", tuple(self.aliases))


@dataclass(frozen=True, slots=True)
class ParsedIntent:
    """What one message means.

    ``product`` is a sku when one product fits best; when several fit equally, ``product`` is
    None and ``candidates`` lists their skus. ``score`` is a confidence in [0, 1], to compare
    with :data:`CONFIDENT` and :data:`MIDDLING`.
    """

    intent: Intent
    product: str | None = None
    candidates: list[str] = field(default_factory=list)
    quantity: int | None = None
    score: float = 0.0
