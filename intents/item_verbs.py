"""A message listing several items writes its verb once: ``vendu 2 savon et 3 café``.

An item without command words of its own borrows those of the closest item before it (else the
first after it): the words before what it is about (``j'ai vendu``) or after (``3 café vendus``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from intents.cue_phrases import GONE_WORDS
from intents.cue_words import COURTESY
from intents.keywords import Cue, Cues
from intents.normalize import Token, word_keys
from intents.stopwords import ENGLISH_MARKERS, LINK_WORDS, STOPWORDS

Verb = tuple[Sequence[Token], Sequence[Token]]  # the words before an item, the words after it


def _is_filler(key: str) -> bool:
    """A word that can stand around a command without naming what it is about."""
    return key in STOPWORDS or key in LINK_WORDS or key == "?"


def has_content(tokens: Sequence[Token], cues: Cues, names: Collection[str] = ()) -> bool:
    """Whether a piece says something besides command and courtesy words (``vendu :``,
    ``bonjour`` say nothing of their own). A function word that is also a word of the catalog's
    `names` (``the`` for thé typed without its accent) is what a piece of nothing else is about
    (``de the`` of ``il reste de café et de the``), unless another English word makes it the
    article."""
    rest = [t.key for i, t in enumerate(tokens) if i not in cues.positions]
    if any(not _is_filler(key) for key in rest):
        return True
    named = [key for key in rest if key in names and key not in LINK_WORDS]
    return len(named) == 1 and not any(k in ENGLISH_MARKERS and k not in named for k in rest)


def courtesy_positions(cues: Cues) -> set[int]:
    """The positions of the courtesy words found (`bonjour`, `merci`, `vous allez`)."""
    return {
        h.position + offset
        for h in cues.hits
        if h.cue in COURTESY
        for offset in range(h.word.count(" ") + 1)
    }


def verb_of(
    tokens: Sequence[Token], cues: Cues, names: Callable[[int], bool] = lambda _position: True
) -> Verb | None:
    """The command words of a piece, for the pieces written without one: those before what it
    is about (``j'ai vendu``, ``stock``, ``il reste combien de``, ``comment vendre du``), or
    after it (``3 café vendus aujourd'hui``), with the courtesy and function words between, and
    the words before them that name nothing (``names(position)`` false: ``aujourdhui j'ai
    vendu``, ``tantôt j'ai reçu``, whose verb was lost). None when the piece has no command of
    its own. A word saying goods went (`2 milo and 3 sardine gone`) is one too."""
    gone = {i for i, t in enumerate(tokens) if t.key in GONE_WORDS}
    commands = sorted((cues.positions | gone) - courtesy_positions(cues))
    if not commands:
        return None
    content = [
        i
        for i, t in enumerate(tokens)
        if i not in cues.positions and not _is_filler(t.key) and (i > commands[0] or names(i))
    ]
    if not content:
        return tokens, ()  # a heading: "vendu :"
    before = tokens[: content[0]] if commands[0] < content[0] else ()
    after = tokens[content[-1] + 1 :] if commands[-1] > content[-1] else ()
    return before, after


def borrowed_verb(verbs: list[Verb | None], index: int) -> Verb | None:
    """The verb of the closest item before, else of the first item after that has one."""
    for verb in reversed(verbs[:index]):
        if verb is not None:
            return verb
    return next((verb for verb in verbs[index + 1 :] if verb is not None), None)


# What a customer does with goods besides bringing them back (`pris`, `took`, `acheté`,
# `bought`, Wolof `jël`, `jënd`): in a message that names the customer, a sale.
CUSTOMER_TAKES = word_keys(
    "pris prit prend prends prennent prenait took take takes taken achete achetee achetes "
    "acheter bought buy buys jel jeel jend"
)


def customer_of(pieces: Sequence[Sequence[Token]], cues: Sequence[Cues]) -> Token | None:
    """The word naming the customer in one of a message's pieces (`client`, `customer`,
    `kiliyaan`), if any: a piece telling what the customer took without naming them again (`le
    client a rendu 2 savons et pris 2 sucres`) is read with it."""
    for piece, found in zip(pieces, cues, strict=True):
        for hit in found.hits:
            if hit.cue is Cue.CLIENT:
                return piece[hit.position]
    return None


def customer_takes(piece: Sequence[Token], cues: Cues) -> bool:
    """A piece saying someone took or bought goods, without naming the customer nor a return
    word of its own (`pris 2 sucre`, `a acheté 2 sucre`, `bought 2 sugar`)."""
    if cues.found & {Cue.CLIENT, Cue.RETURN, Cue.SELL, Cue.RECEIVE}:
        return False
    return any(t.key in CUSTOMER_TAKES for t in piece)
