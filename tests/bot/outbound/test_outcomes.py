"""What the worker writes back: statuses that came before the id, wa_id, split texts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, update
from sqlmodel import Session, select

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import Contact, DeliveryStatus, OutboundMessage, OutboundStatus
from bot.outbound.messages import OutgoingMessage, Text
from bot.outbound.outcomes import Done, Unsent, record_outcomes
from bot.transports.base import SendResult
from tests.bot.outbound.helpers import (
    MANAGER,
    meta_settings,
    open_window,
    queue,
    rows,
    run_worker,
)
from tests.conftest import make_settings
from tests.fakes.graph import FakeGraph

T = OutboundMessage.__table__  # type: ignore[attr-defined]


class FixedIds:
    """A transport whose sends get known ids (`wamid.KNOWN1`, …) and a given canonical wa_id."""

    name = "meta"

    def __init__(self, wa_id: str = "") -> None:
        self.wa_id = wa_id
        self.sent = 0

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        self.sent += 1
        return SendResult(f"wamid.KNOWN{self.sent}", self.wa_id or recipient.lstrip("+"))

    async def aclose(self) -> None:
        return None


def test_statuses_received_before_the_id_was_stored_are_applied(
    database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"), Text("deux"))
    moment = utcnow() - timedelta(seconds=5)
    with transaction(engine) as session:  # the webhook beat the worker's write
        for status, message_id, code in [
            ("sent", "wamid.KNOWN1", None),
            ("delivered", "wamid.KNOWN1", None),
            ("failed", "wamid.KNOWN2", "131026"),
        ]:
            session.add(
                DeliveryStatus(
                    provider="meta",
                    provider_message_id=message_id,
                    status=status,
                    error_code=code,
                    error_title="Message undeliverable" if code else None,
                    occurred_at=moment,
                )
            )
    run_worker(make_settings(database_url), engine, transport=FixedIds())
    first, second = rows(engine)
    assert (first.status, first.delivered_at) == (OutboundStatus.DELIVERED, moment)
    assert (second.status, second.last_error_code) == (OutboundStatus.FAILED, "131026")


def test_the_canonical_wa_id_is_kept_on_the_contact(database_url: str, engine: Engine) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    run_worker(make_settings(database_url), engine, transport=FixedIds(wa_id="2217712345670"))
    with Session(engine) as session:
        contact = session.exec(select(Contact).where(Contact.phone == MANAGER)).one()
    assert contact.wa_id == "2217712345670"


def test_when_a_part_fails_for_good_the_later_parts_fail_too(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    long_text = ("Riz brisé 50kg : 3 sacs.\n" * 400).strip()  # 3 parts
    ids = queue(engine, MANAGER, long_text, Text("fin"))
    assert len(ids) == 4
    fake_graph.fail_next(1, 131026, to=MANAGER)
    run_worker(meta_settings(database_url, fake_graph), engine)
    first, second, third, last = rows(engine)
    assert first.status == second.status == third.status == OutboundStatus.FAILED
    assert second.last_error_code == third.last_error_code == "131026"
    assert (third.last_error_text or "").startswith("partie précédente en échec : ")
    assert last.status == OutboundStatus.SENT  # another message: it goes
    assert fake_graph.texts_to(MANAGER) == ["fin"]


class LateWebhook(FixedIds):
    """While "deux" goes out, a status for "un" (already stored as sent) is committed the way a
    webhook leaves it when its UPDATE ran before the worker's write was committed (PostgreSQL,
    READ COMMITTED) and its own commit came after the worker's catch-up read: recorded, applied
    to no row."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        if isinstance(message, Text) and message.body == "deux":
            with transaction(self.engine) as session:
                session.add(
                    DeliveryStatus(
                        provider="meta",
                        provider_message_id="wamid.KNOWN1",
                        status="delivered",
                        occurred_at=utcnow(),
                    )
                )
        return await super().send(recipient, message)


def test_a_status_committed_after_the_catch_up_is_applied_by_the_recheck(
    database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"), Text("deux"))  # "deux" goes once "un" is recorded
    run_worker(make_settings(database_url), engine, transport=LateWebhook(engine))
    first, second = rows(engine)
    assert first.provider_message_id == "wamid.KNOWN1"
    assert first.status == OutboundStatus.DELIVERED and first.delivered_at is not None
    assert second.status == OutboundStatus.SENT


def test_an_unsent_row_is_unmarked_only_where_its_mark_is_still_that_send(
    engine: Engine,
) -> None:
    """A marked row whose send never started goes back due at once, unmarked, no attempt
    counted: where this worker still holds it, or where a worker that took it back queued it
    again as in doubt. Not where another worker holds it (it marks it again before sending), nor
    where a later send marked it."""
    phones = [f"+2217712{i:05d}" for i in range(4)]
    ids = [queue(engine, phone, Text("Alerte"))[0] for phone in phones]
    mark = utcnow() - timedelta(seconds=5)
    later = mark + timedelta(seconds=2)
    grace = utcnow() + timedelta(minutes=1)
    states = [
        {"status": "sending", "locked_by": "me", "sending_started_at": mark},
        {
            "status": "queued",
            "locked_by": None,
            "sending_started_at": mark,
            "next_attempt_at": grace,
        },
        {"status": "sending", "locked_by": "other", "sending_started_at": mark},
        {"status": "sending", "locked_by": "me", "sending_started_at": later},
    ]
    lease = utcnow() + timedelta(seconds=30)
    with engine.begin() as connection:
        for row_id, state in zip(ids, states, strict=True):
            locked = {"locked_until": lease} if state["locked_by"] else {}
            connection.execute(update(T).where(T.c.id == row_id).values(**state, **locked))
    now = utcnow()
    with engine.begin() as connection:
        record_outcomes(
            connection,
            [Unsent(row_id, mark) for row_id in ids],
            worker_id="me",
            provider="meta",
            now=now,
        )
    got = [(r.status, r.locked_by, r.sending_started_at, r.attempts) for r in rows(engine)]
    assert got == [
        (OutboundStatus.QUEUED, None, None, 0),
        (OutboundStatus.QUEUED, None, None, 0),
        (OutboundStatus.SENDING, "other", mark, 0),
        (OutboundStatus.SENDING, "me", later, 0),
    ]
    first, second = rows(engine)[:2]
    assert first.next_attempt_at == second.next_attempt_at == now


def test_a_batch_of_sent_rows_writes_each_row_it_may_and_leaves_the_others(
    database_url: str, engine: Engine
) -> None:
    """The sent rows of a batch are written in one statement: each row gets its own message id
    and time, where this worker still holds it or where a worker that took it back still has
    this send's mark on it (in doubt); a row another send marked since, or already sent, is left
    as it is, and the others of the batch are written all the same, once."""
    phones = [f"+2217713{i:05d}" for i in range(5)]
    ids = [queue(engine, phone, Text("Alerte"))[0] for phone in phones]
    mark = utcnow().replace(microsecond=0) - timedelta(seconds=5)  # stored as ".000000"
    later = mark + timedelta(seconds=2, microseconds=1)
    lease = utcnow() + timedelta(seconds=30)
    states = [
        {"status": "sending", "locked_by": "me", "sending_started_at": mark},
        {"status": "queued", "locked_by": None, "sending_started_at": mark},
        {"status": "sending", "locked_by": "other", "sending_started_at": later},
        {"status": "sent", "locked_by": None, "sending_started_at": None},
        {"status": "sending", "locked_by": "me", "sending_started_at": later},
    ]
    with engine.begin() as connection:
        for row_id, state in zip(ids, states, strict=True):
            locked = {"locked_until": lease} if state["locked_by"] else {}
            connection.execute(update(T).where(T.c.id == row_id).values(**state, **locked))
    sent_at = [utcnow() - timedelta(seconds=i, microseconds=i) for i in range(len(ids))]
    done = [
        Done(row_id, "meta", f"wamid.batch{i}", sent_at[i], started_at=mark)
        for i, row_id in enumerate(ids)
    ]
    with engine.begin() as connection:
        record_outcomes(connection, done[::-1], worker_id="me", provider="meta", now=utcnow())
    got = [
        (r.status, r.provider_message_id, r.sent_at, r.attempts, r.locked_by, r.sending_started_at)
        for r in rows(engine)
    ]
    assert got == [
        (OutboundStatus.SENT, "wamid.batch0", sent_at[0], 1, None, None),
        (OutboundStatus.SENT, "wamid.batch1", sent_at[1], 1, None, None),
        (OutboundStatus.SENDING, None, None, 0, "other", later),
        (OutboundStatus.SENT, None, None, 0, None, None),
        (OutboundStatus.SENT, "wamid.batch4", sent_at[4], 1, None, None),
    ]
