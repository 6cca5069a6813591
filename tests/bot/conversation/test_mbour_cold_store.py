"""A frozen foods and poultry depot in Mbour whose managers write West African traders'
English or Wolof: chicken and fish by the 10 kg or 20 kg carton or by the kg, ice blocks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

CATALOGUE = """sku,name,aliases,unit,quantity,threshold,reorder_quantity,unit_en
PLT-10,Poulet entier carton 10kg,poulet|chicken|ganaar,carton,30,8,20,carton
PLT-20,Poulet entier carton 20kg,poulet|chicken|ganaar,carton,12,4,10,carton
AILE-10,Ailes de poulet carton 10kg,ailes|chicken wings|wings,carton,25,6,20,carton
CHINCH-20,Chinchard carton 20kg,chinchard|horse mackerel,carton,50,10,30,carton
THIOF-KG,Thiof au kilo,thiof|grouper,kg,60,15,50,kg
GLACE,Pain de glace,glace|ice|ice block,bloc,100,30,80,block
"""


def _depot(session: Session, settings: Settings, language: str) -> Chat:
    apply_products(session, "mbour", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000009", "mbour", language=language)
    session.commit()
    return Chat(session, manager, settings)


@pytest.fixture
def english(session: Session, settings: Settings) -> Iterator[Chat]:
    yield _depot(session, settings, "en")


def test_abeg_is_please_not_a_product(english: Chat) -> None:
    """« abeg order 15 » answered « I cannot find “abeg” »: Pidgin `abeg` is a please."""
    out = english.say("abeg order 15")
    assert "abeg" not in out and out.startswith("Which product?"), out
    out = english.say("wings")
    assert out.startswith("Order 15 cartons of Ailes de poulet carton 10kg?"), out


def test_bought_is_a_delivery_and_get_asked_is_a_stock_question(
    english: Chat, session: Session
) -> None:
    """« we get 10 carton wings? » was recorded as a delivery; « I bought 40 ice block »
    showed the stock."""
    out = english.say("we get 10 carton wings?")
    assert out.startswith("Ailes de poulet carton 10kg: 25 cartons"), out
    out = english.say("I bought 40 ice block")
    assert out.startswith("Record the delivery of 40 blocks of Pain de glace?"), out
    assert "Stock: 140 blocks." in english.say("yes"), english.last
    assert quantity(session, "GLACE") == 140


def test_goods_left_unpicked_are_named_as_typed_not_by_their_unit(english: Chat) -> None:
    """« we receive 4 carton chicken », then a stock question before the size was picked:
    « The delivery of 4 cartons of carton is cancelled »: `chicken` is an alias, `carton` a
    word of both names."""
    assert english.say("we receive 4 carton chicken").startswith("Which product?")
    out = english.say("stock wings")
    assert out.startswith("The delivery of 4 cartons of chicken is cancelled"), out


@pytest.mark.parametrize(
    "typed", ["no be 10kg, na 20kg", "e no be 10kg na 20kg", "na 20kg", "na the 20kg one"]
)
def test_pidgin_na_names_the_right_size(english: Chat, typed: str) -> None:
    """Pidgin `na` (it is) before the size meant: « no be 10kg, na 20kg » dropped the sale,
    « na 20kg » was not understood, « na the 20kg one » listed every 20 kg product."""
    english.say("sold 3 carton chicken 10kg")
    out = english.say(typed)
    assert out.startswith("Record the sale of 3 cartons of Poulet entier carton 20kg?"), out


@pytest.mark.parametrize(
    ("language", "typed"),
    [("wo", "dama juum"), ("en", "I make mistake"), ("en", "i don make mistake")],
)
def test_owning_a_mistake_takes_back_the_whole_sale(
    session: Session, settings: Settings, language: str, typed: str
) -> None:
    """« dama juum » (Wolof: I erred), Pidgin « I make mistake » after a sale of two lines
    offered to take back the last line only: `dama`, `make` were read as a product's words."""
    chat = _depot(session, settings, language)
    chat.say("jaay naa 2 carton ailes ak 3 kilo thiof")
    chat.say("waaw")
    assert quantity(session, "THIOF-KG") == 57
    out = chat.say(typed)
    assert "Ailes de poulet carton 10kg" in out and "Thiof au kilo" in out, out


@pytest.mark.parametrize(
    ("language", "asked", "typed", "said"),
    [
        ("en", "how many chicken remain?", "the 20kg", "Poulet entier carton 20kg: 12 cartons"),
        ("en", "how many chicken remain?", "the 20kg one", "Poulet entier carton 20kg: 12"),
        ("wo", "ñaata ganaar moo des?", "bu 20kg bi", "Poulet entier carton 20kg : 12 carton"),
        ("fr", "combien de poulet", "le 10kg", "Poulet entier carton 10kg : 30 cartons"),
    ],
)
def test_a_size_alone_after_a_family_listed_is_the_one_of_that_size(
    session: Session, settings: Settings, language: str, asked: str, typed: str, said: str
) -> None:
    """« the 20kg » right after the stock of both chickens listed every 20 kg product of the
    depot: the size designates the one listed of that size, as `le grand` does."""
    chat = _depot(session, settings, language)
    chat.say(asked)
    out = chat.say(typed)
    assert out.startswith(said) and "Ailes" not in out and "Chinchard" not in out, out


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("no be 20, na 30", "Order 30 cartons of Ailes de poulet carton 10kg?"),
        ("not 20, 30", "Order 30 cartons of Ailes de poulet carton 10kg?"),
        ("make it 30", "✅ Order #1 confirmed: 30 cartons of Ailes de poulet carton 10kg."),
        ("no it was 22", "Correct the sale of 21 cartons of Ailes de poulet carton 10kg"),
    ],
)
def test_the_number_a_push_offered_replaced_answers_the_push(
    english: Chat, typed: str, said: str
) -> None:
    """The sale of 21 cartons of wings raised the push « Order 20 cartons? »: « no be 20, na
    30 », « not 20, 30 » corrected the sale to 30; the number the push offered is replaced, so
    the order is answered. A number that replaces the sale's still corrects the sale."""
    english.say("sold 21 carton wings")
    english.say("yes")
    out = english.say(typed)
    assert out.startswith(said), out


@pytest.mark.parametrize(
    "typed", ["5 ice block melt", "5 ice block don melt", "5 ice block melted", "5 glace seey na"]
)
def test_ice_that_melted_is_a_loss(english: Chat, typed: str) -> None:
    """Ice blocks that melted (Pidgin `melt`, `don melt`, English `melted` without `have`,
    Wolof `seey`) left the stock unsold: it showed the stock of ice."""
    out = english.say(typed)
    assert out.startswith("Record the loss of 5 blocks of Pain de glace"), out


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("comot am", "Cancel the sale of 3 cartons of Ailes de poulet carton 10kg"),
        ("comot 1 carton wings", "Correct the sale of 3 cartons of Ailes de poulet carton 10kg"),
    ],
)
def test_comot_takes_out_as_remove_does(english: Chat, typed: str, said: str) -> None:
    """Pidgin « comot am » (take it out) right after a sale was « I did not understand »."""
    english.say("sold 3 carton wings")
    english.say("yes")
    out = english.say(typed)
    assert out.startswith(said), out


@pytest.mark.parametrize(
    "typed", ["customer returned it", "customer bring am back", "le client l'a rendu"]
)
def test_a_customer_return_of_it_is_of_the_goods_just_sold(english: Chat, typed: str) -> None:
    """« customer returned it » right after a sale of wings was « I did not understand »: the
    goods said as a pronoun are those just talked about, how many is asked."""
    english.say("sold 3 carton wings")
    english.say("yes")
    assert english.say(typed).startswith("Ailes de poulet carton 10kg: how many cartons?")
    out = english.say("3")
    assert out.startswith("Record the customer return of 3 cartons of Ailes de poulet"), out


@pytest.mark.parametrize("typed", ["don't order", "do not order", "bul komande", "ne commande pas"])
def test_said_not_to_order_under_a_push_is_a_later(english: Chat, typed: str) -> None:
    """« don't order », Wolof « bul komande » under « Order 20 cartons? » asked to confirm the
    order: the order word was read, its negation not."""
    english.say("sold 21 carton wings")
    english.say("yes")
    out = english.say(typed)
    assert out.startswith("OK. Ailes de poulet carton 10kg: 4 cartons in stock."), out
