"""A pharmacy and cosmetics shop of Ziguinchor whose managers write English, Pidgin, Wolof and
French mixed: a movement said not to have happened (`e no enter`, `10 gel no enter`, `dem no
return am`, `le gel n'est pas arrivé`, `je n'ai pas vendu`) is never offered as that movement,
a yes asked; under that movement waiting it is its no."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

CATALOGUE = """\
sku,name,aliases,unit,quantity,threshold,reorder_quantity,unit_en
PARA-500,Paracétamol 500 mg boîte de 20,paracetamol|para|doliprane,boîte,60,15,50,box
PARA-1G,Paracétamol 1 g boîte de 8,paracetamol|para|doliprane 1000,boîte,30,10,30,box
SAV-KARITE,Savon karité,savon|savon karite|karite,pièce,70,20,60,bar
SAV-NOIR,Savon noir,savon|savon noir|kaani,pièce,40,15,40,bar
LAIT-250,Lait corporel 250 ml,lait|lait corporel|lotion,flacon,30,8,24,bottle
LAIT-500,Lait corporel 500 ml,lait|lait corporel|lotion,flacon,20,6,24,bottle
COUCHE-3,Couches bébé taille 3,couches|couche|pampers,paquet,15,5,12,pack
COUCHE-4,Couches bébé taille 4,couches|couche|pampers,paquet,18,5,12,pack
GEL-HYD,Gel hydroalcoolique 100 ml,gel|gel hydro|sanitizer,flacon,50,12,48,bottle
PRES,Préservatifs Prudence boîte de 3,preservatifs|capotes|prudence|condom,boîte,60,15,50,box
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "zig", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000005", "zig", language="en")
    session.commit()
    yield Chat(session, manager, settings)


@pytest.mark.parametrize("typed", ["10 gel no enter", "the gel didn't come", "gel never arrive"])
def test_goods_said_not_to_have_come_are_no_arrival(shop: Chat, typed: str) -> None:
    out = shop.say(typed)
    assert out == "OK, nothing recorded.", out
    assert quantity(shop.session, "GEL-HYD") == 50
    assert "No question is waiting" in shop.say("yes")  # no arrival was offered


@pytest.mark.parametrize("typed", ["the gel no enter", "e no enter", "gel not yet delivered"])
def test_denied_under_its_arrival_is_its_no(shop: Chat, typed: str) -> None:
    shop.say("received 10 gel")
    assert shop.say(typed) == "OK, delivery not recorded."
    assert quantity(shop.session, "GEL-HYD") == 50


def test_one_line_denied_of_an_arrival_drops_that_line(shop: Chat) -> None:
    shop.say("received 10 gel and 5 savon karite")
    out = shop.say("the savon karite no enter")
    assert "Record the delivery of 10 bottles of Gel hydroalcoolique 100 ml?" in out, out
    shop.say("yes")
    assert quantity(shop.session, "GEL-HYD") == 60
    assert quantity(shop.session, "SAV-KARITE") == 70


@pytest.mark.parametrize("typed", ["dem no return am", "customer no return it"])
def test_a_return_denied_under_it_is_its_no(shop: Chat, typed: str) -> None:
    shop.say("customer returned 2 couches taille 3")
    assert shop.say(typed) == "OK, customer return not recorded."
    assert quantity(shop.session, "COUCHE-3") == 15


def test_a_return_denied_under_a_sale_keeps_the_sale(shop: Chat) -> None:
    shop.say("sold 2 savon noir")
    out = shop.say("customer no return it")
    assert out.startswith("OK, nothing recorded.\nRecord the sale of 2 bars of Savon noir?"), out
    shop.say("yes")
    assert quantity(shop.session, "SAV-NOIR") == 38


def test_a_sale_denied_in_french_under_it_is_its_no(shop: Chat) -> None:
    shop.say("vendu 3 para 500")
    assert shop.say("je n'ai pas vendu") == "OK, sale not recorded."
    assert quantity(shop.session, "PARA-500") == 60


@pytest.mark.parametrize(
    ("command", "typed", "meant"),
    [
        ("received 10 gel", "only 8, 2 didn't come", "the delivery of 8 bottles"),
        ("received 10 gel", "2 flacons ne sont pas arrivés", "the delivery of 8 bottles"),
        ("received 10 gel", "pas reçu 10, 8 seulement", "the delivery of 8 bottles"),
        ("sold 5 savon noir", "no, 4. one didn't sell", "the sale of 4 bars"),
        ("sold 5 savon noir", "ah no, sold 3", "the sale of 3 bars"),
        ("sold 5 savon noir", "sorry no sold 4", "the sale of 4 bars"),
        ("sold 5 savon noir", "pas vendu 5, 3", "the sale of 3 bars"),
        ("sold 5 savon noir", "pas vendu 5 pièces, juste 3", "the sale of 3 bars"),
    ],
)
def test_an_amount_said_beside_a_denial_corrects_the_movement(
    shop: Chat, command: str, typed: str, meant: str
) -> None:
    shop.say(command)
    out = shop.say(typed)
    assert out.startswith(f"Record {meant} of "), out


def test_goods_said_not_to_have_come_all_of_them_are_its_no(shop: Chat) -> None:
    shop.say("received 10 gel")
    assert shop.say("10 flacons ne sont pas arrivés") == "OK, delivery not recorded."


@pytest.mark.parametrize(
    ("command", "typed", "asked", "sku", "stock"),
    [
        ("sold 3 savon noir", "actually I didn't sell", "the sale of 3 bars", "SAV-NOIR", 40),
        ("vendu 3 savon noir", "en fait je n'ai pas vendu", "the sale of 3 bars", "SAV-NOIR", 40),
        ("received 10 gel", "sorry the gel didn't come", "the delivery of 10", "GEL-HYD", 50),
    ],
)
def test_denied_right_after_it_was_recorded_its_cancellation_is_asked(
    shop: Chat, command: str, typed: str, asked: str, sku: str, stock: int
) -> None:
    shop.say(command)
    shop.say("yes")
    out = shop.say(typed)
    assert out.startswith(f"Cancel {asked}"), out
    shop.say("yes")
    assert quantity(shop.session, sku) == stock


def test_denied_long_after_it_was_recorded_it_stays_recorded(shop: Chat) -> None:
    shop.say("sold 3 savon noir")
    shop.say("yes")
    shop.now += timedelta(hours=2)
    out = shop.say("I didn't sell")
    assert out.startswith("OK, but the sale already recorded stays recorded."), out
    assert quantity(shop.session, "SAV-NOIR") == 37
