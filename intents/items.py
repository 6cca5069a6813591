"""Split a message into the items it lists: ``vendu 2 savon et 3 café``, one item per line.

Separators are new lines (and ``-``/``*``/``•`` list bullets), ``,``, ``;``, ``+``, ``&``, a
sentence's end (``.``, ``!``, ``?`` before a space) and the words ``et``, ``and``, ``ak`` and
``te`` (Wolof: ``ak`` joins goods, ``te`` what was done); without any, a count starts or ends
each item (``vendu 2 riz 3 sucre``: `counted_cuts`), a number ending a product's name (``gaz
6``) left in it when that makes every item a product and a count. A separator word is not one
when it joins the parts of a number (``vingt et un``, ``fukk ak juróom``) or of a product name
(``sel et poivre``): the caller says which through ``keeps_together``. What each piece means is
the matcher's business; this only cuts text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import combinations, pairwise

from intents.normalize import word_key

SEPARATOR_WORDS = frozenset({"et", "and", "ak", "te", "&", "+"})

# A sentence's end (`vendu 3 riz. la cliente passera …`) parts too: a stop, `!` or `?` and a space.
_SEPARATOR = re.compile(
    r"[\n;,&+]|[.!?](?=\s)|(?<![^\W_])(?:et|and|ak|te)(?![^\W_])", re.IGNORECASE
)
_WORD_SEPARATORS = frozenset("&+")  # and "et", "and", "ak", "te": checked with the words around
_BULLET = re.compile(r"^\s*[-*•·–—]\s+")  # "- 2 savon"
_LIST_BULLET = re.compile(r"^\s*(?:[-*•·–—]|\d{1,2}[.)]\s)")  # "-2 savon", "1) 2 savon"
_A_PLUS = re.compile(r"(?<![^\W_])[a@à]$", re.IGNORECASE)  # "a+", "@+": "à plus", a farewell
_WORDS = re.compile(r"[^\W_]+")

KeepsTogether = Callable[[str, str, str], bool]
InName = Callable[[Sequence[str], int], bool]
_MEASURED = re.compile(r"\d+(?:m|kg|l)", re.IGNORECASE)  # `10m`, `5kg`: a count of a measure
_MAX_NAMED = 4  # numbers that may end a name, tried in or out of it: 16 ways at most


def split_items(text: str, keeps_together: KeepsTogether) -> list[str]:
    """The pieces of ``text`` between separators, bullets removed, empty pieces dropped.

    ``keeps_together(left, separator, right)`` gets the folded words around a separator word
    and says whether it belongs to one thing rather than separating two.
    """
    pieces = [text[start:end] for start, end in item_spans(text, keeps_together)]
    return [piece for piece in pieces if piece.strip()]


def item_spans(text: str, keeps_together: KeepsTogether) -> list[tuple[int, int]]:
    """Where the pieces of ``text`` between separators are, bullets left out, ``(start, end)``
    in the order written (empty ones too): what `split_items` cuts, for a caller that joins
    pieces again."""
    words = list(_WORDS.finditer(text))
    starts = [word.start() for word in words]
    spans: list[tuple[int, int]] = []
    start = 0
    for found in _SEPARATOR.finditer(text):
        mark, at = found.group(), found.start()
        if (
            mark == ","
            and 0 < at < len(text) - 1
            and text[at - 1].isdigit()
            and text[at + 1].isdigit()
        ):
            continue  # a decimal comma: "2,5"
        if mark == "+" and _A_PLUS.search(text, max(0, at - 2), at):
            continue  # "a+": à plus
        if mark in _WORD_SEPARATORS or mark.isalpha():
            after = bisect_left(starts, found.end())
            before = bisect_left(starts, found.start()) - 1
            if before < 0 or after >= len(words):
                continue
            left, right = words[before].group(), words[after].group()
            if keeps_together(word_key(left), word_key(mark), word_key(right)):
                continue
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    listed = sum(1 for line in text.split("\n") if _LIST_BULLET.match(line)) >= 2
    return [(end - len(_without_bullet(text[start:end], listed)), end) for start, end in spans]


def _without_bullet(piece: str, listed: bool) -> str:
    piece = _BULLET.sub("", piece, count=1)
    if listed:  # several lines start with "-": "-2 savon" is an item, not minus two
        piece = _LIST_BULLET.sub("", piece, count=1)
    return piece


def single_item(text: str) -> bool:
    """Whether ``text`` is one item whatever the catalogue: no separator and fewer than two
    counts (most messages; with no plain number, fewer than two measures: `10m bazin 5m
    voile`), so neither `split_items` nor `counted_cuts` can cut it."""
    if _SEPARATOR.search(text) is not None:
        return False
    words = text.split()
    counts = sum(w.isdigit() for w in words)
    measures = 0 if counts else sum(bool(_MEASURED.fullmatch(w)) for w in words)
    return counts < 2 and measures < 2


def counted_cuts(
    text: str,
    in_name: InName = lambda _words, _index: False,
    inside_name: InName = lambda _words, _index: False,
) -> list[list[str]]:
    """Ways to cut a piece that holds several counts and no separator into one part per count:
    each count before its words (``vendu 2 riz 3 sucre``), or after them (``commande riz 20
    sucre 10``). Only cuts: the caller keeps the one whose every part names a product.

    A number may also end a product's name (``gaz 6``, ``fer de 10``): ``in_name(words, i)``
    says whether the number at ``i`` of the piece's words can. Cuts with every number a count
    come first, then those leaving one such number in its name, then two… (``recu 10 riz 5
    gaz 6``: 10 of rice and 5 of the 6 kg gas). A number ``inside_name`` (words of one name on
    both sides: ``sold 2 orange 1000 cards``) is never a count."""
    words = text.split()
    numbers = [i for i, word in enumerate(words) if word.isdigit() and not inside_name(words, i)]
    if not numbers:  # `vendu 10m bazin 5m voile`: lengths or weights of goods sold so
        numbers = [i for i, word in enumerate(words) if _MEASURED.fullmatch(word)]
    if len(numbers) < 2:
        return []
    named = [i for i in numbers if in_name(words, i)][:_MAX_NAMED]
    cuts: list[list[str]] = []
    for size in range(len(named) + 1):
        for kept in combinations(named, size):
            counts = [i for i in numbers if i not in kept]
            if len(counts) < 2:
                continue
            ahead = [0, *counts[1:], len(words)]
            behind = [0, *(count + 1 for count in counts[:-1]), len(words)]
            cuts.extend(
                [" ".join(words[a:b]) for a, b in pairwise(bounds)] for bounds in (ahead, behind)
            )
    return cuts
