"""Goods said not to have come, in a delivery listed item by item: « reçu 10 riz et 5 huile, il
manque 2 savons », « livraison : 10 sucre, le savon n'est pas venu », « received 10 rice, 2 soap
missing ». Nothing of them arrived: no item of their own (they were a line asking « Combien de
cartons ? », their count dropped)."""

from __future__ import annotations

from collections.abc import Sequence

from intents.normalize import word_keys

MISSING_WORDS = word_keys("manque manquent manquant manquants manquante manquantes missing")
_NOT = word_keys("pas ne n not didn didnt no never")
CAME_WORDS = word_keys(
    "venu venus venue venues arrive arrives arrivee arrivees livre livres livree livrees recu "
    "recus recue recues came come delivered arrived received"
)
_YET = word_keys("encore yet")
# `reçue sauf 3 sacs`: what did not come; `tout sauf le riz`: what is kept out.
EXCEPT_WORDS = word_keys("sauf except excepte exceptes exceptee hormis")
# The same, with the words that say it only beside another (`all but the rice`, `à part le
# riz`, `apart from the rice`): not of a delivery (`received 10 rice but 2 soap missing`).
BUT_WORDS = EXCEPT_WORDS | word_keys("but apart part")


def tells_missing(keys: Sequence[str]) -> bool:
    """Whether the keys of one item say goods are missing (`il manque 2 savons`) or did not come
    (`le savon n'est pas venu`, `le sucre pas encore`, `soap not delivered`); `pas encore` said of
    an amount is something else not done yet (`5 savons pas encore rangés` came)."""
    if any(k in MISSING_WORDS for k in keys):
        return True
    if not any(k in _NOT for k in keys):
        return False
    counted = any(k.isdigit() for k in keys)
    return any(k in CAME_WORDS or (k in _YET and not counted) for k in keys)


def says_missing(keys: Sequence[str]) -> bool:
    """A word of goods missing (`il manque 2 sacs`, `2 bags missing`), not a mere negation."""
    return any(k in MISSING_WORDS for k in keys)


def says_short(keys: Sequence[str]) -> bool:
    """What did not come of a delivery said (`il manque 2 sacs`, `2 bags missing`, `reçue sauf
    3`): the rest of it came."""
    return short_at(keys) is not None


def short_at(keys: Sequence[str]) -> int | None:
    """Where the keys first say what did not come of a delivery (`manque`, `missing`, `sauf`);
    None when they do not."""
    return next((i for i, k in enumerate(keys) if k in MISSING_WORDS or k in EXCEPT_WORDS), None)


def short_words_out(keys: Sequence[str]) -> list[str]:
    """The keys other than those saying goods did not come (`manque`, `missing`, `sauf`,
    `pas venu`): what names the goods (`il manque 5 riz`: `il`, `riz`)."""
    said = MISSING_WORDS | EXCEPT_WORDS | _NOT | CAME_WORDS | _YET
    return [k for k in keys if k not in said]
