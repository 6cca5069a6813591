"""A stock question typed while "Quel produit ?" waits for a sale's product: read as the
question it is (the sale left, said so), not as the product answered."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


@pytest.mark.parametrize(
    ("lang", "sale", "question", "shown"),
    [
        ("fr", "vendu 3", "stock sucre", "Sucre morceaux 1kg : 40"),
        ("fr", "j'ai vendu 3", "il reste combien de sucre", "Sucre morceaux 1kg : 40"),
        ("en", "sold 3", "stock sugar", "Sucre en poudre 50kg: 12"),
        ("wo", "jaay naa 3", "naata sukar", "Sucre morceaux 1kg : 40"),
    ],
)
def test_stock_question_at_any_product_is_answered(
    chat: Chat, lang: str, sale: str, question: str, shown: str
) -> None:
    """It was taken as the sale's product: `stock sucre` asked which sugar was sold."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    assert len(chat.ids()) == 0
    chat.say(sale)
    assert len(chat.ids()) == 10  # any product: the first ten, the name typed for others
    before = quantity(chat.session, "SUCRE-MORCEAU")
    out = chat.say(question)
    assert shown in out, out
    assert not chat.ids(), out  # no product asked for the sale
    assert quantity(chat.session, "SUCRE-MORCEAU") == before


@pytest.mark.parametrize(
    ("lang", "question", "notice"),
    [
        ("fr", "combien de riz il reste", "La vente de 3 Sucre est annulée"),
        ("en", "how much rice is left", "The sale of 3 Sucre is cancelled"),
        ("wo", "stock ceeb", "Jaay bu 3 Sucre bi, bàyyi naa ko"),
    ],
)
def test_sale_of_a_family_left_for_another_question_is_said(
    chat: Chat, lang: str, question: str, notice: str
) -> None:
    """`vendu 3` about the sugars just shown, then a question about rice: the sale of 3 of
    the sugars was dropped without a word."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    chat.say("stock sucre")
    chat.say({"fr": "vendu 3", "en": "sold 3", "wo": "jaay naa 3"}[lang])
    assert len(chat.ids()) == 2  # which sugar
    out = chat.say(question)
    assert notice in out, out
    assert "Riz brisé 50kg" in out, out
