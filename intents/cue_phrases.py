"""Phrases that hint at a meaning together (``il faut``, ``a demain``, ``pas besoin``).

A phrase needs every word, in order, with nothing in between.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType

from intents.cue_words import Cue
from intents.normalize import MODAL_CAN, word_key

# Phrases need every word, in order, with nothing in between.
_FINISHED = ("fini", "finie", "termine", "terminee", "epuise", "epuisee")
# A product said finished (`le lait est fini`, `the gazelle is finished`, traders' English `sugar
# finish`, `rice gone`): no unknown word, as `épuisé` is none; what it says of the stock is read
# by the conversation.
FINISHED_WORDS = frozenset(
    (*_FINISHED, "finis", "finies", "termines", "terminees", "finished", "finish", "gone")
)
# Those of English, which with an amount tell it went out, sold (`2 sugar finish`, `3 rice gone`,
# `2 milo and 3 sardine gone`: the word written once for every item).
GONE_WORDS = frozenset(("finish", "finished", "gone"))
_DAYS = ("demain", "bientot", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
         "dimanche", "tantot")  # fmt: skip
_WISHES = ("courage", "continuation", "chance", "fete", "semaine", "weekend", "dimanche",
           "appetit", "matinee", "retour", "route", "travail")  # fmt: skip
_WILL = ("dinaa", "dina", "dinanu", "dinanou", "danuy", "danouy", "damay", "dinay", "dinanuy")
_PHRASES = MappingProxyType({
    Cue.ORDER: (
        ("il", "faut"),
        ("il", "me", "faut"),
        ("il", "nous", "faut"),
        # Wolof: what will be bought is an order ("dinaa jënd", "danuy jënd", "bëgg naa jënd")
        *((will, "jend") for will in _WILL),
        ("begg", "naa", "jend"),
        ("bugg", "naa", "jend"),
    ),
    # Wolof: what was bought came in ("jënd naa", "dama jënd", "jënd nanu"): a receipt
    Cue.RECEIVE: (
        *(("jend", done) for done in ("naa", "na", "nanu", "nanou", "nan")),
        *((done, "jend") for done in ("dama", "danu", "danou", "dafa")),
        ("jendoon", "naa"),
    ),
    Cue.STOCK: (("il", "y", "a"), ("how", "many"), ("how", "much"), ("en", "reste")),
    # "faire le point (du stock)", "le point sur le stock": the whole stock
    Cue.OVERVIEW: (
        ("faire", "le", "point"),
        ("le", "point", "sur"),
        *(("point", *link, "stock") for link in ((), ("du",), ("de",), ("des",))),
    ),
    Cue.LOW: (
        ("running", "out"),
        ("run", "out"),
        ("ran", "out"),
        ("out", "of", "stock"),
        ("almost", "out"),
        ("almost", "finished"),
        ("almost", "finish"),
        ("dey", "finish"),  # Pidgin: `wetin dey finish`, `rice dey finish` (running out)
        *((early, done) for early in ("presque", "bientot") for done in _FINISHED),
        *(("qui", verb, done) for verb in ("est", "sont", "va", "vont") for done in _FINISHED),
        ("qui", "va", "finir"),
        ("qui", "vont", "finir"),
        ("qui", "finit"),
        ("qui", "finissent"),
        ("reste", "peu"),
        ("restent", "peu"),
    ),
    Cue.HELP: (
        ("commande", "possible"),
        ("commande", "disponible"),
        ("liste", "de", "commande"),
        ("quelle", "commande"),
        ("quel", "commande"),
        ("que", "peux", "tu", "faire"),
        ("what", "can", "you", "do"),
        ("comprends", "pas"),
        ("comprends", "rien"),
        ("sais", "pas"),
        ("ca", "marche", "comment"),
        ("liste", "des", "commande"),
        ("what", "to", "type"),
        ("i", "type"),
        ("mot", "cle"),
        ("mot", "clef"),
        ("key", "word"),
        ("quel", "mot"),
        ("quels", "mot"),
        ("comment", "ca", "marche"),
        ("comment", "ca", "fonctionne"),
    ),
    Cue.CANCEL: (("laisse", "tomber"), ("laisse", "ca"), ("tant", "pis"), ("never", "mind")),
    Cue.YES: (
        ("c", "est", "ca"),
        ("c", "est", "bon"),
        ("c", "bon"),
        ("d", "accord"),
        ("d", "acc"),
        ("c", "est", "note"),
        ("ca", "marche"),
        ("vas", "y"),
        ("bien", "sur"),
        ("tout", "a", "fait"),
        ("go", "ahead"),
        ("of", "course"),
    ),
    Cue.NO: (
        ("pas", "besoin"),
        ("pas", "la", "peine"),
        ("pas", "ca"),
        ("pas", "du", "tout"),
        ("pas", "maintenant"),
        ("plus", "tard"),
        ("surtout", "pas"),
        ("pas", "question"),
        ("hors", "de", "question"),
        ("absolument", "pas"),
        ("certainement", "pas"),
        ("pas", "vraiment"),
        ("pas", "d", "accord"),
        ("no", "thanks"),
        ("no", "way"),
        ("not", "now"),
        ("not", "really"),
    ),
    Cue.GREET: (
        ("ca", "va"),
        ("nanga", "def"),
        ("na", "nga", "def"),
        ("comment", "va"),
        ("comment", "vas"),
        ("comment", "allez"),
        ("tu", "vas"),
        ("vas", "tu"),
        ("vous", "allez"),
        ("allez", "vous"),
        ("bonne", "journee"),
        ("bonne", "soiree"),
        ("bonne", "nuit"),
        ("au", "revoir"),
        # farewells and wishes: "à demain", "a+" (à plus), "bon courage", "bonne continuation"
        ("a", "plus"),
        ("a", "plus", "tard"),
        ("a", "toute"),
        ("a", "tout", "a", "l", "heure"),
        ("a", "la", "prochaine"),
        *(("a", day) for day in _DAYS),
        ("a", "ce", "soir"),
        *((good, wish) for good in ("bon", "bonne") for wish in _WISHES),
        ("bon", "week", "end"),
        ("bon", "apres", "midi"),
        ("bonne", "apres", "midi"),
        ("ca", "roule"),
        ("on", "dit", "quoi"),
        ("ca", "dit", "quoi"),
        ("quoi", "de", "neuf"),
        ("how", "are", "you"),
        ("how", "far"),  # Nigerian Pidgin: "how are you"
        ("good", "morning"),
        ("good", "afternoon"),
        ("good", "evening"),
        ("good", "night"),
        ("good", "day"),
        ("nice", "day"),
        ("see", "you"),
        ("on", "se", "voit"),
        ("on", "se", "parle"),
        ("take", "care"),
        # Wolof: ba beneen (yoon) = until next time, ba suba = until tomorrow
        ("ba", "beneen"),
        ("ba", "beneen", "yoon"),
        ("ba", "suba"),
        ("ba", "ci", "kanam"),
        ("maa", "ngi", "fi"),
    ),
    Cue.WHAT: (("qu", "est"),),
    # price questions: "c'est combien le sac ?" (and see _asks_price); opinions ("c'est bon
    # pour les enfants", "ça vaut le coup"); who sells and where to buy
    Cue.OFFTOPIC: (
        ("c", "est", "combien"),
        ("ca", "fait", "combien"),
        ("bon", "pour"),
        ("ca", "vaut"),
        ("vaut", "le", "coup"),
        ("qui", "vend"),
        ("qui", "vendent"),
        ("ou", "trouver"),
        ("ou", "acheter"),
        ("who", "sell"),
        ("where", "to", "buy"),
        ("where", "can", "i", "buy"),
        # Wolof fan (where): "fan lañu jaaye ceeb ?"
        *(("fan", who) for who in ("la", "lanu", "lay", "nga", "ngay", "mu", "muy")),
    ),
})  # fmt: skip


def _with_modal(phrases: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """The phrases as typed, and those with the verb `can` as the tokenizer keys it (`what can
    you do` is read `what could you do`: see :data:`intents.normalize.MODAL_CAN`)."""
    modal = tuple(
        tuple(MODAL_CAN if w == "can" else w for w in phrase)
        for phrase in phrases
        if "can" in phrase
    )
    return phrases + modal


PHRASES: Mapping[Cue, tuple[tuple[str, ...], ...]] = MappingProxyType({
    cue: _with_modal(tuple(tuple(word_key(w) for w in phrase) for phrase in phrases))
    for cue, phrases in _PHRASES.items()
})  # fmt: skip


# "How much is it": a price unless the stock is named (`c'est combien le stock de riz`); the
# first and last are also OFFTOPIC phrases above.
HOW_MUCH: tuple[tuple[str, ...], ...] = (
    ("c", "est", "combien"),
    ("cest", "combien"),
    ("ca", "fait", "combien"),
)

# Every word of a phrase: a word written another way may be respelled into one of them.
PHRASE_WORDS = frozenset(word for phrases in PHRASES.values() for p in phrases for word in p)


def _phrases_by_first() -> Mapping[str, tuple[tuple[Cue, tuple[str, ...]], ...]]:
    by_first: dict[str, list[tuple[Cue, tuple[str, ...]]]] = defaultdict(list)
    for cue, phrases in PHRASES.items():
        for phrase in phrases:
            by_first[phrase[0]].append((cue, phrase))
    return MappingProxyType({first: tuple(entries) for first, entries in by_first.items()})


PHRASES_BY_FIRST = _phrases_by_first()
