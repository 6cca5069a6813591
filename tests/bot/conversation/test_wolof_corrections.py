"""A number taken back in Wolof (`du 4, 5 la`, `du 4 dafa doon 5`, `du 4 waaye 5`: not 4, it
is 5) or with an `actually` after a no (`not 4 actually 5`, `pas 4 en fait 5`): at « Enregistrer
la vente de 4 … ? » `du 4 …` was read as the stock of « 4 » (the sale dropped), right after the
recording it and the `actually` ones were a count of the product « du 4 » / « not 4 » (« Je ne
trouve pas « 4 » »). Now 5 is the quantity meant."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat

_WOLOF = ["du 4 dafa doon 5", "du 4, 5 la", "du 4 waaye 5"]


@pytest.mark.parametrize("typed", _WOLOF)
def test_at_the_question(chat: Chat, typed: str) -> None:
    chat.say("jaay naa 4 savon")
    out = chat.say(typed)
    assert out.startswith("Enregistrer la vente de 5 cartons de Savon de Marseille ?"), out


@pytest.mark.parametrize("typed", [*_WOLOF, "not 4 actually 5", "pas 4 en fait 5"])
def test_right_after_the_recording(chat: Chat, typed: str) -> None:
    chat.say("vendu 4 savon")
    chat.say("oui")
    out = chat.say(typed)
    assert out.startswith("Corriger la vente de 4 cartons de Savon de Marseille"), out
    assert "en 5 cartons ?" in out, out


@pytest.mark.parametrize(
    ("product", "typed", "picked"),
    [
        ("gaz", "du 12", "2 bouteilles de gaz 12kg"),
        ("huile", "du 20", "2 bidons d'Huile d'arachide"),
    ],
)
def test_a_french_du_and_one_number_picks_the_size(
    chat: Chat, product: str, typed: str, picked: str
) -> None:
    """Reviewer's find: `du 12` at « Quel produit ? » was read as the Wolof « not 12 » and the
    quantity became 12; it is French for the 12 kg one."""
    chat.say(f"vendu 2 {product}")
    assert picked in chat.say(typed)
