"""Goods sent back to the supplier leave the stock (`j'ai retourné 2 cartons de savon au
fournisseur` was « Enregistrer l'arrivage … ? », and the stock went up); a customer's return and
a supplier's delivery still come in."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, quantity

SAVON, RIZ = "SAVON-MARSEILLE", "RIZ-BRISE-50"


@pytest.mark.parametrize(
    ("typed", "sku", "asked", "done", "left"),
    [
        (
            "j'ai retourné 2 cartons de savon au fournisseur",
            SAVON,
            "Enregistrer le retour au fournisseur de 2 cartons de Savon de Marseille "
            "(stock 15 → 13 cartons) ?",
            "✅ Retour fournisseur enregistré : 2 cartons de Savon de Marseille. "
            "Reste : 13 cartons.",
            13,
        ),
        (
            "retour fournisseur 3 sacs riz",
            RIZ,
            "Enregistrer le retour au fournisseur de 3 sacs de Riz brisé 50kg (stock 42 → 39 sacs)",
            "✅ Retour fournisseur enregistré : 3 sacs de Riz brisé 50kg. Reste : 39 sacs.",
            39,
        ),
        (
            "renvoyé 2 cartons de savon au grossiste",
            SAVON,
            "Enregistrer le retour au fournisseur de 2 cartons de Savon de Marseille",
            "Reste : 13 cartons.",
            13,
        ),
        (
            "returned 2 bags of rice to the supplier",
            RIZ,
            "Record the return to the supplier of 2 bags of Riz brisé 50kg (stock 42 → 40 bags)?",
            "✅ Supplier return recorded: 2 bags of Riz brisé 50kg. Left: 40 bags.",
            40,
        ),
    ],
)
def test_goods_sent_back_to_the_supplier_leave_the_stock(
    chat: Chat, typed: str, sku: str, asked: str, done: str, left: int
) -> None:
    out = chat.say(typed)
    assert asked in out and "arrivage" not in out and "delivery" not in out, out
    out = chat.say("yes" if typed.startswith("returned") else "oui")
    assert done in out, out
    assert quantity(chat.session, sku) == left
    assert balanced(chat.session)


def test_a_supplier_return_declined_says_so(chat: Chat) -> None:
    chat.say("retour fournisseur 3 sacs riz")
    out = chat.say("non")
    assert "D'accord, retour fournisseur non enregistré." in out, out
    assert quantity(chat.session, RIZ) == 42


def test_a_supplier_return_above_the_stock_is_refused_with_the_stock(chat: Chat) -> None:
    out = chat.say("j'ai retourné 20 cartons de savon au fournisseur")
    assert "Le stock de Savon de Marseille n'est que de 15 cartons" in out, out
    assert "arrivage" not in out, out
    assert quantity(chat.session, SAVON) == 15


def test_a_supplier_return_corrected_after_it_was_recorded_says_so(chat: Chat) -> None:
    """`non c'est 4` right after: « Corriger la perte … » was said of a return to the supplier."""
    chat.say("retour fournisseur 3 sacs riz")
    chat.say("oui")
    out = chat.say("non c'est 4")
    assert "Corriger le retour au fournisseur : 4 sacs de Riz brisé 50kg au lieu de 3" in out, out
    out = chat.say("oui")
    assert "✅ Retour fournisseur corrigé : 4 sacs de Riz brisé 50kg. Reste : 38 sacs." in out, out
    assert quantity(chat.session, RIZ) == 38


@pytest.mark.parametrize(
    ("typed", "sku", "asked", "after"),
    [
        ("le client a rendu 2 savons", SAVON, "retour client de 2 cartons", 17),
        ("retour client 3 riz", RIZ, "retour client de 3 sacs", 45),
        ("le fournisseur a ramené 2 savons", SAVON, "l'arrivage de 2 cartons", 17),
        ("le fournisseur a livré 10 sacs de riz", RIZ, "l'arrivage de 10 sacs", 52),
    ],
)
def test_customer_returns_and_supplier_deliveries_still_come_in(
    chat: Chat, typed: str, sku: str, asked: str, after: int
) -> None:
    out = chat.say(typed)
    assert asked in out, out
    chat.say("oui")
    assert quantity(chat.session, sku) == after
