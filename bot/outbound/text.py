"""Splitting long text into ordered parts that fit a provider's limit, without losing anything.

Meta takes 4,096 characters per text message, Twilio 1,600. A longer text is cut on a paragraph
break, else a line break, else a space; only a single word longer than the limit is cut inside,
and then never between a character and the combining marks or joiners that belong to it (so an
accented letter or an emoji sequence stays whole). Whitespace at a cut is dropped; every word is
kept, in order.
"""

from __future__ import annotations

import unicodedata

# Prefer a cut that keeps at least this share of the limit in the part (a paragraph break in the
# first lines of a long text would otherwise make a tiny first part).
_MIN_FILL = 0.5
_ZWJ = "\u200d"


def split_text(text: str, limit: int) -> list[str]:
    """`text` as parts of at most `limit` characters each; [] for blank text."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    rest = text.strip()
    parts: list[str] = []
    while len(rest) > limit:
        cut = _cut_position(rest, limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def _cut_position(text: str, limit: int) -> int:
    """Where to cut `text` (longer than `limit`): the part is text[:cut], 0 < cut <= limit."""
    floor = max(1, int(limit * _MIN_FILL))
    for separator in ("\n\n", "\n"):
        # The separator may start at `limit` itself: it is dropped, not kept in the part.
        at = text.rfind(separator, floor, limit + 1)
        if at > 0:
            return at
    for at in range(limit, 0, -1):
        if text[at].isspace() and not text[at - 1].isspace():
            return at
    return _character_boundary(text, limit)


def _character_boundary(text: str, cut: int) -> int:
    """The last position <= cut that does not separate a character from its marks or joiners."""
    start = cut
    while cut > 1 and _binds_to_previous(text[cut], text[cut - 1]):
        cut -= 1
    # A whole "word" made of one endless cluster: cutting inside it is the only way to progress.
    return cut if cut > 1 or start == 1 else start


def _binds_to_previous(char: str, previous: str) -> bool:
    if previous == _ZWJ or char == _ZWJ:
        return True
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Mc"):
        return True
    code = ord(char)
    # Variation selectors, emoji skin tones, tag characters (flags of regions).
    return 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F
