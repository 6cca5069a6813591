"""An arrival and a customer return in one message (`reçu 10 sucre et le client a rendu 2
savon`) are said as what each is: the arrival is asked first, the return right after (one
operation at a time), never both as a customer return."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, quantity

SUGAR, SOAP = "10 paquets de Sucre morceaux 1kg", "2 cartons de Savon de Marseille"


def test_an_arrival_then_a_customer_return(chat: Chat) -> None:
    asked = chat.say("reçu 10 sucre morceaux et le client a rendu 2 savon")
    assert "retour client" not in asked, asked
    assert f"Enregistrer l'arrivage de {SUGAR} ?" in asked, asked
    assert "« le client a rendu 2 savon » est demandé juste après" in asked, asked
    done = chat.say("oui")
    assert done.startswith(f"✅ Arrivage enregistré : {SUGAR}."), done
    assert f"Enregistrer le retour client de {SOAP} ?" in done, done
    assert chat.say("oui").startswith(f"✅ Retour client enregistré : {SOAP}.")
    assert (quantity(chat.session, "SUCRE-MORCEAU"), quantity(chat.session, "SAVON-MARSEILLE")) == (
        50,
        17,
    )
    assert [m[1:] for m in movements(chat.session) if m[1] != "import"] == [
        ("receipt", 10),
        ("receipt", 2),
    ]


def test_a_customer_return_then_an_arrival(chat: Chat) -> None:
    asked = chat.say("le client a rendu 2 savon et reçu 10 sucre morceaux")
    assert f"Enregistrer le retour client de {SOAP} ?" in asked, asked
    assert "« reçu 10 sucre morceaux » est demandé juste après" in asked, asked
    assert f"Enregistrer l'arrivage de {SUGAR} ?" in chat.say("oui")


def test_in_english(chat: Chat) -> None:
    asked = chat.say("received 10 sugar cubes and a customer returned 2 soap")
    assert "Record the delivery of 10 packets of Sucre morceaux 1kg?" in asked, asked
    assert "customer return" in chat.say("yes")


@pytest.mark.parametrize(
    "said", ["le client a rendu 2 savon et 3 riz", "retour client : 2 savon, 3 riz"]
)
def test_lines_after_a_return_are_returned_too(chat: Chat, said: str) -> None:
    asked = chat.say(said)
    assert asked.startswith("Enregistrer le retour client : 2 cartons"), asked
    assert "3 sacs de Riz brisé 50kg" in asked, asked
