"""A low-stock push answered by quoting it (WhatsApp's « Répondre » on the push: the inbound
message's context names the push's provider message id): that push is the question answered,
hours later or after another push came, where a bare « oui » then finds no question (or the
latest push). Before, the quote was read and ignored."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.alerts import pushes_after
from bot.db.models import OrderStatus, OutboundMessage, RestockOrder
from bot.inbound.models import ReplyContext, TextMessage
from tests.bot.conversation.conftest import Chat, shown
from tests.bot.conversation.ledger import orders


def _confirmed(chat: Chat) -> list[RestockOrder]:
    return [o for o in orders(chat.session) if o.status == OrderStatus.CONFIRMED]


def _pushed(chat: Chat, sale: str) -> str:
    """Record `sale` (its product falls low: pushed), and give its push the provider id a send
    would have: returned."""
    chat.say(sale)
    assert "enregistrée" in chat.say("oui")
    return _provider_id_of_latest_push(chat)


def _provider_id_of_latest_push(chat: Chat) -> str:
    """The latest push, given the provider id a send would have: returned."""
    push = chat.session.exec(
        select(OutboundMessage)
        .where(col(OutboundMessage.alert_id).is_not(None))
        .order_by(col(OutboundMessage.id).desc())
    ).first()
    assert push is not None
    push.provider_message_id = f"wamid.push{push.id}"
    chat.session.add(push)
    chat.session.commit()
    return push.provider_message_id


def _quoting(chat: Chat, body: str, message_id: str) -> str:
    quoting = ReplyContext(message_id=message_id, sender="15550001111")
    return shown(chat.send(TextMessage(body=body, context=quoting, **chat.common())))


def test_a_yes_quoting_a_push_of_hours_ago_answers_it(chat: Chat) -> None:
    rice = _pushed(chat, "vendu 33 riz")
    chat.say("stock sucre")
    chat.now += timedelta(hours=3)
    assert chat.say("oui").startswith("Il n'y a pas de question en cours")  # not quoted
    out = _quoting(chat, "oui", rice)
    assert out.startswith("Commander 20 sacs de Riz brisé 50kg ?"), out
    chat.say("oui")
    assert [o.quantity for o in _confirmed(chat)] == [20]


def test_the_push_quoted_not_the_latest_one(chat: Chat) -> None:
    rice = _pushed(chat, "vendu 33 riz")
    _pushed(chat, "vendu 10 savon")  # pushed later: a bare « oui » answers the soap's
    out = _quoting(chat, "oui", rice)
    assert "Riz brisé 50kg" in out and "Savon" not in out, out


def test_a_quote_of_anything_else_is_read_as_usual(chat: Chat) -> None:
    _pushed(chat, "vendu 33 riz")
    chat.say("stock sucre")
    chat.now += timedelta(hours=3)
    out = _quoting(chat, "oui", "wamid.not-a-push")
    assert out.startswith("Il n'y a pas de question en cours"), out
    assert _quoting(chat, "stock sucre", "wamid.not-a-push").startswith("Sucre")


def test_a_push_quoted_past_a_day_is_not_answered(chat: Chat) -> None:
    rice = _pushed(chat, "vendu 33 riz")
    chat.say("stock sucre")
    chat.now += timedelta(hours=25)
    assert _quoting(chat, "oui", rice).startswith("Il n'y a pas de question en cours")
    assert not _confirmed(chat)


def test_a_push_quoted_too_old_is_not_taken_for_the_latest(chat: Chat) -> None:
    """The rice's push quoted past the day, the soap's pushed since: the « oui » is about the
    rice, too old to answer; not an order of soap (it drafted one)."""
    rice = _pushed(chat, "vendu 33 riz")
    chat.now += timedelta(hours=23)
    _pushed(chat, "vendu 10 savon")
    chat.now += timedelta(hours=2)
    out = _quoting(chat, "oui", rice)
    assert "Savon" not in out and "Riz" not in out, out


def test_a_push_quoted_while_another_question_waits_is_answered(chat: Chat) -> None:
    """The rice's push quoted while a sale of soap waits for its « Oui » (a bare « oui » would
    record the sale): the quote answers the push, and the sale is said dropped, as a new
    command says it."""
    rice = _pushed(chat, "vendu 33 riz")
    assert chat.say("vendu 2 savon").startswith("Enregistrer la vente")
    out = _quoting(chat, "oui", rice)
    assert "La vente de 2 cartons de Savon de Marseille est annulée" in out, out
    assert "Commander 20 sacs de Riz brisé 50kg ?" in out, out
    assert out.index("annulée") < out.index("Commander"), out
    chat.say("oui")
    assert [o.quantity for o in _confirmed(chat)] == [20]
    assert "Savon de Marseille : 15 cartons" in chat.say("stock savon")


def test_a_grouped_push_quoted_while_a_question_waits_is_answered(chat: Chat) -> None:
    """A summary of several alerts quoted while a count of sugar waits: its yes drafts their
    order, the count is said dropped."""
    chat.say("vendu 33 riz brisé et 10 savon")
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        assert "Vente enregistrée" in chat.say("oui")
    summary = _provider_id_of_latest_push(chat)
    assert chat.say("vendu 3 sucre").startswith("Quel produit")
    out = _quoting(chat, "oui", summary)
    assert "La vente de 3 sucre est annulée" in out, out
    assert "Riz brisé 50kg" in out and "Savon de Marseille" in out, out


def test_quoting_the_push_waiting_answers_it_as_it_is(chat: Chat) -> None:
    """The push quoted is the question waiting already: nothing is said dropped."""
    rice = _pushed(chat, "vendu 33 riz")
    assert chat.say("ok").startswith("Commander 20 sacs")
    out = _quoting(chat, "30", rice)
    assert "annulée" not in out, out
    assert [o.quantity for o in _confirmed(chat)] == [30]
