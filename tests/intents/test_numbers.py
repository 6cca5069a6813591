"""Numbers as written in Senegal: number words in French, English and Wolof (read by text2num
and wolof-numbers), thousands separators, and numbers that are no quantity as written."""

from __future__ import annotations

import pytest

from intents import QUANTITY_ISSUES, IntentMatcher, read_quantity
from intents.numbers import code_digits

from .conftest import FIXTURES


def _table(name: str) -> list[list[str]]:
    lines = (FIXTURES / name).read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _value(cell: str) -> int | None:
    return None if cell == "-" else int(cell)


WOLOF = _table("wolof_numerals.tsv")
WORDS = _table("number_words.tsv")
AS_WRITTEN = _table("quantities_as_written.tsv")


def test_the_tables_are_large_enough() -> None:
    assert len(WOLOF) >= 60 and len(WORDS) >= 60 and len(AS_WRITTEN) >= 20
    assert {row[2] for row in AS_WRITTEN} - {"-"} == set(QUANTITY_ISSUES)


@pytest.mark.parametrize(("text", "value"), WOLOF, ids=[row[0] for row in WOLOF])
def test_wolof_numeral(text: str, value: str) -> None:
    assert read_quantity(text).value == int(value)


@pytest.mark.parametrize(("text", "value"), WORDS, ids=[row[0] for row in WORDS])
def test_french_and_english_number_words(text: str, value: str) -> None:
    assert read_quantity(text).value == _value(value)


@pytest.mark.parametrize(("text", "quantity", "issue"), AS_WRITTEN, ids=[r[0] for r in AS_WRITTEN])
def test_quantity_as_written(store: IntentMatcher, text: str, quantity: str, issue: str) -> None:
    result = store.parse(text)
    assert result.intent in {"sale", "receipt", "restock"}
    assert (result.quantity, result.quantity_issue) == (_value(quantity), _value_or(issue))


def _value_or(cell: str) -> str | None:
    return None if cell == "-" else cell


@pytest.mark.parametrize(
    ("answer", "value", "issue"),
    [
        ("12", 12, None),
        ("1 000", 1000, None),
        ("1.000", 1000, None),
        ("1\u202f000", 1000, None),  # narrow no-break space, as phones type it
        ("1\u00a0000 sacs", 1000, None),
        ("un", 1, None),  # alone, an answer to "Combien ?" is one
        ("benn", 1, None),
        ("-3", None, "negative"),
        ("3-4", None, "range"),
        ("3 à 4", None, "range"),
        ("2 ou 3 sacs", None, "range"),
        ("1e9", None, "exponent"),
        ("2,5", None, "decimal"),
        ("2.5 sacs", None, "decimal"),
        ("0", None, "zero"),
        ("zéro", None, "zero"),
        ("150 000", None, "too_big"),
        ("ñaar ñett", None, "ambiguous"),  # two or three? asked, not added up
        ("une dizaine", None, None),
    ],
)
def test_a_bare_answer(answer: str, value: int | None, issue: str | None) -> None:
    quantity = read_quantity(answer)
    assert (quantity.value, quantity.issue) == (value, issue)


@pytest.mark.parametrize(
    "text",
    [
        "vendu 3 sacs de riz à 1 500 f",  # a price with a thousands space
        "vendu 3 sacs de riz à 150000",  # a price above the maximum, not the quantity
        "vendu 2 bidons d'eau 1,5l",  # a decimal size
        "vendu 3 sacs de riz à 15000",  # "à": a price, far above 3, not a range
    ],
)
def test_a_price_or_a_size_next_to_the_quantity_raises_no_issue(
    store: IntentMatcher, text: str
) -> None:
    result = store.parse(text)
    assert result.quantity_issue is None
    assert result.quantity is not None


def test_a_thousands_space_before_a_size_is_two_numbers(store: IntentMatcher) -> None:
    # "2 250g" is two of a 250 g product, not 2,250 of something
    assert read_quantity("2 250g").value == 2


def test_a_phone_number_is_no_range(store: IntentMatcher) -> None:
    result = store.parse("vendu 3 sacs de riz, appelle le 77-123-45-67")
    assert (result.quantity, result.quantity_issue) == (3, None)


def test_stock_questions_carry_no_quantity_issue(store: IntentMatcher) -> None:
    result = store.parse("il reste 3-4 sacs de riz ?")
    assert (result.intent, result.quantity, result.quantity_issue) == ("stock_query", None, None)


def test_demi_in_a_product_name_is_no_fraction() -> None:
    from intents import Product

    matcher = IntentMatcher(
        [Product("LAIT-DEMI", "Lait demi-écrémé 1L", ["lait demi écrémé"], "bouteille")]
    )
    result = matcher.parse("vendu 4 lait demi écrémé")
    assert (result.product, result.quantity, result.quantity_issue) == ("LAIT-DEMI", 4, None)


@pytest.mark.parametrize(("answer", "value"), [("7 kilos", 7), ("15 kg", 15), ("5 litres", 5)])
def test_a_measure_answers_how_many(answer: str, value: int) -> None:
    # "Combien de kg ?" -> "7 kilos": the measure is the count asked for
    assert read_quantity(answer).value == value


def test_a_size_after_a_determiner_names_the_product() -> None:
    from intents import Product

    matcher = IntentMatcher(
        [
            Product("EAU-05", "Eau Kirène 0,5L", ["eau", "kirene"], "carton"),
            Product("EAU-15", "Eau Kirène 1,5L", ["eau", "kirene"], "carton"),
        ]
    )
    assert matcher.parse("la 1,5").product == "EAU-15"
    assert matcher.parse("celle de 0,5").product == "EAU-05"
    # alone, a decimal or a measure may answer "how many?": no product then
    assert (matcher.parse("1,5").product, matcher.parse("1,5").quantity_issue) == (None, "decimal")
    assert matcher.parse("7 kilos").product is None


@pytest.mark.parametrize(
    ("text", "value"), [("1 000 kg", 1000), ("1 000kg", 1000), ("12 000 sacs", 12000)]
)
def test_a_thousands_space_before_a_unit_apart_or_a_round_size_is_one_number(
    text: str, value: int
) -> None:
    assert read_quantity(text).value == value


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("alert(1)", {"1"}),
        ("<b>2</b>", {"2"}),
        ("id=3", {"3"}),
        ("alert(1) 1", set()),  # the 1 typed alone too: a count
        ("riz: 3", set()),
        ("n°2", set()),
        ("(3)", set()),
        ("x3", set()),
        ("3x", set()),
        ("20w50", {"20", "50"}),
    ],
)
def test_a_number_glued_through_markup_is_a_code(text: str, codes: set[str]) -> None:
    assert code_digits(text) == codes


@pytest.mark.parametrize(("text", "value"), [("foo(2)", None), ("<b>2</b>", None), ("(2)", 2)])
def test_a_number_glued_through_markup_is_no_quantity_answer(text: str, value: int | None) -> None:
    assert read_quantity(text).value == value


@pytest.mark.parametrize(("text", "value"), [("riz(3)", 3), ("riz[3]", 3), ("foo(2)", None)])
def test_a_count_in_brackets_after_a_name_is_a_quantity_answer(
    text: str, value: int | None
) -> None:
    assert read_quantity(text, names={"riz"}).value == value
