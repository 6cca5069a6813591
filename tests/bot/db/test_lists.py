"""`any_of`: a column among a list, one statement text whatever the list's length; `likely`."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, event, select
from sqlmodel import Session

from bot.clock import utcnow
from bot.db.lists import any_of
from bot.db.models import Contact, Manager
from bot.inbound.identity import identify_ahead
from bot.inbound.models import TextMessage
from bot.managers import add_manager
from bot.outbound import claims
from tests.statements import executed

PHONES = ["+221770000001", "+221770000002", "+221770000003"]
_MANAGER = Manager.__table__  # type: ignore[attr-defined]
_CONTACT = Contact.__table__  # type: ignore[attr-defined]


@pytest.fixture
def managers(engine: Engine) -> None:
    with Session(engine) as session:
        for phone in PHONES:
            add_manager(session, phone, "")
        session.commit()


def test_any_of_finds_what_an_in_list_finds(engine: Engine, managers: None) -> None:
    query = select(_MANAGER.c.phone).where(any_of(_MANAGER.c.phone, "phones"))
    with engine.connect() as connection:
        for wanted in ([], PHONES[:1], [PHONES[0], PHONES[2], "+221779999999"]):
            found = set(connection.execute(query, {"phones": wanted}).scalars())
            assert found == set(wanted) & set(PHONES)
        given = select(_MANAGER.c.phone).where(any_of(_MANAGER.c.phone, "p", PHONES[1:]))
        assert set(connection.execute(given).scalars()) == set(PHONES[1:])


def test_a_value_longer_than_the_column_is_not_cut_to_match(engine: Engine) -> None:
    """On PostgreSQL the array is cast to its column's type: VARCHAR(64)[] would cut it."""
    stored = "SN." + "7" * 61  # as long as the column allows
    with Session(engine) as session:
        session.add(Contact(phone=stored))
        session.commit()
    query = select(_CONTACT.c.phone).where(any_of(_CONTACT.c.phone, "phones"))
    with engine.connect() as connection:
        assert connection.execute(query, {"phones": [stored + "8"]}).all() == []
        assert connection.execute(query, {"phones": [stored]}).scalars().all() == [stored]


def _text_from(phone: str, user_id: str) -> TextMessage:
    return TextMessage(
        provider="meta",
        message_id=f"wamid.{phone}",
        sender=phone,
        user_id=user_id,
        timestamp=utcnow(),
        body="stock riz",
    )


def test_a_batchs_managers_are_read_by_one_statement_text_whatever_their_number(
    engine: Engine, managers: None
) -> None:
    with executed(engine) as seen:
        for count in (1, 2, 3):
            messages = [_text_from(phone, f"SN.{n}") for n, phone in enumerate(PHONES[:count])]
            with Session(engine) as session:
                found = identify_ahead(session, messages)
                assert [m.phone if m else None for m in found.values()] == PHONES[:count]
    assert len({e.text for e in seen}) == 1


@pytest.mark.parametrize("statement", ["_MARK", "_RENEW"])
def test_the_outboxs_marks_and_renewals_take_their_rows_by_id(
    engine: Engine, statement: str
) -> None:
    """SQLite's planner, without statistics, took the status index (every row in flight) over
    the primary key for a list of four ids or more; `likely` on the status turns it round."""
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's planner")
    sent: list[tuple[str, Any]] = []

    def keep(_c: Any, _cursor: Any, text: str, parameters: Any, *_: Any) -> None:
        sent.append((text, parameters))

    now = utcnow()
    values = {"ids": list(range(1, 21)), "worker": "w", "until": now, "now": now}
    event.listen(engine, "before_cursor_execute", keep)
    try:
        with engine.begin() as connection:
            connection.execute(getattr(claims, statement), values)
            driver = connection.connection.driver_connection
            assert driver is not None
            [(text, parameters)] = sent
            plan = driver.execute(f"EXPLAIN QUERY PLAN {text}", parameters).fetchall()
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    steps = [step[-1] for step in plan if "outbound_message" in step[-1]]
    assert steps and all("PRIMARY KEY" in step for step in steps), steps
