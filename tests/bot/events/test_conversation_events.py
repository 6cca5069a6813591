"""Events bound to the conversation: a 👍 on the confirmation question, an edit of the message
that raised the question waiting, a deletion of it."""

from __future__ import annotations

import time
from typing import Any

from sqlmodel import Session, select

from bot.db.engine import transaction
from bot.db.models import Conversation, OutboundMessage, StockMovement
from tests.bot.events.conftest import AWA, Bot
from tests.bot.inbound.helpers import compact, fixture_json, text_webhook

_sent = iter(range(1_000_000))


def message(kind: str, content: dict[str, Any], message_id: str) -> bytes:
    payload = fixture_json("meta_text.json")
    item = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    for key in ("text", "type"):
        item.pop(key)
    item.update({"id": message_id, "timestamp": str(int(time.time()) + next(_sent)), "type": kind})
    item[kind] = content
    return compact(payload)


def say(bot: Bot, text: str, message_id: str) -> None:
    bot.deliver(
        text_webhook(
            message_id, sender=AWA[1:], body=text, timestamp=int(time.time()) + next(_sent)
        )
    )


def sent_as(bot: Bot, wamid: str) -> OutboundMessage:
    """The last queued message, as if the worker had sent it and Meta named it `wamid`."""
    with transaction(bot.engine) as session:
        row = session.exec(select(OutboundMessage).order_by(OutboundMessage.id.desc())).first()  # type: ignore[union-attr]
        assert row is not None
        row.status, row.provider, row.provider_message_id = "sent", "meta", wamid
        return row


def sales(bot: Bot) -> list[int]:
    with Session(bot.engine) as session:
        rows = session.exec(select(StockMovement).where(StockMovement.kind == "sale"))
        return [-row.delta for row in rows]


def state(bot: Bot) -> str:
    with Session(bot.engine) as session:
        return session.exec(select(Conversation)).one().state


def react(bot: Bot, wamid: str, emoji: str, message_id: str) -> None:
    bot.deliver(message("reaction", {"message_id": wamid, "emoji": emoji}, message_id))


def test_a_thumbs_up_on_the_confirmation_is_yes(bot: Bot) -> None:
    say(bot, "vente 2 farine", "wamid.m1")
    question = sent_as(bot, "wamid.q1")
    assert question.kind == "buttons" and state(bot) == "awaiting_confirmation"
    react(bot, "wamid.q1", "👍🏾", "wamid.r1")
    assert sales(bot) == [2]
    assert "enregistr" in bot.texts()[-1].lower()


def test_other_reactions_do_nothing(bot: Bot) -> None:
    say(bot, "stock savon", "wamid.m0")
    sent_as(bot, "wamid.answer")
    say(bot, "vente 2 farine", "wamid.m1")
    sent_as(bot, "wamid.q1")
    replies = len(bot.outbox())
    react(bot, "wamid.answer", "👍", "wamid.r1")  # on another message
    react(bot, "wamid.q1", "👎", "wamid.r2")  # not a yes
    react(bot, "wamid.q1", "", "wamid.r3")  # a reaction removed
    assert sales(bot) == [] and len(bot.outbox()) == replies
    assert state(bot) == "awaiting_confirmation"


def test_a_thumbs_up_on_a_question_that_is_not_a_confirmation(bot: Bot) -> None:
    say(bot, "vente farine", "wamid.m1")  # how many?
    sent_as(bot, "wamid.q1")
    replies = len(bot.outbox())
    react(bot, "wamid.q1", "👍", "wamid.r1")
    assert sales(bot) == [] and len(bot.outbox()) == replies


def test_an_edit_of_the_last_message_is_read_in_its_place(bot: Bot) -> None:
    say(bot, "vente 5 farine", "wamid.m1")
    first = sent_as(bot, "wamid.q1")
    edit = {
        "original_message_id": "wamid.m1",
        "message": {"type": "text", "text": {"body": "vente 3 farine"}},
    }
    bot.deliver(message("edit", edit, "wamid.e1"))
    question = bot.outbox()[-1]
    assert question.id != first.id and question.kind == "buttons"
    assert "3" in question.payload["body"]
    say(bot, "oui", "wamid.m2")
    assert sales(bot) == [3]


def test_an_edit_that_is_not_of_the_last_message_is_ignored(bot: Bot) -> None:
    say(bot, "stock savon", "wamid.m0")
    say(bot, "vente 5 farine", "wamid.m1")
    replies = len(bot.outbox())
    edit = {
        "original_message_id": "wamid.m0",
        "message": {"type": "text", "text": {"body": "vente 9 farine"}},
    }
    bot.deliver(message("edit", edit, "wamid.e1"))
    assert len(bot.outbox()) == replies and state(bot) == "awaiting_confirmation"
    # and an edit of the last message once its question is answered: nothing either
    say(bot, "oui", "wamid.m2")
    replies = len(bot.outbox())
    edit = {"original_message_id": "wamid.m2", "message": {"type": "text", "text": {"body": "non"}}}
    bot.deliver(message("edit", edit, "wamid.e2"))
    assert len(bot.outbox()) == replies and sales(bot) == [5]


def test_deleting_the_message_cancels_its_question_quietly(bot: Bot) -> None:
    say(bot, "vente 4 farine", "wamid.m1")
    sent_as(bot, "wamid.q1")
    replies = len(bot.outbox())
    bot.deliver(message("revoke", {"original_message_id": "wamid.m0-other"}, "wamid.d0"))
    assert state(bot) == "awaiting_confirmation"
    bot.deliver(message("revoke", {"original_message_id": "wamid.m1"}, "wamid.d1"))
    assert len(bot.outbox()) == replies and state(bot) == "idle"
    react(bot, "wamid.q1", "👍", "wamid.r1")  # too late: nothing waits any more
    assert sales(bot) == [] and len(bot.outbox()) == replies


def test_the_cancelled_questions_button_says_nothing_was_recorded(bot: Bot) -> None:
    say(bot, "vente 4 farine", "wamid.m1")
    question = sent_as(bot, "wamid.q1")
    yes = next(b["id"] for b in question.payload["buttons"] if b["id"].endswith(":yes"))
    bot.deliver(message("revoke", {"original_message_id": "wamid.m1"}, "wamid.d1"))
    tap = {"type": "button_reply", "button_reply": {"id": yes, "title": "Oui"}}
    bot.deliver(message("interactive", tap, "wamid.t1"))
    assert sales(bot) == []
    assert "rien n'a été enregistré" in bot.texts()[-1]
