"""A size with its measure (`non le sac de 50 kg`, `non c'est le 50 kg`) said under a sale of a
line sold by the kg and a line of Riz brisé 25kg names the rice's sibling (Riz brisé 50kg); it
was read as 50 kg of the sugar line. An amount in kg (`non 5 kg`) still is the sugar's."""

from __future__ import annotations

import pytest

from bot.db.models import Product
from bot.stock import get_store
from tests.bot.conversation.conftest import Chat


def _shop(chat: Chat) -> None:
    store = get_store(chat.session, "demo")
    for sku, name, unit, aliases in [
        ("SUC-VRAC", "Sucre vrac", "kg", ["sucre vrac"]),
        ("RIZ-B25", "Riz brisé 25kg", "sac", ["riz 25"]),
    ]:
        chat.session.add(
            Product(store_id=store.id, sku=sku, name=name, aliases=aliases, unit=unit, quantity=80)
        )
    chat.session.commit()


@pytest.mark.parametrize("typed", ["non le sac de 50 kg", "non c'est le 50 kg"])
def test_a_sibling_size_with_its_measure_names_the_sibling(chat: Chat, typed: str) -> None:
    _shop(chat)
    assert "2 sacs de Riz brisé 25kg" in chat.say("vendu 3 kg de sucre vrac et 2 riz 25")
    out = chat.say(typed)
    assert "50 kg de Sucre vrac" not in out, out
    # the demo's Sucre en poudre 50kg is a sibling of the sugar too: which line, or the sac's
    assert "2 sacs de Riz brisé 50kg" in out or out.startswith("Quelle ligne"), out


def test_an_amount_in_kg_is_still_the_kg_line(chat: Chat) -> None:
    _shop(chat)
    chat.say("vendu 3 kg de sucre vrac et 2 riz 25")
    out = chat.say("non 5 kg")
    assert "5 kg de Sucre vrac" in out and "2 sacs de Riz brisé 25kg" in out, out
