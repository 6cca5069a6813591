"""Processing stored messages: per-sender order, leases, exactly once, refusals, retries."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, select

from bot.clock import utcnow
from bot.db.models import Conversation, InboundMessage, Manager, OutboundMessage, Product
from bot.db.writes import WriterGate, writer_gate
from bot.demo import DEMO_MANAGER_PHONE, DEMO_STORE, create_demo
from bot.inbound import processor
from bot.inbound.arrivals import ARRIVALS
from bot.inbound.notices import REFUSAL
from bot.inbound.processor import (
    MAX_ATTEMPTS,
    claim,
    process_batch,
    process_message,
    process_pending,
)
from bot.managers import add_manager
from bot.outbound import outbox as outbox_module
from bot.outbound.messages import to_payload
from bot.settings import Settings
from tests.bot.inbound.helpers import inbound_rows, recent, store_body, text_webhook
from tests.statements import Executed, executed

MANAGER_DIGITS = DEMO_MANAGER_PHONE.lstrip("+")
STRANGER = "221761112233"
NOW = utcnow()
T0 = int(NOW.timestamp()) - 3600  # messages sent an hour before they are processed


@pytest.fixture
def demo(engine: Engine, settings: Settings) -> None:
    with Session(engine) as session:
        create_demo(session, settings=settings)
        session.commit()


def outbox(engine: Engine, recipient: str | None = None) -> list[OutboundMessage]:
    with Session(engine) as session:
        query = select(OutboundMessage).order_by(OutboundMessage.id)  # type: ignore[arg-type]
        if recipient:
            query = query.where(OutboundMessage.recipient == recipient)
        return list(session.exec(query))


def test_a_managers_message_is_answered_once_and_marked_processed(
    engine: Engine, settings: Settings, demo: None
) -> None:
    store_body(engine, recent("meta_text.json"))
    assert process_pending(engine, settings, now=NOW) == 1
    [row] = inbound_rows(engine)
    assert row.processed_at == NOW and row.error is None and row.locked_until is None
    replies = outbox(engine)
    assert replies and all(r.recipient == DEMO_MANAGER_PHONE for r in replies)
    assert all(r.inbound_message_id == row.id for r in replies)
    # Nothing is left to do, and doing it again queues nothing more.
    assert process_pending(engine, settings, now=NOW) == 0
    assert row.id is not None
    process_message(engine, settings, row.id, now=NOW)
    assert len(outbox(engine)) == len(replies)


def test_one_sender_is_processed_in_timestamp_order(
    engine: Engine, settings: Settings, demo: None
) -> None:
    for message_id, timestamp in [("wamid.C", 300), ("wamid.A", 100), ("wamid.B", 200)]:
        store_body(
            engine, text_webhook(message_id, sender=MANAGER_DIGITS, timestamp=T0 + timestamp)
        )
    assert process_pending(engine, settings, now=NOW) == 3
    by_id = {r.id: r.provider_message_id for r in inbound_rows(engine)}
    answered = [by_id[r.inbound_message_id] for r in outbox(engine)]  # type: ignore[index]
    assert answered == sorted(answered)  # A's replies, then B's, then C's
    assert set(answered) == {"wamid.A", "wamid.B", "wamid.C"}


def test_messages_of_one_second_are_answered_in_delivery_order(
    engine: Engine, settings: Settings, demo: None
) -> None:
    """Meta's timestamps are whole seconds; the order of the delivery breaks the tie."""
    payload = json.loads(text_webhook("wamid.ZZZ", sender=MANAGER_DIGITS, body="stock sucre"))
    value = payload["entry"][0]["changes"][0]["value"]
    first = value["messages"][0]
    value["messages"].append({**first, "id": "wamid.AAA", "text": {"body": "stock riz"}})
    store_body(engine, json.dumps(payload).encode())
    assert process_pending(engine, settings, now=NOW) == 2
    by_id = {r.id: r.provider_message_id for r in inbound_rows(engine)}
    answered = [by_id[r.inbound_message_id] for r in outbox(engine)]  # type: ignore[index]
    assert list(dict.fromkeys(answered)) == ["wamid.ZZZ", "wamid.AAA"]


def test_a_claim_takes_one_message_per_sender_and_none_while_it_is_leased(
    engine: Engine, settings: Settings
) -> None:
    store_body(engine, text_webhook("wamid.A2", sender=MANAGER_DIGITS, timestamp=200))
    store_body(engine, text_webhook("wamid.A1", sender=MANAGER_DIGITS, timestamp=100))
    store_body(engine, text_webhook("wamid.S1", sender=STRANGER, timestamp=150))
    ids = {r.provider_message_id: r.id for r in inbound_rows(engine)}
    lease = settings.inbound_lease_seconds
    assert claim(engine, now=NOW, lease_seconds=lease, limit=10) == [
        ids["wamid.A1"],
        ids["wamid.S1"],
    ]
    # An older message arriving late for a sender who has one leased still waits.
    store_body(engine, text_webhook("wamid.A0", sender=MANAGER_DIGITS, timestamp=50))
    assert claim(engine, now=NOW, lease_seconds=lease, limit=10) == []
    # Once the lease has expired (the process died), the sender's oldest is taken back.
    later = NOW + timedelta(seconds=lease + 1)
    rows = {r.provider_message_id: r for r in inbound_rows(engine)}
    assert claim(engine, now=later, lease_seconds=lease, limit=10) == [
        rows["wamid.A0"].id,
        ids["wamid.S1"],
    ]
    rows = {r.provider_message_id: r for r in inbound_rows(engine)}
    assert rows["wamid.A0"].locked_until == later + timedelta(seconds=lease)
    assert rows["wamid.A1"].attempts == 1 and rows["wamid.A0"].attempts == 1
    assert rows["wamid.S1"].attempts == 2


def test_an_unregistered_sender_gets_one_refusal_a_day_and_no_stock_data(
    engine: Engine, settings: Settings, demo: None
) -> None:
    for i in range(3):
        store_body(
            engine,
            text_webhook(f"wamid.S{i}", sender=STRANGER, body="STOCK RIZ", timestamp=T0 + i),
        )
    assert process_pending(engine, settings, now=NOW) == 3
    refusals = outbox(engine, "+" + STRANGER)
    assert [r.payload for r in refusals] == [to_payload(REFUSAL)]
    assert "demandez l'accès au responsable de votre boutique" in refusals[0].payload["body"]
    with Session(engine) as session:
        names = [p.name for p in session.exec(select(Product))]
    assert names and not any(name.lower() in refusals[0].payload["body"].lower() for name in names)
    assert all(r.processed_at == NOW for r in inbound_rows(engine))
    later = NOW + timedelta(hours=23)
    sent = int(later.timestamp())
    store_body(engine, text_webhook("wamid.S9", sender=STRANGER, timestamp=sent), now=later)
    process_pending(engine, settings, now=later)
    assert len(outbox(engine, "+" + STRANGER)) == 1
    later = NOW + timedelta(hours=25)
    store_body(
        engine,
        text_webhook("wamid.S10", sender=STRANGER, timestamp=int(later.timestamp())),
        now=later,
    )
    process_pending(engine, settings, now=later)
    assert len(outbox(engine, "+" + STRANGER)) == 2


def test_an_inactive_manager_is_refused(engine: Engine, settings: Settings, demo: None) -> None:
    with Session(engine) as session:
        manager = session.exec(select(Manager)).one()
        manager.active = False
        session.add(manager)
        session.commit()
    store_body(engine, recent("meta_text.json"))
    process_pending(engine, settings, now=NOW)
    assert [r.payload for r in outbox(engine)] == [to_payload(REFUSAL)]


@pytest.mark.parametrize("name", ["meta_reaction.json"])
def test_a_reaction_needs_no_reply(
    engine: Engine, settings: Settings, demo: None, name: str
) -> None:
    store_body(engine, recent(name))
    assert process_pending(engine, settings, now=NOW) == 1
    assert inbound_rows(engine)[0].processed_at == NOW
    assert outbox(engine) == []


def test_a_sender_without_a_phone_number_is_processed_without_reply(
    engine: Engine, settings: Settings
) -> None:
    store_body(engine, text_webhook("wamid.U", sender="SN.123"))
    assert process_pending(engine, settings, now=NOW) == 1
    assert inbound_rows(engine)[0].processed_at == NOW
    assert outbox(engine) == []


def _broken(engine: Engine, message_id: str, sent_minute: int) -> None:
    """A stored row the processor cannot rebuild: every processing attempt raises."""
    with Session(engine) as session:
        session.add(
            InboundMessage(
                provider="meta",
                provider_message_id=message_id,
                sender=DEMO_MANAGER_PHONE,
                type="text",
                payload={"message": {"type": "no-such-type"}},
                sent_at=datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=sent_minute),
            )
        )
        session.commit()


@pytest.mark.parametrize("fresh", [False, True], ids=["claimed", "fresh"])
def test_a_failing_message_is_retried_with_backoff_then_abandoned_with_an_apology(
    engine: Engine, settings: Settings, demo: None, fresh: bool
) -> None:
    """Claimed by a claim of its own, or (fresh, on PostgreSQL) in the transaction that fails:
    the same attempt counted, the same backoff."""
    mark = processor.stored_so_far(engine) if fresh else None
    _broken(engine, "wamid.BROKEN", 0)
    store_body(engine, recent("meta_text.json"))  # later, same sender: must wait
    assert process_pending(engine, settings, now=NOW, fresh_after=mark) == 1
    broken, waiting = inbound_rows(engine)
    assert broken.processed_at is None and broken.attempts == 1
    assert broken.error is not None and broken.error.startswith("KeyError")
    assert broken.locked_until == NOW + timedelta(seconds=2)
    assert waiting.processed_at is None and outbox(engine) == []
    moment = NOW
    for _ in range(MAX_ATTEMPTS - 1):
        moment += timedelta(minutes=10)
        process_pending(engine, settings, now=moment, limit=1, fresh_after=mark)
    broken, waiting = inbound_rows(engine)
    assert broken.attempts == MAX_ATTEMPTS
    assert broken.processed_at == moment and broken.error is not None
    [apology] = outbox(engine)
    assert apology.inbound_message_id == broken.id
    assert apology.payload["body"].startswith("Désolé")
    # The sender's next message is processed now.
    assert process_pending(engine, settings, now=moment, fresh_after=mark) == 1
    assert inbound_rows(engine)[1].processed_at == moment


def test_a_message_whose_processes_kept_dying_is_abandoned(
    engine: Engine, settings: Settings, demo: None
) -> None:
    _broken(engine, "wamid.CRASHY", 0)
    with Session(engine) as session:
        row = session.exec(select(InboundMessage)).one()
        row.attempts = MAX_ATTEMPTS  # each claim counted, none finished
        row.locked_until = NOW - timedelta(seconds=1)
        session.add(row)
        session.commit()
    assert process_pending(engine, settings, now=NOW) == 1
    [row] = inbound_rows(engine)
    assert row.processed_at == NOW and row.error == "too many attempts"
    assert len(outbox(engine)) == 1


OTHERS = ["221770000101", "221770000102", "221770000103"]
RECENT = int(NOW.timestamp()) - 60  # inside the 24-hour window: replies are sent


@pytest.fixture
def managers(engine: Engine, demo: None) -> None:
    with Session(engine) as session:
        for phone in OTHERS:
            add_manager(session, "+" + phone, DEMO_STORE)
        session.commit()


def _replies_by_message(engine: Engine) -> dict[str, int]:
    by_id = {r.id: r.provider_message_id for r in inbound_rows(engine)}
    counts: dict[str, int] = {}
    for reply in outbox(engine):
        key = by_id[reply.inbound_message_id]  # type: ignore[index]
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_a_batch_of_senders_is_processed_in_one_transaction(
    engine: Engine, settings: Settings, managers: None
) -> None:
    for n, phone in enumerate(OTHERS):
        store_body(engine, text_webhook(f"wamid.OK{n}", sender=phone, timestamp=RECENT + n))
    commits = 0

    def counted(*_: object) -> None:
        nonlocal commits
        commits += 1

    event.listen(engine, "commit", counted)
    try:
        assert process_pending(engine, settings, now=NOW) == 3
    finally:
        event.remove(engine, "commit", counted)
    # The claim, the three messages together (not one transaction each); no claim for nothing
    # afterwards: nothing else was unprocessed when it claimed.
    assert commits == 2
    answered = _replies_by_message(engine)
    assert set(answered) == {"wamid.OK0", "wamid.OK1", "wamid.OK2"}
    assert all(r.processed_at == NOW for r in inbound_rows(engine))


@pytest.mark.parametrize("fresh", [False, True], ids=["claimed", "fresh"])
def test_a_failing_message_in_a_batch_loses_and_duplicates_none_of_the_others(
    engine: Engine, settings: Settings, managers: None, fresh: bool
) -> None:
    """One message of the batch cannot be processed: the batch's transaction rolls back, each
    message is processed again on its own; the others are answered exactly once, the failure is
    recorded for that message only, and running again adds nothing. Fresh (on PostgreSQL): the
    claim rolled back with the batch, the messages are claimed again by id first."""
    mark = processor.stored_so_far(engine) if fresh else None
    store_body(engine, text_webhook("wamid.OK0", sender=OTHERS[0], timestamp=RECENT))
    _broken(engine, "wamid.BROKEN", 0)  # from the demo manager, in the same claim
    store_body(engine, text_webhook("wamid.OK1", sender=OTHERS[1], timestamp=RECENT + 2))
    store_body(engine, text_webhook("wamid.OK2", sender=OTHERS[2], timestamp=RECENT + 1))
    assert process_pending(engine, settings, now=NOW, fresh_after=mark) == 4
    rows = {r.provider_message_id: r for r in inbound_rows(engine)}
    broken = rows.pop("wamid.BROKEN")
    assert broken.processed_at is None and broken.attempts == 1
    assert broken.error is not None and broken.locked_until == NOW + timedelta(seconds=2)
    assert all(r.processed_at == NOW and r.error is None for r in rows.values())
    answered = _replies_by_message(engine)
    assert set(answered) == {"wamid.OK0", "wamid.OK1", "wamid.OK2"}
    # As many replies each as a message processed on its own gets.
    store_body(engine, text_webhook("wamid.ALONE", sender=OTHERS[0], timestamp=RECENT + 3))
    process_pending(engine, settings, now=NOW, fresh_after=mark)
    alone = _replies_by_message(engine)["wamid.ALONE"]
    assert all(answered[k] == alone for k in ("wamid.OK0", "wamid.OK1", "wamid.OK2"))
    before = len(outbox(engine))
    assert (
        process_pending(engine, settings, now=NOW, fresh_after=mark) == 0
    )  # the broken one waits its retry
    assert len(outbox(engine)) == before


@pytest.mark.parametrize("fresh", [False, True], ids=["claimed", "fresh"])
def test_a_reply_that_cannot_be_written_with_the_batchs_loses_and_duplicates_none_of_the_others(
    engine: Engine,
    settings: Settings,
    managers: None,
    fresh: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The replies of a batch are written together (`bot.db.held`): when one of them is refused
    by the database, the write fails for the whole batch, which is processed again one message
    per transaction; the others are answered exactly once, the failure recorded for its own."""
    refused = "+" + OTHERS[1]
    values = outbox_module._values

    def bogus_for_one(recipient: str, *args: Any) -> dict[str, Any]:
        row = values(recipient, *args)
        return row | {"status": "bogus"} if recipient == refused else row  # a CHECK refuses it

    monkeypatch.setattr(outbox_module, "_values", bogus_for_one)
    mark = processor.stored_so_far(engine) if fresh else None
    for i, sender in enumerate(OTHERS):
        store_body(engine, text_webhook(f"wamid.OK{i}", sender=sender, timestamp=RECENT + i))
    assert process_pending(engine, settings, now=NOW, fresh_after=mark) == 3
    rows = {r.provider_message_id: r for r in inbound_rows(engine)}
    failed = rows.pop("wamid.OK1")
    assert failed.processed_at is None and failed.error is not None
    assert all(r.processed_at == NOW and r.error is None for r in rows.values())
    answered = _replies_by_message(engine)
    assert set(answered) == {"wamid.OK0", "wamid.OK2"}
    assert answered["wamid.OK0"] == answered["wamid.OK2"] >= 1
    assert not outbox(engine, refused)


def test_claims_take_each_senders_oldest_in_time_order_up_to_the_limit(
    engine: Engine, settings: Settings
) -> None:
    """A backlog of several senders (the one-pass claim: each sender's rows in order, whether
    one of them is leased): the oldest of each sender, in timestamp order, `limit` at a time."""
    senders = [f"22177000{i:04d}" for i in range(6)]
    for i, sender in enumerate(senders):
        for j in range(3):  # each sender's three messages, stored newest first
            at = 1000 + 10 * (2 - j) + i
            store_body(engine, text_webhook(f"wamid.{i}-{2 - j}", sender=sender, timestamp=at))
    rows = {r.id: r.provider_message_id for r in inbound_rows(engine)}
    lease = settings.inbound_lease_seconds
    first = claim(engine, now=NOW, lease_seconds=lease, limit=4)
    assert [rows[i] for i in first] == ["wamid.0-0", "wamid.1-0", "wamid.2-0", "wamid.3-0"]
    second = claim(engine, now=NOW, lease_seconds=lease, limit=4)
    assert [rows[i] for i in second] == ["wamid.4-0", "wamid.5-0"]  # the others' are leased
    assert claim(engine, now=NOW, lease_seconds=lease, limit=4) == []


def test_a_batch_of_first_messages_creates_each_conversation_once(
    engine: Engine, settings: Settings, managers: None
) -> None:
    """The batch locks its managers' conversations together, creating the missing ones: each
    manager ends with one conversation, saved once per message that changes it."""
    for n, phone in enumerate(OTHERS):
        store_body(engine, text_webhook(f"wamid.FIRST{n}", sender=phone, timestamp=RECENT + n))
    assert process_pending(engine, settings, now=NOW) == 3
    # Another product: the conversation changes (its subject), so it is saved again.
    second = text_webhook(
        "wamid.SECOND0", sender=OTHERS[0], body="stock sucre", timestamp=RECENT + 5
    )
    store_body(engine, second)
    assert process_pending(engine, settings, now=NOW) == 1
    with Session(engine) as session:
        ids = {m.phone: m.id for m in session.exec(select(Manager))}
        versions = {c.manager_id: c.version for c in session.exec(select(Conversation))}
    assert {versions[ids["+" + phone]] for phone in OTHERS[1:]} == {1}
    assert versions[ids["+" + OTHERS[0]]] == 2
    assert set(_replies_by_message(engine)) == {
        "wamid.FIRST0",
        "wamid.FIRST1",
        "wamid.FIRST2",
        "wamid.SECOND0",
    }


def _username_only(message_id: str, *, at: int) -> bytes:
    """A message from a user known by their user id alone (a username, no number)."""
    delivery = json.loads(recent("meta_username_only.json", at=at))
    delivery["entry"][0]["changes"][0]["value"]["messages"][0]["id"] = message_id
    return json.dumps(delivery).encode()


def test_one_manager_writing_from_their_number_and_their_user_id_in_one_batch(
    engine: Engine, settings: Settings, demo: None
) -> None:
    """Two senders, one manager, one claim: the conversation read ahead for the batch serves
    the first of the two messages only; the second reads it again, as saved by the first."""
    store_body(engine, recent("meta_text.json"))  # links the manager's user id
    assert process_pending(engine, settings, now=NOW) == 1
    # Each message changes the conversation (another product), so each is saved.
    number = text_webhook(
        "wamid.NUMBER", sender=MANAGER_DIGITS, body="stock huile 5l", timestamp=RECENT
    )
    store_body(engine, number)
    store_body(engine, _username_only("wamid.USERID", at=RECENT + 1))
    commits = 0

    def counted(*_: object) -> None:
        nonlocal commits
        commits += 1

    event.listen(engine, "commit", counted)
    try:
        assert process_pending(engine, settings, now=NOW) == 2
    finally:
        event.remove(engine, "commit", counted)
    assert commits == 2  # the claim, both messages together (no claim for nothing after)
    rows = {r.provider_message_id: r for r in inbound_rows(engine)}
    assert all(r.processed_at == NOW and r.error is None for r in rows.values())
    answered = _replies_by_message(engine)
    assert answered["wamid.NUMBER"] == answered["wamid.USERID"] >= 1
    with Session(engine) as session:
        [conversation] = session.exec(select(Conversation))
    assert conversation.version == 3


def test_a_batch_reads_its_managers_by_number_and_by_user_id_in_one_statement(
    engine: Engine, settings: Settings, demo: None
) -> None:
    store_body(engine, recent("meta_text.json"))  # links the manager's user id
    assert process_pending(engine, settings, now=NOW) == 1
    number = text_webhook("wamid.NUMBER", sender=MANAGER_DIGITS, body="stock riz", timestamp=RECENT)
    store_body(engine, number)
    store_body(engine, _username_only("wamid.USERID", at=RECENT + 1))
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW) == 2
    reads = [e for e in statements if e.verb == "SELECT" and "\nFROM manager \n" in e.text]
    assert len(reads) == 1  # not one more for the sender known by their user id alone
    answered = _replies_by_message(engine)
    assert answered["wamid.NUMBER"] == answered["wamid.USERID"] == 1


def _with_user_id(body: bytes, user_id: str) -> bytes:
    """A text webhook whose sender carries a business-scoped user id, as Meta's 2026 ones do."""
    delivery = json.loads(body)
    value = delivery["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["user_id"] = user_id
    value["messages"][0]["from_user_id"] = user_id
    return json.dumps(delivery).encode()


def _on_managers(statements: list[Executed]) -> list[tuple[str, int]]:
    """The statements among these that read or write the manager table, with how many rows
    of parameters each ran with."""
    return [
        (e.verb, e.rows)
        for e in statements
        if "FROM manager " in e.text or e.text.startswith("UPDATE manager ")
    ]


def test_a_batchs_user_ids_are_linked_without_a_statement_a_message(
    engine: Engine, settings: Settings, managers: None
) -> None:
    for n, phone in enumerate(OTHERS):
        store_body(
            engine,
            _with_user_id(text_webhook(f"wamid.U{n}", sender=phone, timestamp=RECENT), f"SN.{n}"),
        )
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW) == len(OTHERS)
    # One read of the batch's managers (and of whom its ids belong to), one write of the links.
    assert _on_managers(statements) == [("SELECT", 1), ("UPDATE", len(OTHERS))]
    with Session(engine) as session:
        linked = {m.phone: m.user_id for m in session.exec(select(Manager))}
    assert [linked["+" + phone] for phone in OTHERS] == ["SN.0", "SN.1", "SN.2"]
    assert _replies_by_message(engine) == {f"wamid.U{n}": 1 for n in range(len(OTHERS))}


def test_links_written_before_a_sale_keep_the_batchs_managers_read_ahead(
    engine: Engine, settings: Settings, managers: None
) -> None:
    store_body(engine, text_webhook("wamid.ASK", sender=OTHERS[0], body="vendu 1 savon"))
    assert process_pending(engine, settings, now=NOW) == 1  # "Enregistrer la vente … ?"
    bodies = ["oui", "stock riz", "stock riz"]
    for n, (phone, body) in enumerate(zip(OTHERS, bodies, strict=True)):
        webhook = text_webhook(f"wamid.V{n}", sender=phone, body=body, timestamp=RECENT + n)
        store_body(engine, _with_user_id(webhook, f"SN.{n}"))
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW) == len(OTHERS)
    # The sale's savepoint writes the first link before it; the others still read ahead.
    assert _on_managers(statements) == [("SELECT", 1), ("UPDATE", 1), ("UPDATE", 2)]
    assert outbox(engine, "+" + OTHERS[0])[-1].payload["body"].startswith("✅")
    with Session(engine) as session:
        assert sorted(m.user_id or "" for m in session.exec(select(Manager))) == [
            "",
            "SN.0",
            "SN.1",
            "SN.2",
        ]


def test_a_user_id_two_numbers_carry_in_one_batch_is_linked_to_the_first_only(
    engine: Engine, settings: Settings, managers: None, caplog: pytest.LogCaptureFixture
) -> None:
    for n, phone in enumerate(OTHERS[:2]):
        body = text_webhook(f"wamid.S{n}", sender=phone, timestamp=RECENT + n)
        store_body(engine, _with_user_id(body, "SN.SHARED"))
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW) == 2
    # In the batch's one transaction (no fallback to one message a transaction).
    assert _on_managers(statements) == [("SELECT", 1), ("UPDATE", 1)]
    with Session(engine) as session:
        linked = {m.phone: m.user_id for m in session.exec(select(Manager))}
    assert (linked["+" + OTHERS[0]], linked["+" + OTHERS[1]]) == ("SN.SHARED", None)
    assert "is linked to manager" in caplog.text
    assert _replies_by_message(engine) == {"wamid.S0": 1, "wamid.S1": 1}


def test_a_sender_known_by_user_id_alone_has_their_conversation_read_with_the_batchs(
    engine: Engine, settings: Settings, demo: None
) -> None:
    with Session(engine) as session:
        add_manager(session, "+" + OTHERS[0], DEMO_STORE)
        session.commit()
    store_body(engine, recent("meta_text.json"))  # links the manager's user id
    store_body(engine, text_webhook("wamid.FIRST", sender=OTHERS[0], timestamp=RECENT - 1))
    assert process_pending(engine, settings, now=NOW) == 2  # both have a conversation now
    store_body(engine, text_webhook("wamid.NUMBER", sender=OTHERS[0], timestamp=RECENT))
    store_body(engine, _username_only("wamid.USERID", at=RECENT + 1))
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW) == 2
    reads = [e for e in statements if e.verb == "SELECT" and "\nFROM conversation" in e.text]
    assert len(reads) == 1  # the user id's conversation read (and locked) with the number's
    answered = _replies_by_message(engine)
    assert answered["wamid.NUMBER"] == answered["wamid.USERID"] == 1


def test_a_lone_message_is_claimed_once_and_a_senders_next_one_in_the_same_pass(
    engine: Engine, settings: Settings, managers: None
) -> None:
    def claims(statements: list[Executed]) -> int:
        return sum("UPDATE inbound_message SET locked_until" in e.text for e in statements)

    with executed(engine) as statements:
        store_body(engine, text_webhook("wamid.L1", sender=OTHERS[0], timestamp=RECENT))
        assert process_pending(engine, settings, now=NOW) == 1
        assert claims(statements) == 1  # not a second claim that finds nothing
        statements.clear()
        store_body(engine, text_webhook("wamid.L2", sender=OTHERS[0], timestamp=RECENT + 1))
        store_body(engine, text_webhook("wamid.L3", sender=OTHERS[0], timestamp=RECENT + 2))
        assert process_pending(engine, settings, now=NOW) == 2  # the next waited behind: claimed
        assert claims(statements) == 2
    assert _replies_by_message(engine).keys() == {"wamid.L1", "wamid.L2", "wamid.L3"}


def test_a_message_stored_during_a_pass_is_processed_at_its_wake_up_not_the_next_poll(
    engine: Engine, settings: Settings, managers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pass that claimed a lone message ends without claiming again; a message committed
    after its claim wakes the processor (as its webhook does), and is processed then: with a
    poll an hour away, a lost wake-up would leave it (the hang guard would fail the test).
    On PostgreSQL both are fresh (stored after the processor's mark), claimed where they are
    processed; on SQLite each claim is a transaction of its own."""
    monkeypatch.setattr(processor, "POLL_SECONDS", 3600.0)
    monkeypatch.setattr(processor, "stored_so_far", lambda engine: 0)
    real_fresh, real_batch = processor.process_fresh, processor.process_batch
    ctx = SimpleNamespace(
        engine=engine,
        settings=settings,
        wake_processor=asyncio.Event(),
        wake_outbox=asyncio.Event(),
    )
    passes: list[int] = []

    async def scenario() -> None:
        loop = asyncio.get_running_loop()

        def claimed(taken: int) -> None:
            if taken:
                passes.append(taken)
            if len(passes) == 1 and taken:  # a webhook commits another message after this claim
                store_body(engine, text_webhook("wamid.W2", sender=OTHERS[1], timestamp=RECENT))
                loop.call_soon_threadsafe(ctx.wake_processor.set)

        def fresh(engine: Engine, settings: Settings, mark: int, **kw: Any) -> tuple[int, bool]:
            taken, more = real_fresh(engine, settings, mark, **kw)
            claimed(taken)
            return taken, more

        def batch(engine: Engine, settings: Settings, row_ids: list[int], **kw: Any) -> None:
            claimed(len(row_ids))
            real_batch(engine, settings, row_ids, **kw)

        monkeypatch.setattr(processor, "process_fresh", fresh)
        monkeypatch.setattr(processor, "process_batch", batch)
        store_body(engine, text_webhook("wamid.W1", sender=OTHERS[0], timestamp=RECENT))
        task = asyncio.create_task(processor.run_processor(ctx))  # type: ignore[arg-type]
        try:
            while len(_replies_by_message(engine)) < 2:
                ctx.wake_outbox.clear()
                await ctx.wake_outbox.wait()  # set once a batch's replies are committed
        finally:
            task.cancel()

    asyncio.run(asyncio.wait_for(scenario(), 60))
    assert len(passes) == 2  # one batch each
    assert _replies_by_message(engine).keys() == {"wamid.W1", "wamid.W2"}


def test_a_pass_stopped_at_its_limit_is_followed_at_once_not_at_the_next_poll(
    engine: Engine, settings: Settings, managers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backlog larger than a pass (a burst's end, a restart) has no webhook left to wake the
    processor: the pass that stopped at its limit is followed by the next at once. With a poll
    an hour away, waiting for it would leave the rest (the hang guard would fail the test)."""
    monkeypatch.setattr(processor, "POLL_SECONDS", 3600.0)
    monkeypatch.setattr(processor, "PASS_LIMIT", 2)
    monkeypatch.setattr(processor, "stored_so_far", lambda engine: 0)
    ctx = SimpleNamespace(
        engine=engine,
        settings=settings,
        wake_processor=asyncio.Event(),
        wake_outbox=asyncio.Event(),
    )
    ids = [f"wamid.B{n}" for n in range(5)]
    for n, message_id in enumerate(ids):
        sender = OTHERS[n % len(OTHERS)]
        store_body(engine, text_webhook(message_id, sender=sender, timestamp=RECENT + n))

    async def scenario() -> None:
        task = asyncio.create_task(processor.run_processor(ctx))  # type: ignore[arg-type]
        try:
            while len(_replies_by_message(engine)) < len(ids):
                ctx.wake_outbox.clear()
                await ctx.wake_outbox.wait()  # set once a batch's replies are committed
        finally:
            task.cancel()

    asyncio.run(asyncio.wait_for(scenario(), 60))
    assert _replies_by_message(engine) == dict.fromkeys(ids, 1)


def test_an_alert_pushed_by_a_sale_in_a_batch_is_answered_later_in_the_same_batch(
    engine: Engine, settings: Settings, managers: None
) -> None:
    """The latest pushes of a batch's managers are read ahead; a sale in the batch that pushes
    an alert to another manager of the store makes that manager's message, later in the same
    batch, read it again: their "oui" answers the push (an order), not "nothing pending"."""
    seller, other = OTHERS[0], OTHERS[1]
    store_body(
        engine, text_webhook("wamid.SALE", sender=seller, body="vendu 4 gaz 6kg", timestamp=RECENT)
    )
    assert process_pending(engine, settings, now=NOW) == 1
    store_body(engine, text_webhook("wamid.YES", sender=seller, body="oui", timestamp=RECENT + 1))
    store_body(
        engine, text_webhook("wamid.BYE", sender=OTHERS[2], body="bonjour", timestamp=RECENT + 2)
    )
    store_body(engine, text_webhook("wamid.OUI", sender=other, body="oui", timestamp=RECENT + 3))
    commits = 0

    def counted(*_: object) -> None:
        nonlocal commits
        commits += 1

    event.listen(engine, "commit", counted)
    try:
        assert process_pending(engine, settings, now=NOW) == 3
    finally:
        event.remove(engine, "commit", counted)
    assert commits == 2  # the claim, the three messages together (no claim for nothing after)
    rows = {r.id: r.provider_message_id for r in inbound_rows(engine)}
    pushes = [r for r in outbox(engine, "+" + other) if r.alert_id is not None]
    assert len(pushes) == 1
    [answer] = [
        r for r in outbox(engine, "+" + other) if rows.get(r.inbound_message_id) == "wamid.OUI"
    ]
    assert answer.payload["body"].startswith("Commander 10 bouteilles"), answer.payload
    # "bonjour" (between the sale and the "oui") is told the push's question again.
    told = [r.payload["body"] for r in outbox(engine, "+" + OTHERS[2])]
    assert told[-1] == pushes[0].payload["body"]


def test_a_batch_reads_its_managers_latest_pushes_in_one_statement(
    engine: Engine, settings: Settings, managers: None
) -> None:
    for n, phone in enumerate(OTHERS):
        store_body(engine, text_webhook(f"wamid.P{n}", sender=phone, timestamp=RECENT + n))
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW) == 3
    assert sum("alert_id IS NOT NULL" in e.text for e in statements) == 1
    assert set(_replies_by_message(engine)) == {"wamid.P0", "wamid.P1", "wamid.P2"}


def test_a_turn_kept_for_the_owner_does_not_make_the_batch_look_for_held_replies(
    engine: Engine, settings: Settings, managers: None
) -> None:
    """Which senders have replies held is read for the whole batch; a message misunderstood
    (its turn kept on its inbound row) does not make the messages after it read it again."""
    for n, phone in enumerate(OTHERS):
        body = "azerty qsdf" if n == 0 else "STOCK RIZ"
        store_body(
            engine, text_webhook(f"wamid.H{n}", sender=phone, body=body, timestamp=RECENT + n)
        )
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW) == 3
    assert _held_replies_read(statements) == []
    assert set(_replies_by_message(engine)) == {"wamid.H0", "wamid.H1", "wamid.H2"}
    assert "turn" in inbound_rows(engine)[0].payload


def _held_replies_read(statements: list[Executed]) -> list[str]:
    """The statements that read one sender's held replies (`deliver_replies`)."""
    return [
        e.text for e in statements if e.verb == "SELECT" and "inbound_message.payload" in e.text
    ]


def test_a_sender_without_held_replies_is_not_looked_up_while_another_senders_are_held(
    engine: Engine, settings: Settings, managers: None
) -> None:
    """Whether replies are held is read for each sender of the batch: the replies held for
    another sender (a window closed) do not make every message look for its own."""
    store_body(engine, text_webhook("wamid.OLD", sender=OTHERS[0], timestamp=RECENT))
    assert process_pending(engine, settings, now=NOW) == 1
    with Session(engine) as session:
        [old] = session.exec(select(InboundMessage)).all()
        old.replies_held = True  # as if its window had closed
        session.add(old)
        session.commit()
    for n, phone in enumerate(OTHERS[1:]):
        store_body(engine, text_webhook(f"wamid.N{n}", sender=phone, timestamp=RECENT + 1))
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW) == 2
    assert _held_replies_read(statements) == []
    assert {"wamid.N0", "wamid.N1"} <= set(_replies_by_message(engine))


def test_a_sale_that_pushes_nothing_keeps_the_pushes_read_ahead(
    engine: Engine, settings: Settings, managers: None
) -> None:
    """A sale in the batch that opens no alert queues no push: the messages after it still take
    their latest push from what the batch read ahead."""
    seller = OTHERS[0]
    store_body(engine, text_webhook("wamid.S", sender=seller, body="vendu 1 riz", timestamp=RECENT))
    assert process_pending(engine, settings, now=NOW) == 1
    store_body(engine, text_webhook("wamid.Y", sender=seller, body="oui", timestamp=RECENT + 1))
    for n, phone in enumerate(OTHERS[1:]):
        store_body(engine, text_webhook(f"wamid.Q{n}", sender=phone, timestamp=RECENT + 2 + n))
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW) == 3
    assert sum("alert_id IS NOT NULL" in e.text for e in statements) == 1
    answered = _replies_by_message(engine)
    assert {"wamid.Y", "wamid.Q0", "wamid.Q1"} <= set(answered)
    assert [r for r in outbox(engine) if r.alert_id is not None] == []


FIVE = [*OTHERS, "221770000104", "221770000105"]


@pytest.fixture
def five_managers(engine: Engine, demo: None) -> None:
    with Session(engine) as session:
        for phone in FIVE:
            add_manager(session, "+" + phone, DEMO_STORE)
        session.commit()


def _claimed_in_order(engine: Engine, settings: Settings, order: list[str]) -> list[int]:
    """Claim everything, then give the ids in the order of the message ids `order`."""
    ids = claim(engine, now=NOW, lease_seconds=settings.inbound_lease_seconds, limit=50)
    by_message = {r.provider_message_id: r.id for r in inbound_rows(engine)}
    chosen = [by_message[m] for m in order]
    assert set(chosen) == set(ids)
    return chosen  # type: ignore[return-value]


def _commits(engine: Engine) -> list[int]:
    counted: list[int] = []
    event.listen(engine, "commit", lambda *_: counted.append(1))
    return counted


def test_a_claim_goes_on_in_a_new_transaction_when_asked_to_stop_after_a_part(
    engine: Engine, settings: Settings, five_managers: None
) -> None:
    """Asked after every message but the last, the transaction stops at the second each time
    (as at the end of a part while a webhook is being received): the messages not processed yet
    are put back, leased and unprocessed, and go on in the next transaction; three transactions,
    each message answered once."""
    for n, phone in enumerate(FIVE):
        store_body(engine, text_webhook(f"wamid.P{n}", sender=phone, timestamp=RECENT + n))
    ids = _claimed_in_order(engine, settings, [f"wamid.P{n}" for n in range(5)])
    commits, asked = _commits(engine), []
    states: list[list[tuple[bool, datetime | None]]] = []

    def stop(handled: int, held: float) -> bool:
        asked.append(handled)
        return handled == 2

    def committed() -> None:
        states.append([(r.processed_at is not None, r.locked_until) for r in inbound_rows(engine)])

    process_batch(engine, settings, ids, now=NOW, stop=stop, on_commit=committed)
    assert len(commits) == 3 and len(states) == 3 and asked == [1, 2, 1, 2]
    until = NOW + timedelta(seconds=settings.inbound_lease_seconds)
    assert states[0] == [(True, None)] * 2 + [(False, until)] * 3
    assert states[1] == [(True, None)] * 4 + [(False, until)]
    assert states[2] == [(True, None)] * 5
    assert _replies_by_message(engine) == dict.fromkeys((f"wamid.P{n}" for n in range(5)), 1)
    assert all(r.processed_at == NOW and r.error is None for r in inbound_rows(engine))
    # Not asked to stop: one transaction for the whole claim.
    for n, phone in enumerate(FIVE):
        store_body(engine, text_webhook(f"wamid.Q{n}", sender=phone, timestamp=RECENT + 10 + n))
    ids = _claimed_in_order(engine, settings, [f"wamid.Q{n}" for n in range(5)])
    commits.clear()
    process_batch(engine, settings, ids, now=NOW, stop=lambda handled, held: False)
    assert len(commits) == 1
    assert set(_replies_by_message(engine).values()) == {1}


def test_after_a_stop_the_rest_of_a_claim_goes_on_a_part_at_a_time(
    engine: Engine, settings: Settings, five_managers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped once, after its first message: the rest goes on in transactions of at most
    `SQLITE_PART` messages (2 here), not in one that marks and reads ahead all four again."""
    monkeypatch.setattr(processor, "SQLITE_PART", 2)
    for n, phone in enumerate(FIVE):
        store_body(engine, text_webhook(f"wamid.T{n}", sender=phone, timestamp=RECENT + n))
    ids = _claimed_in_order(engine, settings, [f"wamid.T{n}" for n in range(5)])
    commits, asked = _commits(engine), []

    def stop(handled: int, held: float) -> bool:
        asked.append(handled)
        return len(asked) == 1

    process_batch(engine, settings, ids, now=NOW, stop=stop)
    assert len(commits) == 1 + 2  # one message, then two parts of two
    assert asked == [1, 1, 1]  # each part asked after its first message
    assert _replies_by_message(engine) == dict.fromkeys((f"wamid.T{n}" for n in range(5)), 1)
    assert all(r.processed_at == NOW and r.error is None for r in inbound_rows(engine))


def test_a_failure_in_a_later_transaction_of_a_claim_loses_and_duplicates_nothing(
    engine: Engine, settings: Settings, five_managers: None
) -> None:
    """The claim's second transaction fails (a broken message after the first stop): the first
    transaction's messages stay answered once and are not processed again; the failing
    transaction's messages are processed again one by one, the failure recorded for the broken
    one only."""
    for n, phone in enumerate(FIVE[:4]):
        store_body(engine, text_webhook(f"wamid.R{n}", sender=phone, timestamp=RECENT + n))
    _broken(engine, "wamid.BROKEN", 0)  # the demo manager's
    order = ["wamid.R0", "wamid.R1", "wamid.BROKEN", "wamid.R2", "wamid.R3"]
    ids = _claimed_in_order(engine, settings, order)
    process_batch(engine, settings, ids, now=NOW, stop=lambda handled, held: handled == 2)
    rows = {r.provider_message_id: r for r in inbound_rows(engine)}
    broken = rows.pop("wamid.BROKEN")
    assert broken.processed_at is None and broken.attempts == 1 and broken.error is not None
    assert all(r.processed_at == NOW and r.error is None for r in rows.values())
    assert _replies_by_message(engine) == dict.fromkeys(
        ("wamid.R0", "wamid.R1", "wamid.R2", "wamid.R3"), 1
    )


def test_processing_on_sqlite_lets_a_waiting_webhook_in_after_each_message(
    engine: Engine, settings: Settings, five_managers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`process_pending` asks SQLite's writer gate after every message whether the webhooks'
    group commit waits: while it does, the claim's transaction commits after each message (a
    part of `SQLITE_PART` is not waited for)."""
    if writer_gate(engine) is None:
        pytest.skip("no single writer (PostgreSQL): one transaction per claim")
    assert processor.SQLITE_PART > 5
    monkeypatch.setattr(WriterGate, "ingest_waiting", lambda self: True)
    for n, phone in enumerate(FIVE):
        store_body(engine, text_webhook(f"wamid.S{n}", sender=phone, timestamp=RECENT + n))
    commits = _commits(engine)
    assert process_pending(engine, settings, now=NOW) == 5
    assert len(commits) == 1 + 5  # the claim, then one transaction per message
    assert _replies_by_message(engine) == dict.fromkeys((f"wamid.S{n}" for n in range(5)), 1)


def test_a_transaction_makes_way_for_a_webhook_at_once_and_for_other_writers_after_a_while(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A group commit waiting for the writer: after any message. A delivery being received, or
    another writer waiting long enough: at the end of a part only."""
    gate, part, hold = WriterGate(), processor.SQLITE_PART, processor.SQLITE_HOLD_SECONDS
    assert not processor._make_way(gate, part, 10.0)  # nobody waits
    monkeypatch.setattr(WriterGate, "writers_waiting", lambda self: True)
    assert not processor._make_way(gate, part, 0.0)  # the outbox worker waits: not yet
    assert processor._make_way(gate, part, hold)
    assert not processor._make_way(gate, part - 1, hold)  # nor inside a part
    with ARRIVALS.receiving():  # a delivery being received: at the end of a part
        assert processor._make_way(gate, part, 0.0)
        assert processor._make_way(gate, 2 * part, 0.0)
        assert not processor._make_way(gate, part + 1, 0.0)
    monkeypatch.setattr(WriterGate, "ingest_waiting", lambda self: True)
    for handled in range(1, 2 * part + 1):  # a group commit waits: after any message
        assert processor._make_way(gate, handled, 0.0)


def test_processing_gives_way_to_deliveries_being_received_between_its_transactions(
    engine: Engine, settings: Settings, five_managers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a delivery is being received, `process_pending` gives way before its claim and,
    on SQLite, commits after each part and gives way again before the next transaction: never
    inside a transaction (each time, what came before is committed)."""
    monkeypatch.setattr(processor, "SQLITE_PART", 2)
    for n, phone in enumerate(FIVE):
        store_body(engine, text_webhook(f"wamid.W{n}", sender=phone, timestamp=RECENT + n))
    processed_when_asked: list[int] = []

    def give_way() -> bool:
        processed_when_asked.append(sum(r.processed_at is not None for r in inbound_rows(engine)))
        return True

    monkeypatch.setattr(ARRIVALS, "give_way", give_way)
    with ARRIVALS.receiving():
        assert process_pending(engine, settings, now=NOW) == 5
    if writer_gate(engine) is None:  # PostgreSQL: one transaction per claim
        assert processed_when_asked == [0]
    else:
        assert processed_when_asked == [0, 2, 4]
    assert _replies_by_message(engine) == dict.fromkeys((f"wamid.W{n}" for n in range(5)), 1)


class Killed(BaseException):
    """The process dies here: nothing after it runs, its transaction is rolled back."""


@pytest.mark.postgres_only
def test_fresh_messages_are_claimed_in_the_transaction_that_processes_them(
    engine: Engine, settings: Settings, managers: None
) -> None:
    """Stored after the processor's mark: one transaction claims and processes a pass's
    messages (no claim of its own), each sender's in timestamp order, the attempt counted."""
    mark = processor.stored_so_far(engine)
    for message_id, timestamp in [("wamid.C", 3), ("wamid.A", 1), ("wamid.B", 2)]:
        store_body(engine, text_webhook(message_id, sender=OTHERS[0], timestamp=RECENT + timestamp))
    store_body(engine, text_webhook("wamid.O", sender=OTHERS[1], timestamp=RECENT))
    commits = 0

    def counted(*_: object) -> None:
        nonlocal commits
        commits += 1

    event.listen(engine, "commit", counted)
    try:
        assert process_pending(engine, settings, now=NOW, fresh_after=mark) == 4
    finally:
        event.remove(engine, "commit", counted)
    assert commits == 3  # A and O together, then B, then C: no claim committed apart
    by_id = {r.id: r.provider_message_id for r in inbound_rows(engine)}
    answered = [by_id[r.inbound_message_id] for r in outbox(engine)]  # type: ignore[index]
    mine = [m for m in dict.fromkeys(answered) if m != "wamid.O"]
    assert mine == ["wamid.A", "wamid.B", "wamid.C"]
    assert all(r.processed_at == NOW and r.attempts == 1 for r in inbound_rows(engine))


@pytest.mark.postgres_only
def test_a_pass_claims_the_fresh_messages_another_pass_does_not_hold(
    engine: Engine, settings: Settings, five_managers: None
) -> None:
    """Two passes at once (two processes, or the app's `run_backlog_pass`): while one holds the
    oldest fresh messages in its transaction, the other takes the next ones, not nothing."""
    mark = processor.stored_so_far(engine)
    for n, phone in enumerate(FIVE[:4]):
        store_body(engine, text_webhook(f"wamid.P{n}", sender=phone, timestamp=RECENT + n))
    with Session(engine) as first:  # the first pass, in the middle of its transaction
        held, _ = processor._claim_fresh(first, mark, NOW, 2)
        assert [r.provider_message_id for r in held] == ["wamid.P0", "wamid.P1"]
        taken, more = processor.process_fresh(engine, settings, mark, now=NOW, limit=2)
        first.rollback()
    assert (taken, more) == (2, True)
    assert _replies_by_message(engine) == {"wamid.P2": 1, "wamid.P3": 1}
    assert process_pending(engine, settings, now=NOW, fresh_after=mark) == 2
    assert _replies_by_message(engine) == dict.fromkeys((f"wamid.P{n}" for n in range(4)), 1)


@pytest.mark.postgres_only
def test_two_passes_of_one_process_share_a_backlog_each_senders_messages_in_order(
    engine: Engine, settings: Settings, five_managers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's two passes on PostgreSQL (`run_backlog_pass`), in threads of one process: both
    take messages, each message is answered once, each sender's in the order they were sent."""
    monkeypatch.setattr(processor, "CLAIM_BATCH", 2)
    real_answer = processor._answer

    def slow_answer(*args: Any) -> Any:
        time.sleep(0.01)  # long enough for the other pass to claim meanwhile
        return real_answer(*args)

    monkeypatch.setattr(processor, "_answer", slow_answer)
    mark = processor.stored_so_far(engine)
    for turn in range(3):
        for n, phone in enumerate(FIVE):
            message_id = f"wamid.S{n}T{turn}"
            store_body(engine, text_webhook(message_id, sender=phone, timestamp=RECENT + turn))
    start = threading.Barrier(2)

    def one_pass() -> int:
        start.wait()
        return process_pending(engine, settings, now=NOW, fresh_after=mark)

    with ThreadPoolExecutor(2) as passes:
        handled = list(passes.map(lambda _: one_pass(), range(2)))
    assert sum(handled) == 15 and min(handled) > 0, handled
    assert _replies_by_message(engine) == {
        f"wamid.S{n}T{turn}": 1 for n in range(5) for turn in range(3)
    }
    by_id = {r.id: r.provider_message_id for r in inbound_rows(engine)}
    for n, phone in enumerate(FIVE):
        answered = [by_id[r.inbound_message_id] for r in outbox(engine, "+" + phone)]  # type: ignore[index]
        assert answered == [f"wamid.S{n}T{turn}" for turn in range(3)]


@pytest.mark.parametrize("fresh_after", [None, 0], ids=["claimed", "fresh"])
def test_a_full_claim_calls_for_the_backlog_pass_a_lone_message_does_not(
    engine: Engine,
    settings: Settings,
    five_managers: None,
    monkeypatch: pytest.MonkeyPatch,
    fresh_after: int | None,
) -> None:
    """`on_full` (the app's `run_backlog_pass` on PostgreSQL) is called when a claim comes back
    full, before its messages are processed; a lone message calls for no second pass."""
    monkeypatch.setattr(processor, "CLAIM_BATCH", 2)
    if engine.dialect.name != "postgresql":
        fresh_after = None  # claimed apart on SQLite (`process_pending`)
    processed_when_called: list[int] = []

    def full() -> None:
        processed_when_called.append(sum(r.processed_at is not None for r in inbound_rows(engine)))

    store_body(engine, text_webhook("wamid.L", sender=FIVE[0], timestamp=RECENT))
    assert process_pending(engine, settings, now=NOW, fresh_after=fresh_after, on_full=full) == 1
    assert processed_when_called == []
    for n, phone in enumerate(FIVE):
        store_body(engine, text_webhook(f"wamid.B{n}", sender=phone, timestamp=RECENT + 1 + n))
    assert process_pending(engine, settings, now=NOW, fresh_after=fresh_after, on_full=full) == 5
    assert processed_when_called == [1, 3]  # two full claims of two, each before processing


def test_a_pass_beside_another_stops_while_webhooks_come_in(
    engine: Engine, settings: Settings, managers: None
) -> None:
    """`run_backlog_pass`'s pass leaves the acknowledgements the interpreter: it claims nothing
    while a delivery is being received; the pass it runs beside gives way, then goes on."""
    store_body(engine, text_webhook("wamid.W", sender=OTHERS[0], timestamp=RECENT))
    with ARRIVALS.receiving():
        assert process_pending(engine, settings, now=NOW, beside=True) == 0
        assert process_pending(engine, settings, now=NOW) == 1


@pytest.mark.postgres_only
def test_a_message_killing_its_processor_is_given_up_after_max_attempts(
    engine: Engine, settings: Settings, managers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message whose processing kills the process, fresh: its first attempt is counted by
    nothing (rolled back with the transaction), but a restarted process (a new mark) claims it
    by a claim of its own, which counts each attempt: after MAX_ATTEMPTS the manager gets the
    apology. The other message of the killed transaction is processed once."""
    real_answer = processor._answer
    deaths = 0

    def answer(session: Session, settings: Settings, row: InboundMessage, *a: Any) -> Any:
        nonlocal deaths
        if row.provider_message_id == "wamid.POISON" and row.attempts <= MAX_ATTEMPTS:
            deaths += 1
            raise Killed
        return real_answer(session, settings, row, *a)

    monkeypatch.setattr(processor, "_answer", answer)
    mark = processor.stored_so_far(engine)
    store_body(engine, text_webhook("wamid.POISON", sender=OTHERS[0], timestamp=RECENT))
    store_body(engine, text_webhook("wamid.GOOD", sender=OTHERS[1], timestamp=RECENT + 1))
    moment = NOW
    with pytest.raises(Killed):
        process_pending(engine, settings, now=moment, fresh_after=mark)
    assert all(r.processed_at is None and r.attempts == 0 for r in inbound_rows(engine))
    for _ in range(MAX_ATTEMPTS + 3):  # restarts, each after the last one's lease expired
        moment += timedelta(seconds=settings.inbound_lease_seconds + 1)
        try:
            process_pending(
                engine, settings, now=moment, fresh_after=processor.stored_so_far(engine)
            )
        except Killed:
            continue
        break
    rows = {r.provider_message_id: r for r in inbound_rows(engine)}
    poison = rows["wamid.POISON"]
    assert deaths == 1 + MAX_ATTEMPTS  # the fresh attempt, then MAX_ATTEMPTS counted
    assert poison.processed_at == moment and poison.error == "too many attempts"
    [apology] = outbox(engine, "+" + OTHERS[0])
    assert apology.inbound_message_id == poison.id
    assert rows["wamid.GOOD"].processed_at is not None
    assert set(_replies_by_message(engine)) == {"wamid.POISON", "wamid.GOOD"}


@pytest.mark.parametrize("fresh_after", [None, 0], ids=["claimed", "fresh"])
def test_a_messages_claim_or_mark_reads_its_senders_window_and_held_replies(
    engine: Engine, settings: Settings, managers: None, fresh_after: int | None
) -> None:
    """The claim of a fresh message (PostgreSQL), or the mark of a claimed one, reads what
    `deliver_replies` reads for its sender (the window, whether replies are held): alone or in
    a batch, no statement of their own; the replies go out. On SQLite (a subquery of RETURNING
    uses no index there) one statement reads them for all the messages a transaction marked."""
    store_body(engine, text_webhook("wamid.F1", sender=OTHERS[0], timestamp=RECENT))
    with executed(engine) as statements:
        assert process_pending(engine, settings, now=NOW, fresh_after=fresh_after) == 1
        for n, phone in enumerate(OTHERS):
            store_body(engine, text_webhook(f"wamid.G{n}", sender=phone, timestamp=RECENT + 1))
        assert process_pending(engine, settings, now=NOW, fresh_after=fresh_after) == 3
    own = [
        e
        for e in statements
        if e.verb == "SELECT" and ("FROM contact" in e.text or "replies_held" in e.text)
    ]
    if engine.dialect.name == "postgresql":
        assert own == []
    else:  # the lone message's transaction, then the batch's: by the ids marked
        # (the simulator's provider, the ids as one JSON array)
        assert [json.loads(e.parameters[-1]) for e in own] == [[1], [2, 3, 4]]
    assert set(_replies_by_message(engine)) == {"wamid.F1", "wamid.G0", "wamid.G1", "wamid.G2"}
