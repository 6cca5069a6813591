"""A correction while another question waits (`non c'est 4 savon` while "Quel produit ?" asks
about the sugar line): the question comes again, saying first what changed."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements

CASES = [
    # lang, sale, correction, noted, question, answer, yes
    (
        "fr",
        "vendu 2 savon et 3 sucre",
        "non c'est 4 savon",
        "C'est noté : 4 cartons de Savon de Marseille.",
        "Ligne 2 (sucre) : Quel produit ?",
        "poudre",
        "oui",
    ),
    (
        "en",
        "sold 2 soap and 3 sucre",
        "no its 4 soap",
        "Noted: 4 cartons of Savon de Marseille.",
        "Line 2 (sucre): Which product?",
        "the 50kg",
        "yes",
    ),
    (
        "wo",
        "jaay naa 2 saabu ak 3 sucre",
        "deedeet 4 saabu",
        "Bind naa ko : 4 carton Savon de Marseille.",
        "Ban produit",
        "poudre",
        "waaw",
    ),
]


def _speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


@pytest.mark.parametrize(("lang", "sale", "fix", "noted", "question", "answer", "yes"), CASES)
def test_the_question_again_says_what_changed(
    chat: Chat, lang: str, sale: str, fix: str, noted: str, question: str, answer: str, yes: str
) -> None:
    _speaks(chat, lang)
    asked = chat.say(sale)
    assert question in asked, asked
    out = chat.say(fix)
    assert out.startswith(noted + "\n"), out
    assert question in out and "Sucre en poudre 50kg" in out, out
    chat.say(answer)
    chat.say(yes)
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == [("SAVON-MARSEILLE", "sale", -4)]
    assert movements(chat.session, "SUCRE-50")[1:] == [("SUCRE-50", "sale", -3)]


def test_a_bare_quantity_is_for_the_line_asked_about(chat: Chat) -> None:
    chat.say("vendu 2 savon et 3 sucre")
    out = chat.say("non c'est 5")
    assert out.startswith("C'est noté : 5 pour « sucre ».\nLigne 2 (sucre) : Quel produit ?"), out
    assert chat.say("poudre").startswith(
        "Enregistrer la vente : 2 cartons de Savon de Marseille, 5 sacs de Sucre en poudre 50kg"
    )


def test_a_confirmation_shows_the_change_itself(chat: Chat) -> None:
    chat.say("vendu 5 sacs de riz")
    assert chat.say("non c'est 4") == (
        "Enregistrer la vente de 4 sacs de Riz brisé 50kg ?\n[Oui]\n[Modifier]\n[Non]"
    )


@pytest.mark.parametrize(
    ("language", "sold", "fix", "noted"),
    [
        ("fr", "vendu 2 gaz", "non c'est 3", "C'est noté : 3 bouteilles pour « gaz »."),
        ("en", "sold 2 gaz", "no it's 3", "Noted: 3 bottles for “gaz”."),
        ("wo", "jaay naa 2 gaz", "deedeet 3", "Bind naa ko : 3 bouteille ci « gaz »."),
        ("fr", "reçu 20 sucre", "non c'est 25", "C'est noté : 25 pour « sucre »."),
        ("en", "received 20 huile", "no it is 25", "Noted: 25 for “huile”."),
    ],
)
def test_a_quantity_noted_before_the_product_is_chosen_reads_naturally(
    chat: Chat, language: str, sold: str, fix: str, noted: str
) -> None:
    """The product still to be chosen: the words typed, with the unit when every product they
    may be is counted in it ("C'est noté : 25 sucre." read as a bare amount and a nickname)."""
    if language != "fr":
        chat.say({"en": "english", "wo": "wolof"}[language])
    chat.say(sold)
    out = chat.say(fix)
    assert out.startswith(noted + "\n"), out
