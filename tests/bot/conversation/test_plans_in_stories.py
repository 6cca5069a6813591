"""A sale told as a story with what the customer will do next (« il reviendra prendre 2 bidons
d'huile demain », « il va commander 10 sacs de sucre la semaine prochaine »): the sale alone is
drafted. The plan was a line of the sale (« Ligne 2 (reviendra prendre bidons d hu…) : Quel
produit ? »), or set aside as an operation to send again."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements


@pytest.mark.parametrize(
    "story",
    [
        "bjr boss, un client a pris 3 sacs de riz et il reviendra prendre 2 bidons d'huile demain",
        "vendu 3 sacs de riz a un client de thies, il m'a dit qu'il va commander 10 sacs de sucre",
        "vendu 3 riz. la cliente passera prendre 2 savons ce soir",
    ],
)
def test_the_sale_alone_is_drafted(chat: Chat, story: str) -> None:
    out = chat.say(story)
    assert "3 sacs de Riz brisé 50kg" in out and "Ligne" not in out, out
    assert "Huile" not in out and "Sucre" not in out and "Savon" not in out, out
    assert "Une opération à la fois" not in out, out
    if "Vouliez-vous dire" in out:
        out = chat.say("oui")
    if "Enregistrer" in out:
        chat.say("oui")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == [("RIZ-BRISE-50", "sale", -3)]
    assert movements(chat.session, "HUILE-5L")[1:] == []


@pytest.mark.parametrize(
    ("story", "lang"),
    [
        ("le client va prendre 2 riz et 3 savons", "fr"),
        ("la cliente viendra prendre 2 sacs de riz et 3 savons demain", "fr"),
        ("le client va prendre 2 riz, 3 savons", "fr"),
        ("the customer will take 2 rice and 3 soaps", "en"),
    ],
)
def test_a_plan_alone_asks_whether_it_was_done_for_every_item(
    chat: Chat, story: str, lang: str
) -> None:
    """The whole message is what a customer will do: both items alike (only the soap was
    drafted, as a plain sale), nothing recorded unless the manager says it is done."""
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()
    out = chat.say(story)
    asked = "Vente déjà faite ?" if lang == "fr" else "Sale already made?"
    assert out.startswith(asked), out
    assert "Riz brisé 50kg" in out and "Savon de Marseille" in out, out
    assert "non enregistrée" in chat.say("pas encore") or lang == "en"
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == []


@pytest.mark.parametrize("done", ["oui", "déjà fait", "c'est fait"])
def test_a_plan_said_done_is_recorded_whole(chat: Chat, done: str) -> None:
    chat.say("le client va prendre 2 riz et 3 savons")
    chat.say(done)
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == [("RIZ-BRISE-50", "sale", -2)]
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == [("SAVON-MARSEILLE", "sale", -3)]


@pytest.mark.parametrize("answer", ["pas encore", "not yet", "non"])
def test_a_plan_not_done_yet_records_nothing(chat: Chat, answer: str) -> None:
    chat.say("le client va prendre 2 riz")
    assert "non enregistrée" in chat.say(answer)
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []


@pytest.mark.parametrize(
    "story",
    ["le fournisseur va livrer 10 sacs de riz demain", "le fournisseur livrera 10 riz demain"],
)
def test_a_supplier_s_plan_asks_whether_it_arrived(chat: Chat, story: str) -> None:
    """A delivery to come is no arrival: it was drafted as one, and a yes to the guess of the
    command recorded it at once."""
    out = chat.say(story)
    if "Vouliez-vous dire" in out:
        out = chat.say("oui")
    assert out.startswith("Déjà arrivé ?"), out
    chat.say("pas encore")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []
