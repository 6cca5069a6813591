"""Replies to "Vouliez-vous dire « VENTE … 2 » ?" (a product guessed from a typo) that say
more than yes or no: the quantity corrected (`oui mais 3`, `non c'est 3`, a bare number) keeps
the product guessed; another product named is taken instead. Before, `oui mais 3` recorded the
guessed quantity, `non c'est 3` dropped the sale and a bare number was not understood."""

from __future__ import annotations

import pytest

from state import RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

# A hardware shop: names the matcher corrects from typos (`cadenas`, `ampoule`).
HARDWARE: list[Row] = [
    ("CADENAS-40", "Cadenas laiton 40mm", ["cadenas"], "pièce", 30, 5, 20),
    ("AMPOULE-LED", "Ampoule LED 9W", ["ampoule", "ampoule led"], "pièce", 80, 20, 100),
    ("CHEVILLE-8", "Chevilles 8mm", ["chevilles", "cheville"], "sachet", 40, 10, 30),
    ("PINCEAU-50", "Pinceau plat 50mm", ["pinceau"], "pièce", 25, 5, 20),
]


def _recorded(runner: Runner) -> list[tuple[str, int]]:
    assert runner.last is not None
    return [line for e in runner.last.effects if isinstance(e, RecordMovement) for line in e.lines]


def _guessed(runner: Runner, typed: str) -> None:
    asked = texts(runner.say(typed))
    assert asked.startswith("Vouliez-vous dire"), asked


@pytest.mark.parametrize(
    ("language", "typed", "answer", "quantity"),
    [
        ("fr", "vendu 4 cadenat", "oui mais 6", 6),
        ("fr", "vendu 4 cadenat", "oui 6 seulement", 6),
        ("fr", "vendu 4 cadenat", "non c'est 6", 6),
        ("fr", "vendu 4 cadenat", "6", 6),
        ("fr", "vendu 4 cadenat", "non 3 pas 4", 3),
        ("fr", "vente ampoul 10", "oui mais 12 pieces", 12),
        ("en", "sold 4 cadenat", "yes but 6", 6),
        ("en", "sold 4 cadenat", "no it was 6", 6),
    ],
)
def test_a_quantity_at_the_guess_takes_the_product_with_it(
    language: str, typed: str, answer: str, quantity: int
) -> None:
    runner = Runner(make_view(rows=HARDWARE, language=language))
    asked = texts(runner.say(typed))
    assert "Cadenas" in asked or "Ampoule" in asked, asked
    out = texts(runner.say(answer))
    assert not _recorded(runner), out  # the new quantity is confirmed first
    assert str(quantity) in out and ("Cadenas" in out or "Ampoule" in out), out
    runner.say("oui" if language == "fr" else "yes")
    assert _recorded(runner)[0][1] == quantity


def test_another_product_named_at_the_guess_replaces_it() -> None:
    runner = Runner(make_view(rows=HARDWARE))
    _guessed(runner, "vendu 3 cadenat")
    out = texts(runner.say("non plutot le pinceau"))
    assert "Pinceau plat 50mm" in out and "3" in out, out
    runner.say("oui")
    assert _recorded(runner) == [("PINCEAU-50", 3)]


@pytest.mark.parametrize("answer", ["oui", "ok", "ouii"])
def test_a_plain_yes_still_records_the_guess(answer: str) -> None:
    runner = Runner(make_view(rows=HARDWARE))
    _guessed(runner, "vendu 4 cadenat")
    runner.say(answer)
    assert _recorded(runner) == [("CADENAS-40", 4)]


def test_a_plain_no_still_drops_it() -> None:
    runner = Runner(make_view(rows=HARDWARE))
    _guessed(runner, "vendu 4 cadenat")
    runner.say("non")
    assert not _recorded(runner)
    assert not runner.snapshot.state.startswith("awaiting")
