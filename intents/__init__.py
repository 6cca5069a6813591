"""Intent matching: what a shop manager means, from what they actually type.

Pure: the standard library, rapidfuzz and the number and spelling libraries of the field
(text2num, wolof-numbers, wolof-normalizer); no I/O. Feed the store's catalog to
:class:`IntentMatcher` and call :meth:`IntentMatcher.parse` on each message, or
:meth:`IntentMatcher.parse_many` to read each item of a message that lists several.
"""

from intents.csv_catalog import CatalogFileError, decode_catalog, read_products
from intents.matcher import IntentMatcher
from intents.models import CONFIDENT, MIDDLING, QUANTITY_ISSUES, Intent, ParsedIntent, Product
from intents.numbers import MAX_QUANTITY, Quantity, parse_quantity, read_quantity

__all__ = [
    "CONFIDENT",
    "CatalogFileError",
    "Intent",
    "IntentMatcher",
    "MAX_QUANTITY",
    "MIDDLING",
    "ParsedIntent",
    "Product",
    "QUANTITY_ISSUES",
    "Quantity",
    "decode_catalog",
    "parse_quantity",
    "read_products",
    "read_quantity",
]
