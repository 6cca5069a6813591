"""respond() over a real database with the demo catalog: each flow of the issue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from bot.db.models import (
    Conversation,
    MovementSource,
    OrderStatus,
    Product,
    RestockOrder,
    StockMovement,
)
from bot.inbound.models import ReactionMessage
from bot.outbound.messages import Buttons, ListMessage
from bot.stock import MAX_STOCK
from tests.bot.conversation.conftest import START, STEP, Chat


def _product(session: Session, sku: str) -> Product:
    product = session.exec(select(Product).where(Product.sku == sku)).one()
    session.refresh(product)
    return product


def _movements(session: Session) -> list[StockMovement]:
    return list(
        session.exec(
            select(StockMovement)
            .where(StockMovement.source == MovementSource.WHATSAPP)
            .order_by(col(StockMovement.id))
        )
    )


def test_stock_of_a_product(chat: Chat) -> None:
    out = chat.say("STOCK RIZ")
    assert out.startswith("Riz brisé 50kg : 42 sacs\nSeuil d'alerte : 10 sacs\n")
    assert "Dernier mouvement : " in out


def test_a_confirmed_sale_changes_the_stock_once_and_says_what_is_left(chat: Chat) -> None:
    out = chat.say("VENTE RIZ 3")
    assert out == ("Enregistrer la vente de 3 sacs de Riz brisé 50kg ?\n[Oui]\n[Modifier]\n[Non]")
    assert isinstance(chat.last[0], Buttons)
    assert _movements(chat.session) == []
    yes = chat.button("yes")
    assert chat.tap(yes) == "✅ Vente enregistrée : 3 sacs de Riz brisé 50kg. Reste : 39 sacs."
    assert _product(chat.session, "RIZ-BRISE-50").quantity == 39
    (movement,) = _movements(chat.session)
    assert (movement.delta, movement.kind, movement.manager_id) == (-3, "sale", chat.manager.id)
    assert chat.tap(yes) == "Cette demande a déjà été traitée."
    assert len(_movements(chat.session)) == 1
    assert _product(chat.session, "RIZ-BRISE-50").quantity == 39
    # Dakar is UTC+0 all year; the sale was recorded at the chat's second step.
    assert f"Dernier mouvement : {START:%d/%m %H:%M}" in chat.say("stock riz")


def test_a_receipt_with_the_quantity_asked(chat: Chat) -> None:
    assert chat.say("reçu savon") == "Savon de Marseille : combien de cartons ?"
    assert chat.say("vingt").startswith("Enregistrer l'arrivage de 20 cartons de Savon")
    assert chat.say("oui") == (
        "✅ Arrivage enregistré : 20 cartons de Savon de Marseille. Stock : 35 cartons."
    )
    assert _product(chat.session, "SAVON-MARSEILLE").quantity == 35


def test_a_sale_beyond_the_stock_is_refused_even_if_it_dropped_after_the_question(
    chat: Chat,
) -> None:
    chat.say("vente gaz 12kg 2")
    product = _product(chat.session, "GAZ-12")
    product.quantity = 1  # sold at the counter meanwhile (bypassing movements only for the test)
    chat.session.add(product)
    chat.session.commit()
    # Nothing recorded; the quantity is asked again with what is left.
    assert chat.say("oui") == (
        "Il ne reste que 1 bouteille de gaz 12kg. Vous avez vendu combien de bouteilles ?"
    )
    assert _movements(chat.session) == []
    assert chat.say("1").startswith("Enregistrer la vente de 1 bouteille de gaz")
    assert chat.say("oui").startswith("✅ Vente enregistrée : 1 bouteille")
    assert (
        chat.say("vente gaz 12kg 5")
        == "Vente refusée : Bouteille de gaz 12kg est en rupture de stock."
    )


def test_an_order_is_asked_once_then_placed_confirmed(chat: Chat) -> None:
    out = chat.say("COMMANDER SUCRE-50")
    assert out == "Commander 10 sacs de Sucre en poudre 50kg ?\n[Oui]\n[Autre quantité]\n[Non]"
    assert chat.session.exec(select(RestockOrder)).all() == []  # nothing before the answer
    yes = chat.button("yes")
    done = chat.tap(yes)
    order = chat.session.exec(select(RestockOrder)).one()
    assert done == f"✅ Commande n°{order.id} confirmée : 10 sacs de Sucre en poudre 50kg."
    assert (order.status, order.quantity, order.manager_id, order.decided_at) == (
        OrderStatus.CONFIRMED,
        10,
        chat.manager.id,
        chat.now - STEP,
    )
    assert chat.tap(yes) == "Cette demande a déjà été traitée."
    assert chat.tap(yes.replace(":yes", ":no")) == "Cette demande a déjà été traitée."
    assert len(chat.session.exec(select(RestockOrder)).all()) == 1


def test_a_tap_on_a_question_replaced_by_a_new_command_records_nothing_and_says_so(
    chat: Chat,
) -> None:
    chat.say("vente riz 3")
    yes = chat.button("yes")
    chat.say("stock sucre")  # which sugar? the sale question is left unanswered
    assert chat.tap(yes) == (
        "Cette question a été remplacée par une autre, rien n'a été enregistré. "
        "Renvoyez « VENTE Riz brisé 50kg 3 »."
    )
    assert _movements(chat.session) == []
    assert _product(chat.session, "RIZ-BRISE-50").quantity == 42


def test_a_receipt_past_what_the_stock_may_hold_is_refused_and_the_manager_told(
    chat: Chat,
) -> None:
    product = _product(chat.session, "SAVON-MARSEILLE")
    product.quantity = MAX_STOCK - 50  # (set directly only for the test)
    chat.session.add(product)
    chat.session.commit()
    chat.say("reçu savon 100")
    assert chat.say("oui") == (
        "Arrivage refusé : avec 100 cartons de plus, le stock de Savon de Marseille "
        "dépasserait 2\u00a0147\u00a0483\u00a0647."
    )
    assert _movements(chat.session) == []
    assert _product(chat.session, "SAVON-MARSEILLE").quantity == MAX_STOCK - 50
    assert chat.say("stock savon").startswith("Savon de Marseille")  # not blocked


def test_an_order_on_its_way_is_told_before_ordering_again_and_in_alerts(chat: Chat) -> None:
    chat.say("commander lait")
    chat.tap(chat.button("yes"))
    first = chat.session.exec(select(RestockOrder)).one()
    out = chat.say("commander lait")
    assert out.splitlines()[1] == f"Déjà en cours : commande n°{first.id} (36 boîtes)."
    chat.say("non")
    alerts = chat.say("alertes")
    line = f"❌ Lait en poudre 400g : 0 boîte (seuil 12), commande n°{first.id} en cours"
    assert line in alerts.splitlines()
    assert not any(i.endswith(":LAIT-POUDRE") for i in chat.ids())


def test_an_order_left_for_another_command_is_not_placed_and_says_so(chat: Chat) -> None:
    chat.say("commander lait 40")
    out = chat.say("stock riz")
    # What was dropped reads first: it happened on the way to the answer.
    assert out.startswith(
        "La commande de 40 boîtes de Lait en poudre 400g est annulée (rien n'est commandé).\nRiz"
    )
    assert chat.session.exec(select(RestockOrder)).all() == []


def test_a_stock_question_on_a_family_answers_each_in_one_message(chat: Chat) -> None:
    out = chat.say("stock huile")
    for name in ("Huile Jadida 1L : ", "Huile Jadida 5L : 18 bidons", "Huile d'arachide 20L : "):
        assert name in out
    assert chat.ids() == []


def test_ambiguous_product_by_list_or_number(chat: Chat) -> None:
    out = chat.say("vendu 1 huile")
    assert out.startswith("Quel produit ?")
    assert len(chat.ids()) == 3
    names = {"Huile Jadida 1L", "Huile Jadida 5L", "Huile d'arachide 20L"}
    confirm = chat.say("3")
    assert confirm.startswith("Enregistrer la vente de 1 ")
    assert any(name in confirm for name in names)


@pytest.mark.parametrize(
    "typed", ["je veux vendre", "I want to sell", "je veux faire une vente", "dama bëgg jaay"]
)
def test_wanting_to_sell_without_a_product_asks_which_and_keeps_the_sale(
    chat: Chat, typed: str
) -> None:
    """Words around the verb that name nothing (`je veux`, `I want to`, `dama bëgg`) are not an
    unknown product: the bot asks which one, and the answer goes on with the sale."""
    if typed.startswith("I "):  # answered in the language written
        assert chat.say(typed).startswith("Which product?")
        assert chat.say("café") == "Café Touba 250g: how many sachets?"
        assert chat.say("3").startswith("Record the sale of 3 sachets of Café Touba 250g?")
        return
    assert chat.say(typed).startswith("Quel produit ?")
    assert chat.say("café") == "Café Touba 250g : combien de sachets ?"
    assert chat.say("3").startswith("Enregistrer la vente de 3 sachets de Café Touba 250g ?")


def test_stock_alone_is_a_list_and_a_row_answers(chat: Chat) -> None:
    chat.say("stock")
    (message,) = chat.last
    assert isinstance(message, ListMessage)
    assert len(message.rows) == 10
    row = next(r for r in message.rows if r.title == "Café Touba 250g")
    assert chat.pick(row.id).startswith("Café Touba 250g : 30 sachets")


def test_unknown_product(chat: Chat) -> None:
    assert chat.say("stock banane").startswith("Je ne trouve pas « banane »")
    assert chat.say("stock savonette").startswith("Je ne trouve pas « savonette »")
    assert chat.ids()
    assert chat.say("1").startswith("Savon de Marseille")


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("naata banaana moo des", "« banaana »"),
        ("est-ce qu'il reste des bananes ?", "« bananes »"),  # as typed
        ("how many bananas are left", "« bananas »"),
        ("is there any millet left", "« millet »"),
    ],
)
def test_an_unknown_product_is_named_without_the_words_around_it(
    chat: Chat, typed: str, named: str
) -> None:
    """The not-found answer names what was looked for, not the question's own words (it said
    « naata banaana moo », « est ce qu banane », « banana are left »)."""
    said = chat.say(typed)
    if typed.endswith("left"):  # answered in the language written
        quoted = named.replace("« ", "“").replace(" »", "”")
        assert said.startswith(f"I cannot find {quoted}."), said
    else:
        assert said.startswith(f"Je ne trouve pas {named}."), said


@pytest.mark.parametrize("typed", ["riz", "le riz brisé", "rice"])
def test_naming_the_same_product_while_its_quantity_is_asked_keeps_the_sale(
    chat: Chat, typed: str
) -> None:
    """`riz` to "Riz brisé 50kg : combien de sacs ?" says yes, that one: still how many (it was a
    new stock question that dropped the sale)."""
    asked = chat.say("vente riz")
    assert chat.say(typed) == asked
    assert chat.say("4").startswith("Enregistrer la vente de 4 sacs de Riz brisé 50kg ?")


def test_a_photo_while_a_number_is_expected(chat: Chat) -> None:
    chat.say("vente riz")
    assert chat.photo() == "Riz brisé 50kg : combien de sacs ?"
    assert chat.say("2").startswith("Enregistrer la vente de 2 sacs")


def test_expiry_follows_the_setting(chat: Chat) -> None:
    chat.say("vente riz 2")
    chat.now += timedelta(minutes=chat.settings.conversation_timeout_minutes)
    assert chat.say("oui").startswith("Cette question a expiré, rien n'a été enregistré.")
    assert _movements(chat.session) == []


def test_the_conversation_row_is_saved_with_a_new_version(chat: Chat) -> None:
    chat.say("vente riz")
    row = chat.session.exec(select(Conversation)).one()
    assert (row.state, row.version) == ("awaiting_quantity", 1)
    assert row.context["draft"]["lines"][0]["sku"] == "RIZ-BRISE-50"
    timeout = timedelta(minutes=chat.settings.conversation_timeout_minutes)
    assert row.expires_at == chat.now - STEP + timeout
    chat.say("annuler")
    chat.session.refresh(row)
    assert (row.state, row.version) == ("idle", 2)
    assert row.expires_at is None


def test_a_tap_on_an_unknown_alert_changes_nothing(chat: Chat) -> None:
    chat.say("vente riz 2")
    assert chat.tap("alert:v1:999:order").endswith("Cette demande a déjà été traitée.")
    assert chat.session.exec(select(RestockOrder)).all() == []
    row = chat.session.exec(select(Conversation)).one()
    assert row.state == "idle"


def test_a_reaction_gets_no_reply(chat: Chat) -> None:
    message = ReactionMessage(reacted_message_id="wamid.x", emoji="👍", **chat.common())
    assert chat.send(message) == []
