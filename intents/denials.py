"""A movement said not to have happened: `le gel n'est pas arrivé`, `je n'ai pas vendu`, `the
gel didn't come`, `not yet delivered`, Pidgin `e no enter`, `10 gel no enter`, `dem no return
am`, `we no sell am`. Nothing of it is recorded: no sale, no arrival, no customer's return
offered (a yes asked) for it. Only when every word of a movement in the message is negated
(`reçu 10 riz mais pas le sucre`, `non reçu pas vendu` say what happened) and none other is
there; the word that says it is no such word (`pas une vente` names the kind of a movement,
`intents.other_kind`). An amount said beside it corrects the movement rather than denies it
(`only 8, 2 didn't come`, `pas vendu 5, 3`); the one count the negated clause holds is what did
not happen of it (`2 sacs ne sont pas arrivés`: `Denial.count`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from intents.answers import keys_of, numbers_in, opening_at
from intents.cue_words import WORDS, Cue
from intents.missing import CAME_WORDS
from intents.normalize import word_keys

Denied = Literal["sale", "receipt"]
# Words of a movement that are no everyday words beside a negation (`pas entre 5 et 10`, `not
# the supplier`); a customer's return comes in, as an arrival does.
_NOT_MOVES = word_keys("fournisseur supplier entre entree ajoute ajouter ajout add added got")
_MOVES: dict[str, Denied] = {
    **dict.fromkeys(WORDS[Cue.SELL], "sale"),
    **dict.fromkeys((WORDS[Cue.RECEIVE] | CAME_WORDS | WORDS[Cue.RETURN]) - _NOT_MOVES, "receipt"),
}
# Negations right before the verb (`pas reçu`, `never came`, Pidgin `no enter`); `non` answers.
_NEGATIONS = word_keys("pas not never jamais no rien nothing")
# What says the movement happened otherwise (`pas vendu 3 mais 2`, `not received, sold`): a
# correction, no denial.
_OTHERWISE = word_keys("mais but plutot rather instead lieu")
# Words between a negation and its verb: `pas encore reçu`, `not yet delivered`, `has not been
# delivered`, the `t` of `didn't`.
_BETWEEN = word_keys("encore yet been ever even still t")
# What ends a clause: `only 8, 2 didn't come` says 8 apart from what did not come.
_CLAUSE_ENDS = re.compile(r"[,.;:!?\n]+")


@dataclass(frozen=True, slots=True)
class Denial:
    """The kind of movement denied, the message's words without its negations (`gel enter`
    of `the gel no enter`: read as a command, the goods it was about) and the count the negated
    clause holds (`2` of `2 sacs ne sont pas arrivés`), if any."""

    kind: Denied
    affirmed: str
    count: int | None = None


def denial(text: str) -> Denial | None:
    """The movement `text` says did not happen, or None."""
    clauses = [keys_of(part) for part in _CLAUSE_ENDS.split(text)]
    keys = [k for clause in clauses for k in clause]
    said = [i for i, k in enumerate(keys) if k in _MOVES]
    if not said or any(k in _OTHERWISE for k in keys):
        return None
    negations = [_negation_of(keys, i) for i in said]
    kinds = {_MOVES[keys[i]] for i in said}
    if len(kinds) != 1:
        return None
    dropped: set[int] = set()
    for at, verb in zip(negations, said, strict=True):
        if at is None:
            return None
        dropped.update(range(at, verb))
    counts = _counts_of_clauses(clauses, set(said))
    if counts is None:
        return None
    affirmed = " ".join(k for i, k in enumerate(keys) if i not in dropped)
    return Denial(kinds.pop(), affirmed, counts[0] if counts else None)


def _counts_of_clauses(clauses: Sequence[Sequence[str]], verbs: set[int]) -> list[int] | None:
    """The counts of the clauses holding the verbs at `verbs` (positions in all the keys), or
    None when an amount corrects the movement: a count in another clause (`only 8, 2 didn't
    come`, `no, 4. one didn't sell`), more than one, or a number said to replace another
    (`pas vendu 5 sacs juste 3`)."""
    counts: list[int] = []
    start = 0
    for clause in clauses:
        values = [value for _, _, value in numbers_in(clause).values]
        negated = any(start <= verb < start + len(clause) for verb in verbs)
        if values and not negated:
            return None
        counts.extend(values)
        start += len(clause)
    if len(counts) > 1:
        return None
    return counts


def _negation_of(keys: Sequence[str], at: int) -> int | None:
    """Where the negation of the verb at `at` stands, or None when it is not negated. A `no`
    answering a question negates nothing (`_answers`); a `t` after
    a word ending in n is the negation of `didn't`, `haven't`, `wasn't`, `don't`."""
    before = at - 1
    while before >= 0 and keys[before] in _BETWEEN:
        if keys[before] == "t" and before and keys[before - 1].endswith("n"):
            return before - 1
        before -= 1
    if before < 0 or keys[before] not in _NEGATIONS:
        return None
    if keys[before] == "no" and _answers(keys, before):
        return None
    return before


def _answers(keys: Sequence[str], at: int) -> bool:
    """Whether the `no` at `at` answers a question: it opens the message (`no, received 10`),
    or after an interjection with an amount following (`ah no, sold 3`, `sorry no sold 4`; not
    the Pidgin `e no enter`, it did not come)."""
    if at != opening_at(keys):
        return False
    return at == 0 or bool(numbers_in(keys[at:]).values)
