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
