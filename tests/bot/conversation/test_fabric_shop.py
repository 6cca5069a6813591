"""A manager of a Dakar shop the bot never saw: fabric by the metre (bazin, wax, voile), thread
by the spool, cosmetics by the flacon or tube in sizes (lait de corps 400ml / 750ml)."""

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
Bazin riche;mètre;120;30;bazin|basin
Wax hollandais;mètre;80;20;wax|vlisco
Wax ordinaire;mètre;150;40;wax|wax simple
Voile;mètre;60;15;voile
Fil à coudre;bobine;200;50;fil|bobine
Lait de corps 400ml;flacon;24;6;lait|lait de corps
Lait de corps 750ml;flacon;12;4;lait|lait de corps
Crème 250ml;tube;30;8;creme|pommade
Parfum 100ml;flacon;15;4;parfum
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "tissu", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000001", "tissu")
    session.commit()
    yield Chat(session, manager, settings)


@pytest.mark.parametrize("typed", ["vendu 2 m 50 de voile", "vendu 1 metre 20 de voile"])
def test_metres_and_centimetres_typed_apart_are_never_a_count_of_centimetres(
    shop: Chat, session: Session, typed: str
) -> None:
    """« vendu 2 m 50 de voile » offered to record 50 metres of voile."""
    out = shop.say(typed)
    assert "50 mètres" not in out and "20 mètres" not in out, out
    assert "Voile : combien de mètres ?" in out, out
    assert "50 mètres" not in shop.say("2 m 50"), shop.last  # nor as the answer
    assert shop.say("3").startswith("Enregistrer la vente de 3 mètres de Voile"), shop.last
    shop.say("oui")
    assert quantity(session, "VOILE") == 57


def test_a_misspelled_fabric_beside_another_line_is_kept(shop: Chat, session: Session) -> None:
    """« jai vendu 2 metre de voil ak 1 bobine » asked about the spool alone, then recorded it:
    the 2 metres of voile were lost."""
    assert "« Voile » ?" in shop.say("jai vendu 2 metre de voil ak 1 bobine"), shop.last
    assert "2 mètres de Voile, 1 bobine de Fil à coudre ?" in shop.say("oui"), shop.last
    assert "Vente enregistrée" in shop.say("oui"), shop.last
    assert quantity(session, "VOILE") == 58
    assert quantity(session, "FIL-A-COUDRE") == 199


@pytest.mark.parametrize("typed", ["stock lait 750", "combien de lait 750 il reste"])
def test_the_stock_of_another_size_asked_at_a_sale_never_changes_the_sale(
    shop: Chat, session: Session, typed: str
) -> None:
    """At « Enregistrer la vente de 2 flacons de Lait de corps 400ml ? », `stock lait 750` made
    it a sale of the 750ml: a `oui` then recorded the wrong size."""
    shop.say("vendu 2 lait 400")
    out = shop.say(typed)
    assert "Lait de corps 750ml : 12 flacons" in out, out
    assert "vente de 2 flacons de Lait de corps 750ml" not in out, out
    shop.say("oui")
    assert quantity(session, "LAIT-DE-CORPS-750ML") == 12


@pytest.mark.parametrize("typed", ["stock gaz 12", "combien de gaz 12 il reste"])
def test_the_stock_of_a_size_named_by_its_alias_at_a_sale_never_changes_the_sale(
    chat: Chat, session: Session, typed: str
) -> None:
    """The demo's `gaz 12` is an alias: at the sale of the 6 kg bottle, asking its stock made the
    sale one of the 12 kg."""
    chat.say("vendu 2 gaz 6")
    out = chat.say(typed)
    assert "Bouteille de gaz 12kg : 2 bouteilles" in out, out
    assert "de gaz 12kg ?" not in out, out
    assert quantity(session, "GAZ-12") == 2


def test_a_size_typed_after_the_family_is_asked_and_a_count_then_is_of_that_size(
    shop: Chat, session: Session
) -> None:
    """`vendu lait 400` asked « Quel produit ? » for 400 flacons; `2` (meaning two flacons)
    then picked the 750ml and offered to sell 400 of it. With 24 and 12 flacons left, 400 can
    be no sale's count: the 400ml is asked how many (`vendu huile 20` of 60 bottles of the 1 L
    still shows both readings: test_review_followups.py)."""
    out = shop.say("vendu lait 400")
    assert out.startswith("Lait de corps 400ml : combien de flacons ?"), out
    assert shop.say("2").startswith("Enregistrer la vente de 2 flacons de Lait de corps 400ml")
    shop.say("oui")
    assert quantity(session, "LAIT-DE-CORPS-400ML") == 22


@pytest.mark.parametrize(
    "typed",
    [
        "je me suis trompe c'etait 4 metres",
        "erreur c'etait 4 m pas 3",
        "en fait 4 metres",
        "non c'est 4 metres",
    ],
)
def test_a_length_corrected_after_the_fact_in_metres_is_the_amount(
    shop: Chat, session: Session, typed: str
) -> None:
    """After 3 metres of bazin were sold, `je me suis trompe c'etait 4 metres` offered to take
    the sale back (a `oui` left no sale at all), `erreur c'etait 4 m pas 3` to correct it to 3,
    `en fait 4 metres` was not understood, `non c'est 4 metres` had « pas de question »."""
    shop.say("vendu 3 m de bazin")
    shop.say("oui")
    out = shop.say(typed)
    assert out.startswith("Corriger la vente de 3 mètres de Bazin riche"), out
    assert "en 4 mètres ?" in out, out
    assert "Vente corrigée : 4 mètres" in shop.say("oui"), shop.last
    assert quantity(session, "BAZIN-RICHE") == 116


def test_another_size_told_by_its_bare_number_is_recorded_too(shop: Chat, session: Session) -> None:
    """`vendu 2 lait 400 et 1 de 750`: « Quel produit ? » for 2 flacons; the 750 was lost."""
    out = shop.say("vendu 2 lait 400 et 1 de 750")
    assert "2 flacons de Lait de corps 400ml, 1 flacon de Lait de corps 750ml ?" in out, out
    shop.say("oui")
    assert quantity(session, "LAIT-DE-CORPS-400ML") == 22
    assert quantity(session, "LAIT-DE-CORPS-750ML") == 11


def test_metres_and_spools_are_said_and_read_in_english(shop: Chat, session: Session) -> None:
    """An English manager of a catalogue without `unit_en` was told « 3 mètres », « 5
    bobines »; `no 6 spools` then was another unit, asked about."""
    shop.say("english")
    assert shop.say("sold 3 meters of bazin").startswith(
        "Record the sale of 3 metres of Bazin riche?"
    ), shop.last
    shop.say("yes")
    assert shop.say("received 5 spools of fil").startswith(
        "Record the delivery of 5 spools of Fil à coudre?"
    ), shop.last
    assert shop.say("no 6 spools").startswith("Record the delivery of 6 spools"), shop.last
    shop.say("yes")
    assert quantity(session, "FIL-A-COUDRE") == 206


def test_two_lengths_without_separator_are_two_lines(shop: Chat, session: Session) -> None:
    """`vendu 10m bazin 5m voile`: « Quel produit ? » [Bazin riche] [Voile] for 10 metres."""
    out = shop.say("vendu 10m bazin 5m voile")
    assert "10 mètres de Bazin riche, 5 mètres de Voile ?" in out, out
    shop.say("oui")
    assert (quantity(session, "BAZIN-RICHE"), quantity(session, "VOILE")) == (110, 55)


def test_a_size_said_finished_is_none_left_of_it(shop: Chat, session: Session) -> None:
    """`le lait 400 est fini` asked « Quel produit ? » to count 400 flacons of a milk; the next
    `le parfum est fini` then counted 400 flacons of perfume."""
    out = shop.say("le lait 400 est fini")
    assert out.startswith("Lait de corps 400ml : 24 → 0 flacon"), out
    shop.say("oui")
    assert quantity(session, "LAIT-DE-CORPS-400ML") == 0
    assert quantity(session, "LAIT-DE-CORPS-750ML") == 12


@pytest.mark.parametrize("typed", ["il reste 40 m de voile", "il reste 40 metres de voile"])
def test_a_length_left_stated_is_offered_as_a_count(
    shop: Chat, session: Session, typed: str
) -> None:
    """`il reste 40 m de voile` showed « Voile : 60 mètres »: the 40 said was lost."""
    assert shop.say(typed).startswith("Voile : 60 → 40 mètres (−20)"), shop.last
    shop.say("oui")
    assert quantity(session, "VOILE") == 40
