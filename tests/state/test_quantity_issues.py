"""Numbers that are no quantity as written are asked about with the text that fits their issue
(`intents.ParsedIntent.quantity_issue`), never replaced by another number."""

from __future__ import annotations

import pytest

from state import Pace, State
from tests.state.conftest import Runner, texts

RANGE = "Il me faut un seul nombre, pas une fourchette : combien exactement ?"
AMBIGUOUS = "Je ne suis pas sûr de ce nombre : tapez-le en chiffres, par exemple 25."
INVALID = "Il faut un nombre entier plus grand que zéro, par exemple 3."
NEGATIVE = "Ce nombre est négatif : il faut un nombre entier plus grand que zéro, par exemple 3."


@pytest.mark.parametrize(
    ("command", "why"),
    [
        ("vendu 3-4 sacs de riz", RANGE),
        ("vendu 3 à 4 sacs de riz", RANGE),
        ("jaay naa ñaar ñett sac ceeb", AMBIGUOUS),
        ("vendu 1e9 riz", INVALID),
        ("vendu -5 riz", NEGATIVE),
    ],
)
def test_a_command_with_a_number_that_is_no_quantity(
    runner: Runner, command: str, why: str
) -> None:
    out = runner.say(command)
    assert texts(out) == why + "\nRiz brisé 50kg : combien de sacs ?"
    assert out.effects == ()
    assert runner.state == State.AWAITING_QUANTITY


@pytest.mark.parametrize(("answer", "why"), [("2 ou 3", RANGE), ("1e3", INVALID)])
def test_an_answer_that_is_no_quantity(runner: Runner, answer: str, why: str) -> None:
    runner.say("vente riz")
    out = runner.say(answer)
    assert texts(out) == why + "\nRiz brisé 50kg : combien de sacs ?"
    assert runner.state == State.AWAITING_QUANTITY


@pytest.mark.parametrize("answer", ["1 000", "1.000", "1\u202f000"])
def test_a_thousands_separator_is_read(runner: Runner, answer: str) -> None:
    runner.paces["RIZ"] = Pace("RIZ", None, 200)  # 1000 is not far above the usual receipts
    runner.say("reçu riz")
    assert texts(runner.say(answer)).startswith("Enregistrer l'arrivage de 1\u00a0000 sacs")


@pytest.mark.parametrize("typed", ["tout", "j'ai tout vendu", "all", "sold them all", "lépp"])
@pytest.mark.parametrize("command", ["vendu 50 riz", "vendu riz"])
def test_all_of_it_at_a_sale_quantity_is_the_whole_stock(
    runner: Runner, command: str, typed: str
) -> None:
    """`tout` under "Il ne reste que 42 sacs… combien ?" (or "combien ?"): the 42 left."""
    runner.say(command)
    out = runner.say(typed)
    asked = (  # in the language written
        "Record the sale of 42 bags of Riz brisé 50kg (the whole stock)?"
        if typed.startswith("sold")
        else "Enregistrer la vente de 42 sacs de Riz brisé 50kg (tout le stock) ?"
    )
    assert texts(out).startswith(asked), typed
    assert runner.state == State.AWAITING_CONFIRMATION


@pytest.mark.parametrize("typed", ["tout", "all"])
def test_all_is_no_quantity_of_an_arrival(runner: Runner, typed: str) -> None:
    runner.say("reçu riz")
    runner.say(typed)
    assert runner.state == State.AWAITING_QUANTITY
