"""A one-word alias that names a product family by another word (`ceeb` for the broken rice,
`rice`): words beside it narrow the choice as they would beside the family's own word, so
`ceeb parfumé` is the scented rice, not the broken rice the alias alone names."""

from __future__ import annotations

import pytest

from intents import Product
from intents.matcher import IntentMatcher
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements

CASES = [
    ("fr", "vendu 2 ceeb parfumé", "Enregistrer la vente de 2 sacs de Riz parfumé 25kg ?", "oui"),
    ("en", "sold 2 bags of rice parfumé", "Record the sale of 2 bags of Riz parfumé 25kg?", "yes"),
    ("wo", "jaay naa 2 ceeb parfumé", "Ndax ma bind jaay bi : 2 sac Riz parfumé 25kg ?", "waaw"),
    ("wo", "jaay naa 2 ceeb bu parfumé", "Ndax ma bind jaay bi : 2 sac Riz parfumé 25kg ?", "waaw"),
]


@pytest.mark.parametrize(("lang", "typed", "offered", "yes"), CASES)
def test_words_beside_the_nickname_narrow(
    chat: Chat, lang: str, typed: str, offered: str, yes: str
) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()
    out = chat.say(typed)
    assert out.startswith(offered), out
    chat.say(yes)
    assert movements(chat.session, "RIZ-PARFUME-25")[1:] == [("RIZ-PARFUME-25", "sale", -2)]
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []


@pytest.mark.parametrize(
    ("typed", "named", "not_named"),
    [
        ("stock ceeb", "Riz brisé 50kg", "parfumé"),  # the nickname alone is still its product
        ("stock ceeb parfumé", "Riz parfumé 25kg", "brisé"),
        ("ceeb 25kg ñaata la des", "Riz parfumé 25kg", "brisé"),  # a size narrows the family
    ],
)
def test_stock_questions(chat: Chat, typed: str, named: str, not_named: str) -> None:
    out = chat.say(typed)
    assert named in out and not_named not in out, out


def _product(sku: str, name: str, aliases: str) -> Product:
    return Product(sku=sku, name=name, aliases=tuple(aliases.split("|")))


def test_in_another_catalogue_the_family_narrows_by_its_other_words() -> None:
    matcher = IntentMatcher(
        [
            _product("BRISE", "Riz brisé 50kg", "riz brisé|ceeb|ceeb bi"),
            _product("PARFUME", "Riz parfumé 25kg", "riz parfumé|riz thaï"),
            _product("THAI", "Riz thaï 5kg", "riz thaï 5kg"),
            _product("HUILE", "Huile Niinal 1L", "huile|diwlin"),
        ]
    )
    assert matcher.parse("stock ceeb").product == "BRISE"
    assert matcher.parse("ceeb parfumé").product == "PARFUME"
    assert matcher.parse("vendu 3 ceeb parfume").product == "PARFUME"
    assert matcher.parse("diwlin").product == "HUILE"
