"""A quantity typed in another unit than the product's (`reçu 10 cartons de lait`, milk counted
in boîtes) is asked about: how many of the product's unit it makes; the answer is the quantity,
then the usual confirmation. The product's own unit, a synonym, an abbreviation or its English
changes nothing. A number glued to letters (`9v`) is no answer to "how many?" beside another."""

from __future__ import annotations

import pytest

from state import RecordMovement, State
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("LAIT", "Lait en poudre 400g", ["lait", "milk"], "boîte", 50, 12, 36),
    ("RIZ", "Riz parfumé", ["riz", "rice"], "sac", 40, 10, 20),
    ("COCA", "Coca-Cola 1.5L", ["coca"], "bouteille", 60, 12, 24),
    ("SUCRE", "Sucre vrac", ["sucre"], "kg", 200, 20, 100),
    ("CARREAU", "Carreaux sol 40x40", ["carreaux", "tiles"], "carton", 50, 12, 40),
    ("PLAQ", "Plaquettes de frein", ["plaquettes"], "jeu", 9, 8, 20),
    ("CAFE", "Café Touba", ["café", "coffee"], "sachet", 30, 10, 30),
    ("VRAC", "Graines en vrac", ["graines"], "", 30, 10, 30),
    ("NIDO", "Lait Nido", ["nido"], "boîte", 0, 10, 30),
]


def _runner(language: str = "fr") -> Runner:
    return Runner(make_view(rows=ROWS, language=language))


def _recorded(runner: Runner) -> tuple[tuple[str, int], ...]:
    assert runner.last is not None
    moves = [e for e in runner.last.effects if isinstance(e, RecordMovement)]
    assert len(moves) == 1, runner.last.effects
    return moves[0].lines


@pytest.mark.parametrize(
    ("command", "question"),
    [
        ("reçu 10 cartons de lait", "10 cartons de Lait en poudre 400g, ça fait combien de boîtes"),
        ("vendu 3 kg de riz", "3 kg de Riz parfumé, ça fait combien de sacs"),
        ("vendu 2 packs de coca", "2 packs de Coca-Cola 1.5L, ça fait combien de bouteilles"),
        ("vendu deux cartons coca", "2 cartons de Coca-Cola 1.5L, ça fait combien de bouteilles"),
        ("vendu 4 sacs de sucre", "4 sacs de Sucre vrac, ça fait combien de kg"),
        # a French word of its own is told as typed, not as the unit it counts as (caisse)
        ("reçu 10 casiers de coca", "10 casiers de Coca-Cola 1.5L, ça fait combien de bouteilles"),
        ("reçu 3 cageots de coca", "3 cageots de Coca-Cola 1.5L, ça fait combien de bouteilles"),
        ("reçu 2 crates de coca", "2 caisses de Coca-Cola 1.5L, ça fait combien de bouteilles"),
    ],
)
def test_another_unit_is_asked_about_before_anything(command: str, question: str) -> None:
    runner = _runner()
    out = runner.say(command)
    assert texts(out) == question + " ?"
    assert out.effects == ()
    assert runner.state == State.AWAITING_QUANTITY


def test_the_answer_is_the_quantity_then_the_usual_confirmation() -> None:
    runner = _runner()
    runner.say("reçu 10 cartons de lait")
    assert texts(runner.say("240")).startswith(
        "Enregistrer l'arrivage de 240 boîtes de Lait en poudre 400g ?"
    )
    runner.say("oui")
    assert _recorded(runner) == (("LAIT", 240),)


@pytest.mark.parametrize("answer", ["10 boîtes", "10 btes", "10", "dix"])
def test_the_same_number_in_the_products_unit_is_an_answer(answer: str) -> None:
    runner = _runner()
    runner.say("reçu 10 cartons de lait")
    shown = texts(runner.say(answer))
    assert shown.startswith("Enregistrer l'arrivage de 10 boîtes de Lait en poudre 400g ?"), shown


def test_an_answer_in_another_unit_again_is_asked_about_again() -> None:
    runner = _runner()
    runner.say("reçu 10 cartons de lait")
    shown = texts(runner.say("12 cartons"))
    assert shown == "12 cartons de Lait en poudre 400g, ça fait combien de boîtes ?"


@pytest.mark.parametrize(
    ("language", "answer", "shown"),
    [
        ("fr", "c'est pareil", "Enregistrer l'arrivage de 10 boîtes de Lait en poudre 400g ?"),
        ("fr", "la même chose", "Enregistrer l'arrivage de 10 boîtes de Lait en poudre 400g ?"),
        ("en", "same", "Record the delivery of 10 boxes of Lait en poudre 400g?"),
        ("en", "the same thing", "Record the delivery of 10 boxes of Lait en poudre 400g?"),
        ("wo", "pareil", "10 boîte Lait en poudre 400g ?"),
    ],
)
def test_the_same_is_the_same_count_in_the_products_unit(
    language: str, answer: str, shown: str
) -> None:
    runner = _runner(language)
    runner.say("reçu 10 cartons de lait")
    assert runner.state == State.AWAITING_QUANTITY
    assert shown in texts(runner.say(answer))
    assert runner.state == State.AWAITING_CONFIRMATION
    runner.say("oui" if language == "fr" else "yes" if language == "en" else "waaw")
    assert _recorded(runner) == (("LAIT", 10),)


@pytest.mark.parametrize(("language", "answer"), [("fr", "oui"), ("en", "yes"), ("wo", "waaw")])
def test_a_yes_says_how_to_answer(language: str, answer: str) -> None:
    """A carton is rarely a boîte: a bare yes is no count, how to answer is said."""
    runner = _runner(language)
    runner.say("reçu 10 cartons de lait")
    out = runner.say(answer)
    assert out.effects == ()
    assert runner.state == State.AWAITING_QUANTITY
    hint = {"fr": "« pareil »", "en": "“same”", "wo": "« pareil »"}[language]
    assert hint in texts(out).splitlines()[0], texts(out)


def test_not_the_same_is_no_answer() -> None:
    runner = _runner()
    runner.say("reçu 10 cartons de lait")
    runner.say("c'est pas pareil")
    assert runner.state == State.AWAITING_QUANTITY
    assert not any(isinstance(e, RecordMovement) for e in runner.last.effects)


def test_the_same_amount_in_the_same_other_unit_asks_in_the_products_unit() -> None:
    runner = _runner()
    runner.say("reçu 10 cartons de lait")
    shown = texts(runner.say("10 cartons"))
    assert shown == (
        "Écrivez le nombre de boîtes, ou « pareil » si c'est la même chose.\n"
        "10 cartons de Lait en poudre 400g, ça fait combien de boîtes ?"
    )
    assert texts(runner.say("pareil")).startswith("Enregistrer l'arrivage de 10 boîtes")


@pytest.mark.parametrize(
    ("language", "command", "again", "hint"),
    [
        ("fr", "vendu 2 tonnes de riz", "2 tonnes", "Écrivez le nombre de sacs."),
        ("fr", "vendu 3 kg de riz", "3 kilos", "Écrivez le nombre de sacs."),
        ("en", "sold 2 tonnes of rice", "2 tonnes", "Write the number of bags."),
    ],
)
def test_the_same_measure_again_is_not_told_to_say_the_same(
    language: str, command: str, again: str, hint: str
) -> None:
    """A weight typed again under "2 tonnes …, ça fait combien de sacs ?" was told to answer
    « pareil », which is refused for a weight: the hint asks for the number of sacs only."""
    runner = _runner(language)
    runner.say(command)
    out = runner.say(again)
    assert texts(out).splitlines()[0] == hint, texts(out)
    assert runner.state == State.AWAITING_QUANTITY
    assert out.effects == ()


def test_an_answer_to_how_many_in_another_unit_is_asked_about() -> None:
    runner = _runner()
    assert texts(runner.say("vendu riz")) == "Riz parfumé : combien de sacs ?"
    assert texts(runner.say("3 kg")) == "3 kg de Riz parfumé, ça fait combien de sacs ?"
    assert texts(runner.say("1")).startswith("Enregistrer la vente de 1 sac de Riz parfumé ?")


@pytest.mark.parametrize(
    ("command", "confirmed"),
    [
        ("reçu 10 boîtes de lait", "l'arrivage de 10 boîtes de Lait en poudre 400g"),
        ("reçu 10 btes de lait", "l'arrivage de 10 boîtes de Lait en poudre 400g"),
        ("reçu 10 lait", "l'arrivage de 10 boîtes de Lait en poudre 400g"),
        ("vendu 3 sacs de riz", "la vente de 3 sacs de Riz parfumé"),
        ("vendu 3 bags of rice", "la vente de 3 sacs de Riz parfumé"),
        ("vendu 2 btl de coca", "la vente de 2 bouteilles de Coca-Cola 1.5L"),
        ("vendu 5kg de sucre", "la vente de 5 kg de Sucre vrac"),
        ("vendu 5 kilos de sucre", "la vente de 5 kg de Sucre vrac"),
        ("vendu 3 boxes of tiles", "la vente de 3 cartons de Carreaux sol 40x40"),
        ("vendu 2 plaquettes de frein", "la vente de 2 jeux de Plaquettes de frein"),
        ("vendu 2 cartons de graines", "la vente de 2 unités de Graines en vrac"),
        # another name of the same single item
        ("vendu 3 pots de lait", "la vente de 3 boîtes de Lait en poudre 400g"),
        ("vendu 2 paquets de café", "la vente de 2 sachets de Café Touba"),
        ("vendu 2 pièces de lait", "la vente de 2 boîtes de Lait en poudre 400g"),
        ("vendu 2 flacons de coca", "la vente de 2 bouteilles de Coca-Cola 1.5L"),
    ],
)
def test_the_products_own_unit_changes_nothing(command: str, confirmed: str) -> None:
    shown = texts(_runner().say(command))
    assert shown.startswith(f"Enregistrer {confirmed} ?"), shown


def test_english() -> None:
    runner = _runner("en")
    assert texts(runner.say("received 10 cases of milk")) == (
        "10 cartons of Lait en poudre 400g: how many boxes is that?"
    )
    assert texts(runner.say("240 boxes")).startswith(
        "Record the delivery of 240 boxes of Lait en poudre 400g?"
    )


def test_each_line_of_several_is_asked_about_in_turn() -> None:
    runner = _runner()
    shown = texts(runner.say("vendu 2 cartons de lait et 3 sacs de riz"))
    assert shown == "Ligne 1 (Lait en poudre 400g) : 2 cartons, ça fait combien de boîtes ?"
    shown = texts(runner.say("48"))
    assert shown.startswith("Enregistrer la vente : 48 boîtes de Lait en poudre 400g, 3 sacs")


def test_left_for_another_command_it_says_what_was_typed() -> None:
    runner = _runner()
    runner.say("reçu 10 cartons de lait")
    shown = texts(runner.say("stock riz"))
    assert shown.startswith("L'arrivage de 10 cartons de Lait en poudre 400g est annulé")


@pytest.mark.parametrize("answer", ["pile 9v 2", "2 piles 9v", "ampoule 12v 2"])
def test_a_number_glued_to_a_name_is_no_answer_beside_another(answer: str) -> None:
    runner = _runner()
    runner.say("vendu café")
    shown = texts(runner.say(answer))
    assert shown.startswith("Enregistrer la vente de 2 sachets de Café Touba ?"), shown


def test_a_sale_of_a_product_out_of_stock_is_refused_first() -> None:
    shown = texts(_runner().say("vendu 2 cartons de nido"))
    assert shown == "Vente refusée : Lait Nido est en rupture de stock."


def test_a_guess_agreed_to_is_confirmed_again_with_the_quantity_in_its_unit() -> None:
    runner = _runner()
    assert texts(runner.say("vendu 10 cartons de lai")).startswith("Vouliez-vous dire")
    assert texts(runner.say("oui")) == (
        "10 cartons de Lait en poudre 400g, ça fait combien de boîtes ?"
    )
    out = runner.say("24")
    assert texts(out).startswith("Enregistrer la vente de 24 boîtes de Lait en poudre 400g ?")
    assert out.effects == ()


def test_an_order_corrected_in_another_unit_is_asked_about_not_placed() -> None:
    runner = _runner()
    assert texts(runner.say("commander 20 lait")).startswith("Commander 20 boîtes")
    out = runner.say("non c'est 2 cartons")
    assert texts(out) == "2 cartons de Lait en poudre 400g, ça fait combien de boîtes ?"
    assert out.effects == ()


def test_a_quantity_corrected_in_another_unit_while_the_product_is_asked() -> None:
    """`non c'est 25 sacs` while "Quel produit ?" asks for an order of sugar, then the sugar
    counted in paquets: 25 sacs are no 25 paquets, asked."""
    sugars: list[Row] = [
        ("SUCRE", "Sucre en poudre 50kg", ["sucre"], "sac", 12, 5, 10),
        ("SUCRE-M", "Sucre morceaux 1kg", ["sucre", "sucre morceaux"], "paquet", 40, 10, 20),
    ]
    runner = Runner(make_view(rows=sugars))
    runner.say("commander sucre 20")
    assert "Quel produit ?" in texts(runner.say("non c'est 25 sacs"))
    out = runner.say("morceaux")
    assert texts(out) == "25 sacs de Sucre morceaux 1kg, ça fait combien de paquets ?"
    assert texts(runner.say("50")).startswith("Commander 50 paquets de Sucre morceaux 1kg ?")


@pytest.mark.parametrize(
    ("language", "answer", "total"),
    [
        ("fr", "12 par carton", 24),
        ("fr", "12 boîtes par carton", 24),
        ("fr", "un carton fait 12", 24),
        ("fr", "1 carton = 12 boîtes", 24),
        ("fr", "chaque carton a 12 boîtes", 24),
        ("fr", "cartons de 12", 24),
        ("fr", "12/carton", 24),
        ("fr", "2x12", 24),
        ("fr", "2 x 12", 24),
        ("en", "12 per case", 24),
        ("en", "12 each", 24),
        ("fr", "24", 24),  # the total, as before
        ("fr", "24 boîtes", 24),
    ],
)
def test_what_one_holds_is_multiplied_by_the_count_typed(
    language: str, answer: str, total: int
) -> None:
    runner = _runner(language)
    runner.say("reçu 2 cartons de lait" if language == "fr" else "received 2 cases of milk")
    assert runner.state == State.AWAITING_QUANTITY
    shown = texts(runner.say(answer))
    assert f"{total} " in shown.splitlines()[0], shown
    assert runner.state == State.AWAITING_CONFIRMATION, shown
    runner.say("oui" if language == "fr" else "yes")
    assert _recorded(runner) == (("LAIT", total),)


@pytest.mark.parametrize("answer", ["3x10", "12/05"])
def test_a_product_of_other_numbers_is_no_answer(answer: str) -> None:
    runner = _runner()
    runner.say("reçu 2 cartons de lait")
    runner.say(answer)
    assert runner.state != State.AWAITING_CONFIRMATION or "24" not in texts(runner.last)


DRINKS: list[Row] = [
    ("BIERE", "Gazelle 63cl", ["gazelle", "biere"], "casier", 20, 5, 15),
    ("EAU", "Eau Kirène 1.5L", ["eau", "kirene"], "pack", 40, 15, 50),
    ("DENT", "Dentifrice Signal", ["signal", "dentifrice"], "tube", 60, 24, 72),
    ("RIZ", "Riz parfumé", ["riz"], "sac", 40, 10, 20),
]


@pytest.mark.parametrize(
    ("command", "answer", "confirmed"),
    [
        # what one of the product's holds: the items typed divided by it
        ("reçu 24 bouteilles gazelle", "12 par casier", "2 casiers de Gazelle 63cl"),
        ("reçu 24 bouteilles gazelle", "un casier fait 12", "2 casiers de Gazelle 63cl"),
        ("reçu 12 bouteilles eau", "6 par pack", "2 packs d'Eau Kirène 1.5L"),
        ("vendu 12 bouteilles gazelle", "12/casier", "1 casier de Gazelle 63cl"),
        # what one typed holds: times the count typed
        ("reçu 2 cartons de signal", "12 tubes par carton", "24 tubes de Dentifrice Signal"),
    ],
)
def test_what_one_holds_goes_the_way_the_units_go(
    command: str, answer: str, confirmed: str
) -> None:
    runner = Runner(make_view(rows=DRINKS))
    runner.say(command)
    assert runner.state == State.AWAITING_QUANTITY
    shown = texts(runner.say(answer))
    assert confirmed in shown.splitlines()[0], shown


def test_no_whole_number_of_the_products_unit_is_asked_again() -> None:
    runner = Runner(make_view(rows=DRINKS))
    runner.say("reçu 13 bouteilles gazelle")
    runner.say("12 par casier")
    assert runner.state == State.AWAITING_QUANTITY
    assert not any(isinstance(e, RecordMovement) for e in runner.last.effects)


@pytest.mark.parametrize("command", ["reçu 2 tonnes de riz", "vendu 5 kg riz"])
@pytest.mark.parametrize("answer", ["pareil", "c'est la même chose", "oui"])
def test_a_weight_is_never_the_same_count(command: str, answer: str) -> None:
    runner = Runner(make_view(rows=DRINKS))
    runner.say(command)
    out = runner.say(answer)
    assert runner.state == State.AWAITING_QUANTITY
    assert texts(out).startswith("Écrivez le nombre de sacs."), texts(out)


@pytest.mark.parametrize("command", ["sold 2 boxes of signal", "vendu 2 pots de dentifrice"])
def test_a_box_or_a_pot_of_what_comes_in_tubes_is_asked_about(command: str) -> None:
    runner = Runner(make_view(rows=DRINKS, language="en" if command.startswith("sold") else "fr"))
    out = texts(runner.say(command))
    assert runner.state == State.AWAITING_QUANTITY, out


MARKET: list[Row] = [
    ("MIL", "Mil", ["mil", "souna"], "kg", 150, 50, 200),
    ("HUILE", "Huile de palme", ["huile"], "litre", 25, 10, 40),
    ("PDT", "Pomme de terre", ["pomme de terre", "patate"], "kg", 80, 20, 100),
    ("OIGNON-SAC", "Oignon sac 25kg", ["sac oignon"], "sac", 10, 3, 10),
    ("RIZ", "Riz parfumé", ["riz"], "sac", 40, 10, 20),
]


@pytest.mark.parametrize(
    ("command", "answer", "confirmed"),
    [
        ("reçu 4 sacs de mil", "50 kg par sac", "200 kg de Mil"),
        ("reçu 4 sacs de mil", "50kg le sac", "200 kg de Mil"),
        ("reçu 4 sacs de mil", "chaque sac 50 kilos", "200 kg de Mil"),
        ("reçu 4 sacs de mil", "50 kg chacun", "200 kg de Mil"),
        ("reçu 4 sacs de mil", "sac de 50kg", "200 kg de Mil"),
        ("reçu 4 sacs de mil", "des sacs de 50 kg", "200 kg de Mil"),
        ("reçu 4 sacs de mil", "50 kilo sac bu nekk", "200 kg de Mil"),
        ("reçu 4 sacs de mil", "50 kg/sac", "200 kg de Mil"),
        ("reçu 4 sacs de mil", "50 chacun", "200 kg de Mil"),
        ("reçu 4 sacs de mil", "200 kg", "200 kg de Mil"),  # the total, as before
        ("reçu 4 sacs de mil", "50 kg", "50 kg de Mil"),
        ("reçu 3 bidons d'huile", "20 litres par bidon", "60 litres d'Huile de palme"),
        ("reçu 3 bidons d'huile", "20L chacun", "60 litres d'Huile de palme"),
        ("reçu 3 bidons d'huile", "le bidon fait 20 l", "60 litres d'Huile de palme"),
        ("reçu 3 bidons d'huile", "20 chacun", "60 litres d'Huile de palme"),
        ("reçu 3 sacs de patate", "le sac fait 25kg", "75 kg de Pomme de terre"),
        ("reçu 3 sacs de patate", "sac de 25kg", "75 kg de Pomme de terre"),
        # the measure typed, one of the product's holds: divided by it
        ("vendu 100 kg de riz", "le sac fait 50kg", "2 sacs de Riz parfumé"),
        ("vendu 100 kg de riz", "50 kg par sac", "2 sacs de Riz parfumé"),
    ],
)
def test_what_one_holds_may_say_its_measure(command: str, answer: str, confirmed: str) -> None:
    runner = Runner(make_view(rows=MARKET))
    runner.say(command)
    assert runner.state == State.AWAITING_QUANTITY
    shown = texts(runner.say(answer))
    assert confirmed in shown.splitlines()[0], shown


@pytest.mark.parametrize("answer", ["le carton fait 6", "6 le carton", "la caisse fait 6"])
def test_the_one_container_may_be_said_with_an_article(answer: str) -> None:
    runner = _runner()
    runner.say("reçu 10 cartons de coca" if "carton" in answer else "reçu 10 caisses de coca")
    shown = texts(runner.say(answer))
    assert "60 " in shown.splitlines()[0], shown


@pytest.mark.parametrize("answer", ["le sac fait 25kg", "sac de 25kg", "25 kg par sac"])
def test_what_another_container_holds_names_no_product(answer: str) -> None:
    runner = Runner(make_view(rows=MARKET))
    runner.say("reçu 3 cartons de patate")
    out = texts(runner.say(answer))
    assert "Oignon" not in out, out
    assert runner.state == State.AWAITING_QUANTITY
    assert out.startswith("Écrivez le nombre de kg."), out


@pytest.mark.parametrize("answer", ["en fait 3 sacs", "plutôt 3 sacs", "actually 3 sacs"])
def test_a_corrected_amount_in_another_unit_is_asked_about_again(answer: str) -> None:
    runner = _runner()
    runner.say("vendu 2 sacs de sucre")
    out = texts(runner.say(answer))
    assert out == "3 sacs de Sucre vrac, ça fait combien de kg ?", out
    assert runner.state == State.AWAITING_QUANTITY


@pytest.mark.parametrize("answer", ["en fait 3", "en fait 3 sacs", "en fait 3 riz", "actually 3"])
def test_a_corrected_amount_is_the_answer_not_a_count(answer: str) -> None:
    runner = _runner()
    runner.say("vendu riz")
    out = texts(runner.say(answer))
    assert out.startswith("Enregistrer la vente de 3 sacs de Riz parfumé ?"), out


@pytest.mark.parametrize(
    ("command", "retyped", "question"),
    [
        (
            "reçu 10 coca",
            "reçu 10 cartons de coca",
            "10 cartons de Coca-Cola 1.5L, ça fait combien de bouteilles ?",
        ),
        (
            "vendu 2 riz",
            "vendu 2 tonnes de riz",
            "2 tonnes de Riz parfumé, ça fait combien de sacs ?",
        ),
        (
            "vendu 5 lait",
            "vendu 2 cartons lait",
            "2 cartons de Lait en poudre 400g, ça fait combien de boîtes ?",
        ),
    ],
)
def test_a_command_retyped_in_another_unit_is_asked_about(
    command: str, retyped: str, question: str
) -> None:
    runner = _runner()
    runner.say(command)
    assert runner.state == State.AWAITING_CONFIRMATION
    out = texts(runner.say(retyped))
    assert out == question, out
    assert runner.state == State.AWAITING_QUANTITY
