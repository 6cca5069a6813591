"""A product name holding an emoji outside the Basic Multilingual Plane (`Jus 🍊 orange frais
pressé 1L`): WhatsApp counts it 2 characters, as the outbox's checks do. Titles were cut to 24
code points, 25 by WhatsApp's count: the reply failed its check (« titre de ligne : 25
caractères, la limite est 24 ») and the manager got nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.managers import add_manager
from bot.outbound.messages import Buttons, ListMessage
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from state.messages import shorten
from state.values import ROW_TITLE_MAX, text_length
from tests.bot.conversation.conftest import Chat

CATALOGUE = """Nom;Unité;Quantité;Seuil;Alias
Jus 🍊 orange frais pressé 1L;bouteille;20;5;jus
Jus 🍊 orange frais pressé 2L;bouteille;20;5;jus
Bissap 🌺 rouge maison bien sucré;bouteille;20;5;bissap
Bissap 🌺 blanc maison bien sucré;bouteille;20;5;bissap
"""


@pytest.fixture
def shop(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "jus", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000001", "jus")
    session.commit()
    yield Chat(session, manager, settings)


@pytest.mark.parametrize("typed", ["vendu 2 jus", "vendu 2 bissap"])
def test_the_choices_fit_and_the_sale_goes_on(shop: Chat, typed: str) -> None:
    shop.say(typed)
    [asked] = [m for m in shop.last if isinstance(m, ListMessage | Buttons)]
    titles = [r.title for r in asked.rows] if isinstance(asked, ListMessage) else []
    titles += [b.title for b in asked.buttons] if isinstance(asked, Buttons) else []
    assert titles and all(text_length(t) <= ROW_TITLE_MAX for t in titles), titles
    out = shop.pick(shop.ids()[0]) if isinstance(asked, ListMessage) else shop.tap(shop.ids()[0])
    assert out.startswith("Enregistrer la vente de 2 bouteilles"), out


def test_a_title_is_cut_by_whatsapps_count() -> None:
    cut = shorten("Jus 🍊 orange frais pressé 1L", 24)
    assert cut.endswith("…") and text_length(cut) <= 24, cut
    assert shorten("Peinture blanche Seigneurie 5L", 24) == "Peinture blanche Seigne…"
