"""A manager of a shop the bot never saw (a quincaillerie: cement by the sac, rebar by the barre,
paint by the pot) keeps the thread: a new command typed at a question asking a number is a
command, never that number; a quantity question answered with several items keeps them all;
what did not come of an order, said at its arrival, leaves the rest as the delivery; an amount
told at « Quel produit ? », or beside the number that picks one (`le 10, 6 barres`), is kept;
the English unit the bot says (`bars`, `sheets`) is read back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

CATALOGUE = """Nom;Unité;Quantité;Seuil
Ciment 50kg;sac;120;30
Fer à béton 8;barre;200;50
Fer à béton 10;barre;150;40
Fer à béton 12;barre;100;30
Tôle ondulée;feuille;80;20
Peinture blanche 5L;pot;25;5
Peinture blanche 20L;pot;10;3
Clous 7cm;kg;40;10
Fil électrique;rouleau;15;4
Robinet;pièce;30;8
Cadenas;pièce;20;5
Brouette;pièce;6;2
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "quinc", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000001", "quinc")
    session.commit()
    yield Chat(session, manager, settings)


# --- a new command at a question asking a number -------------------------------------------


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("vendu 2 cadenas", "la vente de 2 pièces de Cadenas"),
        ("commande 5 peinture 20l", "Commander 5 pots de Peinture blanche 20L"),
        ("reçu 3 robinets", "l'arrivage de 3 pièces de Robinet"),
    ],
)
def test_a_command_under_an_oversold_sale_is_no_amount_of_it(
    shop: Chat, typed: str, asked: str
) -> None:
    """« Il ne reste que 6 brouettes » then `vendu 2 cadenas`: it sold 2 wheelbarrows."""
    shop.say("vendu 10 brouettes")
    assert "[Vendre 6]" in shop.say("10")
    out = shop.say(typed)
    assert asked in out, out
    assert "de Brouette ?" not in out, out
    shop.say("vendu 10 brouettes")  # an amount still answers it, with its verb or without
    shop.say("10")
    assert shop.say("vendu 5 brouettes").startswith("Enregistrer la vente de 5 pièces de Brouette")
    shop.say("vendu 10 brouettes")
    shop.say("10")
    assert shop.say("4").startswith("Enregistrer la vente de 4 pièces de Brouette")


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("vendu 2 cadenas", "la vente de 2 pièces de Cadenas"),
        ("commande 20 peinture 5l", "Commander 20 pots de Peinture blanche 5L"),
        ("stock 2 robinets", "Robinet : 30 pièces"),
    ],
)
def test_a_command_under_a_correction_in_another_unit_is_no_amount_of_it(
    shop: Chat, typed: str, asked: str
) -> None:
    """`non 4 barres` after 100 sacs of cement arrived asks how many sacs; `vendu 2 cadenas`
    then offered to correct the arrival to 2 sacs."""
    shop.say("reçu 100 ciment")
    shop.say("oui")
    shop.say("non 4 barres")
    out = shop.say("80 sacs")  # a number of sacs answers it
    assert out.startswith("Corriger l'arrivage de 100 sacs de Ciment 50kg"), out
    assert "en 80 sacs" in out, out
    shop.say("non")
    assert "ça fait combien de sacs ?" in shop.say("non 4 barres")
    out = shop.say(typed)
    assert asked in out, out
    assert "Corriger" not in out, out
    assert out.startswith("Rien n'est annulé ni corrigé"), out
    assert quantity(shop.session, "CIMENT-50KG") == 220


# --- what did not come, said at the order's arrival ------------------------------------------


@pytest.mark.parametrize(
    ("typed", "lang"),
    [
        ("il manque 2", "fr"),
        ("il en manque 2", "fr"),
        ("manque 2 brouettes", "fr"),
        ("sauf 2", "fr"),
        ("2 missing", "en"),
    ],
)
def test_a_shortfall_at_the_arrival_asked_is_the_rest_delivered(
    shop: Chat, typed: str, lang: str
) -> None:
    """« Commande n°1 arrivée : enregistrer l'arrivage de 10 brouettes ? » then `il manque 2`:
    it dropped the arrival and listed what runs low."""
    if lang == "en":
        shop.say("english")
    shop.say("commande 10 brouettes")
    shop.say("oui")
    shop.say("commande 1 reçue")
    out = shop.say(typed)
    assert ("8 pièces de Brouette" if lang == "fr" else "8 pieces of Brouette") in out, out
    shop.say("oui" if lang == "fr" else "yes")
    assert quantity(shop.session, "BROUETTE") == 6 + 8


def test_a_shortfall_of_everything_asks_how_many_came(shop: Chat) -> None:
    """`il manque 10` of 10 awaited: how many came is asked (it listed what runs low); `il
    manque 2 cadenas` under the wheelbarrows' arrival is no shortfall of it."""
    shop.say("commande 10 brouettes")
    shop.say("oui")
    shop.say("commande 1 reçue")
    assert "8 pièces" not in shop.say("il manque 2 cadenas")
    shop.say("commande 1 reçue")
    out = shop.say("il manque 10")
    assert "combien" in out.lower(), out
    assert quantity(shop.session, "BROUETTE") == 6


# --- several items answered to "X : combien ?" ------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["2 ciment et 1 tole", "ciment 2 et tole 1", "2 ciment, 1 tôle", "2 ciment ak 1 tole"]
)
def test_items_answered_to_how_many_keep_every_line(shop: Chat, typed: str) -> None:
    """« Tôle ondulée : combien de feuilles ? » then `2 ciment et 1 tole`: the sale was dropped
    and the stock of both shown."""
    shop.say("vendu tole")
    out = shop.say(typed)
    assert out.startswith("Enregistrer la vente : "), out
    assert "1 feuille de Tôle ondulée" in out, out
    assert "2 sacs de Ciment 50kg" in out, out


def test_items_answered_to_how_many_in_the_demo_shop(chat: Chat) -> None:
    """« Riz brisé 50kg : combien de sacs ? » then `2 savon et 1 riz`: it offered 2 sacs of
    rice."""
    chat.say("vendu riz")
    out = chat.say("2 savon et 1 riz")
    assert "1 sac de Riz brisé 50kg" in out, out
    assert "2 cartons de Savon de Marseille" in out, out


# --- an amount told while "Quel produit ?" waits ---------------------------------------------


@pytest.mark.parametrize(
    ("typed", "lang", "noted"),
    [
        ("6 barres", "fr", "C'est noté : 6 barres"),
        ("il en a pris 6", "fr", "C'est noté : 6 barres"),
        ("le client a pris 6 barres", "fr", "C'est noté : 6 barres"),
        ("he took 6", "en", "Noted: 6 bars"),
    ],
)
def test_an_amount_told_at_which_product_is_kept(
    shop: Chat, typed: str, lang: str, noted: str
) -> None:
    """« Quel produit ? » offering three rebars, answered `6 barres`: « Lequel ? Touchez un
    bouton », the 6 dropped (or « Je n'ai pas compris » for `il en a pris 6`)."""
    if lang == "en":
        shop.say("english")
    shop.say("vendu fer" if lang == "fr" else "sold iron")
    out = shop.say(typed)
    assert out.startswith(noted), out
    assert shop.button("FER-A-BETON-10"), out
    out = shop.tap(shop.button("FER-A-BETON-10"))
    assert ("6 barres de Fer à béton 10" if lang == "fr" else "6 bars of Fer à béton 10") in out


def test_an_amount_told_at_which_product_replaces_the_one_typed(shop: Chat) -> None:
    """`vendu fer 7` (7: an amount, no rebar's size) then `6 barres`: the 6 is the amount."""
    shop.say("vendu fer 7")
    assert shop.say("6 barres").startswith("C'est noté : 6 barres")
    assert "6 barres de Fer à béton 8" in shop.tap(shop.button("FER-A-BETON-8"))


def test_a_correction_in_the_english_of_the_unit_is_taken(shop: Chat) -> None:
    """`no 5 bars` under « Record the sale of 4 bars of Fer à béton 8? »: « I cannot find "bar"
    in this shop », and `ok` then recorded 4."""
    shop.say("english")
    shop.say("sold 4 iron 8")
    assert shop.say("no 5 bars").startswith("Record the sale of 5 bars of Fer à béton 8?")
    shop.say("ok")
    assert quantity(shop.session, "FER-A-BETON-8") == 195


def test_the_sheets_of_roofing_are_said_and_read_in_english(shop: Chat) -> None:
    """A catalogue counting in `feuille`, no English unit given: « Tôle ondulée: 80 feuilles »
    in English, and `no 5 sheets` was « I cannot find "sheet" in this shop »."""
    shop.say("english")
    out = shop.say("stock tole")
    assert "Tôle ondulée: 80 sheets" in out and "feuille" not in out, out
    assert shop.say("sold 4 tole").startswith("Record the sale of 4 sheets of Tôle ondulée?")
    assert shop.say("no 5 sheets").startswith("Record the sale of 5 sheets of Tôle ondulée?")
    shop.say("ok")
    assert quantity(shop.session, "TOLE-ONDULEE") == 75


@pytest.mark.parametrize("typed", ["le 10, 6 barres", "6 barres du 10", "le 10 6 barres"])
def test_a_product_picked_by_its_number_keeps_the_amount_beside(shop: Chat, typed: str) -> None:
    """`le 10, 6 barres` under three rebars: « Fer à béton 10 : combien de barres ? », the 6
    dropped."""
    shop.say("vendu fer")
    assert shop.say(typed).startswith("Enregistrer la vente de 6 barres de Fer à béton 10")
