"""Products by name and alias: accents, typos, plurals, specificity, sizes, units, ties."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product

SINGLE = [
    ("stock riz", "RIZ-BRISE-50"),
    ("stock RIZ", "RIZ-BRISE-50"),
    ("stock ceeb", "RIZ-BRISE-50"),
    ("stock riz parfumé", "RIZ-PARFUME-25"),
    ("stock riz parfume", "RIZ-PARFUME-25"),
    ("stock RIZ PARFUME", "RIZ-PARFUME-25"),
    ("stock riz de la vallée", "RIZ-LOCAL-25"),
    ("stock eau de javel", "JAVEL-1L"),
    ("stock eau javel", "JAVEL-1L"),
    ("stock eau", "EAU-MINERALE"),
    ("stock savon", "SAVON-MARSEILLE"),
    ("stock savon liquide", "SAVON-LIQUIDE"),
    ("stock huile 5L", "HUILE-5L"),
    ("stock huile 5 litres", "HUILE-5L"),
    ("stock huile de 20 litres", "HUILE-20L"),
    ("stock gaz 12kg", "GAZ-12"),
    ("stock gaz 12 kg", "GAZ-12"),
    ("stock gaz de 6 kilos", "GAZ-6"),
    ("stock bouteille de gaz 6kg", "GAZ-6"),
    ("stock sucre en morceaux", "SUCRE-MORCEAU"),
    ("stock thé", "THE-VERT"),
    ("stock the vert", "THE-VERT"),
    ("stock pommes de terre", "POMME-TERRE"),
    ("stock oignons", "OIGNON-25"),
    ("stock bougies", "BOUGIE"),
    # typos
    ("stock farinne", "FARINE-50"),
    ("stock cimen", "CIMENT-50"),
    ("stock mayonaise", "MAYO"),
    ("stock spagetti", "PATES-500"),
    ("stock ris", "RIZ-BRISE-50"),
    ("stock sardinne", "SARDINE"),
    # unit words narrow a tie
    ("stock sacs de sucre", "SUCRE-50"),
    ("stock paquets de sucre", "SUCRE-MORCEAU"),
    ("stock bouteilles d'huile", "HUILE-1L"),
]


@pytest.mark.parametrize(("text", "sku"), SINGLE)
def test_one_product(store: IntentMatcher, text: str, sku: str) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.candidates) == ("stock_query", sku, [])


TIES = [
    ("stock huile", {"HUILE-1L", "HUILE-5L", "HUILE-20L"}),
    ("stock diwlin", {"HUILE-1L", "HUILE-5L", "HUILE-20L"}),
    ("stock bidons d'huile", {"HUILE-5L", "HUILE-20L"}),
    ("stock sucre", {"SUCRE-50", "SUCRE-MORCEAU"}),
    ("stock suukar", {"SUCRE-50", "SUCRE-MORCEAU"}),
    ("stock lait", {"LAIT-POUDRE", "LAIT-CONCENTRE"}),
    ("stock boîtes de lait", {"LAIT-POUDRE", "LAIT-CONCENTRE"}),
    ("stock gaz", {"GAZ-6", "GAZ-12"}),
    ("stock bouteilles de gaz", {"GAZ-6", "GAZ-12"}),
]


@pytest.mark.parametrize(("text", "skus"), TIES)
def test_equal_matches_are_candidates(store: IntentMatcher, text: str, skus: set[str]) -> None:
    result = store.parse(text)
    assert result.product is None
    assert set(result.candidates) == skus
    assert len(result.candidates) == len(skus)


def test_the_article_is_not_the_tea(store: IntentMatcher) -> None:
    result = store.parse("what is the stock of rice")
    assert result.product == "RIZ-BRISE-50"


@pytest.mark.parametrize("text", ["the big one", "the small one", "the one"])
def test_the_of_an_english_phrase_is_no_tea(store: IntentMatcher, text: str) -> None:
    """After a family listed, `the big one` points at one of it: it never asks for tea."""
    assert store.parse(text).product != "THE-VERT"


@pytest.mark.parametrize("text", ["the ?", "stock the", "thé", "combien de thé"])
def test_the_alone_or_accented_is_the_tea(store: IntentMatcher, text: str) -> None:
    assert store.parse(text).product == "THE-VERT"


@pytest.mark.parametrize(
    "text",
    [
        "combien il reste de cafe et de the",
        "il reste combien de café et du the ?",
        "stock cafe et the",
        "vendu 2 cafe et 3 de the",
        "cafe, the",
    ],
)
def test_the_of_a_french_list_is_the_tea(store: IntentMatcher, text: str) -> None:
    """`de the` after `et`: thé without its accent (only the coffee was answered)."""
    assert [r.product for r in store.parse_many(text)] == ["CAFE-TOUBA", "THE-VERT"]


@pytest.mark.parametrize(
    "text", ["how many coffee and the", "stock of the coffee", "how much coffee is left of the"]
)
def test_the_of_an_english_list_stays_the_article(store: IntentMatcher, text: str) -> None:
    assert [r.product for r in store.parse_many(text)] == ["CAFE-TOUBA"]


@pytest.mark.parametrize("text", ["stock fil", "stock sac", "stock vers", "stock bon"])
def test_short_common_words_are_not_corrected_into_products(
    store: IntentMatcher, text: str
) -> None:
    result = store.parse(text)
    assert result.product is None
    assert result.candidates == []


def test_product_intent_only_carries_products(store: IntentMatcher) -> None:
    assert store.parse("prix du riz au marché ?").product is None
    assert store.parse("aide riz").product is None


def test_unknown_product_gets_a_middling_stock_query_and_suggestions(
    store: IntentMatcher,
) -> None:
    result = store.parse("stock rzz")
    assert (result.intent, result.product, result.score) == ("stock_query", None, 0.5)
    assert store.suggest("rzz")[0] == "RIZ-BRISE-50"
    assert store.suggest("sardnes", limit=1) == ["SARDINE"]
    assert len(store.suggest("huile", limit=2)) == 2
    assert store.suggest("zzzz") == []


def test_product_arguments() -> None:
    product = Product(sku="X", name="Xorom", aliases=["sel"], unit="paquet")
    assert product.aliases == ("sel",)
    matcher = IntentMatcher([product, Product(sku="Y", name="Yoghourt")])
    assert matcher.parse("yoghourt").product == "Y"
    assert matcher.parse("sel").product == "X"


def test_empty_catalog() -> None:
    result = IntentMatcher([]).parse("stock riz")
    assert (result.intent, result.product, result.candidates) == ("stock_query", None, [])


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("stock sucre 50", "SUCRE-50"),
        ("gaz 12 il reste ?", "GAZ-12"),
        ("huile 20 ?", "HUILE-20L"),
    ],
)
def test_bare_number_in_a_stock_question_is_a_size(
    store: IntentMatcher, text: str, sku: str
) -> None:
    result = store.parse(text)
    assert (result.intent, result.product, result.quantity) == ("stock_query", sku, None)


def test_size_shared_by_two_products_gives_both(store: IntentMatcher) -> None:
    assert set(store.parse("stock riz 25").candidates) == {"RIZ-PARFUME-25", "RIZ-LOCAL-25"}


def test_bare_number_after_the_product_of_an_order_is_the_quantity(store: IntentMatcher) -> None:
    result = store.parse("COMMANDER RIZ 25")
    assert (result.product, result.quantity) == ("RIZ-BRISE-50", 25)
    result = store.parse("vendu 1 gaz 12")
    assert (result.product, result.quantity) == ("GAZ-12", 1)


UNITS_NARROW = [
    # English words and abbreviations for the catalog's French units
    ("how many bags of suukar left", "SUCRE-50"),
    ("sold 2 bags of the suukar", "SUCRE-50"),
    ("stock paquet sucre", "SUCRE-MORCEAU"),
    ("stock pqt sucre", "SUCRE-MORCEAU"),
    ("sold 3 bottles of oil", "HUILE-1L"),
    ("stock btl huile", "HUILE-1L"),
]


@pytest.mark.parametrize(("text", "sku"), UNITS_NARROW)
def test_unit_words_in_any_language_narrow(store: IntentMatcher, text: str, sku: str) -> None:
    result = store.parse(text)
    assert (result.product, result.candidates) == (sku, [])


def test_catalog_units_are_read_the_same_way() -> None:
    matcher = IntentMatcher(
        [
            Product(sku="SAC", name="Sucre 50kg", aliases=["sucre"], unit="Bags"),
            Product(sku="PAQ", name="Sucre morceaux", aliases=["sucre"], unit="Paquets"),
            Product(sku="BTE", name="Sucre glace", aliases=["sucre"], unit="box"),
        ]
    )
    assert matcher.parse("vendu 3 sacs de sucre").product == "SAC"
    assert matcher.parse("2 packets of sucre").product == "PAQ"
    assert matcher.parse("stock boîtes de sucre").product == "BTE"
    assert set(matcher.parse("stock sucre").candidates) == {"SAC", "PAQ", "BTE"}


def test_the_english_unit_of_a_product_narrows_like_its_french_one() -> None:
    # a "flacon" has no usual English word: the catalogue says it is a "bottle"
    matcher = IntentMatcher(
        [
            Product("H1", "Herbicide 1L", ["roundup"], unit="flacon", unit_en="bottle"),
            Product("H5", "Herbicide 5L", ["roundup"], unit="bidon"),
            Product("C", "Poussins", ["poussins", "chicks"], unit="pièce", unit_en="chick"),
            Product("CC", "Poussins carton", ["poussins", "chicks"], unit="carton"),
        ]
    )
    for text in ("sold 5 bottles of roundup", "received 2 btl roundup", "5 flacons roundup"):
        assert matcher.parse(text).product == "H1", text
    assert matcher.parse("sold 2 jerrycans of roundup").product == "H5"
    assert set(matcher.parse("sold 5 roundup").candidates) == {"H1", "H5"}
    # chicks counted one by one are not the box of a hundred
    assert (matcher.parse("sold 30 chicks").product, matcher.parse("sold 30 chicks").quantity) == (
        "C",
        30,
    )
    assert matcher.parse("sold 2 cartons of chicks").product == "CC"


@pytest.mark.parametrize(
    ("word", "unit"),
    [("Bags", "sac"), ("sacs", "sac"), ("bouteilles", "bouteille"), ("btl", "bouteille"),
     ("Boîtes", "boite"), ("boxes", "boite"), ("jerrycan", "bidon"), ("ctn", "carton"),
     ("pcs", "piece"), ("seau", "seau")],
)  # fmt: skip
def test_canonical_unit(word: str, unit: str) -> None:
    from intents.units import canonical_unit

    assert canonical_unit(word) == unit


FUNCTION_WORD_ALIASES = IntentMatcher(
    [
        Product(sku="RIZ", name="Riz brisé", aliases=["riz", "ceeb"], unit="sac"),
        Product(sku="MAIS", name="Maïs grain", aliases=["maïs", "mais"], unit="sac"),
        Product(sku="THE", name="Thé vert", aliases=["thé", "the", "ataaya"], unit="paquet"),
        Product(sku="LU", name="Biscuits LU", aliases=["lu"], unit="paquet"),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("g vendu 2 sac ceeb mais client va payer demain", "RIZ"),  # "mais" = but
        ("stock riz mais vite", "RIZ"),
        ("STOCK DU MAIS", "MAIS"),  # nothing else names a product: the maize
        ("vendu 3 sacs de maïs", "MAIS"),
        ("stock the", "THE"),
        ("what is the stock of rice ceeb", "RIZ"),
        ("lu des ci ceeb", "RIZ"),  # Wolof "lu" (what): rice is named
        ("stock lu", "LU"),  # nothing else names a product: the biscuits
    ],
)
def test_function_words_name_a_product_only_when_nothing_else_does(text: str, sku: str) -> None:
    result = FUNCTION_WORD_ALIASES.parse(text)
    assert (result.product, result.candidates) == (sku, [])


@pytest.mark.parametrize(
    ("text", "skus"),
    [
        ("lu des ci sukar", ["SUCRE-50", "SUCRE-MORCEAU"]),  # what is left of sugar
        ("lu des sukar bi", ["SUCRE-50", "SUCRE-MORCEAU"]),
        ("lu des ci kafe", ["CAFE-TOUBA"]),
    ],
)
def test_wolof_function_words_around_a_product_spelled_the_wolof_way(
    sample: IntentMatcher, text: str, skus: list[str]
) -> None:
    result = sample.parse(text)
    assert result.intent == Intent.STOCK_QUERY
    assert ([result.product] if result.product else result.candidates) == skus


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("stock bidon de 20", "HUILE-20L"),  # alias "bidon 20l"
        ("stock bidon de 5", "HUILE-5L"),
        ("vendu 2 bidons de 20", "HUILE-20L"),
    ],
)
def test_size_after_de_without_its_unit(store: IntentMatcher, text: str, sku: str) -> None:
    assert store.parse(text).product == sku


def test_container_and_size_without_a_product_word() -> None:
    matcher = IntentMatcher(
        [
            Product(sku="H20", name="Huile d'arachide 20L", aliases=["huile"], unit="bidon"),
            Product(sku="H5", name="Huile 5L", aliases=["huile"], unit="bidon"),
            Product(sku="E10", name="Eau 10L", aliases=["eau"], unit="bidon"),
            Product(sku="H1", name="Huile 1L", aliases=["huile"], unit="bouteille"),
        ]
    )
    assert matcher.parse("stock bidon de 20").product == "H20"
    assert matcher.parse("stock bidon 10l").product == "E10"
    assert matcher.parse("stock bidon").product is None


def test_a_unit_word_of_a_name_or_of_a_sale_names_the_product() -> None:
    matcher = IntentMatcher(
        [
            Product(sku="C33", name="Coca-Cola canette 33cl", aliases=["coca"], unit="pack"),
            Product(sku="C15", name="Coca-Cola 1.5L", aliases=["coca"], unit="pack"),
            Product(sku="C1", name="Coca-Cola 1L", aliases=["coca"], unit="casier"),
            Product(sku="E5", name="Eau Kirène 0.5L", aliases=["eau", "kirène"], unit="pack"),
            Product(
                sku="EP", name="Palette Kirène 1.5L", aliases=["palette kirene"], unit="palette"
            ),
        ]
    )
    # "canette" is a unit word, and a word of the can's name: it tells the two packs apart
    assert matcher.parse("vendu 2 packs coca canette").product == "C33"
    assert matcher.parse("stock coca canette").product == "C33"
    assert set(matcher.parse("vendu 2 packs coca").candidates) == {"C33", "C15"}
    # no water tied on "kirene" is sold by the pallet: the pallet, half named, is meant
    assert matcher.parse("received 2 pallets of kirene").product == "EP"
    assert matcher.parse("received 2 packs of kirene").product == "E5"


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("sold 2 bags of sugar cubes", "CUBES"),
        ("vendu 2 sacs de sucre morceaux", "CUBES"),
        ("vendu 2 sac de sucre en morceau", "CUBES"),
        ("sold 2 bags of sugar cube", "CUBES"),
        ("sold 2 bags of sugar", "POWDER"),
        ("vendu 2 paquets de sucre", "CUBES"),
    ],
)
def test_a_product_word_typed_wins_over_the_unit(text: str, sku: str) -> None:
    """`2 bags of sugar cubes`: the cubes, named by their words, not the sugar sold by the bag
    (the unit reached the product half named, leaving out `cubes`); the bag is asked about."""
    matcher = IntentMatcher(
        [
            Product("POWDER", "Sucre en poudre 50kg", ["sucre", "sucre poudre", "sugar"], "sac"),
            Product(
                "CUBES", "Sucre morceaux 1kg", ["sucre", "sucre morceaux", "sugar cubes"], "paquet"
            ),
        ]
    )
    assert matcher.parse(text).product == sku


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("sold 2 packets of sugar powder", "POWDER"),
        ("sold 2 packets of powder sugar", "POWDER"),
        ("sold 2 bags of sugar powder", "POWDER"),
        ("2 boxes of milk powder sold", "MILK"),
        ("sugar left?", "POWDER"),  # the owner's alias `sugar` names one product
    ],
)
def test_a_word_of_an_english_alias_is_also_its_french_word(text: str, sku: str) -> None:
    """`powder` is a word of the alias "milk powder", and the `poudre` of "Sucre en poudre": read
    only as the alias's word, the sugar lost it and the unit picked the cubes."""
    matcher = IntentMatcher(
        [
            Product("POWDER", "Sucre en poudre 50kg", ["sucre", "sucre poudre", "sugar"], "sac"),
            Product(
                "CUBES", "Sucre morceaux 1kg", ["sucre", "sucre morceaux", "sugar cubes"], "paquet"
            ),
            Product("MILK", "Lait en poudre 400g", ["lait", "lait poudre", "milk powder"], "boîte"),
        ]
    )
    assert matcher.parse(text).product == sku


def test_a_unit_word_of_an_alias_reaches_the_product_half_named() -> None:
    matcher = IntentMatcher(
        [
            Product(sku="PC", name="Poussins chair", aliases=["poussins", "chicks"], unit="pièce"),
            Product(
                sku="PK",
                name="Poussins chair carton de 100",
                aliases=["poussins", "box of chicks"],
                unit="carton",
            ),
        ]
    )
    # no chick tied on "chicks" is sold by the box, but "box" is a word of the carton's alias:
    # 3 boxes are 3 cartons, not 3 chicks
    assert matcher.parse("received 3 boxes of chicks").product == "PK"
    assert matcher.parse("received 30 chicks").product == "PC"


def test_decimal_sizes_are_one_size() -> None:
    matcher = IntentMatcher(
        [
            Product(sku="E15", name="Eau Kirène 1,5L", aliases=["eau", "kirène"], unit="pack"),
            Product(sku="E5", name="Eau Kirène 5L", aliases=["eau", "kirène"], unit="bidon"),
        ]
    )
    assert matcher.parse("stock kirène 1,5L").product == "E15"
    assert matcher.parse("stock eau 1.5 litre").product == "E15"
    assert matcher.parse("stock kirene 5l").product == "E5"


HARDWARE = IntentMatcher(
    [
        Product(sku="FIL-1.5", name="Fil électrique 1.5mm²",
                aliases=["fil", "fil électrique", "câble", "fil 1.5", "fil 1.5mm"], unit="rouleau"),
        Product(sku="FIL-2.5", name="Fil électrique 2.5mm²",
                aliases=["fil", "fil électrique", "câble", "fil 2.5", "fil 2.5mm"], unit="rouleau"),
        Product(sku="CABLE-10", name="Câble souple", aliases=["câble 10"], unit="rouleau"),
        Product(sku="FER-8", name="Fer à béton 8mm", aliases=["fer", "fer 8", "weñ"], unit="barre"),
        Product(sku="FER-12", name="Fer à béton 12mm", aliases=["fer", "fer 12", "weñ"],
                unit="barre"),
        Product(sku="TUYAU-3", name="Tuyau PVC 3m", aliases=["tuyau"], unit="piece"),
        Product(sku="TUYAU-6", name="Tuyau PVC 6m", aliases=["tuyau"], unit="piece"),
        Product(sku="HUILE", name="Huile 1L", aliases=["huile", "diw", "diwlin"], unit="bouteille"),
    ]
)  # fmt: skip

SIZES_ANYWHERE = [
    # a size that fits one candidate narrows the choice, wherever it stands, with any unit
    ("fil électrique 1,5 mm", "FIL-1.5"),
    ("fil électrique 1.5mm", "FIL-1.5"),
    ("fil électrique 2,5", "FIL-2.5"),
    ("câble 2.5 mm stock", "FIL-2.5"),
    ("stock fil 1,5 mm²", "FIL-1.5"),
    ("fer 12mm", "FER-12"),
    ("weñ 12 bi des na", "FER-12"),  # a bare number after the product, in a stock question
    ("fer à béton de 8 mm", "FER-8"),
    ("tuyau 3 mètres", "TUYAU-3"),
    ("stock tuyau de 6 m", "TUYAU-6"),
]


@pytest.mark.parametrize(("text", "sku"), SIZES_ANYWHERE)
def test_sizes_in_any_unit_narrow_the_candidates(text: str, sku: str) -> None:
    result = HARDWARE.parse(text)
    assert (result.intent, result.product, result.candidates) == ("stock_query", sku, [])


def test_a_size_fitting_no_candidate_leaves_the_tie() -> None:
    assert set(HARDWARE.parse("stock fil 4 mm").candidates) == {"FIL-1.5", "FIL-2.5"}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("dis moi ce qui va manquer", "low_stock"),  # "dis" is not a typo of the alias "diw"
        ("dis moi le stock", "stock_overview"),
        ("dit quoi", "unknown"),
        ("stock diw", "stock_query"),
        ("stock diwlin", "stock_query"),
    ],
)
def test_short_everyday_words_are_not_corrected_into_aliases(text: str, intent: str) -> None:
    result = HARDWARE.parse(text)
    assert result.intent == intent
    if intent != "stock_query":
        assert (result.product, result.candidates) == (None, [])


DEMO_LIKE = IntentMatcher(
    [
        Product(sku="LAIT", name="Lait en poudre 400g", aliases=["lait", "meew", "milk powder"]),
        Product(sku="H1", name="Huile Jadida 1L", aliases=["huile", "diwlin", "oil"]),
        Product(sku="H5", name="Huile Jadida 5L", aliases=["huile", "diwlin", "oil"]),
        Product(sku="SAVON", name="Savon de Marseille", aliases=["savon", "saabu", "soap"]),
        Product(sku="SARDINE", name="Sardines à l'huile", aliases=["sardine"]),
        Product(sku="RIZ", name="Riz brisé 50kg", aliases=["riz", "ceeb", "rice"]),
    ]
)

SUGGESTIONS = [
    # only products that really resemble the word, possibly none
    ("mil", []),  # shares two letters with "oil", and "milk" is longer: no resemblance
    ("banane", []),
    ("zzzz", []),
    ("rzz", ["RIZ"]),  # a changed letter
    ("savonette", ["SAVON"]),  # starts with a product word
    ("sardnes", ["SARDINE"]),
    ("sard", ["SARDINE"]),  # the start of a product word
    ("huille", ["H1", "H5", "SARDINE"]),  # the oils first, then "sardines à l'huile"
]


@pytest.mark.parametrize(("word", "skus"), SUGGESTIONS)
def test_suggestions_resemble_the_word(word: str, skus: list[str]) -> None:
    assert DEMO_LIKE.suggest(word) == skus


@pytest.mark.parametrize(
    ("typed", "word", "resembles"),
    [("rzz", "riz", True), ("mil", "oil", False), ("mil", "milk", False),
     ("savonette", "savon", True), ("sard", "sardine", True), ("sucer", "sucre", True),
     ("farine", "fanta", False), ("lait", "bait", False)],
)  # fmt: skip
def test_resembles(typed: str, word: str, resembles: bool) -> None:
    from intents.catalog import resembles as resembling

    assert resembling(typed, word) is resembles


NAMED_LIKE_MARKET_TALK = IntentMatcher(
    [
        Product(sku="RQ", name="Riz qualité supérieure", aliases=["riz qualité"], unit="sac"),
        Product(sku="RB", name="Riz brisé", aliases=["riz", "ceeb"], unit="sac"),
        Product(sku="GLUE", name="Glue Contact", aliases=["contact", "colle"], unit="tube"),
    ]
)


@pytest.mark.parametrize(
    ("text", "intent", "sku"),
    [
        # an off-topic word that is part of the product's name is the product's
        ("stock riz qualité", "stock_query", "RQ"),
        ("vendu 3 sacs riz qualité", "sale", "RQ"),
        ("stock contact", "stock_query", "GLUE"),
        ("vendu 2 contact", "sale", "GLUE"),
        # elsewhere it is still market talk
        ("le riz est de bonne qualité ?", "unknown", None),
        ("prix du riz qualité", "unknown", None),
    ],
)
def test_off_topic_words_inside_product_names(text: str, intent: str, sku: str | None) -> None:
    result = NAMED_LIKE_MARKET_TALK.parse(text)
    assert (result.intent, result.product) == (intent, sku)


SHOP = [
    Product("TOLE-BAC", "Tôle bac alu 3m", ("tôle", "tôle bac"), "feuille"),
    Product("TOLE-OND", "Tôle ondulée 2m", ("tôle", "tôle ondulée"), "feuille"),
    Product("PEINT-BLEUE", "Peinture bleue 5L", ("peinture",), "pot"),
    Product("PEINT-BLANCHE", "Peinture blanche 5L", ("peinture",), "pot"),
    Product("CARR-40", "Carreaux sol 40x40", ("carreaux", "tiles"), "carton"),
    Product("CARR-60", "Carreaux sol 60x60", ("carreaux", "tiles"), "carton"),
    Product("MATCHES", "Allumettes", ("matches",), "paquet"),
]


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("vendu 2 tole ondule", "TOLE-OND"),  # the other gender, unaccented: the same word
        ("stock peinture bleu", "PEINT-BLEUE"),
        ("stock carreaux 60x60", "CARR-60"),  # a dimension names its product
        ("sold 3 tiles 40×40", "CARR-40"),
    ],
)
def test_gender_variants_and_dimensions_name_the_product_confidently(text: str, sku: str) -> None:
    parsed = IntentMatcher(SHOP).parse(text)
    assert (parsed.product, parsed.score >= 0.8) == (sku, True), parsed


def test_an_english_word_is_no_gender_variant() -> None:
    assert IntentMatcher(SHOP).parse("qui a gagné le match").product is None


def test_a_number_after_a_misspelled_product_word_is_its_size() -> None:
    matcher = IntentMatcher(
        [
            Product("A10", "Arrosoir 10L", ["arrosoir"], unit="pièce"),
            Product("A15", "Arrosoir 15L", ["arrosoir"], unit="pièce"),
        ]
    )
    for text in ("vendu 2 arosoir 15", "vendu 2 arosoir 15 et 1 arrosoir 10"):
        parsed = matcher.parse_many(text)[0]
        assert (parsed.product, parsed.quantity) == ("A15", 2), text


def test_a_product_is_found_by_its_sku(store: IntentMatcher) -> None:
    entry = store.entry("HUILE-5L")
    assert entry is not None and entry.sku == "HUILE-5L" and entry.name.startswith("Huile")
    assert store.entry("huile-5l") is None and store.entry("NOPE") is None
