"""Several low or out products in one message: the daily digest, and the pushes of alerts that
open or are reminded together (an import, the reminder sweep), one message per manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.clock import local_time
from bot.db.models import Product, Store
from bot.outbound.messages import Template
from bot.settings import Settings
from state import stock_level
from state.messages import amount, text

TEMPLATE_LIST_MAX = 600  # characters of product list in the template parameter


@dataclass(frozen=True, slots=True)
class StoreWatch:
    """A store and its products at or below their threshold, out of stock first."""

    store: Store
    products: tuple[Product, ...]


def digest_body(
    language: str, watches: list[StoreWatch], now: datetime, hint: str = "digest_hint"
) -> str | None:
    """The digest text for one manager, or None when nothing is low or out; its last line is
    the text `hint` (a grouped push says that a yes orders them)."""
    sections = []
    for watch in watches:
        if not watch.products:
            continue
        lines = [f"*{watch.store.name}*"] if len(watches) > 1 else []
        for key, level in (("digest_out", "out"), ("digest_low", "low")):
            group = [p for p in watch.products if stock_level(p.quantity, p.threshold) == level]
            if group:
                lines.append(f"{text(language, key)} ({len(group)})")
                lines.extend(
                    text(
                        language,
                        "digest_line",
                        product=p.name,
                        quantity=amount(language, p.quantity, p.unit, p.unit_en),
                        threshold=p.threshold,
                    )
                    for p in group
                )
        sections.append("\n".join(lines))
    if not sections:
        return None
    title = text(language, "digest_title", date=local_time(now).strftime("%d/%m"))
    return "\n\n".join([title, *sections, text(language, hint)])


def digest_template(
    settings: Settings,
    watches: list[StoreWatch],
    language: str | None = None,
    name: str | None = None,
) -> Template:
    """The template listing the products on one line (outside the window): `name` (the daily
    summary's), else the alert template; in `language` (a template language) or the configured
    one. Both take {{1}} the number of products and {{2}} their list."""
    products = [p for watch in watches for p in watch.products]
    listing = ""
    for shown, product in enumerate(products):
        item = f"{product.name} ({product.quantity})"
        rest = len(products) - shown
        if len(listing) + len(item) + 2 > TEMPLATE_LIST_MAX:
            listing += f" … +{rest}"
            break
        listing += (", " if listing else "") + item
    return Template(
        name=name or settings.alert_template_name,
        language=language or settings.alert_template_language,
        body_params=(str(len(products)), listing),
    )
