"""Intent matching: what a shop manager means, from what they actually type.

Pure: standard library and rapidfuzz only. Feed the store's catalog to :class:`IntentMatcher`
and call :meth:`IntentMatcher.parse` on each message.
"""

from intents.csv_catalog import CatalogFileError, decode_catalog, read_products
from intents.matcher import IntentMatcher
from intents.models import CONFIDENT, MIDDLING, Intent, ParsedIntent, Product
from intents.numbers import parse_quantity

__all__ = [
    "CONFIDENT",
    "CatalogFileError",
    "Intent",
    "IntentMatcher",
    "MIDDLING",
    "ParsedIntent",
    "Product",
    "decode_catalog",
    "parse_quantity",
    "read_products",
]
