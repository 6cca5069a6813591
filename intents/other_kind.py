"""A movement said to be of another kind (`oups c'était une livraison pas une vente`, `non
c'est un arrivage`, `it was a delivery not a sale`, `non reçu pas vendu`): the kind meant, read
from words that only correct and the words of a sale or an arrival, the one not negated; or
only said not to be of its kind (`pas une vente`)."""

from __future__ import annotations

from typing import Literal

from intents.answers import CORRECTING_WORDS, MARKING_WORDS, NOT_WORDS, keys_of
from intents.cue_words import WORDS, Cue
from intents.normalize import is_number, word_keys
from intents.requests.losses import LOST_WORDS

Kind = Literal["sale", "receipt", "restock"]
# Words that name a movement by its kind; not those that are everyday words too (`entré`,
# `got`, `ajouté`) or who brings it (`fournisseur`).
_NOT_KINDS = word_keys("fournisseur ajoute ajouter ajout add added entre entree rentre got came")
_KINDS: dict[str, Kind] = {
    **dict.fromkeys(WORDS[Cue.SELL] - word_keys("sorti sortie sorties"), "sale"),
    **dict.fromkeys(WORDS[Cue.RECEIVE] - _NOT_KINDS, "receipt"),
    **dict.fromkeys(word_keys("commande commandes order"), "restock"),  # not `achat`, `besoin`
}
# Between a `pas` and the kind it negates: `pas une vente`, `not a sale`, `au lieu d'une vente`.
_BETWEEN = word_keys("un une a an de d du of")
_INSTEAD = word_keys("lieu instead")
# Words around them that say nothing more: `au lieu de`, the `s` of `it's`.
_AROUND = CORRECTING_WORDS | _INSTEAD | word_keys("s")


def kind_meant(text: str) -> Kind | None:
    """The kind `text` says a movement was instead, when it only says that (no product, no
    number) and marks a correction; None otherwise (`reçu`, `vente` alone are commands)."""
    keys = keys_of(text)
    said = [i for i, k in enumerate(keys) if k in _KINDS]
    if not said or any(k not in _KINDS and k not in _AROUND for k in keys):
        return None
    if not any(k in MARKING_WORDS for k in keys if k not in _KINDS):
        return None
    meant = {_KINDS[keys[i]] for i in said if not _negated(keys, i)}
    wrong = {_KINDS[keys[i]] for i in said if _negated(keys, i)}
    if len(meant) != 1 or meant & wrong:
        return None
    return meant.pop()


def _negated(keys: list[str], at: int) -> bool:
    """`pas une vente`, `not a sale`, `au lieu d'une vente`, `instead of a sale`."""
    before = at - 1
    while before >= 0 and keys[before] in _BETWEEN:
        before -= 1
    return before >= 0 and (keys[before] in NOT_WORDS or keys[before] in _INSTEAD)


# Words beside a kind only denied: `oups c'était une perte pas une vente`, `not a sale`.
_ONLY_DENYING = _AROUND | _BETWEEN | NOT_WORDS | LOST_WORDS


def kind_denied(text: str) -> Kind | None:
    """The kind `text` only says a movement was not (`pas une vente`, `c'était une perte pas
    une vente`, `not a sale`), with no number, no kind meant instead and no other words (a
    loss's aside); None otherwise."""
    keys = keys_of(text)
    if any(is_number(k) for k in keys):
        return None
    if any(k not in _KINDS and k not in _ONLY_DENYING for k in keys):
        return None  # `pas une vente, un retour client`: what it was instead, not only a no
    said = [i for i, k in enumerate(keys) if k in _KINDS]
    denied = {_KINDS[keys[i]] for i in said if _negated(keys, i)}
    if len(denied) != 1 or any(not _negated(keys, i) for i in said):
        return None
    return denied.pop()
