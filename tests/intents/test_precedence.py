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


OFF_TOPIC = [
    # comparisons, opinions, prices going up or down, someone else's business: not a stock
    # question even when a product is named
    "le riz parfumé est meilleur que le riz brisé ?",
    "quel est le meilleur ciment",
    "c'est quoi la différence entre sococim et jumbo ?",
    "le lait en poudre c'est bon pour les enfants ?",
    "ça vaut le coup le lait concentré ?",
    "est-ce que le gaz va augmenter ?",
    "le sucre va baisser ?",
    "le prix du gaz a augmenté",
    "c'est quoi le numéro du fournisseur de riz ?",
    "donne moi le contact du fournisseur de ciment",
    "qui vend du ciment pas cher",
    "où trouver des piles",
    "kan mooy jaay ceeb bu yomb?",  # Wolof: who sells cheap rice
    "ceeb bi dafa seer",  # Wolof: the rice is expensive
    "who sells rice",
]


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_off_topic_questions_naming_a_product(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.candidates) == ("unknown", None, [])


REAL_STOCK_QUESTIONS = [
    ("il reste du riz ?", "stock_query"),
    ("combien de gaz", "stock_query"),
    ("le riz est fini ?", "stock_query"),
    ("le lait en poudre il en reste ?", "stock_query"),
    ("le stock de riz a augmenté ?", "stock_query"),  # the stock, not a price, went up
    ("c'est bon, vendu 3 sacs de riz", "sale"),
    ("c'est bon pour moi", "yes"),
    ("vendu 3 sacs du meilleur riz à 15000", "sale"),  # a movement with an amount stays one
]


@pytest.mark.parametrize(("text", "intent"), REAL_STOCK_QUESTIONS)
def test_real_stock_questions_stay(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


WORDS_THAT_REPORT_NOTHING = [
    # a hint word needs an amount, not just a product
    ("c'est quoi le numéro du fournisseur de riz ?", "unknown"),
    ("appelle le fournisseur de gaz", "unknown"),
    ("le fournisseur a livré 10 sacs de riz", "receipt"),
    ("fournisseur 10 sacs de riz", "receipt"),
    # an infinitive serving another verb, with no product nor amount
    ("je cherche un chauffeur pour livrer", "unknown"),
    ("je cherche quelqu'un pour livrer", "unknown"),
    ("je cherche un magasinier pour recevoir", "unknown"),
    ("trouve moi un gars pour vendre", "unknown"),  # "gars" is no typo of "gaz" either
    ("j'ai besoin d'un chauffeur pour livrer", "unknown"),
    ("j'ai besoin de 10 sacs de riz", "restock"),
    ("je veux commander", "restock"),
    ("commander", "restock"),
    ("je cherche un chauffeur pour livrer 10 sacs de riz", "receipt"),
    # "entre X et Y" is between; "entré" is a receipt
    ("c'est quoi la différence entre le riz et le sucre", "unknown"),
    ("entré 5 sacs de riz et 3 de sucre", "receipt"),
    ("entre 10 et 20 sacs de riz reçus", "receipt"),
]


@pytest.mark.parametrize(("text", "intent"), WORDS_THAT_REPORT_NOTHING)
def test_transaction_words_that_report_nothing(
    store: IntentMatcher, text: str, intent: str
) -> None:
    result = store.parse(text)
    assert result.intent == intent
    if intent == "unknown":
        assert (result.product, result.candidates, result.quantity) == (None, [], None)


@pytest.mark.parametrize(
    ("text", "intent", "product", "quantity"),
    [
        # `indi ma` / `indil nu`: bring me, bring us: goods asked for, an order
        ("indi ma 10 ceeb", "restock", "RIZ-BRISE-50", 10),
        ("indil ma 10 ceeb", "restock", "RIZ-BRISE-50", 10),
        ("indil nu 5 savon", "restock", "SAVON-MARSEILLE", 5),
        # `indi nañu`, `indi na ma`, `dafa indi`: brought, goods that came in
        ("indi nañu 10 carton savon", "receipt", "SAVON-MARSEILLE", 10),
        ("indi na ma 10 ceeb", "receipt", "RIZ-BRISE-50", 10),
        ("dafa indi 5 savon", "receipt", "SAVON-MARSEILLE", 5),
    ],
)
def test_wolof_bring_asked_is_an_order_and_brought_an_arrival(
    store: IntentMatcher, text: str, intent: str, product: str, quantity: int
) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.quantity) == (intent, product, quantity)
