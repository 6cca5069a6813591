"""Thanks and goodbyes read as such (`intents.requests.talk`)."""

from __future__ import annotations

import pytest

from intents.requests import RequestKind, read_request


@pytest.mark.parametrize(
    "text",
    [
        "jerejef waay, ba suba inchallah",
        "jërëjëf waay",
        "merci chef",
        "ok merci",
        "good night",
        # nothing more asked (it was a greeting, « Bonjour 👋 »)
        "rien merci",
        "rien d'autre merci",
        "nothing else, thanks",
        "dara, jërëjëf",
    ],
)
def test_thanks_with_the_words_said_around_them(text: str) -> None:
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.THANKS


@pytest.mark.parametrize(
    "text",
    ["waay", "stock ba", "non merci", "good morning boss", "good afternoon"],
)
def test_no_thanks_without_a_thank_or_a_goodbye(text: str) -> None:
    """`good morning` opens a talk: it got « Avec plaisir » as if it closed one."""
    request = read_request(text)
    assert request is None or request.kind is not RequestKind.THANKS


@pytest.mark.parametrize(
    "text",
    [
        "prix du riz",
        "combien coute le sucre ?",
        "c'est quoi le tarif de l'huile",
        "how much does the oil cost",
        "price of sugar",
        "njëg ceeb bi",
    ],
)
def test_a_price_asked(text: str) -> None:
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.PRICE


@pytest.mark.parametrize("text", ["vendu 2 riz a 15000 prix du sac", "stock riz", "riz 3"])
def test_no_price_with_a_number_or_without_a_price_word(text: str) -> None:
    request = read_request(text)
    assert request is None or request.kind is not RequestKind.PRICE


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("les ventes de cette semaine cest combien", "week"),
        ("c'est combien les ventes du jour ?", "day"),
        ("les livraisons d'hier ça fait combien", "yesterday"),
    ],
)
def test_how_much_said_of_what_moved_is_its_summary(text: str, period: str) -> None:
    """`c'est combien` of the sales or arrivals asks what moved (it got « Je ne connais pas les
    prix »); said of a product alone it still asks a price."""
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.SUMMARY, request
    assert request.period == period
    price = read_request("c'est combien le sac de riz")
    assert price is not None and price.kind is RequestKind.PRICE


@pytest.mark.parametrize(
    "text",
    [
        "réponds dans la langue où j'écris",
        "parle comme moi",
        "parle comme moi stp",
        "écris-moi dans la langue que j'utilise",
        "answer in the language I write",
        "reply in whatever language I use",
        "talk like me please",
        "same language as me",
        "langue auto",
        "langue automatique",
    ],
)
def test_the_language_written_asked_for(text: str) -> None:
    found = read_request(text)
    assert found is not None and found.kind is RequestKind.LANGUAGE, text
    assert found.language is None  # none named: the one written


@pytest.mark.parametrize(
    "text", ["comme je veux", "vendu comme moi", "as I said 3 rice", "j'écris", "english please"]
)
def test_no_language_written_asked_for(text: str) -> None:
    found = read_request(text)
    assert found is None or found.language is not None, text
