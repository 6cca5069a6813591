"""A clothes shop with sizes written as letters (T-shirt blanc S / M / L): `vendu 2 tshirt
blanc` recorded the L without asking (the L of its name was dropped as the article `l'`); `L`
answering « Quel produit ? » was not understood; `non le L` under the sale of the M declined
it; `non c'était le L` right after it said there was no question. Rows cut short alike."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

CATALOGUE = """sku,name,aliases,unit,quantity,threshold,reorder_quantity
TSH-BL-S,T-shirt blanc S,tshirt blanc s,pièce,12,5,20
TSH-BL-M,T-shirt blanc M,tshirt blanc m,pièce,18,5,20
TSH-BL-L,T-shirt blanc L,tshirt blanc l,pièce,17,5,20
TSH-NO-M,T-shirt noir M,tshirt noir m,pièce,15,5,20
TSH-NO-L,T-shirt noir L,tshirt noir l,pièce,16,5,20
JEAN-32,Jean bleu taille 32,jean 32,pièce,8,4,12
SAND-40,Sandales cuir pointure 40,sandales,paire,6,3,10
SAND-42,Sandales cuir pointure 42,sandales,paire,6,3,10
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "habits", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000001", "habits")
    session.commit()
    yield Chat(session, manager, settings)


def test_a_shirt_without_its_size_asks_which(shop: Chat) -> None:
    out = shop.say("vendu 2 tshirt blanc")
    assert out.startswith("Quel produit ?"), out
    assert "T-shirt blanc S" in out and "T-shirt blanc L" in out, out


@pytest.mark.parametrize("typed", ["L", "le L", "taille L", "c'est le L"])
def test_a_size_letter_answers_which_product(shop: Chat, session: Session, typed: str) -> None:
    shop.say("vendu 2 tshirt noir")
    out = shop.say(typed)
    assert out.startswith("Enregistrer la vente de 2 pièces de T-shirt noir L ?"), out
    shop.say("oui")
    assert quantity(session, "TSH-NO-L") == 14


def test_no_the_l_under_the_confirmation_changes_the_size(shop: Chat, session: Session) -> None:
    shop.say("vendu 2 tshirt noir M")
    out = shop.say("non le L")
    assert out.startswith("Enregistrer la vente de 2 pièces de T-shirt noir L ?"), out
    shop.say("oui")
    assert (quantity(session, "TSH-NO-L"), quantity(session, "TSH-NO-M")) == (14, 15)


def test_it_was_the_l_after_the_sale_swaps_to_the_same_colour(shop: Chat, session: Session) -> None:
    shop.say("vendu 1 tshirt blanc M")
    shop.say("oui")
    out = shop.say("non c'était le L")
    assert out.startswith("Corriger : vente de 1 pièce de T-shirt blanc L au lieu de"), out
    shop.say("oui")
    assert (quantity(session, "TSH-BL-L"), quantity(session, "TSH-BL-M")) == (16, 18)


def test_rows_cut_short_still_tell_the_sizes_apart(shop: Chat) -> None:
    """Both rows were « Sandales cuir pointure… » (WhatsApp's 24 characters)."""
    out = shop.say("vendu 2 sandales")
    assert "Sandales cuir pointu… 40" in out and "Sandales cuir pointu… 42" in out, out


def test_a_question_about_another_size_changes_nothing(shop: Chat, session: Session) -> None:
    """`et en L ?` after « il en reste combien ? » under the sale of the M asks; it swapped the
    sale to the L (which a `oui` then recorded)."""
    shop.say("vendu 3 tshirt noir M")
    shop.say("il en reste combien ?")
    out = shop.say("et en L ?")
    assert "T-shirt noir L ?" not in out, out
    shop.say("oui")
    assert (quantity(session, "TSH-NO-L"), quantity(session, "TSH-NO-M")) == (16, 12)
