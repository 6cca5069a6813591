"""Found in `stockbot chat`: a sale with no product right after a family was listed (`stock
sucre` answers both sugars, then `vendu 2`) offers that family, not every product; a quantity
asked about one line of several names the product once."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize(
    ("lang", "stock", "sold", "which"),
    [
        (
            "fr",
            "stock sucre",
            "vendu 2",
            "Quel produit ?\n[Sucre en poudre 50kg]\n[Sucre morceaux 1kg]",
        ),
        (
            "en",
            "stock sucre",
            "sold 2",
            "Which product?\n[Sucre en poudre 50kg]\n[Sucre morceaux 1kg]",
        ),
        (
            "wo",
            "ñaata suukar moo des",
            "jaay naa 2",
            "Ban produit ?\n[Sucre en poudre 50kg]\n[Sucre morceaux 1kg]",
        ),
    ],
)
def test_the_family_just_listed_is_offered(
    chat: Chat, lang: str, stock: str, sold: str, which: str
) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()
    listed = chat.say(stock)
    assert "Sucre en poudre 50kg" in listed and "Sucre morceaux 1kg" in listed, listed
    question, *choices = which.split("\n")
    asked, *shown = chat.say(sold).split("\n")
    assert (asked, sorted(shown)) == (question, sorted(choices))


def test_the_line_asked_about_is_named_once(chat: Chat) -> None:
    chat.say("vendu 2 thé 1 café 3 jumbo")
    chat.say("modifier")
    assert chat.say("2") == "Ligne 2 (Café Touba 250g) : Combien de sachets ?"
