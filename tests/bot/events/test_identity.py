"""Who a message is from: number changes, business-scoped user ids, username-only senders."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.db.models import Contact, Conversation, Manager, ManagerStore, OutboundMessage
from bot.managers import add_manager
from bot.outbound.outbox import enqueue
from bot.outbound.worker import OutboxWorker
from bot.settings import Settings
from tests.bot.events.conftest import AWA, Bot
from tests.bot.inbound.helpers import compact, recent, text_webhook
from tests.conftest import make_settings
from tests.fakes.graph import FakeGraph

NEW = "+221761234599"  # the number in meta_system_user_changed_number.json
USER_ID = "SN.48210937561284730159"  # Awa's business-scoped id in the fixtures


def manager(engine: Engine) -> Manager:
    with Session(engine) as session:
        return session.exec(select(Manager)).one()


def test_a_number_change_moves_the_manager_and_tells_them_on_the_new_number(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.deliver(text_webhook("wamid.Q", sender=AWA[1:], body="vente farine"))  # a question waits
    [question] = bot.texts()
    before = manager(bot.engine)
    with Session(bot.engine) as session:
        stores = list(session.exec(select(ManagerStore.store_id)))
        enqueue(session, AWA, "Rappel : commande n°1", now=None)  # still queued for the old one
        session.commit()
    caplog.set_level(logging.INFO)
    body = recent("meta_system_user_changed_number.json")
    bot.deliver(body)
    bot.deliver(body)  # a re-delivery changes nothing more
    after = manager(bot.engine)
    assert (after.id, after.phone, after.language) == (before.id, NEW, before.language)
    with Session(bot.engine) as session:
        assert list(session.exec(select(ManagerStore.store_id))) == stores
        assert session.exec(select(Conversation)).one().state != "idle"  # the question is kept
        new_contact = session.exec(select(Contact).where(Contact.phone == NEW)).one()
        assert new_contact.last_inbound_at is not None  # the chat's window goes on
    assert bot.outbox(AWA) == []  # what was still queued follows the manager
    assert [row.payload["body"] for row in bot.outbox(NEW)] == [
        question,
        "Rappel : commande n°1",
        "✅ Votre nouveau numéro +221 76 123 45 99 est enregistré : vos magasins et nos "
        "échanges continuent ici.",
    ]
    assert "changed number +22177***4567 -> +22176***4599" in caplog.text
    # The manager now writes from the new number: recognised, answered there.
    bot.deliver(text_webhook("wamid.N", sender=NEW[1:], body="stock savon"))
    assert bot.outbox(NEW)[-1].payload["body"].startswith("Savon de Marseille")


def test_a_number_change_to_another_managers_number_is_refused(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    with Session(bot.engine) as session:
        add_manager(session, NEW, "demo")
        session.commit()
    bot.deliver(recent("meta_system_user_changed_number.json"))
    with Session(bot.engine) as session:
        phones = sorted(m.phone for m in session.exec(select(Manager)))
    assert phones == sorted([AWA, NEW])
    assert bot.outbox() == []
    assert "which belongs to manager" in caplog.text


def test_a_user_id_is_linked_with_the_number_then_recognised_alone(bot: Bot) -> None:
    bot.deliver(recent("meta_username_only.json"))  # not linked yet: no stock data, no reply
    assert bot.outbox() == []
    bot.deliver(recent("meta_text.json"))  # number and id together: linked
    assert manager(bot.engine).user_id == USER_ID
    payload = json.loads(recent("meta_username_only.json"))
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"] = "wamid.USERNAME2"
    bot.deliver(compact(payload))
    [reply] = bot.outbox(USER_ID)  # answered where the message came from
    assert reply.payload["body"].startswith("Riz")


def test_a_new_user_id_replaces_the_old_one_and_is_logged(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.deliver(recent("meta_text.json"))
    payload = json.loads(recent("meta_text.json"))
    value = payload["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["user_id"] = "SN.1111"
    value["messages"][0]["id"] = "wamid.OTHER"
    bot.deliver(compact(payload))
    assert manager(bot.engine).user_id == "SN.1111"
    assert "WhatsApp user id changed from SN.4821" in caplog.text


def test_replies_to_a_user_id_are_sent_with_recipient(
    database_url: str, engine: Engine, bot: Bot
) -> None:
    bot.deliver(recent("meta_text.json"))
    payload = json.loads(recent("meta_username_only.json"))
    bot.deliver(compact(payload))
    with FakeGraph.start() as graph:
        settings: Settings = make_settings(database_url, **graph.settings_overrides())
        asyncio.run(OutboxWorker(settings, engine).run(until_idle=True, max_wait=2.0))
        bodies = [r.body for r in graph.accepted]
    by_user_id = [b for b in bodies if "recipient" in b]
    assert [b["recipient"] for b in by_user_id] == [USER_ID]
    assert "to" not in by_user_id[0]
    with Session(engine) as session:
        row = session.exec(
            select(OutboundMessage).where(OutboundMessage.recipient == USER_ID)
        ).one()
    assert row.status == "sent"
