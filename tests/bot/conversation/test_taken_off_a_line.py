"""`enlève 1 riz` under « Enregistrer la vente : 3 sacs de Riz, 2 cartons de Savon ? » takes one
off (2 sacs): it made the line 1 sac, as if `1 riz` had been the whole count."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize("typed", ["enlève 1 riz", "retire 1 riz", "remove 1 rice"])
def test_a_number_taken_off_a_line_lowers_it_by_that_much(chat: Chat, typed: str) -> None:
    chat.say("vendu 3 riz et 2 savon")
    out = chat.say(typed)
    assert out.startswith("Enregistrer la vente : 2 sacs de Riz brisé 50kg, 2 cartons"), out


def test_a_number_taken_off_the_only_line(chat: Chat) -> None:
    chat.say("vendu 3 riz")
    assert chat.say("enlève 1").startswith("Enregistrer la vente de 2 sacs de Riz brisé 50kg ?")


def test_more_taken_off_than_the_line_asks_the_count(chat: Chat) -> None:
    chat.say("vendu 3 riz et 2 savon")
    assert "Combien de cartons ?" in chat.say("enleve 5 savon")


def test_a_line_named_without_a_number_still_goes(chat: Chat) -> None:
    chat.say("vendu 3 riz et 2 savon")
    out = chat.say("enlève le savon")
    assert out.startswith("« Savon de Marseille » enlevé."), out


def test_words_of_two_products_name_the_one_of_the_lines(chat: Chat) -> None:
    """`sucre` is two products of the catalogue, one of the draft's."""
    chat.say("vendu 3 sucre en poudre et 2 riz")
    out = chat.say("enlève 1 sucre")
    assert out.startswith("Enregistrer la vente : 2 sacs de Sucre en poudre 50kg, 2 sacs"), out


@pytest.mark.parametrize(
    ("said", "taken", "left"),
    [
        (["vendu 3 riz"], "enleve 3", "Il ne reste rien à enregistrer."),
        (["vendu 3 riz et 2 savon"], "enlève 2 savon", "Enregistrer la vente de 3 sacs de Riz"),
    ],
)
def test_all_of_a_line_taken_off_drops_it(
    chat: Chat, said: list[str], taken: str, left: str
) -> None:
    """Reviewer's find: `enlève 3` of 3 sacs recorded a sale of 0 sac on `oui`."""
    for typed in said:
        chat.say(typed)
    answer = chat.say(taken)
    assert "enlevé" in answer and left in answer, answer
    assert " 0 " not in answer
