"""A building-materials depot the bot never saw (sand and gravel by the tonne, rebar in mm,
sheets in metres, nails by the kg): loads, sizes and measures typed in a manager's line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

CATALOGUE = """Nom;Unité;Quantité;Seuil;Alias
Ciment 50kg;sac;200;40;ciment
Fer à béton 8mm;barre;300;50;fer 8
Fer à béton 12mm;barre;180;40;fer 12
Tôle ondulée 2m;feuille;120;20;tôle
Tôle ondulée 3m;feuille;80;20;tôle
Pointes 70mm;kg;60;10;pointes
Pointes 100mm;kg;40;10;pointes
Sable;tonne;12;3;sable
Gravier;tonne;10;3;gravier
Brouette;pièce;8;2;brouette
"""


@pytest.fixture
def depot(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "depot", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000004", "depot")
    session.commit()
    yield Chat(session, manager, settings)


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("recu 2 camions de sable", "2 camions de Sable, ça fait combien de tonnes ?"),
        ("vendu 3 voyages de gravier", "3 voyages de Gravier, ça fait combien de tonnes ?"),
    ],
)
def test_a_load_named_by_a_word_of_no_unit_is_asked_about(
    depot: Chat, session: Session, typed: str, asked: str
) -> None:
    """« recu 2 camions de sable » offered 2 tonnes of sand: the trucks were dropped and the
    count taken in the product's unit."""
    assert depot.say(typed) == asked, depot.last
    assert "de 6 tonnes" in depot.say("6"), depot.last


def test_a_count_in_the_product_s_unit_is_not_asked_about(depot: Chat) -> None:
    assert depot.say("vendu 2 tonnes de sable").startswith("Enregistrer la vente de 2 tonnes")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("stock 12mm", "Fer à béton 12mm : 180 barres"), ("stock 3m", "Tôle ondulée 3m : 80")],
)
def test_a_size_alone_shows_the_product_of_that_size(depot: Chat, typed: str, shown: str) -> None:
    """« stock 12mm » listed the whole stock."""
    out = depot.say(typed)
    assert out.startswith(shown) and "Sable" not in out, out


def test_nails_by_the_kg_of_a_size(depot: Chat, session: Session) -> None:
    """« vendu 5 kg pointes 70 » asked which nails (the 70 read as a count)."""
    out = depot.say("vendu 5 kg pointes 70")
    assert out.startswith("Enregistrer la vente de 5 kg de Pointes 70mm"), out
    depot.say("oui")
    assert quantity(session, "POINTES-70MM") == 55


def test_a_count_of_something_not_sold_after_an_item_is_asked_about(depot: Chat) -> None:
    """« vendu 1 brouette 2 pelles » (no shovels in the catalogue) offered 1 wheelbarrow: the
    2 shovels were dropped without a word."""
    out = depot.say("vendu 1 brouette 2 pelles")
    assert out.startswith("Ligne 2 (pelles) : Je ne trouve pas « pelles »."), out
    out = depot.say("passer")
    assert "Enregistrer la vente de 1 pièce de Brouette ?" in out, out


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("vendu 6 de 12", "Enregistrer la vente de 6 barres de Fer à béton 12mm ?"),
        ("vendu 4 de 3m", "Enregistrer la vente de 4 feuilles de Tôle ondulée 3m ?"),
    ],
)
def test_a_count_of_a_size_with_no_product_word_offers_that_size(
    depot: Chat, typed: str, offered: str
) -> None:
    """« vendu 6 de 12 » listed every product: the 12 after `de` named nothing."""
    assert depot.say(typed).startswith(offered), depot.last


def test_a_count_of_a_size_no_product_has_still_asks_which(depot: Chat) -> None:
    assert depot.say("vendu 6 de 40").startswith("Quel produit ?"), depot.last
