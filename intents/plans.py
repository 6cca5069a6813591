"""What someone else will do, told in a story: « il reviendra prendre 2 bidons d'huile demain »,
« elle va payer demain », « the customer will come back for 2 soaps », « le fournisseur va livrer
10 sacs demain ». A plan moves no stock:
in a message listing several items it is no item of its own (a sale told with it is the sale
alone)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from intents.cue_words import SUPPLIER_WORDS, WORDS, Cue
from intents.normalize import word_keys

# Who it is about: a third person, a customer or a supplier (never `je`: the manager's own plan
# is a command).
_SOMEONE = word_keys("il elle ils elles he she they mu") | WORDS[Cue.CLIENT] | SUPPLIER_WORDS
# What says it is to come: `va`, `vont`, `will`, Wolof `dina`; a day to come.
_TO_COME = word_keys(
    "va vont will gonna dina dinanu dinañu demain tomorrow prochain prochaine next ellég "
    "bientot later"
)
_FUTURE_VERB = re.compile(r"^[a-z]{2,}(?:era|ira|dra|rra|ront)$")  # passera, prendra, viendront


def tells_plan(keys: Sequence[str], vocabulary: Collection[str] = ()) -> bool:
    """Whether the keys of one item tell what a third person or a customer will do (`il
    reviendra prendre 2 huile`, `le client va passer`); `vocabulary`: the catalog's words,
    never read as a verb."""
    return any(k in _SOMEONE for k in keys) and tells_to_come(keys, vocabulary)


def tells_to_come(keys: Sequence[str], vocabulary: Collection[str] = ()) -> bool:
    """Whether the keys say something is still to come: a future (`va`, `viendront`, `will`,
    `dina`) or a day to come (`demain`, `next`); `vocabulary` as for `tells_plan`."""
    return any(
        k in _TO_COME or (k not in vocabulary and _FUTURE_VERB.match(k) is not None) for k in keys
    )
