"""Questions about what moved and what runs out soon: `ventes du jour`, `what will run out?`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from intents.answers import Numbers, numbers_in
from intents.cue_words import WORDS, Cue
from intents.normalize import NameNumbers, fold, has_phrase, phrase_keys
from intents.requests.base import (
    ORDER_NOUNS,
    STOP,
    WANTING,
    Request,
    RequestKind,
    rest_words,
    word_set,
)
from intents.units import UNIT_WORDS
from intents.written_language import FRENCH_CUES

_SALES_NOUNS = word_set("vente ventes sales bilan recette chiffre jaay jaaye")
_SOLD = word_set("vendu vendus vendue sold sell sells selling vend vendent vendons jaay jaaynaa")
_RECEIPT_NOUNS = word_set(
    "arrivage arrivages reception receptions livraison livraisons entree entrees receipt "
    "receipts deliveries delivery"
)
_RECEIVED = word_set("recu recus recue received arrive arrived agsi agsina jot")
# The words of what moved, sales or arrivals (`ventes`, `vendu`, `livraisons`).
MOVED_WORDS = _SALES_NOUNS | _SOLD | _RECEIPT_NOUNS | _RECEIVED
# A report of everything that moved (`rapport du jour`, `point de la semaine`, `report today`):
# the sales and the arrivals. Only with a period, except the words that always mean it.
_REPORT_NOUNS = word_set(
    "rapport rapports report reports recap recapitulatif resume point situation mouvement "
    "mouvements activite activity movements summary"
)
_ALWAYS_REPORT = word_set("rapport rapports report reports")
_PERIODS = {
    **dict.fromkeys(word_set("aujourd hui aujourdhui today jour journee tey tay auj"), "day"),
    **dict.fromkeys(word_set("hier yesterday demb"), "yesterday"),
    **dict.fromkeys(word_set("semaine week ayubes ayoubes"), "week"),
    **dict.fromkeys(word_set("mois month weer"), "month"),
}
# `la semaine dernière`, `le mois passé`, `last week`, `ayubés bi weesu`: the one before.
_BEFORE = word_set("derniere dernier passee passe precedente precedent weesu")
_BEFORE_EN = word_set("last previous past")


def _periods(keys: Sequence[str]) -> list[str]:
    """The periods named, in order; a week or a month said to be the last one (the word right
    after it, `bi`/`wi` between in Wolof, or `last` right before) is the one before this."""
    found = []
    for i, k in enumerate(keys):
        if k not in _PERIODS:
            continue
        period = _PERIODS[k]
        after = [w for w in keys[i + 1 : i + 3] if w not in ("bi", "wi")][:1]
        if period in ("week", "month") and (
            (after and after[0] in _BEFORE) or (i and keys[i - 1] in _BEFORE_EN)
        ):
            period = f"last_{period}"
        found.append(period)
    return found


_ASKING = word_set("combien cb how much many quel quels quelle quelles what naata lan ban total")
# `qu'est-ce que`, `ce que j'ai vendu`, `ce qui s'est vendu` ask; `ce matin`, `qu'il` do not.
_ASKING_PHRASES = (("qu", "est"), ("ce", "que"), ("ce", "qui"), ("ce", "qu"))
# Wolof `lu` (what) asks when it opens the message or comes before who did it (`lu nga jaay`,
# `lu war a jeex`); `jaay naa lu des ci riz bi` (sold what was left) says, it does not ask.
_WHO = word_set("nga ngay nu ma la laa mu ngeen")


def _asking(keys: Sequence[str]) -> bool:
    if any(k in _ASKING for k in keys) or any(has_phrase(keys, p) for p in _ASKING_PHRASES):
        return True
    return keys[:1] == ["lu"] or any(has_phrase(keys, ("lu", who)) for who in _WHO)


# `ce qui est arrivé`, `ce qu'on a vendu`, `what arrived`, Wolof `li agsi`, `lu ñu jaay`: what
# moved, asked with its verb (`et le riz est arrivé` tells an arrival).
_WHAT = word_set("what lu li")
_WHAT_PHRASES = (("ce", "qui"), ("ce", "que"), ("ce", "qu"), ("qu", "est"))
_WHAT_DROP = word_set("ce qui que qu est s se a ai on j what was were has have we lu li nu")


def _asks_what(keys: Sequence[str]) -> bool:
    return any(k in _WHAT for k in keys) or any(has_phrase(keys, p) for p in _WHAT_PHRASES)


# `montre-moi les ventes`, `show me the sales`: asked to be shown.
_SHOW = WORDS[Cue.LOOK] | word_set(
    "montrez affichez donner donnez vois envoie envoyer envoyez give send see view"
)
# `les ventes`, `my sales`, `nos arrivages`: movements in the plural, after a determiner, are a
# list asked for; `la vente de 3 riz`, `vente riz` are one movement.
_LISTED = re.compile(
    r"\b(?:les|mes|nos|tes|vos|ces|the|my|our|your)\s+"
    r"(?:ventes|sales|arrivages|livraisons|receptions|entrees|receipts|deliveries)\b"
)


def _asked_to_show(keys: Sequence[str], text: str) -> bool:
    return any(k in _SHOW for k in keys) or bool(_LISTED.search(fold(text)))


_MOST = phrase_keys("le plus", "the most", "best seller", "top", "meilleure", "meilleur")

# Words of a summary that are not the product's.
_SUMMARY_DROP = (
    _SALES_NOUNS
    | _SOLD
    | _RECEIPT_NOUNS
    | _RECEIVED
    | frozenset(_PERIODS)
    | _BEFORE
    | _BEFORE_EN
    | _ASKING
    | _SHOW
    | WANTING
    | word_set(
        "qu du de la le les des ce cette cet j ai on a avons est qui se plus most the best seller "
        "top meilleure meilleur fait faites bilan total stp svp please ma mes mon nos aujourd hui "
        "combien cb ventes so far far yi bi ba"
    )
)


def read_summary(
    keys: Sequence[str], text: str, name_numbers: NameNumbers = frozenset()
) -> Request | None:
    """`ventes du jour`, `bilan`, `ventes d'hier`, `combien de riz j'ai vendu aujourd'hui ?`,
    `qu'est-ce qui se vend le plus ?`, `arrivages de la semaine`, `sales today`: a question about
    what moved, never a movement. `name_numbers`: the catalog's numbers of names (`ventes gaz 12
    cette semaine` asks about Gaz 12)."""
    sales = [i for i, k in enumerate(keys) if k in _SALES_NOUNS or k in _SOLD]
    receipts = [i for i, k in enumerate(keys) if k in _RECEIPT_NOUNS or k in _RECEIVED]
    if not sales and not receipts:
        return _read_report(keys)
    return _read_moved(keys, text, sales, receipts, name_numbers)


def _with_tea(keys: Sequence[str], rest: str) -> str:
    """`rest`, or `the` when nothing else is left and it closes the question: tea (`thé`
    unaccented: `combien j'ai vendu de the`, `ventes du the aujourd'hui`), not the English
    article a product's word follows (`sales of the rice`)."""
    if rest or "the" not in keys:
        return rest
    drop = _SUMMARY_DROP | _REPORT_NOUNS | STOP
    last = max(i for i, k in enumerate(keys) if k == "the")
    french_before = last > 0 and keys[last - 1] in FRENCH_CUES  # not `sales of the week`
    return "the" if french_before and all(k in drop for k in keys[last + 1 :]) else rest


def _read_report(keys: Sequence[str]) -> Request | None:
    """`rapport du jour`, `point de la semaine`, `résumé d'hier`, `report`: what moved, sales
    and arrivals; `résumé`, `situation` alone ask for the stock (`TOUT LE STOCK`)."""
    reported = [k for k in keys if k in _REPORT_NOUNS]
    if not reported or numbers_in(keys).values:
        return None
    periods = _periods(keys)
    if not periods and not any(k in _ALWAYS_REPORT for k in reported):
        return None
    rest = _with_tea(keys, rest_words(keys, set(), _SUMMARY_DROP | _REPORT_NOUNS, units=True))
    return Request(
        RequestKind.SUMMARY, rest, movement="all", period=periods[0] if periods else "day"
    )


def _named(keys: Sequence[str], numbers: Numbers, name_numbers: NameNumbers) -> set[int]:
    """The positions of the numbers written as part of a product's name, right after its word
    (`gaz 12`, `cahier 200`), no unit after them (`riz 50 sacs` is 50 of them)."""
    named: set[int] = set()
    for start, end, _ in numbers.values:
        after = keys[end] if end < len(keys) else ""
        if (
            end == start + 1
            and start > 0
            and (keys[start - 1], keys[start]) in name_numbers
            and after not in UNIT_WORDS
        ):
            named.add(start)
    return named


def _read_moved(
    keys: Sequence[str],
    text: str,
    sales: Sequence[int],
    receipts: Sequence[int],
    name_numbers: NameNumbers = frozenset(),
) -> Request | None:
    periods = _periods(keys)
    questioned = _asking(keys) or "?" in text
    # `les ventes`, `montre les ventes` ask for them, but `les ventes du jour : 3 riz` tells them
    asking = questioned or _asked_to_show(keys, text)
    top = any(has_phrase(keys, p) for p in _MOST)
    nouns = [k for k in keys if k in _SALES_NOUNS or k in _RECEIPT_NOUNS]
    if not nouns and not periods and any(k in ORDER_NOUNS for k in keys):
        return None  # `elle arrive quand, la commande ?`: about an order
    bilan = "bilan" in keys
    numbers = numbers_in(keys)
    verb = any(k in _SOLD or k in _RECEIVED for k in keys if k not in nouns)
    if periods and (asking or not verb):
        # `ventes gaz 12 cette semaine`, `combien de gaz 12 vendu hier ?`: the name's number
        # is no count (`vendu gaz 12 hier` is one)
        named = _named(keys, numbers, name_numbers)
        numbers = Numbers([n for n in numbers.values if n[0] not in named])
    if numbers.values and not (questioned and periods):
        return None  # `vendu 3 riz`, `mes ventes du jour : 3 riz`: a movement
    if any(end < len(keys) and keys[end] in UNIT_WORDS for _, end, _ in numbers.values):
        return None  # `aujourd'hui j'ai vendu 3 sacs de riz … il reste combien ?`: told amounts
    if not (periods or top or bilan or (asking and (nouns or sales or receipts))):
        return None
    if not (periods or top or bilan) and not nouns and not asking:
        return None
    movement = "receipt" if receipts and not sales else "sale"
    used = set(numbers.positions)
    return Request(
        RequestKind.SUMMARY,
        _with_tea(keys, rest_words(keys, used, _SUMMARY_DROP, units=True)),
        movement=movement,
        period=periods[0] if periods else ("week" if top else "day"),
        top=top,
    )


_HISTORY_WORDS = word_set("historique historiques history historik mouvement mouvements movements")
_HISTORY_DROP = word_set(
    "derniers dernier dernieres derniere last latest recent recents du de la le les des l of "
    "the for stp svp please mes my"
)


def read_history(keys: Sequence[str], _text: str) -> Request | None:
    """`historique riz`, `mouvements du gaz 12`, `history of sugar`: the latest movements of one
    product (its words in `rest`, numbers of its name kept); with a period, `mouvements du jour`
    is a report (`read_summary`, read first)."""
    if not any(k in _HISTORY_WORDS for k in keys):
        return None
    rest = rest_words(keys, set(), _HISTORY_WORDS | _HISTORY_DROP, units=True)
    return Request(RequestKind.HISTORY, rest)


_RUN_OUT = phrase_keys(
    "va manquer",
    "vont manquer",
    "va finir",
    "vont finir",
    "run out",
    "running out",
    "war a jeex",
    "di jeex",
    "bientot fini",
    "bientot epuise",
)


def read_cover(keys: Sequence[str], _text: str) -> Request | None:
    """`qu'est-ce qui va manquer ?`, `what will run out?`: the products that run out soon."""
    if not any(has_phrase(keys, phrase) for phrase in _RUN_OUT):
        return None
    if _asking(keys) or keys[:1] == ["quoi"]:
        return Request(RequestKind.COVER)
    return None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What a message right after a report changes of it: `period`, `movement` (sale, receipt,
    all) or the product's words (`rest`); None for what it keeps."""

    period: str | None = None
    movement: str | None = None
    rest: str = ""


# `et hier ?`, `and this week?`, `ak demb`: the question goes on from the report before
_FOLLOW_JOINERS = word_set("et and ak te puis pour for")
_FOLLOW_DROP = word_set(
    "le la les l de du des d cette ce cet cest this the of so far alors aussi also too bi wi yi "
    "ba stp svp please"
)


# What asks the stock, not what moved (`et le riz il en reste combien ?`, `how much is left`)
_FOLLOW_NOT = word_set("reste restant restent left remaining stock stok des")


def read_follow_up(keys: Sequence[str]) -> FollowUp | None:
    """`et hier ?`, `et cette semaine`, `et le sucre ?`, `et les arrivages ?`, `hier ?`, `and
    yesterday?`, `ak demb`: said right after a report, that report again of that period,
    product or movement. Without its `et`, only a period alone (`hier ?`; `sucre ?` asks the
    stock, `rapport de la semaine` is a report of its own); a number makes it something else
    (`et 2 riz`)."""
    if not keys or numbers_in(keys).values:
        return None
    verbs = _SOLD | _RECEIVED
    what = _asks_what(keys)  # `et ce qui est arrivé ?`, `ak li agsi ?`: asked, not told
    if any(k in _FOLLOW_NOT or (k in verbs and not what) for k in keys):
        return None  # `et le riz est arrivé`, `et le riz il reste combien`: said of its own
    joined = keys[0] in _FOLLOW_JOINERS
    periods = _periods(keys)
    nouns = _SALES_NOUNS | _RECEIPT_NOUNS | _REPORT_NOUNS
    moved = [k for k in keys if k in nouns or k in verbs]
    if not joined and not periods:
        return None
    movement = None
    if moved:
        sales = any(k in _SALES_NOUNS or k in _SOLD for k in moved)
        receipts = any(k in _RECEIPT_NOUNS or k in _RECEIVED for k in moved)
        movement = "all" if sales == receipts else ("sale" if sales else "receipt")
    drop = _FOLLOW_JOINERS | _FOLLOW_DROP | _SUMMARY_DROP | _REPORT_NOUNS
    if what:
        drop |= _WHAT_DROP
    rest = rest_words(keys, set(), drop, units=True)
    if not (periods or movement or rest):
        return None  # `et ?`, `et alors`
    if not joined and (movement or rest):
        return None  # `report this week`, `ventes riz hier`: a question of its own
    return FollowUp(periods[0] if periods else None, movement, rest)
