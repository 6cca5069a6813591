"""Orders placed in chat are confirmed through the order-confirmation template when a free-form
reply cannot reach the manager (closed 24-hour window), like alerts through theirs."""

from __future__ import annotations

import asyncio
import time

from sqlmodel import Session, select

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import InboundMessage, Manager, OutboundMessage, RestockOrder
from bot.operations.template_catalog import ORDER_CONFIRMATION
from bot.operations.templates import save_template
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
        held = [row.replies_held for row in session.exec(select(InboundMessage))]
    assert held == [True, True]  # the chat replies wait for the manager's next message
    return order


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
