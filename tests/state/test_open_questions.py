"""Replies to the open question of a sale or an arrival (how many, which product, record it?):
another product typed with its amount is that line's, not a stock question that drops the sale;
the stock of the draft's own product comes above the same question; a yes or a no typed with a
typo answers a yes/no question, before any product is looked for in it (pure `step`)."""

from __future__ import annotations

import pytest

from state import RecordMovement, State
from tests.state.conftest import CATALOG, Runner, make_view, texts

ASKED_RICE = "Riz brisé 50kg : combien de sacs ?"
ASKED_OIL = "Quel produit ?"


def _recorded(runner: Runner, typed: str = "oui") -> tuple[tuple[str, int], ...]:
    (effect,) = runner.say(typed).effects
    assert isinstance(effect, RecordMovement), effect
    return effect.lines


@pytest.mark.parametrize(
    ("lang", "start", "typed", "expected"),
    [
        ("fr", "vendu riz brisé", "riz parfumé 3", "Enregistrer la vente de 3 sacs de Riz parfumé"),
        ("fr", "vendu riz brisé", "3 savon", "Enregistrer la vente de 3 cartons de Savon"),
        ("fr", "reçu riz brisé", "savon 4 cartons", "Enregistrer l'arrivage de 4 cartons de Savon"),
        ("en", "sold riz brisé", "savon 3", "Record the sale of 3 cartons of Savon"),
        ("wo", "jaay naa ceeb", "savon 3", "3 carton Savon"),
    ],
)
def test_another_product_with_its_amount_at_the_quantity_question_is_that_lines(
    lang: str, start: str, typed: str, expected: str
) -> None:
    """It was a stock question that dropped the sale ("La vente de Riz brisé est annulée")."""
    runner = Runner(make_view(language=lang))
    runner.say(start)
    out = texts(runner.say(typed))
    assert expected in out and "annul" not in out, out
    assert runner.state == State.AWAITING_CONFIRMATION
    (line,) = _recorded(runner, {"fr": "oui", "en": "yes", "wo": "waaw"}[lang])
    assert line[0] != "RIZ" and line[1] in (3, 4), line


def test_another_product_with_its_amount_of_a_family_asks_which(runner: Runner) -> None:
    runner.say("vendu riz brisé")
    out = texts(runner.say("huile 3"))
    assert out.startswith("Quel produit ?") and "Huile Jadida 1L" in out, out
    assert texts(runner.say("la 5l")).startswith("Enregistrer la vente de 3 bidons d'Huile")


def test_a_product_alone_at_the_quantity_question_is_still_its_stock(runner: Runner) -> None:
    """Issue 12: another product's stock replaces the question and says so."""
    runner.say("vendu riz brisé")
    out = texts(runner.say("savon"))
    assert "annulée" in out and "Savon de Marseille : 15 cartons" in out, out


def test_a_stock_question_with_a_number_is_still_a_stock_question(runner: Runner) -> None:
    runner.say("vendu riz brisé")
    out = texts(runner.say("stock savon 3"))
    assert "annulée" in out and "Savon de Marseille : 15 cartons" in out, out


@pytest.mark.parametrize("typed", ["savon", "3 savon", "le savon"])
def test_another_product_at_the_product_question_is_that_lines(runner: Runner, typed: str) -> None:
    """`vendu 5 huile`, "Quel produit ?", `savon`: the sale of 5 soaps (it was a stock question
    that dropped the sale, naming it "5 huile")."""
    assert texts(runner.say("vendu 5 huile")).startswith(ASKED_OIL)
    out = texts(runner.say(typed))
    quantity = 3 if "3" in typed else 5
    assert out.startswith(f"Enregistrer la vente de {quantity} cartons de Savon"), out
    assert _recorded(runner) == (("SAVON", quantity),)


@pytest.mark.parametrize(
    "typed",
    ["c'est pas de l'huile c'est du savon", "ce n'est pas de l'huile, c'est du savon"],
)
def test_the_product_said_instead_at_the_product_question(runner: Runner, typed: str) -> None:
    """It looped on "Lequel ?": the oils named by the wrong part picked them all."""
    runner.say("vendu 5 huile")
    out = texts(runner.say(typed))
    assert out.startswith("Enregistrer la vente de 5 cartons de Savon"), out


def test_a_stock_question_at_the_product_question_is_still_one(runner: Runner) -> None:
    runner.say("vendu 5 huile")
    out = texts(runner.say("stock savon"))
    assert "annulée" in out and "Savon de Marseille : 15 cartons" in out, out


@pytest.mark.parametrize("typed", ["stock huile", "combien ?", "il en reste combien ?"])
def test_the_stock_of_the_products_offered_keeps_the_product_question(
    runner: Runner, typed: str
) -> None:
    """`stock huile` at "Quel produit ?" between the oils got "Lequel ? Touchez un bouton",
    `combien ?` the whole stock and the sale dropped: the oils' stock, one line each, then
    the same question; the answer then records the sale."""
    asked = texts(runner.say("vendu 5 huile"))
    out = texts(runner.say(typed))
    assert out.startswith("Huile Jadida 1L : 60 bouteilles\n"), out
    assert "Huile Jadida 5L : 18 bidons" in out and out.endswith(asked), out
    assert "annulée" not in out and runner.state == State.AWAITING_PRODUCT
    runner.say("huile 5l")
    assert _recorded(runner) == (("HUILE-5L", 5),)


def test_the_stock_of_one_product_offered_is_shown_not_taken_as_the_answer(
    runner: Runner,
) -> None:
    """`stock huile 5l` at "Quel produit ?" between the oils was read as the answer (the sale
    of 5 cans offered, its stock never shown): its stock, then the same question."""
    asked = texts(runner.say("vendu 5 huile"))
    out = texts(runner.say("stock huile 5l"))
    assert out.startswith("Huile Jadida 5L : 18 bidons\nSeuil") and out.endswith(asked), out
    assert runner.state == State.AWAITING_PRODUCT


def test_another_products_stock_at_the_product_question_of_a_family_is_a_new_question(
    runner: Runner,
) -> None:
    runner.say("vendu 5 huile")
    out = texts(runner.say("stock riz brisé"))
    assert "annulée" in out and "Riz brisé 50kg : 42 sacs" in out, out
    assert runner.state == State.IDLE


def test_how_many_left_at_the_confirmation_of_several_shows_each_line(runner: Runner) -> None:
    """It dropped the sale for the whole stock: each line's stock, then the same question."""
    asked = texts(runner.say("vendu 2 riz brisé et 3 savon"))
    out = texts(runner.say("il en reste combien ?"))
    assert out.startswith("Riz brisé 50kg : 42 sacs\nSavon de Marseille : 15 cartons"), out
    assert out.endswith(asked) and "annulée" not in out
    assert _recorded(runner) == (("RIZ", 2), ("SAVON", 3))


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("fr", "non", "D'accord, vente non enregistrée."),
        ("fr", "aucun", "D'accord, vente non enregistrée."),
        ("fr", "aucun des trois", "D'accord, vente non enregistrée."),
        ("en", "none of them", "OK, sale not recorded."),
        ("en", "no", "OK, sale not recorded."),
    ],
)
def test_no_at_the_product_question_drops_the_sale(lang: str, typed: str, expected: str) -> None:
    """It was "Je n'ai pas compris votre réponse"."""
    runner = Runner(make_view(language=lang))
    runner.say("vendu 5 huile" if lang == "fr" else "sold 5 huile")
    out = runner.say(typed)
    assert texts(out) == expected, texts(out)
    assert out.effects == () and runner.state == State.IDLE


def test_none_at_the_product_question_of_one_line_drops_that_line(runner: Runner) -> None:
    runner.say("vendu 2 riz brisé et 3 huile")
    out = texts(runner.say("aucun"))
    assert out.startswith("« huile » enlevé.\nEnregistrer la vente de 2 sacs de Riz brisé"), out
    assert _recorded(runner) == (("RIZ", 2),)


@pytest.mark.parametrize(
    "typed",
    [
        "cb de riz il reste",
        "stock riz brisé",
        "il en reste combien ?",
        "combien ?",
        "il rest cb de riz",  # SMS "rest" is "reste", not "reset" (it cancelled the sale)
        "combien de sacs il reste ?",
    ],
)
def test_its_own_stock_at_the_confirmation_keeps_the_sale(runner: Runner, typed: str) -> None:
    """It dropped the sale and showed the stock."""
    asked = texts(runner.say("vendu 5 riz brisé"))
    out = texts(runner.say(typed))
    assert out.startswith("Riz brisé 50kg : 42 sacs") and out.endswith(asked), out
    assert "annulée" not in out
    assert _recorded(runner) == (("RIZ", 5),)


def test_the_stock_of_one_line_at_the_confirmation_of_several(runner: Runner) -> None:
    asked = texts(runner.say("vendu 2 riz brisé et 3 savon"))
    out = texts(runner.say("stock savon"))
    assert out.startswith("Savon de Marseille : 15 cartons") and out.endswith(asked), out


def test_another_products_stock_at_the_confirmation_is_a_new_question(runner: Runner) -> None:
    runner.say("vendu 5 riz brisé")
    out = texts(runner.say("stock savon"))
    assert "annulée" in out and "Savon de Marseille : 15 cartons" in out, out


@pytest.mark.parametrize("typed", ["oiu", "ois", "ouii", "waw", "okey", "vasy", "yess", "yse"])
def test_a_yes_with_a_typo_at_the_confirmation_records(runner: Runner, typed: str) -> None:
    """`ois` was read as the oil (its stock, the sale dropped); the others not understood."""
    runner.say("vendu 5 riz brisé")
    assert _recorded(runner, typed) == (("RIZ", 5),)


@pytest.mark.parametrize("typed", ["nonn", "noo", "nop", "noop", "dedet", "dédét"])
def test_a_no_with_a_typo_at_the_confirmation_declines(runner: Runner, typed: str) -> None:
    runner.say("vendu 5 riz brisé")
    out = runner.say(typed)
    assert texts(out) == "D'accord, vente non enregistrée.", texts(out)
    assert out.effects == () and runner.state == State.IDLE


@pytest.mark.parametrize("typed", ["nos", "noix", "bon", "now", "ko"])
def test_words_near_a_yes_or_a_no_are_not_answers(runner: Runner, typed: str) -> None:
    runner.say("vendu 5 riz brisé")
    out = runner.say(typed)
    assert out.effects == () and "non enregistrée" not in texts(out), texts(out)


def test_a_product_near_a_yes_is_no_yes() -> None:
    """`oil`, a product of the shop, one edit from nothing: its name, never a yes."""
    rows = [*CATALOG, ("OIL", "Motor oil", ["oil"], "bidon", 5, 1, 2)]
    runner = Runner(make_view(rows=rows))
    runner.say("vendu 5 riz brisé")
    out = runner.say("oil")
    assert not any(isinstance(e, RecordMovement) for e in out.effects)
    assert "Motor oil : 5 bidons" in texts(out), texts(out)


def test_a_yes_with_a_typo_at_a_guess() -> None:
    """A yes/no question other than the confirmation (a product guessed) reads it too."""
    runner = Runner(make_view())
    out = texts(runner.say("vendu 2 savn marseile"))
    assert out.startswith("Vouliez-vous dire"), out
    assert any(isinstance(e, RecordMovement) for e in runner.say("ouii").effects), out


@pytest.mark.parametrize("typed", ["how many left?", "how many are left", "how much is left"])
def test_how_many_left_in_english_at_the_confirmation_keeps_the_sale(typed: str) -> None:
    """Its words (`left`, `are`, `is`) were taken for a product's: the sale was dropped for the
    whole stock."""
    runner = Runner(make_view(language="en"))
    asked = texts(runner.say("sold 5 riz brisé"))
    out = texts(runner.say(typed))
    assert out.startswith("Riz brisé 50kg: 42 bags") and out.endswith(asked), out
    assert "cancelled" not in out
    assert _recorded(runner) == (("RIZ", 5),)


@pytest.mark.parametrize(
    ("lang", "start", "typed"),
    [
        ("en", "sold 2 oil", "which one"),
        ("en", "sold 2 oil", "na which one?"),
        ("en", "sold 2 oil", "which one abeg"),
        ("fr", "vendu 2 huile", "lequel ?"),
        ("fr", "vendu 2 huile", "c'est laquelle"),
        ("wo", "jaay naa 2 huile", "ban la ?"),
        ("en", "sold 2 bags of rice", "which one?"),
    ],
)
def test_which_one_shows_the_question_again(lang: str, start: str, typed: str) -> None:
    """`which one?` asks to see the choices: the question again, not « I did not understand »."""
    runner = Runner(make_view(language=lang))
    asked = texts(runner.say(start))
    state = runner.state
    out = texts(runner.say(typed))
    assert out == asked, out
    assert runner.state == state
