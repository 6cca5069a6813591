"""List rows cut to WhatsApp's 24 characters: « Sandales cuir pointure 40 » and « … 42 » were
both « Sandales cuir pointure… » (only the grey description told them apart). Titles the cut
makes alike keep their last word."""

from __future__ import annotations

from state.messages import shorten_apart
from state.values import ROW_TITLE_MAX


def test_titles_cut_alike_keep_the_word_that_tells_them_apart() -> None:
    titles = ["Sandales cuir pointure 40", "Sandales cuir pointure 42", "Riz"]
    assert shorten_apart(titles, ROW_TITLE_MAX) == [
        "Sandales cuir pointu… 40",
        "Sandales cuir pointu… 42",
        "Riz",
    ]


def test_titles_cut_apart_already_are_cut_as_before() -> None:
    titles = ["Peinture blanche Seigneurie 5L", "Huile moteur 15W40 bidon de 5 litres"]
    assert shorten_apart(titles, ROW_TITLE_MAX) == [
        "Peinture blanche Seigne…",
        "Huile moteur 15W40 bido…",
    ]


def test_titles_alike_to_their_last_word_stay_as_cut() -> None:
    titles = ["Tissu wax long long name x", "Tissu wax long long name x"]
    assert shorten_apart(titles, ROW_TITLE_MAX) == ["Tissu wax long long nam…"] * 2
