"""A movement said not to have happened: its kind, and its words without the negation."""

from __future__ import annotations

import pytest

from intents.denials import denial


@pytest.mark.parametrize(
    ("text", "kind", "affirmed"),
    [
        ("10 gel no enter", "receipt", "10 gel enter"),
        ("e no enter", "receipt", "e enter"),
        ("dem no return am", "receipt", "dem return am"),
        ("customer no return it", "receipt", "customer return it"),
        ("le gel n'est pas arrivé", "receipt", "le gel n est arrive"),
        ("pas encore reçu le riz", "receipt", "recu le riz"),
        ("the rice didn't come", "receipt", "the rice come"),
        ("the rice has not been delivered", "receipt", "the rice has delivered"),
        ("je n'ai pas vendu", "sale", "je n ai vendu"),
        ("we no sell 3 para", "sale", "we sell 3 para"),
    ],
)
def test_a_negated_movement_is_denied(text: str, kind: str, affirmed: str) -> None:
    said = denial(text)
    assert said is not None
    assert (said.kind, said.affirmed) == (kind, affirmed)


@pytest.mark.parametrize(
    "text",
    [
        "reçu 10 gel",
        "reçu 10 riz mais pas le sucre",  # what came is said
        "non reçu pas vendu",  # the kind of a movement corrected
        "pas une vente",
        "no, received 10 rice",  # a no answering, then the arrival
        "no enter",
        "pas vendu 3 mais 2",  # a correction
        "vendu 3 riz, pas reçu le sucre",
    ],
)
def test_what_says_a_movement_happened_is_no_denial(text: str) -> None:
    assert denial(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "only 8, 2 didn't come",  # the amount that came, apart
        "no, 4. one didn't sell",
        "ah no, sold 3",  # a no answering, after an interjection
        "sorry no sold 4",
        "pas vendu 5, 3",  # the amount in place of the one denied
        "pas vendu 5 sacs juste 3",
        "pas reçu 10, 8 seulement",
    ],
)
def test_an_amount_beside_a_denial_corrects_it(text: str) -> None:
    assert denial(text) is None


@pytest.mark.parametrize(
    ("text", "count"),
    [("2 sacs ne sont pas arrivés", 2), ("10 gel no enter", 10), ("le gel n'est pas arrivé", None)],
)
def test_the_count_of_a_denial_is_that_of_its_clause(text: str, count: int | None) -> None:
    said = denial(text)
    assert said is not None
    assert said.count == count
