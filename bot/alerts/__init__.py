"""Low-stock alerts: opened by any stock movement, pushed to the store's managers."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.db.models import Product


def check_stock_level(session: Session, product: Product, *, now: datetime) -> None:
    """Open, escalate or resolve the product's alert after its quantity changed.

    Called by `bot.stock.record_movement` in the movement's transaction. The alerts issue
    fills this in; until then no alert is opened.
    """
    return
