"""The examples the help and the greeting show are words of the store's own catalogue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytest import MonkeyPatch

from intents import IntentMatcher, ParsedIntent
from intents.models import Product
from state.examples import example_words
from state.machine import Conversation
from state.turn import Turn
from state.values import CatalogView, ConversationSnapshot, StoreView

HARDWARE = IntentMatcher(
    [
        Product("CIM-42", "Ciment CPJ 42,5 50kg", ("ciment",), "sac"),
        Product("FER-10", "Fer à béton 10mm", ("fer",), "barre"),
        Product("TOLE-BAC", "Tôle bac alu", (), "feuille"),
    ]
)


def test_a_shop_without_rice_shows_its_own_products() -> None:
    words = example_words("fr", HARDWARE)
    assert words == {"example": "CIMENT", "example2": "FER"}
    for word in words.values():  # each reads back as a product of the shop
        parsed = HARDWARE.parse(f"stock {word}")
        assert parsed.product is not None or parsed.candidates


def test_a_shop_with_rice_keeps_the_usual_words() -> None:
    grocery = IntentMatcher(
        [
            Product("BOUILLON", "Bouillon Jumbo", (), "carton"),
            Product("RIZ-25", "Riz parfumé 25kg", ("riz",), "sac"),
            Product("SUCRE-50", "Sucre en poudre 50kg", ("sucre",), "sac"),
        ]
    )
    assert example_words("fr", grocery) == {"example": "RIZ", "example2": "SUCRE"}


def test_no_catalogue_shows_the_usual_words() -> None:
    assert example_words("en", None) == {"example": "RICE", "example2": "SUGAR"}


def test_the_greeting_and_help_name_the_shops_products() -> None:
    view = CatalogView(
        manager_id=1,
        language="fr",
        stores=(StoreView("q", "Quincaillerie"),),
        store=StoreView("q", "Quincaillerie"),
        matcher=HARDWARE,
    )
    now = datetime(2026, 12, 2, tzinfo=UTC)
    turn = Turn(Conversation(ConversationSnapshot(), now, timedelta(minutes=30)), view)
    assert "STOCK CIMENT, VENTE CIMENT 3" in turn.t("greeting")
    assert "COMMANDER FER 20" in turn.t("help")
    assert "RIZ" not in turn.t("help") + turn.t("not_understood", text="x")


def test_the_words_are_chosen_once_per_matcher_and_language(monkeypatch: MonkeyPatch) -> None:
    """Reading a catalogue's words back costs a parse each: done for the first turn that shows
    an example, not again for every greeting."""
    matcher = IntentMatcher(
        [
            Product("CIM-42", "Ciment CPJ 42,5 50kg", ("ciment",), "sac"),
            Product("FER-10", "Fer à béton 10mm", ("fer",), "barre"),
        ]
    )
    parses: list[str] = []
    parse = matcher.parse

    def counted(text: str) -> ParsedIntent:
        parses.append(text)
        return parse(text)

    monkeypatch.setattr(matcher, "parse", counted)
    first = example_words("fr", matcher)
    assert parses
    parses.clear()
    assert example_words("fr", matcher) == first == {"example": "CIMENT", "example2": "FER"}
    assert parses == []
    assert example_words("en", matcher) == {"example": "CIMENT", "example2": "FER"}
    assert parses  # another language, its own usual words tried first
