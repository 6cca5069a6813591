"""A customer's return said without an amount (`le client a ramené le riz`): how many is asked,
then the return confirmed; it showed the product's stock and the return was lost."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from bot.db.models import StockMovement
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, quantity


@pytest.mark.parametrize(
    ("lang", "said", "sku", "answer", "yes", "asked"),
    [
        ("fr", "le client a ramené le riz", "RIZ-BRISE-50", "2", "oui", "retour client de 2"),
        ("fr", "un client a rendu le savon", "SAVON-MARSEILLE", "1", "oui", "retour client de 1"),
        ("en", "the customer brought back the rice", "RIZ-BRISE-50", "3", "yes", "return of 3"),
        ("wo", "kiliyaan bi delloo na ceeb bi", "RIZ-BRISE-50", "2", "waaw", "2"),
    ],
)
def test_a_return_without_amount_asks_how_many(
    chat: Chat, lang: str, said: str, sku: str, answer: str, yes: str, asked: str
) -> None:
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    before = quantity(chat.session, sku)
    how_many = chat.say(said)
    assert "?" in how_many and str(before) not in how_many, how_many  # no stock shown
    confirm = chat.say(answer)
    assert asked in confirm, confirm
    chat.say(yes)
    assert quantity(chat.session, sku) == before + int(answer)
    assert movements(chat.session, sku)[-1][1:] == ("receipt", int(answer))
    last = chat.session.exec(select(StockMovement).order_by(col(StockMovement.id).desc())).first()
    assert last is not None and last.note == "retour client", last


def test_a_return_of_a_family_asks_which_first(chat: Chat) -> None:
    out = chat.say("le client a rendu du sucre")
    assert "Sucre en poudre 50kg" in out and "Sucre morceaux 1kg" in out, out
    assert len(chat.ids()) == 2, out
