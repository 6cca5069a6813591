"""Property: whatever sequence of API and WhatsApp operations, the stock equals the sum of its
movements, matches a simple model, and has an open alert exactly when at or below threshold.

WhatsApp operations go the way a manager's messages go: `respond()` reads "vente riz 3", asks
for the confirmation, and the tap on [Oui] records the sale (or the sale is refused)."""

from __future__ import annotations

from itertools import count

from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from bot.clock import utcnow
from bot.conversation import respond
from bot.db.engine import transaction
from bot.db.models import Alert, AlertState, Product, StockMovement, Store
from bot.inbound.models import ButtonReply, InboundMessageEvent, TextMessage
from bot.managers import add_manager, find_manager
from bot.outbound.messages import Buttons, OutgoingMessage, Text
from bot.settings import Settings

THRESHOLD = 5
_examples = count(1)
_messages = count(1)

api_op = st.tuples(
    st.just("api"),
    st.sampled_from(["sale", "receipt", "adjustment"]),
    st.integers(-12, 12),
    st.one_of(st.none(), st.sampled_from(["k1", "k2"])),  # Idempotency-Key, reused on purpose
)
whatsapp_op = st.tuples(
    st.just("whatsapp"), st.sampled_from(["sale", "receipt"]), st.integers(1, 12), st.none()
)
operations = st.lists(st.one_of(api_op, whatsapp_op), max_size=12)


def _say(engine: Engine, app_settings: Settings, phone: str, **content: str) -> OutgoingMessage:
    """The one reply to a message of the manager `phone` (a text, or a tap with `id`)."""
    common = {
        "provider": "meta",
        "message_id": f"wamid.p{next(_messages)}",
        "sender": phone,
        "timestamp": utcnow(),
    }
    message: InboundMessageEvent = (
        ButtonReply(id=content["id"], title="", **common)  # type: ignore[arg-type]
        if "id" in content
        else TextMessage(body=content["body"], **common)  # type: ignore[arg-type]
    )
    with transaction(engine) as session:
        manager = find_manager(session, phone)
        assert manager is not None
        [reply] = respond(session, manager, message, settings=app_settings, now=utcnow())
    return reply


def _whatsapp(engine: Engine, app_settings: Settings, phone: str, kind: str, quantity: int) -> bool:
    verb = "vente" if kind == "sale" else "reçu"
    question = _say(engine, app_settings, phone, body=f"{verb} riz {quantity}")
    if isinstance(question, Text):
        # More than the stock: refused (out of stock) or the quantity asked again.
        assert question.body.startswith(("Vente refusée", "Il ne reste que")), question.body
        if question.body.startswith("Il ne reste que"):
            # The question waiting, cancelled (after a refusal nothing waits: a bare "annuler"
            # would offer to take back the last recording).
            _say(engine, app_settings, phone, body="annuler")
        return False
    assert isinstance(question, Buttons)
    yes = next(b.id for b in question.buttons if b.id.endswith(":yes"))
    done = _say(engine, app_settings, phone, id=yes)
    assert isinstance(done, Text) and done.body.startswith("✅"), done
    return True


@examples(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=st.integers(0, 15), ops=operations)
def test_stock_is_the_sum_of_movements(
    client: TestClient,
    engine: Engine,
    settings: Settings,
    start: int,
    ops: list[tuple[str, str, int, str | None]],
) -> None:
    # A store of its own per example: the manager's catalog is this one product.
    n = next(_examples)
    code, phone = f"p{n}", f"+2217700{n:05d}"
    with transaction(engine) as session:
        session.add(Store(code=code, name=code))
        session.flush()
        add_manager(session, phone, code)
    body = {"store": code, "sku": "RIZ", "name": "Riz", "quantity": start, "threshold": THRESHOLD}
    assert client.post("/api/products", json=body).status_code == 201
    expected = start
    keys: dict[str, tuple[str, int]] = {}  # Idempotency-Key -> the kind and delta it recorded
    for source, kind, quantity, key in ops:
        if source == "whatsapp":
            if _whatsapp(engine, settings, phone, kind, quantity):
                expected += -quantity if kind == "sale" else quantity
            else:
                assert quantity > expected  # refused only beyond the stock
            continue
        key = f"{code}-{key}" if key else None
        headers = {"Idempotency-Key": key} if key else {}
        move = {"store": code, "sku": "RIZ", "kind": kind, "quantity": quantity}
        response = client.post("/api/movements", json=move, headers=headers)
        delta = quantity if kind == "adjustment" else (-quantity if kind == "sale" else quantity)
        if quantity == 0 or (quantity < 0 and kind != "adjustment"):
            assert response.status_code == 422
        elif key in keys:
            # Same key: replayed when the same movement, refused when another one.
            assert response.status_code == (201 if keys[key] == (kind, delta) else 422)
        elif expected + delta < 0:
            assert response.status_code == 409
            assert response.json()["quantity"] == expected
        else:
            assert response.status_code == 201
            expected += delta
            if key:
                keys[key] = (kind, delta)
            assert response.json()["quantity"] == expected
    with Session(engine) as session:
        store = session.exec(select(Store).where(Store.code == code)).one()
        product = session.exec(select(Product).where(Product.store_id == store.id)).one()
        total = session.exec(
            select(func.sum(StockMovement.delta)).where(StockMovement.product_id == product.id)
        ).one()
        open_alerts = session.exec(
            select(func.count())
            .select_from(Alert)
            .where(Alert.product_id == product.id, Alert.state == AlertState.OPEN)
        ).one()
    assert product.quantity == (total or 0) == expected
    assert open_alerts == (1 if product.quantity <= THRESHOLD else 0)
