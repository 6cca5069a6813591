"""A quincaillerie of Thiès the bot never saw: two cements by the sac, rebar in 6, 8, 10 and
12 mm by the barre, zinc and alu sheets, nails by the kg and by the paquet, paint in pots and
seaux of 1, 4 and 20 L in several colours, PVC pipes of 32, 40 and 100 mm, taps, electric
wire by the roll and by the metre, bulbs, padlocks; typed as its busy managers do. A count of
a family (`inventaire fer`) asks each count, and reads them typed together."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

CATALOGUE = """\
sku,name,aliases,unit,quantity,threshold,reorder_quantity,unit_en
CIM-SOCO,Ciment Sococim 50kg,ciment|sococim|ciment gris|sac de ciment,sac,140,40,100,bag
CIM-DANGOTE,Ciment Dangote 50kg,ciment|dangote|ciment dangote,sac,60,20,60,bag
FER-6,Fer à béton 6mm,fer|fer 6|fer de 6|barre de 6|fer a beton 6,barre,300,60,200,bar
FER-8,Fer à béton 8mm,fer|fer 8|fer de 8|barre de 8|fer a beton 8,barre,250,60,200,bar
FER-10,Fer à béton 10mm,fer|fer 10|fer de 10|barre de 10|fer a beton 10,barre,180,40,150,bar
FER-12,Fer à béton 12mm,fer|fer 12|fer de 12|barre de 12|fer a beton 12,barre,120,30,100,bar
TOLE-ZINC,Tôle ondulée zinc 2m,tole|tôle|tole zinc|zinc|tole ondulee,feuille,90,20,60,sheet
TOLE-ALU,Tôle ondulée alu 3m,tole|tôle|tole alu|alu|tole aluminium,feuille,40,10,30,sheet
CLOU-KG,Clous pointe 70mm au kilo,clou|clous|pointe|pointes|clous kilo,kg,55,15,50,kg
CLOU-PQ,Clous tôle paquet,clou|clous|clous tole|clou de tole|paquet de clous,paquet,30,10,30,pack
PEINT-BL-1,Peinture blanche 1L,peinture|peinture blanche|blanc|pot blanc,pot,40,10,30,tin
PEINT-BL-4,Peinture blanche 4L,peinture|peinture blanche|blanc|pot blanc,pot,25,8,20,tin
PEINT-BL-20,Peinture blanche 20L,peinture|peinture blanche|blanc|seau blanc,seau,12,4,10,bucket
PEINT-BE-4,Peinture beige 4L,peinture|peinture beige|beige|creme,pot,14,5,12,tin
PEINT-BE-20,Peinture beige 20L,peinture|peinture beige|beige,seau,6,2,6,bucket
PEINT-BLEU-1,Peinture bleue 1L,peinture|peinture bleue|bleu,pot,18,5,12,tin
PEINT-BLEU-4,Peinture bleue 4L,peinture|peinture bleue|bleu,pot,9,4,10,tin
PVC-32,Tuyau PVC 32mm,tuyau|pvc|tuyau 32|pvc 32|tube,barre,70,15,50,pipe
PVC-40,Tuyau PVC 40mm,tuyau|pvc|tuyau 40|pvc 40|tube,barre,60,15,50,pipe
PVC-100,Tuyau PVC 100mm,tuyau|pvc|tuyau 100|pvc 100|tuyau evacuation,barre,35,10,30,pipe
ROB-LAITON,Robinet laiton 15/21,robinet|robinet laiton|robinet jaune,pièce,45,10,30,piece
ROB-PLAST,Robinet plastique,robinet|robinet plastique|robinet pvc,pièce,60,15,40,piece
FIL-15-R,Fil électrique 1.5mm² rouleau 100m,fil|fil electrique|fil 1.5|cable,rouleau,20,5,15,roll
FIL-25-R,Fil électrique 2.5mm² rouleau 100m,fil|fil electrique|fil 2.5|cable,rouleau,12,4,10,roll
FIL-25-M,Fil électrique 2.5mm² au mètre,fil au metre|cable metre,mètre,150,50,100,metre
AMP-LED,Ampoule LED 12W,ampoule|ampoule led|led|lampe,pièce,120,30,100,bulb
AMP-BASSE,Ampoule basse conso 20W,ampoule|ampoule basse conso|economique,pièce,50,15,50,bulb
CAD-40,Cadenas 40mm,cadenas|cadenas 40|petit cadenas,pièce,30,8,24,padlock
CAD-60,Cadenas 60mm,cadenas|cadenas 60|grand cadenas,pièce,18,5,12,padlock
BROUETTE,Brouette,brouette|bourette,pièce,8,2,5,wheelbarrow
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "thies", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000005", "thies")
    session.commit()
    yield Chat(session, manager, settings)


# --- a count of a family ---------------------------------------------------------------------


def test_a_family_count_lists_its_stock_in_size_order_and_asks_each_count(shop: Chat) -> None:
    """`inventaire fer` listed the four rebars' stock, and the counts typed next were not read."""
    out = shop.say("inventaire fer")
    listed = [line.split(" :")[0] for line in out.splitlines()[:4]]
    assert listed == [f"Fer à béton {size}mm" for size in (6, 8, 10, 12)], out
    assert out.endswith("Ligne 1 (Fer à béton 6mm) : Combien de barres au comptage ?"), out
    out = shop.say("8mm 240 10mm 175")  # two counts at once, by their size
    assert out == "Ligne 1 (Fer à béton 6mm) : Combien de barres au comptage ?", out
    assert "Ligne 4 (Fer à béton 12mm)" in shop.say("290")
    out = shop.say("118")
    assert "Fer à béton 8mm : 250 → 240 barres" in out, out
    assert "Fer à béton 12mm : 120 → 118 barres" in out, out
    shop.say("oui")
    counted = [quantity(shop.session, f"FER-{size}") for size in (6, 8, 10, 12)]
    assert counted == [290, 240, 175, 118]


@pytest.mark.parametrize(
    ("typed", "counts"),
    [
        ("1L 38 4L 25 20L 11", (38, 25, 11)),
        ("20L 11 1L 38 4L 25", (38, 25, 11)),
        ("38 25 11", (38, 25, 11)),  # in the order listed
        ("38, 25 et 11", (38, 25, 11)),
        ("38 pots 25 pots 11 seaux", (38, 25, 11)),
        ("1 litre 38, 4 litres 25, 20 litres 11", (38, 25, 11)),
    ],
)
def test_the_counts_of_a_family_typed_at_once(
    shop: Chat, typed: str, counts: tuple[int, ...]
) -> None:
    """Each count by the words (a size, a unit) that tell its product from the others, or the
    bare numbers in the order listed."""
    shop.say("inventaire peinture blanche")
    out = shop.say(typed)
    assert "Enregistrer l'inventaire ?" in out, out
    shop.say("oui")
    skus = ("PEINT-BL-1", "PEINT-BL-4", "PEINT-BL-20")
    assert tuple(quantity(shop.session, sku) for sku in skus) == counts


@pytest.mark.parametrize("typed", ["32 60 40 55 100 30", "60 de 32, 55 de 40, 30 de 100"])
def test_a_pipe_counted_by_the_number_of_its_name(shop: Chat, typed: str) -> None:
    """`32 60 40 55 100 30`: each count after the number of its pipe (never 6 counts)."""
    shop.say("inventaire tuyau")
    shop.say(typed)
    shop.say("oui")
    skus = ("PVC-32", "PVC-40", "PVC-100")
    assert tuple(quantity(shop.session, sku) for sku in skus) == (60, 55, 30)


def test_a_count_of_products_named_without_numbers_asks_each(shop: Chat) -> None:
    """`inventaire brouette et robinet plastique`: the stock of each, then each count (it was
    their stock alone)."""
    out = shop.say("inventaire brouette et robinet plastique")
    assert "Ligne 1 (Brouette) : Combien de pièces au comptage ?" in out, out
    shop.say("robinet 58 brouette 7")
    shop.say("oui")
    assert (quantity(shop.session, "BROUETTE"), quantity(shop.session, "ROB-PLAST")) == (7, 58)


@pytest.mark.parametrize("typed", ["inventaire ciment", "inventaire sococim et dangote"])
def test_another_count_asked_at_a_count_is_a_count_of_its_own(shop: Chat, typed: str) -> None:
    """`inventaire ciment` at « Fer à béton 6mm : combien … au comptage ? » took the place of
    the rebar of the line asked about (« Ligne 1 (?) : Quel produit ? » the cements, under
    three rebars still asked)."""
    shop.say("inventaire fer")
    out = shop.say(typed)
    assert "Ligne 1 (Ciment " in out, out
    assert out.endswith("Combien de sacs au comptage ?"), out
    assert "Fer" not in out, out
    shop.say("sococim 120 dangote 55")
    shop.say("oui")
    assert (quantity(shop.session, "CIM-SOCO"), quantity(shop.session, "FER-6")) == (120, 300)


def test_a_count_of_one_product_still_asks_its_count(shop: Chat) -> None:
    out = shop.say("inventaire brouette")
    assert out.endswith("Brouette : combien de pièces au comptage ?"), out
    shop.say("7")
    shop.say("oui")
    assert quantity(shop.session, "BROUETTE") == 7


def test_a_family_stock_is_listed_in_size_order(shop: Chat) -> None:
    out = shop.say("stock tuyau")
    assert [line.split(" :")[0] for line in out.splitlines()] == [
        "Tuyau PVC 32mm",
        "Tuyau PVC 40mm",
        "Tuyau PVC 100mm",
    ], out


# --- corrections of a size -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["non c'est 8mm pas 10", "non c'est du 8mm pas du 10", "8mm pas 10", "non pas 10 c'est 8mm"],
)
def test_the_size_denied_beside_a_size_is_no_amount(shop: Chat, typed: str) -> None:
    """`non c'est 8mm pas 10` under 5 bars of Fer 10mm offered 10 bars of Fer 8mm: the 10
    denied is the size it was, the amount stays."""
    shop.say("vendu 5 fer 10")
    out = shop.say(typed)
    assert out.startswith("Enregistrer la vente de 5 barres de Fer à béton 8mm ?"), out


def test_an_amount_denied_is_still_one(shop: Chat) -> None:
    shop.say("vendu 5 fer 10")
    out = shop.say("non c'est 7 pas 5")
    assert out.startswith("Enregistrer la vente de 7 barres de Fer à béton 10mm ?"), out


@pytest.mark.parametrize(
    "typed",
    ["non c'est 20l pour le beige", "non le beige c'est 20l", "non beige 20l", "non 20l le beige"],
)
def test_a_size_for_one_line_of_two_of_a_family(shop: Chat, typed: str) -> None:
    """Under blue paint 1 L and beige paint 4 L, `non beige 20l` asked « Quelle ligne modifier
    ? »: both lines are paint, the beige one shares the most words of its name."""
    shop.say("vendu 2 peinture bleu 1l et 1 peinture beige 4l")
    out = shop.say(typed)
    assert out.startswith(
        "Enregistrer la vente : 2 pots de Peinture bleue 1L, 1 seau de Peinture beige 20L ?"
    ), out


# --- what answers « Quel produit ? » ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "word"), [("test 1", "test"), ("bidule 3", "bidule"), ("trucs 3", "trucs")]
)
def test_an_unknown_word_with_a_number_is_no_amount(shop: Chat, typed: str, word: str) -> None:
    """`test 1` at « Quel produit ? » was « C'est noté : 1 pièce pour « robinet » »: a product
    the shop does not have became the line's amount."""
    shop.say("vendu 2 robinet")
    out = shop.say(typed)
    assert out.startswith(f"Je ne trouve pas « {word} » dans ce magasin"), out
    assert "Quel produit ?" in out, out
    assert shop.say("laiton").startswith("Enregistrer la vente de 2 pièces de Robinet laiton")


@pytest.mark.parametrize(
    "typed",
    [
        "x3",
        "3x",
        "robinnet 3",
        "il en a pris 3",
        "3 pieces",
        "lii 3",
        "xam 3",
        "sèlman 3",
        "ndax 3",
    ],
)
def test_an_amount_told_at_the_product_question_is_noted(shop: Chat, typed: str) -> None:
    """`x3` is a sign and 3 (as `x1`: the amount 1), a typo of the products offered is theirs;
    Wolof words around it (`lii`, `xam`, `sèlman`, `ndax`) name no product."""
    shop.say("vendu 2 robinet")
    assert shop.say(typed).startswith("C'est noté : 3 pièces pour « robinet »")
    assert shop.say("laiton").startswith("Enregistrer la vente de 3 pièces de Robinet laiton")


# --- a measure of the product sold by it -----------------------------------------------------


@pytest.mark.parametrize("typed", ["vendu 5 m fil 2.5", "vendu 5 metres de fil 2.5"])
def test_metres_of_wire_are_of_the_wire_sold_by_the_metre(shop: Chat, typed: str) -> None:
    """`vendu 5 m fil 2.5` asked « 5 m de Fil électrique 2.5mm² rouleau 100m, ça fait combien
    de rouleaux ? »: the same wire is sold by the metre."""
    out = shop.say(typed)
    assert out.startswith("Enregistrer la vente de 5 mètres de Fil électrique 2.5mm² au mètre"), out
    shop.say("oui")
    assert (quantity(shop.session, "FIL-25-M"), quantity(shop.session, "FIL-25-R")) == (145, 12)


def test_metres_of_another_wire_are_still_asked_about(shop: Chat) -> None:
    """The 1.5 mm² wire has no sale by the metre: how many rolls is asked."""
    out = shop.say("vendu 5 m fil 1.5")
    assert "ça fait combien de rouleaux ?" in out, out


@pytest.mark.parametrize(
    "typed", ["non le fer 10 c'est 12", "non 12 pour le 10", "non 12 pour le fer 10"]
)
def test_a_line_named_by_its_size_takes_the_other_number(shop: Chat, typed: str) -> None:
    """`non le fer 10 c'est 12` under 2 bars of Fer 8mm and 3 of Fer 10mm made the 8 mm line
    12 bars (`non 12 pour le 10` asked which line): the 10 names the line, 12 is its amount."""
    shop.say("vendu 2 fer 8 et 3 fer 10")
    out = shop.say(typed)
    assert out.startswith(
        "Enregistrer la vente : 2 barres de Fer à béton 8mm, 12 barres de Fer à béton 10mm ?"
    ), out


def test_an_amount_denied_of_a_line_is_still_its_amount(shop: Chat) -> None:
    """`non 8 pas 2`: the 2 is the 8 mm line's amount, never the 8 mm named."""
    shop.say("vendu 2 fer 8 et 3 fer 10")
    out = shop.say("non 8 pas 2")
    assert out.startswith(
        "Enregistrer la vente : 8 barres de Fer à béton 8mm, 3 barres de Fer à béton 10mm ?"
    ), out


def test_the_counts_of_a_family_told_apart_by_their_units(shop: Chat) -> None:
    """`45 kg 28 paquets` of the nails by the kilo and by the paquet: the 45 kg was lost."""
    shop.say("inventaire clous")
    out = shop.say("45 kg 28 paquets")
    assert "Enregistrer l'inventaire ?" in out, out
    shop.say("oui")
    assert (quantity(shop.session, "CLOU-KG"), quantity(shop.session, "CLOU-PQ")) == (45, 28)


@pytest.mark.parametrize(
    ("typed", "counts"),
    [
        ("40 38 25 6", (40, 38, 25, 6)),  # the 6 is a count, not the 6 mm
        ("40 38 25 10", (40, 38, 25, 10)),
        ("300 250 180 120", (300, 250, 180, 120)),  # no thousands: « C'est trop »
    ],
)
def test_one_bare_number_per_line_left_is_read_in_order(
    shop: Chat, typed: str, counts: tuple[int, ...]
) -> None:
    """`40 38 25 6` at the four rebars made the 6 mm 38 bars and lost 40, 25 and 6: one of
    the numbers was also the number of a name."""
    shop.say("inventaire fer")
    out = shop.say(typed)
    assert "Enregistrer l'inventaire ?" in out, out
    shop.say("oui")
    assert tuple(quantity(shop.session, f"FER-{size}") for size in (6, 8, 10, 12)) == counts


def test_counts_typed_apart_are_no_thousands(shop: Chat) -> None:
    """`40 250` was 40 250 bars of the 6 mm (« c'est beaucoup »); `1 200` alone for the last
    line is still its count."""
    shop.say("inventaire fer")
    out = shop.say("40 250")
    assert out == "Ligne 3 (Fer à béton 10mm) : Combien de barres au comptage ?", out
    shop.say("25")
    out = shop.say("1 200")
    assert "Fer à béton 12mm : 120 → 1\u00a0200 barres" in out, out


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("40 38 25 6 7", "5 nombres pour 4 produits : je ne sais pas lequel va où."),
        ("40 8", "8 est aussi dans le nom de Fer à béton 8mm :"),
        ("8 40", "8 est aussi dans le nom de Fer à béton 8mm :"),
    ],
)
def test_bare_numbers_with_no_line_of_their_own_are_asked_again(
    shop: Chat, typed: str, why: str
) -> None:
    """One of them was read as the 6 mm's count (`40 38 25 6 7`: 40, `8 40`: 8), the rest lost."""
    shop.say("inventaire fer")
    out = shop.say(typed)
    assert out.startswith(why), out
    assert out.endswith("\nLigne 1 (Fer à béton 6mm) : Combien de barres au comptage ?"), out
    shop.say("40 38 25 6")
    shop.say("oui")
    assert quantity(shop.session, "FER-6") == 40


@pytest.mark.parametrize("typed", ["inventaire fer 8", "inventaire fer de 8", "inventaire pvc 32"])
def test_a_count_of_a_product_named_by_its_number_asks_its_count(shop: Chat, typed: str) -> None:
    """`inventaire fer 8` asked « Quel produit ? » of the four rebars (a count of 8 of them),
    and the count typed next was not understood."""
    out = shop.say(typed)
    assert out.endswith("combien de barres au comptage ?"), out
    assert "Quel produit" not in out, out
    shop.say("31")
    shop.say("oui")
    assert 31 in (quantity(shop.session, "FER-8"), quantity(shop.session, "PVC-32"))


def test_a_count_after_the_number_of_its_name_is_still_read(shop: Chat) -> None:
    shop.say("inventaire fer 8 240")
    shop.say("oui")
    assert quantity(shop.session, "FER-8") == 240
