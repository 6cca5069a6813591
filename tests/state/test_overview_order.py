"""TOUT LE STOCK and the alerts list names as managers read them: accents and case ignored."""

from __future__ import annotations

from state import ProductView
from state.answers import overview_text, to_reorder


def _view(name: str, quantity: int = 10) -> ProductView:
    return ProductView(name[:3].upper(), name, "sac", quantity, 5, 20)


def test_overview_sorts_accented_names_with_their_plain_letter() -> None:
    products = [_view(n) for n in ("Eau Kirène", "Farine", "Zeste", "Épices", "éclairs", "Ail")]
    lines = overview_text("fr", "Boutique", products).splitlines()[1:]
    names = [line.split(" : ")[0] for line in lines]
    assert names == ["Ail", "Eau Kirène", "éclairs", "Épices", "Farine", "Zeste"]


def test_reorder_list_sorts_accented_names_with_their_plain_letter() -> None:
    products = [_view(n, 1) for n in ("Zeste", "Épices", "Farine")]
    assert [p.name for p in to_reorder(products)] == ["Épices", "Farine", "Zeste"]
