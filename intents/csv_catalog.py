"""Products from catalog CSV text (``sku,name,aliases,unit,...``, aliases separated by ``|``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from intents.models import Product


def read_products(lines: Iterable[str]) -> list[Product]:
    """Parse CSV lines; extra columns (quantity, threshold...) are ignored, blank rows skipped."""
    products: list[Product] = []
    for row in csv.DictReader(lines):
        sku = (row.get("sku") or "").strip()
        if not sku:
            continue
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        unit = (row.get("unit") or "").strip() or None
        products.append(
            Product(sku=sku, name=(row.get("name") or sku).strip(), aliases=aliases, unit=unit)
        )
    return products
