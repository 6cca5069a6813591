"""A number corrected in the same message: `3 non 4`, `10 pardon 11`, `vendu 3 riz non 4`, `2
sorry 3`, `5 I mean 6`: the later number is the one meant (the first was a slip, corrected
before sending)."""

from __future__ import annotations

import re

from intents.normalize import Token, phrase_keys, word_key
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


# At most the product's words and a unit between the number taken back and its `non`
_WORDS_BETWEEN = 4


def second_thoughts(text: str) -> str:
    """`text` with each number taken back replaced by the one typed after it."""
    text = _BETWEEN.sub(r"\2", text)
    found = _AT_THE_END.match(text)
    if found is None or len(found.group(3).split()) > _WORDS_BETWEEN:
        return text  # `vendu 3 riz le client a dit non 4`: not the number taken back
    unit = (found.group(5) or "").strip()
    if unit and word_key(unit) not in UNIT_WORDS:
        return text  # `vendu 3 riz non 4 savon`: the soap instead? left as typed
    between = found.group(3)
    if unit:  # `5 kg de riz non 1 sac`: the unit said with the right number replaces the first
        words = between.split()
        kept = words[1:] if words and word_key(words[0]) in UNIT_WORDS else words
        between = f" {unit} " + " ".join(kept)
    return f"{found.group(1)}{found.group(4)}{between.rstrip()}"


# `au lieu de 20`, `instead of 20`: the number a message says it replaces (`commande 30 au lieu
# de 20`), as keys.
_REPLACED = phrase_keys("au lieu de", "au lieu d", "instead of")


def without_replaced(tokens: list[Token]) -> list[Token]:
    """The tokens but the number said replaced and its unit (`au lieu de 20 sacs`): it names no
    product (`de 20` read as the 20 L oil) and is no count; corrections read it from the text."""
    keys = [token.key for token in tokens]
    for phrase in _REPLACED:
        for start in range(len(keys) - len(phrase)):
            end = start + len(phrase)
            if tuple(keys[start:end]) != phrase or not keys[end].isdigit():
                continue
            end += 1 + (end + 1 < len(keys) and keys[end + 1] in UNIT_WORDS)
            return without_replaced([*tokens[:start], *tokens[end:]])
    return tokens
