"""Stock lost, broken, spoiled, stolen or dead (`j'ai perdu 2 sacs de farine`, `3 bouteilles se
sont cassées`, `20 poussins sont morts`, `2 boîtes de lait périmées`, `2 bags were stolen`, `2
kilo yàqu na`): out of the
stock without a sale, recorded as a count that many below the stock (`inventaire … 2 de moins`),
confirmed as counts are. Goods a customer brought back are a return whatever state they are in
(`le client a rendu 2 bouteilles cassées`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from intents.answers import keys_of, numbers_in
from intents.cue_words import SINGLE_WORD_CUES, says_return
from intents.normalize import has_phrase, is_size, word_key
from intents.quantity_units import measured_amount
from intents.requests.base import Out, Request, RequestKind, word_set
from intents.requests.counts import read_counts, says_count
from intents.stopwords import OF_WORDS
from intents.whole_stock import ALL_WORDS, whole_of

# Words that say goods were lost wherever they stand.
LOST_WORDS = word_set(
    "perte pertes perdu perdus perdue perdues vole voles volee volees perime perimes perimee "
    "perimees avarie avaries avariee pourri pourris pourrie jete jetes jetee jetees lost "
    "stolen expired spoiled spoilt rotten damaged yaqu yaxu sacc "
    # Pidgin: `2 tins milo spoil`, `rats chop 1 bag rice` (ate), `5 ice block don melt`;
    # Wolof `5 galaas seey nañu` (melted)
    "spoil spoils chop melt melts seey "
    # animals that died: `3 poulets ont crevé`, `2 chickens died`, `ñaari ganaar dee nañu`
    "died dee "
    # dropped or eaten by pests: `the rats chopped 2 bags` (`fait tomber`: see _DROPPED)
    "dropped chopped fell"
)
# `j'ai fait tomber 2 bouteilles`; not `laisse tomber` (never mind)
_DROPPED = tuple(word_key(w) for w in ("fait", "tomber"))
# Words that say it only after an auxiliary (`se sont cassés`, `ont été abîmés`, `got broken`):
# alone they may be a product's (`riz cassé`, `broken rice`).
_BROKEN = word_set(
    "casse casses cassee cassees abime abimes abimee abimees gate gates gatee gatees dechire "
    "dechires dechiree mouille mouilles mouillee broken "
    # fallen, eaten (by rats), torn: `2 bouteilles sont tombées`, `les rats ont mangé 2 sacs`
    "tombe tombes tombee tombees mange manges mangee mangees eaten torn "
    # pierced, gnawed, melted: `les rats ont percé 2 sacs`, `3 sacs de glace ont fondu`
    "perce perces percee percees ronge ronges rongee rongees troue troues trouee trouees "
    "fondu fondus fondue fondues melted "
    # gone off: `le lait a tourné`
    "tourne tournes tournee tournees "
    # died (livestock): `20 poussins sont morts`, `3 poulets ont crevé`, `two hens are dead`
    "mort morts morte mortes creve creves crevee crevees decede decedes dead"
)
# English broken words, which come before a product's name when they are its own (`broken rice`).
_BROKEN_AFTER = word_set("broken eaten torn dead melted")
_AUXILIARIES = word_set(
    "a ai as ont est sont ete se s is are was were got get been etait etaient have has"
)
# Words around it that name no product (`j'ai perdu`, `il y a eu`, `na`).
_AROUND = (
    LOST_WORDS
    | _BROKEN
    | _AUXILIARIES
    | word_set("j on il ils elle elles y eu me m nous we i they ont na nanu nañu ko")
    # the pests that did it: `les rats ont mangé 2 sacs`, `the rats chopped 2 bags`
    | word_set("rat rats souris cafard cafards termite termites mice mouse")
)
# The stock's own words beside a whole loss (`tout le stock de riz est perdu`): no product's.
_STOCK_WORDS = word_set("stock stok reste restant")
# Articles alone name nothing (`tout le stock est perdu`: of what?).
_ARTICLES = word_set("le la les l de du des d mon ma mes my of a an")
# A sale, an arrival or an order said with it is that movement (`vendu 2 riz cassé`).
_OTHER_VERBS = word_set(
    "vendu vendus vente vendre sold sell recu recus received livre livraison commande commander "
    "order jaay jend"
)


def tells_loss(keys: Sequence[str]) -> bool:
    """Whether `keys` say goods were lost (`jeté`, `perdu`, `c'était gâté`, `sont tombés`),
    whatever else they say."""
    return (
        any(k in LOST_WORDS for k in keys)
        or has_phrase(keys, _DROPPED)
        or any(k in _BROKEN and i > 0 and keys[i - 1] in _AUXILIARIES for i, k in enumerate(keys))
    )


def read_loss(keys: Sequence[str], text: str) -> Request | None:
    keys = _measure_apart(keys)
    numbers = numbers_in(keys).values
    lost = (
        tells_loss(keys)
        or _broken_last(keys, numbers)
        or (
            _broken_plural(text)
            and any(value > 1 for _, _, value in numbers)
            and not says_count(keys)  # `inventaire riz cassés 30`: a count of a product
        )
    )
    if not lost or any(k in _OTHER_VERBS for k in keys) or _denied(keys):
        return None
    if says_return({SINGLE_WORD_CUES[k] for k in keys if k in SINGLE_WORD_CUES}):
        return None  # `le client a rendu 3 riz, ils étaient mouillés`: why it came back
    if not numbers:
        return whole_out(keys, _AROUND, "loss")
    return out_request([k for k in keys if k not in _AROUND], "loss")


_NEGATIONS = word_set("no not never pas jamais")


def _denied(keys: Sequence[str]) -> bool:
    """A word of loss said not to have happened (`the ice no melt`, `rien n'a été perdu`, `ice
    never melt`): no loss."""
    return any(
        (k in LOST_WORDS or k in _BROKEN or k in _BROKEN_AFTER)
        and any(w in _NEGATIONS for w in keys[max(0, i - 3) : i])
        for i, k in enumerate(keys)
    )


def _measure_apart(keys: Sequence[str]) -> Sequence[str]:
    """`on a jeté 4 kg de thiof`: an amount in a measure, then what it is of, read as a number
    and its unit (`4 kg`), as a count is typed; a size after a name (`riz 50kg`) stays one."""
    if numbers_in(keys).values:
        return keys
    found = measured_amount(keys)
    if found is None:
        return keys
    amount, unit = found
    at = next(i for i, key in enumerate(keys) if is_size(key))
    if at + 1 >= len(keys) or keys[at + 1] not in OF_WORDS:
        return keys
    return [*keys[:at], str(amount), unit, *keys[at + 1 :]]


def whole_out(keys: Sequence[str], around: frozenset[str], out: Out) -> Request | None:
    """`tout le lait a tourné`, `all the bread got spoiled`, `j'ai perdu tout le stock de riz`:
    the whole stock out, a count of 0 (its confirmation says the loss, « stock 40 → 0 »); the
    words left once those `around` are dropped name the product. None unless the message says
    all and nothing else than those words and the stock's (`whole_of`: not `tout à l'heure`)."""
    words = [k for k in keys if k not in around and k not in ALL_WORDS and k not in _STOCK_WORDS]
    if not set(words) - _ARTICLES or not whole_of(
        keys, beside=around, names=set(words).__contains__
    ):
        return None
    named = " ".join(words)  # function words kept: `le thé` is tea, `the` alone is not
    return Request(RequestKind.COUNT, named, quantity=0, counts=(((named, 0),),), out=out)


def out_request(rest: Sequence[str], out: Out) -> Request | None:
    """The count that takes the one product and number in `rest` (the keys left once the words
    around are dropped) out of the stock, for `out`; None unless one product is read."""
    counts = read_counts(" ".join(rest), rest)  # the keys as read (`4 kg` kept apart)
    if len(counts) != 1:
        return None  # one product at a time
    # Each reading taken out as a change from the stock; the catalogue picks the one whose words
    # name a product (`3 bouteilles de gaz 6`: 3 of the 6 kg bottle, not 6 of a bottle).
    readings = tuple((words, -taken) for words, taken in counts[0] if taken > 0)
    if not readings:
        return None
    words, change = readings[0]
    return Request(
        RequestKind.COUNT, words, quantity=change, counts=(readings,), change=True, out=out
    )


def _broken_last(keys: Sequence[str], numbers: Sequence[tuple[int, int, int]]) -> bool:
    """`2 packs of coca broken`, `3 coca broken`: an English broken word closing a message that
    counts goods before it (English puts a product's own such word first: `broken rice`; not
    French `2 riz cassé`, a product)."""
    return (
        len(keys) > 2
        and keys[-1] in _BROKEN_AFTER
        and any(start < len(keys) - 2 for start, _, _ in numbers)
    )


def _broken_plural(text: str) -> bool:
    """`3 bouteilles cassées`, `2 cartons de lait abîmés`: a broken word in the plural says
    things broke (a product's own word is singular: `2 sacs de riz cassé`)."""
    return any(
        word.endswith("s") and set(keys_of(word)) & _BROKEN
        for word in re.findall(r"\w+", text.lower())
    )
