from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session

from bot.db.models import Manager, Product, Store
from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from bot.stock import get_product, get_store

CATALOG = """sku,name,aliases,unit,quantity,threshold,reorder_quantity
RIZ,Riz brisé 50kg,riz,sac,20,10,30
SUCRE,Sucre 1kg,sucre,paquet,50,5,40
"""


@dataclass
class Shop:
    store: Store
    rice: Product
    sugar: Product
    awa: Manager  # French
    bob: Manager  # English
    gone: Manager  # deactivated


@pytest.fixture
def shop(session: Session, settings: Settings) -> Shop:
    apply_products(session, "dk1", parse_products_csv(CATALOG), settings=settings)
    awa = add_manager(session, "+221771234567", "dk1", name="Awa")
    bob = add_manager(session, "+221781112233", "dk1", name="Bob", language="en")
    gone = add_manager(session, "+221761234500", "dk1", name="Parti")
    gone.active = False
    session.add(gone)
    session.commit()
    store = get_store(session, "dk1")
    return Shop(
        store=store,
        rice=get_product(session, store, "RIZ"),
        sugar=get_product(session, store, "SUCRE"),
        awa=awa,
        bob=bob,
        gone=gone,
    )


from tests.fakes.graph import fake_graph  # noqa: E402, F401
