"""A stationery shop's catalogue, where a number and the word after it name a product (`Cahier
100 pages`), products are named alone after the bot chose one from the talk, and a product's
name is its unit (`Taille-crayon`, counted in taille-crayons) or begins with another product's
unit (`Crayons de couleur 24` in boîtes, `Crayon HB` in crayons)."""

from __future__ import annotations

import pytest

from bot.db.models import Product
from bot.stock import get_store
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

_PRODUCTS = [
    ("CAH-100", "Cahier 100 pages", "cahier", 200),
    ("CAH-200", "Cahier 200 pages", "cahier", 120),
    ("CAH-300", "Cahier 300 pages", "cahier", 60),
    ("STY-RG", "Stylo Bic rouge", "stylo", 300),
    ("CART", "Cartable enfant", "cartable", 35),
    ("CALC", "Calculatrice Casio FX-82", "calculatrice", 25),
    ("TAI", "Taille-crayon", "taille-crayon", 200),
    ("CRA-HB", "Crayon HB", "crayon", 400),
    ("CRA-24", "Crayons de couleur 24", "boîte", 30),
]


@pytest.fixture
def shop(chat: Chat) -> Chat:
    store = get_store(chat.session, "demo")
    for sku, name, unit, stock in _PRODUCTS:
        chat.session.add(
            Product(store_id=store.id, sku=sku, name=name, aliases=[], unit=unit, quantity=stock)
        )
    chat.session.commit()
    return chat


@pytest.mark.parametrize("typed", ["non 100 pages", "100 pages", "non c'est le 100 pages svp"])
def test_a_number_and_its_word_name_the_sibling(shop: Chat, typed: str) -> None:
    assert "4 cahiers 200 pages" in shop.say("vendu 4 cahiers 200 pages")
    shown = shop.say(typed)
    assert shown.startswith("Enregistrer la vente de 4 cahiers 100 pages ?"), shown
    assert shop.say("oui").startswith("✅")
    assert quantity(shop.session, "CAH-100") == 196
    assert quantity(shop.session, "CAH-200") == 120


def test_a_number_and_another_word_is_still_the_quantity(shop: Chat) -> None:
    shop.say("vendu 4 cahiers 200 pages")
    shown = shop.say("non 6 cahiers")
    assert shown.startswith("Enregistrer la vente de 6 cahiers 200 pages ?"), shown


def test_after_the_sale_the_number_and_its_word_move_it(shop: Chat) -> None:
    shop.say("vendu 6 cahiers 300 pages")
    assert shop.say("oui").startswith("✅")
    shown = shop.say("non c'etait 100 pages")
    assert shown.startswith(
        "Corriger : vente de 6 cahiers 100 pages au lieu de 6 cahiers 300 pages"
    ), shown
    assert shop.say("oui").startswith("✅")
    assert quantity(shop.session, "CAH-300") == 60
    assert quantity(shop.session, "CAH-100") == 194


@pytest.mark.parametrize("typed", ["calculatrice", "non la calculatrice"])
def test_a_product_named_alone_replaces_the_one_taken_from_the_talk(shop: Chat, typed: str) -> None:
    shop.say("stock cartable")
    assert shop.say("vendu 2").startswith("Enregistrer la vente de 2 cartables enfant ?")
    shown = shop.say(typed)
    assert shown.startswith("Enregistrer la vente de 2 calculatrices Casio FX-82 ?"), shown
    assert shop.say("oui").startswith("✅")
    assert quantity(shop.session, "CALC") == 23
    assert quantity(shop.session, "CART") == 35


def test_another_product_alone_after_a_named_one_is_still_a_question(shop: Chat) -> None:
    shop.say("vendu 2 cartables")
    shown = shop.say("calculatrice")
    assert "est annulée" in shown and "Calculatrice Casio FX-82 : 25" in shown, shown


def test_a_name_that_is_its_unit_is_said_once(shop: Chat) -> None:
    shown = shop.say("recu 20 taille crayon")
    assert shown.startswith("Enregistrer l'arrivage de 20 taille-crayons ?"), shown
    assert shop.say("oui").startswith("✅ Arrivage enregistré : 20 taille-crayons.")


def test_a_name_beginning_with_another_products_unit_is_no_amount_in_it(shop: Chat) -> None:
    shown = shop.say("vendu 5 crayons de couleur 24")
    assert shown.startswith("Enregistrer la vente de 5 boîtes de Crayons de couleur 24 ?"), shown
    assert shop.say("oui").startswith("✅")
    assert quantity(shop.session, "CRA-24") == 25


def test_a_packing_word_before_a_name_is_still_asked_about(shop: Chat) -> None:
    shown = shop.say("recu 3 cartons de crayons hb")
    assert shown.startswith("3 cartons de Crayon HB, ça fait combien de crayons ?"), shown
