"""From a sale to a restock order, through the real app, the outbox worker and the fake Graph API.

An API sale opens an alert; the manager inside the 24-hour window gets reply buttons, the one
outside it the approved template with the same ids as quick-reply payloads; a `sent` status sets
`sent_whatsapp`; a tap on [Commander] (signed webhook) creates the order and asks "Combien ?";
the manager's number sets the quantity; a second tap, from the template, changes nothing;
receiving the order brings the stock back and resolves the alert.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from itertools import count
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import Alert, Contact, OrderStatus, RestockOrder
from bot.inbound.processor import process_pending
from bot.managers import add_manager
from bot.outbound.worker import OutboxWorker
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.inbound.helpers import compact, signed_headers
from tests.conftest import TEST_ADMIN_TOKEN, TEST_PHONE_NUMBER_ID, make_settings
from tests.fakes.graph import FakeGraph

AWA = "+221771234567"  # wrote to the bot an hour ago: window open
BOB = "+221781112233"  # never wrote: outside the window
_ids = count(1)


@pytest.fixture
def app_settings(fake_graph: FakeGraph, database_url: str) -> Settings:
    overrides = fake_graph.settings_overrides() | {"outbox_pair_interval_seconds": 0.0}
    return make_settings(database_url, **overrides)


@pytest.fixture
def client(app_settings: Settings, engine: Engine) -> Iterator[TestClient]:
    with transaction(engine) as session:
        apply_products(
            session,
            "dk1",
            parse_products_csv(
                "sku,name,aliases,unit,quantity,threshold,reorder_quantity\n"
                "RIZ,Riz brisé 50kg,riz,sac,20,10,30\n"
            ),
            settings=app_settings,
        )
        add_manager(session, AWA, "dk1", name="Awa")
        add_manager(session, BOB, "dk1", name="Bob")
        session.add(Contact(phone=AWA, wa_id=AWA[1:], last_inbound_at=utcnow()))
    app = create_app(app_settings, engine=engine, run_background=False)
    headers = {"Authorization": f"Bearer {TEST_ADMIN_TOKEN}"}
    with TestClient(app, headers=headers) as test_client:
        yield test_client


def _value(sender: str, **content: Any) -> bytes:
    value = {
        "messaging_product": "whatsapp",
        "metadata": {
            "display_phone_number": "221785550100",
            "phone_number_id": TEST_PHONE_NUMBER_ID,
        },
        **content,
    }
    if "messages" in content:
        value["contacts"] = [{"profile": {"name": "Gérant"}, "wa_id": sender[1:]}]
    change = {"field": "messages", "value": value}
    return compact(
        {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [change]}]}
    )


def _message(sender: str, **kind: Any) -> bytes:
    message = {
        "from": sender[1:],
        "id": f"wamid.e2e{next(_ids)}",
        "timestamp": str(int(time.time())),
    }
    return _value(sender, messages=[{**message, **kind}])


def _post(client: TestClient, body: bytes) -> None:
    response = client.post("/webhooks/whatsapp", content=body, headers=signed_headers(body))
    assert response.status_code == 200


def _settle(settings: Settings, engine: Engine) -> None:
    """What the background loops do: process what webhooks stored, then send the outbox."""
    process_pending(engine, settings)
    worker = OutboxWorker(settings, engine)
    asyncio.run(worker.run(until_idle=True, max_wait=5.0))


def _shown(graph: FakeGraph, phone: str) -> list[str]:
    texts = []
    for body in graph.sent_to(phone):
        if body["type"] == "text":
            texts.append(body["text"]["body"])
        elif body["type"] == "interactive":
            texts.append(body["interactive"]["body"]["text"])
    return texts


def test_sale_to_restock_order(
    client: TestClient, fake_graph: FakeGraph, app_settings: Settings, engine: Engine
) -> None:
    sale = client.post(
        "/api/movements", json={"store": "dk1", "sku": "RIZ", "kind": "sale", "quantity": 16}
    )
    assert sale.json()["quantity"] == 4
    _settle(app_settings, engine)

    [push] = fake_graph.sent_to(AWA)
    assert push["type"] == "interactive"
    assert "Riz brisé 50kg" in push["interactive"]["body"]["text"]
    order_id, later_id = (b["reply"]["id"] for b in push["interactive"]["action"]["buttons"])
    with Session(engine) as session:
        alert = session.exec(select(Alert)).one()
    assert (order_id, later_id) == (f"alert:v1:{alert.id}:order", f"alert:v1:{alert.id}:later")

    [template] = fake_graph.sent_to(BOB)
    assert template["type"] == "template"
    assert template["template"]["name"] == app_settings.alert_template_name
    components = template["template"]["components"]
    params = [p["text"] for c in components if c["type"] == "body" for p in c["parameters"]]
    assert params == ["1", "Riz brisé 50kg : 4 sacs (seuil 10, stock bas)"]
    payloads = [c["parameters"][0]["payload"] for c in components if c["type"] == "button"]
    assert payloads == [order_id, later_id]

    # Meta says the push went out: the old guide's flag follows.
    [sent] = [r for r in fake_graph.accepted if r.to == AWA[1:]]
    wamid, recipient = sent.wamid, sent.to
    status = {
        "id": wamid,
        "status": "sent",
        "timestamp": str(int(time.time())),
        "recipient_id": recipient,
    }
    _post(client, _value(AWA, statuses=[status]))
    _settle(app_settings, engine)
    assert client.get("/api/alerts").json()[0]["sent_whatsapp"] is True

    # Awa taps [Commander]: one question with the reorder quantity; she types another one.
    tap = {
        "type": "interactive",
        "interactive": {
            "type": "button_reply",
            "button_reply": {"id": order_id, "title": "Commander"},
        },
    }
    _post(client, _message(AWA, **tap))
    _settle(app_settings, engine)
    [question] = _shown(fake_graph, AWA)[1:]
    assert question == "Commander 30 sacs de Riz brisé 50kg ?"
    assert client.get("/api/orders").json() == []
    _post(client, _message(AWA, type="text", text={"body": "45"}))
    _settle(app_settings, engine)
    [order] = client.get("/api/orders", params={"status": "confirmed"}).json()
    assert (order["quantity"], order["manager"]) == (45, AWA)
    done = _shown(fake_graph, AWA)[-1]
    assert done == f"✅ Commande n°{order['id']} confirmée : 45 sacs de Riz brisé 50kg."

    # Bob taps the template's quick reply: already ordered, by whom; nothing changes.
    quick = {"type": "button", "button": {"payload": order_id, "text": "Commander"}}
    fake_graph.reset()
    _post(client, _message(BOB, **quick))
    # Bob's message opened his window: the answer is free-form.
    _settle(app_settings, engine)
    [handled] = _shown(fake_graph, BOB)
    assert handled.startswith("Déjà commandé par ")
    assert f"commande n°{order['id']} (45 sacs de Riz brisé 50kg)" in handled
    assert len(client.get("/api/orders").json()) == 1
    with Session(engine) as session:
        stored = session.get(RestockOrder, order["id"])
        assert stored is not None and (stored.quantity, stored.status) == (
            45,
            OrderStatus.CONFIRMED,
        )

    received = client.post(f"/api/orders/{order['id']}/received")
    assert received.json()["stock"] == 49
    assert client.get("/api/alerts", params={"state": "open"}).json() == []
