"""Splitting long text into ordered parts that fit a provider's limit, without losing anything.

Meta takes 4,096 characters per text message, Twilio 1,600. Neither says clearly how it counts
characters, so lengths here are UTF-16 code units (`text_length`): an emoji outside the Basic
Multilingual Plane counts 2, and a part within the limit is within it by any count (code points
or UTF-16 units).

A longer text is cut on a paragraph break, else a line break, else a space; a no-break space
(U+00A0, and U+202F that French puts before « : » and inside « »; U+2007) never is one. Only a
single word longer than the limit is cut inside, and then only between two user-perceived
characters (grapheme clusters): never between a letter and its combining accents, inside an
emoji sequence (joiners, skin tones, variation selectors, tags), a flag's pair of regional
indicators, a Hangul syllable written as jamo, or CR LF. Whitespace at a cut is dropped; every
word is kept, in order.
"""

from __future__ import annotations

import unicodedata

from state.values import text_length

# Prefer a cut that keeps at least this share of the limit in the part (a paragraph break in the
# first lines of a long text would otherwise make a tiny first part).
_MIN_FILL = 0.5
_ZWJ = "\u200d"
_NO_BREAK = "\u00a0\u2007\u202f"
# Every whitespace character Python knows is below U+3001.
_BREAKING = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in _NO_BREAK)
_MARKS = frozenset({"Mn", "Me", "Mc"})


def cluster_count(text: str) -> int:
    """How many user-perceived characters (grapheme clusters) `text` holds."""
    return sum(1 for at in range(1, len(text)) if _is_boundary(text, at)) + (1 if text else 0)


def split_text(text: str, limit: int) -> list[str]:
    """`text` as parts of at most `limit` characters (`text_length`) each; [] for blank text."""
    if limit < 2:  # one character may need two UTF-16 units
        raise ValueError("limit must be at least 2")
    rest = text.strip()
    parts: list[str] = []
    while text_length(rest) > limit:
        cut = _cut_position(rest, _fit(rest, limit))
        parts.append(rest[:cut].rstrip(_BREAKING))
        rest = rest[cut:].lstrip(_BREAKING)
    if rest:
        parts.append(rest)
    return parts


def _fit(text: str, limit: int) -> int:
    """How many code points of `text` (longer than `limit`) fit in `limit` UTF-16 units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)  # pragma: no cover - the text is longer than the limit


def _cut_position(text: str, end: int) -> int:
    """Where to cut `text`, whose first `end` code points fit: the part is text[:cut], 0 < cut."""
    floor = max(1, int(end * _MIN_FILL))
    for separator in ("\n\n", "\n"):
        # The separator may start at `end` itself: it is dropped, not kept in the part.
        at = text.rfind(separator, floor, end + 1)
        if at > 0:
            return at
    for at in range(end, 0, -1):
        if text[at] in _BREAKING and text[at - 1] not in _BREAKING:
            return at
    return _cluster_boundary(text, end)


def _cluster_boundary(text: str, cut: int) -> int:
    """The last position <= cut between two grapheme clusters (cut itself if none is)."""
    at = cut
    while at > 0 and not _is_boundary(text, at):
        at -= 1
    # One cluster longer than the limit: cutting inside it is the only way to progress.
    return at if at > 0 else cut


def _is_boundary(text: str, at: int) -> bool:
    """Whether text[at - 1] and text[at] belong to different grapheme clusters (0 < at < len)."""
    previous, char = text[at - 1], text[at]
    if previous == "\r" and char == "\n":
        return False
    if previous == _ZWJ or _extends(char):
        return False
    if _is_regional(previous) and _is_regional(char):
        # Flags are pairs: a boundary only after an even number of regional indicators.
        run = 0
        while at - run - 1 >= 0 and _is_regional(text[at - run - 1]):
            run += 1
        return run % 2 == 0
    return not _hangul_joins(previous, char)


def _extends(char: str) -> bool:
    """A character that belongs to the one before it."""
    if char == _ZWJ or unicodedata.category(char) in _MARKS:
        return True
    code = ord(char)
    return (
        0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags)
    )


def _is_regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _hangul(char: str) -> str:
    """The Hangul syllable type of `char`: L, V, T, LV, LVT or '' (not a Hangul jamo/syllable)."""
    code = ord(char)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97F:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "LV" if (code - 0xAC00) % 28 == 0 else "LVT"
    return ""


def _hangul_joins(previous: str, char: str) -> bool:
    before, after = _hangul(previous), _hangul(char)
    if not before or not after:
        return False
    if before == "L":
        return after in ("L", "V", "LV", "LVT")
    if before in ("LV", "V"):
        return after in ("V", "T")
    return after == "T"  # LVT or T
