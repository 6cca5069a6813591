"""Requests beyond the twelve intents, that a conversation acts on: thanks and goodbyes, undoing
or correcting the last movement, stock counts, the open orders, an order received or cancelled.

`read_request(text)` is asked before `IntentMatcher.parse`, whose labels stay as they are (the
intents README): `annule la dernière vente` is an undo here whatever `parse` calls it. Product
words are left in `Request.rest` for the catalog's matcher. Pure: text in, a value out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from intents.answers import Numbers, keys_of, numbers_in
from intents.keywords import Cue, detect_cues
from intents.normalize import is_decimal, size_unit, word_key, word_keys
from intents.units import UNIT_WORDS


class RequestKind(StrEnum):
    THANKS = "thanks"  # thanks, goodbyes, politeness and nothing else
    UNDO = "undo"  # take back the last movement (`movement` names its kind when said)
    CORRECT = "correct"  # the last movement was wrong: it was `quantity` (not `was`)
    COUNT = "count"  # a stock count: `rest` names the product, `quantity` the count
    COUNT_TOUR = "count_tour"  # `INVENTAIRE` alone: count the store product by product
    ORDERS = "orders"  # the open orders (of the product in `rest`, or order `order`)
    ORDER_RECEIVED = "order_received"  # order `order` (or of `rest`) arrived, `quantity` of `of`
    ORDER_CANCEL = "order_cancel"  # cancel order `order` (or of `rest`, or the last one)
    LANGUAGE = "language"  # answer in `language` from now on (`english please`, `wolof`)
    SUMMARY = "summary"  # totals of `movement` (sale, receipt) over `period` (of `rest`; `top`)
    COVER = "cover"  # what runs out soon at the current pace


@dataclass(frozen=True, slots=True)
class Request:
    kind: RequestKind
    rest: str = ""  # words left for the product
    quantity: int | None = None
    was: int | None = None
    order: int | None = None
    of: int | None = None
    movement: str | None = None  # sale, receipt, adjustment (UNDO)
    last: bool = False  # `dernière`, `last`: about the last one, not a question waiting
    language: str | None = None  # fr, en, wo
    period: str | None = None  # day, yesterday, week, month (SUMMARY)
    top: bool = False  # `qu'est-ce qui se vend le plus ?`: the best sellers
    # COUNT: each reading of the count `(words left for the product, count)`, likeliest first;
    # several when the product's name may hold a number (`fer de 10 : 140`, `41 kg de pointes
    # de 70`): the catalogue decides (the reading whose words name one product).
    options: tuple[tuple[str, int], ...] = ()


def _keys(*phrases: str) -> frozenset[str]:
    return word_keys(" ".join(phrases))


_UNDO_VERBS = _keys(
    "annule annuler annulez annulle annul supprime supprimer supprimez efface effacer effacez "
    "retire retirer enleve enlever cancel undo delete remove erase neenal dindi dindil far"
)
_LAST = _keys("dernier derniere last precedent precedente previous mujj mujjee")
_MOVEMENT_NOUNS = {
    **dict.fromkeys(_keys("vente vendu sale sold jaay jaaye"), "sale"),
    **dict.fromkeys(
        _keys("arrivage arrivee reception livraison entree recu receipt delivery received"),
        "receipt",
    ),
    **dict.fromkeys(_keys("inventaire comptage count ajustement adjustment"), "adjustment"),
    **dict.fromkeys(
        _keys("operation mouvement saisie enregistrement transaction entry record action"), ""
    ),
}
_MISTAKE = _keys("trompe trompee erreur errone erronee mistake wrong juum juumna faux tromper")
_MISTAKE_PHRASES = (("me", "suis", "trompe"), ("made", "a", "mistake"), ("juum", "naa"))
_ORDER_NOUNS = _keys("commande cmd order komande")
_ARRIVED = _keys(
    "arrivee arrive arrivees arrives recue recu recues livree livre livrees received arrived "
    "delivered receptionne receptionnee agsi agsina new new"
)
_ORDERS_WORDS = _keys(
    "mes mon ma my nos our encours cours suivi etat status statut liste list sama sunu yi"
)
_ORDERS_PHRASES = (
    ("en", "cours"),
    ("ou", "en", "est"),
    ("ou", "en", "sont"),
    ("where", "is"),
    ("open", "order"),
    ("sama", "komande"),
)
_COUNT_WORDS = _keys(
    "inventaire inventory inventer compte compter comptee comptage recompte recompter counted "
    "count recount lim limm"
)
_TOUR_FILLER = _keys(
    "faire fait fais faisons on commence commencer commencons lance lancer start begin do "
    "let let's lets reprendre reprend reprends continuer continue resume le la l un une de du "
    "des d mon ma notre the an stp svp please boss maintenant now today aujourd hui total "
    "complet tout toute"
)
_SET_VERBS = _keys("corrige corriger corrigez ajuste ajuster mets mettre met fixe fixer set")
_REALLY = (
    ("en", "vrai"),
    ("en", "realite"),
    ("en", "fait"),
    ("actually",),
    ("really",),
    ("reellement",),
    ("vraiment",),
)
_OF = (("sur", "le"), ("sur",), ("out", "of"), ("of",))
_STOP = _keys(
    "de du des d la le les l ma mon mes my the a an of pour for stp svp please est sont is "
    "c ce ca que qu il elle on j je me moi i we nous vous a au aux en et and"
)
_EQUALS = re.compile(r"=")
# Words of an undo or a correction that are not the product's.
_UNDO_DROP = (
    _MISTAKE
    | _LAST
    | frozenset(_MOVEMENT_NOUNS)
    | _keys(
        "suis trompe made mistake naa non no pas not c etait etais was were it its mais but "
        "plutot rather fait oups oops sorry pardon desole celle celui ce cette that this ai j "
        "avais had have au lieu instead"
    )
)


def _has(keys: Sequence[str], phrase: Sequence[str]) -> bool:
    size = len(phrase)
    return any(tuple(keys[i : i + size]) == tuple(phrase) for i in range(len(keys) - size + 1))


def _rest(keys: Sequence[str], used: set[int], drop: frozenset[str]) -> str:
    return " ".join(
        k
        for i, k in enumerate(keys)
        if i not in used and k not in drop and k not in _STOP and k not in UNIT_WORDS
    )


def read_request(text: str) -> Request | None:
    """The request `text` makes, if it is one of `RequestKind`; None for everything else."""
    keys = keys_of(text)
    if not keys:
        return None
    for reader in (_language, _thanks, _cover, _summary, _order_request, _undo, _count):
        found = reader(keys, text)
        if found is not None:
            return found
    return None


_THANKS_EXTRA = _keys(
    "ok okay daccord beaucoup bien bcp infiniment grand mille tout tous much lot so very you "
    "a vous toi te boss chef patron frere soeur ami amie mon ma stp svp encore aussi pour "
    "ton votre l aide help service cool super top parfait nickel genial great good nice "
    "journee soiree nuit day night evening weekend semaine bonne bon have see tomorrow later "
    "soon demain bientot prochaine fois take care"
)


_LANGUAGE_WORDS = {
    **dict.fromkeys(_keys("francais french francaise fr"), "fr"),
    **dict.fromkeys(_keys("english anglais anglaise angle inglisi"), "en"),
    **dict.fromkeys(_keys("wolof wollof olof"), "wo"),
}
_LANGUAGE_FILLER = _keys(
    "parle parlez parler parles langue language lang en in speak speaks please stp svp ci wax "
    "waxal switch to change changer mets met moi me the a la le ok merci thanks plz pls now "
    "maintenant desormais from write ecris ecrivez repond reponds repondez answer reply ma"
)


def _language(keys: Sequence[str], _text: str) -> Request | None:
    """`english please`, `parle français`, `LANGUE WOLOF`, `wax ci wolof`: one language named,
    with nothing else than the words around such a request."""
    named = {_LANGUAGE_WORDS[k] for k in keys if k in _LANGUAGE_WORDS}
    if len(named) != 1:
        return None
    if not all(k in _LANGUAGE_WORDS or k in _LANGUAGE_FILLER for k in keys):
        return None
    return Request(RequestKind.LANGUAGE, language=named.pop())


_SALES_NOUNS = _keys("vente ventes sales bilan recette chiffre jaay jaaye")
_SOLD = _keys("vendu vendus vendue sold sell sells selling vend vendent vendons jaay jaaynaa")
_RECEIPT_NOUNS = _keys(
    "arrivage arrivages reception receptions livraison livraisons entree entrees receipt "
    "receipts deliveries delivery"
)
_RECEIVED = _keys("recu recus recue received arrive arrived")
_PERIODS = {
    **dict.fromkeys(_keys("aujourd hui aujourdhui today jour journee tey tay auj"), "day"),
    **dict.fromkeys(_keys("hier yesterday demb"), "yesterday"),
    **dict.fromkeys(_keys("semaine week ayubes ayoubes"), "week"),
    **dict.fromkeys(_keys("mois month weer"), "month"),
}
_ASKING = _keys("combien cb how much many quel quels quelle quelles what ce qu naata lan ban total")
_MOST = tuple(
    tuple(word_key(w) for w in phrase.split())
    for phrase in ("le plus", "the most", "best seller", "top", "meilleure", "meilleur")
)


def _summary(keys: Sequence[str], text: str) -> Request | None:
    """`ventes du jour`, `bilan`, `ventes d'hier`, `combien de riz j'ai vendu aujourd'hui ?`,
    `qu'est-ce qui se vend le plus ?`, `arrivages de la semaine`, `sales today`: a question about
    what moved, never a movement."""
    sales = [i for i, k in enumerate(keys) if k in _SALES_NOUNS or k in _SOLD]
    receipts = [i for i, k in enumerate(keys) if k in _RECEIPT_NOUNS or k in _RECEIVED]
    if not sales and not receipts:
        return None
    periods = [_PERIODS[k] for k in keys if k in _PERIODS]
    asking = any(k in _ASKING for k in keys) or "?" in text
    top = any(_has(keys, p) for p in _MOST)
    nouns = [k for k in keys if k in _SALES_NOUNS or k in _RECEIPT_NOUNS]
    if not nouns and not periods and any(k in _ORDER_NOUNS for k in keys):
        return None  # `elle arrive quand, la commande ?`: about an order
    bilan = "bilan" in keys
    numbers = numbers_in(keys)
    if numbers.values and not (asking and periods):
        return None  # `vendu 3 riz`: a movement
    if not (periods or top or bilan or (asking and (nouns or sales or receipts))):
        return None
    if not (periods or top or bilan) and not nouns and not asking:
        return None
    movement = "receipt" if receipts and not sales else "sale"
    drop = _SALES_NOUNS | _SOLD | _RECEIPT_NOUNS | _RECEIVED | frozenset(_PERIODS) | _ASKING
    drop = drop | _keys(
        "du de la le les des ce cette cet j ai on a avons est qui se plus most the best seller "
        "top meilleure meilleur fait faites bilan total stp svp please ma mes mon nos aujourd hui "
        "combien cb ventes so far far yi bi ba"
    )
    used = set(numbers.positions)
    return Request(
        RequestKind.SUMMARY,
        _rest(keys, used, drop),
        movement=movement,
        period=periods[0] if periods else ("week" if top else "day"),
        top=top,
    )


_RUN_OUT = tuple(
    tuple(word_key(w) for w in phrase.split())
    for phrase in (
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
)


def _cover(keys: Sequence[str], _text: str) -> Request | None:
    """`qu'est-ce qui va manquer ?`, `what will run out?`: the products that run out soon."""
    if not any(_has(keys, phrase) for phrase in _RUN_OUT):
        return None
    if any(k in _ASKING for k in keys) or keys[:1] in (["quoi"], ["what"], ["ban"], ["lan"]):
        return Request(RequestKind.COVER)
    return None


def _thanks(keys: Sequence[str], _text: str) -> Request | None:
    """Thanks or a goodbye with nothing else in it (`ok merci`, `bonne journée`, `jërëjëf`,
    `ba beneen yoon`); a hello alone is not one (it gets the greeting)."""
    cues = detect_cues(keys, {})
    if Cue.NO in cues:
        return None  # "non merci" says no
    thanks = Cue.THANKS in cues
    farewell = Cue.GREET in cues and any(
        hit.cue is Cue.GREET and (" " in hit.word or hit.word in _keys("bye revoir ciao tchao"))
        for hit in cues.hits
    )
    farewell = farewell or any(
        _has(keys, p) for p in (("bonne",), ("a", "demain"), ("a", "plus"), ("see", "you"), ("ba",))
    )
    if not (thanks or farewell):
        return None
    hello = _keys("bonjour salut hello hi hey coucou salam bonsoir")
    if any(k in hello for k in keys) and not thanks:
        return None
    explained = cues.positions
    for index, key in enumerate(keys):
        if index in explained or key in _THANKS_EXTRA or key in _STOP:
            continue
        return None
    return Request(RequestKind.THANKS)


_WHEN = _keys("quand when kan kanu")
_ASKING_FIRST = _keys("is has did ndax")


def _asks(keys: Sequence[str], text: str) -> bool:
    """Whether a message about an order asks something (`?`, `quand`, `est-ce que`, `has…`)."""
    if "?" in text or any(k in _WHEN for k in keys) or _has(keys, ("est", "ce", "que")):
        return True
    return bool(keys) and keys[0] in _ASKING_FIRST


def _order_request(keys: Sequence[str], text: str) -> Request | None:
    """`commande 3 reçue`, `reçu la commande de riz`, `reçu 18 sacs sur les 20 de la commande
    3`, `annule la commande 3`, `mes commandes`, `où en est ma commande de riz ?`, `elle arrive
    quand la commande ?` (a question about an order: its state, never a receipt)."""
    nouns = [i for i, k in enumerate(keys) if k in _ORDER_NOUNS]
    if not nouns:
        return None
    numbers = numbers_in(keys)
    used = set(nouns) | numbers.positions
    order = _order_number(keys, nouns, numbers)
    cancel = [i for i, k in enumerate(keys) if k in _UNDO_VERBS]
    arrived = [i for i, k in enumerate(keys) if k in _ARRIVED]
    drop = (
        _UNDO_VERBS
        | _ARRIVED
        | _ORDERS_WORDS
        | _LAST
        | _WHEN
        | _keys("n no numero num est ou where sur of out les will va vont lay bi na ndax ce que")
    )
    quantities = [v for _, _, v in numbers.values if v != order]
    if arrived and not quantities and _asks(keys, text):
        arrived = []  # `la commande arrive quand ?`, `est-ce que la commande est arrivée ?`
    if cancel:
        used.update(cancel)
        last = any(k in _LAST for k in keys)
        return Request(RequestKind.ORDER_CANCEL, _rest(keys, used, drop), order=order, last=last)
    if arrived:
        quantity = of = None
        others = [v for start, _, v in numbers.values if v != order]
        if others:
            quantity = others[0]
            if len(others) > 1 and any(_has(keys, p) for p in _OF):
                of = others[1]
        return Request(
            RequestKind.ORDER_RECEIVED,
            _rest(keys, used, drop),
            quantity=quantity,
            order=order,
            of=of,
        )
    plural = any(keys[i] == "commande" and _plural(keys, i) for i in nouns)
    listing = plural or any(_has(keys, p) for p in _ORDERS_PHRASES)
    listing = listing or any(k in _ORDERS_WORDS for k in keys) or _asks(keys, text)
    if listing and not quantities:
        return Request(RequestKind.ORDERS, _rest(keys, used, drop), order=order)
    return None


def _plural(keys: Sequence[str], index: int) -> bool:
    """`les commandes`, `mes commandes` (the key lost its s: look at the article)."""
    return index > 0 and keys[index - 1] in _keys("les mes nos vos des my our")


def _order_number(keys: Sequence[str], nouns: list[int], numbers: Numbers) -> int | None:
    """The number right after `commande` (`commande 3`, `commande n°3`, `cmd no 12`); not a
    quantity (`commande 20 brouettes reçue`: a number a unit or a product word follows)."""
    marks = _keys("n no numero num")
    for noun in nouns:
        for start, end, value in numbers.values:
            between = [k for k in keys[noun + 1 : start] if k not in marks]
            if start <= noun or between:
                continue
            marked = any(k in marks for k in keys[noun + 1 : start])
            after = keys[end] if end < len(keys) else None
            if marked or after is None or after in _AFTER_ORDER_NUMBER or len(after) < 3:
                return value
    return None


# What may follow an order's number (`commande 3 reçue`, `commande 3 est arrivée`, `commande 3
# annule`); anything else (`commande 20 brouettes`) makes the number a quantity.
_AFTER_ORDER_NUMBER = (
    _ARRIVED
    | _UNDO_VERBS
    | _STOP
    | _LAST
    | _ORDERS_WORDS
    | _keys("bien deja aussi enfin hier today aujourd hui ok stp svp bi ba gi gee yi ya agsi")
)


def _undo(keys: Sequence[str], text: str) -> Request | None:
    """`annule ma dernière vente`, `supprime l'arrivage`, `cancel last sale`, `je me suis
    trompé` (an undo), `je me suis trompé, c'était 3 pas 5` (a correction); the words left
    (`rest`) may name the product (`annule la vente de riz`, `c'était 3 riz pas 5`)."""
    mistake = any(k in _MISTAKE for k in keys) or any(_has(keys, p) for p in _MISTAKE_PHRASES)
    verbs = [i for i, k in enumerate(keys) if k in _UNDO_VERBS]
    last = any(k in _LAST for k in keys)
    kinds = [_MOVEMENT_NOUNS[k] for k in keys if k in _MOVEMENT_NOUNS]
    movement = next((k for k in kinds if k), None)
    numbers = numbers_in(keys)
    used = set(numbers.positions) | set(verbs)
    rest = _rest(keys, used, _UNDO_DROP)
    if mistake:
        values = [v for _, _, v in numbers.values]
        if values:
            was = values[1] if len(values) > 1 else None
            return Request(
                RequestKind.CORRECT, rest, quantity=values[0], was=was, movement=movement
            )
        return Request(RequestKind.UNDO, rest, movement=movement, last=True)
    if not verbs or not (last or kinds):
        return None
    if numbers.values and not last:  # `annule 3 ventes`? not an undo of the last one
        return None
    return Request(RequestKind.UNDO, rest, movement=movement, last=last)


def _count(keys: Sequence[str], text: str) -> Request | None:
    """`inventaire riz 30`, `j'ai compté 30 sacs de riz`, `il y a 30 sacs de riz en vrai`,
    `corrige le stock de riz à 30`, `stock riz = 30`, `we counted 30 bags`; `INVENTAIRE` alone
    starts the guided count."""
    counting = [i for i, k in enumerate(keys) if k in _COUNT_WORDS]
    setting = [i for i, k in enumerate(keys) if k in _SET_VERBS]
    really = any(_has(keys, p) for p in _REALLY)
    equals = bool(_EQUALS.search(text))
    numbers = numbers_in(keys)
    if counting and not numbers.values:
        if all(k in _TOUR_FILLER or k in _COUNT_WORDS or k in _STOP for k in keys):
            return Request(RequestKind.COUNT_TOUR)
        return None
    if not numbers.values or not (counting or setting or really or equals):
        return None
    if setting and not counting and not ("stock" in keys or equals or "a" in keys):
        return None
    used = numbers.positions | set(counting) | set(setting)
    drop = (
        _COUNT_WORDS
        | _SET_VERBS
        | _keys(
            "stock y en vrai realite fait actually really reellement vraiment have has there are "
            "ai avons a ont reste restent"
        )
    )
    if len(numbers.values) == 1 and not any(size_unit(k) or is_decimal(k) for k in keys):
        rest, counted = _rest(keys, used, drop), numbers.values[0][2]
        return Request(RequestKind.COUNT, rest, quantity=counted, options=((rest, counted),))
    options = _count_options(keys, numbers, set(counting) | set(setting), drop)
    if not options:
        return None
    rest, counted = options[0]
    return Request(RequestKind.COUNT, rest, quantity=counted, options=options)


def _count_options(
    keys: Sequence[str], numbers: Numbers, used: set[int], drop: frozenset[str]
) -> tuple[tuple[str, int], ...]:
    """Each number, then each whole size (`41kg`), read as the count, the other words (their
    units and numbers kept: they may name the product) left for the product; the last number
    first (`inventaire fer de 10 : 140`)."""
    spans = [(start, end, value) for start, end, value in reversed(numbers.values)]
    for index, key in enumerate(keys):
        unit = size_unit(key)
        amount = key[: -len(unit)] if unit else ""
        if amount.isdigit() and int(amount) > 0:
            spans.append((index, index + 1, int(amount)))
    kept = frozenset(k for k in drop if k not in _STOP)
    return tuple(
        (
            " ".join(
                k
                for i, k in enumerate(keys)
                if not start <= i < end and i not in used and k not in kept
            ),
            value,
        )
        for start, end, value in spans
    )
