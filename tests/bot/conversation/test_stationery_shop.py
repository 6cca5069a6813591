"""A stationery shop's catalogue, where a number and the word after it name a product (`Cahier
100 pages`), products are named alone after the bot chose one from the talk, and a product's
name is its unit (`Taille-crayon`, counted in taille-crayons) or begins with another product's
unit (`Crayons de couleur 24` in boîtes, `Crayon HB` in crayons)."""

from __future__ import annotations

import pytest

from bot.alerts import pushes_after
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
    ("CALC", "Calculatrice Casio FX-82", "calculatrice", 25, "calculator"),
    ("TAI", "Taille-crayon", "taille-crayon", 200),
    ("CRA-HB", "Crayon HB", "crayon", 400),
    ("CRA-24", "Crayons de couleur 24", "boîte", 30),
    ("ENV-A4", "Enveloppe A4 kraft", "enveloppe", 300),
    ("ARD-A4", "Ramette papier A4", "ramette", 50),
]


@pytest.fixture
def shop(chat: Chat) -> Chat:
    store = get_store(chat.session, "demo")
    for sku, name, unit, stock, *english in _PRODUCTS:
        chat.session.add(
            Product(
                store_id=store.id,
                sku=sku,
                name=name,
                aliases=[],
                unit=unit,
                unit_en=english[0] if english else "",
                quantity=stock,
            )
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


@pytest.mark.parametrize(
    "typed", ["vendu 3 enveloppes a4", "vendu 3 enveloppe A4", "on a vendu 3 enveloppes a4 svp"]
)
def test_a_size_no_name_spells_is_not_read_from_a_sku(shop: Chat, typed: str) -> None:
    """« vendu 3 enveloppes a4 » asked about a second line, of the ream of paper: the `a` of
    `a4` was read as `ard`, the word the sku ARD-A4 (given as an alias) writes before 4."""
    shown = shop.say(typed)
    assert shown.startswith("Enregistrer la vente de 3 enveloppes A4 kraft ?"), shown
    assert shop.say("oui").startswith("✅")
    assert quantity(shop.session, "ENV-A4") == 297
    assert quantity(shop.session, "ARD-A4") == 50


@pytest.mark.parametrize(
    ("typed", "total"),
    [
        ("recu 1 carton de 50 enveloppes", 50),
        ("recu 2 cartons de 50 enveloppes a4", 100),
        ("reçu deux cartons de 25 enveloppes", 50),
    ],
)
def test_what_a_container_holds_said_with_it_is_counted(shop: Chat, typed: str, total: int) -> None:
    """« reçu 2 cartons de 50 enveloppes » asked how many envelopes 2 cartons make."""
    shown = shop.say(typed)
    assert shown.startswith(f"Enregistrer l'arrivage de {total} enveloppes A4 kraft ?"), shown
    assert shop.say("oui").startswith("✅")
    assert quantity(shop.session, "ENV-A4") == 300 + total


@pytest.mark.parametrize(
    "typed",
    [
        "recu 2 cartons de 24 crayons de couleur 24",  # 24 is the name's: per carton or a size
        "recu 2 cartons de 10 paquets d'enveloppes",  # packets, not envelopes
        "recu 2 cartons d'enveloppes",  # nothing said of what one holds
    ],
)
def test_what_a_container_holds_left_unsaid_is_asked(shop: Chat, typed: str) -> None:
    shown = shop.say(typed)
    assert "2 cartons" in shown and "ça fait combien" in shown, shown


def test_a_measure_that_begins_a_name_is_no_measure_of_it(chat: Chat) -> None:
    """`vendu 2 metres ruban` of Mètre ruban (counted in pièces) asked « combien de pièces ? »:
    the 2 was read as 2 m, a length the tape measure is not counted in."""
    store = get_store(chat.session, "demo")
    chat.session.add(
        Product(
            store_id=store.id, sku="MR", name="Mètre ruban", aliases=[], unit="pièce", quantity=20
        )
    )
    chat.session.commit()
    shown = chat.say("vendu 2 metres ruban")
    assert shown.startswith("Enregistrer la vente de 2 pièces de Mètre ruban ?"), shown
    assert chat.say("oui").startswith("✅")
    assert quantity(chat.session, "MR") == 18


def test_an_order_arrived_is_told_in_the_english_of_its_unit(shop: Chat) -> None:
    """« record the delivery of 30 calculatrices » in an English text: the order's amount was
    written without the unit's English the catalogue gives."""
    shop.manager.language = "en"
    shop.session.add(shop.manager)
    shop.session.commit()
    assert shop.say("order 30 calculators").startswith("Order 30 calculators of")
    shop.say("yes")
    shown = shop.say("we received the casio")
    assert "30 calculators of Calculatrice Casio FX-82?" in shown, shown


def test_a_product_asked_about_leaves_the_sale_for_its_stock(shop: Chat) -> None:
    shop.say("stock cartable")
    shop.say("vendu 2")
    shown = shop.say("calculatrice ?")
    assert "est annulée" in shown and "Calculatrice Casio FX-82 : 25" in shown, shown


def test_a_product_named_under_a_count_asked_is_no_count_of_it(shop: Chat) -> None:
    """`inventaire riz`, `40`, then `cafe`: the 40 sacks of rice were offered as coffee."""
    shop.say("inventaire riz")
    assert "42 → 40" in shop.say("40")
    shown = shop.say("cafe")
    assert "→ 40" not in shown and "Café Touba 250g : 30 sachets" in shown, shown
    assert quantity(shop.session, "CAFE-TOUBA") == 30


def test_a_product_named_under_an_alerts_order_is_no_order_of_it(shop: Chat) -> None:
    """Under « Commander 20 sacs de Riz brisé 50kg ? » (a push's order), `cafe` offered to order
    20 sachets of coffee."""
    shop.say("vente riz 33")
    with pushes_after(shop.session, settings=shop.settings, now=shop.now):
        shop.say("oui")
    assert shop.say("oui").startswith("Commander 20 sacs de Riz brisé 50kg ?")
    shown = shop.say("cafe")
    assert "Commander 20 sachets" not in shown, shown


def test_goods_thrown_away_after_an_arrival_are_a_loss_not_its_correction(chat: Chat) -> None:
    """`on a jeté 4 kg de sucre, c'était gâté` right after an arrival of rice offered to
    correct the arrival into 4 kg of sugar (`c'était` read as « it was »)."""
    chat.say("recu 10 riz")
    assert chat.say("oui").startswith("✅")
    shown = chat.say("on a jeté 4 kg de sucre en poudre, c'était gâté")
    assert not shown.startswith("Corriger"), shown
    assert shown.startswith("4 kg de Sucre en poudre 50kg, ça fait combien de sacs ?"), shown
