"""A number corrected in the same message: `3 non 4`, `10 pardon 11`, `vendu 3 riz non 4`, `2
sorry 3`, `5 I mean 6`: the later number is the one meant (the first was a slip, corrected
before sending)."""

from __future__ import annotations

import re

from intents.normalize import word_key
from intents.units import UNIT_WORDS

# Words that take back what was just typed (accents and case aside).
_TAKE_BACK = (
    r"(?:non|nn|pardon|pardo|euh|heu|plut[oô]t|enfin|sorry|no|i\s+mean|je\s+veux\s+dire|"
    r"d[ée]{1,2}d[ée]{1,2}t|deet)"
)
# `3 non 4`, `10, pardon, 11`, `3... non 4`
_BETWEEN = re.compile(
    rf"\b(\d+)(?:\s*(?:,|\.\.\.|…)\s*|\s+){_TAKE_BACK}\s*[,:]?\s*(\d+)\b", re.IGNORECASE
)
# `vendu 3 riz non 4`, `reçu 10 sacs de riz, pardon 12 sacs`: one number, words, then the right
# one (its unit said again)
_AT_THE_END = re.compile(
    rf"^(\D*)(\d+)(\D+?)\s*[,.]?\s*{_TAKE_BACK}\s*[,:]?\s*(\d+)(\s+[^\W\d]+)?\s*[.!]*$",
    re.IGNORECASE,
)


def second_thoughts(text: str) -> str:
    """`text` with each number taken back replaced by the one typed after it."""
    text = _BETWEEN.sub(r"\2", text)
    found = _AT_THE_END.match(text)
    if found is not None and (not found.group(5) or word_key(found.group(5).strip()) in UNIT_WORDS):
        # a word after the right number is its unit said again (`non 4 sacs`), not a product
        # (`vendu 3 riz non 4 savon` is left as typed)
        text = f"{found.group(1)}{found.group(4)}{found.group(3)}"
    return text
