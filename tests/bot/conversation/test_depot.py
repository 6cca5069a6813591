"""A drinks and grocery wholesale depot the bot never saw (drinks by the pack and the crate,
grocery by the carton and the can), its managers typing English, Wolof and French: what they
state about the shelf right after a sale is a count, never a correction of that sale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

CATALOGUE = """Réf;Nom;Unité;Quantité;Seuil;Commande
COCA-24;Coca-Cola 33cl pack de 24;pack;40;10;20
FANTA-6;Fanta 1.5L pack de 6;pack;30;8;20
KIRENE-6;Eau Kirène 1.5L pack de 6;pack;60;15;40
KIRENE-10;Eau Kirène 10L;bidon;25;5;20
GAZELLE;Bière Gazelle casier de 12;casier;35;10;20
PRESSEA;Jus Pressea 1L;bouteille;48;12;24
LAIT;Lait en poudre carton;carton;15;4;10
SUCRE;Sucre en morceaux carton;carton;20;5;10
HUILE-5;Huile 5L;bidon;30;8;20
HUILE-20;Huile 20L;bidon;10;3;6
TOMATE;Tomate concentrée carton;carton;12;4;10
"""


def _depot(session: Session, settings: Settings, language: str) -> Chat:
    apply_products(session, "depot", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000009", "depot", language=language)
    session.commit()
    return Chat(session, manager, settings)


@pytest.fixture
def depot(session: Session, settings: Settings) -> Iterator[Chat]:
    yield _depot(session, settings, "en")


@pytest.fixture
def depot_fr(session: Session, settings: Settings) -> Iterator[Chat]:
    yield _depot(session, settings, "fr")


@pytest.mark.parametrize(
    "typed", ["gazelle bi dafa jeex", "gazelle dafa jeex", "the gazelle is finished"]
)
def test_a_product_finished_right_after_a_sale_is_its_count(depot: Chat, typed: str) -> None:
    """`sold 2 fanta`, yes, then `gazelle bi dafa jeex` (the Gazelle is out): a count of 0
    Gazelle offered, never « Correct: a sale of 2 crates of Gazelle instead of 2 Fanta? »."""
    depot.say("sold 2 fanta")
    depot.say("yes")
    out = depot.say(typed)
    assert "Correct" not in out, out
    assert "Bière Gazelle casier de 12: 35 → 0" in out, out
    depot.say("yes")
    assert quantity(depot.session, "GAZELLE") == 0
    assert quantity(depot.session, "FANTA-6") == 28


def test_le_produit_est_fini_after_a_sale_is_no_correction(depot_fr: Chat) -> None:
    depot_fr.say("vendu 2 fanta")
    depot_fr.say("oui")
    out = depot_fr.say("le lait est fini")
    assert "Corriger" not in out, out
    assert "Lait en poudre carton : 15 → 0" in out, out
