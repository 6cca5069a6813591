"""Cue detection: which meanings the words of a message hint at, and how firmly.

A message is read as a set of *cues* (``Cue.SELL``, ``Cue.GREET``...); the matcher combines
cues with the products found to decide the intent, following the precedence of the guide. The
vocabulary lives in :mod:`intents.cue_words` and :mod:`intents.cue_phrases`, the shapes of a
question in :mod:`intents.question_forms`; their names are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from intents.cue_phrases import PHRASE_WORDS, PHRASES, PHRASES_BY_FIRST
from intents.cue_words import KEYWORD_VOCABULARY, SINGLE_WORD_CUES, WORDS, Cue
from intents.normalize import word_keys
from intents.question_forms import (
    HOWTO_STARTERS,
    TYPING_VERBS,
    asks_how,
    asks_price,
    asks_what,
    asks_what_to_type,
)
from intents.stopwords import ENGLISH_MARKERS, STOPWORDS

__all__ = [
    "ENGLISH_MARKERS",
    "INFINITIVES",
    "KEYWORD_VOCABULARY",
    "PHRASES",
    "PHRASE_WORDS",
    "SINGLE_WORD_CUES",
    "STOPWORDS",
    "TRANSACTION_CUES",
    "TYPING_VERBS",
    "WORDS",
    "Cue",
    "Cues",
    "Hit",
    "Strength",
    "correctable_keywords",
    "detect_cues",
    "extends_keyword",
]

# How firmly a word says that stock moved; when a message holds several transaction words,
# the firmest decides, then the earliest ("commande 20 sacs, livraison demain" is an order).
_DONE = word_keys(  # a movement that happened: "la commande est arrivée" is a receipt
    "recu recue recus recues arrive arrivee arrivees livre livree livrees received delivered "
    "arrived came got rentre entre depose deposee decharge debarque receptionne vendu vendue "
    "vendus vendues sold ecoule sorti entered"
)
# Who, not what: "le fournisseur a déposé 10 sacs", but "le numéro du fournisseur de riz"
# reports nothing: a hint makes a transaction only with an amount.
_HINTS = word_keys("fournisseur supplier")
# Words that are everyday words too ("le livre", "j'arrive", "il est sorti", "got it", "besoin
# d'un chauffeur"): they make a transaction only with a product or an amount behind them, as
# typo-corrected words do.
_EVERYDAY = _HINTS | word_keys(
    "livre arrive rentre entre sorti sortie got came besoin need enter entered dugg"
)
TRANSACTION_CUES = (Cue.RECEIVE, Cue.SELL, Cue.ORDER)
# Infinitives of transaction verbs: "pour livrer", "à vendre" may serve another verb.
INFINITIVES = word_keys(
    "commander recommander racheter acheter reapprovisionner approvisionner ravitailler "
    "reassortir precommander vendre recevoir receptionner arriver livrer ajouter decharger "
    "deposer sortir ecouler rentrer entrer"
)
_STOCK_NOUNS = word_keys("stock stok stoc")


class Strength(IntEnum):
    """Lower is firmer."""

    DONE = 0
    ACT = 1
    HINT = 2
    CORRECTED = 3


@dataclass(frozen=True, slots=True)
class Hit:
    """One cue word (or phrase): where, which keyword, and whether it was a corrected typo."""

    cue: Cue
    position: int
    word: str
    corrected: bool

    @property
    def strength(self) -> Strength:
        if self.corrected:
            return Strength.CORRECTED
        if self.word in _HINTS:
            return Strength.HINT
        return Strength.DONE if self.word in _DONE else Strength.ACT

    @property
    def needs_backing(self) -> bool:
        """A typo fixed or an everyday word: a transaction only with something behind it."""
        return self.corrected or self.word in _EVERYDAY


@dataclass(frozen=True, slots=True)
class Cues:
    """Cues found in a message, the positions they use, and the single-word hits."""

    found: frozenset[Cue]
    positions: frozenset[int]
    hits: tuple[Hit, ...]

    def __contains__(self, cue: object) -> bool:
        return cue in self.found

    @property
    def fuzzy(self) -> bool:
        """Some cue rests on a typo-corrected word."""
        return any(hit.corrected for hit in self.hits)

    @property
    def asks_stock(self) -> bool:
        """A stock question (``il reste``, ``combien``, ``ñaata``), not the noun ``en stock``."""
        return any(hit.cue is Cue.STOCK and hit.word not in _STOCK_NOUNS for hit in self.hits)

    def transaction(self, counts: Callable[[Hit], bool] = lambda _hit: True) -> Hit | None:
        """The transaction word that decides: firmest first, then earliest, among the hits
        that ``counts``."""
        hits = [hit for hit in self.hits if hit.cue in TRANSACTION_CUES and counts(hit)]
        return min(hits, key=lambda hit: (hit.strength, hit.position), default=None)


def _phrase_hits(keys: Sequence[str]) -> list[tuple[Cue, range]]:
    """Phrases found; one inside a longer one is that one's words ("à plus tard" is a
    farewell, not "plus tard"; "absolument pas" is a no, not "absolument")."""
    hits: list[tuple[Cue, range]] = []
    for start, key in enumerate(keys):
        for cue, phrase in PHRASES_BY_FIRST.get(key, ()):
            end = start + len(phrase)
            if tuple(keys[start:end]) == phrase:
                hits.append((cue, range(start, end)))
    if len(hits) < 2:
        return hits
    return [
        (cue, span)
        for cue, span in hits
        if not any(
            len(other) > len(span) and other.start <= span.start and span.stop <= other.stop
            for _, other in hits
        )
    ]


_PRICE_MOVES = word_keys("augmenter augmente augmentation hausse baisser baisse")


def detect_cues(keys: Sequence[str], corrections: Mapping[int, str]) -> Cues:
    """Find cues; ``corrections`` maps positions of unknown words to a corrected keyword."""
    found: set[Cue] = set()
    positions: set[int] = set()
    hits: list[Hit] = []
    for cue, span in _phrase_hits(keys):
        found.add(cue)
        positions.update(span)
        hits.append(Hit(cue, span.start, " ".join(keys[span.start : span.stop]), corrected=False))
    for index, key in enumerate(keys):
        if index in positions:  # a phrase already explains this word ("pas besoin")
            continue
        word = corrections.get(index, key)
        single = SINGLE_WORD_CUES.get(word)
        if key == "bas" and keys[index - 1 : index] == ["la"]:
            continue  # `là-bas` (over there), not low
        if key == "combien" and asks_price(keys, index):
            found.add(Cue.OFFTOPIC)
            positions.add(index)
        elif single is not None:
            if (
                single is Cue.OFFTOPIC
                and key in _PRICE_MOVES
                and any(k in _STOCK_NOUNS for k in keys)
            ):
                continue  # "le stock de riz a augmenté" is about stock, not prices
            found.add(single)
            positions.add(index)
            hits.append(Hit(single, index, word, corrected=index in corrections))
        elif key in HOWTO_STARTERS and asks_how(keys, index):
            found.add(Cue.HOWTO)
            positions.update((index, index + 1))
        elif key in {"que", "qui"} and asks_what(keys, index):
            found.add(Cue.WHAT)
        if key in TYPING_VERBS and asks_what_to_type(keys):
            found.add(Cue.HOWTO)
            positions.add(index)
    # Wolof "des" (remains) only right before "na"/"?" end, never the French article.
    for index, key in enumerate(keys):
        if key == "des" and (index + 1 == len(keys) or keys[index + 1] in {"na", "nanu"}):
            found.add(Cue.STOCK)
            positions.add(index)
            hits.append(Hit(Cue.STOCK, index, key, corrected=False))
    return Cues(frozenset(found), frozenset(positions), tuple(hits))


def correctable_keywords() -> list[str]:
    """Keywords worth correcting typos towards; short yes/no/hello words are too easy to hit,
    and so are short off-topic words, which would veto a stock question ("pies" for "piles"
    is not "pire", "poire" is not "pire" either)."""
    chatty = {Cue.YES, Cue.NO, Cue.GREET, Cue.THANKS, Cue.POLITE, Cue.WHAT}
    shortest = {cue: 5 if cue in chatty else 4 for cue in Cue} | {Cue.OFFTOPIC: 6}
    return [
        word
        for word, cue in SINGLE_WORD_CUES.items()
        if len(word) >= shortest[cue] and word not in _LOOKALIKES
    ]


# Keywords one letter from another everyday word, never corrected towards: `bought` is no
# `brought` (a customer who bought 1 bucket took it).
_LOOKALIKES = word_keys("brought")


def extends_keyword(key: str, typo_of: tuple[str, ...] = ()) -> bool:
    """``livreur``, ``vendeur``, ``vendredi``: a keyword and two more letters is another word
    (one more is a typo: ``vendut``); unless it is one typo away from a keyword (`typo_of`)
    longer than that one by three letters and more: ``salamaalekum`` is ``salamalekum`` mistyped,
    not ``salam`` and more."""
    longest = next((end for end in range(len(key), 3, -1) if key[:end] in KEYWORD_VOCABULARY), 0)
    if typo_of and min(len(word) for word in typo_of) >= longest + 3:
        return False
    return bool(longest) and len(key) - longest >= 2
