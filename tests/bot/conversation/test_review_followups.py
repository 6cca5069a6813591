"""What a review of the session's conversation work found, each typed as a manager would."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize(
    "typed",
    ["stock riz et vendu 2 huile 5l", "il reste combien de riz ? j'ai vendu 2 huile 5l"],
)
def test_a_movement_after_a_stock_question_is_asked_right_under_its_answer(
    chat: Chat, typed: str
) -> None:
    """The sale was announced « demandé juste après » and never asked: « oui » then met « Il n'y
    a pas de question en cours »."""
    out = chat.say(typed)
    assert out.startswith("Riz brisé 50kg : 42 sacs"), out
    assert "Enregistrer la vente de 2 bidons d'Huile Jadida 5L ?" in out, out
    assert "Une opération à la fois" not in out, out
    assert "Vente enregistrée" in chat.say("oui"), chat.last


@pytest.mark.parametrize(
    "typed", ["rien d'autre", "autre chose", "l'autre fois", "une autre question"]
)
def test_an_other_of_something_else_is_no_product(chat: Chat, typed: str) -> None:
    """After « stock riz », these showed the scented rice's stock."""
    chat.say("stock riz")
    assert "Riz parfumé" not in chat.say(typed), chat.last


def test_nothing_else_after_a_sale_swaps_nothing(chat: Chat) -> None:
    """« non rien d autre » after the sale of the broken rice offered to make it the scented."""
    chat.say("vendu 3 riz")
    chat.say("oui")
    assert "Riz parfumé" not in chat.say("non rien d autre"), chat.last


@pytest.mark.parametrize(("typed", "meant"), [("recu 10", "l'arrivage"), ("vendu 2", "la vente")])
def test_a_command_after_a_detour_is_no_answer_to_the_question_dropped(
    chat: Chat, typed: str, meant: str
) -> None:
    """« vendu riz », « stock farine », « reçu 10 »: the rice sale was said dropped, and « reçu
    10 » became a sale of 10 rice."""
    chat.say("vendu riz")
    chat.say("stock farine")
    out = chat.say(typed)
    assert f"Enregistrer {meant} de" in out and "Farine de blé 50kg" in out, out
    assert "Riz" not in out, out


def test_a_bare_answer_after_a_detour_still_takes_the_question_up(chat: Chat) -> None:
    chat.say("vendu riz")
    chat.say("stock farine")
    assert chat.say("5").startswith("Enregistrer la vente de 5 sacs de Riz brisé 50kg ?")


def test_not_a_sale_saying_what_it_was_is_not_only_declined(chat: Chat) -> None:
    """« pas une vente, un retour client » answered « D'accord, vente non enregistrée. »: the
    customer's return was lost."""
    chat.say("vendu 2 savon")
    out = chat.say("pas une vente, un retour client")
    assert "vente non enregistrée" not in out, out
    assert "Savon de Marseille" in out, out


NIIDO = """Nom;Unité;Quantité;Seuil;Alias
Lait Niido 400g;boîte;20;5;lait
Lait Niido 900g;boîte;10;3;lait
"""


def test_a_number_above_every_stock_of_the_family_is_the_size(
    session: Session, settings: Settings
) -> None:
    """« vendu lait 400 » with 20 and 10 boxes left asked « 400 : la quantité, ou la taille ? »:
    no sale of 400 can be; the 400 g is asked how many."""
    apply_products(session, "lait", parse_products_csv(NIIDO), settings=settings)
    shop = Chat(session, add_manager(session, "+221770000001", "lait"), settings)
    session.commit()
    assert shop.say("vendu lait 400").startswith("Lait Niido 400g : combien de boîtes ?")
    assert shop.say("3").startswith("Enregistrer la vente de 3 boîtes de Lait Niido 400g ?")


def test_a_number_some_stock_holds_is_still_asked_about(chat: Chat) -> None:
    """« vendu huile 20 » with 60 bottles of the 1 L: 20 may be the count, asked as before."""
    assert "20 : la quantité, ou la taille" in chat.say("vendu huile 20"), chat.last
