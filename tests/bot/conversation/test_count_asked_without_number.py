"""A count of one product said without its number (`inventaire riz`, `on va compter le café
touba`, `count the rice`): the stock, then how many were counted; the number typed next was
« Je n'ai pas compris « 40 » »."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


@pytest.mark.parametrize(
    ("typed", "sku", "asked"),
    [
        ("inventaire riz", "RIZ-BRISE-50", "Riz brisé 50kg : combien de sacs au comptage ?"),
        ("on va compter le cafe touba", "CAFE-TOUBA", "Café Touba 250g : combien de sachets"),
        ("INVENTAIRE RIZ", "RIZ-BRISE-50", "Riz brisé 50kg : combien de sacs au comptage ?"),
    ],
)
def test_the_number_counted_is_asked_then_offered(
    chat: Chat, typed: str, sku: str, asked: str
) -> None:
    before = quantity(chat.session, sku)
    shown = chat.say(typed)
    assert asked in shown and f": {before} " in shown, shown  # the stock, then the question
    offered = chat.say(str(before - 2))
    assert f"{before} → {before - 2}" in offered and "Enregistrer l'inventaire ?" in offered
    assert chat.say("oui").startswith("✅ Inventaire enregistré")
    assert quantity(chat.session, sku) == before - 2


def test_another_command_leaves_the_count_without_a_word(chat: Chat) -> None:
    chat.say("inventaire riz")
    shown = chat.say("vendu 2 savon")
    assert shown.startswith("Enregistrer la vente de 2 cartons de Savon de Marseille ?"), shown


def test_a_count_with_its_number_is_offered_at_once(chat: Chat) -> None:
    shown = chat.say("inventaire riz 40")
    assert shown.startswith("Riz brisé 50kg : 42 → 40 sacs"), shown


@pytest.mark.parametrize("typed", ["le riz ne compte pas", "on a deja compte le riz hier"])
def test_a_count_denied_or_done_asks_nothing(chat: Chat, typed: str) -> None:
    assert "au comptage" not in chat.say(typed)


def test_a_question_is_only_answered(chat: Chat) -> None:
    shown = chat.say("il reste combien de riz pour l'inventaire ?")
    assert "Riz brisé 50kg : 42 sacs" in shown and "au comptage" not in shown, shown
