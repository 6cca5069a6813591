"""Lines named while a draft of several waits: removed by words that fit several of them (`annule
le ciment` under two cements: both go), or by English `no cement`; a line's product switched at
"Quel produit ?" in English as in French (`not the oil, it's the coffee`); and at "combien ?" an
amount followed by more lines (`3 et 2 café`: 3 of the line asked about, 2 coffee). A catalogue
of its own, unlike the demo's (pure `step`, no database)."""

from __future__ import annotations

import pytest

from state import ChoiceIn, RecordMovement, State
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("CIM-D", "Ciment Dangote 50kg", ["ciment", "ciment dangote", "cement"], "sac", 80, 10, 40),
    ("CIM-S", "Ciment Sococim 50kg", ["ciment sococim", "sococim", "cement"], "sac", 50, 10, 40),
    ("FER-8", "Fer à béton 8mm", ["fer 8", "iron rod"], "barre", 200, 20, 100),
    ("THE", "Thé vert Chinois", ["thé", "ataaya", "green tea"], "paquet", 40, 10, 20),
    ("CAFE", "Café Touba 250g", ["café", "kafe", "coffee"], "sachet", 30, 10, 30),
    ("HUILE-1", "Huile Niinal 1L", ["huile", "huile 1l", "diwlin", "oil"], "bouteille", 60, 10, 48),
    ("HUILE-5", "Huile Niinal 5L", ["huile", "huile 5l", "diwlin", "oil"], "bidon", 20, 5, 12),
]


def _runner(language: str = "fr") -> Runner:
    return Runner(make_view(language=language, rows=ROWS))


def _recorded(runner: Runner) -> tuple[tuple[str, int], ...]:
    out = runner.feed(ChoiceIn(runner.choice("yes")))
    (effect,) = out.effects
    assert isinstance(effect, RecordMovement), out
    return effect.lines


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "annule le ciment"),
        ("fr", "enlève le ciment"),
        ("fr", "pas de ciment"),
        ("fr", "non, sans le ciment"),
        ("en", "remove the cement"),
        ("en", "cancel the cement"),
        ("en", "no cement"),
        ("en", "not the cement"),
    ],
)
def test_words_that_fit_several_lines_remove_them_all(language: str, typed: str) -> None:
    """Before, `annule le ciment` under two cements cancelled the whole sale, and `enlève le
    ciment`, `pas de ciment` asked the same question again, nothing removed."""
    runner = _runner(language)
    asked = texts(runner.say("vendu 2 ciment dangote, 3 ciment sococim et 4 fer 8"))
    assert "Ciment Sococim 50kg" in asked and "Fer à béton 8mm" in asked, asked
    out = texts(runner.say(typed))
    removed = {"fr": "Enlevés : ", "en": "Removed: "}[language]
    assert out.startswith(f"{removed}Ciment Dangote 50kg, Ciment Sococim 50kg.\n"), out
    assert runner.state == State.AWAITING_CONFIRMATION
    assert _recorded(runner) == (("FER-8", 4),)


@pytest.mark.parametrize("typed", ["no tea", "no green tea please"])
def test_no_and_a_line_s_product_removes_that_line(typed: str) -> None:
    """Before, English `no tea` under "Record the sale: 2 coffee, 1 tea?" declined the sale."""
    runner = _runner("en")
    runner.say("sold 2 coffee and 1 green tea")
    out = texts(runner.say(typed))
    assert out.startswith("“Thé vert Chinois” removed.\nRecord the sale of 2 sachets"), out
    assert _recorded(runner) == (("CAFE", 2),)


def test_no_comma_a_product_is_no_removal() -> None:
    """`no, coffee` says what it is, it removes nothing."""
    runner = _runner("en")
    runner.say("sold 2 coffee and 1 green tea")
    out = texts(runner.say("no, coffee"))
    assert "removed" not in out, out


def test_nothing_left_once_the_lines_named_go() -> None:
    runner = _runner()
    runner.say("vendu 2 ciment dangote et 3 ciment sococim")
    out = texts(runner.say("annule le ciment"))
    assert out == (
        "Enlevés : Ciment Dangote 50kg, Ciment Sococim 50kg.\nIl ne reste rien à enregistrer."
    ), out
    assert runner.state == State.IDLE


def test_lines_named_go_while_another_line_s_product_is_asked() -> None:
    runner = _runner()
    asked = texts(runner.say("vendu 2 ciment dangote, 3 ciment sococim et 1 huile"))
    assert asked.startswith("Ligne 3 (huile) : Quel produit ?"), asked
    out = texts(runner.say("enlève le ciment"))
    assert out.startswith("Enlevés : Ciment Dangote 50kg, Ciment Sococim 50kg.\nQuel produit ?")
    assert runner.state == State.AWAITING_PRODUCT
    assert texts(runner.say("5l")).startswith("Enregistrer la vente de 1 bidon d'Huile Niinal 5L")


def test_words_of_one_line_remove_that_one_only() -> None:
    runner = _runner()
    runner.say("vendu 2 ciment dangote, 3 ciment sococim et 4 fer 8")
    out = texts(runner.say("annule le sococim"))
    assert out.startswith("« Ciment Sococim 50kg » enlevé.\n"), out
    assert _recorded(runner) == (("CIM-D", 2), ("FER-8", 4))


@pytest.mark.parametrize(
    "typed",
    [
        "not the oil, it's the coffee",
        "it's coffee not oil",
        "not oil, coffee",
        "not the oil but the coffee",
        "it's not oil it's coffee",
        "no, coffee",
    ],
)
def test_another_product_said_instead_at_which_product_in_english(typed: str) -> None:
    """Before, `not the oil, it's the coffee` and `it's coffee not oil` under "Which product?"
    (the oils offered) asked "Which one?" again; French `c'est pas de l'huile c'est du café`
    switched the line to coffee."""
    runner = _runner("en")
    assert texts(runner.say("sold 5 oil")).startswith("Which product?")
    out = texts(runner.say(typed))
    assert out.startswith("Record the sale of 5 sachets of Café Touba 250g?"), out
    assert _recorded(runner) == (("CAFE", 5),)


def test_another_product_said_instead_of_a_line_s_in_english() -> None:
    runner = _runner("en")
    assert texts(runner.say("sold 2 green tea and 5 oil")).startswith("Line 2 (oil): Which")
    out = texts(runner.say("not the oil, it's the coffee"))
    assert out.startswith("Record the sale: 2 packets of Thé vert Chinois, 5 sachets of Caf"), out


@pytest.mark.parametrize(
    ("language", "command", "typed", "other"),
    [
        ("fr", "vendu huile 1l", "3 et 2 huile 5l", ("HUILE-5", 2)),
        ("fr", "vendu huile 1l", "3 et 2 café", ("CAFE", 2)),
        ("fr", "vendu huile 1l", "3 bouteilles, 2 ciment sococim", ("CIM-S", 2)),
        ("fr", "vendu huile 1l", "trois et deux fer 8", ("FER-8", 2)),
        ("fr", "vendu huile 1l", "3 huile 1l et 2 café", ("CAFE", 2)),
        ("en", "sold oil 1l", "3 and 2 coffee", ("CAFE", 2)),
        ("wo", "jaay naa diwlin 1l", "3 ak 2 kafe", ("CAFE", 2)),
    ],
)
def test_an_amount_and_more_lines_at_how_many(
    language: str, command: str, typed: str, other: tuple[str, int]
) -> None:
    """Before, `3 et 2 huile 5l` under "Huile Niinal 1L : combien ?" kept only 2 of the 5L."""
    runner = _runner(language)
    runner.say(command)
    assert runner.state == State.AWAITING_QUANTITY, texts(runner.last) if runner.last else ""
    out = runner.say(typed)
    assert runner.state == State.AWAITING_CONFIRMATION, texts(out)
    assert _recorded(runner) == (("HUILE-1", 3), other)


def test_an_amount_and_a_line_of_the_draft_at_how_many() -> None:
    """A line of the draft named after the amount takes the amount said (as a correction)."""
    runner = _runner()
    asked = texts(runner.say("vendu 2 café et huile 1l"))
    assert asked.startswith("Ligne 2 (Huile Niinal 1L) : Combien de bouteilles ?"), asked
    runner.say("3 et 5 café")
    assert _recorded(runner) == (("CAFE", 5), ("HUILE-1", 3))


def test_an_amount_and_a_product_the_shop_lacks_at_how_many() -> None:
    runner = _runner()
    runner.say("vendu huile 1l")
    out = texts(runner.say("3 et 2 banane"))
    assert out.startswith("Ligne 2 (banane) : Je ne trouve pas « banane »."), out
