"""Two processes handling messages of one manager at the same moment (PostgreSQL)."""

from __future__ import annotations

import multiprocessing
import time
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.conversation import respond
from bot.db.engine import create_db_engine, transaction
from bot.db.models import OutboundMessage, StockMovement
from bot.demo import DEMO_MANAGER_PHONE, create_demo
from bot.inbound.batch import ReceivedMessage
from bot.inbound.models import TextMessage
from bot.inbound.processor import process_pending
from bot.inbound.store import store_inbound
from bot.managers import find_manager
from bot.outbound.messages import Text, from_payload
from tests.conftest import make_settings

pytestmark = [pytest.mark.postgres_only, pytest.mark.slow]


def _text(body: str, message_id: str, seconds: int = 0) -> TextMessage:
    return TextMessage(
        provider="meta",
        message_id=message_id,
        sender=DEMO_MANAGER_PHONE,
        timestamp=utcnow() + timedelta(seconds=seconds),
        body=body,
    )


def _answer(url: str, body: str, barrier: Any, results: Any) -> None:
    """In a fresh process: respond to `body` as the demo manager, holding the transaction."""
    engine = create_db_engine(url)
    settings = make_settings(url)
    barrier.wait()
    with transaction(engine) as session:
        manager = find_manager(session, DEMO_MANAGER_PHONE)
        assert manager is not None
        replies = respond(session, manager, _text(body, "x"), settings=settings, now=utcnow())
        time.sleep(0.3)  # the other process is at the conversation's door meanwhile
    results.put([r.body for r in replies if isinstance(r, Text)])
    engine.dispose()


def _process(url: str, barrier: Any, fresh_after: int | None) -> None:
    engine = create_db_engine(url)
    barrier.wait()
    process_pending(engine, make_settings(url), fresh_after=fresh_after)
    engine.dispose()


def _sales(engine: Engine) -> list[StockMovement]:
    with Session(engine) as session:
        return list(session.exec(select(StockMovement).where(StockMovement.kind == "sale")))


def test_two_yes_at_once_record_the_sale_once(database_url: str, engine: Engine) -> None:
    settings = make_settings(database_url)
    with transaction(engine) as session:
        create_demo(session, settings=settings)
    with transaction(engine) as session:
        manager = find_manager(session, DEMO_MANAGER_PHONE)
        assert manager is not None
        respond(session, manager, _text("vente riz 2", "a"), settings=settings, now=utcnow())
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    args = (database_url, "oui", barrier, results)
    workers = [spawn.Process(target=_answer, args=args) for _ in "ab"]
    for worker in workers:
        worker.start()
    answers = sorted(results.get(timeout=60)[0] for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert answers[0].startswith("Il n'y a pas de question en cours")
    assert answers[1].startswith("✅ Vente enregistrée : 2 sacs")
    assert len(_sales(engine)) == 1


@pytest.mark.parametrize("fresh_after", [None, 0], ids=["claimed", "fresh"])
def test_two_processors_keep_one_managers_messages_in_order(
    database_url: str, engine: Engine, fresh_after: int | None
) -> None:
    """Each message claimed by a claim of its own, or (fresh to both processes) in the
    transaction that processes it."""
    with transaction(engine) as session:
        create_demo(session, settings=make_settings(database_url))
        messages = [_text("vente riz 2", "m1"), _text("oui", "m2", 1), _text("stock riz", "m3", 2)]
        store_inbound(session, [ReceivedMessage(m, raw={}) for m in messages], now=utcnow())
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    args = (database_url, barrier, fresh_after)
    workers = [spawn.Process(target=_process, args=args) for _ in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    process_pending(engine, make_settings(database_url))  # whatever a lease left behind
    assert len(_sales(engine)) == 1
    with Session(engine) as session:
        rows = session.exec(select(OutboundMessage).order_by(col(OutboundMessage.id))).all()
        shown = [from_payload(r.kind, r.payload) for r in rows]
    bodies = [getattr(m, "body", "") for m in shown]
    assert bodies[0].startswith("Enregistrer la vente de 2 sacs")
    assert bodies[1].startswith("✅ Vente enregistrée : 2 sacs de Riz brisé 50kg. Reste : 40 sacs.")
    assert bodies[2].startswith("Riz brisé 50kg : 40 sacs")
