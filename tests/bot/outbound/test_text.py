"""split_text: ordered parts within the limit, every word kept, never cut inside a character."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.outbound.text import split_text

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
    assert all(0 < len(part) <= limit for part in parts)
    assert all(part == part.strip() for part in parts)
    # Joined back, the parts hold the words of the text, in order (a word longer than the limit
    # is the only thing cut, so compare the characters without whitespace).
    assert "".join("".join(p.split()) for p in parts) == "".join(text.split())
    words = text.split()
    if max(len(word) for word in words) <= limit:
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


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        split_text("x", 0)
