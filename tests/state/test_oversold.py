"""A sale over the stock, insisted on: the manager typed the same (or another too large)
amount again, or yes, under "Il ne reste que 2 … Vous avez vendu combien ?". The stock noted
may be wrong (an arrival not recorded): [Vendre 2] [Compter le stock] [Annuler], instead of the
same question in a loop (before: asked again and again, whatever was typed)."""

from __future__ import annotations

import pytest

from state import ChoiceIn, RecordMovement, SetCount
from tests.state.conftest import Row, Runner, make_view, texts

# A pharmacy's depot: 4 boxes of one syrup left, none of another.
DEPOT: list[Row] = [
    ("SIROP-TOUX", "Sirop toux 125ml", ["sirop", "sirop toux"], "flacon", 4, 2, 12),
    ("GANTS-M", "Gants latex M", ["gants"], "boîte", 9, 3, 10),
    ("COTON-50", "Coton hydrophile 50g", ["coton"], "paquet", 0, 5, 20),
]


def _recorded(runner: Runner) -> list[tuple[str, int]]:
    assert runner.last is not None
    return [ln for e in runner.last.effects if isinstance(e, RecordMovement) for ln in e.lines]


def _insisted(runner: Runner, start: str, again: str) -> str:
    first = texts(runner.say(start))
    assert "4" in first and "[" not in first, first  # asked the quantity again, no buttons yet
    return texts(runner.say(again))


@pytest.mark.parametrize("again", ["6", "6 flacons", "je te dis 6", "oui", "9"])
def test_insisting_offers_a_way_out(again: str) -> None:
    runner = Runner(make_view(rows=DEPOT))
    out = _insisted(runner, "vendu 6 sirop", again)
    assert out.count("[") == 3 and "[Vendre 4]" in out and "[Compter le stock]" in out, out
    assert not _recorded(runner)


def test_selling_what_is_left() -> None:
    runner = Runner(make_view(rows=DEPOT))
    _insisted(runner, "vendu 6 sirop", "6")
    confirm = texts(runner.feed(ChoiceIn(runner.choice("all"))))
    assert "4 flacons" in confirm, confirm
    runner.say("oui")
    assert _recorded(runner) == [("SIROP-TOUX", 4)]


@pytest.mark.parametrize(("typed", "sold"), [("3", 3), ("vends les 4", 4), ("tout", 4)])
def test_a_smaller_amount_typed_is_the_sale(typed: str, sold: int) -> None:
    runner = Runner(make_view(rows=DEPOT))
    _insisted(runner, "vendu 6 sirop", "6")
    runner.say(typed)
    runner.say("oui")
    assert _recorded(runner) == [("SIROP-TOUX", sold)]


@pytest.mark.parametrize("how", ["tap", "compter", "je vais recompter", "inventaire"])
def test_counting_drops_the_sale_and_asks_the_count(how: str) -> None:
    runner = Runner(make_view(rows=DEPOT))
    _insisted(runner, "vendu 6 sirop", "6")
    if how == "tap":
        out = texts(runner.feed(ChoiceIn(runner.choice("count"))))
    else:
        out = texts(runner.say(how))
    assert "vente non enregistrée" in out and "Sirop toux 125ml" in out, out
    assert "comptage" in out, out
    runner.say("10")
    runner.say("oui")
    assert runner.last is not None
    counts = [e.lines for e in runner.last.effects if isinstance(e, SetCount)]
    assert counts == [(("SIROP-TOUX", 10),)], runner.last.effects


@pytest.mark.parametrize("typed", ["non", "annule", "laisse tomber"])
def test_no_drops_the_sale(typed: str) -> None:
    runner = Runner(make_view(rows=DEPOT))
    _insisted(runner, "vendu 6 sirop", "6")
    out = texts(runner.say(typed))
    assert "non enregistrée" in out or "annul" in out, out
    assert not _recorded(runner)
    assert not runner.state.startswith("awaiting")


def test_english_buttons() -> None:
    runner = Runner(make_view(rows=DEPOT, language="en"))
    runner.say("sold 6 sirop")
    out = texts(runner.say("6"))
    assert "[Sell 4]" in out and "[Count the stock]" in out, out


def test_the_first_refusal_still_asks_the_quantity() -> None:
    runner = Runner(make_view(rows=DEPOT))
    runner.say("vendu 12 gants")
    runner.say("8")
    runner.say("oui")
    assert _recorded(runner) == [("GANTS-M", 8)]
