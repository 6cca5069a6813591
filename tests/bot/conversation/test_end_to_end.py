"""Dialogues through the real app: signed webhooks in, the processor, the outbox worker, and
what reached the fake Graph API out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import Conversation, InboundMessage, Product, StockMovement, Store
from bot.demo import DEMO_MANAGER_PHONE, create_demo
from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.phone import Phone
from tests.conftest import make_settings
from tests.fakes.graph import FakeGraph

STRANGER = "+221770001122"


@pytest.fixture
def app_settings(fake_graph: FakeGraph, database_url: str) -> Settings:
    overrides = fake_graph.settings_overrides() | {"outbox_pair_interval_seconds": 0.0}
    return make_settings(database_url, **overrides)


@pytest.fixture
def client(app_settings: Settings, engine: Engine) -> Iterator[TestClient]:
    with transaction(engine) as session:
        create_demo(session, settings=app_settings)
    app = create_app(app_settings, engine=engine, run_background=False)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def awa(client: TestClient, fake_graph: FakeGraph, app_settings: Settings, engine: Engine) -> Phone:
    return Phone(DEMO_MANAGER_PHONE, client, fake_graph, app_settings, engine)


def _quantity(engine: Engine, sku: str) -> int:
    with Session(engine) as session:
        return session.exec(select(Product).where(Product.sku == sku)).one().quantity


def test_stock_sale_and_confirmation_by_button(awa: Phone, engine: Engine) -> None:
    assert awa.say("STOCK RIZ").startswith("Riz brisé 50kg : 42 sacs\nSeuil d'alerte : 10 sacs")
    assert awa.say("VENTE RIZ 3") == (
        "Enregistrer la vente de 3 sacs de Riz brisé 50kg ?\n[Oui]\n[Modifier]\n[Non]"
    )
    assert awa.last[0]["type"] == "interactive"
    yes = awa.button("yes")
    assert awa.tap(yes) == "✅ Vente enregistrée : 3 sacs de Riz brisé 50kg. Reste : 39 sacs."
    assert _quantity(engine, "RIZ-BRISE-50") == 39
    assert awa.tap(yes) == "Cette demande a déjà été traitée."
    assert _quantity(engine, "RIZ-BRISE-50") == 39


def test_the_same_message_delivered_twice_is_answered_once(awa: Phone, engine: Engine) -> None:
    awa.say("vente sucre-50 2")
    first = awa.say("oui", message_id="wamid.twice")
    assert first.startswith("✅ Vente enregistrée : 2 sacs")
    assert awa.say("oui", message_id="wamid.twice") == ""
    assert _quantity(engine, "SUCRE-50") == 10
    with Session(engine) as session:
        assert len(session.exec(select(StockMovement).where(StockMovement.delta == -2)).all()) == 1
        rows = session.exec(
            select(InboundMessage).where(InboundMessage.provider_message_id == "wamid.twice")
        ).all()
        assert len(rows) == 1


def test_list_rows_and_numbered_replies(awa: Phone) -> None:
    out = awa.say("stock")
    assert out.startswith("Quel produit ?")
    assert awa.last[0]["interactive"]["type"] == "list"
    row = next(i for i in awa.ids() if i.endswith(":CAFE-TOUBA"))
    assert awa.pick(row).startswith("Café Touba 250g : 30 sachets")
    awa.say("vendu 2 huile")
    assert awa.say("2").startswith("Enregistrer la vente de 2 bidons d'Huile Jadida 5L ?")


def test_order_flow_and_a_tap_on_a_decided_order(awa: Phone) -> None:
    out = awa.say("COMMANDER GAZ 12KG")
    assert out.startswith("Commander 8 bouteilles de gaz 12kg ?")
    yes, no = awa.button("yes"), awa.button("no")
    assert awa.tap(yes).startswith("✅ Commande n°")
    assert awa.tap(no, "Non") == "Cette demande a déjà été traitée."


def test_two_stores_and_an_english_manager(
    client: TestClient, fake_graph: FakeGraph, app_settings: Settings, engine: Engine
) -> None:
    with transaction(engine) as session:
        session.add(Store(code="dk2", name="Dépôt Pikine"))
        session.flush()
        rice = "sku,name,aliases,unit,quantity,threshold\nRIZ-BRISE-50,Riz,rice,sac,5,1\n"
        apply_products(session, "dk2", parse_products_csv(rice), settings=app_settings)
        add_manager(session, "+221781112233", "demo", name="Bob", language="en")
        add_manager(session, "+221781112233", "dk2", name="Bob", language="en")
    bob = Phone("+221781112233", client, fake_graph, app_settings, engine)
    assert bob.say("stock rice") == "Which store?\n[Boutique de démonst…]\n[Dépôt Pikine]"
    out = bob.tap(bob.button("demo"), "Boutique")
    assert out.startswith("Store Boutique de démonstration (Dakar) (demo) selected.\nRiz brisé")
    assert bob.say("stock rice").startswith("Riz brisé 50kg: 42 bags")


def test_an_unknown_number_gets_only_the_refusal(
    client: TestClient, fake_graph: FakeGraph, app_settings: Settings, engine: Engine
) -> None:
    stranger = Phone(STRANGER, client, fake_graph, app_settings, engine)
    out = stranger.say("STOCK RIZ")
    assert "n'est pas encore autorisé" in out
    assert "Riz" not in out


def test_an_expired_question_and_a_photo(awa: Phone, engine: Engine) -> None:
    awa.say("vente riz")
    assert awa.post({"type": "image", "image": {"id": "m1", "mime_type": "image/jpeg"}}) == (
        "Je ne lis pas encore les photos. Écrivez par exemple : STOCK RIZ\n"
        "Riz brisé 50kg : combien de sacs ?"
    )
    with transaction(engine) as session:  # the 30 minutes have passed
        conversation = session.exec(select(Conversation)).one()
        assert conversation.expires_at is not None
        conversation.expires_at = utcnow() - timedelta(seconds=1)
        session.add(conversation)
    assert awa.say("3") == (
        "Cette question a expiré, rien n'a été enregistré. Renvoyez « VENTE Riz brisé 50kg 3 »."
    )
    assert awa.say("3").startswith("Je n'ai pas compris « 3 »")  # a new command now
