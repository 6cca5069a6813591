"""« Je ne trouve pas « … » » quotes the product words the manager typed, not the amount typed
before them (a number glued to its unit: `10m`, `2kg`, `5l`, `33cl`; or a unit that only
measures: `pièces`, `kg`, `mètres`; or a container the product's words follow: `3 sacs de
piment`)."""

from __future__ import annotations

import pytest

from state.flows.moves.settle import shown_words
from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize(
    ("said", "quoted"),
    [
        ("vendu 10m dentelle", "Je ne trouve pas « dentelle »."),
        ("I sold 10m of lace", "I cannot find “lace”."),
        ("stock 5l dentelle", "Je ne trouve pas « dentelle »."),
        ("reçu 33cl dentelle", "Je ne trouve pas « dentelle »."),
        ("vendu 2,5kg poivre", "Je ne trouve pas « poivre »"),
        ("vendu 10 mètres de dentelle", "Je ne trouve pas « dentelle »."),
        ("vendu 3 pièces de dentelle brodée", "Je ne trouve pas « dentelle brodée »."),
        # a container before the product's words (it quoted « sacs piment », « bags starter
        # feed »)
        ("reçu 3 sacs de piment", "Je ne trouve pas « piment »."),
        ("received 5 bags of starter feed", "I cannot find “starter feed”."),
    ],
)
def test_the_amount_is_not_quoted(chat: Chat, said: str, quoted: str) -> None:
    out = chat.say(said)
    assert out.startswith(quoted), out


def test_a_line_of_several_is_named_by_its_product_words(chat: Chat) -> None:
    out = chat.say("vendu 2 riz et 3 pièces de dentelle brodée")
    assert out.startswith("Ligne 2 (dentelle brodée) : Je ne trouve pas « dentelle brodée »."), out
    assert chat.say("passer").startswith("« dentelle brodée » enlevé."), out


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("10m dentelle", "dentelle"),
        ("2.5kg poivre noir", "poivre noir"),
        ("33cl of lace", "lace"),
        ("piece dentelle", "dentelle"),
        ("huile 2l", "huile 2l"),  # a size after the product's words is the product's
        # the amount's container, when product words follow (it was « sacs ciment », « bags
        # starter feed »); alone, it is all there is
        ("sac ciment", "ciment"),
        ("bag of starter feed", "starter feed"),
        ("carton", "carton"),
        ("10m", "10m"),  # nothing else: all of it
    ],
)
def test_shown_words(words: str, shown: str) -> None:
    assert shown_words(words) == shown
