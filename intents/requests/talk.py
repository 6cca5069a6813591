"""Requests about the talk itself: thanks and goodbyes, the language to answer in, a price asked
(which the bot does not know)."""

from __future__ import annotations

from collections.abc import Sequence

from intents.cue_phrases import HOW_MUCH
from intents.item_verbs import courtesy_positions
from intents.keywords import Cue, detect_cues
from intents.normalize import has_phrase, word_key
from intents.requests.base import STOP, Request, RequestKind, word_set
from intents.requests.reports import MOVED_WORDS

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
    # what is thanked for and whom: "merci pour les infos", "thank you sir"
    "info infos information informations sir madam madame monsieur"
)


_FAREWELL_WORDS = word_set("bye revoir ciao tchao")
_HELLO = word_set("bonjour salut hello hi hey coucou salam bonsoir")
_FAREWELL_PHRASES = (("bonne",), ("a", "demain"), ("a", "plus"), ("see", "you"), ("ba",))

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
_AS_WRITTEN_PHRASES = tuple(
    tuple(word_key(word) for word in phrase.split())
    for phrase in (
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


_STOCK_WORDS = word_set("stock stok stoc reste restent restant left")


def read_price(keys: Sequence[str], _text: str) -> Request | None:
    """`prix du riz`, `combien coûte le sucre ?`, `how much does oil cost`, `njëg ceeb bi`,
    `c'est combien le riz ?`: a price, which the bot does not keep. Not with a number (`vendu 2
    riz à 15000, prix du sac` is a sale), nor `c'est combien` said of the stock or of what moved
    (`les ventes de la semaine c'est combien ?`: the summary)."""
    if any(k.isdigit() for k in keys):
        return None
    how_much = any(has_phrase(keys, p) for p in HOW_MUCH) and not any(
        k in _STOCK_WORDS or k in MOVED_WORDS for k in keys
    )
    if not how_much and not any(k in _PRICE_WORDS for k in keys):
        return None
    return Request(RequestKind.PRICE)
