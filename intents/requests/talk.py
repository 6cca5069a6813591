"""Requests about the talk itself: thanks and goodbyes, the language to answer in, a price asked
(which the bot does not know)."""

from __future__ import annotations

from collections.abc import Sequence

from intents.answers import Numbers, numbers_in
from intents.cue_phrases import HOW_MUCH
from intents.item_verbs import courtesy_positions
from intents.keywords import Cue, detect_cues
from intents.normalize import SIZE_UNITS, has_phrase, phrase_keys
from intents.question_forms import asks_price
from intents.requests.base import STOP, Request, RequestKind, word_set
from intents.requests.reports import MOVED_WORDS
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS

_THANKS_EXTRA = word_set(
    "ok okay daccord beaucoup bien bcp infiniment grand mille tout tous much lot so very you "
    "a vous toi te boss chef patron frere soeur ami amie mon ma stp svp encore aussi pour "
    "ton votre l aide help service cool super top parfait nickel genial great good nice "
    "journee soiree nuit day night evening weekend semaine bonne bon have see tomorrow later "
    "soon demain bientot prochaine fois take care "
    # nothing more to ask: "rien merci", "nothing else thanks", "dara jërëjëf"
    "rien autre nothing else dara "
    # wishes said with a goodbye: "à demain inchallah", "merci, Yalla na la Yalla fay"
    "inchallah inshallah inshaallah incha insha inch allah amin amine amen yalla "
    # Wolof "waay": a friendly call said with thanks ("jërëjëf waay")
    "waay "
    # leaving: "mangi dem", "maa ngi dem", "i dey go", "i go come"
    "dem dey go come maa ngi "
    # what is thanked for and whom: "merci pour les infos", "thank you sir"
    "info infos information informations sir madam madame monsieur"
)


_FAREWELL_WORDS = word_set("bye revoir ciao tchao")
_HELLO = word_set("bonjour salut hello hi hey coucou salam bonsoir")
# Leaving: Wolof `mangi dem`, `maa ngi dem` (I am going), Pidgin `i dey go`, `i go come` (I will
# be back).
_FAREWELL_PHRASES = phrase_keys(
    "bonne", "a demain", "a plus", "see you", "ba", "mangi dem", "ngi dem", "dey go", "go come"
)

# "How are you", "good morning": a greeting, never a goodbye (`nanga def`, `good morning boss`
# get the greeting, not "you're welcome"; `have a good day` stays a goodbye).
_HOW_ARE_YOU = frozenset(
    {"ca va", "nanga def", "na nga def", "comment va", "comment vas", "comment allez", "tu vas"}
    | {"vas tu", "vous allez", "allez vous", "quoi de neuf", "on dit quoi", "ca dit quoi"}
    | {"ca roule", "how are you", "how far"}
    | {"good morning", "good afternoon", "good evening"}
)

_LANGUAGE_WORDS = {
    **dict.fromkeys(word_set("francais french francaise fr"), "fr"),
    **dict.fromkeys(word_set("english anglais anglaise angle inglisi"), "en"),
    **dict.fromkeys(word_set("wolof wollof olof"), "wo"),
}
_LANGUAGE_FILLER = word_set(
    "parle parlez parler parles langue language lang en in speak speaks please stp svp ci wax "
    "waxal switch to change changer mets met moi me the a la le ok merci thanks plz pls now "
    "maintenant desormais from write ecris ecrivez repond reponds repondez answer reply ma"
)


# Asking to be answered in the language written, whichever it is (no language named): the
# writer (`comme moi`, `like me`, `j'écris`, `I write`, `ma bind`), or the setting's own name.
_AS_WRITTEN_WORDS = word_set("auto automatique automatic")
_AS_WRITTEN_PHRASES = phrase_keys(
    "comme moi",
    "comme je",
    "comme j",
    "j ecris",
    "je parle",
    "j utilise",
    "ma langue",
    "like me",
    "as me",
    "as i",
    "i write",
    "i speak",
    "i use",
    "my language",
    "ma bind",
    "ma wax",
    "ma bindee",
    "ma waxe",
)
# Words of answering or of a language, one of which is said with it (`j'écris` alone is none).
_TALKING = word_set(
    "langue language lakk parle parler parlez parles speak talk answer reply repond reponds "
    "repondez wax waxal tontu"
)
_AS_WRITTEN_FILLER = word_set(
    "comme like as same meme pareil que qu ou where which dans j je i ecris ecrit ecrire "
    "write writes written writing utilise use parle speak talk talking used suis suivre follow "
    "mon my mes message messages lakk bind bindee waxe ni nga ak with whatever any n importe "
    "quelle laquelle"
)


def read_language(keys: Sequence[str], _text: str) -> Request | None:
    """`english please`, `parle français`, `LANGUE WOLOF`, `wax ci wolof`: one language named,
    with nothing else than the words around such a request. `réponds dans la langue où
    j'écris`, `parle comme moi`, `answer in the language I write`, `langue auto`: no language
    named, the one written (`language` None)."""
    named = {_LANGUAGE_WORDS[k] for k in keys if k in _LANGUAGE_WORDS}
    if not named:
        return _read_as_written(keys)
    if len(named) != 1:
        return None
    if not all(k in _LANGUAGE_WORDS or k in _LANGUAGE_FILLER for k in keys):
        return None
    return Request(RequestKind.LANGUAGE, language=named.pop())


def _read_as_written(keys: Sequence[str]) -> Request | None:
    said = any(k in _AS_WRITTEN_WORDS for k in keys) or any(
        has_phrase(keys, phrase) for phrase in _AS_WRITTEN_PHRASES
    )
    if not said or not any(k in _TALKING for k in keys):
        return None
    if not all(
        k in _LANGUAGE_FILLER or k in _AS_WRITTEN_FILLER or k in _AS_WRITTEN_WORDS for k in keys
    ):
        return None
    return Request(RequestKind.LANGUAGE)


def read_thanks(keys: Sequence[str], _text: str) -> Request | None:
    """Thanks or a goodbye with nothing else in it (`ok merci`, `bonne journée`, `jërëjëf`,
    `ba beneen yoon`); a hello alone is not one (it gets the greeting), nor a command said with
    thanks (`merci, et les ventes ?`, `ok merci. bilan`)."""
    cues = detect_cues(keys, {})
    if Cue.NO in cues:
        return None  # "non merci" says no
    thanks = Cue.THANKS in cues
    farewell = Cue.GREET in cues and any(
        hit.cue is Cue.GREET
        and (" " in hit.word or hit.word in _FAREWELL_WORDS)
        and hit.word not in _HOW_ARE_YOU
        for hit in cues.hits
    )
    farewell = farewell or any(has_phrase(keys, p) for p in _FAREWELL_PHRASES)
    if not (thanks or farewell):
        return None
    if any(k in _HELLO for k in keys) and not thanks:
        return None
    # Only courtesy words: a command said with them is asked (`merci, et les ventes ?`).
    explained = courtesy_positions(cues)
    for index, key in enumerate(keys):
        if index in explained or key in _THANKS_EXTRA or key in STOP:
            continue
        return None
    return Request(RequestKind.THANKS)


_PRICE_WORDS = word_set("prix tarif tarifs coute coutent cout couts price prices cost costs njeg")


_STOCK_WORDS = word_set("stock stok stoc reste restent restant left remaining")
# English "how much is the oil", "how much are the soaps", "how much for the sugar": a price
# (not `how much rice is left`, `how much is left`: the stock words say so).
_HOW_MUCH_IS = (("how", "much", "is"), ("how", "much", "are"), ("how", "much", "for"))
_NOT_A_PRICE = word_set("there in")  # `how much is there`, `how much is in stock`
# Money after a number: `22000 f`, `500 francs`, `1000 fcfa`.
_MONEY = word_set("f fr frs franc francs fcfa cfa xof balle balles dereum derem")
_IS = word_set("est sont etait etaient is are was")  # `le sac de riz est à 22000`
_AT = word_set("a at")  # `à 22000`, `at 22000`
_DEFINITE = word_set("le la l the a")  # `22000 le sac`, `500 the kilo` (not `12 per case`)
_PRICE_MOVES = word_set("augmente augmentee augmentation hausse baisse baisser augmenter")
_MOVES = frozenset({Cue.SELL, Cue.RECEIVE, Cue.ORDER, Cue.RETURN, Cue.CANCEL})
_PRICE_DROP = (
    _PRICE_WORDS
    | _STOCK_WORDS
    | _MONEY
    | word_set("combien how much is are for c est ca fait quel quelle what cher il en y reste")
    | word_set("a t at")
)


def read_price(keys: Sequence[str], _text: str) -> Request | None:
    """`prix du riz`, `combien coûte le sucre ?`, `how much does oil cost`, `how much is the
    oil`, `njëg ceeb bi`, `c'est combien le riz ?`, and a price told (`le sac de riz est à
    22000`, `le sucre coûte 900 f`): a price, which the bot does not keep. Not with a number
    of goods or a movement (`vendu 2 riz à 15000, prix du sac` is a sale), nor `c'est combien`
    said of the stock or of what moved (`les ventes de la semaine c'est combien ?`: the
    summary). `rest`: the product's words; `stock`: the stock asked too (`prix du riz et il en
    reste combien ?`)."""
    stock = any(k in _STOCK_WORDS for k in keys)
    moved = any(k in MOVED_WORDS for k in keys)
    said = any(k in _PRICE_WORDS for k in keys)  # `prix`, `coûte`: a price whatever the figure
    priced = said or (not stock and not moved and any(k in _PRICE_MOVES for k in keys))
    numbers = numbers_in(keys)
    if numbers.values and not _tells_price(keys, numbers, said, stock):
        return None
    how_much = (
        any(has_phrase(keys, p) for p in HOW_MUCH)
        or any(k == "combien" and asks_price(keys, i) for i, k in enumerate(keys))
    ) and not (stock or moved)
    how_much = how_much or (
        any(has_phrase(keys, p) for p in _HOW_MUCH_IS)
        and not stock
        and not any(k in _NOT_A_PRICE for k in keys)
    )
    if not how_much and not priced and not numbers.values:
        return None
    told = numbers.positions
    rest = " ".join(
        k for i, k in enumerate(keys) if i not in told and k not in _PRICE_DROP and k not in STOP
    )
    figure = bool(numbers.values) and not priced and not any(k in _MONEY for k in keys)
    return Request(RequestKind.PRICE, rest, stock=stock, figure=figure)


def _tells_price(keys: Sequence[str], numbers: Numbers, priced: bool, stock: bool) -> bool:
    """Every number a price, none moving goods: with money (`900 f`) or a price word said, for
    a unit (`22000 le sac`, `600 le kilo`), or said of what something is at (`le sac est à
    22000`, `c'est 600`, `fait 22000`; `riz à 22000 maintenant` from 1000), without the stock
    named (`le stock de riz est à 150`, `corrige le stock de riz à 100`, `mets le riz à 100` are
    counts). Goods going up (`le riz a augmenté de 10 sacs`) are no price: only a price word
    (`priced`) makes a figure before a unit one."""
    if detect_cues(keys, {}).found & _MOVES:
        return False
    for start, end, value in numbers.values:
        after = keys[end] if end < len(keys) else ""
        if after in _MONEY or priced:
            continue
        if value < 100 or _is_unit(after):
            return False  # `6 le carton`: what one holds
        if after.isalpha() and after not in STOPWORDS and after not in _DEFINITE:
            return False  # `c'était 100 pages`: the number is a word's (Cahier 100 pages)
        if after in _DEFINITE and end + 1 < len(keys) and _is_unit(keys[end + 1]):
            continue  # `22000 le sac`
        before = keys[max(0, start - 2) : start]
        if stock:
            return False
        if before[-1:] and (before[-1] in _IS or before[-1] == "fait"):
            continue  # `c'est 600`, `le sac fait 22000`
        if before[-1:] and before[-1] in _AT and (before[:1] and before[0] in _IS):
            continue  # `le sac de riz est à 22000`
        if before[-1:] and before[-1] in _AT and value >= 1000 and not stock:
            continue  # `riz à 22000 maintenant`
        return False
    return True


def _is_unit(key: str) -> bool:
    return key in UNIT_WORDS or key in SIZE_UNITS
