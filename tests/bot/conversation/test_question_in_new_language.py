"""A language asked for while a question about orders, an undo or an alert push waits: the
question is asked again in the new language, its buttons and list rows too, and the answer
still works (it was asked again in the first language)."""

from __future__ import annotations

from sqlmodel import select

from bot.db.models import RestockOrder
from bot.outbound.messages import ListMessage
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity


def _two_orders(chat: Chat) -> None:
    chat.say("commande 10 riz et 5 sucre en poudre")
    chat.say("oui")


def _open_orders(chat: Chat) -> list[str]:
    orders = chat.session.exec(select(RestockOrder).order_by(RestockOrder.id)).all()  # type: ignore[arg-type]
    return [o.status for o in orders]


def test_which_order_arrived_asked_again_in_english_then_answered(chat: Chat) -> None:
    _two_orders(chat)
    assert chat.say("commande reçue").startswith("Quelle commande est arrivée ?")
    first = chat.button("1")
    out = chat.say("english")
    lines = out.splitlines()
    assert lines[:2] == ["OK, I will write to you in English.", "Which order arrived?"], out
    assert lines[2].startswith("• #1: 10 bags of Riz brisé 50kg (placed "), out
    assert lines[-2:] == ["[#1 Riz brisé 50kg]", "[#2 Sucre en poudre…]"], out
    assert chat.button("1") == first  # the French message's button still answers it
    out = chat.tap(first)
    assert out.startswith("Order #1 arrived: record the delivery of 10 bags of Riz brisé 50kg?")
    assert chat.say("yes").startswith("✅ Order #1 received: 10 bags of Riz brisé 50kg.")
    assert quantity(chat.session, "RIZ-BRISE-50") == 52


def test_the_rest_question_asked_again_in_wolof_and_answered_by_its_title(chat: Chat) -> None:
    _two_orders(chat)
    chat.say("reçu 4 sacs sur les 10 de la commande 1")
    out = chat.say("oui")
    assert out.endswith(
        "On attend le reste ou on clôture la commande ?\n[Attendre le reste]\n[Clôturer]"
    )
    out = chat.say("wolof")
    assert out.startswith("Waaw, dinaa la bind ci wolof.\n"), out
    assert "On attend" not in out and "[Attendre le reste]" not in out, out
    wait = out.splitlines()[-2].strip("[]")  # the Wolof button's title, typed
    assert chat.say(wait).startswith("Baax na, komande n°1 ngi xaar 6 sac"), chat.last
    assert _open_orders(chat)[0] == "confirmed"


def test_an_undo_question_asked_again_in_english_then_answered(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    assert chat.say("annule").startswith("Annuler la vente de 2 sacs de Riz brisé 50kg (")
    out = chat.say("english")
    lines = out.splitlines()
    assert lines[0] == "OK, I will write to you in English.", out
    assert lines[1].startswith("Cancel the sale of 2 bags of Riz brisé 50kg ("), out
    assert lines[2:] == ["[Yes]", "[No]"], out
    assert chat.say("yes").startswith("✅ Sale cancelled: 2 bags of Riz brisé 50kg back in stock.")
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


def test_an_alert_push_asked_again_in_wolof_then_answered(chat: Chat) -> None:
    chat.say("vendu 33 riz")
    assert "Vente enregistrée" in chat.say("oui")  # 9 sacs left: the alert is pushed
    out = chat.say("wolof")
    assert out.startswith("Waaw, dinaa la bind ci wolof.\n⚠️ Stock bi dafa wàññiku : Riz"), out
    assert out.endswith("Ndax ñu komande 20 sac ?\n[Komande]\n[Ci kanam]"), out
    out = chat.say("waaw")
    assert out.startswith("Ndax ma komande 20 sac Riz brisé 50kg ?"), out


def test_cancel_several_orders_asked_again_in_english(chat: Chat) -> None:
    _two_orders(chat)
    assert chat.say("annule").startswith("Annuler ces 2 commandes ?")
    out = chat.say("english")
    assert out.startswith("OK, I will write to you in English.\nCancel these 2 orders?\n"), out
    assert out.endswith("[Yes, all]\n[Just one]\n[No]"), out
    out = chat.say("just one")
    assert out.startswith("Which order should I cancel?"), out


def test_an_order_list_asked_again_with_its_rows_in_english(chat: Chat) -> None:
    for item in ("1 riz", "1 sucre en poudre", "1 savon", "1 huile 5l"):
        chat.say(f"commande {item}")
        chat.say("oui")
    assert chat.say("mes commandes").startswith("Commandes en cours (4) :")
    out = chat.say("anglais")
    assert out.startswith("OK, I will write to you in English.\nOrders on their way (4):\n"), out
    [listed] = [m for m in chat.last if isinstance(m, ListMessage)]
    assert [r.title for r in listed.rows][:2] == ["#1 Riz brisé 50kg", "#2 Sucre en poudre 50kg"]
    assert "n°" not in out and "Touchez" not in out, out
    assert listed.button == "Orders", listed
    out = chat.say("2")
    assert out.endswith("What about this order?\n[All received]\n[Partly received]\n[Cancel order]")


def test_the_undo_of_a_sale_of_several_lines_asked_again_in_english(chat: Chat) -> None:
    """Its lines, joined into one text, are said again in English too."""
    chat.say("vendu 3 riz et 2 savon")
    chat.say("oui")
    assert chat.say("annule").startswith("Annuler toute la vente de ")
    out = chat.say("english")
    assert out.startswith("OK, I will write to you in English.\nCancel the whole sale of "), out
    assert out.endswith(
        ": 3 bags of Riz brisé 50kg, 2 cartons of Savon de Marseille?\n[Yes]\n[No]"
    ), out
    assert chat.say("yes").startswith("✅ Sale cancelled, back in stock:")
    assert quantity(chat.session, "RIZ-BRISE-50") == 42


def test_a_button_title_of_the_new_language_typed_answers(chat: Chat) -> None:
    """`other quantity` typed under an order's delivery asked again in English: that button
    (it showed the whole stock); `ci kanam` under a push asked again in Wolof: later."""
    _two_orders(chat)
    assert chat.say("commande 1 reçue").startswith("Commande n°1 arrivée :")
    assert chat.say("english").endswith("[Yes]\n[Other quantity]\n[No]")
    assert chat.say("other quantity") == "How many bags received for order #1?"
    assert chat.say("8").startswith("Order #1: record the delivery of 8 bags of Riz brisé 50kg")
    chat.say("no")
    chat.say("vendu 33 riz")
    chat.say("oui")
    assert chat.say("wolof").endswith("[Komande]\n[Ci kanam]")
    out = chat.say("ci kanam")
    assert out.startswith("Baax na. Riz brisé 50kg : 9 sac a des."), out


def test_a_reply_starting_like_a_cut_title_keeps_the_rest(chat: Chat) -> None:
    """`bouteille de gaz 12kg 3 bouteilles` under « [Bouteille de gaz 12…] »: not a tap of that
    button (the 3 was dropped: « combien de bouteilles ? »), the product and its amount."""
    chat.say("vendu gaz")
    out = chat.say("bouteille de gaz 12kg 3 bouteilles")
    assert "Il ne reste que 2 bouteilles de gaz 12kg" in out, out
