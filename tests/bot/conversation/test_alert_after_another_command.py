"""A low-stock push answered after the manager did something else: `oui`, `plus tard`, `commande
30 au lieu de 20` still answer it (the product named again before anything is ordered); they
were told "Il n'y a pas de question en cours" and `commande 30 au lieu de 20` looked for a
product named « lieu »."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.alerts import pushes_after
from bot.db.models import OrderStatus, RestockOrder
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders

_ASKED = "Commander 20 sacs de Riz brisé 50kg ?"


def _confirmed(chat: Chat) -> list[RestockOrder]:
    return [o for o in orders(chat.session) if o.status == OrderStatus.CONFIRMED]


def _low_rice(chat: Chat) -> None:
    chat.say("vendu 33 riz")
    assert "Vente enregistrée" in chat.say("oui")  # 9 sacs left: the alert is pushed


@pytest.mark.parametrize("between", [["stock sucre"], ["vendu 2 savon", "oui"], ["merci", "bilan"]])
def test_yes_after_another_command_answers_the_push(chat: Chat, between: list[str]) -> None:
    _low_rice(chat)
    for typed in between:
        chat.say(typed)
    assert chat.say("oui").startswith(_ASKED)
    assert not _confirmed(chat)  # asked first
    assert "Commande n°" in chat.say("oui")
    (order,) = _confirmed(chat)
    assert order.quantity == 20
    assert chat.say("oui").startswith("Il n'y a pas de question en cours")  # answered once


def test_later_after_a_stock_question_puts_the_push_off(chat: Chat) -> None:
    _low_rice(chat)
    chat.say("stock sucre")
    out = chat.say("plus tard")
    assert out.startswith("D'accord.") and "Riz brisé 50kg" in out, out
    assert not _confirmed(chat)


def test_another_quantity_is_asked_with_the_product_before_ordering(chat: Chat) -> None:
    _low_rice(chat)
    chat.say("stock sucre")
    assert chat.say("commande 30 au lieu de 20").startswith("Commander 30 sacs de Riz brisé 50kg ?")
    assert not _confirmed(chat)
    assert "30 sacs de Riz brisé 50kg" in chat.say("oui")


def test_the_push_is_not_answered_once_it_would_have_expired(chat: Chat) -> None:
    _low_rice(chat)
    chat.say("stock sucre")
    chat.now += timedelta(minutes=31)
    assert chat.say("oui").startswith("Il n'y a pas de question en cours")


def test_another_product_or_a_correction_of_the_sale_is_not_the_pushs_answer(chat: Chat) -> None:
    _low_rice(chat)
    chat.say("stock sucre")
    assert chat.say("commande 5 sucre en poudre").startswith("Commander 5 sacs de Sucre")
    chat.say("non")
    assert not chat.say("non c'est 30").startswith(_ASKED)


def _low_rice_and_soap(chat: Chat) -> None:
    chat.say("vendu 33 riz brisé et 10 savon")
    # As the inbound processor does: the alerts of one message are pushed together, grouped.
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        assert "Vente enregistrée" in chat.say("oui")  # 9 sacs, 5 cartons left


@pytest.mark.parametrize("between", [["stock sucre"], ["vendu 2 café", "oui"]])
def test_yes_after_another_command_answers_a_grouped_push(chat: Chat, between: list[str]) -> None:
    """A push listing several products was left for good by the next command (`oui` then said
    « Il n'y a pas de question en cours »), where a single product's push is still answered."""
    _low_rice_and_soap(chat)
    for typed in between:
        chat.say(typed)
    asked = chat.say("oui")
    assert asked.startswith("Commander :"), asked
    assert "Riz brisé 50kg" in asked and "Savon de Marseille" in asked, asked
    assert not _confirmed(chat)  # asked first
    chat.say("oui")
    assert {o.quantity for o in _confirmed(chat)} == {20, 10}
    assert chat.say("oui").startswith("Il n'y a pas de question en cours")  # answered once


def test_later_after_a_stock_question_puts_a_grouped_push_off(chat: Chat) -> None:
    _low_rice_and_soap(chat)
    chat.say("stock sucre")
    assert chat.say("plus tard") == "D'accord, je vous les rappellerai."
    assert not _confirmed(chat)


def test_an_order_of_another_product_after_a_grouped_push_is_its_own(chat: Chat) -> None:
    _low_rice_and_soap(chat)
    chat.say("stock sucre")
    assert chat.say("commande 5 sucre en poudre").startswith("Commander 5 sacs de Sucre")
    chat.say("oui")
    assert [o.quantity for o in _confirmed(chat)] == [5]


@pytest.mark.parametrize(
    "typed",
    [
        "je vais voir demain",
        "attendons la fin du mois",
        "on verra la semaine prochaine",
        "not now, maybe next week",
        "suba inchallah",
    ],
)
def test_a_day_to_come_in_a_sentence_puts_the_push_off(chat: Chat, typed: str) -> None:
    """`je vais voir demain` under « Commander 20 sacs ? » is a later (it was « Je n'ai pas
    compris votre réponse » past three words)."""
    _low_rice(chat)
    out = chat.say(typed)
    assert "Riz brisé 50kg" in out and "compris" not in out and "understand" not in out, out
    assert not _confirmed(chat)


@pytest.mark.parametrize("typed", ["oui merci", "waaw jërëjëf", "yes thank you"])
def test_a_yes_said_with_thanks_answers_the_push(chat: Chat, typed: str) -> None:
    """`oui merci` under « Commander 20 sacs ? » agrees (it got « Avec plaisir 🙏 » alone, as
    `merci` and `ok merci` do: thanks for the news)."""
    _low_rice(chat)
    out = chat.say(typed)
    assert out.startswith(("Commander 20 sacs", "Order 20 bags")), out
    assert not _confirmed(chat)  # asked first
    chat.say("yes" if typed.startswith("yes") else "oui")
    (order,) = _confirmed(chat)
    assert order.quantity == 20


@pytest.mark.parametrize(
    "typed", ["commande 20 riz", "oui commande 20 sacs de riz", "order 20 rice"]
)
def test_an_order_under_the_push_in_a_word_of_its_product_is_of_that_product(
    chat: Chat, typed: str
) -> None:
    """The scented rice's push waits: `riz` (the broken rice's name too) is the pushed rice."""
    chat.say("vendu 3 riz parfumé")
    assert "Vente enregistrée" in chat.say("oui")  # 3 left, under 8: the alert is pushed
    out = chat.say(typed)
    assert "20 sacs de Riz parfumé 25kg" in out or "20 bags of Riz parfumé 25kg" in out, out
    assert "Riz brisé" not in out, out


@pytest.mark.parametrize("typed", ["mes commandes", "les commandes ?", "my orders"])
def test_the_orders_asked_under_the_push_are_listed(chat: Chat, typed: str) -> None:
    """An order on its way, then a sale raises the alert: `mes commandes` under its push was
    read as the push's [Commander] (« Commander 20 sacs ? »), a second order offered."""
    chat.say("commander riz 20")
    chat.say("oui")
    _low_rice(chat)
    out = chat.say(typed)
    assert "Riz brisé 50kg" in out and "20" in out and not out.startswith(_ASKED), out
    assert len(_confirmed(chat)) == 1
