"""Found in `stockbot chat`: a sale of several lines where one product is out of stock says so
and goes on with the other lines (it dropped the whole sale, the other lines without a word)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements

CASES = [
    (
        "fr",
        "vendu 2 savon et 2 lait",
        "Vente refusée : Lait en poudre 400g est en rupture de stock.\n"
        "Enregistrer la vente de 2 cartons de Savon de Marseille ?",
        "oui",
    ),
    (
        "en",
        "sold 2 soap and 2 milk powder",
        "Sale refused: Lait en poudre 400g is out of stock.\n"
        "Record the sale of 2 cartons of Savon de Marseille?",
        "yes",
    ),
    (
        "wo",
        "jaay naa 2 saabu ak 2 meew",
        "Jaay bi mënul : Lait en poudre 400g jeex na.\n"
        "Ndax ma bind jaay bi : 2 carton Savon de Marseille ?",
        "waaw",
    ),
]


@pytest.mark.parametrize(("lang", "sold", "said", "yes"), CASES)
def test_the_other_lines_go_on(chat: Chat, lang: str, sold: str, said: str, yes: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()
    out = chat.say(sold)
    assert out.startswith(said), out
    assert "Savon de Marseille" in out.split("\n", 1)[1], out  # the soap line is asked on
    chat.say(yes)
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == [("SAVON-MARSEILLE", "sale", -2)]
    assert movements(chat.session, "LAIT-POUDRE")[1:] == []


def test_a_single_line_out_of_stock_is_still_refused(chat: Chat) -> None:
    assert (
        chat.say("vendu 2 lait") == "Vente refusée : Lait en poudre 400g est en rupture de stock."
    )
    assert chat.say("oui").startswith("Il n'y a pas de question en cours")
