"""Why something happened, told after the command: « le client a rendu 3 sacs de riz pcq ils
étaient mouillés », « vendu 2 savons parce que le client était pressé », « returned 2 bags
because they were wet ». The reason is not read: it names no product, counts nothing and
commands nothing (its words made a sure message a "Vouliez-vous dire … ?", its product or its
`client` another item)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import takewhile

from intents.cue_words import COURTESY, WORDS
from intents.normalize import Token, word_keys

# `parce que` is `parce`; SMS spellings of it; `because` and its short forms; Wolof `ndax`,
# `ndaxte` (`ndax` opening a message asks a question: never cut there). Not `car` (a product's
# word in English).
_BECAUSE = word_keys(
    "parce pcq pck psk pske paske pasque because bcos bcoz bcz coz cuz ndax ndaxte ndaxit"
)


# Words that open a message before what it says: a greeting, thanks, a yes or a no, politeness.
_OPENING = frozenset().union(*(WORDS[cue] for cue in COURTESY))


def reason_start(keys: Sequence[str]) -> int:
    """Where a reason told after something else starts (`… pcq ils étaient mouillés`); the
    length of `keys` when the message starts with it (after a greeting too: `salam, ndax am nga
    ceeb ?` asks) or tells none."""
    first = len(list(takewhile(lambda key: key in _OPENING, keys))) + 1
    if first >= len(keys):
        return len(keys)
    return first + len(list(takewhile(lambda key: key not in _BECAUSE, keys[first:])))


def before_reason(tokens: list[Token]) -> list[Token]:
    """The tokens before a reason told after something else (`reason_start`)."""
    return tokens[: reason_start([token.key for token in tokens])]
