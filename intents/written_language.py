"""Which language a message is written in, when it says so clearly: English or French.

Read to answer a manager in the language they write (`state.flows.languages`): a wrong guess
switches their answers, so only a message that leaves no doubt is given a language. Words count
for a language when only that language uses them:

- *firm* words: function words and command words (`how much … left`, `sold`, `of`, `il reste`,
  `vendu`, `de`), labelled among the parser's own vocabulary (`ENGLISH_MARKERS`, the cue
  words, the function words, the units: `tests/intents/test_written_language.py` holds that);
- *shop* words: the product words of `intents.word_pairs` (`rice`, `riz`), which only weigh
  against the other language.

A message is in a language when it has two firm words of it (a sentence: a command word and a
product, `vente riz 2`, `order 20 oil`, is the bot's own command syntax, as `stock riz`), none of
the other (`vendu 3 bags of rice`, `je veux order 20 sacs` are mixed: no language), and three
times as many words of it as shop words of the other (`il reste combien de rice` is French).
Words of the catalogue's names (`the` of « Thé vert ») are no firm words, nor the links
between two of them (`de` of `8 bottles of Bouteille de gaz 12kg`), and words both
languages use (`ok`, `stock`, `check`, `on`, `a`) count for neither. Any Wolof word leaves the
message undecided: a Wolof sentence carries French words (`ñaata la des`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Literal

from intents.answers import keys_of
from intents.cue_phrases import GONE_WORDS
from intents.normalize import fold, word_keys
from intents.stopwords import ENGLISH_MARKERS, LINK_WORDS
from intents.word_pairs import ENGLISH_WORDS, FRENCH_WORDS

Written = Literal["en", "fr"]

# Parser words only English uses, besides `ENGLISH_MARKERS`.
ENGLISH_CUES = GONE_WORDS | word_keys(
    "remaining remain available inventory overview everything whole entire products items "
    "shortage low reorder restock buy purchase sold sell sells selling sale sales customer "
    "returned refund refunded received receive receipt delivery delivered arrived arrival enter "
    "added cancel forget nevermind undo yes yep yeah yup nope thanks thank morning evening "
    "which price cost cheap expensive better best quality "
    "an was were did some and but not get let see say out put new why who its his her him "
    "she they them then than when will just also only very here too off still hope well "
    "great today day went going doing everyone swapped exchanged traded "
    "bag sack bottle packet box tin jar crate tray"
)
# Parser words only French uses.
FRENCH_CUES = word_keys(
    "je tu il elle nous vous ils elles moi toi le la les un une de du des au aux et ou est "
    "suis sont ai avons avez ont avoir etre pas ne plus pour par sur dans avec sans qui que qu "
    "bien tres trop deja aujourd hui maintenant ici faire fait fais veux voudrais peux peut "
    "dois doit faut va vais allez aller mettre mets dit dire comme alors donc mais "
    "juste seulement aussi encore quand combien comment pourquoi oui non rien quoi cette ces "
    "mon mes ton ta tes ses notre nos votre vos leur leurs hier soir matin "
    "reste restant restants rester restent quantite disponible voir verifier montre "
    "inventaire bilan tout tous toute toutes produits articles marchandises alerte rupture "
    "manque epuise seuil commander commande recommander racheter acheter achat vente ventes "
    "vendre vendu vendus vendue vendues vend vends recu recus recue recues recevoir "
    "livraison livre livree arrive arrivee arrivage ajoute ajouter aide annuler annule "
    "merci bonjour bonsoir salut daccord exact quel quels quelle quelles prix coute "
    "echange echanges echangee rendu rendus pris "
    "sac bouteille paquet boite caisse"
)
# "Please" as typed: `please`, `pls` and `stp`, `svp` are read as one word (`stp`), so the word
# typed says the language.
_PLEASE: dict[str, Written] = {
    **dict.fromkeys(("please", "pls", "plz"), "en"),
    **dict.fromkeys(("stp", "svp", "svpl", "stpl"), "fr"),
}
_TYPED = re.compile(r"[^\W\d_]+")
# Words of Wolof: a message with one is no French or English one to follow.
WOLOF_CUES = word_keys(
    "naa nga bi bu yi ak ci ko dafa amna lan nu mu ngay dama sama ngi def dina dinaa laa bii "
    "boobu nii rek rekk sax war begg bugg yow maa moo mooy nun yeen loo kay waay moom foofu fii "
    "naata lepp jeex jend jenda jenal komande komandeel jaay jaaye jaaynaa delloo jot agsi "
    "ndimbal dimbali dimbal bayyi bayil baayil waaw deet deedeet mukk nanga naka mangi jamm "
    "jerejef jerrejef jarajef kan yomb seer njeg soppi ceeb dugg"
)
# Shop words that are words of the other language too (`pain`, `cube`, `match`).
_BOTH = word_keys("pain pile lame cube match pipe mat tire tap")
_FIRM: dict[Written, frozenset[str]] = {
    "en": (ENGLISH_MARKERS | ENGLISH_CUES) - FRENCH_CUES,
    "fr": FRENCH_CUES - ENGLISH_MARKERS - ENGLISH_CUES,
}
_SHOP: dict[Written, frozenset[str]] = {
    "en": ENGLISH_WORDS - FRENCH_WORDS - _BOTH,
    "fr": FRENCH_WORDS - ENGLISH_WORDS - _BOTH,
}
_RATIO = 3  # a language's words against the other's
_TIMES_OF_DAY = (["morning"], ["afternoon"], ["evening"], ["night"])
# Words that report what happened (a sale, an arrival, what is left), never the bot's command
# syntax: one of them and another word make a sentence (`sold 3 sugar`, `vendu 3 riz`).
_REPORTING: dict[Written, frozenset[str]] = {
    "en": GONE_WORDS
    | word_keys("sold received delivered arrived bought returned brought remaining"),
    "fr": word_keys("vendu vendus vendue vendues recu recus recue recues livre livree arrivee"),
}


def _in_names(keys: Sequence[str], names: Collection[str]) -> set[int]:
    """Where `keys` hold words of the catalogue's names, and the links between two of them
    (the `de` of `8 bottles of Bouteille de gaz 12kg`: a name typed, no French)."""
    named = {i for i, k in enumerate(keys) if k in names}
    return named | {
        i
        for i in range(1, len(keys) - 1)
        if keys[i] in LINK_WORDS and i - 1 in named and i + 1 in named
    }


def written_language(
    text: str, names: Collection[str] = frozenset(), current: str | None = None
) -> Written | None:
    """`en` or `fr` when `text` is clearly written in it, else None. `names`: the keys of the
    words of the catalogue's product names and aliases, no firm words. `current`: the language
    the manager is answered in, once followed: one firm word and a reporting word confirm it,
    but leaving it takes two firm words (`vendu 2 jumbo` after `how much rice is left` keeps
    English)."""
    keys = keys_of(text)
    if any(k in WOLOF_CUES for k in keys):
        return None
    named = _in_names(keys, names)
    firm = _firm(text, keys, named)
    counted = {lang: firm[lang] + sum(k in _SHOP[lang] for k in keys) for lang in _FIRM}
    pairs: tuple[tuple[Written, Written], ...] = (("en", "fr"), ("fr", "en"))
    for language, other in pairs:
        reports = len(keys) >= 2 and any(
            k in _REPORTING[language] and i not in named for i, k in enumerate(keys)
        )
        loose = current in (None, language) and reports
        enough = firm[language] >= 2 or (firm[language] and loose)
        if enough and not firm[other] and counted[language] >= _RATIO * counted[other]:
            return language
    return None


def _firm(text: str, keys: Sequence[str], named: set[int]) -> dict[Written, int]:
    """How many firm words of each language `text` holds (no word of a name at `named`)."""
    firm = {
        lang: sum(k in words and i not in named for i, k in enumerate(keys))
        for lang, words in _FIRM.items()
    }
    for word in _TYPED.findall(fold(text)):
        if word in _PLEASE:
            firm[_PLEASE[word]] += 1
    firm["en"] += sum(  # `good morning`: two English words (not `all good`, said in French too)
        key == "good" and keys[i + 1 : i + 2] in _TIMES_OF_DAY for i, key in enumerate(keys)
    )
    return firm


def firm_language(text: str, names: Collection[str] = frozenset()) -> Written | None:
    """The one language whose firm words `text` holds, however few (`commander 20 riz`, `oui`,
    `sold 3`): a language seen written, too little to follow; None for none, both, or Wolof."""
    keys = keys_of(text)
    if any(k in WOLOF_CUES for k in keys):
        return None
    firm = _firm(text, keys, _in_names(keys, names))
    seen = [lang for lang, count in firm.items() if count]
    return seen[0] if len(seen) == 1 else None
