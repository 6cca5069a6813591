"""A family named in a command (`stock ciment`, `vendu 5 ciment blan`) and a question dropped
by a new command: stock questions list the family, a descriptor with a typo narrows it, sales
still ask which one, and the reply says what the new command dropped."""

from __future__ import annotations

import pytest

from state import State
from tests.state.conftest import Row, Runner, make_view, texts

CEMENTS: list[Row] = [
    ("CIM-SOC", "Ciment Sococim 50kg", ["ciment", "sococim"], "sac", 120, 30, 100),
    ("CIM-DAN", "Ciment Dangote 50kg", ["ciment", "dangote"], "sac", 80, 20, 100),
    ("CIM-BLANC", "Ciment blanc 25kg", ["ciment blanc", "ciment"], "sac", 15, 5, 10),
    ("PEINT-B", "Peinture blanche 5L", ["peinture", "peinture blanche"], "pot", 25, 8, 20),
    ("PEINT-BL", "Peinture bleue 5L", ["peinture", "peinture bleue"], "pot", 6, 5, 10),
    ("FER-8", "Fer à béton 8mm", ["fer"], "barre", 200, 50, 200),
    ("FER-10", "Fer à béton 10mm", ["fer"], "barre", 150, 40, 150),
    ("MECHE-R", "Mèche X-pression rouge", ["meche"], "paquet", 12, 10, 20),
    ("MECHE-N", "Mèche X-pression noire", ["meche"], "paquet", 80, 20, 60),
    ("LAIT-400", "Lait corporel Nivea 400ml", ["lait"], "flacon", 40, 10, 24),
    ("LAIT-250", "Lait corporel Nivea 250ml", ["lait"], "flacon", 30, 8, 24),
    ("LAIT-CAR", "Lait corporel Carotte 500ml", ["lait"], "flacon", 18, 6, 12),
    ("SHAMP", "Shampooing Dop 400ml", ["shampooing"], "flacon", 22, 6, 24),
]


@pytest.fixture
def shop() -> Runner:
    return Runner(make_view(rows=CEMENTS))


@pytest.mark.parametrize(
    "typed", ["stock ciment", "combien de ciment", "ciment ?", "how many cement left"]
)
def test_a_family_stock_question_lists_every_product(shop: Runner, typed: str) -> None:
    out = texts(shop.say(typed))
    for name in ("Ciment Sococim 50kg : 120 sacs", "Ciment Dangote 50kg", "Ciment blanc 25kg"):
        assert name in out
    assert "Peinture" not in out
    assert shop.state == State.IDLE


@pytest.mark.parametrize(
    ("typed", "sku_name"),
    [
        ("stock ciment blan", "Ciment blanc 25kg : 15 sacs\nSeuil"),
        ("cb ciment blan il reste", "Ciment blanc 25kg : 15 sacs\nSeuil"),
        ("combien de peinture bleu", "Peinture bleue 5L : 6 pots\nSeuil"),
    ],
)
def test_a_descriptor_with_a_typo_narrows_to_one(shop: Runner, typed: str, sku_name: str) -> None:
    assert texts(shop.say(typed)).startswith(sku_name)


def test_a_sale_with_a_descriptor_typo_goes_to_confirmation(shop: Runner) -> None:
    out = texts(shop.say("vendu 5 ciment blan"))
    assert out.startswith("Enregistrer la vente de 5 sacs de Ciment blanc 25kg ?")


@pytest.mark.parametrize("typed", ["vendu 5 ciment", "vendu 10 fer", "recu 3 peinture"])
def test_a_transaction_naming_a_family_still_asks_which_one(shop: Runner, typed: str) -> None:
    out = shop.say(typed)
    assert shop.state == State.AWAITING_PRODUCT
    assert out.effects == ()


def test_unrelated_words_do_not_narrow(shop: Runner) -> None:
    out = texts(shop.say("vendu 5 ciment pour le chantier de modou"))
    assert shop.state == State.AWAITING_PRODUCT, out


def test_a_quantity_never_narrows_by_size(shop: Runner) -> None:
    shop.say("vendu 10 fer")
    assert shop.state == State.AWAITING_PRODUCT


def test_a_new_command_naming_other_products_replaces_the_question_and_says_so(
    shop: Runner,
) -> None:
    shop.say("vendu 4 peinture")
    out = texts(shop.say("combien de ciment blanc"))
    assert out.startswith("La vente de 4 pots de Peinture est annulée (rien n'est enregistré).")
    assert "Ciment blanc 25kg : 15 sacs" in out
    assert shop.state == State.IDLE


@pytest.mark.parametrize(
    ("typed", "dropped"),
    [
        ("vendu 4 peintures", "La vente de 4 pots de Peinture est annulée"),
        ("vendu 2 Fers", "La vente de 2 barres de Fer est annulée"),
        ("inventaire 12 peintures", "L'inventaire de 12 pots de Peinture est annulé"),
    ],
)
def test_a_product_dropped_before_it_was_chosen_is_quoted_as_typed(
    shop: Runner, typed: str, dropped: str
) -> None:
    """It was quoted by its key, without its s: « La vente de 4 peinture », « 12 peinture »;
    products of one unit are named by their unit and the words of their name typed."""
    shop.say(typed)
    out = texts(shop.say("stock ciment blanc"))
    assert out.startswith(dropped), out


def test_a_line_whose_product_is_asked_is_named_as_typed(shop: Runner) -> None:
    out = texts(shop.say("vendu 4 peintures et 1 ciment blanc"))
    assert out.startswith("Ligne 1 (peintures) : Quel produit ?"), out
    out = texts(shop.say("annule"))
    dropped = "La vente de 4 pots de Peinture, 1 sac de Ciment blanc 25kg est annulée"
    assert out.startswith(dropped), out


def test_a_new_command_in_english_says_what_it_dropped_in_english() -> None:
    runner = Runner(make_view(rows=CEMENTS, language="en"))
    runner.say("sold 4 cement")
    runner.say("2")
    out = texts(runner.say("stock fer 8"))
    assert (
        out.splitlines()[0]
        == "The sale of 4 bags of Ciment Dangote 50kg is cancelled (nothing recorded)."
    )


@pytest.mark.parametrize("typed", ["vendu 3 meche rouge", "vendu 3 meches rouge"])
def test_a_family_word_and_a_word_of_the_name_are_no_guess(shop: Runner, typed: str) -> None:
    out = texts(shop.say(typed))
    assert out.startswith("Enregistrer la vente de 3 paquets de Mèche X-pression rouge ?")


def test_a_word_the_product_does_not_have_keeps_the_guess(shop: Runner) -> None:
    out = texts(shop.say("vendu 3 meche rouge pour tabaski"))
    assert out.startswith("Vouliez-vous dire"), out


def test_the_other_is_the_sibling_sharing_most_words_not_a_size(shop: Runner) -> None:
    shop.say("vendu 2 lait nivea 400ml")
    out = texts(shop.say("non pas celui-la, l'autre"))
    assert out.startswith("Enregistrer la vente de 2 flacons de Lait corporel Nivea 250ml ?")


@pytest.mark.parametrize("typed", ["la noire", "the black one", "bu ñuul bi", "noir"])
def test_a_colour_in_any_language_picks_the_product(shop: Runner, typed: str) -> None:
    shop.say("vendu 5 meche")
    out = texts(shop.say(typed))
    asked = (  # in the language written
        "Record the sale of 5 packets of Mèche X-pression noire?"
        if typed.startswith("the")
        else "Enregistrer la vente de 5 paquets de Mèche X-pression noire ?"
    )
    assert out.startswith(asked), out


def test_a_colour_no_product_has_does_not_pick(shop: Runner) -> None:
    shop.say("vendu 5 meche")
    shop.say("the green one")
    assert shop.state == State.AWAITING_PRODUCT


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("le grand", "Huile d'arachide 20L"),
        ("le petit", "Huile Jadida 1L"),
        ("la 2e", "Huile Jadida 5L"),
        ("bi gëna mag", "Huile d'arachide 20L"),
        ("bi gena tuuti", "Huile Jadida 1L"),
    ],
)
def test_one_of_a_family_just_listed_is_designated_like_a_choice(typed: str, name: str) -> None:
    runner = Runner(make_view())
    runner.say("stock huile")  # three oils listed, no question asked
    assert texts(runner.say(typed)).startswith(f"{name} : ")


@pytest.mark.parametrize("typed", ["celui en bouteilles", "la bouteille", "bi ci bouteille yi"])
def test_one_of_a_family_just_listed_is_designated_by_its_unit(typed: str) -> None:
    """`celui en paquets` after `stock sucre` listed the sugars: « Je n'ai pas compris »."""
    runner = Runner(make_view())
    runner.say("stock huile")
    assert texts(runner.say(typed)).startswith("Huile Jadida 1L : 60 bouteilles")


def test_a_unit_several_of_the_family_share_lists_those_again() -> None:
    runner = Runner(make_view())
    runner.say("stock huile")
    out = texts(runner.say("les bidons"))
    assert "Huile Jadida 5L" in out and "Huile d'arachide 20L" in out, out
    assert "1L" not in out, out


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("vendu 2 du grand", "Enregistrer la vente de 2 bidons d'Huile d'arachide 20L ?"),
        ("reçu 3 du petit", "Enregistrer l'arrivage de 3 bouteilles d'Huile Jadida 1L ?"),
        ("g vendu 2 de la grande", "Enregistrer la vente de 2 bidons d'Huile d'arachide 20L ?"),
        ("vendu 2 le 2e", "Enregistrer la vente de 2 bidons d'Huile Jadida 5L ?"),
        ("vendu 3 du 2eme", "Enregistrer la vente de 3 bidons d'Huile Jadida 5L ?"),
        ("reçu 4 le 3e", "Enregistrer l'arrivage de 4 bidons d'Huile d'arachide 20L ?"),
        ("vendu le 2e", "Huile Jadida 5L : combien de bidons ?"),
        ("jaay naa 2 bi gëna mag", "Enregistrer la vente de 2 bidons d'Huile d'arachide 20L ?"),
    ],
)
def test_a_movement_of_one_of_a_family_just_listed_is_about_it(typed: str, asked: str) -> None:
    """`vendu 2 du grand` after `stock huile` listed the oils: the big one's sale (it answered
    « Je ne trouve pas « grand » »)."""
    runner = Runner(make_view())
    runner.say("stock huile")
    out = texts(runner.say(typed))
    assert out.startswith(asked), out


def test_the_big_one_in_english_after_the_oils() -> None:
    rows: list[Row] = [
        ("OIL-1", "Huile Jadida 1L", ["huile", "oil", "huile 1l"], "bouteille", 60, 24, 48),
        ("OIL-20", "Huile d'arachide 20L", ["huile", "oil", "huile 20l"], "bidon", 3, 4, 6),
    ]
    runner = Runner(make_view(language="en", rows=rows))
    runner.say("stock oil")
    assert texts(runner.say("the big one")).startswith("Huile d'arachide 20L: 3 cans")


def test_a_size_word_refers_to_nothing_after_a_single_product(runner: Runner) -> None:
    runner.say("stock riz")
    assert texts(runner.say("le grand")).startswith("Je n'ai pas compris")
