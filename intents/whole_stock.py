"""The whole stock said as the amount, with no number: `tout`, `j'ai tout vendu` under "Riz :
combien ?", and in a command (`vendu tout le stock de riz`, `sold all the coke`, `jaay naa
ceeb bi lépp`, `tout le lait a tourné`). One reading for both: besides the words saying all,
only function words, the sale's verbs, the stock's words and units, the words of the movement
(`beside`) and those naming the product (`names`) may stand (`vendu riz tout à l'heure` says no
amount). Pure: text in, a yes or no out."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from intents.answers import keys_of
from intents.cue_words import SINGLE_WORD_CUES, WORDS, Cue
from intents.item_verbs import CUSTOMER_TAKES
from intents.normalize import has_phrase, word_keys
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS

# The whole stock (`tout`, `all`, `lépp`).
ALL_WORDS = word_keys("tout tous toute toutes all everything whole entier entiere lepp")

# Beside them: the sale's verb, the product's unit or the stock's words (`tout le stock`), a
# customer who took it (`les clients ont tout pris`).
_BESIDE_ALL = (
    frozenset(k for k, cue in SINGLE_WORD_CUES.items() if cue in (Cue.SELL, Cue.STOCK))
    | UNIT_WORDS
    | WORDS[Cue.CLIENT]
    | CUSTOMER_TAKES
)

# Where a word saying all says no amount (`tout à l'heure`, `pas du tout`, `tout le monde`).
_IDIOMS = tuple(
    tuple(keys_of(phrase))
    for phrase in (
        "tout a l heure",
        "tout a fait",
        "tout de suite",
        "du tout",
        "en tout",
        "tout le monde",
        "at all",
        "after all",
        "all right",
    )
)

# `tous les jours`, `tout le temps`, `all day`: a time, not an amount.
_TIMES = word_keys(
    "jour jours journee nuit nuits soir soirs matin matins semaine semaines mois temps fois "
    "day days week weeks night month time morning deux"
)
_ARTICLES = word_keys("le la les l the this")


def _of_time(keys: Sequence[str]) -> bool:
    """A word saying all before a time (`tous les jours`, `tout le temps`, `all day`)."""
    for i, key in enumerate(keys[:-1]):
        if key in ALL_WORDS:
            after = keys[i + 2] if keys[i + 1] in _ARTICLES and i + 2 < len(keys) else keys[i + 1]
            if after in _TIMES:
                return True
    return False


def _nothing(_: str) -> bool:
    return False


def all_of_it(
    text: str,
    *,
    beside: Collection[str] = frozenset(),
    names: Callable[[str], bool] = _nothing,
) -> bool:
    """Whether `text` says the whole stock and no other amount: a word saying all, and nothing
    else than `_BESIDE_ALL`, `beside` (a movement's own words: `perdu`, `a tourné`) and the
    words `names` says name the product."""
    return whole_of(keys_of(text), beside=beside, names=names)


def whole_of(
    keys: Sequence[str],
    *,
    beside: Collection[str] = frozenset(),
    names: Callable[[str], bool] = _nothing,
) -> bool:
    """`all_of_it` of keys already read."""
    if any(has_phrase(keys, idiom) for idiom in _IDIOMS) or _of_time(keys):
        return False
    if not any(k in ALL_WORDS for k in keys):  # `tous` too, a function word elsewhere
        return False
    return all(
        k in ALL_WORDS or k in _BESIDE_ALL or k in beside or names(k)
        for k in keys
        if k not in STOPWORDS
    )
