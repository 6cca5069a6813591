"""Restock orders in chat: one question "Commander 20 sacs de … ?" [Oui] [Autre quantité] [Non],
placed once answered; alert pushes answered by a tap or typed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from state import (
    AlertOpen,
    AlertPostponed,
    AlreadyOrdered,
    AnswerAlert,
    ChoiceIn,
    FindLastMovement,
    MovementRecorded,
    OrderPlaced,
    PlaceOrder,
    PushAsked,
    Reply,
    SetLanguage,
    State,
)
from state.values import Choice
from tests.state.conftest import TIMEOUT, Row, Runner, make_view, texts


def test_an_order_defaults_to_the_reorder_quantity_and_asks_once(runner: Runner) -> None:
    out = runner.say("COMMANDER SAVON")
    assert out.effects == ()
    assert texts(out) == (
        "Commander 10 cartons de Savon de Marseille ?\n[Oui]\n[Autre quantité]\n[Non]"
    )
    assert runner.state == State.AWAITING_CONFIRMATION
    out = runner.feed(ChoiceIn(runner.choice("yes")))
    assert out.effects == (PlaceOrder((("SAVON", 10),)),)
    assert runner.state == State.IDLE
    done = runner.feed(OrderPlaced(((5, "SAVON", 10),)))
    assert texts(done) == "✅ Commande n°5 confirmée : 10 cartons de Savon de Marseille."


def test_no_orders_nothing(runner: Runner) -> None:
    runner.say("commander sucre 20")
    out = runner.say("non")
    assert (out.effects, texts(out)) == ((), "D'accord, pas de commande.")


@pytest.mark.parametrize("typed", ["30", "non 30", "plutôt 30", "commande 30 seulement"])
def test_a_quantity_typed_to_the_order_question_orders_it(runner: Runner, typed: str) -> None:
    runner.say("commander sucre")
    out = runner.say(typed)
    assert out.effects == (PlaceOrder((("SUCRE", 30),)),), typed


@pytest.mark.parametrize("typed", ["non c'est 25", "non 25", "non c'est 25 paquets"])
def test_a_quantity_typed_while_the_product_is_asked_is_kept_not_ordered(typed: str) -> None:
    """The order's product is not known yet: nothing is placed, the product is asked again,
    and the order shown once it is chosen has the quantity typed."""
    sugars: list[Row] = [
        ("SUCRE", "Sucre en poudre 50kg", ["sucre"], "sac", 12, 5, 10),
        ("SUCRE-M", "Sucre morceaux 1kg", ["sucre", "sucre morceaux"], "paquet", 40, 10, 20),
    ]
    runner = Runner(make_view(rows=sugars))
    runner.say("commander sucre 20")
    out = runner.say(typed)
    assert out.effects == (), typed
    assert "Quel produit ?" in texts(out)
    out = runner.say("morceaux")
    assert texts(out).startswith("Commander 25 paquets de Sucre morceaux 1kg ?"), texts(out)
    assert runner.say("oui").effects == (PlaceOrder((("SUCRE-M", 25),)),)


def test_other_quantity_asks_how_many_then_orders(runner: Runner) -> None:
    runner.say("commander sucre")
    out = runner.feed(ChoiceIn(runner.choice("other")))
    assert texts(out) == "Sucre en poudre 50kg : combien de sacs ?"
    out = runner.say("25")
    assert texts(out).startswith("Commander 25 sacs de Sucre en poudre 50kg ?")
    assert runner.say("oui").effects == (PlaceOrder((("SUCRE", 25),)),)


def test_a_tap_on_an_order_question_replaced_orders_nothing(runner: Runner) -> None:
    runner.say("commander sucre 20")
    yes = runner.choice("yes")
    out = runner.say("stock riz")
    assert texts(out).startswith(
        "La commande de 20 sacs de Sucre en poudre 50kg est annulée (rien n'est commandé)."
    )
    out = runner.feed(ChoiceIn(yes))
    assert out.effects == ()
    assert "rien n'a été enregistré" in texts(out)


def test_an_order_on_its_way_is_mentioned_before_ordering_again() -> None:
    view = make_view()
    products = tuple(
        replace(p, order_id=1, order_quantity=5) if p.sku == "SUCRE" else p for p in view.products
    )
    runner = Runner(replace(view, products=products))
    out = runner.say("commander sucre")
    assert texts(out) == (
        "Commander 10 sacs de Sucre en poudre 50kg ?\n"
        "Déjà en cours : commande n°1 (5 sacs).\n[Oui]\n[Autre quantité]\n[Non]"
    )


def _push(runner: Runner, alert_id: int = 12, sku: str = "RIZ-P") -> None:
    question = Reply(
        "⚠️ Stock bas : Riz parfumé 25kg\nCommander 15 sacs ?",
        buttons=(
            Choice(f"alert:v1:{alert_id}:order", "Commander"),
            Choice(f"alert:v1:{alert_id}:later", "Plus tard"),
        ),
    )
    runner.feed(PushAsked(alert_id, sku, question))


@pytest.mark.parametrize(
    "typed", ["oui", "ok", "waaw", "yes", "commande", "commande stp", "Commander", "👍"]
)
def test_a_typed_yes_to_an_alert_push_answers_it(runner: Runner, typed: str) -> None:
    _push(runner)
    out = runner.say(typed)
    assert out.effects == (AnswerAlert(12, "order"),), typed


@pytest.mark.parametrize(
    ("language", "typed", "tapped"),
    [
        ("fr", "merci", True),
        ("fr", "ok merci", True),
        ("fr", "Merci beaucoup", False),
        ("fr", "ok merçi", False),
        ("en", "thanks", True),
        ("en", "ok thank you", False),
    ],
)
def test_thanks_under_an_alert_push_is_acknowledged_and_keeps_it(
    language: str, typed: str, tapped: bool
) -> None:
    """`merci`, `ok merci` under "Stock bas … Commander 15 sacs ?": a short thanks back, no
    order (`ok merci` ordered) and not the whole push again; it still answers after, by its
    button or typed."""
    runner = Runner(make_view(language=language))
    _push(runner)
    out = runner.say(typed)
    assert out.effects == () and len(out.replies) == 1, texts(out)
    assert "🙏" in texts(out) and "Commander" not in texts(out) and not out.replies[0].choices
    assert runner.state == State.AWAITING_CONFIRMATION
    if tapped:
        answered = runner.feed(ChoiceIn("alert:v1:12:order"))
    else:
        answered = runner.say("commande" if language == "fr" else "order")
    assert answered.effects == (AnswerAlert(12, "order"),), texts(answered)


@pytest.mark.parametrize(
    ("typed", "quantity"), [("oui commande 50", 50), ("commande 30 seulement", 30), ("40", 40)]
)
def test_a_quantity_typed_to_an_alert_push_orders_it(
    runner: Runner, typed: str, quantity: int
) -> None:
    _push(runner)
    assert runner.say(typed).effects == (AnswerAlert(12, "order", quantity),)


@pytest.mark.parametrize(
    ("typed", "quantity", "unit"),
    [
        ("2 tonnes", 2, "tonne"),
        ("oui 3 cartons", 3, "carton"),
        ("commande 100 kg", 100, "kg"),
        ("non c'est 3 tonnes", 3, "tonne"),
    ],
)
def test_a_quantity_typed_to_an_alert_push_in_another_unit_is_asked_about(
    runner: Runner, typed: str, quantity: int, unit: str
) -> None:
    _push(runner)
    out = runner.say(typed)
    assert out.effects == (AnswerAlert(12, "order", quantity, ask=True, unit=unit),), typed
    asked = runner.feed(AlertOpen(12, "RIZ-P", quantity, unit=unit))
    assert texts(asked).endswith("de Riz parfumé 25kg, ça fait combien de sacs ?"), texts(asked)
    assert runner.say("40").effects == ()
    assert runner.say("oui").effects == (PlaceOrder((("RIZ-P", 40),), alert_id=12),)


@pytest.mark.parametrize("typed", ["commande 30 sacs", "30 bags", "oui 20 sac"])
def test_a_quantity_typed_to_an_alert_push_in_its_unit_orders_it(
    runner: Runner, typed: str
) -> None:
    _push(runner)
    (effect,) = runner.say(typed).effects
    assert isinstance(effect, AnswerAlert) and not effect.ask and effect.unit is None, effect


@pytest.mark.parametrize(
    "typed", ["non", "plus tard", "pas maintenant", "deedeet", "later", "Plus tard", "no"]
)
def test_a_typed_no_to_an_alert_push_is_later(runner: Runner, typed: str) -> None:
    _push(runner)
    assert runner.say(typed).effects == (AnswerAlert(12, "later"),), typed


def test_another_command_while_a_push_waits_is_a_new_command(runner: Runner) -> None:
    _push(runner)
    out = runner.say("stock sucre")
    assert out.effects == ()
    assert texts(out).startswith("Sucre en poudre 50kg : 12 sacs")


def test_the_order_button_asks_one_question_then_places_the_order(runner: Runner) -> None:
    out = runner.feed(ChoiceIn("alert:v1:12:order"))
    assert out.effects == (AnswerAlert(12, "order"),)
    out = runner.feed(AlertOpen(12, "RIZ-P", 15))
    assert texts(out) == ("Commander 15 sacs de Riz parfumé 25kg ?\n[Oui]\n[Autre quantité]\n[Non]")
    out = runner.say("oui")
    assert out.effects == (PlaceOrder((("RIZ-P", 15),), alert_id=12),)
    done = runner.feed(OrderPlaced(((4, "RIZ-P", 15),)))
    assert texts(done) == "✅ Commande n°4 confirmée : 15 sacs de Riz parfumé 25kg."
    assert runner.say("oui").effects == ()  # a second yes orders nothing


def test_the_first_answer_decides_and_the_others_are_told_who(runner: Runner) -> None:
    runner.feed(ChoiceIn("alert:v1:12:order"))
    runner.feed(AlertOpen(12, "RIZ-P", 15))
    runner.say("oui")
    out = runner.feed(AlreadyOrdered(3, "RIZ-P", 15, "Awa", "10:42"))
    assert texts(out) == (
        "Déjà commandé par Awa à 10:42 : commande n°3 (15 sacs de Riz parfumé 25kg)."
    )


def test_later_is_acknowledged(runner: Runner) -> None:
    assert runner.feed(ChoiceIn("alert:v1:12:later")).effects == (AnswerAlert(12, "later"),)
    out = runner.feed(AlertPostponed("RIZ-P", 6))
    assert texts(out) == ("D'accord. Riz parfumé 25kg : 6 sacs en stock. Je vous le rappellerai.")


def test_a_push_question_expires_like_any_other(runner: Runner) -> None:
    _push(runner)
    runner.now += TIMEOUT
    out = runner.say("stock riz")
    assert out.effects == ()
    assert runner.state == State.IDLE


@pytest.mark.parametrize("typed", ["commander", "order"])
def test_the_verb_alone_answering_order_now_offers_the_same_products(
    runner: Runner, typed: str
) -> None:
    """ "Commander maintenant ?" [Lait] [Huile] [Riz parfumé]: `commander` says yes to it; it
    neither drops the question nor offers the whole catalogue."""
    question = runner.say("alertes").replies[-1]
    out = runner.say(typed)
    assert "annulée" not in texts(out)
    assert out.replies[-1].text.endswith(question.text)
    assert out.replies[-1].rows == question.rows


@pytest.mark.parametrize(("language", "yes"), [("fr", "oui"), ("fr", "waaw"), ("en", "yes")])
def test_a_yes_to_order_now_orders_every_product_offered(language: str, yes: str) -> None:
    """ "Commander maintenant ?" [Lait] [Huile] [Riz parfumé] under ALERTES: `oui` is one order
    of them all, each its reorder quantity, confirmed first (it asked "Lequel ?" again)."""
    runner = Runner(make_view(language=language))
    runner.say("alertes")
    asked = texts(runner.say(yes))
    for each in ("Lait en poudre 400g", "Huile d'arachide 20L", "Riz parfumé 25kg"):
        assert each in asked, asked
    assert runner.state == State.AWAITING_CONFIRMATION
    out = runner.say(yes)
    assert out.effects == (PlaceOrder((("LAIT", 36), ("HUILE-20L", 6), ("RIZ-P", 15))),)


def test_a_yes_to_another_product_question_still_asks_which(runner: Runner) -> None:
    runner.say("vendu 2 huile")
    out = texts(runner.say("oui"))
    assert "Lequel" in out or "Quel" in out, out
    assert runner.state == State.AWAITING_PRODUCT


def test_leaving_order_now_for_another_command_says_nothing_was_dropped(runner: Runner) -> None:
    runner.say("alertes")
    assert texts(runner.say("stock riz")).startswith("Riz brisé 50kg : 42 sacs")


def test_a_wolof_order_dropped_is_told_in_its_own_words() -> None:
    """`komande suukar 10` left at "Ban produit ?": the notice names 10 suukar, not the verb."""
    rows: list[Row] = [
        ("SUCRE", "Sucre en poudre 50kg", ["sucre", "suukar"], "sac", 12, 5, 10),
        ("SUCRE-M", "Sucre morceaux 1kg", ["sucre", "suukar"], "paquet", 40, 10, 20),
        ("RIZ", "Riz brisé 50kg", ["riz", "ceeb"], "sac", 42, 10, 20),
    ]
    runner = Runner(make_view(language="wo", rows=rows))
    runner.say("komande suukar 10")
    assert texts(runner.say("stock ceeb")).startswith("Komande bu 10 suukar bi, bàyyi naa ko")


@pytest.mark.parametrize(
    "typed", ["oui commande 20", "oui commander 20", "yes, order 20", "ok commande 20"]
)
def test_yes_and_an_order_after_talking_about_a_product_orders_it(
    runner: Runner, typed: str
) -> None:
    runner.say("stock riz")
    followed = (SetLanguage("en", followed=True),) if typed.startswith("yes") else ()
    assert runner.say(typed).effects == (*followed, PlaceOrder((("RIZ", 20),))), typed


def test_yes_and_an_order_of_a_product_named_orders_that_one(runner: Runner) -> None:
    runner.say("stock riz")
    assert runner.say("oui commande 20 sucre").effects == (PlaceOrder((("SUCRE", 20),)),)


def test_an_order_without_yes_or_quantity_is_still_asked(runner: Runner) -> None:
    runner.say("stock riz")
    assert texts(runner.say("commande 20")).startswith("Commander 20 sacs de Riz brisé 50kg ?")
    runner.say("non")
    assert texts(runner.say("oui commande")).startswith("Commander 20 sacs de Riz brisé 50kg ?")


def test_a_correction_of_one_line_of_an_order_of_several_shows_it_again(runner: Runner) -> None:
    runner.say("commander 10 riz et 5 savon")
    out = runner.say("non 30 savon")
    assert out.effects == ()
    assert texts(out).startswith(
        "Commander : 10 sacs de Riz brisé 50kg, 30 cartons de Savon de Marseille ?"
    ), texts(out)
    assert runner.say("oui").effects == (PlaceOrder((("RIZ", 10), ("SAVON", 30))),)


@pytest.mark.parametrize("typed", ["plutot 5000", "non c'est 5000", "non 5000"])
def test_an_order_corrected_far_above_the_usual_is_asked_about(runner: Runner, typed: str) -> None:
    runner.say("commander 10 riz")
    out = runner.say(typed)
    assert out.effects == ()
    assert "c'est beaucoup" in texts(out), texts(out)
    assert runner.say("oui").effects == (PlaceOrder((("RIZ", 5000),)),)


def _sold_then_pushed(runner: Runner) -> None:
    """`vendu 11 savon`, yes: recorded, 4 left, and the low-stock push that sale raised."""
    runner.say("vendu 11 savon")
    runner.feed(ChoiceIn(runner.choice("yes")))
    runner.feed(MovementRecorded("sale", (("SAVON", 11, 4),)))
    _push(runner, alert_id=13, sku="SAVON")


@pytest.mark.parametrize("typed", ["en fait 2", "non c'est 2", "plutôt 2", "actually 2"])
def test_a_correction_under_the_alert_a_sale_raised_corrects_the_sale(
    runner: Runner, typed: str
) -> None:
    """It ordered 2 cartons ("Commander 2 cartons de Savon ?"): the manager corrects the sale
    just recorded, whose alert came with it."""
    _sold_then_pushed(runner)
    out = runner.say(typed)
    assert len(out.effects) == 1 and isinstance(out.effects[0], FindLastMovement), out.effects
    assert out.effects[0].kind == "sale"


@pytest.mark.parametrize(
    ("typed", "effect"),
    [
        ("2", AnswerAlert(13, "order", 2)),
        ("oui", AnswerAlert(13, "order")),
        ("commande 20", AnswerAlert(13, "order", 20)),
        ("plutôt commander 20", AnswerAlert(13, "order", 20)),
    ],
)
def test_a_number_or_a_yes_under_the_alert_a_sale_raised_answers_the_alert(
    runner: Runner, typed: str, effect: AnswerAlert
) -> None:
    _sold_then_pushed(runner)
    assert runner.say(typed).effects == (effect,)


def test_a_correction_under_an_alert_of_another_product_orders(runner: Runner) -> None:
    """The alert is not the sale's (its product is another): `non c'est 20` is its quantity."""
    runner.say("vendu 11 savon")
    runner.feed(ChoiceIn(runner.choice("yes")))
    runner.feed(MovementRecorded("sale", (("SAVON", 11, 4),)))
    _push(runner)
    out = runner.say("non c'est 20")
    assert out.effects == (AnswerAlert(12, "order", 20, ask=True),)


@pytest.mark.parametrize(
    "typed",
    ["il en reste combien ?", "stock riz parfumé", "combien ?", "how many of them are left"],
)
def test_the_stock_of_the_alerts_product_keeps_the_alert(runner: Runner, typed: str) -> None:
    """The alert's question was forgotten (`oui` then: "Il n'y a pas de question en cours"):
    the stock, the question again in short with its buttons, and `oui` still answers it."""
    _push(runner)
    out = runner.say(typed)
    if typed.startswith("how"):  # answered in the language written; the push as it was sent
        assert out.effects == (SetLanguage("en", followed=True),)
        assert texts(out) == (
            "Riz parfumé 25kg: 6 bags\nAlert threshold: 8 bags\n⚠️ Low stock\n"
            "Last movement: 24/11 18:30\n"
            "Commander 15 sacs ?\n[Commander]\n[Plus tard]"
        ), texts(out)
    else:
        assert out.effects == ()
        assert texts(out) == (
            "Riz parfumé 25kg : 6 sacs\nSeuil d'alerte : 8 sacs\n⚠️ Stock faible\n"
            "Dernier mouvement : 24/11 18:30\n"
            "Commander 15 sacs ?\n[Commander]\n[Plus tard]"
        ), texts(out)
    assert runner.say("oui").effects == (AnswerAlert(12, "order"),)


def test_the_stock_of_the_product_a_sale_just_alerted_about_keeps_the_alert(
    runner: Runner,
) -> None:
    """`vendu 11 savon`, the alert, `il en reste combien ?`: the order words then answer it."""
    _sold_then_pushed(runner)
    assert texts(runner.say("il en reste combien ?")).startswith("Savon de Marseille")
    assert runner.say("commande 20").effects == (AnswerAlert(13, "order", 20),)


def test_another_products_stock_under_an_alert_is_a_new_question(runner: Runner) -> None:
    _push(runner)
    assert texts(runner.say("stock savon")).startswith("Savon de Marseille : 15 cartons")
    assert runner.state == State.IDLE


def test_a_yes_and_an_addition_to_a_push_already_ordered_asks_the_addition(
    runner: Runner,
) -> None:
    """`oui et ajoute 10 sucre` under a push another manager answered first: told who ordered,
    and the sugar asked as an order of its own (not an arrival, not lost)."""
    _push(runner)
    out = runner.say("oui et ajoute 10 sucre")
    assert out.effects == (AnswerAlert(12, "order", ask=True),) and out.replay is None
    told = runner.feed(AlreadyOrdered(3, "RIZ-P", 15, "Awa", "10:42"))
    shown = texts(told)
    assert "Awa" in shown and "Commander 10 sacs de Sucre en poudre 50kg ?" in shown, shown
    assert runner.state == State.AWAITING_CONFIRMATION and not told.effects
