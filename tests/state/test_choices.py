"""Choices: numbered and worded replies, stale and foreign taps, expiry of a waiting question."""

from __future__ import annotations

from datetime import timedelta

import pytest

from state import ChoiceIn, RecordMovement, State
from state.choices import by_number, by_words, choice_id, parse_choice_id
from state.values import Choice
from tests.state.conftest import TIMEOUT, Row, Runner, make_view, texts


@pytest.mark.parametrize("answer", ["oui", "Oui !", "waaw", "ok", "👍", "yes", "ok merci"])
def test_yes_in_words(runner: Runner, answer: str) -> None:
    runner.say("vente riz 2")
    out = runner.say(answer)
    assert [type(e) for e in out.effects] == [RecordMovement]


@pytest.mark.parametrize("answer", ["1", "2", "4 sacs"])
def test_a_number_typed_to_a_confirmation_is_the_right_quantity(
    runner: Runner, answer: str
) -> None:
    runner.say("vente riz 5")
    out = runner.say(answer)
    assert out.effects == ()
    number = answer.split()[0]
    assert texts(out).startswith(f"Enregistrer la vente de {number} sac")


@pytest.mark.parametrize("answer", ["non", "Non merci", "deedeet", "no"])
def test_no_in_words(runner: Runner, answer: str) -> None:
    runner.say("vente riz 2")
    out = runner.say(answer)
    assert out.effects == ()
    assert texts(out) == "D'accord, vente non enregistrée."


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("2", "Huile Jadida 5L"), ("Huile Jadida 1L", "Huile Jadida 1L"), ("huile 20l", "Huile d'a")],
)
def test_a_product_by_number_or_name(runner: Runner, answer: str, expected: str) -> None:
    runner.say("vendu 2 huile")
    out = texts(runner.say(answer))
    assert out.startswith("Enregistrer la vente de 2 ")
    assert expected in out


def test_a_number_beyond_the_choices_gets_the_question_again(runner: Runner) -> None:
    runner.say("vendu 2 huile")
    out = texts(runner.say("7"))
    assert out.startswith("Je n'ai pas compris votre réponse.\nQuel produit ?")
    assert runner.state == State.AWAITING_PRODUCT


REPLACED_SALE = (
    "Cette question a été remplacée par une autre, rien n'a été enregistré. "
    "Renvoyez « VENTE Riz brisé 50kg 2 »."
)


def test_a_tap_on_a_question_replaced_by_a_new_command_says_nothing_was_recorded(
    runner: Runner,
) -> None:
    runner.say("vente riz 2")
    old_yes = runner.choice("yes")
    runner.say("vente sucre 1")
    before = runner.snapshot
    out = runner.feed(ChoiceIn(old_yes))
    # Not "déjà traitée": the manager would believe the sale was recorded.
    assert (out.effects, texts(out)) == ((), REPLACED_SALE)
    assert runner.snapshot == before  # the sugar question still waits
    assert [type(e) for e in runner.say("oui").effects] == [RecordMovement]


def test_taps_on_several_replaced_questions_are_each_told(runner: Runner) -> None:
    runner.say("vente riz 2")
    rice = runner.choice("yes")
    runner.say("reçu 3 huile")
    oil = runner.choice("HUILE-5L")
    runner.say("vendu savon")  # how many? (a third question)
    assert texts(runner.feed(ChoiceIn(oil))) == (
        "Cette question a été remplacée par une autre, rien n'a été enregistré. "
        "Renvoyez « REÇU Huile Jadida 5L 3 »."
    )
    assert texts(runner.feed(ChoiceIn(rice))) == REPLACED_SALE


def test_a_tap_on_a_cancelled_question_says_it_was_cancelled(runner: Runner) -> None:
    runner.say("vente riz 2")
    yes = runner.choice("yes")
    assert texts(runner.say("annuler")) == (
        "La vente de 2 sacs de Riz brisé 50kg est annulée (rien n'est enregistré)."
    )
    out = runner.feed(ChoiceIn(yes))
    assert (out.effects, texts(out)) == (
        (),
        "Cette question a été annulée, rien n'a été enregistré. "
        "Renvoyez « VENTE Riz brisé 50kg 2 ».",
    )
    no = runner.feed(ChoiceIn(yes.replace(":yes", ":no")))
    assert texts(no) == "D'accord, vente non enregistrée."


def test_a_second_tap_on_yes_records_once(runner: Runner) -> None:
    runner.say("vente riz 2")
    yes = runner.choice("yes")
    assert len(runner.feed(ChoiceIn(yes)).effects) == 1
    out = runner.feed(ChoiceIn(yes))
    assert out.effects == ()
    assert texts(out) == "Cette demande a déjà été traitée."


def test_another_managers_button_is_refused() -> None:
    other = Runner(make_view(manager_id=8))
    other.say("vente riz 2")
    mine = Runner(make_view(manager_id=7))
    mine.say("vente riz 2")
    before = mine.snapshot
    out = mine.feed(ChoiceIn(other.choice("yes")))
    assert texts(out) == "Cette demande a déjà été traitée."
    assert mine.snapshot == before


@pytest.mark.parametrize("raw", ["", "garbage", "sale:v0:7-1:yes", "sale:v1::yes", "x:y:z"])
def test_ids_we_did_not_make_are_harmless(runner: Runner, raw: str) -> None:
    runner.say("vente riz 2")
    before = runner.snapshot
    out = runner.feed(ChoiceIn(raw))
    assert texts(out) == "Cette demande a déjà été traitée."
    assert runner.snapshot == before


def test_an_expired_question_makes_the_message_a_new_command(runner: Runner) -> None:
    runner.say("vente riz 2")
    runner.now += TIMEOUT
    out = runner.say("stock savon")
    assert out.effects == ()
    assert texts(out).startswith("Savon de Marseille : 15 cartons")
    assert runner.state == State.IDLE


EXPIRED_SALE = (
    "Cette question a expiré, rien n'a été enregistré. Renvoyez « VENTE Riz brisé 50kg 2 »."
)


def test_a_yes_to_an_expired_question_records_nothing_and_says_why(runner: Runner) -> None:
    runner.say("vente riz 2")
    yes = runner.choice("yes")
    runner.now += TIMEOUT
    out = runner.say("oui")
    assert (out.effects, texts(out)) == ((), EXPIRED_SALE)
    assert runner.state == State.IDLE
    # The tap on the old button, even later, is told the same (not "already handled").
    runner.say("stock savon")
    out = runner.feed(ChoiceIn(yes))
    assert (out.effects, texts(out)) == ((), EXPIRED_SALE)


def test_a_tap_on_an_expired_confirmation_records_nothing(runner: Runner) -> None:
    runner.say("vente riz 2")
    yes, no = runner.choice("yes"), runner.choice("no")
    runner.now += TIMEOUT
    out = runner.feed(ChoiceIn(yes))
    assert (out.effects, texts(out)) == ((), EXPIRED_SALE)
    out = runner.feed(ChoiceIn(no))
    assert (out.effects, texts(out)) == ((), "D'accord, vente non enregistrée.")


def test_a_number_after_an_expired_quantity_question_says_it_expired(runner: Runner) -> None:
    runner.say("reçu sucre")
    runner.now += TIMEOUT
    out = runner.say("20")
    assert out.effects == ()
    assert texts(out) == (
        "Cette question a expiré, rien n'a été enregistré. "
        "Renvoyez « REÇU Sucre en poudre 50kg 20 »."
    )
    assert texts(runner.say("20")).startswith("Je n'ai pas compris")  # only right after


def test_an_expired_product_choice_names_the_command(runner: Runner) -> None:
    runner.say("vente huile 2")
    row = runner.choice("HUILE-5L")
    runner.now += TIMEOUT
    out = runner.feed(ChoiceIn(row))
    assert out.effects == ()
    assert texts(out).endswith("Renvoyez « VENTE Huile Jadida 5L 2 ».")


@pytest.mark.parametrize("typed", ["2", "le 2e", "le deuxième", "la moyenne"])
def test_a_product_typed_after_an_expired_product_question_says_it_expired(
    runner: Runner, typed: str
) -> None:
    runner.say("vente huile 2")
    runner.now += TIMEOUT
    out = runner.say(typed)
    assert out.effects == ()
    assert texts(out) == (
        "Cette question a expiré, rien n'a été enregistré. Renvoyez « VENTE Huile Jadida 5L 2 »."
    ), typed


def test_a_product_named_after_an_expired_product_question_is_a_new_question(
    runner: Runner,
) -> None:
    runner.say("vente huile 2")
    runner.now += TIMEOUT
    out = runner.say("huile 5l")
    assert out.effects == ()
    assert texts(out).startswith("Huile Jadida 5L : 18 bidons")


@pytest.mark.parametrize(
    ("language", "sale", "typed"),
    [
        ("en", "sold 2 riz", "edit"),
        ("fr", "vendu 2 riz", "soppi"),
        ("fr", "vendu 2 riz", "modifier"),
    ],
)
def test_asking_to_change_at_a_confirmation_asks_what_to_change(
    language: str, sale: str, typed: str
) -> None:
    runner = Runner(make_view(language=language))
    runner.say(sale)
    out = runner.say(typed)
    assert out.effects == ()
    assert runner.state == State.AWAITING_QUANTITY, texts(out)


def test_the_expiry_notice_is_in_english_for_english_managers() -> None:
    runner = Runner(make_view(language="en"))
    runner.say("sell riz 2")
    yes = runner.choice("yes")
    runner.now += TIMEOUT
    assert texts(runner.feed(ChoiceIn(yes))) == (
        "This question has expired, nothing was recorded. Send “SELL Riz brisé 50kg 2” again."
    )


def test_a_question_is_still_open_just_before_it_expires(runner: Runner) -> None:
    runner.say("vente riz")
    runner.now += TIMEOUT - timedelta(seconds=11)
    assert texts(runner.say("4")).startswith("Enregistrer la vente de 4 sacs")


def test_choice_id_round_trip_and_helpers() -> None:
    raw = choice_id("product", "7-3", "GAZ:12")
    parsed = parse_choice_id(raw)
    assert parsed is not None
    assert (parsed.kind, parsed.key, parsed.value) == ("product", "7-3", "GAZ:12")
    choices = [Choice("a", "Bouteille de gaz 1…"), Choice("b", "Riz brisé")]
    assert by_number(choices, "2") == choices[1]
    assert by_number(choices, "0") is None
    assert by_words(choices, "RIZ BRISE") == choices[1]
    assert by_words(choices, "bouteille de gaz 12kg") == choices[0]
    assert by_words(choices, "savon") is None


def test_another_command_naming_an_offered_product_is_a_new_command(runner: Runner) -> None:
    runner.say("stock huile")  # which oil? for a stock answer
    out = runner.say("vente huile 5l 2")
    assert texts(out).startswith("Enregistrer la vente de 2 bidons d'Huile Jadida 5L ?")
    # Another sale: it replaces the one waiting, and says so; then which oil? for a sale.
    out = texts(runner.say("vente huile"))
    assert out.startswith("La vente de 2 bidons d'Huile Jadida 5L est annulée")
    assert out.endswith(
        "Quel produit ?\n[Huile Jadida 1L]\n[Huile Jadida 5L]\n[Huile d'arachide 20L]"
    )
    assert texts(runner.say("vente huile 5l")) == "Huile Jadida 5L : combien de bidons ?"


_PARTS: list[Row] = [
    ("OIL-5", "Huile moteur 15W40 5L", ["huile", "huile moteur", "15w40"], "bidon", 40, 10, 30),
    ("OIL-20W", "Huile moteur 20W50 5L", ["huile", "huile moteur", "20w50"], "bidon", 25, 8, 20),
    ("OIL-2T", "Huile 2 temps", ["huile 2t", "2t", "2 temps", "melange"], "litre", 55, 50, 100),
    ("BULB-H4", "Ampoule phare H4 12V", ["ampoule", "h4"], "pièce", 40, 10, 40),
    ("BULB-H7", "Ampoule phare H7 12V", ["ampoule", "h7"], "pièce", 15, 5, 20),
    ("SUGAR", "Sucre en poudre", ["sucre"], "sac", 12, 5, 10),
]


@pytest.mark.parametrize("typed", ["h7 et 3 en fait", "h7 3", "la h7, 3"])
def test_a_code_and_a_quantity_answer_which_product(typed: str) -> None:
    runner = Runner(make_view(rows=_PARTS))
    runner.say("vendu ampoules")
    out = texts(runner.say(typed))
    assert out.startswith("Enregistrer la vente de 3 pièces d'Ampoule phare H7 12V ?"), out


@pytest.mark.parametrize("typed", ["2t", "la 2t"])
def test_a_product_not_offered_that_the_words_typed_fit_answers_which_product(typed: str) -> None:
    runner = Runner(make_view(rows=_PARTS))
    assert texts(runner.say("vendu 5 litres huile")).startswith("Quel produit ?")
    out = texts(runner.say(typed))
    assert out.startswith("Enregistrer la vente de 5 litres d'Huile 2 temps ?"), out


def test_a_product_not_offered_with_other_words_is_a_new_command() -> None:
    runner = Runner(make_view(rows=_PARTS))
    runner.say("vendu 5 litres huile")
    out = texts(runner.say("stock sucre"))
    assert "Sucre en poudre : 12 sacs" in out
    assert runner.state == State.IDLE
