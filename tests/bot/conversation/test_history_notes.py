"""What the history says of a move recorded in chat: a loss and a return to the supplier are
adjustments like a count, and only the movement's note tells them apart in the ledger (the back
office's history showed « inventaire » for all three)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import last_move


@pytest.mark.parametrize(
    ("typed", "sku", "expected"),
    [
        ("j'ai perdu 2 sacs de farine", "FARINE-50", ("adjustment", -2, "perte")),
        ("2 sacs de farine mouillés, à jeter", "FARINE-50", ("adjustment", -2, "perte")),
        (
            "retour fournisseur 3 sacs riz brisé",
            "RIZ-BRISE-50",
            ("adjustment", -3, "retour fournisseur"),
        ),
        (
            "returned 2 bags of broken rice to the supplier",
            "RIZ-BRISE-50",
            ("adjustment", -2, "retour fournisseur"),
        ),
        ("un client a ramené 1 sac de riz brisé", "RIZ-BRISE-50", ("receipt", 1, "retour client")),
        ("vendu 2 sacs de riz brisé", "RIZ-BRISE-50", ("sale", -2, "")),
        ("reçu 5 sacs de riz brisé", "RIZ-BRISE-50", ("receipt", 5, "")),
    ],
)
def test_the_history_names_why_the_stock_moved(
    chat: Chat, typed: str, sku: str, expected: tuple[str, int, str]
) -> None:
    chat.say(typed)
    out = chat.say("yes" if typed.startswith("returned") else "oui")
    assert "✅" in out, out
    assert last_move(chat.session, sku) == expected


def test_a_count_is_noted_as_one(chat: Chat) -> None:
    chat.say("inventaire riz brisé 12")
    chat.say("oui")
    kind, _, note = last_move(chat.session, "RIZ-BRISE-50")
    assert (kind, note) == ("adjustment", "inventaire")


def test_a_loss_corrected_is_still_noted_as_a_loss(chat: Chat) -> None:
    chat.say("j'ai perdu 2 sacs de farine")
    chat.say("oui")
    out = chat.say("non c'est 3")
    assert "perte" in out.casefold(), out
    chat.say("oui")
    assert last_move(chat.session, "FARINE-50") == ("adjustment", -1, "perte")


def test_an_exchange_notes_the_goods_brought_back_as_a_return(chat: Chat) -> None:
    chat.say("un client a rendu 2 savon et pris 2 sucre en poudre")
    out = chat.say("oui")
    assert "✅" in out, out
    assert last_move(chat.session, "SAVON-MARSEILLE") == ("receipt", 2, "retour client")
    assert last_move(chat.session, "SUCRE-50") == ("sale", -2, "")


@pytest.mark.parametrize(
    ("said", "yes", "history", "shown"),
    [
        (
            ["j'ai perdu 2 sacs de farine", "retour fournisseur 1 sac farine"],
            "oui",
            "historique farine",
            ["retour fournisseur -1", "perte -2"],
        ),
        (
            ["lost 2 bags of flour", "returned 1 bag of flour to the supplier"],
            "yes",
            "history flour",
            ["back to supplier -1", "loss -2"],
        ),
    ],
)
def test_the_history_in_chat_says_why(
    chat: Chat, said: list[str], yes: str, history: str, shown: list[str]
) -> None:
    """A manager reading a product's history sees a loss and a return to the supplier for what
    they are (both read « inventaire », a count)."""
    for typed in said:
        chat.say(typed)
        chat.say(yes)
    out = chat.say(history)
    lines = [line for line in out.splitlines() if line.startswith("•")]
    assert [line.split(" ", 3)[3].split(" →")[0] for line in lines[:2]] == shown, out
