"""A question about one line of a draft (which oil, how many sacks, which line to change): a
line named to be removed goes alone; a quantity without its line is kept until the line is
said (pure `step`, no database)."""

from __future__ import annotations

import pytest

from state import ChoiceIn, RecordMovement, State
from tests.state.conftest import Runner, make_view, texts

ASKED_OIL = "Ligne 2 (huile) : Quel produit ?"


@pytest.mark.parametrize(
    "typed", ["annule l'huile", "enlève l'huile", "sans l'huile", "pas l'huile", "oublie l'huile"]
)
def test_a_line_named_at_its_product_question_goes_alone(runner: Runner, typed: str) -> None:
    assert texts(runner.say("vendu 2 riz et 3 huile")).startswith(ASKED_OIL)
    out = runner.say(typed)
    assert texts(out).startswith(
        "« huile » enlevé.\nEnregistrer la vente de 2 sacs de Riz brisé 50kg ?"
    ), texts(out)
    assert out.effects == ()
    assert runner.state == State.AWAITING_CONFIRMATION
    (effect,) = runner.feed(ChoiceIn(runner.choice("yes"))).effects
    assert isinstance(effect, RecordMovement) and effect.lines == (("RIZ", 2),), effect


def test_a_plain_cancel_at_a_line_question_still_drops_the_draft(runner: Runner) -> None:
    runner.say("vendu 2 riz et 3 huile")
    out = runner.say("annule")
    assert texts(out).startswith("La vente de 2 sacs de Riz brisé 50kg, 3 huile est annulée")
    assert runner.state == State.IDLE


def _which_line(runner: Runner) -> None:
    runner.say("vendu 2 riz et 3 sucre")
    assert texts(runner.feed(ChoiceIn(runner.choice("edit")))).startswith("Quelle ligne modifier ?")


def test_a_quantity_without_its_line_waits_for_the_line(runner: Runner) -> None:
    _which_line(runner)
    out = runner.say("plutôt 6")
    assert texts(out).startswith("C'est noté : 6.\nQuelle ligne modifier ?"), texts(out)
    assert runner.state == State.AWAITING_CHOICE
    out = runner.feed(ChoiceIn(runner.choice("0")))
    assert texts(out).startswith(
        "Enregistrer la vente : 6 sacs de Riz brisé 50kg, 3 sacs de Sucre en poudre 50kg ?"
    ), texts(out)


@pytest.mark.parametrize("typed", ["6 sucre", "sucre 6", "le sucre c'est 6"])
def test_a_quantity_with_its_line_applies_at_once(runner: Runner, typed: str) -> None:
    _which_line(runner)
    assert texts(runner.say(typed)).startswith(
        "Enregistrer la vente : 2 sacs de Riz brisé 50kg, 6 sacs de Sucre en poudre 50kg ?"
    )


def test_a_line_named_at_the_line_question_is_removed(runner: Runner) -> None:
    _which_line(runner)
    assert texts(runner.say("enlève le sucre")).startswith(
        "« Sucre en poudre 50kg » enlevé.\nEnregistrer la vente de 2 sacs de Riz brisé 50kg ?"
    )


@pytest.mark.parametrize("typed", ["vendu 5 savon", "vente savon 5", "j ai vendu 5 savon"])
def test_a_command_about_another_product_at_the_line_question_is_a_new_one(
    runner: Runner, typed: str
) -> None:
    _which_line(runner)
    out = texts(runner.say(typed))
    assert "est annulée" in out, out
    assert out.endswith(
        "Enregistrer la vente de 5 cartons de Savon de Marseille ?\n[Oui]\n[Modifier]\n[Non]"
    ), out


def test_a_command_about_a_line_at_the_line_question_corrects_it(runner: Runner) -> None:
    _which_line(runner)
    out = texts(runner.say("vendu 5 riz"))
    assert out.startswith("Enregistrer la vente : 5 sacs de Riz brisé 50kg, 3 sacs de Sucre"), out


@pytest.mark.parametrize(
    ("language", "typed", "pick", "shown"),
    [
        ("fr", "en fait 25", "2", "Enregistrer l'arrivage de 25 bidons d'Huile Jadida 5L ?"),
        ("fr", "plutôt 25", "le 2", "Enregistrer l'arrivage de 25 bidons d'Huile Jadida 5L ?"),
        ("en", "actually 25", "2", "Record the delivery of 25 cans of Huile Jadida 5L?"),
    ],
)
def test_a_rather_and_a_number_at_the_product_question_is_the_new_quantity(
    language: str, typed: str, pick: str, shown: str
) -> None:
    runner = Runner(make_view(language=language))
    runner.say("reçu 20 huile" if language == "fr" else "received 20 huile")
    out = runner.say(typed)
    assert runner.state == State.AWAITING_PRODUCT, texts(out)
    assert "25" in texts(out).splitlines()[0]
    assert texts(runner.say(pick)).startswith(shown)


@pytest.mark.parametrize(
    ("language", "typed"), [("fr", "savon"), ("fr", "le savon"), ("en", "savon")]
)
def test_a_product_alone_at_the_line_question_takes_the_place_of_the_line_picked(
    language: str, typed: str
) -> None:
    """It cancelled the sale and showed the soap's stock."""
    runner = Runner(make_view(language=language))
    runner.say("vendu 2 riz et 3 sucre" if language == "fr" else "sold 2 riz and 3 sucre")
    runner.feed(ChoiceIn(runner.choice("edit")))
    out = runner.say(typed)
    assert out.effects == ()
    assert texts(out).startswith("Savon de Marseille"), texts(out)
    assert runner.state == State.AWAITING_CHOICE
    runner.say("sucre")
    (effect,) = runner.feed(ChoiceIn(runner.choice("yes"))).effects
    assert isinstance(effect, RecordMovement) and effect.lines == (("RIZ", 2), ("SAVON", 3)), effect


def test_a_stock_question_at_the_line_question_is_still_one() -> None:
    runner = Runner(make_view())
    runner.say("vendu 2 riz et 3 sucre")
    runner.feed(ChoiceIn(runner.choice("edit")))
    assert "Seuil d'alerte" in texts(runner.say("stock savon"))
