"""split_text: ordered parts within the limit, every word kept, never cut inside a character."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.outbound.text import split_text
from state.values import text_length

# Letters, an accent as a combining mark, an emoji with a skin tone, a ZWJ family emoji.
CLUSTERS = [*"abcdeéàçñ", "e\u0301", "👍🏾", "👨\u200d👩\u200d👧", "❤\ufe0f"]
WORD = st.lists(st.sampled_from(CLUSTERS), min_size=1, max_size=20).map("".join)
SEPARATOR = st.sampled_from([" ", "  ", "\n", "\n\n", " \n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=80))
    out = words[0]
    for word in words[1:]:
        out += draw(SEPARATOR) + word
    return out


@settings(max_examples=150, deadline=None)
@given(texts(), st.integers(min_value=8, max_value=120))
def test_parts_fit_and_keep_every_word_in_order(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert all(0 < text_length(part) <= limit for part in parts)
    assert all(part == part.strip() for part in parts)
    # Joined back, the parts hold the words of the text, in order (a word longer than the limit
    # is the only thing cut, so compare the characters without whitespace).
    assert "".join("".join(p.split()) for p in parts) == "".join(text.split())
    words = text.split()
    if max(text_length(word) for word in words) <= limit:
        assert [w for p in parts for w in p.split()] == words


@settings(max_examples=100, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=10), st.integers(min_value=6, max_value=12))
def test_a_long_word_is_cut_between_characters_not_inside_one(words: list[str], limit: int) -> None:
    # The limit is longer than any one character sequence here (5 code points at most).
    text = "".join(words) * 3
    for part in split_text(text, limit)[1:]:
        assert not unicodedata.combining(part[0])
        assert part[0] not in "\u200d\ufe0f" and not 0x1F3FB <= ord(part[0]) <= 0x1F3FF


def test_short_text_is_one_part_and_blank_is_none() -> None:
    assert split_text("  Bonjour  ", 4096) == ["Bonjour"]
    assert split_text(" \n ", 10) == []


def test_prefers_paragraphs_then_lines_then_words() -> None:
    first = "Riz " * 30
    text = first.strip() + "\n\n" + "Huile " * 5 + "\nSucre fin"
    parts = split_text(text, 150)
    assert parts[0] == first.strip()
    assert split_text("aaaa bbbb\ncccc dddd", 14) == ["aaaa bbbb", "cccc dddd"]
    assert split_text("aaaa bbbb cccc", 10) == ["aaaa bbbb", "cccc"]


def test_over_4096_is_split_never_truncated() -> None:
    line = "Riz brisé 50kg : 3 sacs en stock (seuil 5).\n"
    text = line * 200
    parts = split_text(text, 4096)
    assert len(parts) == 3
    assert sum(part.count("Riz") for part in parts) == 200


def test_limit_must_hold_any_character() -> None:
    with pytest.raises(ValueError):
        split_text("x", 1)  # an emoji is two UTF-16 units


def test_lengths_are_utf16_units_so_a_part_fits_by_any_count() -> None:
    assert text_length("é👍") == 3
    parts = split_text("😀" * 4096, 4096)
    assert [len(p) for p in parts] == [2048, 2048]
    assert all(len(p.encode("utf-16-le")) // 2 <= 4096 for p in parts)


@pytest.mark.parametrize(
    ("cluster", "name"),
    [
        ("🇸🇳", "flag: a pair of regional indicators"),
        ("1\ufe0f\u20e3", "keycap"),
        ("\u1112\u1161\u11ab", "Hangul syllable as jamo"),
        ("👩🏾\u200d💻", "ZWJ sequence with a skin tone"),
        ("🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "tag flag"),
        ("e\u0301\u0323", "letter with two combining accents"),
    ],
)
def test_a_long_word_is_cut_between_clusters(cluster: str, name: str) -> None:
    # One endless "word" of clusters, offset by one letter so that cuts fall at odd places.
    text = "a" + cluster * 400
    parts = split_text(text, 101)
    assert "".join(parts) == text
    assert len(parts) > 1
    for part in parts[1:]:  # whole clusters only
        assert part == cluster * (len(part) // len(cluster)), name


def test_no_break_spaces_are_not_cut_points() -> None:
    # French typography: U+202F before « : », U+00A0 inside « ».
    text = " ".join(["«\u00a0riz\u00a0»\u202f: 3"] * 50)
    for part in split_text(text, 40):
        assert part.startswith("«\u00a0riz")
        assert part.endswith("\u202f: 3")
