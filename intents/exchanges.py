"""A customer's exchange (`échangé 1 huile 5l contre 1 huile 20l`, `le client a changé son sac
de riz contre du sucre`, `swapped 1 oil 5L for 1 oil 20L`, `exchanged 2 soap for 1 rice`,
Wolof `wecci na 1 diwlin 5l ak 1 diwlin 20l`): the goods brought back, then the goods taken in
their place. Pure: text in, the two parts out; which products they name is the matcher's.

The exchange word must come before both parts, and the part taken comes after `contre`,
`pour`, `for`, `against`, `par`, `avec`, `with`, `en` (`changé 1 gaz 6 en gaz 12`), `into` or
Wolof `ak`. `change` alone (an imperative,
an infinitive: `change le riz pour le sucre` corrects what was recorded) is an exchange only when
someone did it (`a changé`, `j'ai changé`) or a customer is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intents.cue_words import WORDS, Cue
from intents.normalize import fold, word_key, word_keys

# Words that exchange whatever the sentence (`échangé`, `échange`, `swapped`, Wolof `wecci`).
EXCHANGE_WORDS = word_keys(
    "echange echanges echangee echangees echanger echangent swap swapped swaps exchange "
    "exchanged exchanges traded trade wecci weccee weccil weccina"
)
# `changé`: an exchange only when said of someone who did it, or of a customer.
_CHANGED = word_keys("change changes changee changees changed")
_DID = word_keys("a ai as avons avez ont has have had il elle na")
_FOR = word_keys("contre pour for against par avec with en into ak")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_OF = word_keys("de d of")
_SOME = word_keys("du de d des some any")
# A part with no count but one thing (`son sac de riz`, `sa bouteille`, `his bag`): one.
_ONE = word_keys("un une son sa mon ma le la l his her a an the one benn")


@dataclass(frozen=True, slots=True)
class Exchange:
    """The words of the goods brought back, and of those taken in their place, as typed."""

    back: str
    taken: str


def read_exchange(text: str) -> Exchange | None:
    """The exchange `text` tells, if any (see the module)."""
    words = list(_WORD.finditer(text))
    keys = [word_key(fold(w.group())) for w in words]
    customer = any(k in WORDS[Cue.CLIENT] for k in keys)
    verb = next(
        (
            i
            for i, k in enumerate(keys)
            if k in EXCHANGE_WORDS
            or (k in _CHANGED and (customer or (i > 0 and keys[i - 1] in _DID)))
        ),
        None,
    )
    if verb is None:
        return None
    link = next((i for i in range(verb + 2, len(keys)) if keys[i] in _FOR), None)
    if link is None or link == len(keys) - 1:
        return None
    first = verb + 1
    while first < link - 1 and keys[first] in _OF:  # `échange de 1 huile 5l contre …`
        first += 1
    back = text[words[first].start() : words[link - 1].end()].strip()
    taken = text[words[link + 1].start() :].strip()
    return Exchange(back, taken)


def some_of(words: str) -> bool:
    """`du sucre`, `de l'huile`, `some sugar`: an amount not said (asked)."""
    keys = [word_key(fold(w)) for w in _WORD.findall(words)]
    return bool(keys) and keys[0] in _SOME


def one_thing(words: str) -> bool:
    """`son sac de riz`, `a bag of rice`: words that tell one of something, without a count."""
    keys = [word_key(fold(w)) for w in _WORD.findall(words)]
    return bool(keys) and keys[0] in _ONE
