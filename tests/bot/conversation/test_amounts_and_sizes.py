"""Found in `stockbot chat`: an amount with its unit refers to the product just talked about
(`sold two bags` after the sugar's stock); a size word in a command narrows a family (`vendu 1
petit gaz`); the command typed again while "Quel produit ?" waits brings its own quantity."""

from __future__ import annotations

import pytest

from intents import Product
from intents.matcher import IntentMatcher
from state.matching import Offered
from tests.bot.conversation.conftest import Chat


def _speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


@pytest.mark.parametrize(
    ("lang", "sold", "offered"),
    [
        ("fr", "vendu deux sacs", "Enregistrer la vente de 2 sacs de Sucre en poudre 50kg ?"),
        ("fr", "j'en ai vendu 2 sacs", "Enregistrer la vente de 2 sacs de Sucre en poudre 50kg ?"),
        ("en", "sold two bags", "Record the sale of 2 bags of Sucre en poudre 50kg?"),
        ("wo", "jaay naa ñaari sac", "Ndax ma bind jaay bi : 2 sac Sucre en poudre 50kg ?"),
    ],
)
def test_an_amount_alone_is_about_the_product_just_talked_about(
    chat: Chat, lang: str, sold: str, offered: str
) -> None:
    _speaks(chat, lang)
    chat.say("stock sucre en poudre")
    out = chat.say(sold)
    assert out.startswith(offered), out


@pytest.mark.parametrize(
    ("lang", "sold", "offered"),
    [
        ("fr", "vendu 1 petit gaz", "Enregistrer la vente de 1 bouteille de gaz 6kg"),
        (
            "fr",
            "vendu 1 gaz le grand",
            "Enregistrer la vente de 1 bouteille de gaz 12",
        ),
        ("en", "sold 1 small gas", "Record the sale of 1 bottle of gaz 6kg"),
        ("wo", "jaay naa 1 gaz bu ndaw", "Ndax ma bind jaay bi : 1 bouteille de gaz 6kg"),
    ],
)
def test_a_size_word_in_a_command_narrows_the_family(
    chat: Chat, lang: str, sold: str, offered: str
) -> None:
    _speaks(chat, lang)
    out = chat.say(sold)
    assert out.startswith(offered), out


def test_a_size_word_in_every_name_does_not_narrow() -> None:
    matcher = IntentMatcher(
        [
            Product(sku="P4", name="Petit pois 400g", aliases=("petit pois",)),
            Product(sku="P8", name="Petit pois 800g", aliases=("petit pois",)),
        ]
    )
    assert Offered(["P4", "P8"], matcher).narrow("vendu 2 petit pois") == ("P4", "P8")


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("vendu 3 petit gaz", "Enregistrer la vente de 3 bouteilles de gaz 6kg"),
        ("vendu 3 gaz 6kg", "Enregistrer la vente de 3 bouteilles de gaz 6kg"),
        ("6kg", "Enregistrer la vente de 2 bouteilles de gaz 6kg"),
    ],
)
def test_the_command_again_under_which_product_brings_its_quantity(
    chat: Chat, typed: str, offered: str
) -> None:
    assert chat.say("vendu 2 gaz").startswith("Quel produit ?")
    out = chat.say(typed)
    assert out.startswith(offered), out
