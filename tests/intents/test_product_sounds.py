"""Product names written as they sound (Wolof speakers' French, SMS): too far from the name to
be a typo, read as the product and asked about (« Vouliez-vous dire … ? »), never silently."""

from __future__ import annotations

import pytest

from intents import Intent, IntentMatcher, Product
from intents.models import CONFIDENT, MIDDLING
from intents.sounds import SoundIndex, spoken

SHOP = IntentMatcher([
    # mercerie
    Product("CIS", "Ciseaux de couture", ["ciseaux"], "pièce"),
    Product("ELA", "Élastique blanc", ["élastique"], "mètre"),
    Product("BOB", "Bobine de fil", ["bobine", "fil à coudre"], "pièce"),
    Product("COR", "Corbeille à ouvrage", ["corbeille"], "pièce"),
    # quincaillerie
    Product("CAD", "Cadenas laiton 40mm", ["cadenas"], "pièce"),
    Product("TUY", "Tuyau d'arrosage", ["tuyau"], "mètre"),
    Product("ECR", "Écrou M10", ["écrou"], "boîte"),
    Product("AMP", "Ampoule LED 9W", ["ampoule"], "pièce"),
    Product("PHO", "Phosphate engrais 25kg", ["phosphate"], "sac"),
    Product("CAR", "Carotte", [], "kg"),
    Product("ZIN", "Tôle zinc", ["zinc"], "feuille"),
    # gaz
    Product("BOU", "Bouteille de gaz 12kg", ["bouteille", "gaz 12"], "bouteille"),
    Product("DET", "Détendeur gaz", ["détendeur"], "pièce"),
])  # fmt: skip


@pytest.mark.parametrize(
    ("message", "sku"),
    [
        ("vendu 2 sizo", "CIS"),  # c/s/z, eaux heard o
        ("stock kadna", "CAD"),  # k for c, a vowel dropped, silent s
        ("recu 3 touyo", "TUY"),  # ou/u, y, au heard o
        ("vendu 4 lekrou", "ECR"),  # l' glued on, k, ou
        ("vendu 2 zanpoul", "AMP"),  # z' glued on, an for am, ou
        ("recu 10 fosfat", "PHO"),  # ph/f, silent e
        ("stock lelastik", "ELA"),  # l' glued on, qu/k
        ("vendu 1 korbey", "COR"),  # eille heard ey
        ("vendu 2 detandere", "DET"),  # en heard an, a vowel added
        ("vendu 2 filakoudre", "BOB"),  # a name of three words typed as one
    ],
)
def test_a_name_typed_as_heard_is_asked_about(message: str, sku: str) -> None:
    parsed = SHOP.parse(message)
    assert parsed.intent is not Intent.UNKNOWN
    assert parsed.product == sku or sku in parsed.candidates
    assert MIDDLING <= parsed.score < CONFIDENT  # « Vouliez-vous dire … ? », not recorded
    assert sku in SHOP.suggest(message)


@pytest.mark.parametrize(
    "message",
    [
        "vendu 2 carreau",  # one consonant less than carotte: another word
        "vendu cinq",  # a number word, never the zinc
        "stok kombien",  # keywords spelled as heard stay keywords
        "vendu 2 kg",  # a unit
        "vendu 2 boutey",  # a unit word as heard: no product either
        "vendu 2 sis",  # under four letters: too many words sound alike
    ],
)
def test_no_product_is_heard_in_other_words(message: str) -> None:
    parsed = SHOP.parse(message)
    assert parsed.product is None and not parsed.candidates


def test_a_word_spelled_right_or_a_typo_is_not_a_sound_match() -> None:
    assert SHOP.parse("vendu 2 cadenas").score >= CONFIDENT
    assert SHOP.parse("vendu 2 cadenaz").product == "CAD"  # a typo, as before


def test_sound_keys() -> None:
    assert spoken("ciment") == spoken("ciman")
    assert spoken("oignon") == spoken("ognon")
    assert spoken("carreau") != spoken("carotte")
    index = SoundIndex(["savon", "carotte", "bouillon"])
    assert index.words("sabon") == ("savon",)
    assert index.words("bouyon") == ("bouillon",)
    assert index.words("karo") == ()
    assert index.words("lsavon") == ()  # a glued article only before a vowel


def test_an_article_glued_on_a_name_spelled_right_is_that_name() -> None:
    parsed = SHOP.parse("vendu 3 lecrou")  # l'écrou, apostrophe left out: no question
    assert parsed.product == "ECR" and parsed.score >= CONFIDENT
