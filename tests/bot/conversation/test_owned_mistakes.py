"""`je me suis trompé c'est 4`, `erreur c 4`, `dsl c 4`, `my mistake, 4` under a confirmation:
the number typed after owning the mistake corrects it, as `non c'est 4` does (they answered « Je
ne trouve pas « trompe » dans ce magasin »); `je me suis trompé`, `erreur`, `c'est faux` alone
ask what to change, as [Modifier] does (they dropped the sale and looked for one to undo)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, quantity


@pytest.mark.parametrize(
    "fix",
    [
        "je me suis trompé c'est 4",
        "je me suis trompee, c'etait 4 sacs",
        "jme suis trompé c 4 pas 5",
        "erreur c 4",
        "dsl c 4",
        "my mistake, 4",
        "juum naa, 4 la",
    ],
)
def test_a_number_after_owning_the_mistake_corrects_the_quantity(chat: Chat, fix: str) -> None:
    chat.say("vente 5 sacs de riz")
    again = chat.say(fix)
    assert again.startswith("Enregistrer la vente de 4 sacs de Riz brisé 50kg ?"), again
    assert chat.say("oui").startswith("✅ Vente enregistrée : 4 sacs")
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == [("RIZ-BRISE-50", "sale", -4)]


def test_a_product_after_owning_the_mistake_is_the_product_meant(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    out = chat.say("je me suis trompé c'est le riz parfumé")
    assert out.startswith("Enregistrer la vente de 2 sacs de Riz parfumé 25kg ?"), out


@pytest.mark.parametrize(
    "owned", ["je me suis trompé", "erreur", "c'est faux", "dsl jme suis trompe"]
)
def test_owning_a_mistake_alone_asks_what_to_change(chat: Chat, owned: str) -> None:
    chat.say("vente 5 sacs de riz")
    asked = chat.say(owned)
    assert asked == "Riz brisé 50kg : combien de sacs ?", asked
    assert chat.say("4").startswith("Enregistrer la vente de 4 sacs de Riz brisé 50kg ?")
    chat.say("oui")
    assert quantity(chat.session, "RIZ-BRISE-50") == 38


def test_owning_a_mistake_under_several_lines_asks_which_line(chat: Chat) -> None:
    chat.say("vendu 5 savon et 2 riz")
    asked = chat.say("je me suis trompé")
    assert asked.startswith("Quelle ligne modifier ?"), asked
