from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.app import create_app
from bot.db.engine import transaction
from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.conftest import TEST_ADMIN_TOKEN

AUTH = {"Authorization": f"Bearer {TEST_ADMIN_TOKEN}"}
CATALOG = """sku,name,aliases,unit,quantity,threshold,reorder_quantity
RIZ,Riz brisé 50kg,riz|ceeb,sac,20,10,30
SUCRE,Sucre 1kg,sucre,paquet,50,5,40
"""
MANAGER = "+221771234567"


def seed(engine: Engine, settings: Settings) -> None:
    with transaction(engine) as session:
        apply_products(session, "dk1", parse_products_csv(CATALOG), settings=settings)
        add_manager(session, MANAGER, "dk1", name="Awa")


@pytest.fixture
def client(settings: Settings, engine: Engine) -> Iterator[TestClient]:
    seed(engine, settings)
    app = create_app(settings, engine=engine, run_background=False)
    with TestClient(app, headers=AUTH) as test_client:
        yield test_client
