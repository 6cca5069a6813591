"""The guided count (`INVENTAIRE` alone) on a parts shop: a number counts the product asked
about; a count naming another product counts that one and the tour asks again; a correction
right after an answer counts the product answered before again; another command pauses the
tour and is read as itself."""

from __future__ import annotations

import pytest

from state import Outcome, PlanCount, SetCount
from state.events import CountPlanned, CountRecorded
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("BAT-45", "Batterie 12V 45Ah", ["batterie", "batri", "45ah", "battery"], "pièce", 14, 4, 10),
    ("BAT-70", "Batterie 12V 70Ah", ["batterie", "batri", "70ah", "battery"], "pièce", 6, 5, 10),
    ("CASQUE", "Casque moto", ["casque", "kask", "helmet"], "pièce", 7, 5, 12),
    ("GRAISSE", "Graisse multi-usage", ["graisse", "grease"], "kg", 18, 5, 20),
    ("FILTRE", "Filtre à huile", ["filtre", "oil filter"], "pièce", 45, 12, 40),
]
PLAN = ("CASQUE", "GRAISSE", "FILTRE", "BAT-45", "BAT-70")
BEFORE = {row[0]: row[4] for row in ROWS}


class Tour:
    """A runner that plays the database's part for the tour: the plan, and each count set."""

    def __init__(self, language: str) -> None:
        self.runner = Runner(make_view(language=language, rows=ROWS))
        self.counts: list[tuple[str, int]] = []
        self.stock = dict(BEFORE)

    def say(self, body: str) -> str:
        return texts(self._run(self.runner.say(body)))

    def _run(self, outcome: Outcome) -> Outcome:
        for effect in outcome.effects:
            if isinstance(effect, PlanCount):
                return self._then(outcome, CountPlanned(PLAN))
            if isinstance(effect, SetCount):
                self.counts += effect.lines
                lines = tuple((sku, self.stock[sku], counted) for sku, counted in effect.lines)
                self.stock.update(effect.lines)
                return self._then(outcome, CountRecorded(lines))
        return outcome

    def _then(self, outcome: Outcome, event: CountPlanned | CountRecorded) -> Outcome:
        following = self._run(self.runner.feed(event))
        return Outcome(following.snapshot, outcome.actions + following.actions, following.replay)


def _started(language: str, start: str = "inventaire") -> Tour:
    tour = Tour(language)
    assert "1/5" in tour.say(start)
    return tour


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("fr", "je veux faire l'inventaire"),
        ("fr", "on fait l inventaire stp"),
        ("en", "I want to do the inventory"),
        ("fr", "dama bëgg lim"),
    ],
)
def test_a_wish_to_count_starts_the_tour(language: str, typed: str) -> None:
    """« je veux faire l'inventaire » listed the whole stock instead of counting it."""
    _started(language, typed)


def test_a_number_counts_the_product_asked_about() -> None:
    for typed in ("4", "4 pièces", "casque 4", "il y en a 4", "am na 4"):
        tour = _started("fr")
        shown = tour.say(typed)
        assert tour.counts == [("CASQUE", 4)], typed
        assert "2/5 · Graisse" in shown, (typed, shown)


def test_a_count_of_another_product_counts_it_and_asks_again() -> None:
    tour = _started("fr")
    shown = tour.say("graisse 12")
    assert tour.counts == [("GRAISSE", 12)]
    assert "1/5 · Casque moto" in shown, shown  # the helmet is still asked about
    shown = tour.say("6")
    assert tour.counts[-1] == ("CASQUE", 6)
    assert "2/5 · Graisse" in shown, shown


def test_counts_of_several_products_during_the_tour() -> None:
    tour = _started("en", "inventory")
    shown = tour.say("grease 12 and oil filter 40")
    assert tour.counts == [("GRAISSE", 12), ("FILTRE", 40)]
    assert "1/5 · Casque moto" in shown, shown


def test_a_count_naming_a_family_asks_which_then_the_tour_goes_on() -> None:
    tour = _started("fr")
    asked = tour.say("batterie 9")
    assert "Batterie 12V 45Ah" in asked and "Batterie 12V 70Ah" in asked, asked
    assert tour.counts == []
    shown = tour.say("la 70")
    assert tour.counts == [("BAT-70", 9)]
    assert "1/5 · Casque moto" in shown, shown


def test_an_unknown_product_counts_nothing() -> None:
    tour = _started("fr")
    shown = tour.say("banane 4")
    assert tour.counts == []
    assert "banane" in shown and "1/5 · Casque moto" in shown, shown


def test_a_correction_counts_the_product_answered_before() -> None:
    for language, start, typed in (
        ("fr", "inventaire", "oups c'était 5"),
        ("fr", "inventaire", "non c'était 5"),
        ("fr", "inventaire", "correction : 5"),
        ("fr", "inventaire", "oups 5 pour le casque"),
        ("fr", "inventaire", "je me suis trompé, c'était 5"),
        ("fr", "inventaire", "5 pas 4"),
        ("en", "inventory", "sorry it was 5"),
        ("en", "inventory", "my mistake, 5 not 4"),
        ("wo", "inventaire", "dafa doon 5"),
    ):
        tour = _started(language, start)
        tour.say("4")
        shown = tour.say(typed)
        assert tour.counts == [("CASQUE", 4), ("CASQUE", 5)], (typed, tour.counts)
        assert "2/5 · Gra" in shown, (typed, shown)  # the grease is still asked about


def test_a_correction_is_told_from_the_stock_before_the_count_it_corrects() -> None:
    """`oups c'était 9` after 7 → 4 showed `9 pièces (+5)`, from the wrong count (4), though
    the stock went 7 → 9; a second correction too."""
    tour = _started("fr")
    assert "Casque moto : 7 → 4 pièces" in tour.say("4")
    assert "• Casque moto : 9 pièces (+2)" in tour.say("oups c'était 9")
    assert "• Casque moto : 6 pièces (−1)" in tour.say("non 6")
    assert "Graisse multi-usage : 18 → 20 kg" in tour.say("20")
    assert "• Graisse multi-usage : 17 kg (−1)" in tour.say("non 17")


def test_a_correction_after_right_count_is_about_that_product() -> None:
    tour = _started("fr")
    tour.say("c'est juste")
    tour.say("non 16")
    assert tour.counts == [("CASQUE", 16)]


def test_a_correction_with_nothing_answered_counts_the_product_asked_about() -> None:
    tour = _started("fr")
    shown = tour.say("non c'est 8")
    assert tour.counts == [("CASQUE", 8)]
    assert "2/5" in shown


def test_a_count_in_words_of_another_product_is_no_stock_question() -> None:
    tour = _started("fr")
    shown = tour.say("graisse douze")
    assert tour.counts == [("GRAISSE", 12)]
    assert "1/5 · Casque moto" in shown, shown


def test_another_command_pauses_the_tour() -> None:
    for language, start, typed in (
        ("fr", "inventaire", "vendu 2 graisse"),
        ("en", "inventory", "sold 2 kg of grease"),
        ("wo", "inventaire", "jaay naa 2 graisse"),
    ):
        tour = _started(language, start)
        shown = tour.say(typed)
        assert tour.counts == [], typed
        assert "1/5" in shown and "(1/5)" in shown, (typed, shown)  # the pause is said
        assert "Graisse multi-usage" in shown, shown  # the sale is asked to confirm
        assert tour.runner.snapshot.context.get("draft", {}).get("action") == "sale", typed


def test_a_guess_declined_asks_the_tour_question_again() -> None:
    tour = _started("fr")
    assert "?" in tour.say("graise 12")  # "Vouliez-vous dire … ?"
    shown = tour.say("non")
    assert tour.counts == []
    assert "1/5 · Casque moto" in shown, shown
    tour.say("4")
    assert tour.counts == [("CASQUE", 4)]


def test_a_count_in_another_unit_asks_how_many_of_the_products() -> None:
    for typed in ("2 cartons", "2 caisses de casques", "casque 2 cartons"):
        tour = _started("fr")
        shown = tour.say(typed)
        assert tour.counts == [], (typed, shown)
        assert "2 cartons de Casque moto" in shown or "2 caisses de Casque moto" in shown, shown
        assert "combien de pièces" in shown, shown
        tour.say("24")
        shown = tour.say("oui")
        assert tour.counts == [("CASQUE", 24)], (typed, tour.counts)
        assert "2/5 · Graisse" in shown, shown


def test_a_free_count_in_another_unit_asks_how_many_of_the_products() -> None:
    runner = Runner(make_view(rows=ROWS))
    shown = texts(runner.say("compté 2 cartons de casque"))
    assert shown == "2 cartons de Casque moto, ça fait combien de pièces ?", shown


def test_a_count_said_relative_to_the_stock_recorded() -> None:
    for typed, counted in (
        ("2 de plus", 9),
        ("il y en a 2 de moins", 5),
        ("il en manque 3", 4),
        ("3 more", 10),
        ("2 pièces en plus", 9),
    ):
        tour = _started("fr")
        shown = tour.say(typed)
        assert tour.counts == [("CASQUE", counted)], (typed, tour.counts, shown)
        assert "7 → " + str(counted) in shown, shown


def test_a_relative_count_in_another_unit_or_below_zero_asks_the_total() -> None:
    for typed in ("2 cartons de plus", "8 de moins"):
        tour = _started("fr")
        shown = tour.say(typed)
        assert tour.counts == [], (typed, shown)
        assert "nombre compté en tout" in shown and "1/5 · Casque moto" in shown, shown


def test_a_tour_count_far_above_the_stock_is_confirmed_first() -> None:
    tour = _started("fr")
    shown = tour.say("7000")
    assert tour.counts == [] and "c'est beaucoup" in shown, shown
    shown = tour.say("oui")
    assert tour.counts == [("CASQUE", 7000)], shown
    assert "2/5 · Graisse" in shown, shown


def test_skip_and_stop_typed_under_a_unit_question_of_the_tour() -> None:
    """`2 cartons` of helmets asks how many pièces they make; `passer` then skips the helmet
    (it was not understood), `stop` pauses the tour (it cancelled the count, not the tour)."""
    for typed, shown in (("passer", "2/5 · Graisse"), ("skip", "2/5 · Graisse")):
        tour = _started("fr")
        assert "cartons" in tour.say("2 cartons")
        out = tour.say(typed)
        assert shown in out and tour.counts == [], (typed, out)
    tour = _started("fr")
    tour.say("2 cartons")
    out = tour.say("stop")
    assert out.startswith("Inventaire en pause (1/5)"), out
    assert tour.counts == []


@pytest.mark.parametrize(
    ("language", "start", "told"),
    [
        ("fr", "inventaire", "✓ Casque moto : 7 pièces (inchangé)"),
        ("en", "inventory", "✓ Casque moto: 7 pieces (unchanged)"),
        ("wo", "inventaire", "✓ Casque moto : 7"),
    ],
)
def test_a_count_equal_to_the_stock_is_told_too(language: str, start: str, told: str) -> None:
    """A count equal to the stock moved on in silence, where any other count got its ✓ line:
    the manager could not tell it was taken."""
    tour = _started(language, start)
    shown = tour.say("7")
    assert tour.counts == [("CASQUE", 7)]
    assert told in shown, shown
    assert "2/5 · Graisse" in shown, shown
    shown = tour.say("18 kg")  # another product, also the stock: told the same way
    assert "✓ Graisse multi-usage" in shown and "18" in shown, shown
