"""A remark told among the items of a message: « vendu 3 riz, le camion est passé », « reçu 10
sucre, il pleut beaucoup aujourd'hui », « the driver is waiting ». It names no product and no
amount: no line of the sale or the arrival (a product word typed the way it sounds, `sukar`, is
still asked about)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from intents.normalize import is_number, is_size, word_keys
from intents.numbers import ARTICLES, is_number_word
from intents.stopwords import LINK_WORDS, STOPWORDS

# What makes a sentence of a piece: a subject or a verb that tells (`il`, `est`, `was`, `dafa`);
# not `c'est`, `it's` opening what something is (`c'est le sukar`: a product named).
CLAUSE_WORDS = word_keys(
    "il elle ils elles on est sont etait etaient ont sera fait pleut "
    "he she they there was are were has had will "
    "dafa dafay danu dañu mu nu lay"
)
_THAT_IS = word_keys("c ca it that qu")


def says_clause(keys: Sequence[str]) -> bool:
    """Whether `keys` tell something (`le camion est passé`, `il pleut`, `the truck was late`),
    not only what it is (`c'est le sukar`, `it is the big one`)."""
    return any(
        k in CLAUSE_WORDS and not (k in ("est", "etait") and i and keys[i - 1] in _THAT_IS)
        for i, k in enumerate(keys)
    )


def tells_remark(
    keys: Sequence[str],
    positions: Collection[int],
    vocabulary: Collection[str],
    typos: Collection[int],
) -> bool:
    """Whether the keys of one item (its command words at `positions`, none of their own) tell
    a remark: no number nor size, no word of the catalog's `vocabulary`, and a clause said
    (`le camion est passé`) or no word that may be a product typed wrong (`typos`: `sukar`)."""
    if any(is_number(k) or is_size(k) or (is_number_word(k) and k not in ARTICLES) for k in keys):
        return False
    content = [
        i
        for i, k in enumerate(keys)
        if i not in positions and k not in STOPWORDS and k not in LINK_WORDS and k != "?"
    ]
    if not content or any(keys[i] in vocabulary for i in content):
        return False
    return says_clause(keys) or not any(i in typos for i in content)
