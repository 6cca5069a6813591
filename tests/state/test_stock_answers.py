"""Stock questions: one product, STOCK alone, ambiguous, unknown, unsure; overview; alerts."""

from __future__ import annotations

import pytest

from state import ChoiceIn, PlaceOrder, ProductView, RecordMovement, State
from state.messages import text
from tests.state.conftest import CATALOG, Row, Runner, make_view, texts


def test_stock_of_one_product_gives_quantity_threshold_and_last_movement(runner: Runner) -> None:
    out = runner.say("STOCK RIZ")
    assert texts(out) == (
        "Riz brisé 50kg : 42 sacs\nSeuil d'alerte : 10 sacs\nDernier mouvement : 24/11 18:30"
    )
    assert runner.state == State.IDLE
    assert out.effects == ()


def test_low_and_out_products_carry_a_warning(runner: Runner) -> None:
    assert "⚠️ Stock faible" in texts(runner.say("stock riz parfumé"))
    out = texts(runner.say("stock lait"))
    assert "❌ En rupture" in out
    assert "0 boîte" in out
    assert "Aucun mouvement enregistré" in out


def test_stock_alone_lists_the_store_products(runner: Runner) -> None:
    out = runner.say("STOCK")
    (reply,) = out.replies
    assert [c.title for c in reply.rows] == [p[1] for p in CATALOG]
    assert reply.rows[0].description == "42 sacs"
    assert reply.text == "Quel produit ?"
    assert runner.state == State.AWAITING_PRODUCT
    assert texts(runner.feed(ChoiceIn(reply.rows[1].id))).startswith("Riz parfumé 25kg : 6 sacs")
    assert runner.state == State.IDLE


def test_a_big_store_shows_ten_rows_and_says_to_type_the_name() -> None:
    rows: list[Row] = [(f"P{i:02d}", f"Produit {i:02d}", [], "carton", i, 1, 5) for i in range(14)]
    runner = Runner(make_view(rows=rows))
    (reply,) = runner.say("stock").replies
    assert len(reply.rows) == 10
    assert "10 sur 14" in reply.text
    assert "tapez le nom" in reply.text


@pytest.mark.parametrize("typed", ["huile", "stock huile", "combien d'huile il reste ?"])
def test_a_stock_question_naming_a_family_lists_each_product(runner: Runner, typed: str) -> None:
    out = runner.say(typed)
    (reply,) = out.replies
    assert reply.buttons == () and reply.rows == ()
    assert reply.text.splitlines() == [
        "Huile Jadida 1L : 60 bouteilles",
        "Huile Jadida 5L : 18 bidons",
        "⚠️ Huile d'arachide 20L : 3 bidons",
    ]
    assert runner.state == State.IDLE


def test_a_family_and_a_product_in_one_question(runner: Runner) -> None:
    out = texts(runner.say("stock huile et riz brisé"))
    assert "Huile Jadida 5L : 18 bidons" in out
    assert "Riz brisé 50kg : 42 sacs\nSeuil d'alerte" in out


def test_a_large_family_lists_the_closest_and_says_how_to_narrow() -> None:
    rows: list[Row] = [
        (f"T{i}", f"Tissu wax {i} yards", ["tissu", "wax"], "piece", i, 1, 5) for i in range(1, 9)
    ]
    runner = Runner(make_view(rows=rows))
    lines = texts(runner.say("stock tissu")).splitlines()
    assert len(lines) == 6
    assert all(line.startswith("Tissu wax") or "⚠️" in line for line in lines[:5])
    assert lines[-1].startswith("Et 3 de plus : précisez le nom (ex. « stock Tissu wax")


def test_a_sale_naming_a_family_still_asks_which_one(runner: Runner) -> None:
    (reply,) = runner.say("vendu 2 huile").replies
    assert {c.title for c in reply.buttons} == {
        "Huile Jadida 1L",
        "Huile Jadida 5L",
        "Huile d'arachide 20L",
    }
    out = runner.feed(ChoiceIn(runner.choice("HUILE-5L")))
    assert texts(out).startswith("Enregistrer la vente de 2 bidons d'Huile Jadida 5L")


def test_an_unknown_product_is_not_found_with_the_closest_as_buttons(runner: Runner) -> None:
    out = runner.say("stock savonette")
    (reply,) = out.replies
    assert reply.text.startswith("Je ne trouve pas « savonette »")
    assert 1 <= len(reply.buttons) <= 3
    assert runner.state == State.AWAITING_PRODUCT


def test_an_unknown_product_with_nothing_close_says_so(runner: Runner) -> None:
    out = runner.say("stock banane")
    assert texts(out) == "Je ne trouve pas « banane ». Tapez TOUT LE STOCK pour la liste."
    assert runner.state == State.IDLE


def test_a_typo_of_one_product_only_is_answered_saying_what_was_understood(
    runner: Runner,
) -> None:
    """A stock question changes nothing: a typo that can only be one product is answered."""
    out = texts(runner.say("stock sucr"))
    assert out.startswith("« sucr » : j'ai compris Sucre en poudre 50kg.\nSucre en poudre 50kg")
    assert runner.state == State.IDLE
    out = texts(runner.say("stock savn de marseil"))
    assert out.splitlines()[1].startswith("Savon de Marseille : 15 cartons")


@pytest.mark.parametrize("typed", ["vendu 2 sucr", "recu 3 savn de marseil", "commander sucr 5"])
def test_a_typo_in_a_movement_still_asks_did_you_mean(runner: Runner, typed: str) -> None:
    assert texts(runner.say(typed)).startswith("Vouliez-vous dire")
    assert runner.state == State.AWAITING_CONFIRMATION


def test_middling_confidence_asks_did_you_mean(runner: Runner) -> None:
    out = runner.say("vendu 2 savn de marseil")
    assert texts(out).startswith("Vouliez-vous dire « VENTE Savon de Marseille 2 » ?")
    assert runner.state == State.AWAITING_CONFIRMATION
    runner.say("annuler")
    runner.say("vendu 2 savn de marseil")
    assert texts(runner.feed(ChoiceIn(runner.choice("no")))).startswith("D'accord")
    assert runner.state == State.IDLE


def test_yes_to_a_guess_that_showed_the_whole_command_records_it_at_once(
    runner: Runner,
) -> None:
    runner.say("vendu 2 savn de marseil")
    out = runner.feed(ChoiceIn(runner.choice("yes")))
    assert out.effects == (RecordMovement("sale", (("SAVON", 2),), "whatsapp:7-1"),)
    assert runner.state == State.IDLE
    runner.say("recu 3 savn de marseil")
    assert runner.say("oui").effects == (
        RecordMovement("receipt", (("SAVON", 3),), "whatsapp:7-2"),
    )


def test_yes_to_a_guess_without_its_quantity_still_asks_it(runner: Runner) -> None:
    out = texts(runner.say("vendu savn de marseil"))
    assert out.startswith("Vouliez-vous dire « VENTE Savon de Marseille » ?")
    assert texts(runner.say("oui")) == "Savon de Marseille : combien de cartons ?"
    assert texts(runner.say("2")).startswith("Enregistrer la vente de 2 cartons de Savon")


def test_a_short_typo_still_asks(runner: Runner) -> None:
    """Three letters are too few to be sure (`lai` may be many words)."""
    assert texts(runner.say("stock lai")).startswith("Vouliez-vous dire « STOCK Lait")


def test_overview_lists_every_product_in_full() -> None:
    rows: list[Row] = [
        (f"P{i:03d}", f"Produit numéro {i:03d}", [], "carton", i, 1, 5) for i in range(300)
    ]
    runner = Runner(make_view(rows=rows))
    out = texts(runner.say("TOUT LE STOCK"))
    assert len(out) > 4096  # longer than one WhatsApp message: the sender splits, never cuts
    assert all(f"Produit numéro {i:03d}" in out for i in range(300))
    assert "❌ Produit numéro 000 : 0 carton" in out


def test_alerts_put_out_of_stock_first_and_offer_to_order(runner: Runner) -> None:
    listing, question = runner.say("ALERTES").replies
    lines = listing.text.splitlines()
    assert lines[0] == "À recommander (3) :"
    assert lines[1].startswith("❌ Lait en poudre")
    assert {line.split(" : ")[0] for line in lines[2:]} == {
        "⚠️ Huile d'arachide 20L",
        "⚠️ Riz parfumé 25kg",
    }
    assert [c.id.rsplit(":", 1)[1] for c in question.buttons][0] == "LAIT"
    out = runner.feed(ChoiceIn(question.buttons[0].id))
    # The order is one question, with its reorder quantity: nothing is ordered before yes.
    assert out.effects == ()
    assert texts(out) == (
        "Commander 36 boîtes de Lait en poudre 400g ?\n[Oui]\n[Autre quantité]\n[Non]"
    )
    done = runner.feed(ChoiceIn(runner.choice("yes")))
    assert done.effects == (PlaceOrder((("LAIT", 36),)),)


def test_no_alert_when_everything_is_above_its_threshold() -> None:
    rows = [("RIZ", "Riz", ["riz"], "sac", 40, 10, 20)]
    runner = Runner(make_view(rows=rows))
    assert texts(runner.say("alertes")) == "Aucun produit sous son seuil 👍"


def test_product_level() -> None:
    assert ProductView("A", "A", "", 0, 0, 1).level == "out"
    assert ProductView("A", "A", "", 3, 3, 1).level == "low"
    assert ProductView("A", "A", "", 4, 3, 1).level == "ok"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Huile Jadida 1L", "Enregistrer la vente de 3 bidons d'Huile Jadida 1L ?"),
        ("Œufs frais", "Enregistrer la vente de 3 bidons d'Œufs frais ?"),
        ("Igname", "Enregistrer la vente de 3 bidons d'Igname ?"),
        ("Haricots blancs", "Enregistrer la vente de 3 bidons de Haricots blancs ?"),  # h aspiré
        ("Yaourt", "Enregistrer la vente de 3 bidons de Yaourt ?"),
        ("Riz", "Enregistrer la vente de 3 bidons de Riz ?"),
    ],
)
def test_de_before_a_vowel_reads_d_apostrophe(name: str, expected: str) -> None:
    assert text("fr", "confirm_sale", quantity="3 bidons", name=name) == expected
    assert text("fr", "how_many", unit="unités") == "Combien d'unités ?"
    english = text("en", "confirm_sale", quantity="3 bidons", name=name)
    assert english == f"Record the sale of 3 bidons of {name}?"


def test_a_row_that_cuts_a_name_shows_it_whole_in_its_description() -> None:
    rows: list[Row] = [
        ("P5", "Peinture blanche Seigneurie 5L", [], "pot", 25, 8, 20),
        ("P20", "Peinture blanche Seigneurie 20L", [], "seau", 10, 4, 8),
        ("PB", "Peinture bleue Seigneurie 5L", [], "pot", 6, 5, 10),
        ("SEL", "Sel 1kg", [], "sachet", 50, 5, 10),
    ]
    (reply,) = Runner(make_view(rows=rows)).say("stock").replies
    descriptions = {c.title: c.description for c in reply.rows}
    assert descriptions["Sel 1kg"] == "50 sachets"
    cut = [c for c in reply.rows if "…" in c.title]  # the two whites keep their 5L, 20L
    assert len(cut) == 3
    assert {c.description.split(" — ")[0] for c in cut} == {r[1] for r in rows[:3]}
    assert all(len(c.description) <= 72 for c in reply.rows)
