"""A day that dates the delivery of the order a low-stock push offers (`livraison demain`,
`avant demain`, `à livrer demain`, `by tomorrow`) does not put the order off: it put it off
(« Je vous le rappellerai ») however plainly it was ordered; an ordering said to be for
tomorrow (`je commande demain`, `demain je commande 30`) still is."""

from __future__ import annotations

import pytest

from bot.alerts import pushes_after
from intents.answers import names_a_day_to_come, says_later
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders

DATED = [
    "oui commande 30, livraison demain matin",
    "commande 30 avant demain",
    "commande 30 a livrer demain",
    "commande 30 pour demain",
    "order 30 by tomorrow",
    "order 30 for tomorrow",
]
PUT_OFF = ["je commande demain", "demain je commande 30", "pas maintenant, demain je commande 30"]


def _pushed(chat: Chat) -> None:
    chat.say("vente riz 33")
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        chat.say("oui")  # 9 sacs left: « Commander 20 sacs ? » pushed


@pytest.mark.parametrize("typed", DATED)
def test_an_order_with_its_delivery_dated_under_the_push_is_placed(chat: Chat, typed: str) -> None:
    _pushed(chat)
    out = chat.say(typed)
    assert out.startswith("✅") and "30" in out and "remind" not in out, out
    assert [o.id for o in orders(chat.session)]


@pytest.mark.parametrize("typed", DATED[1:])
def test_an_order_with_its_delivery_dated_under_the_order_asked_is_placed(
    chat: Chat, typed: str
) -> None:
    _pushed(chat)
    assert chat.say("oui").startswith("Commander 20 sacs de Riz brisé 50kg ?")
    out = chat.say(typed)
    assert out.startswith("✅") and "30" in out, out


@pytest.mark.parametrize("typed", PUT_OFF)
def test_an_ordering_for_tomorrow_is_still_put_off(chat: Chat, typed: str) -> None:
    _pushed(chat)
    out = chat.say(typed)
    assert "rappellerai" in out, out
    assert not orders(chat.session)


def test_a_day_dating_a_delivery_is_no_later() -> None:
    for typed in [*DATED, "pour demain", "d'ici demain"]:
        assert not names_a_day_to_come(typed), typed
    for typed in [*PUT_OFF, "je commande 30 demain", "demain 30", "suba"]:
        assert names_a_day_to_come(typed), typed
    assert says_later("demain")


@pytest.mark.parametrize(
    "typed", ["oui, livraison demain", "oui, pour demain", "ok livraison demain"]
)
def test_a_yes_with_the_delivery_dated_is_a_yes(chat: Chat, typed: str) -> None:
    """`oui, livraison demain` under the push put the order off (a short message with `demain`)."""
    _pushed(chat)
    out = chat.say(typed)
    assert out.startswith("Commander 20 sacs de Riz brisé 50kg ?"), out


def test_tomorrow_alone_still_puts_it_off(chat: Chat) -> None:
    _pushed(chat)
    assert "Je vous le rappellerai" in chat.say("demain")


@pytest.mark.parametrize("typed", ["don't order 20, order 30", "ne commande pas 20, commande 30"])
def test_an_order_refused_then_another_said_places_the_other(chat: Chat, typed: str) -> None:
    """`don't order 20, order 30` under « Commander 20 sacs ? » put the order off."""
    _pushed(chat)
    out = chat.say(typed)
    assert "rappellerai" not in out and "remind" not in out, out
    assert "30" in out, out


@pytest.mark.parametrize(
    "typed",
    ["waaw, suba lay agsi", "waaw suba lay ñëw", "oui, ça arrive demain", "yes, it comes tomorrow"],
)
def test_a_yes_with_the_goods_said_to_arrive_tomorrow_is_a_yes(chat: Chat, typed: str) -> None:
    """`waaw, suba lay agsi` (yes, it comes tomorrow) under the push put the order off: the day
    says when the goods come, as `livraison demain` does (asked in English when so written)."""
    _pushed(chat)
    out = chat.say(typed)
    assert out.startswith(("Commander 20 sacs de Riz brisé 50kg ?", "Order 20 bags of Riz")), out


@pytest.mark.parametrize("typed", ["suba", "waaw suba", "suba laay komande"])
def test_tomorrow_in_wolof_alone_or_for_the_ordering_still_puts_it_off(
    chat: Chat, typed: str
) -> None:
    _pushed(chat)
    assert "Je vous le rappellerai" in chat.say(typed)
