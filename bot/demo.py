"""Demo data: a Senegalese shop with about fifteen products and one manager."""

from __future__ import annotations

from importlib import resources

from sqlmodel import Session, select

from bot.db.models import Store
from bot.managers import add_manager
from bot.products_import import ImportResult, apply_products, parse_products_csv

DEMO_STORE = "demo"
DEMO_MANAGER_PHONE = "+221771234567"


def demo_catalog_csv() -> str:
    return (resources.files("bot") / "data" / "demo_catalog.csv").read_text(encoding="utf-8")


def create_demo(session: Session, *, phone: str = DEMO_MANAGER_PHONE) -> ImportResult:
    """Create the `demo` store, its products and a demo manager. Idempotent: existing products
    keep their current quantities."""
    if session.exec(select(Store).where(Store.code == DEMO_STORE)).first() is None:
        session.add(Store(code=DEMO_STORE, name="Boutique de démonstration (Dakar)"))
        session.flush()
    result = apply_products(
        session, DEMO_STORE, parse_products_csv(demo_catalog_csv()), only_missing=True
    )
    add_manager(session, phone, DEMO_STORE, name="Awa (démo)")
    return result
