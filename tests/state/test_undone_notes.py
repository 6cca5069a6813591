"""A reversal's note carries the reason of the movement it takes back (`undone_note`), read
back by `reason_undone`: a loss undone is no count undone in the ledger (the back office, the
API and the chat history read the same note). Before, every reversal was noted « annule 2 du
mouvement 17 », whatever it took back."""

from __future__ import annotations

import pytest

from state import NOTES, reason_noted, reason_undone, undone_note


@pytest.mark.parametrize("reason", [r for r in NOTES if r != "count"])
def test_every_noted_reason_is_carried_by_its_reversal(reason: str) -> None:
    note = undone_note(NOTES[reason], 2, 17)
    assert note == f"annule 2 du mouvement 17 ({NOTES[reason]})"
    assert reason_undone(note) == reason
    assert reason_noted(note) == ""  # the reversal is not itself a loss


@pytest.mark.parametrize("note", ["", NOTES["count"], "livraison Sonacos", "perte (x)"])
def test_any_other_note_is_left_out(note: str) -> None:
    undone = undone_note(note, 3, 5)
    assert undone == "annule 3 du mouvement 5"
    assert reason_undone(undone) == ""


@pytest.mark.parametrize("note", ["perte", "annule 2 du mouvement 17 (cadeau)", "annule (perte)"])
def test_only_a_reversal_of_a_noted_reason_reads_as_one(note: str) -> None:
    assert reason_undone(note) == ""
