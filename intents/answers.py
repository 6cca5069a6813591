"""Short answers to a question the bot asked: which of the offered choices (`le 2e`, `le petit`),
a correction of what it offered to record (`non c'est 4`, `l'autre`), a yes, a no, a "later".

Pure: text in, small values out; the conversation layer knows the question and the choices.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel

from intents.cue_words import UNDO_VERBS
from intents.keywords import SINGLE_WORD_CUES, Cue, detect_cues
from intents.normalize import (
    NameNumbers,
    fold,
    has_phrase,
    is_number,
    is_size,
    phrase_keys,
    size_unit,
    tokenize,
    word_keys,
)
from intents.numbers import (
    ORDINAL_ENDINGS,
    code_digits,
    everyday_word,
    ordinal_digits,
    read_number,
)
from intents.stopwords import OF_WORDS, STOPWORDS
from intents.units import UNIT_WORDS

# Ordinals, keyed by the word after tokenising (`2e` → `2`, `e`; `1ère` → `1`, `ere`).
_ORDINALS = {
    **dict.fromkeys(word_keys("premier premiere first njekk"), 1),
    **dict.fromkeys(word_keys("deuxieme second seconde naareel naareelu"), 2),
    **dict.fromkeys(word_keys("troisieme third netteel netteelu"), 3),
    **dict.fromkeys(word_keys("quatrieme fourth neenteel"), 4),
    **dict.fromkeys(word_keys("cinquieme fifth juroomeel"), 5),
    **dict.fromkeys(word_keys("sixieme sixth"), 6),
    **dict.fromkeys(word_keys("septieme seventh"), 7),
    **dict.fromkeys(word_keys("huitieme eighth"), 8),
    **dict.fromkeys(word_keys("neuvieme ninth"), 9),
    **dict.fromkeys(word_keys("dixieme tenth"), 10),
}
LAST = -1
_LAST_WORDS = word_keys("dernier derniere last mujj mujjee")
_POSITION_NOUNS = word_keys("n no numero num number choix choice option ligne line")

_SMALL = word_keys("petit petite small smaller smallest little mini ndaw ndawal tuuti")
_BIG = word_keys("grand grande gros grosse big bigger biggest large larger largest maxi mag rey")
_MIDDLE = word_keys("moyen moyenne medium middle milieu")
# `le plus grand`, `the most`, Wolof `bi gën a mag` / `bi gëna tuuti` (the biggest, the
# smallest), `bi ëpp a rëy`: a degree before the size word, which picks it as `grand` alone does.
_MORE = word_keys("plus most gen gena gene guen guena epp")
_LESS = word_keys("moins least")
# The words of a size wish (`size_wish`), and the degrees said with them: no product's words.
SIZE_WORDS = _SMALL | _BIG | _MIDDLE
DEGREE_WORDS = _MORE | _LESS

# Words meaning "actually", "in fact": what follows corrects what was said or recorded (`en vrai
# 30`, `en réalité il y en a 30`, `finalement 3`, `in fact 3`, `dafa doon 3`). The one set every
# reader of a correction looks for (`says_actually`); `ACTUALLY_WORDS` are their words that are
# no function word, for the sets of words that name no product.
ACTUALLY = (
    ("en", "vrai"),
    ("en", "realite"),
    ("en", "fait"),
    ("reellement",),
    ("vraiment",),
    ("finalement",),
    ("in", "fact"),
    ("actually",),
    ("really",),
    ("dafa", "doon"),
)
ACTUALLY_WORDS = frozenset(k for phrase in ACTUALLY for k in phrase) - word_keys("en")


def says_actually(keys: Sequence[str]) -> bool:
    """Whether `keys` hold a phrase of `ACTUALLY`."""
    return any(has_phrase(keys, phrase) for phrase in ACTUALLY)


_OTHER = word_keys("autre other beneen")
_NOT_THAT = phrase_keys("pas celui", "pas celle", "not that", "not this", "du tout")

# "Hold on" while a question waits (`attends je vérifie`, `wait`, `xaaral`): not an answer.
HOLDING = word_keys("attends attend attendez patiente patientez instant wait hold xaaral xaaralal")
# Words around a correction that say nothing about the product: `non c'est plutôt 4 sacs`,
# `attends, c'est 4`.
_FILLER = (
    word_keys(
        "non no nope nan nah deet dedet deedeet pas plutot plutôt en mais c est ce cest it is "
        "its was were rather instead euh heu ah oh oups oops sorry pardon desole correction "
        "corrige corriger je voulais dire voulait i meant mean want wanted veux dire le la les "
        # `j'ai dit 3 mètres`, `I said 3`: what was said is not what was understood
        "ai dit dis said jai disais "
        "l un une de du des d a the of celui celle ceux celles one that this ci la la bi bu yi "
        "moi svp stp please ok oui yes waaw merci plus mettre mets met put make fais faites "
        "seulement only but waaye juste just exactement exactly sur au etait cetait should be "
        # `change it to 9`, `correct am to 7`, Pidgin `e no be 4, na 5` (it is not 4, it is 5),
        # `no be 10kg, na 20kg`
        "change changer correct to am e na"
    )
    | ACTUALLY_WORDS
    | HOLDING
)
_MARKERS = (
    word_keys(
        "non no nope nan pas not plutot c cest est mais rather instead meant "
        "voulais dire correction sorry pardon oups oops erreur deet deedeet was "
        "etait cetait change changer"
    )
    | ACTUALLY_WORDS
)
# The manager's own words said again (`j'ai dit 3 mètres`, `I said 3`): a correction; not
# another's (`il a dit 5`).
_SAID_PHRASES = phrase_keys("j ai dit", "jai dit", "je disais", "i said", "j avais dit")
# The amount set again (`make it 20`, Pidgin `make am 20`): of what was just said or recorded.
_MAKE_IT_PHRASES = phrase_keys("make it", "make am", "make that", "make dem", "make them")


def sets_amount(text: str) -> bool:
    """`make it 20`, `make am 20`: the amount of what was just said or recorded set again (a
    question waiting, an alert's « Commander 20 ? » included, is the one it answers)."""
    keys = keys_of(text)
    return any(has_phrase(keys, p) for p in _MAKE_IT_PHRASES) and bool(numbers_in(keys).values)


# The `s` of `it's`, `that's` (`it's coffee not sugar`): no word of a product.
_CONTRACTED = word_keys("it that there what here")
# What opens a correction besides its fillers and markers: `je me suis trompé`, `my mistake`,
# `juum naa` (Wolof), `dsl` (désolé).
_MISTAKE_OPENING = word_keys(
    "je j jme me m suis trompe trompee erreur i made a my mistake wrong juum naa dsl desole "
    "desolee sorry faux"
)
_MISTAKE = word_keys("trompe trompee erreur mistake wrong juum dsl faux")
# The words that only open or mark a correction (`non c'est`, `oups c'était`, `my mistake`), and
# those of them that say it corrects (a plain `le`, `une`, `ok` does not).
CORRECTING_WORDS = _FILLER | _MARKERS | _MISTAKE_OPENING
MARKING_WORDS = _MARKERS | _MISTAKE
# Words that ask rather than correct: `c'est combien le riz ?`, `c'est pourquoi ?`.
_ASKING = word_keys("combien naata how pourquoi why")
_INSTEAD = (("au", "lieu", "de"), ("instead", "of"), ("et", "pas"), ("pas",), ("not",))
_INSTEAD_WORDS = word_keys("lieu instead")


# What a reply about a delivery may say around its number: `on a reçu 3`, `arrivé 3 seulement`.
RECEIVED_WORDS = frozenset(
    w for w, cue in SINGLE_WORD_CUES.items() if cue is Cue.RECEIVE
) | word_keys("on a we ai j nous avons have")


class Answer(StrEnum):
    """What a yes/no question's answer says, beyond its numbers and names."""

    YES = "yes"
    NO = "no"
    LATER = "later"


@dataclass(frozen=True, slots=True)
class Correction:
    """What a reply to "Enregistrer … ?" changes: `quantity` (the right number, when typed),
    `was` (the wrong one, in `3 pas 5`), `rest` (other words: a product), `other` (`l'autre`,
    `pas celui-là`), `negated` (it starts with a no), `place` (the line it is about, by its
    place: `non le 2e c'est 5`, `la ligne 2`, `the second one`)."""

    quantity: int | None = None
    was: int | None = None
    rest: str = ""
    other: bool = False
    negated: bool = False
    marked: bool = False  # words that say it corrects: `c'est`, `plutôt`, `en fait`, `I meant`
    # the number follows an article (`non le 15`, `the 250`): it may name a product by its size
    sized: bool = False
    # the word right before the number (`taille` of `non taille 4`): with it, the number may be
    # a name's (`Couches taille 4`), as the catalog knows
    before: str = ""
    place: int | None = None
    # the word right after the number (`pages` of `non 100 pages`): with it too (`Cahier 100
    # pages`)
    after: str = ""


def keys_of(text: str, name_numbers: NameNumbers = frozenset()) -> list[str]:
    """The keys of `text`'s words (a new list: the caller may change it); `name_numbers` are
    the catalog's numbers of names, never joined to the digits after them."""
    return list(_keys(text, name_numbers))


@lru_cache(maxsize=32)
def _keys(text: str, name_numbers: NameNumbers) -> tuple[str, ...]:
    # One message is read by several readers (requests, answers, corrections, flows), each
    # asking for its keys: tokenized once (a handful of messages at a time are in flight).
    return tuple(token.key for token in tokenize(text, name_numbers))


@dataclass(frozen=True, slots=True)
class Numbers:
    """The numbers of a message's words, each `(start, end, value)`; sizes (`5l`) and a lone
    article (`un`) are not numbers here."""

    values: list[tuple[int, int, int]]

    @property
    def positions(self) -> set[int]:
        return {i for start, end, _ in self.values for i in range(start, end)}


_ARTICLES = word_keys("un une one benn")


def numbers_in(keys: Sequence[str]) -> Numbers:
    found: list[tuple[int, int, int]] = []
    index = 0
    while index < len(keys):
        if is_size(keys[index]):
            index += 1
            continue
        number = read_number(keys, index)
        if (
            number is None
            or number.value is None
            or (number.in_words and keys[index] in _ARTICLES)
            or everyday_word(keys, index)
        ):
            index += 1
            continue
        found.append((number.start, number.end, number.value))
        index = number.end
    return Numbers(found)


def position(text: str, count: int) -> int | None:
    """The 1-based position `text` names among `count` choices (`2`, `le 2e`, `n°2`, `the second
    one`, `le dernier`), or None."""
    keys = [k for k in keys_of(text) if k not in _FILLER or k in _LAST_WORDS]
    if not keys or len(keys) > 3:
        return None
    found: int | None = None
    for index, key in enumerate(keys):
        if key in _ORDINALS:
            found = _ORDINALS[key]
        elif key in _LAST_WORDS:
            found = count
        elif key.isdigit() and len(key) <= 2:
            rest = [k for k in keys[index + 1 :] if k not in ORDINAL_ENDINGS]
            before = [k for k in keys[:index] if k not in _POSITION_NOUNS]
            if rest or before:
                return None
            found = int(key)
        elif key in ORDINAL_ENDINGS or key in _POSITION_NOUNS:
            continue
        else:
            return None
    if found is None or not 1 <= found <= count:
        return None
    return found


def size_wish(text: str) -> str | None:
    """`small`, `big` or `middle` when the text picks a choice by its size (`le petit`, `la
    grande bouteille`, `le plus grand`, `the big one`), else None."""
    keys = keys_of(text)
    wish = None
    for index, key in enumerate(keys):
        less = index and keys[index - 1] in _LESS
        if key in _SMALL:
            wish = "big" if less else "small"
        elif key in _BIG:
            wish = "small" if less else "big"
        elif key in _MIDDLE:
            wish = "middle"
    return wish


# A letter written alone, not elided (`L` of `non le L`, not the `l` of `l'autre`).
_LETTER = re.compile(r"(?<![\w'’])([a-z])(?![\w'’])")
# The letters that are articles elided (`l'`, `d'`) as well as sizes (T-shirt L, Pile D).
_SIZE_LETTERS = frozenset("ld")


def letters_of(text: str) -> frozenset[str]:
    """The letters `text` writes alone (`taille L`, `c'est le M`: `l`, `m`; not `c'est`), but
    not one elided without its apostrophe before the next word (`c est`, `s il`, `j ai`,
    `n est`, `l huile`, `d eau`), unless an article or size word says it is a size (`le L est
    bon`, `taille M en blanc`)."""
    folded = fold(text)
    return frozenset(
        m.group(1)
        for m in _LETTER.finditer(folded)
        if not _elided(folded[: m.start()], m.group(1), folded[m.end() :])
    )


# The letters French elides (`c'`, `s'`, `j'`, `m'`, `n'`, `l'`, `d'`, `t'`), and the words
# that make a letter after them a size all the same (`le L`, `taille M`, `size S`).
_ELIDING = frozenset("csjmnldt")
_SIZE_BEFORE = word_keys("le la les un une en taille tailles size the a of du des")
# Words no letter is elided before: `L et M`, `S ou M`, `M aussi`, `L en blanc`, `L au lieu de M`.
_AFTER_A_SIZE = word_keys("et ou aussi en au aux avec and or also only uniquement")
# `s'` is elided before few words only: `s'il`, `s'est` (`S et M` is two sizes).
_AFTER_S = word_keys("il ils est etait")
_NEXT_WORD = re.compile(r"[\s'’]*([a-z]+)")


def _elided(before: str, letter: str, after: str) -> bool:
    """Whether `letter` is an elision written without its apostrophe (`c est`, `j ai`)."""
    found = _NEXT_WORD.match(after)
    if letter not in _ELIDING or found is None or found.group(1)[0] not in "aeiouyh":
        return False
    following = found.group(1)
    if following in _AFTER_A_SIZE or (letter == "s" and following not in _AFTER_S):
        return False
    previous = before.split()[-1:] or [""]
    return previous[0] not in _SIZE_BEFORE


def wants_other(text: str) -> bool:
    """`l'autre`, `pas celui-là`, `the other one`, `beneen bi`; not an `autre` of something
    else than a product (`rien d'autre`, `autre chose`, `l'autre fois`, `une autre question`,
    `the other day`)."""
    keys = keys_of(text)
    if any(k in _OTHER and not _other_thing(keys, i) for i, k in enumerate(keys)):
        return True
    return any(has_phrase(keys, p) for p in _NOT_THAT)


# What makes `autre` no product: `rien d'autre`, `quelqu'un d'autre`; `autre chose`, `fois`.
_NOTHING_ELSE = word_keys("rien quelque quelqu personne nothing")
_OTHER_THINGS = word_keys(
    "chose choses fois jour jours question questions truc trucs part time times day days thing "
    "things way"
)


def _other_thing(keys: Sequence[str], at: int) -> bool:
    """Whether the `autre`/`other` at `at` is of something else than a product."""
    before, after = keys[max(0, at - 2) : at], keys[at + 1 : at + 2]
    return any(k in _NOTHING_ELSE for k in before) or any(k in _OTHER_THINGS for k in after)


def answer(text: str) -> Answer | None:
    """Yes, no or later in a short reply (`oui stp`, `non merci`, `plus tard`, `pas maintenant`,
    `deedeet`, `waaw`), read with the matcher's own cue words; None when it is neither or both."""
    keys = keys_of(text)
    cues = detect_cues(keys, {})
    if _later(keys):
        return Answer.LATER
    yes, no = Cue.YES in cues, Cue.NO in cues
    if yes and not no:
        return Answer.YES
    if no and not yes:
        return Answer.NO
    return None


# Yes and no typed in a hurry, as written: `oiu`, `ois`, `ouii`, `waw`, `okey`, `nonn`, `nop`,
# `dedet`. Everyday words a typo away that answer nothing (`now`, `yet`, `nom`, `or`).
_YES_TYPED = ("oui", "yes", "waaw", "ok", "okay")
_NO_TYPED = ("non", "no", "nope", "deedeet")
_NOT_TYPOS = frozenset({"now", "yet", "nom", "nor", "or"})


def typed_answer(text: str, known: Callable[[str], bool]) -> Answer | None:
    """A yes or a no typed with a typo, for a question that waits for one: a single word that
    `known` does not know (a keyword, a function word, a catalog's word: `nos`, `bon`, `oil` are
    no answers), with the first letter of a yes or a no word and near it (`_near`), near the
    words of one side only (`ko` is `ok` and `no`: neither)."""
    keys = keys_of(text)
    word = fold(text).strip(" .,;:!?")
    if len(keys) != 1 or len(word) < 2 or not word.isalpha() or word in _NOT_TYPOS:
        return None
    if known(keys[0]) or known(word):
        return None
    near = {
        side
        for side, words in ((Answer.YES, _YES_TYPED), (Answer.NO, _NO_TYPED))
        for meant in words
        if _near(word, meant)
    }
    return near.pop() if len(near) == 1 else None


def _near(typed: str, meant: str) -> bool:
    """One typo of a yes or a no word, its first letter kept: a letter changed, added, dropped
    or two swapped (`oiu`, `ouii`, `waw`, `nop`); one misplaced in a word of three letters or
    more (`ois` for `oui`: one dropped, one added); two in `deedeet` (`dedet`). Not `noix`,
    two letters off `non`."""
    if typed[0] != meant[0]:
        return False
    if OSA.distance(typed, meant) <= (2 if len(meant) >= 7 else 1):
        return True
    return len(meant) >= 3 and Indel.distance(typed, meant) <= 2


# Nothing of what is offered: `aucun`, `none of them`, `kenn`.
_NONE = word_keys("aucun aucune none neither nothing kenn")


def says_none(text: str) -> bool:
    """`aucun`, `aucun des deux`, `none`, `kenn`: none of the products offered."""
    keys = keys_of(text)
    return any(k in _NONE for k in keys) and not any(k.isdigit() for k in keys)


# "The same": `c'est pareil`, `la même chose`, `same`, `kif kif`; not `c'est pas pareil`.
_SAME = word_keys("pareil pareille pareils identique identiques same meme kif kifkif")
_NOT = word_keys("pas not non no")


def says_same(text: str) -> bool:
    """`c'est pareil`, `même chose`, `same thing`, `c'est la même`: it is the same (no number)."""
    keys = keys_of(text)
    return (
        any(k in _SAME for k in keys)
        and not any(k.isdigit() for k in keys)
        and not any(k in _NOT for k in keys)
    )


# Putting off, not holding on (`plus tard`, `pas maintenant`, `demain`; not `attends`, `wait`,
# `je vais voir`): the question is answered "not now".
_PUT_OFF_PHRASES = phrase_keys(
    "plus tard",
    "pas maintenant",
    "pas tout de suite",
    "pas encore",
    "pas pour l instant",
    "pas pour le moment",
    "not now",
    "not yet",
    "not for now",
    "ci kanam",
    "beneen yoon",
    "tout a l heure",
    "fin du mois",
    "semaine prochaine",
    "mois prochain",
    "next week",
    "next month",
)
# A later: put off, or let the manager see first (`on verra`, `laisse pour le moment`).
_LATER_PHRASES = _PUT_OFF_PHRASES + phrase_keys(
    "pour le moment non",
    "laisse pour le moment",
    "laisse pour l instant",
    "on verra",
    "je verrai",
    "je vais voir",
    "will see",
)
_LATER_WORDS = word_keys("later apres demain attendre attend attends wait tard plutard plustard")
# A day to come or a "let's wait": later in a sentence too (`je vais voir demain`, `attendons la
# fin du mois`), with no number in it.
_LATER_DAYS = word_keys("demain tomorrow attendons suba")


def says_later(text: str) -> bool:
    """`on verra`, `je verrai demain`, `plus tard`, `later`: a later said, put off or waited."""
    return _later(keys_of(text))


def _later(keys: Sequence[str]) -> bool:
    if any(has_phrase(keys, p) for p in _LATER_PHRASES):
        return True
    if len(keys) <= 3 and any(
        k in _LATER_WORDS and not _dated(keys, i) for i, k in enumerate(keys)
    ):
        return True  # `plus tard`, `demain`, not `oui, livraison demain`, `waaw, suba lay agsi`
    said = [k for k in keys if k not in STOPWORDS]
    return _day_to_come(keys) and len(said) <= 3 and not any(is_number(k) for k in keys)


# What dates a delivery or a deadline rather than putting a thing off: `livraison demain`,
# `à livrer demain`, `pour demain`, `avant demain`, `d'ici demain`, `by tomorrow`.
_DATING = word_keys(
    "pour avant ici livraison livraisons livrer livre livree livrees livres livrez livrons "
    "by for before delivery deliver delivered deliveries"
)


# Goods arriving, said beside the day (`ça arrive demain`, `it comes tomorrow`, Wolof `suba lay
# agsi`, `suba lay ñëw`): the day is when they come, and a tense marker between says nothing.
_ARRIVING = word_keys(
    "arrive arrivent arrivera arriveront arrives arriving vient viennent viendra viendront "
    "come comes coming agsi jot new livraison delivery"
)
_TENSE_MARKERS = word_keys("lay dinanu dinaa dinga mooy will gonna va vont")


def _day_to_come(keys: Sequence[str]) -> bool:
    """Whether `keys` name a day to come that is not the date of a delivery (`je commande 30
    demain`, `demain je commande`, not `commande 30 pour demain`, `livraison demain matin`,
    `suba lay agsi`)."""
    return any(k in _LATER_DAYS and not _dated(keys, i) for i, k in enumerate(keys))


def _dated(keys: Sequence[str], day: int) -> bool:
    """Whether the day at `day` dates a delivery: words before it that do (`_dates`), or goods
    arriving said right before or after it."""
    if _dates(keys[:day]):
        return True
    return _arriving(reversed(keys[:day])) or _arriving(keys[day + 1 :])


def _arriving(side: Iterable[str]) -> bool:
    """Whether the first word of `side` that says something says goods arrive."""
    for key in side:
        if key in _ARRIVING:
            return True
        if key not in STOPWORDS and key not in _TENSE_MARKERS:
            return False
    return False


def _dates(before: Sequence[str]) -> bool:
    """Whether the words just `before` a day (back to the last word that is no stopword) date
    a delivery: `avant`, `à livrer`, `by`."""
    for key in reversed(before):
        if key in _DATING:
            return True
        if key not in STOPWORDS:
            return False
    return False


_PUT_OFF_WORDS = word_keys("later plutard plustard demain tomorrow suba")


def names_a_day_to_come(text: str) -> bool:
    """`demain`, `tomorrow`, `suba`, `attendons`, wherever said and whatever else is (`je
    commande 30 demain`): what it is about is for later; not a day that dates a delivery
    (`commande 30, livraison demain`, `order 30 by tomorrow`)."""
    return _day_to_come(keys_of(text))


def puts_off(text: str) -> bool:
    """`plus tard`, `pas maintenant`, `non pas pour l'instant`, `later`, `demain`: a later that
    puts the question off, not one that asks it to wait (`attends`, `wait a bit`)."""
    keys = keys_of(text)
    if not _later(keys):
        return False
    return any(k in _PUT_OFF_WORDS for k in keys) or any(
        has_phrase(keys, p) for p in _PUT_OFF_PHRASES
    )


_DONE = word_keys("deja fait faite done already noppi")


def says_done(text: str) -> bool:
    """`c'est fait`, `déjà fait`, `already done`, `noppi na`: what was asked about is done (not
    `pas encore fait`, `not done yet`)."""
    keys = keys_of(text)
    return any(k in _DONE for k in keys) and not _later(keys) and answer(text) is not Answer.NO


_HOLDING_ALSO = word_keys(
    "je verifie verifier regarde regarder check checking voir see look un une peu instant "
    "minute minutes seconde secondes sec moment on stp svp please let me moi laisse "
    "laissez bi ma"
)


# How long (`attends 2 minutes`, `wait 5 min`, `attends deux secondes`): no amount.
_DURATIONS = word_keys("minute minutes min mn mins seconde secondes sec secs second seconds s")
_WAIT = next(iter(word_keys("attends")))


def holds_on(text: str) -> bool:
    """A message that only asks the bot to wait: no number (but a duration), no product, no yes
    or no."""
    keys = _without_durations(keys_of(text))
    return (
        keys is not None
        and any(k in HOLDING for k in keys)
        and all(k in HOLDING or k in _HOLDING_ALSO or k in STOPWORDS for k in keys)
    )


def opens_holding(text: str) -> bool:
    """A message that opens by asking the bot to wait (`attends le client hésite`, `wait he is
    counting`, `xaaral tuuti`), with no number (but a duration) nor any yes or no after:
    whether the rest names a product is the caller's to check (`attends, c'est le riz parfumé`
    corrects)."""
    keys = _without_durations(keys_of(text))
    if not keys or keys[0] not in HOLDING:
        return False
    if any(SINGLE_WORD_CUES.get(k) in (Cue.YES, Cue.NO) for k in keys[1:]):
        return False
    return not _cancels(keys[1:])  # `attends, annule`, `wait, remove the rice`: no wait


def _without_durations(keys: list[str]) -> list[str] | None:
    """`keys` without the durations said (`2 minutes`); None when another number is there."""
    numbers = numbers_in(keys).values
    if any(stop >= len(keys) or keys[stop] not in _DURATIONS for _, stop, _ in numbers):
        return None
    # a duration is itself a wait (`deux secondes je vérifie`, `une minute`, `one sec`)
    starts = {start for start, _, _ in numbers} | {
        i for i, k in enumerate(keys[:-1]) if k in _ARTICLES and keys[i + 1] in _DURATIONS
    }
    spans = {i for start, stop, _ in numbers for i in range(start + 1, stop + 1)}
    spans |= {start + 1 for start in starts if keys[start] in _ARTICLES}
    return [_WAIT if i in starts else k for i, k in enumerate(keys) if i not in spans]


# `j'ai oublié`, `I forgot` tell something left out; `oublie ça`, `forget it` cancel.
_FORGOT = word_keys("oublie forgot")
_HAVE = word_keys("ai avais i have had")


def _cancels(keys: Sequence[str]) -> bool:
    """`keys` say to cancel or take back (`annule`, `laisse tomber`, `never mind`, `bayyi`,
    `enlève`, `remove`)."""
    if any(k in UNDO_VERBS for k in keys):
        return True
    return any(
        hit.cue is Cue.CANCEL
        and not (hit.word in _FORGOT and hit.position > 0 and keys[hit.position - 1] in _HAVE)
        for hit in detect_cues(keys, {}).hits
    )


_SEPARATOR = re.compile(r"[,;:]|\b(?:mais|but|waaye)\b", re.IGNORECASE)
NOT_WORDS = word_keys("pas not")
_NO_BE = ["no", "be"]


def _right_part(text: str, keys: Sequence[str], negated: bool) -> tuple[int, int]:
    """Where the right words of a correction are (`start`, `stop` among `keys`): after the
    separator of `pas sococim, dangote`, before the `pas` of `dangote pas sococim`."""
    start, stop = 0, len(keys)
    found = _SEPARATOR.search(text) if negated else None
    if found is not None:
        start = len(keys_of(text[: found.start()]))
    elif negated and (second := _second_article(keys)) is not None:
        start = second
    else:
        stop = next(
            (
                i
                for i in range(1, len(keys))
                if keys[i] in NOT_WORDS or keys[i : i + 2] == ["au", "lieu"]
            ),
            stop,
        )
        wrong = next(  # Pidgin `no be` (is not): `e no be sugar na rice`
            (i for i, k in enumerate(keys) if k in NOT_WORDS or keys[i : i + 2] == _NO_BE),
            len(keys),
        )
        again = next(
            (
                i + len(p)
                for i in range(wrong + 1, len(keys))
                for p in _SAID_AGAIN
                if tuple(keys[i : i + len(p)]) == p
            ),
            None,
        )
        if again is not None:  # `c'est pas du sucre c'est du café`: after the second `c'est`
            start, stop = again, len(keys)
    return start, stop


def _second_article(keys: Sequence[str]) -> int | None:
    """`pas le thiof le capitaine`, `not the oil the milk`: a no, then an article and the wrong
    words, then another article opening the right ones, as the comma of `pas le thiof, le
    capitaine` does; where that second article is. None for `pas le riz` (nothing right)."""
    first = next((i for i, k in enumerate(keys) if k not in _NEGATIONS), len(keys))
    if first >= len(keys) or keys[first] not in _DEFINITE:
        return None
    for index in range(first + 2, len(keys) - 1):
        if keys[index] in _DEFINITE:
            return index if keys[index + 1] not in _DEFINITE else None
    return None


_DEFINITE = word_keys("le la l les the")


# What says the right words come after the wrong ones: `c'est pas du sucre, c'est du café`.
_SAID_AGAIN = phrase_keys("c est", "cest", "it s", "its", "mais", "but", "waaye", "na")


_NEGATIONS = word_keys("non no nope nan nah deet dedet deedeet pas not")
# What may come before the no of a correction without changing it: `oups pas 3, 4`, `euh non 4`,
# `sorry not 3, 4`, `pardon pas 3 c'est 4`.
_INTERJECTIONS = word_keys("oups oops euh heu ah oh ooh pardon sorry desole desolee dsl e")


# Wolof `du` (is not) before a number and the right one: `du 4, 5 la`, `du 4 dafa doon 5` (not
# 4, it was 5). Not `du 12` alone: French for the 12 (kg, L) of a product (`vendu 2 gaz`, `du 12`).
_IS_NOT = "du"


def _size_denied(keys: Sequence[str], at: int) -> bool:
    """Whether the number at `at` is denied beside a size said (`non c'est 8mm pas 10`, `pas le
    10, le 8mm`): the size it was, of the same kind as the one said, never an amount."""
    before = [k for k in keys[:at] if k not in _DEFINITE and k not in OF_WORDS]
    return bool(before) and before[-1] in NOT_WORDS and any(is_size(k) for k in keys)


def opening_at(keys: Sequence[str]) -> int:
    """Where the words of `keys` start after any interjection (`oups`, `ah`, `sorry`): where a
    no opening a reply stands (`ah no, sold 3`: 1)."""
    return next((i for i, k in enumerate(keys) if k not in _INTERJECTIONS), len(keys))


def _opens_with_no(keys: Sequence[str]) -> bool:
    """Whether `keys` open with a no, after any interjection (`oups pas 3, 4`, `du 4, 5 la`)."""
    at = opening_at(keys)
    first = keys[at] if at < len(keys) else ""
    if first == _IS_NOT:
        numbers = numbers_in(keys[at + 1 :]).values
        return len(numbers) >= 2 and numbers[0][0] == 0
    return first in _NEGATIONS


_SIZE_ARTICLES = word_keys("le la l les the celui celle")


# `celui de 5000`, `celle à 2000`, `the one of 64`: a pronoun, a link, then the number of a name.
_PRONOUNS = word_keys("celui celle ceux celles one")
_OF = word_keys("de d a en of")


def _pointed(keys: Sequence[str], at: int) -> bool:
    """Whether the number at `at` follows what points at a product (`le 20`, `celui 64`,
    `celui de 5000`), so it names one rather than counts."""
    if at < 1:
        return False
    if keys[at - 1] in _SIZE_ARTICLES:
        return True
    return at >= 2 and keys[at - 1] in _OF and keys[at - 2] in _PRONOUNS


_POINTING = word_keys("le la l the numero num number choix choice option ligne line")


# Words that say a number replaces another, as a no does (`en fait 25`, `plutôt 30`).
_RATHER = word_keys("plutot rather instead meant voulais") | ACTUALLY_WORDS


def quantity_fix(text: str) -> Correction | None:
    """A no, a word of "rather" or the number it replaces, with a number that is a quantity, not
    a position (`non c'est 4`, `no, 4 soaps`, `déedéet, 3 la`, `en fait 25`, `actually 25`,
    `c'était 3 café pas 1`; not `non, le 3`, `plutôt le 2`, `le 3 pas le 1` nor `number 2`):
    what a reply corrects while another question (which product?) waits."""
    found = correction(text)
    if found is None or found.quantity is None:
        return None
    keys = keys_of(text)
    if not found.negated and found.was is None and not any(k in _RATHER for k in keys):
        return None  # `c'est 3` may pick the third product; `3 pas 1` replaces a number
    first = min(numbers_in(keys).positions, default=None)
    if first is None or (first > 0 and keys[first - 1] in _POINTING):
        return None
    return found


def correction(
    text: str, *, neutral: frozenset[str] = frozenset(), measure: str = ""
) -> Correction | None:
    """What a reply to a confirmation corrects (`non c'est 4`, `plutôt 4 sacs`, `4`, `no, 4`,
    `c'est le riz parfumé`, `pas celui-là, l'autre`, `3 au lieu de 5`, `pas 5, 3`), or None when
    it holds no number, no other product words and no `l'autre`. `neutral`: more words that say
    nothing here (the question's own verb: `reçu 3 seulement` to "enregistrer l'arrivage ?");
    `measure`: the size unit the product is counted in (`m` of fabric by the metre), whose whole
    sizes are amounts (`c'était 4 mètres pas 3`: 4)."""
    keys = keys_of(text)
    if measure:
        keys = amounts_in(keys, measure)
    if not keys:
        return None
    negated = _opens_with_no(keys)
    codes = code_digits(text)
    place, placed = line_place(keys, text)
    found_numbers = Numbers(
        [
            n
            for n in numbers_in(keys).values
            if not (n[1] - n[0] == 1 and keys[n[0]] in codes) and n[0] not in placed
        ]
    )
    numbers = [(start, value) for start, _, value in found_numbers.values]  # (position, value)
    ends = [stop for _, stop, _ in found_numbers.values]
    used = found_numbers.positions
    quantity = was = None
    at = 0  # where the quantity's number is
    if numbers:
        quantity = numbers[0][1]
        if len(numbers) >= 2:
            between = tuple(keys[numbers[0][0] + 1 : numbers[1][0]])
            between = tuple(k for k in between if k not in UNIT_WORDS)
            named = keys[numbers[0][0] - 1] if numbers[0][0] else ""
            if named and between[-1:] == (named,):  # `taille 4 pas (la) taille 3`: its word
                between = tuple(k for k in between[:-1] if k not in _DEFINITE)
            if any(between[-len(p) :] == p for p in _INSTEAD):
                was = numbers[1][1]
            elif negated and len(numbers) == 2:  # `pas 8, 12`, `non pas 5 mais 3`
                was, quantity = numbers[0][1], numbers[1][1]
                at = 1
            else:
                return None  # two numbers that are not "3 pas 5": not a plain correction
        elif _size_denied(keys, numbers[0][0]):
            quantity, numbers = None, []  # `non c'est 8mm pas 10`: the 10 of Fer 10mm, no amount
    other = wants_other(text)
    start, stop = _right_part(text, keys, negated)
    # `non le L`: a size, not `l'` (not in a question: `et en L ?` asks, it corrects nothing)
    sizes = letters_of(text) & _SIZE_LETTERS if "?" not in text else frozenset()
    opened = _mistake_opening(keys)  # `je me suis trompé c'est 4`: no product in those words
    rest = " ".join(
        k
        for i, k in enumerate(keys)
        if max(start, opened) <= i < stop
        and i not in used
        and i not in placed
        and (k not in _FILLER or k in sizes)
        and k not in neutral
        and k not in UNIT_WORDS
        and k not in _OTHER
        and k not in _INSTEAD_WORDS
        and (not k.isdigit() or k in codes)  # `non la 20w50`: the words of a name
        and not (k == "s" and i and keys[i - 1] in _CONTRACTED)
    )
    if quantity is None and not rest and not other:
        return None
    asked = {Cue.OFFTOPIC} if quantity is not None else {Cue.OFFTOPIC, Cue.WHAT, Cue.STOCK}
    if any(k in _ASKING or SINGLE_WORD_CUES.get(k) in asked for k in rest.split()):
        # `c'est combien le riz ?`, `c'est quoi le prix du sucre`, `c koi le stok du café`,
        # `what is the stock of coffee`: a question
        return None
    marked = (
        bool(opened)
        or any(k in _MARKERS for k in keys)
        or any(has_phrase(keys, p) for p in _SAID_PHRASES)
    )
    sized = bool(numbers) and was is None and _pointed(keys, numbers[0][0])
    before = keys[numbers[at][0] - 1] if numbers and numbers[at][0] else ""
    after = keys[ends[at]] if numbers and ends[at] < len(keys) else ""
    return Correction(quantity, was, rest, other, negated, marked, sized, before, place, after)


_LINE_NOUNS = word_keys("ligne line")


def line_place(keys: Sequence[str], text: str) -> tuple[int | None, set[int]]:
    """The place of a line a reply names (`le 2e`, `la 2eme ligne`, `ligne 2`, `le deuxième`,
    `the second one`, `bi ñaareel`) and where its words are; (None, set()) when it names none."""
    ordinals = ordinal_digits(keys, text)
    for index, key in enumerate(keys):
        if index in ordinals:
            used = {index, index + 1}
        elif key in _ORDINALS:
            used = {index}
        elif key in _LINE_NOUNS and index + 1 < len(keys) and keys[index + 1].isdigit():
            if len(keys[index + 1]) > 2:
                continue
            return int(keys[index + 1]), {index, index + 1}  # `la ligne 2`
        else:
            continue
        place = int(key) if key.isdigit() else _ORDINALS[key]
        end = max(used) + 1
        if end < len(keys) and keys[end] in _LINE_NOUNS:
            used.add(end)  # `la 2eme ligne`
        if index and keys[index - 1] in _LINE_NOUNS:
            used.add(index - 1)  # `ligne deux`… `la ligne 2e`
        return place, used
    return None, set()


def amounts_in(keys: Sequence[str], measure: str) -> list[str]:
    """`4m` -> `4` when metres (`measure`) are what is counted; the other keys as they are."""
    if not measure:
        return list(keys)
    cut = -len(measure)
    return [key[:cut] if size_unit(key) == measure and key[:cut].isdigit() else key for key in keys]


def _mistake_opening(keys: Sequence[str]) -> int:
    """How many words open a reply by owning a mistake (`je me suis trompé c'est`, `dsl c`,
    `my mistake`, `erreur`): the first words that only open a correction, one of them a word
    of a mistake; 0 when there are none."""
    opening = CORRECTING_WORDS
    count = next((i for i, k in enumerate(keys) if k not in opening), len(keys))
    return count if any(k in _MISTAKE for k in keys[:count]) else 0


def owns_mistake(text: str) -> bool:
    """A reply that only owns a mistake (`je me suis trompé`, `erreur`, `c'est faux`, `my
    mistake`, `juum naa`): no number, no product, nothing else."""
    keys = keys_of(text)
    return bool(keys) and _mistake_opening(keys) == len(keys)


def corrected_words(text: str) -> str:
    """The words a correction says are right, as typed, without those that open it: `non c'est
    4 café et 1 savon` → `4 café et 1 savon`, `pardon c'était du fer 10 pas 8` → `fer 10`,
    `erreur c'est fanta pas coca` → `fanta`, `pas coca, fanta` → `fanta`; "" when nothing is
    left. To be read as a command of the action corrected (the number that is part of a name,
    `fer 10`, then stays the name's)."""
    words = text.split()
    keys = [keys_of(word) for word in words]
    flat = [k for word_keys_ in keys for k in word_keys_]
    if not flat:
        return ""
    start, stop = _right_part(text, flat, _opens_with_no(flat))
    kept: list[str] = []
    index = 0  # the position of the word's first key among `flat`
    for word, word_keys_ in zip(words, keys, strict=True):
        if start <= index and index + len(word_keys_) <= stop:
            kept.append(word)
        index += len(word_keys_)
    opening = CORRECTING_WORDS
    while kept and set(keys_of(kept[0])) <= opening:
        kept.pop(0)
    return " ".join(kept).strip(" ,;:")


# What may open a message as its answer (`oui`, `ok merci`, `d'accord`, `non`, `waaw`, `plus
# tard`, `later`, `pas maintenant`), and the words that join it to what follows (`et`, `and`,
# Wolof `ak`, `te`, `puis`, `then`).
_OPENING = frozenset(
    k for k, cue in SINGLE_WORD_CUES.items() if cue in (Cue.YES, Cue.NO, Cue.THANKS)
) | word_keys(
    "c est cest bon ca d accord vas y go chef boss patron stp svp please plus tard later pas "
    "maintenant not now ci kanam beneen yoon"
)
_THEN = word_keys("et and ak te puis then ensuite apres after aussi also")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
# `commande`, `on commande tout`, `commandez-les`, `order them all`, `komande lepp`: said to a
# question that offers an order, the yes to all of it.
ORDER_WORDS = word_keys("commande commander commandez commandons order reorder komande jend")
_EVERY = word_keys("tout tous toutes all everything them les lepp yepp leen")
# Said not to order: `ne commande pas`, `don't order`, `do not order`, Wolof `bul komande`.
_DONT = word_keys("pas not dont bul bula never jamais")


def refuses_order(text: str) -> bool:
    """The last order word said with a negation (`ne commande pas`, `don't order`, `bul
    komande`): no order, whatever else it says; not when an order follows the one refused
    (`don't order 20, order 30`, `ne commande pas 20, commande 30`)."""
    keys = keys_of(text)
    orders = [i for i, k in enumerate(keys) if k in ORDER_WORDS]
    negations = [i for i, k in enumerate(keys) if k in _DONT] + [
        i
        for i, (k, following) in enumerate(zip(keys, keys[1:], strict=False))
        if k == "don" and following == "t"
    ]
    if not orders or not negations:
        return False
    # each negation is about the order word nearest to it
    negated = {_nearest(orders, n) for n in negations}
    return orders[-1] in negated


def _nearest(positions: Sequence[int], at: int) -> int:
    """The position of `positions` nearest `at`, the first of two as near."""
    return min(positions, key=lambda p: (abs(p - at), p))


def ordered_amount(text: str) -> int | None:
    """The amount right after the last order word (`ne commande pas 20, commande 30`: 30), or
    None."""
    keys = keys_of(text)
    orders = [i for i, k in enumerate(keys) if k in ORDER_WORDS]
    after = numbers_in(keys[orders[-1] + 1 :]).values if orders else []
    return after[0][2] if after else None


_ORDERING = ORDER_WORDS | _EVERY | word_keys("it on nous go yi")


def orders_all(text: str) -> bool:
    """Whether `text` says to order what was offered, and nothing else, with a yes or an `all`
    (`oui commande`, `on commande tout`, `commandez-les`, `order them all`, `waaw komande`);
    never with a no. The verb alone (`commander`) may be about something else."""
    keys = keys_of(text)
    said = answer(text)
    return (
        any(k in ORDER_WORDS for k in keys)
        and all(k in _ORDERING or k in _OPENING for k in keys)
        and (said is Answer.YES or (said is None and any(k in _EVERY for k in keys)))
    )


@dataclass(frozen=True, slots=True)
class AnswerThen:
    """A message that answers and goes on (`oui et ajoute 10 sucre`): the answer's words, what
    follows them (the joining words left out), and whether a joining word was said."""

    answer: str
    rest: str
    joined: bool


def _opening_end(words: Sequence[re.Match[str]], opening: frozenset[str]) -> int:
    """How many of `words` open the message with words of `opening`."""
    for index, found in enumerate(words):
        if any(k not in opening for k in keys_of(found.group())):
            return index
    return len(words)


def answer_then(text: str) -> AnswerThen | None:
    """`oui et ajoute 10 sucre`, `ok, vendu 2 riz`, `non puis stock riz`, `yes and sold 2
    soap`, `waaw te jaay naa 2 saabu`: the yes or no (or later) opening the message, and the
    rest; None when the message opens with no answer or says nothing after it. Whether the
    rest is a command of its own is for the caller (`non, 3 riz` corrects, it commands
    nothing)."""
    words = list(_WORD.finditer(text))
    end = _opening_end(words, _OPENING | _ORDERING)
    head = text[: words[end - 1].end()] if end > 0 else ""
    if not orders_all(head):  # `oui commande et vendu 2 riz`: the yes said with its order
        end = _opening_end(words, _OPENING)
        head = text[: words[end - 1].end()] if end > 0 else ""
        if answer(head) is None:
            return None
    if end == len(words):
        return None
    joined = False
    start = end
    while start < len(words) and all(k in _THEN for k in keys_of(words[start].group())):
        joined, start = True, start + 1
    if start == len(words):
        return None
    head = text[: words[end - 1].end()].strip()
    rest = text[words[start].start() :].strip()
    return AnswerThen(head, rest, joined)
