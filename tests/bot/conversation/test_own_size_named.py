"""`le 500` under « Enregistrer la vente de 2 boîtes de Paracétamol 500mg ? » names the product
shown (the 500 of its name, the 1000 mg beside it), as `la 1L` does: it became a sale of 500
boxes (« C'est noté : 500 boîtes … Il ne reste que 40 boîtes »)."""

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
PARA-500,Paracétamol 500mg boîte de 20,paracetamol|doliprane,boîte,40,10,30
PARA-1000,Paracétamol 1000mg boîte de 8,paracetamol 1000|doliprane 1000,boîte,15,5,20
SIROP,Sirop contre la toux 125ml,sirop,flacon,12,4,12
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "pharma", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000001", "pharma")
    session.commit()
    yield Chat(session, manager, settings)


@pytest.mark.parametrize("typed", ["le 500", "c'est le 500"])
def test_the_number_of_the_product_shown_names_it(shop: Chat, session: Session, typed: str) -> None:
    shop.say("vendu 2 paracetamol")
    out = shop.say(typed)
    assert out.startswith("Enregistrer la vente de 2 boîtes de Paracétamol 500mg"), out
    shop.say("oui")
    assert quantity(session, "PARA-500") == 38


def test_the_number_of_the_sibling_still_swaps(shop: Chat, session: Session) -> None:
    shop.say("vendu 2 paracetamol")
    out = shop.say("non le 1000")
    assert out.startswith("Enregistrer la vente de 2 boîtes de Paracétamol 1000mg"), out


def test_the_size_of_a_lone_product_names_it(shop: Chat, session: Session) -> None:
    shop.say("vendu 2 sirop")
    assert shop.say("le 125").startswith("Enregistrer la vente de 2 flacons de Sirop")
