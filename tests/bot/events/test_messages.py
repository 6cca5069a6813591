"""What each kind of message from a manager gets, through the signed webhook, the processor and
the outbox (SQLite and PostgreSQL): captions, media without text, events that need no reply,
foreign buttons, late re-deliveries."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import InboundMessage, Product, StockMovement
from tests.bot.events.conftest import AWA, Bot
from tests.bot.inbound.helpers import compact, fixture_json, recent, text_webhook

AWA_DIGITS = AWA[1:]


def processed(bot: Bot) -> list[InboundMessage]:
    with Session(bot.engine) as session:
        rows = list(session.exec(select(InboundMessage).order_by(InboundMessage.id)))  # type: ignore[arg-type]
    assert all(row.processed_at is not None and row.error is None for row in rows)
    return rows


@pytest.mark.parametrize(
    ("fixture", "answer"),
    [
        ("meta_video_caption.json", "Farine de blé 50kg"),
        ("meta_document_caption.json", "Savon de Marseille"),
    ],
)
def test_media_with_a_caption_is_read_as_its_caption(bot: Bot, fixture: str, answer: str) -> None:
    bot.deliver(recent(fixture))
    [reply] = bot.texts()
    assert reply.startswith(answer)
    [row] = processed(bot)
    media = row.payload["message"]
    assert media["type"] == "media" and media["media_id"]  # the media itself is kept, by id


@pytest.mark.parametrize(
    ("fixture", "what"),
    [
        ("meta_audio.json", "les messages vocaux"),
        ("meta_image_no_caption.json", "les photos"),
        ("meta_sticker.json", "les autocollants"),
    ],
)
def test_media_without_text_gets_one_short_notice(bot: Bot, fixture: str, what: str) -> None:
    body = recent(fixture)
    if fixture == "meta_audio.json":  # Fatou in the fixture: make it the demo manager's
        body = body.replace(b"221709876543", AWA_DIGITS.encode())
    bot.deliver(body)
    assert bot.texts() == [f"Je ne lis pas encore {what}. Écrivez par exemple : STOCK RIZ"]


def test_the_notice_shows_a_product_of_the_managers_own_shop(bot: Bot) -> None:
    """A hardware shop is not told to type STOCK RIZ: its example is one of its products."""
    hardware = [("Ciment CPJ 42,5", ["ciment"]), ("Fer à béton 10mm", ["fer"])]
    with transaction(bot.engine) as session:
        products = session.exec(select(Product).order_by(col(Product.id))).all()
        for index, product in enumerate(products):
            product.name, product.aliases = hardware[index % 2]
            product.name += f" {index}"
            product.sku = f"QC-{index}"  # a sku is an alias too: none may read as rice
            session.add(product)
    bot.deliver(_batch(_media("wamid.H1", "audio")))
    assert bot.texts() == [
        "Je ne lis pas encore les messages vocaux. Écrivez par exemple : STOCK CIMENT"
    ]


def _media(message_id: str, kind: str = "image", *, at: int | None = None) -> dict[str, Any]:
    return {
        "from": AWA_DIGITS,
        "id": message_id,
        "timestamp": str(at or int(time.time())),
        "type": kind,
        kind: {"mime_type": "image/jpeg", "id": f"media-{message_id}", "sha256": "x"},
    }


def _batch(*messages: dict[str, Any]) -> bytes:
    payload = fixture_json("meta_text.json")
    payload["entry"][0]["changes"][0]["value"]["messages"] = list(messages)
    return compact(payload)


def test_several_media_get_one_notice_per_ten_minutes(bot: Bot) -> None:
    bot.deliver(_batch(*(_media(f"wamid.P{i}") for i in range(4))))
    assert len(bot.texts()) == 1
    now = utcnow()
    bot.deliver(_batch(_media("wamid.P5", "sticker")), now=now + timedelta(minutes=9))
    assert len(bot.texts()) == 1
    bot.deliver(_batch(_media("wamid.P6", "sticker")), now=now + timedelta(minutes=11))
    assert bot.texts()[1:] == [
        "Je ne lis pas encore les autocollants. Écrivez par exemple : STOCK RIZ"
    ]
    assert len(processed(bot)) == 6


def test_a_pending_question_is_repeated_after_the_notice(bot: Bot) -> None:
    bot.deliver(text_webhook("wamid.Q1", sender=AWA_DIGITS, body="vente farine"))
    [question] = bot.texts()
    bot.deliver(_batch(_media("wamid.Q2", "audio")))
    assert bot.texts()[1:] == [
        "Je ne lis pas encore les messages vocaux. Écrivez par exemple : STOCK RIZ",
        question,
    ]


@pytest.mark.parametrize(
    "fixture",
    [
        "meta_reaction.json",
        "meta_location.json",
        "meta_contacts.json",
        "meta_unsupported.json",
        "meta_edit.json",
        "meta_revoke.json",
    ],
)
def test_events_that_ask_for_nothing_get_no_reply(bot: Bot, fixture: str) -> None:
    body = recent(fixture)
    for other in (b"221709876543", b"221761112233"):  # Fatou, Moussa: the demo manager here
        body = body.replace(other, AWA_DIGITS.encode())
    bot.deliver(body)
    assert bot.outbox() == []
    assert len(processed(bot)) == 1


def test_a_system_message_gets_no_reply(bot: Bot) -> None:
    payload = json.loads(recent("meta_system_user_changed_number.json"))
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["system"] = {
        "body": "Something else happened",
        "type": "customer_identity_changed",
    }
    bot.deliver(compact(payload))
    assert bot.outbox() == []
    assert processed(bot)[0].type == "system"


def test_a_button_the_bot_never_sent_is_read_as_its_title(bot: Bot) -> None:
    bot.deliver(recent("meta_interactive_button_foreign.json"))
    [reply] = bot.texts()
    assert reply.startswith("Farine de blé 50kg")


def test_a_foreign_template_quick_reply_is_read_as_its_text(bot: Bot) -> None:
    bot.deliver(recent("meta_template_quick_reply.json"))  # payload REORDER:…, text Commander
    replies = bot.texts()
    assert replies and not any("déjà été traitée" in reply for reply in replies)


def test_an_old_button_of_ours_is_still_told_it_was_handled(bot: Bot) -> None:
    payload = json.loads(recent("meta_interactive_button_foreign.json"))
    reply = payload["entry"][0]["changes"][0]["value"]["messages"][0]["interactive"]
    reply["button_reply"] = {"id": "sale:v1:1-99:yes", "title": "Oui"}
    bot.deliver(compact(payload))
    assert any("déjà" in text for text in bot.texts())


def test_a_late_redelivery_is_processed_and_answered_at_the_next_message(bot: Bot) -> None:
    day_and_half_ago = int(time.time()) - 36 * 3600
    bot.deliver(
        text_webhook(
            "wamid.OLD", sender=AWA_DIGITS, body="stock farine", timestamp=day_and_half_ago
        )
    )
    assert bot.outbox() == []  # outside the window: it could only fail
    [old] = processed(bot)
    assert old.replies_held
    bot.deliver(text_webhook("wamid.NEW", sender=AWA_DIGITS, body="stock savon"))
    replies = bot.outbox()
    assert [r.payload["body"].split(" :")[0] for r in replies] == [
        "Farine de blé 50kg",
        "Savon de Marseille",
    ]
    assert [r.inbound_message_id for r in replies] == [old.id, processed(bot)[1].id]
    assert not processed(bot)[0].replies_held
    bot.deliver(text_webhook("wamid.NEXT", sender=AWA_DIGITS, body="stock gaz 12"))
    assert len(bot.outbox()) == 3  # the held reply went once


def test_a_late_sale_still_changes_the_stock(bot: Bot) -> None:
    """What a late message does to the stock happens; only the reply waits."""
    old = int(time.time()) - 30 * 3600
    bot.deliver(text_webhook("wamid.S1", sender=AWA_DIGITS, body="vente 2 farine", timestamp=old))
    bot.deliver(text_webhook("wamid.S2", sender=AWA_DIGITS, body="oui", timestamp=old + 5))
    with Session(bot.engine) as session:
        sales = list(session.exec(select(StockMovement).where(StockMovement.kind == "sale")))
    assert [sale.delta for sale in sales] == [-2]
    assert bot.outbox() == []
    assert all(row.replies_held for row in processed(bot))
