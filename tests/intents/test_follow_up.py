"""`read_follow_up`: what a message right after a report changes of it."""

from __future__ import annotations

import pytest

from intents.answers import keys_of
from intents.requests.reports import FollowUp, read_follow_up


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("et hier ?", FollowUp(period="yesterday")),
        ("hier ?", FollowUp(period="yesterday")),
        ("et la semaine dernière", FollowUp(period="last_week")),
        ("et le mois passé ?", FollowUp(period="last_month")),
        ("and this week?", FollowUp(period="week")),
        ("ak demb", FollowUp(period="yesterday")),
        ("et le sucre ?", FollowUp(rest="sucre")),
        ("et le sucre hier ?", FollowUp(period="yesterday", rest="sucre")),
        ("et les arrivages ?", FollowUp(movement="receipt")),
        ("et les ventes de la semaine", FollowUp(period="week", movement="sale")),
        # what moved, asked with its verb: the arrivals or the sales, not a movement told
        ("et ce qui est arrivé ?", FollowUp(movement="receipt")),
        ("and what arrived?", FollowUp(movement="receipt")),
        ("ak li agsi ?", FollowUp(movement="receipt")),
        ("ak li agsi", FollowUp(movement="receipt")),
        ("ak lu ñu jot ?", FollowUp(movement="receipt")),
        ("et ce qu'on a vendu hier ?", FollowUp(period="yesterday", movement="sale")),
        ("and what was sold?", FollowUp(movement="sale")),
        ("ak li ñu jaay ?", FollowUp(movement="sale")),
        ("et ce qui est arrivé de sucre ?", FollowUp(movement="receipt", rest="sucre")),
    ],
)
def test_what_a_follow_up_changes(text: str, expected: FollowUp) -> None:
    assert read_follow_up(keys_of(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "sucre",
        "sucre ?",
        "et 2 riz",
        "et ?",
        "et alors",
        "merci",
        "",
        "report this week",
        "ventes riz hier",
        "et le riz est arrivé",  # told, not asked: an arrival
        "ak riz bi agsi na",
        "and the rice arrived",
    ],
)
def test_no_follow_up(text: str) -> None:
    """A product alone asks its stock; a number is a movement; nothing changed is none."""
    assert read_follow_up(keys_of(text)) is None
