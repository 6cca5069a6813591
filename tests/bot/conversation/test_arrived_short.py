"""Goods said arrived with only the number missing (`le riz est arrivé mais il manque 4`, `the
rice came, 5 bags missing`), without `commande` or `livraison`: the rest of their open order came;
the number missing was taken for what came (« est-ce la commande n°1 ? » for 4 sacs)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


def _ordered_20_rice(chat: Chat) -> None:
    chat.say("commander 20 riz")
    assert "Commande n°1 confirmée" in chat.say("oui")


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("le riz est arrivé mais il manque 4", "Commande n°1 : enregistrer l'arrivage de 16 sacs"),
        ("riz arrivé, 4 sacs manquent", "Commande n°1 : enregistrer l'arrivage de 16 sacs"),
        ("the rice came, 5 bags missing", "Order #1: record the delivery of 15 bags"),
        (
            "le riz est arrivé, 4 sacs manquantes",
            "Commande n°1 : enregistrer l'arrivage de 16 sacs",
        ),
    ],
)
def test_goods_said_arrived_short_of_a_number_are_the_rest_of_their_order(
    chat: Chat, typed: str, asked: str
) -> None:
    """Without `commande` or `livraison` in it, the number missing was taken for what came: « est-ce
    la commande n°1 ? » for 4 sacs."""
    _ordered_20_rice(chat)
    assert chat.say(typed).startswith(asked)


def test_another_products_missing_count_is_not_taken_off_the_order(chat: Chat) -> None:
    """Reviewer's find: `il manque 4 sucre` took the sugar's 4 off the rice order (16 sacs)."""
    _ordered_20_rice(chat)
    assert "16 sacs" not in chat.say("le riz est arrivé mais il manque 4 sucre")


@pytest.mark.parametrize(
    "typed", ["le riz est arrivé mais il manque 4", "la livraison de riz est arrivée, il manque 4"]
)
def test_with_no_order_open_how_many_came_is_asked(chat: Chat, typed: str) -> None:
    """No order to take the 4 missing from: the 4 was recorded as what came."""
    assert chat.say(typed) == "Riz brisé 50kg : combien de sacs ?"
