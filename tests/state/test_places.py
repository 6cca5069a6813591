"""A store named in a message: one of the manager's (read there), another's (refused)."""

from __future__ import annotations

import pytest

from state import FindStoreNamed, FindStores, RecordMovement, StoreNamed, StoreSwitched, SwitchStore
from state.flows.places import place_of
from tests.state.conftest import OTHER, STORE, Runner, make_view, texts


@pytest.mark.parametrize(
    ("text", "words", "rest"),
    [
        ("stock riz a mbacke", ("mbacke",), "stock riz"),
        ("vendu 3 a la boutique de touba", ("touba",), "vendu 3"),
        ("combien de sucre il reste au depot de Pikine", ("pikine",), "combien de sucre il reste"),
        ("l'huile, à Mbacké", ("mbacke",), "l'huile"),
        ("sold 3 rice at the shop of thies", ("thies",), "sold 3 rice"),
        ("how much rice at the Pikine store", ("pikine",), "how much rice"),
        ("stock ceeb ci Pikine", ("pikine",), "stock ceeb"),
    ],
)
def test_the_place_is_the_end_of_the_message(text: str, words: tuple[str, ...], rest: str) -> None:
    place = place_of(text)
    assert place is not None
    assert (place.words, place.rest) == (words, rest)


@pytest.mark.parametrize(
    "text", ["vendu 2 riz a 500", "vendu 3 a la boutique", "stock riz", "a mbacke"]
)
def test_no_place(text: str) -> None:
    assert place_of(text) is None


def test_another_of_the_managers_stores_is_switched_to_and_said() -> None:
    runner = Runner(make_view(stores=(STORE, OTHER)))
    out = runner.say("vendu 3 riz au depot de pikine")
    assert (out.effects, out.replay) == ((SwitchStore("dk2"),), "vendu 3 riz")
    assert texts(runner.feed(StoreSwitched("dk2", "Dépôt Pikine"))) == (
        "Magasin Dépôt Pikine (dk2) choisi. "
        "Vos messages suivants le concernent aussi (MAGASIN demo pour revenir)."
    )
    # Read there, and not looked for in the other stores when this one lacks the product.
    runner.view = make_view(stores=(STORE, OTHER), store=OTHER)
    out = runner.say("vendu 3 riz")
    assert not any(isinstance(e, FindStores) for e in out.effects)


def test_the_current_store_named_is_read_without_the_place() -> None:
    runner = Runner(make_view(stores=(STORE, OTHER)))
    out = runner.say("vendu 2 riz a la boutique demo")
    assert out.effects == ()
    assert "2 sacs de Riz" in texts(out)
    runner.say("oui")
    assert runner.last is not None
    assert isinstance(runner.last.effects[0], RecordMovement)


def test_a_store_not_the_managers_is_refused_without_its_data() -> None:
    runner = Runner(make_view())
    out = runner.say("vendu 2 riz a mbacke")
    assert out.effects == (FindStoreNamed("vendu 2 riz a mbacke", ("mbacke",)),)
    out = runner.feed(StoreNamed("vendu 2 riz a mbacke", "Dépôt Mbacké"))
    assert (out.effects, out.replay) == ((), None)
    assert texts(out) == (
        "Dépôt Mbacké n'est pas un de vos magasins : rien n'a été fait, "
        "et je ne peux pas vous montrer son stock."
    )


def test_words_naming_no_store_are_read_as_typed() -> None:
    runner = Runner(make_view())
    runner.say("vendu 2 riz a moussa")
    out = runner.feed(StoreNamed("vendu 2 riz a moussa", None))
    assert out.replay == "vendu 2 riz a moussa"
    assert "2 sacs de Riz" in texts(runner.say("vendu 2 riz a moussa"))


def test_the_catalogues_words_are_no_place() -> None:
    runner = Runner(make_view())
    out = runner.say("stock huile a riz")  # `riz` names a product here
    assert not any(isinstance(e, FindStoreNamed) for e in out.effects)
