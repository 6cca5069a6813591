"""Requests about orders read from a message (`intents.requests.orders`): the open orders asked
for in French, English and Wolof, whatever the spelling of the Wolof noun."""

from __future__ import annotations

import pytest

from intents.requests import RequestKind, read_request


@pytest.mark.parametrize(
    "typed",
    [
        "mes commandes",
        "my orders",
        "sama komande yi",
        "samay komand",  # "my" before a plural, and the noun as often written
        "samay komande",
        "sunuy komand yi",
    ],
)
def test_the_open_orders_asked_for(typed: str) -> None:
    request = read_request(typed)
    assert request is not None and request.kind is RequestKind.ORDERS, request


@pytest.mark.parametrize(
    ("typed", "every"),
    [
        ("annule les commandes", True),
        ("annule toutes les commandes", True),
        ("annule tout les commandes", True),
        ("cancel all orders", True),
        ("cancel the orders", True),
        ("neenal komande yi yepp", True),
        ("annule la commande", False),
        ("annule la commande 3", False),
        ("annule la dernière commande", False),
        ("annule la commande de riz", False),
    ],
)
def test_orders_cancelled_in_the_plural_are_all_of_them(typed: str, every: bool) -> None:
    request = read_request(typed)
    assert request is not None and request.kind is RequestKind.ORDER_CANCEL, request
    assert (request.every, request.rest) == (every, "" if "riz" not in typed else "riz")


@pytest.mark.parametrize(
    ("typed", "rest"),
    [
        ("la commande de riz est là", "riz"),
        ("la commande de riz est la", "riz"),
        ("le riz commandé est arrivé", "riz"),
        ("la livraison de sucre est arrivée", "sucre"),
        ("les sacs de riz commandés sont arrivés", "riz"),
        ("the rice order is here", "rice"),
        ("the rice we ordered has arrived", "rice"),
        ("the sugar delivery arrived", "sugar"),
        ("ma commande de sucre vient d'arriver", "sucre"),
        ("my rice order just arrived", "rice"),
        ("the order of rice came in", "rice"),
        ("commande riz dafa agsi", "riz"),
        # `has come`, Pidgin `don come` (it was an order to place: « Did you mean ORDER … »)
        ("the sugar order don come", "sugar"),
        ("the rice order has come", "rice"),
    ],
)
def test_what_was_ordered_said_arrived_is_its_order(typed: str, rest: str) -> None:
    request = read_request(typed)
    assert request is not None and request.kind is RequestKind.ORDER_RECEIVED, request
    assert request.rest == rest


@pytest.mark.parametrize(
    "typed",
    [
        "où est la commande de riz",
        "la commande de riz est là ?",
        "la livraison de riz",
        "la commande vient d'être passée",
        "the sugar order will come tomorrow",
    ],
)
def test_where_an_order_is_is_no_arrival(typed: str) -> None:
    request = read_request(typed)
    assert request is None or request.kind is not RequestKind.ORDER_RECEIVED, request


@pytest.mark.parametrize(
    ("text", "quantity", "order"),
    [
        ("recu 3 paracetamol de la commande 3", 3, 3),
        ("reçu 1 carton de paracetamol de la commande 1", 1, 1),
        ("la commande 2 est arrivée, 2 cartons seulement", 2, 2),
    ],
)
def test_a_quantity_equal_to_the_order_number_is_kept(text: str, quantity: int, order: int) -> None:
    """The number of the order is the one after `commande`, not every number of that value: `reçu
    3 paracétamol de la commande 3` received 3 (it offered the whole order)."""
    found = read_request(text)
    assert found is not None and found.kind is RequestKind.ORDER_RECEIVED
    assert (found.quantity, found.order) == (quantity, order)


@pytest.mark.parametrize(
    ("text", "quantity", "short"),
    [
        ("la commande de riz est arrivée mais il manque 2 sacs", 2, True),
        ("reçu la commande de riz sauf 5 sacs", 5, True),
        ("the rice order arrived, 2 bags missing", 2, True),
        ("la commande de riz est arrivée, 12 sacs", 12, False),
        ("la commande de riz est arrivée", None, False),
    ],
)
def test_what_did_not_come_of_an_order(text: str, quantity: int | None, short: bool) -> None:
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.ORDER_RECEIVED, request
    assert (request.quantity, request.short) == (quantity, short)


@pytest.mark.parametrize("typed", ["commandes", "Commandes ?", "orders", "cmds", "commandes stp"])
def test_the_plural_noun_alone_lists_the_orders(typed: str) -> None:
    """`commandes` typed alone is the orders under way (it was an order of nothing named: the
    product talked about last was offered to order)."""
    request = read_request(typed)
    assert request is not None and request.kind is RequestKind.ORDERS, request


@pytest.mark.parametrize("typed", ["commande", "commande riz", "commandes 20 riz"])
def test_an_order_to_place_is_no_listing(typed: str) -> None:
    request = read_request(typed)
    assert request is None or request.kind is not RequestKind.ORDERS, request
