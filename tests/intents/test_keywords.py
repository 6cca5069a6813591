"""Intent words in French, English and Wolof, SMS shorthand and misspellings."""

from __future__ import annotations

import pytest

from intents import IntentMatcher
from intents.keywords import Cue, detect_cues
from intents.normalize import tokenize

CASES = [
    # stock_query
    ("stock", "riz", "stock_query"),
    ("stok", "riz", "stock_query"),
    ("stoc", "riz", "stock_query"),
    ("cb il reste", "riz", "stock_query"),
    ("ñaata la des", "ceeb", "stock_query"),
    ("how much is left", "rice", "stock_query"),
    ("disponible ?", "farine", "stock_query"),
    # sale
    ("vente", "riz 3", "sale"),
    ("vendu", "3 riz", "sale"),
    ("vandu", "3 riz", "sale"),
    ("g vendu", "3 riz", "sale"),
    ("jaay naa", "3 riz", "sale"),
    ("sold", "3 rice", "sale"),
    # receipt
    ("reçu", "3 riz", "receipt"),
    ("recu", "3 riz", "receipt"),
    ("arrivé", "3 riz", "receipt"),
    ("arrivée de", "3 riz", "receipt"),
    ("livraison", "3 riz", "receipt"),
    ("livrason", "3 riz", "receipt"),
    ("received", "3 rice", "receipt"),
    # restock
    ("commander", "riz 3", "restock"),
    ("comander", "riz 3", "restock"),
    ("racheter", "3 riz", "restock"),
    ("jënd", "3 riz", "restock"),
    ("order", "3 rice", "restock"),
    ("réapprovisionner", "riz 3", "restock"),
]


@pytest.mark.parametrize(("verb", "rest", "intent"), CASES)
def test_intent_words(store: IntentMatcher, verb: str, rest: str, intent: str) -> None:
    result = store.parse(f"{verb} {rest}")
    assert result.intent == intent
    assert result.product is not None


ALONE = [
    ("inventaire", "stock_overview"),
    ("invantaire", "stock_overview"),
    ("inventory", "stock_overview"),
    ("alertes", "low_stock"),
    ("ruptures", "low_stock"),
    ("aide", "help"),
    ("aidde", "help"),
    ("ndimbal", "help"),
    ("annuler", "cancel"),
    ("anuler", "cancel"),
    ("laisse tomber", "cancel"),
    ("waaw", "yes"),
    ("ouais", "yes"),
    ("wi", "yes"),
    ("déet", "no"),
    ("nope", "no"),
    ("ouii", "yes"),
    ("d'acc", "yes"),
    ("lan moo jeex ?", "low_stock"),
    ("nanga def", "greeting"),
    ("slt", "greeting"),
    ("bjr", "greeting"),
    ("mrc", "greeting"),
    ("jërëjëf", "greeting"),
    ("salamalekum", "greeting"),
]


@pytest.mark.parametrize(("text", "intent"), ALONE)
def test_words_alone(store: IntentMatcher, text: str, intent: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.quantity) == (intent, None, None)


def test_typo_lowers_the_score(store: IntentMatcher) -> None:
    assert store.parse("sttock riz").score < store.parse("stock riz").score


def test_wolof_des_is_remain_only_at_the_end() -> None:
    assert Cue.STOCK in detect_cues(["ceeb", "des", "na"], {})
    assert Cue.STOCK not in detect_cues(["des", "sac"], {})


@pytest.mark.parametrize(
    ("text", "asks_what"),
    [
        ("qu'est-ce que je dois commander", True),
        ("ce que je dois commander", True),
        ("est-ce que je peux commander", False),
    ],
)
def test_what_questions(text: str, asks_what: bool) -> None:
    keys = [t.key for t in tokenize(text)]
    assert (Cue.WHAT in detect_cues(keys, {})) is asks_what


def test_phrase_hides_its_words() -> None:
    cues = detect_cues([t.key for t in tokenize("pas besoin")], {})
    assert Cue.NO in cues
    assert Cue.ORDER not in cues
