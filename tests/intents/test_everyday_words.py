"""Words that are something else beside a number, a product or a command: `neuf` is new
(`quoi de neuf`), `deux secondes` is a wait, `dlait` is `du lait` glued, `can` an English verb,
a story told (`le camion est passé`) no line, a price said or asked no stock answer."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, parse_quantity, read_products
from intents.answers import holds_on
from intents.normalize import tokenize
from intents.requests import RequestKind, read_request


@pytest.mark.parametrize(
    "text",
    [
        "quoi de neuf pour les ventes",
        "rien de neuf pour le riz",
        "vendu 2 sacs de riz neufs",
        "vendu 3 riz tout neuf",
        "vendu 3 riz, remise de 10 pour cent",
    ],
)
def test_a_number_word_in_its_everyday_meaning_is_no_count(store: IntentMatcher, text: str) -> None:
    parsed = store.parse(text)
    assert parsed.quantity != 9 and parsed.quantity != 10 and parsed.quantity != 100


@pytest.mark.parametrize(
    ("text", "quantity"),
    [("vendu neuf sacs de riz", 9), ("reçu neuf riz", 9), ("vendu 3 riz neufs", 3)],
)
def test_the_same_word_before_a_unit_or_a_product_counts(
    store: IntentMatcher, text: str, quantity: int
) -> None:
    assert store.parse(text).quantity == quantity


def test_the_same_word_alone_answers_how_many() -> None:
    assert parse_quantity("neuf") == 9


def test_whats_new_about_sales_asks_the_summary() -> None:
    request = read_request("quoi de neuf pour les ventes")
    assert request is not None and request.kind is RequestKind.SUMMARY


@pytest.mark.parametrize(
    "text",
    ["deux secondes je vérifie", "une seconde", "2 min je regarde", "one sec", "une minute stp"],
)
def test_a_duration_alone_is_a_wait_not_an_amount(text: str) -> None:
    assert holds_on(text)
    assert parse_quantity(text) is None


@pytest.fixture(scope="module")
def glued() -> IntentMatcher:
    """Products whose names start with d or l beside those an article glues onto."""
    lines = [
        "sku,name,aliases,unit",
        "RIZ,Riz parfumé 25kg,,sac",
        "HUILE,Huile Dinor 5L,,bidon",
        "LAIT,Lait Vitalait 1L,,brique",
        "EAU,Eau Kirène 1.5L,,bouteille",
        "DENT,Dentifrice Colgate,,tube",
        "LIPTON,Lipton thé,,paquet",
        "DAKA,Dakatine 500g,,pot",
        "LESSIVE,Lessive Omo,,paquet",
        "DRAP,Drap de lit,,pièce",
        "AIL,Ail,,kg",
    ]
    return IntentMatcher(read_products(lines))


@pytest.mark.parametrize(
    ("text", "sku", "quantity"),
    [
        ("vendu 2 driz", "RIZ", 2),
        ("vendu 3 dlait", "LAIT", 3),
        ("reçu 4 lhuile", "HUILE", 4),
        ("vendu 2 leau", "EAU", 2),
        ("vendu 2 l'eau", "EAU", 2),
        ("vendu 2 l' eau", "EAU", 2),
        ("vendu 2 l’eau", "EAU", 2),
        ("vendu 2 d'huile", "HUILE", 2),
        ("vendu 2 dhuile", "HUILE", 2),
        ("reçu 5 sacs driz", "RIZ", 5),
        ("vendu 1 kg lail", "AIL", 1),
        # names that start with d or l stay themselves
        ("vendu 2 dentifrice", "DENT", 2),
        ("vendu 2 lipton", "LIPTON", 2),
        ("vendu 2 dakatine", "DAKA", 2),
        ("vendu 3 lessive", "LESSIVE", 3),
        ("vendu 1 drap", "DRAP", 1),
        ("vendu 2 lait", "LAIT", 2),
    ],
)
def test_an_article_glued_to_a_product_word(
    glued: IntentMatcher, text: str, sku: str, quantity: int
) -> None:
    parsed = glued.parse(text)
    assert (parsed.product, parsed.quantity) == (sku, quantity)


def test_a_stock_question_with_a_glued_article(glued: IntentMatcher) -> None:
    parsed = glued.parse("stock driz")
    assert (parsed.intent, parsed.product) == (Intent.STOCK_QUERY, "RIZ")


@pytest.mark.parametrize(
    ("text", "intent", "quantity"),
    [
        ("vendu 3 riz, le camion est passé", Intent.SALE, 3),
        ("reçu 10 sucre\nil pleut beaucoup aujourd'hui", Intent.RECEIPT, 10),
        ("le camion est passé, reçu 5 riz", Intent.RECEIPT, 5),
        ("sold 2 soap, the truck was late", Intent.SALE, 2),
        ("vendu 3 riz, le chauffeur attend dehors", Intent.SALE, 3),
    ],
)
def test_a_remark_told_beside_an_item_is_no_line(
    store: IntentMatcher, text: str, intent: Intent, quantity: int
) -> None:
    items = store.parse_many(text)
    assert [(i.intent, i.quantity) for i in items] == [(intent, quantity)]


def test_a_product_typed_as_it_sounds_is_still_a_line(store: IntentMatcher) -> None:
    items = store.parse_many("vendu 2 savon et sukar")
    assert len(items) == 2 and items[1].candidates


@pytest.mark.parametrize(
    ("text", "rest", "stock"),
    [
        ("le sac de riz est à 22000", "sac riz", False),
        ("le sac de riz est à cinq mille", "sac riz", False),
        ("riz 22000 le sac", "riz sac", False),
        ("le sac de riz fait 22000", "sac riz", False),
        ("riz à 22000 maintenant", "riz maintenant", False),
        ("le riz c'est 22000 le sac", "riz sac", False),
        ("combien le kilo de sucre", "kilo sucre", False),
        ("the bag of rice is at 22000", "bag rice", False),
        ("le sucre coûte 900 f", "sucre", False),
        ("how much is the oil", "oil", False),
        ("how much for the sugar", "sugar", False),
        ("prix du riz et stock ?", "riz", True),
        ("combien coûte le riz et il en reste combien", "riz", True),
    ],
)
def test_a_price_told_or_asked(text: str, rest: str, stock: bool) -> None:
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.PRICE
    assert (request.rest, request.stock) == (rest, stock)


@pytest.mark.parametrize(
    "text",
    [
        "vendu 2 riz à 15000, prix du sac",
        "reçu 10 riz à 20000",
        "le riz est à 30 sacs",
        "le riz est à vingt",
        "corrige le stock de riz à 100",
        "mets le riz à 100",
        "le stock est à combien",
        "le stock de riz a augmenté",
        "vendu 3 riz à 1500 le sac",
        "inventaire riz 1500",
        "the stock of rice is at 30",
        "vendu 2 riz à cinq mille",
        "il reste 5 sacs à 22000",
        "how much is left",
        "how much rice is left",
        "how much is the stock of oil",
        "how much is there",
        # the stock named, or goods (a unit) going up: no price (review of the session)
        "le stock de riz est à 150",
        "le stock du sucre c'est 40",
        "le riz a augmenté de 10 sacs",
        "the sugar went up by 5 bags",
        # a number with a word of a name after it (Cahier 100 pages): no figure told
        "non c'etait 100 pages",
        "c'est le 200 feuilles",
    ],
)
def test_no_price_where_goods_are_counted_or_moved(text: str) -> None:
    request = read_request(text)
    assert request is None or request.kind is not RequestKind.PRICE


def test_the_supplier_who_delivered_is_no_tea(store: IntentMatcher) -> None:
    parsed = store.parse("the supplier delivered 10 bags")
    assert (parsed.intent, parsed.product, parsed.candidates) == (Intent.RECEIPT, None, [])


@pytest.fixture(scope="module")
def drinks() -> IntentMatcher:
    lines = [
        "sku,name,aliases,unit",
        "COCA-CAN,Coca-Cola canette 33cl,coca|coke,canette",
        "COCA-15,Coca-Cola 1.5L,coca|coke,bouteille",
        "RICE,Riz parfumé 25kg,rice,sac",
        "SOAP,Savon Diama,soap,carton",
    ]
    return IntentMatcher(read_products(lines))


def test_can_you_asks_the_whole_family_not_its_cans(drinks: IntentMatcher) -> None:
    parsed = drinks.parse("can you tell me the stock of coke")
    assert parsed.intent is Intent.STOCK_QUERY
    assert set(parsed.candidates) == {"COCA-CAN", "COCA-15"}


@pytest.mark.parametrize(
    ("text", "sku"),
    [("sold 2 cans of coke", "COCA-CAN"), ("sold a can of coke", "COCA-CAN")],
)
def test_a_can_counted_is_the_container(drinks: IntentMatcher, text: str, sku: str) -> None:
    assert drinks.parse(text).product == sku


@pytest.mark.parametrize(
    "text",
    ["can you count 30 rice", "i can't find the soap", "they can take 2 rice", "can u check"],
)
def test_the_verb_can_is_no_unit(text: str) -> None:
    assert "can" not in [token.key for token in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("deux clients ont pris du riz", None),
        ("vendu riz, deux clients", None),
        ("3 customers bought rice", None),
        ("2 clients ont pris 3 riz", 3),
        ("3 customers bought 2 rice", 2),
    ],
)
def test_a_number_of_people_is_no_amount(
    store: IntentMatcher, text: str, quantity: int | None
) -> None:
    assert store.parse(text).quantity == quantity


@pytest.mark.parametrize("text", ["the delivery came", "the truck arrived"])
def test_a_delivery_told_names_no_coffee_nor_tea(store: IntentMatcher, text: str) -> None:
    parsed = store.parse(text)
    assert (parsed.product, parsed.candidates) == (None, [])


@pytest.mark.parametrize(
    ("text", "quantity"), [("only 5 came", 5), ("10 rice came today", 10), ("the rice came", None)]
)
def test_came_says_goods_arrived(store: IntentMatcher, text: str, quantity: int | None) -> None:
    parsed = store.parse(text)
    assert (parsed.intent, parsed.quantity) == (Intent.RECEIPT, quantity)


@pytest.mark.parametrize(("text", "quantity"), [("yokk ko 10", 10), ("yokkal 10 riz", 10)])
def test_wolof_yokk_adds_to_the_stock(store: IntentMatcher, text: str, quantity: int) -> None:
    parsed = store.parse(text)
    assert (parsed.intent, parsed.quantity) == (Intent.RECEIPT, quantity)
