"""A letter elided without its apostrophe (`c est`, `s il`, `j ai`, `l huile`, `d eau`) is no
size letter: with « Chargeur type C » and « Chargeur micro USB », `c est le micro usb` under
« Quel produit ? » recorded the type C (its lone C), whatever the words said."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from intents.answers import letters_of
from tests.bot.conversation.conftest import Chat

CATALOGUE = """sku,name,aliases,unit,quantity,threshold,reorder_quantity
CAB-C,Câble type C,cable,pièce,10,2,5
CAB-L,Câble lightning L,cable,pièce,10,2,5
CAB-USB,Câble micro USB,cable,pièce,10,2,5
PILE-D,Pile D,pile,pièce,10,2,5
PILE-AA,Pile AA,pile,pièce,10,2,5
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "phones", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000001", "phones")
    session.commit()
    yield Chat(session, manager, settings)


@pytest.mark.parametrize(
    "typed",
    [
        "c est le micro usb",
        "c est le usb",
        "c est micro usb",
        "s il te plait le micro usb",
        "j ai pris le micro usb",
        "l usb",
    ],
)
def test_an_elided_letter_does_not_pick_the_type_c(shop: Chat, typed: str) -> None:
    shop.say("vendu 2 cable")
    out = shop.say(typed)
    assert out.startswith("Enregistrer la vente de 2 pièces de Câble micro USB ?"), out


@pytest.mark.parametrize("typed", ["C", "le C", "type C", "c est le C", "non le c"])
def test_the_letter_written_as_a_size_still_picks(shop: Chat, typed: str) -> None:
    shop.say("vendu 2 cable")
    out = shop.say(typed)
    assert out.startswith("Enregistrer la vente de 2 pièces de Câble type C ?"), out


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("c est le usb", set()),
        ("s il vous plait", set()),
        ("j ai vendu", set()),
        ("m appelle", set()),
        ("n est pas", set()),
        ("l huile", set()),
        ("d eau", set()),
        ("le L est fini", {"l"}),
        ("taille M en blanc", {"m"}),
        ("c est le L", {"l"}),
        ("non le L", {"l"}),
        ("L", {"l"}),
        ("pile D", {"d"}),
        ("S et M", {"s", "m"}),
        ("L ou M", {"l", "m"}),
        ("M aussi", {"m"}),
        ("L en blanc", {"l"}),
        ("s est vendu", set()),
    ],
)
def test_letters_of_leaves_out_the_elided_ones(text: str, letters: set[str]) -> None:
    assert letters_of(text) == letters
