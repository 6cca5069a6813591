"""Products named by ratings and codes (`Batterie 12V 45Ah`, `Pneu 185/65 R14`): an answer to
"which product?" picks by a number of the names, by the rating that tells them apart, and may
change the quantity with a number of its own."""

from __future__ import annotations

import pytest

from state import FindOrders, OrdersFound, OrderView, RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("BAT-45", "Batterie 12V 45Ah", ["batterie", "batterie voiture"], "pièce", 14, 4, 10),
    ("BAT-70", "Batterie 12V 70Ah", ["batterie", "batterie voiture"], "pièce", 16, 5, 10),
    ("PNEU-13", "Pneu 175/70 R13", ["pneu"], "pièce", 24, 8, 20),
    ("PNEU-14", "Pneu 185/65 R14", ["pneu"], "pièce", 16, 6, 16),
    ("CAB-EMB", "Câble d'embrayage moto", ["cable", "cable embrayage"], "pièce", 25, 8, 24),
    ("CAB-ACC", "Câble d'accélérateur moto", ["cable", "cable accelerateur"], "pièce", 28, 8, 24),
]


def _runner() -> Runner:
    return Runner(make_view(rows=ROWS))


@pytest.mark.parametrize(
    ("command", "answer", "chosen"),
    [
        ("vendu 2 batteries", "la 45", "Batterie 12V 45Ah"),
        ("vendu 2 pneus", "ceux de 14", "Pneu 185/65 R14"),
        ("vendu 2 pneus", "les 13", "Pneu 175/70 R13"),
        ("vendu 2 batteries", "the bigger one", "Batterie 12V 70Ah"),
        ("vendu 2 batteries", "la petite", "Batterie 12V 45Ah"),
    ],
)
def test_a_number_or_a_rating_of_the_names_picks_and_keeps_the_quantity(
    command: str, answer: str, chosen: str
) -> None:
    runner = _runner()
    runner.say(command)
    shown = texts(runner.say(answer))
    asked = (  # in the language written
        f"Record the sale of 2 pieces of {chosen}?"
        if answer.startswith("the")
        else f"Enregistrer la vente de 2 pièces de {chosen} ?"
    )
    assert shown.startswith(asked), shown


def test_a_number_the_names_all_share_picks_nothing() -> None:
    runner = _runner()
    runner.say("vendu 2 batteries")
    assert "Enregistrer" not in texts(runner.say("la 12"))


def test_a_name_number_is_no_quantity_when_none_was_given() -> None:
    runner = _runner()
    runner.say("vendu des batteries")
    shown = texts(runner.say("la 70"))
    assert "70 pièces" not in shown


def test_an_answer_with_a_number_of_its_own_changes_the_quantity() -> None:
    runner = _runner()
    runner.say("vendu 2 cables")
    shown = texts(runner.say("embrayage, 3 en fait"))
    assert shown.startswith("Enregistrer la vente de 3 pièces de Câble d'embrayage moto ?"), shown
    out = runner.say("oui")
    assert [type(e) for e in out.effects] == [RecordMovement]


def test_a_number_of_an_ordered_name_is_no_received_quantity() -> None:
    # "batteries 70" is the 70Ah's order arrived in full, not 70 batteries received.
    runner = _runner()
    out = runner.say("la commande de batteries 70 est arrivee")
    assert out.effects == (FindOrders(sku="BAT-70", order_id=None),)
    order = OrderView(4, "BAT-70", "Batterie 12V 70Ah", "pièce", 10, 0, "confirmed", "01/12")
    shown = texts(runner.feed(OrdersFound((order,))))
    assert "10 pièces" in shown and "70 pièces" not in shown, shown
