"""The dialogue runner itself: it reads replies leniently, and a wrong expectation fails."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.dialogues.checks import match_movements, movements_problems, orders_problems
from tests.dialogues.corpus import DialogueError, load_dialogues, parse_dialogue
from tests.dialogues.runner import Line, play
from tests.dialogues.screen import fold, mentions, product_of_title, title_matches


def test_replies_are_read_without_accents_case_or_digit_groups() -> None:
    assert fold("Enregistrer  l’arrivage de 5 000 sachets ?") == (
        "enregistrer l'arrivage de 5000 sachets ?"
    )
    assert mentions("Vente enregistrée : 3 bidons d'Eau de Javel", "enregistree.*JAVEL")
    assert mentions("D'accord, vente non enregistrée.", "@nothing")
    assert not mentions("✅ Vente enregistrée : 3 bidons.", "@nothing")
    assert mentions("Eau Kirène 1,5L", "1[,.]5 ?l")  # a decimal size is not a digit group


def test_button_titles_match_typed_or_truncated() -> None:
    assert title_matches("Autre quantité", "autre quantite")
    assert title_matches("Boutique Thiès Esca…", "Boutique Thiès Escale")
    assert title_matches("Oui", ["Oui", "Yes"][0])
    assert not title_matches("Non", "Oui")


def test_a_cut_title_names_the_product_it_starts() -> None:
    names = [("INS-1L", "insecticide cypercal 1l"), ("INS-250", "insecticide cypercal 250ml")]
    assert product_of_title("Insecticide Cypercal 25…", names) == "INS-250"
    assert product_of_title("Insecticide Cypercal 1L", names) == "INS-1L"
    assert product_of_title("Autre quantité", names) is None


def test_movements_match_exactly_once_each() -> None:
    recorded = [{"sku": "SEL", "kind": "sale", "delta": -4, "source": "whatsapp"}]
    assert match_movements([{"sku": "SEL", "kind": "sale", "quantity": 4}], recorded) == []
    assert movements_problems([{"sku": "SEL", "delta": -4}], recorded) == []
    assert movements_problems([{"sku": "SEL", "kind": "sale", "quantity": 3}], recorded)
    assert movements_problems([], recorded)  # one recorded, none expected
    twice = [{"sku": "SEL", "delta": -4}, {"sku": "SEL", "delta": -4}]
    assert movements_problems(twice, recorded)


def test_orders_leave_undecided_proposals_aside() -> None:
    orders = [
        {"id": 1, "sku": "SEL", "status": "proposed", "quantity": 40},
        {"id": 2, "sku": "SEL", "status": "confirmed", "quantity": 30},
    ]
    assert orders_problems([{"sku": "SEL", "quantity": 30}], orders) == []
    assert orders_problems([{"sku": "SEL", "quantity": 40}], orders)
    assert orders_problems([], orders)


def test_a_mistake_in_a_dialogue_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        '- {id: x, section: "12.1", lang: fr, purpose: p, steps: [{say: a, expect: {stok: 1}}]}'
    )
    with pytest.raises(DialogueError, match="stok"):
        load_dialogues(tmp_path)


@pytest.fixture(scope="module")
def line() -> Iterator[Line]:
    with Line.start() as started:
        yield started


def _sale(expect: dict[str, Any], last: dict[str, Any] | None = None) -> Any:
    steps: list[dict[str, Any]] = [{"say": "vendu 2 sel"}, last or {"say": "oui"}]
    raw = {"id": "t", "section": "12.1", "lang": "fr", "purpose": "p", "steps": steps}
    return parse_dialogue(raw | {"expect": expect}, "inline")


def test_a_right_expectation_passes_and_a_wrong_one_fails(
    line: Line, engine: Engine, database_url: str
) -> None:
    right = play(_sale({"change": {"SEL": -2}}), line, engine, database_url)
    assert right.passed, right.report()
    assert right.transcript[0] == "awa> vendu 2 sel"
    wrong = play(_sale({"change": {"SEL": -3}}), line, engine, database_url)
    assert not wrong.passed
    assert wrong.failure is not None and wrong.failure.step == "end"
    assert "stock of SEL changed by -3 (it changed by -2)" in wrong.report()


def test_tapping_a_choice_that_is_not_on_screen_fails(
    line: Line, engine: Engine, database_url: str
) -> None:
    outcome = play(_sale({}, {"tap": "Autre quantité"}), line, engine, database_url)
    assert outcome.failure is not None and outcome.failure.step == "2"
    assert "a choice 'Autre quantité' to tap" in outcome.report()
