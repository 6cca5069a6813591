"""Goods named by a word several products share (`riz`, `huile`) said arrived while one of
those products only is awaited: the order open is the one meant. Before, « la commande de riz
est arrivée » with the scented rice ordered answered « Aucune commande en cours pour Riz brisé »
(`riz` alone reads as the broken rice) and listed every order; « j'ai reçu 8 huile » with the
20L oil ordered asked which of the three oils, then recorded a plain arrival."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


def ordered(chat: Chat, command: str) -> None:
    chat.say(command)
    assert "✅" in chat.say("oui")


@pytest.mark.parametrize(
    "said",
    ["la commande de riz est arrivee", "le riz commandé est arrivé", "the rice order arrived"],
)
def test_the_order_of_the_family_named_is_the_one_arrived(chat: Chat, said: str) -> None:
    ordered(chat, "commande 20 sacs de riz parfume")
    ordered(chat, "commande 10 huile 20l")
    out = chat.say(said)
    assert "20 sacs de Riz parfumé 25kg" in out or "20 bags of Riz parfumé 25kg" in out, out
    assert "Aucune commande" not in out and "Huile" not in out, out


def test_an_arrival_of_the_family_is_asked_as_the_order_of_the_one_awaited(chat: Chat) -> None:
    ordered(chat, "commande 10 huile 20l")
    out = chat.say("j'ai reçu 8 huile")
    assert out.startswith("Arrivage de 8 bidons d'Huile d'arachide 20L : est-ce la commande n°1"), (
        out
    )
    assert "(commande n°1)" in chat.say("oui")


def test_not_the_order_asks_which_of_the_family(chat: Chat) -> None:
    ordered(chat, "commande 10 huile 20l")
    chat.say("j'ai reçu 8 huile")
    out = chat.say("non")
    assert out.startswith("Quel produit ?"), out
    assert "[Huile Jadida 1L]" in out and "[Huile d'arachide 20L]" in out
    out = chat.say("Huile d'arachide 20L")
    assert out.startswith("Enregistrer l'arrivage de 8 bidons d'Huile d'arachide 20L ?"), out
    out = chat.say("oui")
    assert "✅" in out and "commande" not in out, out


def test_two_of_the_family_awaited_still_asks_which(chat: Chat) -> None:
    ordered(chat, "commande 10 huile 20l")
    ordered(chat, "commande 5 huile jadida 5l")
    assert chat.say("j'ai reçu 8 huile").startswith("Quel produit ?")


def test_the_product_named_in_full_is_not_taken_for_the_one_awaited(chat: Chat) -> None:
    """`riz brisé` names the broken rice: no order of it, whatever the scented rice's."""
    ordered(chat, "commande 10 riz parfume")
    out = chat.say("la commande de riz brisé est arrivée")
    assert out.startswith("Aucune commande en cours pour Riz brisé 50kg."), out


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("le lait est arrivé", "Commande n°1 arrivée : enregistrer l'arrivage de 36 boîtes"),
        ("reçu lait", "Commande n°1 arrivée : enregistrer l'arrivage de 36 boîtes"),
        ("the milk came", "Order #1 arrived: record the delivery of 36 boxes"),
    ],
)
def test_a_product_said_arrived_with_its_order_open_is_that_order(
    chat: Chat, said: str, asked: str
) -> None:
    """No amount, no « commande » word: the order open for it is what arrived (it asked how
    many and recorded a plain arrival beside the order, still open)."""
    if said.startswith("the"):
        chat.say("english")
        ordered_en = chat.say("order 36 milk")
        assert "36" in ordered_en, ordered_en
        assert "✅" in chat.say("yes")
    else:
        ordered(chat, "commande 36 lait")
    out = chat.say(said)
    assert out.startswith(asked), out
    done = chat.tap(chat.button("yes"))
    assert "n°1 reçue : 36 boîtes" in done or "#1 received: 36 boxes" in done, done
