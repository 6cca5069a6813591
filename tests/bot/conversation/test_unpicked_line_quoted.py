"""A line whose product is still to pick is quoted, when dropped, by the product's words as
typed, not the words typed around them (« 2 client ramené huile », « 2 mon huile »)."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("le client a ramené 2 huile", "Le retour client"), ("mon frère a vendu 2 huile", "La vente")],
)
def test_a_line_left_unpicked_is_named_by_its_products_not_the_words_around(
    chat: Chat, typed: str, kind: str
) -> None:
    """The product's words as typed are said back, not the words typed around them (« 2 client
    ramené huile », « 2 mon huile »)."""
    assert chat.say(typed).startswith("Quel produit ?")
    assert chat.say(
        "annule"
    ) == f"{kind} de 2 huile est annulé{'e' if kind == 'La vente' else ''} " + (
        "(rien n'est enregistré)."
    )
