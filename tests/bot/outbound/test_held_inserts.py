"""The replies `enqueue_many` queues are held for the transaction and written together
(`bot.db.held`): before anything names the outbox table, before a savepoint, before commit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, text
from sqlmodel import Session, select

from bot.clock import utcnow
from bot.db.models import OutboundMessage
from bot.outbound.messages import Text
from bot.outbound.outbox import enqueue, enqueue_many
from tests.statements import Executed, executed

A, B = "+221770000001", "+221770000002"


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[Executed]]:
    with executed(engine) as seen:
        yield seen


def _bodies(engine: Engine) -> list[str]:
    with Session(engine) as other:
        rows = other.exec(select(OutboundMessage).order_by(OutboundMessage.id))  # type: ignore[arg-type]
        return [row.payload["body"] for row in rows]


def test_replies_are_written_together_before_the_outbox_is_read_and_in_the_order_queued(
    session: Session, engine: Engine, statements: list[Executed]
) -> None:
    now = utcnow()
    session.connection()
    statements.clear()
    enqueue_many(session, [(A, Text("a1")), (A, Text("a2"))], now=now)
    enqueue_many(session, [(B, Text("b1"))], now=now)
    assert [e for e in statements if "outbound_message" in e.text] == []  # not written yet
    count = session.exec(select(func.count()).select_from(OutboundMessage)).one()
    assert count == 3  # what reads the outbox next reads them
    written = [e.verb for e in statements if "outbound_message" in e.text]
    assert written == ["INSERT", "SELECT"]  # one statement for all
    enqueue_many(session, [(B, Text("b2"))], now=now)
    enqueue(session, A, Text("a3"), now=now)  # the ORM's insert comes after the held row
    enqueue_many(session, [(A, Text("a4"))], now=now)
    statements.clear()
    session.commit()  # and before the commit
    assert [e.verb for e in statements if "outbound_message" in e.text] == ["INSERT"]
    assert _bodies(engine) == ["a1", "a2", "b1", "b2", "a3", "a4"]


def test_replies_of_a_rolled_back_transaction_are_never_written(
    session: Session, engine: Engine
) -> None:
    enqueue_many(session, [(A, Text("lost"))], now=utcnow())
    session.rollback()
    enqueue_many(session, [(B, Text("kept"))], now=utcnow())
    session.commit()
    assert _bodies(engine) == ["kept"]


def test_replies_held_are_written_before_a_savepoint_that_may_roll_back(
    session: Session, engine: Engine
) -> None:
    enqueue_many(session, [(A, Text("before"))], now=utcnow())
    with pytest.raises(LookupError), session.begin_nested():
        enqueue_many(session, [(A, Text("inside"))], now=utcnow())
        session.exec(select(OutboundMessage)).all()  # writes "inside" in the savepoint
        raise LookupError
    session.commit()
    assert _bodies(engine) == ["before"]


def test_replies_held_in_a_savepoint_rolled_back_are_never_written(
    session: Session, engine: Engine
) -> None:
    enqueue_many(session, [(A, Text("before"))], now=utcnow())
    with pytest.raises(LookupError), session.begin_nested():
        enqueue_many(session, [(A, Text("inside"))], now=utcnow())
        raise LookupError
    with session.begin_nested():
        enqueue_many(session, [(A, Text("released"))], now=utcnow())
    session.commit()
    assert _bodies(engine) == ["before", "released"]


def test_a_statement_that_only_names_a_column_after_the_outbox_does_not_write_them(
    session: Session, statements: list[Executed]
) -> None:
    session.connection()
    enqueue_many(session, [(A, Text("held"))], now=utcnow())
    statements.clear()
    # A column named after the table (as outbound_message_id would be) is not the table.
    session.execute(text("SELECT 1 AS outbound_message_id")).all()
    assert [e.verb for e in statements] == ["SELECT"]
    session.exec(select(func.count()).select_from(OutboundMessage)).one()
    assert [e.verb for e in statements] == ["SELECT", "INSERT", "SELECT"]
