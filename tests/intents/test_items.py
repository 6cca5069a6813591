"""Several items in one message: `IntentMatcher.parse_many`."""

from __future__ import annotations

from typing import Any

import pytest

from intents import Intent, IntentMatcher, ParsedIntent, Product
from intents.items import counted_cuts, single_item, split_items

from .conftest import load_examples


def _items(results: list[ParsedIntent]) -> list[tuple[str, str | None, int | None]]:
    return [(r.intent.value, r.product or ",".join(sorted(r.candidates)) or None, r.quantity)
            for r in results]  # fmt: skip


MANY = load_examples("multi_items.jsonl")


@pytest.mark.parametrize("example", MANY, ids=[m["text"] for m in MANY])
def test_each_item_is_read_on_its_own(store: IntentMatcher, example: dict[str, Any]) -> None:
    expected = [(i["intent"], i["product"], i["quantity"]) for i in example["items"]]
    assert _items(store.parse_many(example["text"])) == expected


ONE = [
    "vendu 2 sacs de riz",
    "commande de riz, 40 sacs",  # the second piece names no product: one item
    "vendu vingt et un sacs de riz",  # "et" inside a number
    "jaay naa fukk ak juróom sac ceeb",  # "ak" inside a Wolof number
    "il reste entre 5 et 10 sacs de riz ?",
    "comment vendre du riz et du sucre ?",  # one how-to question
    "prix du riz et du sucre au marché ?",
    "merci, a+ boss",
    "oui et merci",
    "",
]


@pytest.mark.parametrize("text", ONE)
def test_a_single_item_reads_as_parse_does(store: IntentMatcher, text: str) -> None:
    assert store.parse_many(text) == [store.parse(text)]


def test_a_separator_inside_a_product_name_does_not_split() -> None:
    matcher = IntentMatcher(
        [
            Product(sku="SEL-POIVRE", name="Sel et poivre", unit="boite"),
            Product(sku="SEL", name="Sel fin", aliases=["sel"], unit="paquet"),
            Product(sku="RIZ", name="Riz", aliases=["riz"], unit="sac"),
        ]
    )
    assert _items(matcher.parse_many("vendu 2 sel et poivre et 3 riz")) == [
        ("sale", "SEL-POIVRE", 2),
        ("sale", "RIZ", 3),
    ]


def test_items_keep_their_own_quantity_issue(store: IntentMatcher) -> None:
    first, second = store.parse_many("vendu 2 savon et -3 café")
    assert (first.quantity, first.quantity_issue) == (2, None)
    assert (second.intent, second.quantity, second.quantity_issue) == (
        Intent.SALE,
        None,
        "negative",
    )


def test_a_list_with_tight_bullets_is_no_negative_numbers(store: IntentMatcher) -> None:
    results = store.parse_many("reçu\n-2 savon\n-3 café")
    assert [(r.product, r.quantity, r.quantity_issue) for r in results] == [
        ("SAVON-MARSEILLE", 2, None),
        ("CAFE-TOUBA", 3, None),
    ]


def test_each_item_keeps_its_text_as_typed(store: IntentMatcher) -> None:
    results = store.parse_many("vendu 2 savon et 3 xamsa\n- 4 riz, 10 sacs")
    # `10 sacs` after the rice counted already: an item of its own (asked which product)
    assert [r.text for r in results] == ["vendu 2 savon", "3 xamsa", "4 riz", "10 sacs"]
    assert (results[1].product, results[1].candidates, results[1].quantity) == (None, [], 3)
    assert store.parse("  stock riz ").text == "stock riz"


@pytest.mark.parametrize(
    "text",
    [
        "bonjour le bot, vendu 2 savon et 3 café",
        "bonjour monsieur le bot, j'espère que vous allez bien, vendu 2 savon et 3 café",
        "merci mon ami, vendu 2 savon et 3 café",
    ],
)
def test_a_greeting_with_words_around_it_is_no_item(store: IntentMatcher, text: str) -> None:
    """`bonjour le bot, …` was an item of its own: « Ligne 1 (bonjour le bot) : Je ne trouve
    pas « bot » »."""
    results = store.parse_many(text)
    assert [(r.product, r.quantity) for r in results] == [
        ("SAVON-MARSEILLE", 2),
        ("CAFE-TOUBA", 3),
    ]


COUNTED = IntentMatcher(
    [
        Product(sku="RIZ", name="Riz brisé 50kg", aliases=["riz"], unit="sac"),
        Product(sku="SUCRE", name="Sucre en poudre", aliases=["sucre"], unit="sac"),
        Product(sku="FER-10", name="Fer à béton", aliases=["fer de 10"], unit="barre"),
        Product(sku="GAZ-12", name="Gaz butane", aliases=["gaz 12"], unit="bouteille"),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendu 2 riz 3 sucre", [("sale", "RIZ", 2), ("sale", "SUCRE", 3)]),
        ("vendu 2 sacs de riz 3 sacs de sucre", [("sale", "RIZ", 2), ("sale", "SUCRE", 3)]),
        ("commande riz 20 sucre 10", [("restock", "RIZ", 20), ("restock", "SUCRE", 10)]),
    ],
)
def test_counts_without_separator_start_or_end_each_item(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    assert _items(COUNTED.parse_many(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "vendu 2 riz 3",  # the second count names nothing
        "vendu 2 fer de 10",  # a number of the product's name
        "vendu 1 gaz 12",
        "vendu 2 riz 50 kg",  # a size
    ],
)
def test_a_number_that_starts_no_item_does_not_cut(text: str) -> None:
    assert COUNTED.parse_many(text) == [COUNTED.parse(text)]


@pytest.mark.parametrize("text", ["stock riz 25 sucre 50", "stock riz suchre"])
def test_products_named_side_by_side_in_a_stock_question_are_two_questions(text: str) -> None:
    """No count cuts a stock question, but two products named one after the other are asked
    each (the second was left out, or dropped when misspelt)."""
    items = COUNTED.parse_many(text)
    assert [(i.intent, i.product) for i in items] == [
        (Intent.STOCK_QUERY, "RIZ"),
        (Intent.STOCK_QUERY, "SUCRE"),
    ]


@pytest.mark.parametrize(
    ("text", "single"),
    [
        ("stock riz", True),
        ("vendu 2 savon", True),
        ("- 2 savon", True),
        ("vendu 2 savon et 3 café", False),
        ("vendu 2 riz 3 sucre", False),
        ("stock riz, sucre", False),
        ("sel et poivre", False),  # one product, but only the matcher knows it
    ],
)
def test_a_text_no_separator_and_count_can_cut_is_one_item(text: str, single: bool) -> None:
    assert single_item(text) is single


def test_a_single_item_is_never_cut() -> None:
    for example in MANY:
        text = example["text"]
        assert not single_item(text), text  # every example lists several
    for text in ONE:
        if single_item(text):
            assert len(split_items(text, lambda *_: False)) <= 1 and not counted_cuts(text)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "un client a pris 3 sacs de riz et il reviendra prendre 2 sacs de sucre demain",
            [("sale", "RIZ-BRISE-50", 3)],
        ),
        ("vendu 2 riz, elle va revenir chercher 3 sucre", [("sale", "RIZ-BRISE-50", 2)]),
        ("vendu 4 riz et le client passera prendre 2 sucre", [("sale", "RIZ-BRISE-50", 4)]),
        ("sold 2 rice and he will come back for 3 sugar tomorrow", [("sale", "RIZ-BRISE-50", 2)]),
        # what was done stays an item, whoever did it
        (
            "vendu 2 riz et le client a pris 3 savon",
            [("sale", "RIZ-BRISE-50", 2), ("sale", "SAVON-MARSEILLE", 3)],
        ),
    ],
)
def test_what_someone_will_do_is_no_item(
    store: IntentMatcher, text: str, items: list[tuple[str, str, int]]
) -> None:
    """A customer's plan told with a sale (« il reviendra prendre 2 bidons d'huile demain »)
    moves nothing: it was read as a line of the sale."""
    assert _items(store.parse_many(text)) == items


@pytest.mark.parametrize(
    "text",
    [
        "le client va prendre 2 riz et 3 savons",
        "la cliente viendra prendre 2 riz et 3 savon demain",
        "the customer will take 2 rice and 3 soaps",
        "il va prendre 2 riz et 3 savons",
    ],
)
def test_a_message_that_is_only_a_plan_keeps_every_item_alike(
    store: IntentMatcher, text: str
) -> None:
    """Every item of someone's plan is read, with the same intent, marked `planned` (only the
    soap was kept, as a sale of its own)."""
    items = store.parse_many(text)
    assert [i.planned for i in items] == [True, True], items
    assert len({i.intent for i in items}) == 1, items


def test_a_sale_told_with_a_plan_is_no_plan(store: IntentMatcher) -> None:
    items = store.parse_many("vendu 3 savons et il reviendra prendre 2 huile demain")
    assert [(i.intent, i.planned) for i in items] == [(Intent.SALE, False)]


@pytest.mark.parametrize(
    "text",
    [
        "aujourdhui jai vendu 3 sacs de riz, 2 bidons dhuile 20l et 5 paquets de thé vert",
        "tantot jai vendu 3 sacs de riz, 2 bidons d'huile 20l et 5 paquets de thé vert",
        "wallahi j'ai vendu 3 sacs de riz, 2 bidons huile 20l, 5 paquets thé vert",
    ],
)
def test_a_word_naming_nothing_before_the_verb_leaves_it_to_every_item(
    store: IntentMatcher, text: str
) -> None:
    """A word of the story before the verb (`aujourdhui`, `tantot`) is no item's: the items
    after still borrow `j'ai vendu` (they were stock questions, their counts dropped)."""
    items = store.parse_many(text)
    assert [(i.intent, i.product, i.quantity) for i in items] == [
        (Intent.SALE, "RIZ-BRISE-50", 3),
        (Intent.SALE, "HUILE-20L", 2),
        (Intent.SALE, "THE-VERT", 5),
    ], items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "reçu 10 riz et 5 huile 20l, il manque 2 savons",
            [("RIZ-BRISE-50", 10), ("HUILE-20L", 5)],
        ),
        (
            "livraison : 10 sucre en poudre, 5 huile 20l, manque 2 cartons de savon",
            [("SUCRE-50", 10), ("HUILE-20L", 5)],
        ),
        ("reçu 10 riz, le savon n'est pas venu", [("RIZ-BRISE-50", 10)]),
        ("reçu 10 riz, le sucre pas encore", [("RIZ-BRISE-50", 10)]),
        ("received 10 rice, 2 soap missing", [("RIZ-BRISE-50", 10)]),
    ],
)
def test_goods_that_did_not_come_are_no_item_of_a_delivery(
    store: IntentMatcher, text: str, expected: list[tuple[str, int]]
) -> None:
    """What a delivery lacks is no arrival: it was a line asking « Combien de cartons ? » (its
    count dropped), or made the arrival ask which of rice and soap came."""
    items = store.parse_many(text)
    assert [(i.intent, i.product, i.quantity) for i in items] == [
        (Intent.RECEIPT, sku, quantity) for sku, quantity in expected
    ], items


@pytest.mark.parametrize(
    "text", ["reçu 10 riz et 5 savons pas encore rangés", "reçu 10 riz, 5 savons pas encore payés"]
)
def test_an_amount_not_yet_put_away_came(store: IntentMatcher, text: str) -> None:
    """`pas encore` said of an amount is something else not done yet: the soap came (it was
    dropped from the arrival)."""
    items = store.parse_many(text)
    assert [i.product for i in items] == ["RIZ-BRISE-50", "SAVON-MARSEILLE"], items


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("sold 30 chicks and 1 soap", 30, 1),  # `chick` is no `check`
        ("sold 3 socks and 2 soap", 3, 2),  # `sock` is no `stock`
        ("vendu 4 vestes et 2 savon", 4, 2),  # `veste` is no `vente`
    ],
)
def test_goods_counted_are_no_keyword_typo(
    store: IntentMatcher, text: str, first: int, second: int
) -> None:
    """The word after a count is the goods counted, even unknown and a letter away from a
    keyword: it was corrected to the keyword, its item joined to the next, and the count lost
    without a word (only the soap was asked)."""
    items = store.parse_many(text)
    assert [(i.product, i.quantity) for i in items][0] == (None, first), items
    assert len(items) == 2 and items[1].quantity == second and items[1].product, items


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # Wolof `te` joins what was done: each clause its own item, its verb kept with it (the
        # count cut them before the number: `2 riz yàqu na te jot naa` | `10 sucre`)
        ("2 riz yàqu na te jot naa 10 sucre", ["2 riz yàqu na", "jot naa 10 sucre"]),
        ("jaay naa 2 riz te delloo naa 3 sucre", ["jaay naa 2 riz", "delloo naa 3 sucre"]),
    ],
)
def test_wolof_te_separates_what_was_done(text: str, pieces: list[str]) -> None:
    assert [item.text for item in COUNTED.parse_many(text)] == pieces


@pytest.mark.parametrize(("text", "intent"), [("3 vnedu riz", "sale"), ("2 vebdu savon", "sale")])
def test_a_keyword_mistyped_after_a_count_alone_is_still_read(
    store: IntentMatcher, text: str, intent: str
) -> None:
    """No keyword before the count: the word after it may be the verb mistyped."""
    assert store.parse(text).intent.value == intent
