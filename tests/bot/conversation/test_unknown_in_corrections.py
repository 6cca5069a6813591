"""A correction naming a product the shop does not have (`non c'est 3 banane` while a line of
soap waits) changes nothing: the reply says the product is unknown and asks the same question."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements

UNKNOWN = {
    "fr": "Je ne trouve pas « {w} » dans ce magasin : rien n'est changé.",
    "en": "I cannot find “{w}” in this shop: nothing changed.",
    "wo": "Gisuma « {w} » ci bitig bi : dara soppiku wul.",
}
SALE = {"fr": "vendu 2 savon", "en": "sold 2 soap", "wo": "jaay naa 2 saabu"}
YES = {"fr": "oui", "en": "yes", "wo": "waaw"}


def _speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


@pytest.mark.parametrize(
    ("lang", "typed", "word"),
    [
        ("fr", "non c'est 3 banane", "banane"),
        ("fr", "plutôt 3 bananes", "banane"),
        ("fr", "non 3 mangues", "mangue"),
        ("en", "no its 3 apples", "apple"),
        ("en", "no, 3 bananas", "banana"),
        ("wo", "deedeet, 3 banaana", "banaana"),
    ],
)
def test_the_confirmation_waits_unchanged(chat: Chat, lang: str, typed: str, word: str) -> None:
    _speaks(chat, lang)
    asked = chat.say(SALE[lang])
    out = chat.say(typed)
    assert out == UNKNOWN[lang].format(w=word) + "\n" + asked
    chat.say(YES[lang])
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == [("SAVON-MARSEILLE", "sale", -2)]


@pytest.mark.parametrize(
    ("lang", "sale", "typed", "word", "answer"),
    [
        ("fr", "vendu 5 sucre", "non c'est 3 banane", "banane", "poudre"),
        ("en", "sold 5 sucre", "no its 3 apples", "apple", "the 50kg"),
        ("wo", "jaay naa 5 suukar", "deedeet 3 banaana", "banaana", "poudre"),
    ],
)
def test_the_product_question_waits_unchanged(
    chat: Chat, lang: str, sale: str, typed: str, word: str, answer: str
) -> None:
    _speaks(chat, lang)
    asked = chat.say(sale)
    assert out_is(chat.say(typed), UNKNOWN[lang].format(w=word) + "\n" + asked)
    chat.say(answer)
    chat.say(YES[lang])
    assert movements(chat.session, "SUCRE-50")[1:] == [("SUCRE-50", "sale", -5)]


def out_is(out: str, expected: str) -> bool:
    assert out == expected
    return True


def test_a_known_product_still_corrects_its_line(chat: Chat) -> None:
    chat.say("vendu 2 savon et 3 riz parfumé")
    out = chat.say("non c'est 4 savon")
    assert "4 cartons de Savon de Marseille" in out, out
