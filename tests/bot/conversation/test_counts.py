"""Issue 12 §5: stock counts set the counted quantity; `INVENTAIRE` alone counts one by one."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.db.models import MovementKind, MovementSource, Product
from bot.stock import record_movement
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, movements, quantity


@pytest.mark.parametrize(
    "typed",
    [
        "inventaire riz 30",
        "j'ai compté 30 sacs de riz",
        "il y a 30 sacs de riz en vrai",
        "corrige le stock de riz à 30",
        "stock riz = 30",
        "we counted 30 bags of rice",
    ],
)
def test_a_count_is_confirmed_then_sets_the_quantity(chat: Chat, typed: str) -> None:
    offer = chat.say(typed)
    english = typed.startswith("we")  # answered in the language written
    assert offer.startswith(
        "Riz brisé 50kg: 42 → 30 bags (−12)" if english else "Riz brisé 50kg : 42 → 30 sacs (−12)"
    ), offer
    assert quantity(chat.session, "RIZ-BRISE-50") == 42
    done = chat.say("yes" if typed.startswith("we") else "oui")
    assert done.startswith("✅"), done
    assert quantity(chat.session, "RIZ-BRISE-50") == 30
    assert movements(chat.session, "RIZ-BRISE-50")[-1] == ("RIZ-BRISE-50", "adjustment", -12)


def test_a_sale_between_the_question_and_yes_is_not_lost(chat: Chat) -> None:
    chat.say("inventaire riz 30")
    rice = chat.session.exec(select(Product).where(Product.sku == "RIZ-BRISE-50")).one()
    record_movement(
        chat.session,
        rice,
        -2,
        MovementKind.SALE,
        MovementSource.API,
        settings=chat.settings,
        now=chat.now,
    )
    chat.session.commit()
    chat.say("oui")
    # The count wins, as counted; the adjustment is computed from the 40 left, not from 42.
    assert quantity(chat.session, "RIZ-BRISE-50") == 30
    assert movements(chat.session, "RIZ-BRISE-50")[-2:] == [
        ("RIZ-BRISE-50", "sale", -2),
        ("RIZ-BRISE-50", "adjustment", -10),
    ]
    assert balanced(chat.session)


@pytest.mark.parametrize(
    "typed", ["il y a 10 paquets de sucre en vrai", "j'ai compté 10 paquets de sucre"]
)
def test_the_unit_counted_narrows_the_family(chat: Chat, typed: str) -> None:
    # the sugar sold by the paquet, not "Quel produit ?" between the sack and the paquet
    assert chat.say(typed).startswith("Sucre morceaux 1kg : 40 → 10 paquets")


def test_an_ambiguous_count_asks_which_product(chat: Chat) -> None:
    assert chat.say("inventaire sucre 10").startswith("Quel produit ?")
    assert chat.say("le petit").startswith("Sucre morceaux 1kg : 40 → 10 paquets")


def test_the_guided_count_goes_product_by_product_stops_and_resumes(chat: Chat) -> None:
    started = chat.say("INVENTAIRE")
    assert started.startswith("Inventaire de 16 produits")
    assert "Inventaire 1/16 · Lait en poudre 400g" in started  # out of stock first
    assert "1/16" in started
    after_first = chat.say("3")
    assert "✓ Lait en poudre 400g : 0 → 3 boîtes" in after_first
    assert "Inventaire 2/16" in after_first
    assert quantity(chat.session, "LAIT-POUDRE") == 3
    assert "Inventaire 3/16" in chat.say("c'est juste")  # no movement for a right count
    assert "Inventaire 4/16" in chat.tap(chat.button("skip"))
    assert chat.say("stop").startswith("Inventaire en pause (4/16)")
    assert chat.say("stock riz").startswith("Riz brisé 50kg")
    resumed = chat.say("inventaire")
    assert resumed.startswith("On reprend l'inventaire (4/16).")
    assert balanced(chat.session)


def test_a_count_of_zero_is_a_count(chat: Chat) -> None:
    chat.say("INVENTAIRE")
    chat.say("0")  # the milk is really out
    assert quantity(chat.session, "LAIT-POUDRE") == 0
    chat.say("0")
    second = chat.session.exec(select(Product).where(Product.sku == "GAZ-12")).one()
    chat.session.refresh(second)
    assert second.quantity == 0


@pytest.mark.parametrize(
    ("typed", "yes"),
    [
        ("inventaire riz 40 et savon 12", "oui"),
        ("j'ai compté 40 riz et 12 savon", "oui"),
        ("inventaire riz 40, savon 12", "oui"),
        ("we counted 40 rice and 12 soap", "yes"),
        ("lim naa 40 ceeb ak 12 saabu", "waaw"),
        # no separator: one count per product
        ("inventaire riz 40 savon 12", "oui"),
        ("j'ai compté 40 riz 12 savon", "oui"),
        ("counted rice 40 soap 12", "yes"),
    ],
)
def test_a_count_of_several_products_is_one_draft(chat: Chat, typed: str, yes: str) -> None:
    offer = chat.say(typed)
    assert "42 → 40" in offer and "15 → 12" in offer, offer
    done = chat.say(yes)
    assert done.startswith("✅"), done
    assert quantity(chat.session, "RIZ-BRISE-50") == 40
    assert quantity(chat.session, "SAVON-MARSEILLE") == 12


def test_counts_without_a_separator_keep_each_line_when_one_product_is_asked(
    chat: Chat,
) -> None:
    asked = chat.say("compté riz 40 sucre 12")
    assert asked.startswith("Ligne 2 (sucre) : Quel produit ?"), asked
    offer = chat.say("le petit")
    assert "42 → 40" in offer and "Sucre morceaux 1kg : 40 → 12" in offer, offer
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 40
    assert quantity(chat.session, "SUCRE-MORCEAU") == 12


@pytest.mark.parametrize(
    "typed", ["non 38 riz et 10 savon", "non riz 38 savon 10", "plutôt 10 savon, 38 riz"]
)
def test_a_count_is_corrected_count_by_count(chat: Chat, typed: str) -> None:
    chat.say("inventaire riz 40 et savon 12")
    offer = chat.say(typed)
    assert "42 → 38" in offer and "15 → 10" in offer, offer
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 38
    assert quantity(chat.session, "SAVON-MARSEILLE") == 10


def test_a_count_added_at_its_confirmation_is_one_more_line(chat: Chat) -> None:
    chat.say("inventaire riz 40")
    offer = chat.say("et savon 12")
    assert "42 → 40" in offer and "15 → 12" in offer, offer
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 40
    assert quantity(chat.session, "SAVON-MARSEILLE") == 12
    assert balanced(chat.session)


def test_the_tour_counts_another_product_named_then_asks_again(chat: Chat) -> None:
    chat.say("inventaire")
    shown = chat.say("riz 40")
    assert "Inventaire 1/16 · Lait en poudre 400g" in shown, shown
    assert quantity(chat.session, "RIZ-BRISE-50") == 40
    assert quantity(chat.session, "LAIT-POUDRE") == 0
    shown = chat.say("savon 12 et café 25")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 12
    assert quantity(chat.session, "CAFE-TOUBA") == 25
    assert "Inventaire 1/16" in shown, shown
    assert "Inventaire 2/16" in chat.say("3 boîtes")
    assert quantity(chat.session, "LAIT-POUDRE") == 3


@pytest.mark.parametrize(
    "typed", ["oups c'etait 25", "non c'était 25", "oups 25 pour le gaz", "correction: 25"]
)
def test_a_correction_in_the_tour_counts_the_previous_product_again(chat: Chat, typed: str) -> None:
    chat.say("inventaire")
    chat.say("3")
    assert "Inventaire 3/16" in chat.say("12")  # the 12 kg gas: 2 → 12
    shown = chat.say(typed)
    assert quantity(chat.session, "GAZ-12") == 25
    assert quantity(chat.session, "TOMATE-CONC") == 4  # the product on screen is untouched
    assert "Inventaire 3/16" in shown, shown
    assert balanced(chat.session)


def test_a_command_pauses_the_tour_and_is_done(chat: Chat) -> None:
    chat.say("inventaire")
    chat.say("3")
    shown = chat.say("vendu 2 riz")
    assert "Inventaire en pause (2/16)" in shown, shown
    assert "Enregistrer la vente de 2 sacs de Riz brisé 50kg" in shown, shown
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 40
    assert quantity(chat.session, "GAZ-12") == 2  # not "counted" as 2
    assert chat.say("inventaire").startswith("On reprend l'inventaire (2/16).")


def test_a_count_of_a_family_in_the_tour_asks_which_then_goes_on(chat: Chat) -> None:
    chat.say("inventaire")
    assert chat.say("sucre 10").startswith("Quel produit ?")
    shown = chat.say("le petit")
    assert quantity(chat.session, "SUCRE-MORCEAU") == 10
    assert quantity(chat.session, "LAIT-POUDRE") == 0
    assert "Inventaire 1/16 · Lait en poudre 400g" in shown, shown


@pytest.mark.parametrize(
    "typed", ["il y en avait 3", "j'en ai trouvé 3", "3 en tout", "environ 3", "3 en réserve"]
)
def test_words_around_a_guided_count_name_no_product(chat: Chat, typed: str) -> None:
    """They were read as an unknown product: « Je ne trouve pas « avait » »."""
    chat.say("inventaire")
    out = chat.say(typed)
    assert "Lait en poudre 400g : 0 → 3 boîtes" in out, out


def test_two_counts_of_the_product_asked_in_the_guided_count_are_no_answer(
    chat: Chat,
) -> None:
    """`2 cartons et 5 boîtes` recorded 2, then 5, of the milk without a question."""
    chat.say("inventaire")
    out = chat.say("2 cartons et 5 boîtes")
    assert out.startswith("Je n'ai pas compris votre réponse."), out
    assert quantity(chat.session, "LAIT-POUDRE") == 0


def test_a_count_of_another_product_at_the_line_question_is_a_new_count(chat: Chat) -> None:
    chat.say("inventaire riz 40 et savon 12")
    assert chat.say("modifier").startswith("Quelle ligne modifier ?")
    offer = chat.say("inventaire 30 huile 5l")
    assert "Huile Jadida 5L : 18 → 30 bidons" in offer, offer
    assert "42 → 40" not in offer.split("annulé")[-1], offer
    chat.say("oui")
    assert quantity(chat.session, "HUILE-5L") == 30
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


@pytest.mark.parametrize(("typed", "counts"), [("58 20 5", (58, 20, 5)), ("58 1 3", (58, 1, 3))])
def test_counts_of_a_family_in_the_order_listed_are_each_read(
    chat: Chat, typed: str, counts: tuple[int, ...]
) -> None:
    """`58 20 5` at the three oils made the 1 L oil 58 and lost 20 and 5 (20 L, 5 L: numbers of
    their names)."""
    chat.say("inventaire huile")
    out = chat.say(typed)
    assert "Enregistrer l'inventaire ?" in out, out
    chat.say("oui")
    skus = ("HUILE-1L", "HUILE-5L", "HUILE-20L")
    assert tuple(quantity(chat.session, sku) for sku in skus) == counts


def test_a_count_of_the_number_of_a_name_it_needs_not_is_a_count(chat: Chat) -> None:
    """`inventaire riz brisé 50`: the words name Riz brisé 50kg alone, the 50 is its count."""
    out = chat.say("inventaire riz brisé 50")
    assert out.startswith("Riz brisé 50kg : 42 → 50 sacs"), out
