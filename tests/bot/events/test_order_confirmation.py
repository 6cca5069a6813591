"""Orders placed in chat are confirmed through the order-confirmation template when a free-form
reply cannot reach the manager (closed 24-hour window), like alerts through theirs."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import Contact, InboundMessage, Manager, OutboundMessage, RestockOrder
from bot.inbound.treatment import (
    CONFIRMED_BY_TEMPLATE_KEY,
    HELD_KEY,
    MOOT_KEY,
    deliver_replies,
)
from bot.operations.template_catalog import ORDER_CONFIRMATION
from bot.operations.templates import save_template
from bot.outbound.messages import Template, Text
from bot.outbound.outbox import FALLBACK_KEY, switch_to_fallback
from bot.outbound.worker import OutboxWorker
from tests.bot.events.conftest import AWA, Bot
from tests.bot.inbound.helpers import text_webhook
from tests.conftest import make_settings
from tests.fakes.graph import FakeGraph

AWA_DIGITS = AWA[1:]
NAME = ORDER_CONFIRMATION.name


def _templates(bot: Bot, status: str, *languages: str) -> None:
    with transaction(bot.engine) as session:
        for language in languages:
            save_template(session, NAME, language, now=utcnow(), status=status)


def _order_late(bot: Bot, body: str = "commander riz 20") -> RestockOrder:
    """An order asked and confirmed by two messages re-delivered 30 hours late."""
    old = int(time.time()) - 30 * 3600
    bot.deliver(text_webhook("wamid.O1", sender=AWA_DIGITS, body=body, timestamp=old))
    bot.deliver(text_webhook("wamid.O2", sender=AWA_DIGITS, body="oui", timestamp=old + 5))
    with Session(bot.engine) as session:
        [order] = session.exec(select(RestockOrder)).all()
        [asked, _] = session.exec(select(InboundMessage).order_by(col(InboundMessage.id)))
    assert asked.replies_held  # the question's reply waits for the manager's next message
    return order


def _held(bot: Bot) -> list[bool]:
    with Session(bot.engine) as session:
        rows = session.exec(select(InboundMessage).order_by(col(InboundMessage.id)))
        return [row.replies_held for row in rows]


def _send_all(bot: Bot, graph: FakeGraph, database_url: str) -> None:
    settings = make_settings(database_url, **graph.settings_overrides())
    asyncio.run(OutboxWorker(settings, bot.engine).run(until_idle=True, max_wait=2.0))


def _confirmations(graph: FakeGraph, order: RestockOrder) -> list[str]:
    """What the manager received that confirms `order`: chat texts and templates."""
    said = graph.texts_to(AWA)
    return [
        text for text in said if f"n°{order.id} confirmée" in text or text == f"<template:{NAME}>"
    ]


def _speaks(bot: Bot, language: str) -> None:
    with transaction(bot.engine) as session:
        manager = session.exec(select(Manager).where(Manager.phone == AWA)).one()
        manager.language = language
        session.add(manager)


def test_a_late_order_is_confirmed_now_by_the_approved_template(bot: Bot) -> None:
    _templates(bot, "APPROVED", "fr", "en")
    order = _order_late(bot)
    [row] = bot.outbox()
    assert (row.recipient, row.kind, row.status) == (AWA, "template", "queued")
    assert (row.payload["name"], row.payload["language"]) == (NAME, "fr")
    assert row.payload["body_params"] == [str(order.id), "20 sacs de Riz brisé 50kg"]


def test_in_the_managers_language_when_approved_in_it(bot: Bot) -> None:
    _templates(bot, "APPROVED", "fr", "en_US")
    _speaks(bot, "en")
    order = _order_late(bot, "order rice 20")
    [row] = bot.outbox()
    assert row.payload["language"] == "en_US"
    assert row.payload["body_params"] == [str(order.id), "20 bags of Riz brisé 50kg"]


def test_a_wolof_speaker_gets_the_configured_language(bot: Bot) -> None:
    _templates(bot, "APPROVED", "fr", "en")
    _speaks(bot, "wo")
    _order_late(bot)
    [row] = bot.outbox()
    assert row.payload["language"] == bot.settings.alert_template_language


def test_no_template_before_meta_approves_it(bot: Bot) -> None:
    _templates(bot, "PENDING", "fr", "en")
    _order_late(bot)
    assert bot.outbox() == []  # Meta would refuse it: the replies wait for the next message


def test_no_template_for_an_account_that_never_pushed_it(bot: Bot) -> None:
    _order_late(bot)
    assert bot.outbox() == []


def test_an_order_answered_in_the_window_carries_the_template_as_its_fallback(bot: Bot) -> None:
    _templates(bot, "APPROVED", "fr")
    bot.deliver(text_webhook("wamid.N1", sender=AWA_DIGITS, body="commander riz 20"))
    [question] = bot.outbox()
    assert FALLBACK_KEY not in question.payload  # nothing ordered yet
    bot.deliver(text_webhook("wamid.N2", sender=AWA_DIGITS, body="oui"))
    with Session(bot.engine) as session:
        [order] = session.exec(select(RestockOrder)).all()
        confirmation = session.exec(
            select(OutboundMessage).where(OutboundMessage.id > question.id)
        ).first()
        assert confirmation is not None
        assert confirmation.payload["body"].startswith(f"✅ Commande n°{order.id} confirmée")
        # Meta refused it (131047, the window closed while it waited): the template goes.
        assert switch_to_fallback(confirmation)
        assert confirmation.kind == "template"
        assert confirmation.payload["name"] == NAME
        assert confirmation.payload["body_params"] == [str(order.id), "20 sacs de Riz brisé 50kg"]


def test_a_sale_carries_no_order_template(bot: Bot) -> None:
    _templates(bot, "APPROVED", "fr")
    bot.deliver(text_webhook("wamid.S1", sender=AWA_DIGITS, body="vente 2 riz"))
    bot.deliver(text_webhook("wamid.S2", sender=AWA_DIGITS, body="oui"))
    assert all(FALLBACK_KEY not in row.payload for row in bot.outbox() if row.kind != "template")
    assert all(row.payload.get("name") != NAME for row in bot.outbox())


def test_the_template_reaches_the_graph_api(bot: Bot, database_url: str) -> None:
    """Through the worker, to the fake Graph API: what Meta receives."""
    _templates(bot, "APPROVED", "fr")
    order = _order_late(bot)
    with FakeGraph.start() as graph:
        settings = make_settings(database_url, **graph.settings_overrides())
        asyncio.run(OutboxWorker(settings, bot.engine).run(until_idle=True, max_wait=2.0))
        [sent] = [r.body for r in graph.accepted]
    assert sent["type"] == "template" and sent["to"] == AWA_DIGITS
    template = sent["template"]
    assert (template["name"], template["language"]["code"]) == (NAME, "fr")
    [body] = template["components"]
    assert [p["text"] for p in body["parameters"]] == [
        str(order.id),
        "20 sacs de Riz brisé 50kg",
    ]


def test_a_late_order_confirmed_by_the_template_is_not_confirmed_again(
    bot: Bot, database_url: str
) -> None:
    """The held chat confirmation only repeats the template: the manager reads one."""
    _templates(bot, "APPROVED", "fr")
    order = _order_late(bot)
    assert _held(bot) == [True, False]  # nothing left to say to "oui" but the template
    with Session(bot.engine) as session:
        answered = select(InboundMessage).where(InboundMessage.provider_message_id == "wamid.O2")
        confirmed = session.exec(answered).one()
        [kept] = confirmed.payload[CONFIRMED_BY_TEMPLATE_KEY]  # why it never went
    assert kept["payload"]["body"].startswith(f"✅ Commande n°{order.id} confirmée")
    with FakeGraph.start() as graph:
        _send_all(bot, graph, database_url)
        bot.deliver(text_webhook("wamid.O3", sender=AWA_DIGITS, body="stock riz"))
        _send_all(bot, graph, database_url)
        said = graph.texts_to(AWA)
        assert _confirmations(graph, order) == [f"<template:{NAME}>"]
    assert said[0] == f"<template:{NAME}>"
    assert said[1].startswith("Riz brisé 50kg : ")  # the stock answer, no question before it
    assert _held(bot) == [False, False, False]


def test_the_question_a_late_order_answered_is_not_asked_again(bot: Bot, database_url: str) -> None:
    """ "Commander 20 sacs ?" was answered "oui" (late too) and the template confirmed the
    order: the question held for the first message is moot, kept on its row with why."""
    _templates(bot, "APPROVED", "fr")
    _order_late(bot)
    with FakeGraph.start() as graph:
        bot.deliver(text_webhook("wamid.O3", sender=AWA_DIGITS, body="stock riz"))
        _send_all(bot, graph, database_url)
        said = graph.texts_to(AWA)
    assert "<interactive>" not in said, said  # the question's buttons
    with Session(bot.engine) as session:
        asked = session.exec(
            select(InboundMessage).where(InboundMessage.provider_message_id == "wamid.O1")
        ).one()
    [moot] = asked.payload[MOOT_KEY]
    assert moot["why"] == "answered"
    assert moot["kind"] == "buttons" and "?" in moot["payload"]["body"]
    assert HELD_KEY not in asked.payload and not asked.replies_held


def test_a_held_question_still_waiting_is_asked_with_the_next_message(
    bot: Bot, database_url: str
) -> None:
    """Only a question that no longer waits is dropped: one still waiting goes first."""
    old = int(time.time()) - 30 * 3600
    bot.deliver(text_webhook("wamid.W1", sender=AWA_DIGITS, body="commander riz 20", timestamp=old))
    with FakeGraph.start() as graph:
        bot.deliver(text_webhook("wamid.W2", sender=AWA_DIGITS, body="bonjour"))
        _send_all(bot, graph, database_url)
        said = graph.texts_to(AWA)
    assert said[0] == "<interactive>", said  # "Commander 20 sacs … ?" [Oui] [Non]


def test_without_the_template_the_held_chat_confirmation_still_goes(
    bot: Bot, database_url: str
) -> None:
    _templates(bot, "PENDING", "fr")
    order = _order_late(bot)
    assert _held(bot) == [True, True]
    with FakeGraph.start() as graph:
        bot.deliver(text_webhook("wamid.O3", sender=AWA_DIGITS, body="stock riz"))
        _send_all(bot, graph, database_url)
        [confirmation] = _confirmations(graph, order)
    assert confirmation.startswith(f"✅ Commande n°{order.id} confirmée")


def test_in_the_window_meta_refusing_the_chat_confirmation_sends_only_the_template(
    bot: Bot, database_url: str
) -> None:
    """The window closes while the confirmation waits (131047): one confirmation arrives."""
    _templates(bot, "APPROVED", "fr")
    with FakeGraph.start() as graph:
        bot.deliver(text_webhook("wamid.N1", sender=AWA_DIGITS, body="commander riz 20"))
        _send_all(bot, graph, database_url)
        bot.deliver(text_webhook("wamid.N2", sender=AWA_DIGITS, body="oui"))
        graph.fail_next(1, 131047, to=AWA_DIGITS)  # the window closed while it waited
        _send_all(bot, graph, database_url)
        with Session(bot.engine) as session:
            [order] = session.exec(select(RestockOrder)).all()
        assert _confirmations(graph, order) == [f"<template:{NAME}>"]


def test_in_the_window_the_chat_confirmation_goes_alone(bot: Bot, database_url: str) -> None:
    _templates(bot, "APPROVED", "fr")
    with FakeGraph.start() as graph:
        bot.deliver(text_webhook("wamid.N1", sender=AWA_DIGITS, body="commander riz 20"))
        bot.deliver(text_webhook("wamid.N2", sender=AWA_DIGITS, body="oui"))
        _send_all(bot, graph, database_url)
        with Session(bot.engine) as session:
            [order] = session.exec(select(RestockOrder)).all()
        [confirmation] = _confirmations(graph, order)
    assert confirmation.startswith(f"✅ Commande n°{order.id} confirmée")


def _deliver_turn(bot: Bot, replies: list[Text], repeated: list[Text], *, late: bool) -> None:
    """A turn that said something besides the order's confirmation, answered by the bot's own
    delivery, the window closed (`late`) or still open."""
    template = Template(name=NAME, language="fr", body_params=("1", "20 sacs de Riz brisé 50kg"))
    with transaction(bot.engine) as session:
        row = session.exec(
            select(InboundMessage).where(InboundMessage.provider_message_id == "wamid.O2")
        ).one()
        contact = session.exec(select(Contact).where(Contact.phone == AWA)).one()
        assert contact.last_inbound_at is not None
        now = utcnow() if late else contact.last_inbound_at + timedelta(minutes=1)
        deliver_replies(
            session, row, AWA, replies, now=now, confirmation=template, repeated=repeated
        )


WARNING = Text("⚠ Il ne reste que 3 sacs de Riz brisé 50kg.")
CONFIRMED = Text("✅ Commande n°1 confirmée : 20 sacs de Riz brisé 50kg.")


def test_the_turns_other_replies_stay_held_for_the_next_message(bot: Bot) -> None:
    _templates(bot, "APPROVED", "fr")
    _order_late(bot)
    queued = len(bot.outbox())
    _deliver_turn(bot, [WARNING, CONFIRMED], [CONFIRMED], late=True)
    with Session(bot.engine) as session:
        row = session.exec(
            select(InboundMessage).where(InboundMessage.provider_message_id == "wamid.O2")
        ).one()
    assert row.replies_held
    assert [held["payload"]["body"] for held in row.payload[HELD_KEY]] == [WARNING.body]
    [dropped] = row.payload[CONFIRMED_BY_TEMPLATE_KEY]
    assert dropped["payload"]["body"] == CONFIRMED.body
    assert [r.kind for r in bot.outbox()[queued:]] == ["template"]


def test_in_the_window_the_confirmation_itself_carries_the_template(bot: Bot) -> None:
    _templates(bot, "APPROVED", "fr")
    _order_late(bot)
    queued = len(bot.outbox())
    _deliver_turn(bot, [WARNING, CONFIRMED], [CONFIRMED], late=False)
    mine = [r for r in bot.outbox()[queued:] if r.inbound_message_id is not None]
    turn = [r for r in mine if r.payload.get("body") in (WARNING.body, CONFIRMED.body)]
    assert [(r.payload["body"], FALLBACK_KEY in r.payload) for r in turn] == [
        (WARNING.body, False),
        (CONFIRMED.body, True),
    ]
