"""Many rows in one statement (`bot.db.rows`): what goes in comes back, in order, and a batch
with a row the database refuses loses and duplicates none of the others."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import Engine, select
from sqlmodel import Session

from bot.db.models import Conversation, DeliveryStatus, InboundMessage, Manager, OutboundMessage
from bot.db.rows import ManyRows
from bot.dialogue.storage import (
    ConversationConflict,
    lock_conversation,
    lock_conversations,
    save_conversation,
)
from bot.inbound.batch import ReceivedMessage, ReceivedStatus, WebhookBatch
from bot.inbound.ingest import _Job, commit_group
from bot.inbound.meta import loads, parse_webhook
from bot.inbound.models import DeliveryState, ProviderError, StatusUpdate
from bot.inbound.store import store_inbound, store_statuses
from bot.outbound.messages import Text
from bot.outbound.outbox import enqueue_many
from state import ConversationSnapshot
from tests.bot.inbound.helpers import inbound_rows, text_webhook

NOW = datetime(2026, 12, 4, 12, 0, 30, 123456, tzinfo=UTC)
LONG = "Riz brisé « parfumé » \\ \"quoted\" 'single'\n\tñ ë à 🛒 " * 400  # ~17,000 characters
NAMES = ["Fàtou Ndiaye", "Mamadou Ñaŋ 🛒", "", 'O\'Brien "Bob" \\ back', "ëëë" * 66]


def _received(i: int, *, name: str, body: str, contact: bool) -> ReceivedMessage:
    [item] = parse_webhook(loads(text_webhook(f"wamid.R{i}", sender=f"22177000{i:04d}"))).messages
    message = dataclasses.replace(
        item.message,
        sender_name=name,
        timestamp=NOW - timedelta(seconds=10 - i),
    )
    raw = dict(item.raw) | {"text": {"body": body}}
    return ReceivedMessage(message, raw, {"profile": {"name": name}} if contact else None)


def test_messages_round_trip_with_nulls_unicode_and_long_text_in_order(engine: Engine) -> None:
    items = [
        _received(i, name=name, body=LONG if i % 2 else name, contact=i != 2)
        for i, name in enumerate(NAMES)
    ]
    with Session(engine) as session, session.begin():
        store_inbound(session, list(reversed(items)), now=NOW)  # stored by timestamp
    rows = sorted(inbound_rows(engine), key=lambda row: row.id or 0)
    assert [row.provider_message_id for row in rows] == [f"wamid.R{i}" for i in range(len(NAMES))]
    for row, item in zip(rows, items, strict=True):
        assert row.sender_name == item.message.sender_name
        assert row.payload["raw"]["text"]["body"] == item.raw["text"]["body"]
        assert row.payload["contact"] == item.contact  # None stays None
        assert row.payload["message"] == item.message.to_dict()
        assert row.sent_at == item.message.timestamp  # microseconds and zone kept
        assert row.received_at == NOW
        assert row.processed_at is None and row.error is None and row.replies_held is False


def _status(i: int, errors: tuple[ProviderError, ...]) -> ReceivedStatus:
    status = StatusUpdate(
        provider="meta",
        message_id=f"wamid.S{i}",
        status=DeliveryState.FAILED if errors else DeliveryState.DELIVERED,
        raw_status="failed" if errors else "delivered",
        timestamp=NOW,
        recipient="221770000001",
        errors=errors,
    )
    return ReceivedStatus(status, {"id": f"wamid.S{i}", "note": LONG if errors else None})


def test_statuses_round_trip_nulls_and_long_titles_and_return_the_new_ones(engine: Engine) -> None:
    statuses = [
        _status(0, ()),
        _status(1, (ProviderError("131047", LONG),)),
        _status(2, (ProviderError("", "Réengagement ñ 🛒"),)),  # an empty code: NULL
    ]
    with Session(engine) as session, session.begin():
        assert store_statuses(session, statuses, now=NOW) == statuses
    with Session(engine, expire_on_commit=False) as session, session.begin():  # again: nothing new
        assert store_statuses(session, [*statuses, _status(3, ())], now=NOW) == [_status(3, ())]
        rows = {row.provider_message_id: row for row in session.scalars(select(DeliveryStatus))}
    assert len(rows) == 4
    assert rows["wamid.S0"].error_code is None and rows["wamid.S0"].error_title is None
    assert rows["wamid.S0"].payload == {"id": "wamid.S0", "note": None}
    assert (rows["wamid.S1"].error_code, rows["wamid.S1"].error_title) == ("131047", LONG)
    assert rows["wamid.S1"].payload["note"] == LONG
    assert (rows["wamid.S2"].error_code, rows["wamid.S2"].error_title) == (
        None,
        "Réengagement ñ 🛒",
    )
    assert rows["wamid.S2"].occurred_at == NOW


def test_a_group_with_a_row_the_database_refuses_loses_and_duplicates_no_other(
    engine: Engine,
) -> None:
    """One statement writes every message of a group: a row it cannot write fails the group,
    whose deliveries are then stored each alone (`bot.inbound.ingest`); a copy of a message
    already in the group is stored once."""
    loop = asyncio.new_event_loop()

    def job(*message_ids: str, sender: str | None = None) -> _Job:
        messages: list[ReceivedMessage] = []
        for message_id in message_ids:
            [item] = parse_webhook(loads(text_webhook(message_id))).messages
            if sender is not None:
                item = dataclasses.replace(
                    item, message=dataclasses.replace(item.message, sender=sender)
                )
            messages.append(item)
        batch = WebhookBatch(provider="meta", messages=tuple(messages))
        return _Job(batch, b"{}", loop.create_future())

    try:
        # A sender longer than its column: PostgreSQL refuses the row (SQLite keeps it).
        bad = job("wamid.BAD", sender="+2217" + "7" * 80)
        jobs = [job("wamid.G0", "wamid.G1"), bad, job("wamid.G1", "wamid.G2"), job("wamid.G3")]
        outcomes = commit_group(engine, jobs)
    finally:
        loop.close()
    stored = [row.provider_message_id for row in inbound_rows(engine)]
    good = ["wamid.G0", "wamid.G1", "wamid.G2", "wamid.G3"]
    assert sorted(m for m in stored if m != "wamid.BAD") == good  # each once
    assert [outcomes[i] for i in (0, 2, 3)] == [[], [], []]
    if engine.dialect.name == "postgresql":
        assert isinstance(outcomes[1], Exception) and "wamid.BAD" not in stored
    else:
        assert outcomes[1] == [] and stored.count("wamid.BAD") == 1


def test_a_column_a_row_leaves_out_is_null_and_moments_are_stored_as_utc() -> None:
    table = InboundMessage.__table__  # type: ignore[attr-defined]
    many = ManyRows(table, ("provider", "sender", "sent_at"), lambda v: select(v), select(table))
    dakar_noon = datetime(2026, 12, 4, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    assert many.rows_json([{"provider": "meta", "sent_at": dakar_noon}, {"sender": None}]) == (
        '[{"provider":"meta","sent_at":"2026-12-04T12:00:00"},{"sender":null}]'
    )


def _managers(session: Session, n: int) -> list[int]:
    managers = [Manager(phone=f"+22177100{i:04d}", name=f"M{i}") for i in range(n)]
    session.add_all(managers)
    session.flush()
    return [m.id for m in managers if m.id is not None]


def test_a_batch_of_conversations_is_saved_in_one_go_and_a_stale_one_fails_it(
    engine: Engine,
) -> None:
    with Session(engine) as session, session.begin():
        ids = _managers(session, 3)
    contexts = [{"product": "Riz brisé ñ 🛒", "n": None}, {"long": LONG}, {}]
    with Session(engine) as session, session.begin():
        lock_conversations(session, ids)
        for manager_id, context in zip(ids, contexts, strict=True):
            row = lock_conversation(session, manager_id)
            snapshot = ConversationSnapshot("awaiting", context, NOW, row.version)
            save_conversation(session, row, snapshot, now=NOW)
    with Session(engine) as session:
        rows = {
            c.manager_id: c for c in session.scalars(select(Conversation).order_by(Conversation.id))
        }
    assert [rows[i].context for i in ids] == contexts
    assert {(rows[i].state, rows[i].version, rows[i].expires_at) for i in ids} == {
        ("awaiting", 1, NOW)
    }
    # One of three read before another transaction saved it: the batch's statement fails.
    with Session(engine) as session, session.begin():
        stale = lock_conversation(session, ids[1])
    with Session(engine) as other, other.begin():
        row = lock_conversation(other, ids[1])
        save_conversation(other, row, ConversationSnapshot("idle", {}, None, 1), now=NOW)
    session = Session(engine)
    try:
        with session.begin():
            fresh = [lock_conversation(session, i) for i in (ids[0], ids[2])]
            for row in (*fresh, stale):
                save_conversation(session, row, ConversationSnapshot("x", {}, None, 0), now=NOW)
        raise AssertionError("a stale conversation was saved")
    except ConversationConflict:
        pass
    finally:
        session.close()
    with Session(engine) as session:
        states = [c.state for c in session.scalars(select(Conversation).order_by(Conversation.id))]
    assert states == ["awaiting", "idle", "awaiting"]  # nothing of the failed batch written


def test_replies_queued_together_keep_their_order_and_values(engine: Engine) -> None:
    texts = ["Stock de Riz brisé ñ 🛒 : 12 sacs", LONG[:4000], "ok"]
    with Session(engine) as session, session.begin():
        enqueue_many(session, [("+221770000001", Text(body)) for body in texts], now=NOW)
    with Session(engine) as session:
        rows = list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)))
    assert [row.payload["body"] for row in rows] == texts
    assert {(r.created_at, r.alert_id, r.inbound_message_id, r.sent_at) for r in rows} == {
        (NOW, None, None, None)
    }
