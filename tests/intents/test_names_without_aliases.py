"""Catalogs imported without aliases, as owners write them: a name typed with words left out
(`bazin bleu` for "Bazin riche bleu", `coca 1.5` for "Coca-Cola 1,5L") is taken at once when its
words are that product's alone; it is still asked about when another name holds them too, when
a word typed is none of the name, or when it is only read through typos."""

from __future__ import annotations

import pytest

from intents import CONFIDENT, MIDDLING, Intent, IntentMatcher, Product
from intents.normalize import tokenize

DEPOT = IntentMatcher(
    [
        Product("COCA-15", "Coca-Cola 1,5L", (), "pack"),
        Product("COCA-33", "Coca-Cola canette 33cl", (), "carton"),
        Product("FANTA-15", "Fanta orange 1,5L", (), "pack"),
        Product("KIRENE-15", "Eau minérale Kirène 1,5L", (), "pack"),
        Product("KIRENE-10", "Eau minérale Kirène 10L", (), "bidon"),
        Product("NIDO", "Lait en poudre Nido 400g", (), "boîte"),
        Product("BONNET", "Lait concentré sucré Bonnet Rouge 397g", (), "boîte"),
        Product("SUCRE", "Sucre en poudre 1kg", (), "paquet"),
        Product("BAZIN-BLEU", "Bazin riche bleu", (), "mètre"),
        Product("BAZIN-BLANC", "Bazin riche blanc brodé", (), "mètre"),
        Product("PARFUM", "Parfum Dakar Nuit eau de toilette 100ml", (), "flacon"),
    ]
)


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("bazin bleu", "BAZIN-BLEU"),
        ("bleu bazin", "BAZIN-BLEU"),  # in any order
        ("bazin blanc", "BAZIN-BLANC"),
        ("coca 1.5", "COCA-15"),
        ("coca 1,5", "COCA-15"),
        ("coca 1,5l", "COCA-15"),
        ("coca canette", "COCA-33"),  # a unit word of the name narrows as its other words do
        ("lait nido", "NIDO"),
        ("nido 400g", "NIDO"),
        ("nido400g", "NIDO"),
        ("lait bonet", "BONNET"),  # a typo beside a word typed right
        ("kirene 10l", "KIRENE-10"),
        ("lait bonnet rouge", "BONNET"),
        ("le nido stp", "NIDO"),
        ("dakar nuit", "PARFUM"),
    ],
)
def test_words_of_one_name_only_are_taken_without_asking(text: str, sku: str) -> None:
    parsed = DEPOT.parse(text)
    assert (parsed.intent, parsed.product) == (Intent.STOCK_QUERY, sku)
    assert parsed.score >= CONFIDENT, parsed


@pytest.mark.parametrize(
    ("text", "sku", "quantity"),
    [
        ("vendu 2 coca 1.5", "COCA-15", 2),
        ("vendu 3m bazin bleu", "BAZIN-BLEU", 3),
        ("recu 10 packs kirene 1.5", "KIRENE-15", 10),
        ("vendu 2 canettes coca", "COCA-33", 2),
    ],
)
def test_a_movement_of_one_name_only_is_taken_without_asking(
    text: str, sku: str, quantity: int
) -> None:
    parsed = DEPOT.parse(text)
    assert (parsed.product, parsed.quantity) == (sku, quantity)
    assert parsed.score >= CONFIDENT, parsed


@pytest.mark.parametrize(
    "text",
    [
        "recu 10 bidons kirene",  # both Kirène hold `kirene`: the unit of sale alone narrows
        "2 paquets de sucre",  # `sucre` is the sugar's and the sweetened milk's
        "vendu 2 nido pour moussa",  # a word none of the name
        "stock bazin bleu ciel",
        "vendu 2 bonet",  # read through a typo only
        "stock water 10l",  # or a translation only
        "je suis a dakar",  # a sentence with no command, naming the place
    ],
)
def test_words_another_name_holds_or_none_of_it_are_still_asked(text: str) -> None:
    parsed = DEPOT.parse(text)
    assert parsed.product is not None, parsed
    assert MIDDLING <= parsed.score < CONFIDENT, parsed


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("bazin", ["BAZIN-BLANC", "BAZIN-BLEU"]),
        ("coca", ["COCA-15", "COCA-33"]),
    ],
)
def test_a_word_of_several_names_still_lists_them(text: str, candidates: list[str]) -> None:
    parsed = DEPOT.parse(text)
    assert (parsed.product, sorted(parsed.candidates)) == (None, candidates)
    assert parsed.score < CONFIDENT


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("coca1.5", ["coca", "1.5"]),
        ("coca1,5l", ["coca", "1.5l"]),
        ("kirene1,5 stp", ["kirene", "1.5", "stp"]),
    ],
)
def test_a_decimal_size_glued_to_a_name_is_its_own_word(text: str, keys: list[str]) -> None:
    assert [t.key for t in tokenize(text)] == keys


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("jaay naa ñaar fanta", 2),  # Wolof numbers: words of the amount, not unknown ones
        ("vendu fukk ak juroom bazin bleu", 15),
        ("vendu un pack et demi de fanta", None),  # half a pack: the amount asked, still sure
        ("sold a pack and a half of fanta", None),
    ],
)
def test_number_words_leave_a_partial_name_sure(text: str, quantity: int | None) -> None:
    parsed = DEPOT.parse(text)
    assert (parsed.intent, parsed.quantity) == (Intent.SALE, quantity)
    assert parsed.score >= CONFIDENT, parsed


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("the fanta is finished", "FANTA-15"),  # an English sentence, yet no small talk
        ("le nido est fini", "NIDO"),  # `fini` is no unknown word
        ("les bazins bleus sont finis", "BAZIN-BLEU"),
    ],
)
def test_a_product_said_finished_is_named(text: str, sku: str) -> None:
    parsed = DEPOT.parse(text)
    assert (parsed.intent, parsed.product) == (Intent.STOCK_QUERY, sku)
    assert parsed.score >= MIDDLING, parsed
