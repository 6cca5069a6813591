"""A manager of a Banjul shop who writes only English, short and fast, over a catalogue written
in English: milk powder by the tin, oil by the bottle or the gallon, bread by the loaf."""

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
Rice 50kg bag;bag;40;10;rice|big rice
Rice 25kg bag;bag;30;8;rice|small rice
Sugar 1kg;packet;60;15;sugar
Cooking oil 1L;bottle;48;12;oil
Cooking oil 5L;gallon;20;5;oil|big oil
Milk powder 400g;tin;36;10;milk|powder milk
Bread;loaf;40;10;bread
Soap bar;bar;80;20;soap
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "banjul", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+2207000001", "banjul")
    session.commit()
    chat = Chat(session, manager, settings)
    chat.say("english")
    yield chat


def test_the_catalogues_english_units_are_said_as_written(shop: Chat, session: Session) -> None:
    """« sold 5 milk » over milk counted in `tin` was « 5 boxes of Milk powder 400g », the 5 L
    oil counted in `gallon` was « cans »: the catalogue's own English word is kept."""
    assert shop.say("sold 5 milk").startswith("Record the sale of 5 tins of Milk powder"), shop.last
    assert "Left: 31 tins." in shop.say("yes"), shop.last
    shop.say("sold 2 oil")
    assert shop.say("5l").startswith("Record the sale of 2 gallons of Cooking oil 5L"), shop.last
    shop.say("yes")
    assert quantity(session, "COOKING-OIL-5L") == 18


def test_loaves_of_bread(shop: Chat, session: Session) -> None:
    """« we receive 20 bread » was « 20 loafs of Bread »."""
    assert shop.say("we receive 20 bread").startswith("Record the delivery of 20 loaves of Bread")
    assert "Stock: 60 loaves." in shop.say("yes"), shop.last
    assert quantity(session, "BREAD") == 60


def test_the_product_named_answers_is_it_the_order(shop: Chat, session: Session) -> None:
    """« we receive 20 bags rice » after 20 bags of the 25 kg rice were ordered asked « is it
    order #1? »; « 25kg » was « I did not understand your answer. »."""
    shop.say("pls order 20 rice")
    shop.say("the 25kg")
    shop.say("yes")
    assert "is it order #1" in shop.say("we receive 20 bags rice"), shop.last
    assert shop.say("25kg").startswith("✅ Order #1 received: 20 bags of Rice 25kg"), shop.last
    assert quantity(session, "RICE-25KG-BAG") == 50


def test_the_other_product_named_is_the_one_delivered(shop: Chat, session: Session) -> None:
    """« the big one » to « is it order #1? » (25 kg rice ordered): the 50 kg rice came."""
    shop.say("pls order 20 rice")
    shop.say("the 25kg")
    shop.say("yes")
    assert "is it order #1" in shop.say("we receive 10 bags rice"), shop.last
    out = shop.say("the big one")
    assert out.startswith("Record the delivery of 10 bags of Rice 50kg bag?"), out
    shop.say("yes")
    assert quantity(session, "RICE-50KG-BAG") == 50
    assert quantity(session, "RICE-25KG-BAG") == 30


@pytest.mark.parametrize(
    "typed", ["supplier bring 10 soap", "bought 10 soap from supplier", "10 soap from the supplier"]
)
def test_goods_the_supplier_brought_are_a_delivery(
    shop: Chat, session: Session, typed: str
) -> None:
    """« supplier bring 10 soap » was « I did not understand », « bought 10 soap from supplier »
    answered the help: the supplier named with an amount is goods coming in, as `fournisseur`."""
    assert shop.say(typed).startswith("Record the delivery of 10 bars of Soap bar?"), shop.last
    assert "Stock: 90 bars." in shop.say("yes"), shop.last
    assert quantity(session, "SOAP-BAR") == 90


def test_the_supplier_named_without_an_amount_moves_nothing(shop: Chat) -> None:
    """« call supplier » records nothing."""
    assert "Record" not in shop.say("call supplier"), shop.last


def test_a_delivery_left_before_its_product_is_told_names_the_goods_typed(shop: Chat) -> None:
    """« we receive 20 bags rice », then « sold 4 soap » before picking the rice: the notice
    said « The delivery of 20 bags of Rice bag is cancelled »."""
    shop.say("we receive 20 bags rice")
    out = shop.say("sold 4 soap")
    assert out.startswith("The delivery of 20 bags of Rice is cancelled"), out
