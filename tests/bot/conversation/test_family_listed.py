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


@pytest.mark.parametrize(
    ("lang", "stock", "sold"),
    [
        ("fr", "stock sucre", "vendu deux paquets"),
        ("en", "stock sucre", "sold 2 packets"),
        ("wo", "ñaata suukar moo des", "jaay naa 2 paquet"),
    ],
)
def test_the_unit_typed_picks_the_one_of_the_family_counted_so(
    chat: Chat, lang: str, stock: str, sold: str
) -> None:
    """Only the lump sugar is counted in packets (the powder in bags): no question."""
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()
    chat.say(stock)
    asked = chat.say(sold)
    assert "Sucre morceaux 1kg" in asked and "Sucre en poudre" not in asked, asked
    assert "2" in asked, asked


def test_a_unit_no_one_of_the_family_is_counted_in_offers_them_all(chat: Chat) -> None:
    chat.say("stock sucre")
    asked = chat.say("vendu 2 bidons")
    assert "Sucre en poudre 50kg" in asked and "Sucre morceaux 1kg" in asked, asked


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("le grand", "non le petit", "Sucre morceaux 1kg"),
        ("le petit", "non le grand", "Sucre en poudre 50kg"),
    ],
)
def test_the_other_size_after_a_pick_is_of_the_same_product(
    chat: Chat, first: str, then: str, expected: str
) -> None:
    """« non le petit » under a sale of the big sugar is the small sugar, not the powdered milk
    (« Sucre en poudre » and « Lait en poudre » share « en poudre », the sugars their head word;
    it answered « Vente refusée : Lait en poudre 400g est en rupture de stock »)."""
    chat.say("vendu 3 sucre")
    chat.say(first)
    out = chat.say(then)
    assert expected in out and "Lait" not in out, out
