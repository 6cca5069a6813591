"""A sale or an arrival recorded for the wrong product, corrected after the fact (`erreur c'est
le sucre morceaux`, `pardon c'était du gaz 12 pas 6`): one confirmation, then the movement taken
back and the right product recorded in its place."""

from __future__ import annotations

import pytest

from bot.db.models import MovementKind, MovementSource
from bot.stock import get_product, get_store, record_movement
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, quantity


def _sell(chat: Chat, text: str, yes: str = "oui") -> None:
    chat.say(text)
    assert chat.say(yes).startswith("✅")


@pytest.mark.parametrize(
    "typed",
    [
        "non c'était le sucre morceaux",
        "erreur c'est le sucre morceaux pas le sucre en poudre",
        "je me suis trompé c'était sucre morceaux",
    ],
)
def test_the_product_named_replaces_the_one_recorded(chat: Chat, typed: str) -> None:
    _sell(chat, "vendu 2 sucre en poudre")
    powder, lumps = quantity(chat.session, "SUCRE-50"), quantity(chat.session, "SUCRE-MORCEAU")
    shown = chat.say(typed)
    assert shown.startswith(
        "Corriger : vente de 2 paquets de Sucre morceaux 1kg au lieu de 2 sacs de Sucre en poudre"
    ), shown
    done = chat.say("oui")
    assert done.startswith("✅ Vente corrigée : 2 paquets de Sucre morceaux 1kg au lieu de"), done
    assert quantity(chat.session, "SUCRE-50") == powder + 2
    assert quantity(chat.session, "SUCRE-MORCEAU") == lumps - 2
    assert balanced(chat.session)


def test_a_number_of_the_name_is_the_product_not_the_quantity(chat: Chat) -> None:
    _sell(chat, "vendu 2 gaz 6")
    small, big = quantity(chat.session, "GAZ-6"), quantity(chat.session, "GAZ-12")
    shown = chat.say("pardon c'etait du gaz 12 pas 6")
    assert shown.startswith("Corriger : vente de 2 bouteilles de gaz 12kg au lieu de 2"), shown
    chat.say("oui")
    assert quantity(chat.session, "GAZ-6") == small + 2
    assert quantity(chat.session, "GAZ-12") == big - 2


def test_a_size_names_the_product(chat: Chat) -> None:
    _sell(chat, "vendu 2 huile 1l")
    shown = chat.say("je me suis trompé c'était huile 5L")
    assert shown.startswith("Corriger : vente de 2 bidons d'Huile Jadida 5L au lieu de"), shown


def test_a_quantity_said_with_the_product_is_recorded(chat: Chat) -> None:
    _sell(chat, "vendu 2 sucre en poudre")
    shown = chat.say("je me suis trompé c'était 3 sucre morceaux")
    assert shown.startswith("Corriger : vente de 3 paquets de Sucre morceaux 1kg au lieu de 2"), (
        shown
    )


def test_an_arrival(chat: Chat) -> None:
    _sell(chat, "reçu 5 sucre en poudre")
    lumps = quantity(chat.session, "SUCRE-MORCEAU")
    shown = chat.say("erreur c'était le sucre morceaux")
    assert shown.startswith("Corriger : arrivage de 5 paquets de Sucre morceaux 1kg"), shown
    chat.say("oui")
    assert quantity(chat.session, "SUCRE-MORCEAU") == lumps + 5


def test_in_english(chat: Chat) -> None:
    chat.say("english")
    _sell(chat, "sold 2 sucre en poudre", "yes")
    shown = chat.say("my mistake it was sucre morceaux not sucre en poudre")
    assert shown.startswith("Correct: a sale of 2 packets of Sucre morceaux 1kg instead of"), shown
    assert chat.say("yes").startswith("✅ Sale corrected: 2 packets of Sucre morceaux 1kg")


def test_no_keeps_what_was_recorded(chat: Chat) -> None:
    _sell(chat, "vendu 2 sucre en poudre")
    powder = quantity(chat.session, "SUCRE-50")
    chat.say("non c'était le sucre morceaux")
    assert chat.say("non") == "D'accord, rien n'est annulé."
    assert quantity(chat.session, "SUCRE-50") == powder


def test_too_little_stock_of_the_product_named_changes_nothing(chat: Chat) -> None:
    _sell(chat, "vendu 3 gaz 6")
    small = quantity(chat.session, "GAZ-6")
    big = quantity(chat.session, "GAZ-12")
    assert big < 3
    shown = chat.say("pardon c'etait du gaz 12")
    assert shown.startswith("Impossible : il ne reste que"), shown
    assert quantity(chat.session, "GAZ-6") == small


def test_the_same_product_named_with_a_quantity_still_corrects_the_quantity(chat: Chat) -> None:
    _sell(chat, "vendu 5 riz")
    shown = chat.say("je me suis trompé, c'était 3 riz pas 5")
    assert "en 3 sacs ?" in shown, shown


def test_the_right_product_sold_out_meanwhile_changes_nothing(chat: Chat) -> None:
    """The right product is recorded before the wrong sale is taken back: when another
    manager sold it out between the question and the yes, the wrong sale stays, untouched,
    and the manager is told why (the ledger never shows the sale undone and not replaced)."""
    _sell(chat, "vendu 2 sucre en poudre")
    powder, lumps = quantity(chat.session, "SUCRE-50"), quantity(chat.session, "SUCRE-MORCEAU")
    assert chat.say("erreur c'était le sucre morceaux").startswith("Corriger : vente de 2")
    lumps_product = get_product(chat.session, get_store(chat.session, "demo"), "SUCRE-MORCEAU")
    record_movement(
        chat.session,
        lumps_product,
        -(lumps - 1),
        MovementKind.SALE,
        MovementSource.WHATSAPP,
        settings=chat.settings,
    )
    chat.session.commit()
    done = chat.say("oui")
    assert "Riz" not in done and "corrigée" not in done, done
    assert "il ne reste que 1" in done.lower(), done
    assert quantity(chat.session, "SUCRE-50") == powder  # the wrong sale still stands
    assert quantity(chat.session, "SUCRE-MORCEAU") == 1
    assert balanced(chat.session)
