"""Goods sent back to the supplier are a count out of the stock (`Request.out == "supplier"`);
a supplier bringing goods, or a customer's return, is no such request (an arrival)."""

from __future__ import annotations

import pytest

from intents.requests import RequestKind, read_request
from intents.requests.supplier_returns import supplier_said_last


@pytest.mark.parametrize(
    ("text", "rest", "change"),
    [
        ("j'ai retourné 2 cartons de savon au fournisseur", "carton savon", -2),
        ("retour fournisseur 3 sacs riz", "sac riz", -3),
        ("returned 2 bags of rice to the supplier", "bag rice", -2),
        ("renvoyé 5 bidons au grossiste", "bidon", -5),
        ("on a rendu 4 sacs de sucre à notre fournisseur", "sac sucre", -4),
        ("j'ai ramené 2 sacs de riz au fournisseur", "sac riz", -2),
        ("sent back 3 cartons of soap to the supplier", "carton soap", -3),
    ],
)
def test_goods_sent_back_to_the_supplier(text: str, rest: str, change: int) -> None:
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.COUNT, request
    assert (request.rest, request.quantity, request.out) == (rest, change, "supplier")


@pytest.mark.parametrize(
    "text",
    [
        "le fournisseur a ramené 2 savons",
        "le fournisseur a livré 10 sacs",
        "le client a rendu 2 savons",
        "retour client 3 riz",
        "the supplier brought 5 bags of rice",
        "j'ai ramené 20 sacs de riz du fournisseur",
        "brought back 4 bags from the supplier",
    ],
)
def test_goods_coming_in_are_no_supplier_return(text: str) -> None:
    request = read_request(text)
    assert request is None or request.out is None, request


@pytest.mark.parametrize(
    ("text", "rest", "change"),
    [
        ("delloo naa 2 riz ci fournisseur bi", "riz", -2),
        ("yóbbuwaat naa 3 saabu ci fournisseur bi", "saabu", -3),
        ("delloo naa fournisseur bi 2 riz", "riz", -2),
    ],
)
def test_goods_sent_back_to_the_supplier_in_wolof(text: str, rest: str, change: int) -> None:
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.COUNT, request
    assert (request.rest, request.quantity, request.out) == (rest, change, "supplier")


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("j'ai renvoyé tout le sucre au fournisseur", "sucre"),
        ("retour fournisseur tout le stock de riz", "riz"),
        ("on a rendu toute l'huile au grossiste", "huile"),
        ("returned all the oil to the supplier", "oil"),
        ("sent all the soap back to the supplier", "soap"),
        ("delloo naa ceeb bi lépp ci fournisseur bi", "ceeb"),
    ],
)
def test_all_of_it_sent_back_is_the_whole_stock(text: str, rest: str) -> None:
    """No number: the whole stock goes back, a count of 0 said as a return (was: nothing read,
    or the stock shown)."""
    request = read_request(text)
    assert request is not None and request.kind is RequestKind.COUNT, request
    assert rest in request.rest.split(), request
    assert (request.quantity, request.change, request.out) == (0, False, "supplier")


@pytest.mark.parametrize(
    "text",
    [
        "renvoyé tout au fournisseur",
        "j'ai renvoyé le sucre au fournisseur tout à l'heure",
        "tout le riz est revenu du fournisseur",
    ],
)
def test_no_whole_return_without_the_whole_of_a_product(text: str) -> None:
    request = read_request(text)
    assert request is None or request.quantity != 0, request


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("j'ai retourné 2 savon et 3 riz au fournisseur", ("j'ai retourné 2 savon et 3 riz",
                                                           "au fournisseur")),
        ("returned 2 soap and 3 rice to the supplier.", ("returned 2 soap and 3 rice",
                                                         "to the supplier")),
        ("delloo naa 2 saabu ak 3 ceeb ci fournisseur bi", ("delloo naa 2 saabu ak 3 ceeb",
                                                            "ci fournisseur bi")),
        ("retour fournisseur 2 savon et 3 riz", None),  # said first: each item borrows it
        ("le fournisseur a ramené 2 savons", None),  # the supplier brought them
    ],
)  # fmt: skip
def test_the_supplier_closing_the_message(text: str, said: tuple[str, str] | None) -> None:
    assert supplier_said_last(text) == said
