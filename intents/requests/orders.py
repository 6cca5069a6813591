"""Requests about orders: the open ones, one received, one cancelled."""

from __future__ import annotations

import re
from collections.abc import Sequence

from intents.answers import Numbers, numbers_in
from intents.cue_words import UNDO_VERBS
from intents.missing import BUT_WORDS, MISSING_WORDS, says_short, short_at
from intents.normalize import fold, has_phrase, phrase_keys
from intents.requests.base import (
    LAST,
    ORDER_NOUNS,
    STOP,
    Request,
    RequestKind,
    rest_words,
    word_set,
)
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS

_ARRIVED = word_set(
    "arrivee arrive arrivees arrives recue recu recues livree livre livrees received arrived "
    "delivered receptionne receptionnee agsi agsina new new came"
)
_ORDERS_WORDS = word_set(
    "mes mon ma my nos our encours cours suivi etat status statut liste list sama samay sunu "
    "sunuy yi"
)
_ORDERS_PHRASES = phrase_keys(
    "en cours", "ou en est", "ou en sont", "where is", "open order", "sama komande"
)
_OF = (("sur", "le"), ("sur",), ("out", "of"), ("of",))


_WHEN = word_set("quand when kan kanu")
# What was ordered, said arrived: an order too (`la livraison de sucre est arrivée`).
_ORDERED = word_set("commandee commandees ordered livraison livraisons delivery deliveries")
_HERE = word_set("la ici here")
_BE = word_set("est sont is are")
_JUST = word_set("vient viennent")  # `vient d'arriver`
_TO_ARRIVE = word_set("arriver")
# `annule toutes les commandes`, `cancel all orders`, `neenal komande yi yepp`: every one.
_ALL = word_set("tout tous toute toutes all every lepp yepp yeep")
_PLURAL_NOUNS = frozenset({"commandes", "cmds", "orders", "komandes"})  # before the s is lost
_ASKING_FIRST = word_set("is has did ndax")


# Words of a request about an order that are not the product's.
_ORDER_DROP = (
    UNDO_VERBS
    | _ARRIVED
    | _ORDERS_WORDS
    | LAST
    | _WHEN
    | _ALL
    | _ORDERED
    | word_set("marchandise marchandises goods colis ici here came come has have had been don")
    | word_set("celle celui celles ceux one ones that those")
    | word_set("in just vient viennent arriver etre dafa")
    | word_set("n no numero num est ou where sur of out les will va vont lay bi na ndax ce que")
)
_PLURAL_ARTICLES = word_set("les mes nos vos des my our")
_NUMBER_MARKS = word_set("n no numero num")


def _asks(keys: Sequence[str], text: str) -> bool:
    """Whether a message about an order asks something (`?`, `quand`, `est-ce que`, `has…`)."""
    if "?" in text or any(k in _WHEN for k in keys) or has_phrase(keys, ("est", "ce", "que")):
        return True
    return bool(keys) and keys[0] in _ASKING_FIRST


# `has come`, Pidgin `don come` (has come): arrived, not `will come`.
_HAS = word_set("has have don done")


def _here(keys: Sequence[str], text: str) -> list[int]:
    """Where `est là`, `sont ici`, `is here`, `vient d'arriver`, `don come` says something
    arrived (`la commande de riz est là`, `the sugar order don come`); a `la` typed without its
    accent only at the end (`où est la commande` asks)."""
    here = [
        i
        for i in range(1, len(keys))
        if keys[i] in _HERE
        and keys[i - 1] in _BE
        and (keys[i] != "la" or i == len(keys) - 1 or "là" in text.lower())
    ]
    just = [i + 2 for i in range(len(keys) - 2) if keys[i] in _JUST and keys[i + 1] == "d"]
    come = [i for i in range(1, len(keys)) if keys[i] == "come" and keys[i - 1] in _HAS]
    return here + [i for i in just if keys[i] in _TO_ARRIVE] + come


def read_order(keys: Sequence[str], text: str) -> Request | None:
    """`commande 3 reçue`, `reçu la commande de riz`, `reçu 18 sacs sur les 20 de la commande
    3`, `annule la commande 3`, `mes commandes`, `où en est ma commande de riz ?`, `elle arrive
    quand la commande ?` (a question about an order: its state, never a receipt); what was
    ordered, or a delivery, said arrived (`la commande de riz est là`, `la livraison de sucre
    est arrivée`, `the rice we ordered has arrived`): the order arrived."""
    arrived = [i for i, k in enumerate(keys) if k in _ARRIVED] + _here(keys, text)
    nouns = [i for i, k in enumerate(keys) if k in ORDER_NOUNS]
    delivery = not nouns
    if delivery and arrived:
        nouns = [i for i, k in enumerate(keys) if k in _ORDERED]
    numbers = numbers_in(keys)
    if not nouns and not (arrived and _only_short(keys, numbers)):
        return None
    used = set(nouns) | numbers.positions | set(arrived)
    at = _order_number(keys, nouns, numbers)
    order = next((v for start, _, v in numbers.values if start == at), None)
    cancel = [i for i, k in enumerate(keys) if k in UNDO_VERBS]
    quantities = [v for start, _, v in numbers.values if start != at]
    if arrived and not quantities and _asks(keys, text):
        arrived = []  # `la commande arrive quand ?`, `est-ce que la commande est arrivée ?`
    if cancel:
        used.update(cancel)
        last = any(k in LAST for k in keys)
        # `annule toutes les commandes sauf le riz`: the rice's kept, every other one cancelled
        but = next((i for i, k in enumerate(keys) if k in BUT_WORDS), len(keys))
        kept = rest_words(keys, used | set(range(but + 1)), _ORDER_DROP)
        every = order is None and not last and (bool(kept) or _every(keys, nouns, text))
        return Request(
            RequestKind.ORDER_CANCEL,
            rest_words(keys[:but], used, _ORDER_DROP),
            quantity=quantities[0] if every and quantities else None,  # `les 2 commandes`
            order=order,
            last=last,
            every=every,
            but=kept,
        )
    if arrived:
        quantity = of = None
        others = [v for start, _, v in numbers.values if start != at]
        if others:
            quantity = others[0]
            if len(others) > 1 and any(has_phrase(keys, p) for p in _OF):
                of = others[1]
        short = quantity is not None and says_short(keys)
        return Request(
            RequestKind.ORDER_RECEIVED,
            rest_words(keys, used, _ORDER_DROP),
            quantity=quantity,
            order=order,
            of=of,
            delivery=delivery,
            short=short,
        )
    plural = any(keys[i] == "commande" and _plural(keys, i) for i in nouns) or _plural_typed(text)
    listing = plural or any(has_phrase(keys, p) for p in _ORDERS_PHRASES)
    listing = listing or any(k in _ORDERS_WORDS for k in keys) or _asks(keys, text)
    if listing and not quantities:
        return Request(RequestKind.ORDERS, rest_words(keys, used, _ORDER_DROP), order=order)
    return None


def _only_short(keys: Sequence[str], numbers: Numbers) -> bool:
    """`le riz est arrivé mais il manque 4`, `the rice came, 2 bags missing`: goods arrived and
    the one number said is what did not come (of what was ordered, the rest came). Not `reçu 10
    riz, il manque 2 savons`, nor `le riz est arrivé mais il manque 4 sucre`: the missing is
    another product's."""
    at = short_at(keys)
    if at is None or len(numbers.values) != 1:
        return False
    start, end, _ = numbers.values[0]
    after = [k for k in keys[end:] if k not in MISSING_WORDS]
    if any(k not in UNIT_WORDS and k not in STOPWORDS for k in after):
        return False
    return start > at or any(k in MISSING_WORDS for k in keys[end : end + 2])


def _plural(keys: Sequence[str], index: int) -> bool:
    """`les commandes`, `mes commandes` (the key lost its s: look at the article)."""
    return index > 0 and keys[index - 1] in _PLURAL_ARTICLES


def _plural_typed(text: str) -> bool:
    """`commandes`, `orders`, `cmds`, `komande yi` as typed (the keys lost the s): the orders
    under way, not one to place (`commande riz`)."""
    words = re.findall(r"\w+", fold(text))
    return any(word in _PLURAL_NOUNS for word in words) or has_phrase(words, ("komande", "yi"))


def _every(keys: Sequence[str], nouns: list[int], text: str) -> bool:
    """Whether the orders are said in the plural or all (`annule les commandes`, `toutes mes
    commandes`, `cancel the orders`, `komande yi`): every one of them, not one to pick."""
    if any(k in _ALL for k in keys) or any(_plural(keys, i) for i in nouns):
        return True
    if any(i + 1 < len(keys) and keys[i + 1] == "yi" for i in nouns):
        return True
    return _plural_typed(text)


def _order_number(keys: Sequence[str], nouns: list[int], numbers: Numbers) -> int | None:
    """Where the number right after `commande` is (`commande 3`, `commande n°3`, `cmd no 12`);
    not a quantity (`commande 20 brouettes reçue`: a number a unit or a product word follows).
    Its place, not its value: `reçu 3 savons de la commande 3` received 3."""
    marks = _NUMBER_MARKS
    for noun in nouns:
        for start, end, _ in numbers.values:
            between = [k for k in keys[noun + 1 : start] if k not in marks]
            if start <= noun or between:
                continue
            marked = any(k in marks for k in keys[noun + 1 : start])
            after = keys[end] if end < len(keys) else None
            if marked or after is None or after in _AFTER_ORDER_NUMBER or len(after) < 3:
                return start
    return None


# What may follow an order's number (`commande 3 reçue`, `commande 3 est arrivée`, `commande 3
# annule`); anything else (`commande 20 brouettes`) makes the number a quantity.
_AFTER_ORDER_NUMBER = (
    _ARRIVED
    | UNDO_VERBS
    | STOP
    | LAST
    | _ORDERS_WORDS
    | word_set("bien deja aussi enfin hier today aujourd hui ok stp svp bi ba gi gee yi ya agsi")
    | word_set("has have had was were just already finally also yesterday vient")
)
