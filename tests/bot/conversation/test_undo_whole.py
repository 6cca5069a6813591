"""A bare `annule` right after a recording of several lines offers to take back the whole
recording (every line that message recorded), and once confirmed records one compensating
movement per line, all or none."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.db.models import MovementKind, MovementSource, Product
from bot.stock import record_movement
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, movements, quantity

LANGS = {
    # lang: (sale, yes, cancel, no, confirm, done)
    "fr": (
        "vendu 2 savon et 3 café",
        "oui",
        "annule",
        "non",
        (
            "Annuler toute la vente de ",
            " : 2 cartons de Savon de Marseille, 3 sachets de Café Touba 250g ?\n[Oui]\n[Non]",
        ),
        "✅ Vente annulée, de retour en stock :\n"
        "• 2 cartons de Savon de Marseille (stock 15 cartons)"
        "\n• 3 sachets de Café Touba 250g (stock 30 sachets)",
    ),
    "en": (
        "sold 2 soap and 3 coffee",
        "yes",
        "cancel",
        "no",
        (
            "Cancel the whole sale of ",
            ": 2 cartons of Savon de Marseille, 3 sachets of Café Touba 250g?\n[Yes]\n[No]",
        ),
        "✅ Sale cancelled, back in stock:\n• 2 cartons of Savon de Marseille (stock 15 cartons)"
        "\n• 3 sachets of Café Touba 250g (stock 30 sachets)",
    ),
    "wo": (
        "jaay naa 2 saabu ak 3 kafe",
        "waaw",
        "bàyyi",
        "deedeet",
        (
            "Ndax ma neenal jaay bi yépp (",
            ") : 2 carton Savon de Marseille, 3 sachet Café Touba 250g ?\n[Waaw]\n[Déedéet]",
        ),
        "✅ Neenal naa jaay bi, dellu na ci stock bi :\n• 2 carton Savon de Marseille (stock 15 "
        "carton)\n• 3 sachet Café Touba 250g (stock 30 sachet)",
    ),
}


def _speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


@pytest.mark.parametrize("lang", ["fr", "en", "wo"])
def test_the_whole_sale_is_offered_then_taken_back(chat: Chat, lang: str) -> None:
    sale, yes, cancel, _, confirm, done = LANGS[lang]
    _speaks(chat, lang)
    chat.say(sale)
    recorded = chat.say(yes)
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13, recorded
    assert quantity(chat.session, "CAFE-TOUBA") == 27
    offer = chat.say(cancel)
    prefix, suffix = confirm
    assert offer.startswith(prefix) and offer.endswith(suffix), offer
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13  # nothing before yes
    assert chat.say(yes) == done
    assert movements(chat.session, "SAVON-MARSEILLE")[1:] == [
        ("SAVON-MARSEILLE", "sale", -2),
        ("SAVON-MARSEILLE", "sale", 2),
    ]
    assert movements(chat.session, "CAFE-TOUBA")[1:] == [
        ("CAFE-TOUBA", "sale", -3),
        ("CAFE-TOUBA", "sale", 3),
    ]
    assert balanced(chat.session)


@pytest.mark.parametrize("lang", ["fr", "en", "wo"])
def test_no_takes_nothing_back(chat: Chat, lang: str) -> None:
    sale, yes, cancel, no, _, _ = LANGS[lang]
    _speaks(chat, lang)
    chat.say(sale)
    chat.say(yes)
    chat.say(cancel)
    chat.say(no)
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13
    assert quantity(chat.session, "CAFE-TOUBA") == 27


def test_a_delivery_of_several_lines_is_taken_back_whole(chat: Chat) -> None:
    chat.say("reçu 5 savon et 4 café")
    chat.say("oui")
    offer = chat.say("annule")
    assert offer.startswith("Annuler tout l'arrivage de "), offer
    assert "5 cartons de Savon de Marseille, 4 sachets de Café Touba 250g ?" in offer
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert quantity(chat.session, "CAFE-TOUBA") == 30
    assert balanced(chat.session)


def test_all_or_none_when_one_line_cannot_be_taken_back(chat: Chat) -> None:
    chat.say("reçu 5 savon et 4 café")
    chat.say("oui")
    chat.say("annule")  # the offer waits…
    cafe = chat.session.exec(select(Product).where(Product.sku == "CAFE-TOUBA")).one()
    record_movement(  # …while 32 sachets of the 34 are sold elsewhere
        chat.session,
        cafe,
        -32,
        MovementKind.SALE,
        MovementSource.API,
        settings=chat.settings,
    )
    chat.session.commit()
    out = chat.say("oui")
    assert "Café Touba 250g" in out, out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 20  # the soap line was not taken back
    assert quantity(chat.session, "CAFE-TOUBA") == 2
    assert balanced(chat.session)


def test_the_same_sale_is_not_offered_twice(chat: Chat) -> None:
    chat.say("vendu 2 savon et 3 café")
    chat.say("oui")
    chat.say("annule")
    chat.say("oui")
    assert chat.say("annule").startswith("Rien à annuler")  # taken back: nothing just recorded
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15


@pytest.mark.parametrize("cancel", ["annule ma dernière vente", "cancel last sale"])
def test_cancel_the_last_sale_takes_back_every_line_of_it(chat: Chat, cancel: str) -> None:
    chat.say("vendu 2 savon et 3 café")
    chat.say("oui")
    chat.now += timedelta(hours=1)  # long after: not a bare `annule` right after
    offer = chat.say(cancel)
    lines = (  # in the language written
        "2 cartons of Savon de Marseille, 3 sachets of Café Touba 250g?"
        if cancel.startswith("cancel")
        else "2 cartons de Savon de Marseille, 3 sachets de Café Touba 250g ?"
    )
    assert lines in offer, offer
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert quantity(chat.session, "CAFE-TOUBA") == 30
    assert balanced(chat.session)


def test_a_sale_named_by_its_product_takes_back_that_line_only(chat: Chat) -> None:
    chat.say("vendu 2 savon et 3 café")
    chat.say("oui")
    assert chat.say("annule la vente de café").startswith("Annuler la vente de 3 sachets")
    chat.say("oui")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13
    assert quantity(chat.session, "CAFE-TOUBA") == 30
