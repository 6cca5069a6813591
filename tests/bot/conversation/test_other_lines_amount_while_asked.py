"""`vendu 2 sucre 1 café et 3 savon` asks « Ligne 1 (sucre) : Quel produit ? »; the manager
answers with a fix of another line's amount, the number it replaces said too (« c'était 3 café
pas 1 »). The sugar line became the coffee (2 sachets of coffee beside the 1 still there), the
sugar question was gone; with the milk out of stock, both milk lines were refused, said twice,
and the sugar dropped."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat

ASKED = "Ligne 1 (sucre) : Quel produit ?"


@pytest.mark.parametrize(
    "reply", ["c etait 3 cafe pas 1", "3 café pas 1", "c'est 3 cafe au lieu de 1"]
)
def test_the_other_lines_amount_is_fixed_and_the_question_comes_again(
    chat: Chat, reply: str
) -> None:
    assert chat.say("vendu 2 sucre 1 cafe et 3 savon").startswith(ASKED), chat.last
    out = chat.say(reply)
    assert out.startswith("C'est noté : 3 sachets de Café Touba 250g.\n" + ASKED), out
    out = chat.say("le petit")
    assert out.startswith(
        "Enregistrer la vente : 2 paquets de Sucre morceaux 1kg, 3 sachets de Café Touba 250g, "
        "3 cartons de Savon de Marseille ?"
    ), out


def test_in_english(chat: Chat) -> None:
    chat.say("english")
    assert chat.say("sold 2 oil 1 coffee and 3 soap").startswith("Line 1 (oil): Which product?")
    out = chat.say("it was 3 coffee not 1")
    assert out.startswith("Noted: 3 sachets of Café Touba 250g.\nLine 1 (oil): Which product?"), out


def test_positions_are_no_amount(chat: Chat) -> None:
    """« le 2 pas le 1 » points at products offered: no line's amount changes."""
    chat.say("vendu 2 sucre 1 cafe et 3 savon")
    out = chat.say("le 2 pas le 1")
    assert "C'est noté" not in out and ASKED in out, out
