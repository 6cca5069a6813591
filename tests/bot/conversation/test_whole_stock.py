"""Sold, lost, or counted as it stands, said without a number, through the real path: `vendu
tout le stock de riz`, `tout le thé est périmé` take the product's whole stock (confirmed
first), where the bot asked « combien ? »; in `INVENTAIRE`, a count equal to the stock gets its
✓ line too, where it moved on in silence."""

from __future__ import annotations

import re

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, last_move, movements, quantity


def test_a_sale_of_all_of_it_empties_the_stock(chat: Chat) -> None:
    offer = chat.say("vendu tout le stock de riz")
    assert offer.startswith("Enregistrer la vente de 42 sacs de Riz brisé 50kg (tout le stock) ?")
    assert quantity(chat.session, "RIZ-BRISE-50") == 42
    assert chat.say("oui").startswith("✅ Vente enregistrée : 42 sacs")
    assert quantity(chat.session, "RIZ-BRISE-50") == 0
    assert movements(chat.session, "RIZ-BRISE-50")[-1] == ("RIZ-BRISE-50", "sale", -42)
    assert balanced(chat.session)


def test_all_of_one_of_a_family_is_its_stock(chat: Chat) -> None:
    asked = chat.say("j'ai tout vendu le sucre")
    assert "Sucre en poudre 50kg" in asked and "Sucre morceaux 1kg" in asked, asked
    offer = chat.say("le petit")
    assert "40 paquets de Sucre morceaux 1kg (tout le stock) ?" in offer, offer
    chat.say("oui")
    assert quantity(chat.session, "SUCRE-MORCEAU") == 0
    assert quantity(chat.session, "SUCRE-50") == 12


def test_a_loss_of_all_of_it_empties_the_stock(chat: Chat) -> None:
    offer = chat.say("tout le thé est périmé")
    assert "Enregistrer la perte de 50 paquets de Thé vert Chinois 25g (stock 50 → 0" in offer
    chat.say("oui")
    assert quantity(chat.session, "THE-VERT") == 0
    assert balanced(chat.session)


def test_a_count_equal_to_the_stock_is_told_in_the_guided_count(chat: Chat) -> None:
    asked = chat.say("inventaire")
    found = re.search(r"· (.+)\n.*: (\d+)", asked)
    assert found is not None, asked
    name, recorded = found.group(1), found.group(2)
    told = chat.say(recorded)
    assert f"✓ {name} : {recorded}" in told and "(inchangé)" in told, told
    assert "2/" in told, told


@pytest.mark.parametrize(
    ("typed", "asked", "yes"),
    [
        (
            "j'ai renvoyé tout le riz au fournisseur",
            "Enregistrer le retour au fournisseur de 42 sacs de Riz brisé 50kg (stock 42 → 0",
            "oui",
        ),
        (
            "returned all the rice to the supplier",
            "Record the return to the supplier of 42 bags of Riz brisé 50kg (stock 42 → 0",
            "yes",
        ),
        (
            "delloo naa ceeb bi lépp ci fournisseur bi",
            "42 sacs de Riz brisé 50kg (stock 42 → 0",
            "waaw",
        ),
    ],
)
def test_all_of_it_sent_back_to_the_supplier_empties_the_stock(
    chat: Chat, typed: str, asked: str, yes: str
) -> None:
    """No number: the whole stock goes back, confirmed first and noted « retour fournisseur »
    (was: not understood, or the stock shown)."""
    offer = chat.say(typed)
    assert asked in offer, offer
    assert quantity(chat.session, "RIZ-BRISE-50") == 42  # nothing before the yes
    assert "✅" in chat.say(yes)
    assert quantity(chat.session, "RIZ-BRISE-50") == 0
    assert last_move(chat.session, "RIZ-BRISE-50") == ("adjustment", -42, "retour fournisseur")
    assert balanced(chat.session)


def test_all_of_one_of_a_family_sent_back(chat: Chat) -> None:
    asked = chat.say("returned all the oil to the supplier")
    assert "Huile Jadida 5L" in asked, asked
    offer = chat.tap(chat.button("HUILE-5L"))
    assert "Record the return to the supplier of 18 cans of Huile Jadida 5L (stock 18 → 0" in offer
    chat.say("yes")
    assert quantity(chat.session, "HUILE-5L") == 0


@pytest.mark.parametrize(
    ("typed", "yes"),
    [("all the rice got spoiled", "yes"), ("ceeb bi lépp yàqu na", "waaw")],
)
def test_a_loss_of_all_of_it_in_english_and_wolof(chat: Chat, typed: str, yes: str) -> None:
    offer = chat.say(typed)
    assert "42 → 0" in offer, offer
    chat.say(yes)
    assert last_move(chat.session, "RIZ-BRISE-50") == ("adjustment", -42, "perte")


def test_none_in_stock_to_send_back(chat: Chat) -> None:
    """Said as a return to the supplier, not as a loss."""
    told = chat.say("j'ai renvoyé tout le lait au fournisseur")
    assert "est déjà à 0 : aucun retour au fournisseur à enregistrer." in told, told
