"""Replies that read the catalog: one product's stock, the whole stock, what to reorder."""

from __future__ import annotations

from collections.abc import Sequence

from intents.normalize import fold
from state.messages import amount, product_count, text
from state.values import ProductView

_MARK = {"out": "❌ ", "low": "⚠️ ", "ok": ""}


def stock_text(language: str, product: ProductView) -> str:
    lines = [
        text(
            language,
            "stock",
            name=product.name,
            quantity=amount(language, product.quantity, product.unit, product.unit_en),
            threshold=amount(language, product.threshold, product.unit, product.unit_en),
        )
    ]
    if product.level == "out":
        lines.append(text(language, "stock_out"))
    elif product.level == "low":
        lines.append(text(language, "stock_low"))
    if product.last_movement:
        lines.append(text(language, "last_movement", date=product.last_movement))
    else:
        lines.append(text(language, "no_movement"))
    return "\n".join(lines)


def family_line(language: str, product: ProductView, cover: str | None) -> str:
    """One product of a family listed in a stock answer: `⚠️ Ciment blanc 25kg : 4 sacs`."""
    shown = text(
        language,
        "overview_line",
        mark=_MARK[product.level],
        name=product.name,
        quantity=amount(language, product.quantity, product.unit, product.unit_en),
    )
    return f"{shown} · {cover}" if cover else shown


def overview_text(language: str, store_name: str, products: Sequence[ProductView]) -> str:
    """Every product, one short line each, by name read without accents or case (`Épices`
    between `Eau` and `Farine`, not after `Z`); long stores make long text: the sender splits it."""
    if not products:
        return text(language, "overview_empty", store=store_name)
    count = product_count(language, len(products))
    lines = [text(language, "overview_title", store=store_name, count=count)]
    lines += [
        text(
            language,
            "overview_line",
            mark=_MARK[p.level],
            name=p.name,
            quantity=amount(language, p.quantity, p.unit, p.unit_en),
        )
        for p in sorted(products, key=lambda p: (fold(p.name), p.name))
    ]
    return "\n".join(lines)


def to_reorder(products: Sequence[ProductView]) -> list[ProductView]:
    """Products at or below their threshold, out of stock first, then by name."""
    return sorted(
        (p for p in products if p.level != "ok"),
        key=lambda p: (p.level != "out", fold(p.name), p.name),
    )


def alerts_text(language: str, products: Sequence[ProductView]) -> str:
    """The products to reorder, each marked with the order on its way if there is one."""
    lines = [text(language, "alerts_title", count=len(products))]
    lines += [
        text(
            language,
            "alerts_line" if p.order_id is None else "alerts_line_ordered",
            mark=_MARK[p.level],
            name=p.name,
            quantity=amount(language, p.quantity, p.unit, p.unit_en),
            threshold=p.threshold,
            order=p.order_id,
        )
        for p in products
    ]
    return "\n".join(lines)
