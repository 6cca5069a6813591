"""Several stores, help, greetings, misunderstandings, cancel, English, WhatsApp limits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from state import (
    ChoiceIn,
    FindStores,
    OtherIn,
    Reply,
    State,
    StoresFound,
    StoreSwitched,
    SwitchStore,
)
from tests.state.conftest import OTHER, STORE, Row, Runner, make_view, texts


def test_a_manager_of_two_stores_is_asked_which_one_and_the_message_replayed() -> None:
    runner = Runner(make_view(stores=(STORE, OTHER), store=None))
    # Which stores have the product named is looked up first: both have rice.
    assert runner.say("stock riz").effects == (FindStores("stock riz"),)
    out = runner.feed(StoresFound("stock riz", ("demo", "dk2")))
    assert texts(out) == "Pour quel magasin ?\n[Boutique démo]\n[Dépôt Pikine]"
    assert runner.state == State.AWAITING_STORE
    out = runner.say("2")
    assert out.effects == (SwitchStore("dk2"),)
    assert out.replay == "stock riz"
    assert runner.state == State.IDLE
    assert texts(runner.feed(StoreSwitched("dk2", "Dépôt Pikine"))) == (
        "Magasin Dépôt Pikine (dk2) choisi."
    )


def test_the_store_can_be_chosen_by_code_or_tap() -> None:
    runner = Runner(make_view(stores=(STORE, OTHER), store=None))
    runner.say("inventaire")
    runner.feed(StoresFound("inventaire", ()))  # no product named: every store offered
    assert runner.say("DK2").effects == (SwitchStore("dk2"),)
    runner.say("inventaire")
    runner.feed(StoresFound("inventaire", ()))
    assert runner.feed(ChoiceIn(runner.choice("demo"))).effects == (SwitchStore("demo"),)


def test_the_only_store_that_has_the_product_is_taken_without_asking() -> None:
    runner = Runner(make_view(stores=(STORE, OTHER), store=None))
    runner.say("vendu 3 mil")
    out = runner.feed(StoresFound("vendu 3 mil", ("dk2",)))
    assert (out.effects, out.replay, texts(out)) == ((SwitchStore("dk2"),), "vendu 3 mil", "")


def test_among_several_the_position_counts_in_the_stores_offered() -> None:
    third = replace(OTHER, code="dk3", name="Boutique Thiès")
    runner = Runner(make_view(stores=(STORE, OTHER, third), store=None))
    runner.say("stock mil")
    out = runner.feed(StoresFound("stock mil", ("dk2", "dk3")))
    assert texts(out) == "Pour quel magasin ?\n[Dépôt Pikine]\n[Boutique Thiès]"
    assert runner.say("2").effects == (SwitchStore("dk3"),)


def test_magasin_switches_and_an_unknown_code_lists_the_stores() -> None:
    runner = Runner(make_view(stores=(STORE, OTHER)))
    assert runner.say("MAGASIN dk2").effects == (SwitchStore("dk2"),)
    out = runner.say("magasin thies")
    assert out.effects == ()
    assert texts(out) == "Magasin « thies » inconnu. Vos magasins : demo, dk2."


def test_help_and_greeting(runner: Runner) -> None:
    assert "VENTE RIZ 3" in texts(runner.say("AIDE"))
    assert texts(runner.say("bonjour")).startswith("Bonjour 👋")


def test_two_misunderstandings_in_a_row_give_the_help(runner: Runner) -> None:
    assert texts(runner.say("blabla")).startswith("Je n'ai pas compris « blabla »")
    assert "VENTE RIZ 3" in texts(runner.say("xyzzy"))
    assert texts(runner.say("blabla")).startswith("Je n'ai pas compris")
    runner.say("stock riz")
    assert texts(runner.say("blabla")).startswith("Je n'ai pas compris")


def test_cancel(runner: Runner) -> None:
    assert texts(runner.say("annuler")) == "Rien à annuler. Tapez AIDE pour les exemples."
    runner.say("vente riz")
    assert texts(runner.say("ANNULER")) == (
        "La vente de Riz brisé 50kg est annulée (rien n'est enregistré)."
    )
    assert runner.state == State.IDLE


def test_media_outside_a_question(runner: Runner) -> None:
    assert texts(runner.feed(OtherIn("image"))).startswith("Je lis seulement les messages texte")


def test_an_english_manager_reads_english() -> None:
    runner = Runner(make_view(language="en"))
    assert texts(runner.say("stock riz")).startswith("Riz brisé 50kg: 42 bags\nAlert threshold")
    out = runner.say("vente riz 2")
    assert texts(out) == "Record the sale of 2 bags of Riz brisé 50kg?\n[Yes]\n[Change]\n[No]"
    assert texts(runner.say("help")).startswith("I keep your stock")


_INPUTS = [
    "stock", "huile", "ALERTES", "stock savonette", "vente riz", "commander", "stock sav",
    "inventaire", "aide", "bonjour", "vente lait 3", "reçu huile 2", "xyz", "1", "oui",
]  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_reply_fits_whatsapp_limits(language: str) -> None:
    rows = [
        (f"P{i}", f"Produit au nom vraiment très long {i}", ["huile"], "u", i, 3, 1)
        for i in range(12)
    ]
    runner = Runner(make_view(language=language))
    long_names = Runner(make_view(language=language, rows=rows))
    replies: list[Reply] = []
    for text in _INPUTS:
        for r in (runner, long_names):
            replies += r.say(text).replies
    for reply in replies:
        assert reply.text.strip()
        assert len(reply.buttons) <= 3
        assert len(reply.rows) <= 10
        if reply.choices:
            assert len(reply.text) <= 1024
        assert all(len(c.title) <= 20 for c in reply.buttons)
        assert all(len(c.title) <= 24 and len(c.description) <= 72 for c in reply.rows)
        assert len({c.id for c in reply.choices}) == len(reply.choices)
        assert len({c.title for c in reply.buttons}) == len(reply.buttons)


def test_a_manager_without_a_store_is_told_so() -> None:
    runner = Runner(make_view(stores=(), store=None))
    assert texts(runner.say("stock riz")).startswith("Aucun magasin ne vous est attribué")
    assert runner.state == State.IDLE


def test_an_empty_store_has_no_product_to_choose() -> None:
    runner = Runner(make_view(rows=[]))
    assert texts(runner.say("stock")) == "Aucun produit dans Boutique démo."
    assert runner.state == State.IDLE


def test_the_english_help_names_commands_that_work() -> None:
    rows: list[Row] = [
        ("RICE", "Broken rice", ["rice"], "bag", 42, 10, 20),
        ("SUGAR", "Sugar", ["sugar"], "bag", 12, 5, 10),
    ]
    runner = Runner(make_view(language="en", rows=rows, stores=(STORE, OTHER)))
    lines = texts(runner.say("HELP")).splitlines()[1:]
    commands = [line.removeprefix("• ").split(":")[0].replace("<code>", "dk2") for line in lines]
    assert commands[:4] == ["STOCK RICE", "ALL STOCK", "SELL RICE 3", "RECEIVED SUGAR 20"]
    for command in commands:
        out = runner.say(command)
        shown = texts(out)
        assert out.effects or shown, command
        assert not shown.startswith(("I did not understand", "I keep your stock")), command
        runner.say("cancel")


def test_the_overview_counts_products_in_good_french() -> None:
    one: list[Row] = [("RIZ", "Riz", ["riz"], "sac", 1, 5, 10)]
    assert texts(Runner(make_view(rows=one)).say("tout le stock")).startswith(
        "Stock de Boutique démo (1 produit) :\n⚠️ Riz : 1 sac"
    )
    assert texts(Runner(make_view(rows=one, language="en")).say("all stock")).startswith(
        "Stock of Boutique démo (1 product):\n⚠️ Riz: 1 bag"
    )
