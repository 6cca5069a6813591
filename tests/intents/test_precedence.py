"""The guide's precedence rules between intents."""

from __future__ import annotations

import pytest

from intents import IntentMatcher

CASES = [
    # a command wins over the greeting or politeness around it
    ("bonjour, stock riz stp", "stock_query"),
    ("salut boss, vendu 3 sacs de riz, merci", "sale"),
    ("merci, commande 10 sacs de sucre", "restock"),
    ("bonsoir, inventaire svp", "stock_overview"),
    ("ok merci, alertes ?", "low_stock"),
    # an explicit cancel word wins over "non"
    ("non annule", "cancel"),
    ("non non annuler", "cancel"),
    ("oui annule", "cancel"),
    # how do I ... is help, even when it names a command
    ("comment on fait une commande", "help"),
    ("comment vendre du riz", "help"),
    ("how do I order rice", "help"),
    # what should I reorder is low_stock, an order with a product is restock
    ("qu'est-ce que je dois recommander", "low_stock"),
    ("what should I reorder", "low_stock"),
    ("commander du riz", "restock"),
    # a product alone is a stock question; a product in off-topic talk is not
    ("riz ?", "stock_query"),
    ("huile", "stock_query"),
    ("prix du riz au marché ?", "unknown"),
    ("combien coûte le sucre", "unknown"),
    ("le riz parfumé c'est bon pour la santé", "unknown"),
    # yes / no with politeness; greetings only when nothing else is asked
    ("oui merci", "yes"),
    ("non merci", "no"),
    ("merci", "greeting"),
    ("bonjour tu connais un bon mécanicien", "unknown"),
    # product words mixed with a sale: the transaction wins over the stock question
    ("vendu 2 sacs de riz, il en reste combien ?", "sale"),
    ("la commande de riz est arrivée", "receipt"),
    ("un client a acheté 2 sacs de riz", "sale"),
    # low-stock words about one product ask about that product
    ("le riz est en rupture ?", "stock_query"),
    # what is left overall vs of one product
    ("il reste quoi ?", "stock_overview"),
    ("il reste du riz ?", "stock_query"),
]


@pytest.mark.parametrize(("text", "intent"), CASES)
def test_precedence(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


@pytest.mark.parametrize(
    "text", ["oui", "non merci", "bonjour", "aide", "annuler", "inventaire", "alertes"]
)
def test_no_product_outside_product_intents(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert (result.product, result.candidates, result.quantity) == (None, [], None)


def test_score_bands(store: IntentMatcher) -> None:
    from intents import CONFIDENT, MIDDLING

    assert store.parse("VENTE RIZ 3").score >= CONFIDENT
    assert MIDDLING <= store.parse("stock rzz").score < CONFIDENT
    assert store.parse("tu connais un bon mécanicien ?").score < MIDDLING
    assert store.parse("").score < MIDDLING


SEVERAL_TRANSACTIONS = [
    # the firmest word decides: a movement that happened, then an act, then a hint or a typo
    ("commande 20 sacs de riz, livraison demain", "restock"),
    ("commander 20 sacs de riz à livrer demain", "restock"),  # livrer: corrected, so weak
    ("commande 10 sacs de riz pour vendredi", "restock"),
    ("la commande de riz est arrivée", "receipt"),
    ("commande de sucre livrée", "receipt"),
    ("j'ai reçu la commande de riz", "receipt"),
    ("vendu 3 sacs de riz, il faut en commander", "sale"),
    ("le fournisseur a livré 10 sacs de riz", "receipt"),
    ("commander 10 sacs de riz chez le fournisseur", "restock"),
]


@pytest.mark.parametrize(("text", "intent"), SEVERAL_TRANSACTIONS)
def test_several_transaction_words(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


def test_an_exact_word_beats_a_corrected_one_whatever_the_order() -> None:
    from intents.keywords import Cue, detect_cues

    cues = detect_cues(["livrer", "commande"], {0: "livre"})
    hit = cues.transaction()
    assert hit is not None
    assert (hit.cue, hit.position) == (Cue.ORDER, 1)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a weak transaction word (everyday or corrected) yields to a stock question
        ("il reste entre 5 et 10 sacs de riz", "stock_query"),
        ("combien de sacs de riz sont arrivés", "stock_query"),
        ("stok riz aggi", "stock_query"),
        # but not to the noun "en stock"
        ("5 sacs de sucre entrés en stock", "receipt"),
        ("stock entrant 40 sacs de riz", "receipt"),
    ],
)
def test_weak_transaction_words_and_stock_questions(
    store: IntentMatcher, text: str, intent: str
) -> None:
    assert store.parse(text).intent == intent
