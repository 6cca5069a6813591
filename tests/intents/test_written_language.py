"""Which language a message is clearly written in (`intents.written_language`)."""

from __future__ import annotations

import pytest

from intents import IntentMatcher, Product
from intents.cue_phrases import FINISHED_WORDS
from intents.cue_words import KEYWORD_VOCABULARY
from intents.stopwords import ENGLISH_MARKERS, STOPWORDS
from intents.units import UNIT_WORDS
from intents.written_language import ENGLISH_CUES, FRENCH_CUES, WOLOF_CUES, written_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("how much rice is left", "en"),
        ("sold 3 bags of sugar", "en"),
        ("How many bleach 1L left?", "en"),
        ("we received 10 cartons of milk today", "en"),
        ("il reste combien de riz ?", "fr"),
        ("vendu 3 sacs de sucre", "fr"),
        ("j'ai reçu 10 sacs de farine", "fr"),
        # a shop word of the other language
        ("il reste combien de rice ?", "fr"),
        ("how much riz is left", "en"),
        # `please` and `stp` are one word once read: the word typed says the language (a
        # `please` made « no I meant the small one please » mixed, answered in French)
        ("no I meant the small one please", "en"),
        ("sold 2 rice pls", "en"),
        ("vendu 3 riz stp", "fr"),
        ("vendu 3 riz svp", "fr"),
        # a word reporting what happened, never a command, and another word: a sentence (these
        # were no language: a first message of an English manager was answered in French)
        ("sold 3 sugar", "en"),
        ("2 sugar finish", "en"),
        ("3 rice gone", "en"),
        ("sugar finished", "en"),
        ("rice remaining?", "en"),
        ("received 5 cartons milo", "en"),
        ("vendu 3 riz", "fr"),
        ("reçu 10 sacs riz", "fr"),
        # an English greeting of two words (`hello` alone is said in French too)
        ("good morning", "en"),
        ("good evening boss", "en"),
    ],
)
def test_a_clear_sentence_has_its_language(text: str, language: str) -> None:
    assert written_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        # short, ambiguous, a product, a number, a word both languages use
        "ok",
        "yes",
        "oui",
        "no",
        "merci",
        "thanks",
        "hello",
        "5",
        "20 sacs",
        "stock riz",
        "stock rice",
        "sugar",
        "white sugar",
        "Riz brisé 50kg",
        "check riz",
        # the bot's command syntax: a command word, a product, a number
        "order 20 oil",
        "vente riz 2",
        "sell 3 sugar",
        "cool",
        # a reporting word alone
        "sold",
        "vendu",
        "gone",
        "all good",
        # mixed
        "sold 2 savon",
        "vendu 2 soap",
        "vendu 3 bags of rice",
        "vendu 3 bags de sucre",
        "je veux order 20 sacs de riz",
        # Wolof, even with French words in it
        "ceeb 50kg ñaata la des?",
        "jaay naa 2 sukar",
        "waaw commande bi",
        # language requests are choices, not writing
        "english please",
        "parle français",
    ],
)
def test_an_unclear_message_has_no_language(text: str) -> None:
    assert written_language(text) is None


def test_words_of_the_catalog_names_are_not_english() -> None:
    matcher = IntentMatcher([Product(sku="THE", name="Thé vert", aliases=["the"])])
    assert written_language("stock the vert", matcher.name_words) is None
    assert written_language("is the tea left", matcher.name_words) == "en"


def test_the_cue_words_are_the_parser_s_own() -> None:
    known = KEYWORD_VOCABULARY | STOPWORDS | ENGLISH_MARKERS | UNIT_WORDS | FINISHED_WORDS
    assert known >= ENGLISH_CUES, sorted(ENGLISH_CUES - known)
    assert known >= FRENCH_CUES, sorted(FRENCH_CUES - known)
    assert not (ENGLISH_CUES & FRENCH_CUES)
    assert not ((ENGLISH_CUES | FRENCH_CUES) & WOLOF_CUES)
