"""At « Ligne 2 (sucre) : Quel produit ? » (`vendu 2 riz et 3 sucre`, the rice read as the broken
one), a reply naming the other rice (`parfumé`, `non le riz parfumé`) corrects line 1, and the
sugar is asked again. Before, the sugar line became the scented rice: « 3 sucre » was recorded
as 3 bags of rice."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat

ASKED = "Ligne 2 (sucre) : Quel produit ?"


@pytest.mark.parametrize("reply", ["parfume", "le riz parfumé", "riz parfume 25kg"])
def test_the_sibling_of_another_lines_product_corrects_that_line(chat: Chat, reply: str) -> None:
    assert chat.say("vendu 2 riz et 3 sucre").startswith(ASKED)
    out = chat.say(reply)
    assert out.startswith("C'est noté : 2 sacs de Riz parfumé 25kg.\n" + ASKED), out
    out = chat.say("le petit")
    assert out.startswith(
        "Enregistrer la vente : 2 sacs de Riz parfumé 25kg, 3 paquets de Sucre morceaux 1kg ?"
    ), out


def test_in_english(chat: Chat) -> None:
    chat.say("english")
    assert chat.say("sold 2 rice and 3 oil").startswith("Line 2 (oil): Which product?")
    out = chat.say("no the riz parfume")
    assert "Riz parfumé 25kg" in out and "Which product?" in out, out


def test_a_product_of_its_own_still_answers_the_question(chat: Chat) -> None:
    """`café` is no rice: the sugar was coffee after all (as before)."""
    chat.say("vendu 2 riz et 3 sucre")
    out = chat.say("cafe")
    assert out.startswith("Enregistrer la vente : 2 sacs de Riz brisé 50kg, 3 sachets de Café"), out


def test_a_reply_denying_the_lines_own_words_is_still_about_that_line(chat: Chat) -> None:
    """`pas du sucre, du riz parfumé`: the sugar line was the scented rice (as before)."""
    chat.say("vendu 2 riz et 3 sucre")
    out = chat.say("c'est pas du sucre c'est du riz parfumé")
    assert "2 sacs de Riz brisé 50kg, 3 sacs de Riz parfumé 25kg" in out, out
