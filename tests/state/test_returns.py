"""Goods a customer brings back (`le client a rendu 2 savons`, `retour client 3 riz`) are an
arrival, and are confirmed and reported as a customer return (they were said as a delivery,
« Enregistrer l'arrivage … ? »); a delivery stays a delivery."""

from __future__ import annotations

import pytest

from state import MovementRecorded, RecordMovement
from tests.state.conftest import Runner, make_view, texts


@pytest.mark.parametrize(
    ("language", "typed", "yes", "asked", "done"),
    [
        ("fr", "le client a rendu 2 savons", "oui", "retour client de 2 cartons", "Retour client"),
        ("fr", "retour client 2 savon", "ok", "retour client de 2 cartons", "Retour client"),
        ("fr", "une cliente a rapporte 2 savons", "oui", "retour client de 2", "Retour client"),
        ("en", "customer returned 2 soaps", "yes", "customer return of 2 cartons", "return"),
        ("fr", "le client a ramené 2 savons", "oui", "retour client de 2", "Retour client"),
        ("en", "customer brought back 2 soaps", "yes", "customer return of 2", "return"),
    ],
)
def test_a_return_is_said_as_a_return(
    language: str, typed: str, yes: str, asked: str, done: str
) -> None:
    runner = Runner(make_view(language=language))
    question = texts(runner.say(typed))
    assert asked in question, question
    assert "arrivage" not in question and "delivery" not in question, question
    effects = runner.say(yes).effects
    assert [e for e in effects if isinstance(e, RecordMovement)][0].lines == (("SAVON", 2),)
    result = texts(runner.feed(MovementRecorded("receipt", (("SAVON", 2, 17),))))
    assert done in result and "17 cartons" in result, result


def test_a_return_of_several_products() -> None:
    runner = Runner(make_view())
    question = texts(runner.say("retour client 2 savon et 3 riz"))
    assert "retour client" in question, question
    runner.say("oui")
    result = texts(runner.feed(MovementRecorded("receipt", (("SAVON", 2, 17), ("RIZ", 3, 45)))))
    assert "Retour client enregistré" in result, result


def test_a_return_declined_says_so() -> None:
    runner = Runner(make_view())
    runner.say("le client a rendu 2 savons")
    assert "retour client non enregistré" in texts(runner.say("non"))


@pytest.mark.parametrize(
    "typed",
    [
        "reçu 2 savons",
        "le fournisseur a ramené 2 savons",  # a supplier brings goods: a delivery
        "le fournisseur a rendu 2 savons",
        "j'ai ramene 2 savons du marche",  # the manager brings stock in
    ],
)
def test_a_delivery_is_still_a_delivery(typed: str) -> None:
    runner = Runner(make_view())
    question = texts(runner.say(typed))
    assert "arrivage" in question and "retour" not in question, question


def test_a_return_dropped_by_a_new_command_is_named_as_one() -> None:
    runner = Runner(make_view())
    runner.say("le client a rendu 2 savons")
    out = texts(runner.say("vendu 3 riz"))
    assert "Le retour client de 2 cartons de Savon de Marseille est annulé" in out, out
