"""What managers type in the field: quantities by the kg or the litre, SMS shorthands, Wolof
verbs of buying, Wolof written the French way, and greetings that name no product."""

from __future__ import annotations

import pytest

from intents import IntentMatcher, Product

from .conftest import FIXTURES

BULK = IntentMatcher(
    [
        Product("ARACHIDE", "Arachides décortiquées", ["arachide", "gerte"], "kg"),
        Product("NIEBE", "Niébé", ["niébé", "haricot"], "kilo"),
        Product("HUILE-VRAC", "Huile en vrac", ["huile vrac", "huile"], "litre"),
        Product("HUILE-5L", "Huile Jadida 5L", ["huile 5l", "huile"], "bidon"),
        Product("RIZ", "Riz brisé 50kg", ["riz", "ceeb"], "sac"),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku", "quantity", "issue"),
    [
        ("vendu 3 kg d'arachides", "ARACHIDE", 3, None),
        ("2 kilos de niébé vendus", "NIEBE", 2, None),
        ("reçu 50kg de niebe", "NIEBE", 50, None),
        ("vendu arachide 3 kilos", "ARACHIDE", 3, None),
        ("vendu 5 litres d'huile vrac", "HUILE-VRAC", 5, None),
        ("vendu 2,5 kg d'arachides", "ARACHIDE", None, "decimal"),  # asked, never rounded
        # a size the catalogue has stays a size: the 5 L can, three of them
        ("vendu huile 5L 3", "HUILE-5L", 3, None),
        ("vendu 2 sacs de riz 50kg", "RIZ", 2, None),  # riz is sold by the sack
    ],
)
def test_a_weight_or_volume_is_the_quantity_of_a_product_sold_by_it(
    text: str, sku: str, quantity: int | None, issue: str | None
) -> None:
    result = BULK.parse(text)
    assert (result.intent, result.product, result.quantity, result.quantity_issue) == (
        "sale" if "reçu" not in text else "receipt",
        sku,
        quantity,
        issue,
    )


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("le client a pris 5 kg d'arachides", 5),  # `pris` is no `prix`: they shared a key
        ("un client a pris 3kg de gerte", 3),
        ("le client a pris 2 kilos de niébé", 2),
    ],
)
def test_a_weight_a_customer_took_is_a_sale(text: str, quantity: int) -> None:
    result = BULK.parse(text)
    assert (result.intent, result.quantity) == ("sale", quantity), result


def test_a_size_of_the_name_is_no_amount_a_customer_took() -> None:
    assert BULK.parse("le client cherche du riz 50kg").intent != "sale"


def test_five_litres_of_oil_is_the_five_litre_can_in_the_sample_catalog(
    sample: IntentMatcher,
) -> None:
    result = sample.parse("vendu 5 litres d'huile")
    assert (result.product, result.quantity) == ("HUILE-5L", None)


@pytest.mark.parametrize(
    ("text", "intent", "quantity"),
    [
        ("vdu 3 riz", "sale", 3),
        ("vte riz 3", "sale", 3),
        ("vnd 2 riz", "sale", 2),
        ("rcu 10 riz", "receipt", 10),
        ("rçu 10 riz", "receipt", 10),
        ("cmd 5 riz", "restock", 5),
        ("qté riz ?", "stock_query", None),
        ("qte riz", "stock_query", None),
    ],
)
def test_shorthands(store: IntentMatcher, text: str, intent: str, quantity: int | None) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.quantity) == (intent, "RIZ-BRISE-50", quantity)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("jënd naa 10 sac ceeb", "receipt"),  # I bought: it came in
        ("jend naa 10 sac ceeb", "receipt"),
        ("dama jënd 10 sac ceeb", "receipt"),
        ("jënd nanu 10 sac ceeb", "receipt"),
        ("dieund naa 10 sac ceeb", "receipt"),  # written the French way
        ("dinaa jënd 10 sac ceeb", "restock"),  # I will buy: an order
        ("danuy jënd 10 sac ceeb", "restock"),
        ("dinanu jënd 10 sac ceeb", "restock"),
        ("bëgg naa jënd 10 sac ceeb", "restock"),
        ("jënd 10 sac ceeb", "restock"),
    ],
)
def test_wolof_buying(store: IntentMatcher, text: str, intent: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.quantity) == (intent, "RIZ-BRISE-50", 10)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("dieuredieuf", "greeting"),  # jërëjëf, respelled by wolof-normalizer
        ("dieureudieuf boss", "greeting"),
        ("waw", "yes"),
        ("dedet", "no"),
    ],
)
def test_wolof_written_the_french_way(store: IntentMatcher, text: str, intent: str) -> None:
    assert store.parse(text).intent == intent


def test_a_respelling_only_counts_when_it_lands_on_a_known_word(store: IntentMatcher) -> None:
    # wolof-normalizer respells "client" as "kiliyaan" and "marché" as "marse": ours are kept
    assert store.parse("le client a pris 3 sacs de riz").intent == "sale"
    assert store.parse("prix du riz au marché ?").intent == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "Hello from the field",
        "hello from the shop",
        "good morning team",  # not "tea" with a typo
        "thanks for the tea",
        "merci pour le thé",
        "Good evening, hope the day went well",
    ],
)
def test_small_talk_names_no_product(store: IntentMatcher, text: str) -> None:
    result = store.parse(text)
    assert result.intent == "greeting"
    assert (result.product, result.candidates) == (None, [])


@pytest.mark.parametrize(
    ("text", "sku"),
    [("bonjour, riz ?", "RIZ-BRISE-50"), ("hello, stock tea?", "THE-VERT"), ("thé?", "THE-VERT")],
)
def test_a_command_or_a_product_wins_over_the_greeting(
    store: IntentMatcher, text: str, sku: str
) -> None:
    result = store.parse(text)
    assert (result.intent, result.product) == ("stock_query", sku)


def _spellings() -> list[list[str]]:
    lines = (FIXTURES / "wolof_spellings.tsv").read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


SPELLINGS = _spellings()


@pytest.mark.parametrize(("text", "intent", "sku"), SPELLINGS, ids=[row[0] for row in SPELLINGS])
def test_wolof_spelling_table(store: IntentMatcher, text: str, intent: str, sku: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product) == (intent, None if sku == "-" else sku)


@pytest.mark.parametrize(
    ("text", "intent", "quantity"),
    [
        ("le client a rendu 1 savon il marche pas", "receipt", 1),
        ("un client a ramené 2 savons, ils ne marchent plus", "receipt", 2),
        ("le client a rendu le savon il marche pas", "receipt", None),
        ("prix du savon au marché", "unknown", None),  # the market, still no movement
        ("le savon marche bien au marché", "unknown", None),
    ],
)
def test_it_does_not_work_is_no_market_talk(
    store: IntentMatcher, text: str, intent: str, quantity: int | None
) -> None:
    """`il marche pas` (it does not work) tells why goods came back: it read `marché`, the
    market, and the return was not understood."""
    parsed = store.parse(text)
    assert (parsed.intent.value, parsed.quantity) == (intent, quantity), parsed


@pytest.mark.parametrize(
    "text", ["le client veut rendre le savon", "le client demande le retour du savon"]
)
def test_a_return_only_wanted_is_no_return(store: IntentMatcher, text: str) -> None:
    """Without an amount, a return the customer wants or asks about is not recorded as one."""
    assert store.parse(text).intent.value != "receipt"
