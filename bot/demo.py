"""Demo data: a Senegalese shop with about fifteen products and one manager."""

from __future__ import annotations

from importlib import resources

from sqlmodel import Session, select

from bot.db.models import Store
from bot.managers import add_manager, find_manager
from bot.phones import normalize_phone
from bot.products_import import ImportResult, apply_products, parse_products_csv
from bot.settings import Settings

DEMO_STORE = "demo"
DEMO_MANAGER_PHONE = "+221771234567"
DEMO_MANAGER_NAME = "Awa (démo)"


def demo_catalog_csv() -> str:
    return (resources.files("bot") / "data" / "demo_catalog.csv").read_text(encoding="utf-8")


def create_demo(
    session: Session, *, settings: Settings, phone: str = DEMO_MANAGER_PHONE
) -> ImportResult:
    """Create the `demo` store, its products and a demo manager (`phone`, read with
    `settings.default_region`). Idempotent: existing products keep their quantities, and an
    existing manager keeps their name and language (they are only linked to the store)."""
    if session.exec(select(Store).where(Store.code == DEMO_STORE)).first() is None:
        session.add(Store(code=DEMO_STORE, name="Boutique de démonstration (Dakar)"))
        session.flush()
    result = apply_products(
        session,
        DEMO_STORE,
        parse_products_csv(demo_catalog_csv()),
        settings=settings,
        only_missing=True,
    )
    region = settings.default_region
    known = find_manager(session, normalize_phone(phone, region)) is not None
    name = None if known else DEMO_MANAGER_NAME
    add_manager(session, phone, DEMO_STORE, name=name, region=region, update=True)
    return result
