"""A word saying goods are gone that is a word of the product's name (`Finish` tablets) names
the product: `2 finish` offered a sale of 2 (then asked which product once the sale was
undone); the word beside another product still says it is out (`omo finish`: a count of 0)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat

_KIOSK = """sku,name,aliases,unit,quantity,threshold,reorder_quantity
FIN-Q,Finish Quantum tablets,finish|quantum,paquet,20,5,10
OMO-1,Omo washing powder 1kg,omo,paquet,12,3,6
RICE-25,Rice 25kg,rice,sac,30,5,10"""


@pytest.fixture
def kiosk(session: Session, settings: Settings) -> Chat:
    apply_products(session, "kiosk", parse_products_csv(_KIOSK), settings=settings)
    shop = Chat(session, add_manager(session, "+221770000009", "kiosk", language="en"), settings)
    session.commit()
    return shop


@pytest.mark.parametrize("typed", ["2 finish", "3 packets finish", "2 Finish"])
def test_the_name_alone_with_a_number_is_no_sale(kiosk: Chat, typed: str) -> None:
    out = kiosk.say(typed)
    assert "sale" not in out and "Which product" not in out, out
    assert "Finish Quantum tablets" in out, out


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("omo finish", "Omo washing powder 1kg: 12 → 0"),
        ("finish finished", "Finish Quantum tablets: 20 → 0"),
        ("only 4 finish left", "Finish Quantum tablets: 20 → 4"),
    ],
)
def test_out_or_left_is_still_a_count(kiosk: Chat, typed: str, said: str) -> None:
    assert said in kiosk.say(typed), kiosk.last
