"""Replies in the middle of a question that are not its answer, and are not a new command
either: "hold on", a correction of the product being asked about, "one" as a pronoun; and a
"no, I sold 3" right after a recording."""

from __future__ import annotations

import re

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


@pytest.mark.parametrize(
    ("lang", "command", "holding", "yes", "kept"),
    [
        ("fr", "vendu riz", "attends", "3", "Enregistrer la vente de 3 sacs"),
        ("fr", "vendu 2 riz", "attends je vérifie", "oui", "Vente enregistrée"),
        ("fr", "vendu 2 riz", "un instant stp", "oui", "Vente enregistrée"),
        ("fr", "vendu riz", "plus tard", "3", "Enregistrer la vente de 3 sacs"),
        ("en", "sold 2 rice", "wait, let me check", "yes", "Sale recorded"),
        ("en", "sold rice", "hold on", "3", "Record the sale of 3 bags"),
        ("wo", "jaay naa 2 ceeb", "xaaral", "waaw", "Bind naa jaay bi"),
        # a wait with words of its own, naming no product (it was « Je n'ai pas compris »)
        ("fr", "vendu 2 riz", "attends le client hesite", "oui", "Vente enregistrée"),
        ("fr", "vendu riz", "attend il compte ses sous", "3", "Enregistrer la vente de 3 sacs"),
        ("en", "sold rice", "wait he is still counting", "3", "Record the sale of 3 bags"),
        # a wait of some minutes (it was « Je ne trouve pas « attend minute » »)
        ("fr", "vendu 2 riz", "attends 2 minutes", "oui", "Vente enregistrée"),
        ("fr", "vendu 2 riz", "attends deux secondes je vérifie", "oui", "Vente enregistrée"),
        ("en", "sold 2 rice", "wait 5 min", "yes", "Sale recorded"),
    ],
)
def test_hold_on_keeps_the_question(
    chat: Chat, lang: str, command: str, holding: str, yes: str, kept: str
) -> None:
    """`attends je vérifie` was read as "later", which dropped the sale."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    asked = chat.say(command)
    out = chat.say(holding)
    assert out.endswith(asked) and out != asked, out
    assert "compris" not in out and "understand" not in out, out
    assert kept in chat.say(yes)


@pytest.mark.parametrize(
    ("lang", "command", "typed", "dropped"),
    [
        ("fr", "vendu 2 riz", "attends, annule", "est annulée"),
        ("fr", "vendu 2 riz", "attends non annule", "est annulée"),
        ("fr", "vendu riz", "attend laisse tomber", "est annulée"),
        ("fr", "vendu 2 riz", "attendez, annulez svp", "est annulée"),
        ("fr", "vendu 2 riz", "un instant... oublie ça", "est annulée"),
        ("en", "sold 2 rice", "wait, cancel that", "is cancelled"),
        ("en", "sold 2 rice", "hold on, never mind", "is cancelled"),
        ("wo", "jaay naa 2 ceeb", "xaaral, bayyi", "bàyyi naa ko"),
    ],
)
def test_a_wait_then_a_cancel_cancels(
    chat: Chat, lang: str, command: str, typed: str, dropped: str
) -> None:
    """`attends, annule` was « prenez votre temps » and the sale still waited for its yes."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    chat.say(command)
    out = chat.say(typed)
    assert dropped in out and "?" not in out, out
    chat.say("3" if command == "vendu riz" else "oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


@pytest.mark.parametrize(
    "typed", ["attends, annule le savon", "attend enlève le savon", "wait, remove the soap"]
)
def test_a_wait_then_a_line_removed_removes_it(chat: Chat, typed: str) -> None:
    chat.say("vendu 2 riz et 3 savon")
    out = chat.say(typed)
    assert "Savon de Marseille" in out.split("\n")[0], out
    assert "2 sacs de Riz brisé 50kg ?" in out or "2 bags of Riz brisé 50kg?" in out, out


@pytest.mark.parametrize("typed", ["attends 3", "attends, c'est 3", "wait, 3"])
def test_a_wait_then_a_number_corrects_the_quantity(chat: Chat, typed: str) -> None:
    """It was « Je ne trouve pas « attend » dans ce magasin »."""
    chat.say("vendu 2 riz")
    assert chat.say(typed).startswith("Enregistrer la vente de 3 sacs de Riz brisé 50kg ?")


@pytest.mark.parametrize(
    ("command", "typed"),
    [("vendu 2 riz", "supprime"), ("vendu 2 riz", "enlève ça"), ("vendu riz", "supprime")],
)
def test_a_bare_removal_drops_a_draft_of_one_line(chat: Chat, command: str, typed: str) -> None:
    """`supprime` under "Enregistrer la vente de 2 sacs … ?" was not understood."""
    chat.say(command)
    out = chat.say(typed)
    assert "est annulée" in out and "?" not in out, out


def test_a_wait_naming_a_product_still_corrects(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    out = chat.say("attends, c'est le riz parfumé")
    assert out.startswith("Enregistrer la vente de 2 sacs de Riz parfumé 25kg ?"), out


def test_waiting_for_the_rest_of_an_order_is_still_an_answer(chat: Chat) -> None:
    chat.say("commander 20 riz brisé")
    chat.say("oui")
    chat.say("reçu 18 riz de la commande")
    chat.say("oui")
    assert "attend encore 2 sacs" in chat.say("attendre")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("plutôt le savon", "Savon de Marseille : combien de cartons ?"),
        ("non, le savon", "Savon de Marseille : combien de cartons ?"),
        ("non savon 3", "Enregistrer la vente de 3 cartons de Savon de Marseille ?"),
        ("pas le riz, le savon", "Savon de Marseille : combien de cartons ?"),
        ("non, l'autre", "Riz parfumé 25kg : combien de sacs ?"),
        ("déedéet, saabu", "Savon de Marseille : combien de cartons ?"),
    ],
)
def test_a_correction_of_the_product_while_its_quantity_is_asked(
    chat: Chat, typed: str, expected: str
) -> None:
    """`vente riz` then `plutôt le savon`: that line is the soap (it was a stock question that
    dropped the sale)."""
    chat.say("vente riz brisé")
    assert chat.say(typed).startswith(expected)


@pytest.mark.parametrize("typed", ["this one", "the big one", "that one please"])
def test_one_as_a_pronoun_is_no_quantity(chat: Chat, typed: str) -> None:
    chat.say("english")
    chat.say("sold rice")
    assert "Record the sale of 1 " not in chat.say(typed)


@pytest.mark.parametrize(
    ("lang", "typed"),
    [("fr", "non j'ai vendu 3"), ("en", "no I sold 3"), ("wo", "déedéet jaay naa 3")],
)
def test_no_i_sold_three_right_after_a_sale_corrects_it(chat: Chat, lang: str, typed: str) -> None:
    """It was « je ne trouve pas « non » »: the sale's verb said again with its right number."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    chat.say("vendu 2 riz brisé")
    chat.say({"fr": "oui", "en": "yes", "wo": "waaw"}[lang])
    assert quantity(chat.session, "RIZ-BRISE-50") == 40
    offered = chat.say(typed)
    assert re.search(r"\b3 (sacs|bags|sac)\b", offered), offered
    chat.say({"fr": "oui", "en": "yes", "wo": "waaw"}[lang])
    assert quantity(chat.session, "RIZ-BRISE-50") == 39


def test_i_sold_three_without_no_right_after_a_sale_is_another_sale(chat: Chat) -> None:
    chat.say("vendu 2 riz brisé")
    chat.say("oui")
    assert chat.say("j'ai vendu 3").startswith("Enregistrer la vente de 3 sacs de Riz brisé")


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("received the flour one sack", "Record the delivery of 1 bag of Farine"),
        ("sold the soap one carton", "Record the sale of 1 carton of Savon"),
    ],
)
def test_one_after_a_product_is_a_quantity(chat: Chat, typed: str, offered: str) -> None:
    chat.say("english")
    assert chat.say(typed).startswith(offered)
