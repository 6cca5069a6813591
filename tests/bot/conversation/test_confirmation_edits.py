"""Changes made while "Enregistrer la vente … ?" waits for its yes: a product added (`2 sucre
aussi`, `rajoute 1 savon`, `2 coffee too`, `yokkal 2 kafe`) joins the draft, several lines
removed at once go together, and "wait" (`attends je vérifie`) keeps the question."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, quantity

RICE, SOAP, COFFEE, SUGAR = "RIZ-BRISE-50", "SAVON-MARSEILLE", "CAFE-TOUBA", "SUCRE-50"


def _speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


def _recorded(chat: Chat) -> list[tuple[str, str, int]]:
    """The movements after the demo import (one per product)."""
    return [m for m in movements(chat.session) if m[1] != "import"]


ADDED = [
    # lang, sale, addition, yes, the product added, its amount
    ("fr", "vendu 2 riz", "3 cafe aussi", "oui", COFFEE, 3),
    ("fr", "vendu 2 riz", "en plus 3 savon", "oui", SOAP, 3),
    ("fr", "vendu 2 riz", "2 savon en plus", "oui", SOAP, 2),
    ("fr", "vendu 2 riz", "rajoute 1 savon", "oui", SOAP, 1),
    ("fr", "vendu 2 riz", "ajoute 1 savon", "oui", SOAP, 1),
    ("fr", "vendu 2 riz", "oui et aussi 2 café", "oui", COFFEE, 2),
    ("en", "sold 2 rice", "2 coffee too", "yes", COFFEE, 2),
    ("en", "sold 2 rice", "add 2 coffee", "yes", COFFEE, 2),
    ("en", "sold 2 rice", "also 1 soap", "yes", SOAP, 1),
    ("en", "sold 2 rice", "3 soap as well", "yes", SOAP, 3),
    ("wo", "jaay naa 2 ceeb", "yokkal 2 kafe", "waaw", COFFEE, 2),
    ("wo", "jaay naa 2 ceeb", "2 kafe itam", "waaw", COFFEE, 2),
    ("wo", "jaay naa 2 ceeb", "2 kafe it", "waaw", COFFEE, 2),
]


@pytest.mark.parametrize(("lang", "sale", "added", "yes", "sku", "amount"), ADDED)
def test_a_product_added_at_the_confirmation_is_another_line(
    chat: Chat, lang: str, sale: str, added: str, yes: str, sku: str, amount: int
) -> None:
    """Before, it replaced the rice (`3 cafe aussi` read as a correction), or, for `ajoute` and
    `add`, cancelled the sale and offered a delivery."""
    _speaks(chat, lang)
    chat.say(sale)
    out = chat.say(added)
    assert "Riz brisé 50kg" in out and chat.ids(), out
    assert "annulée" not in out and "cancelled" not in out, out
    assert _recorded(chat) == []  # offered again, not recorded
    chat.say(yes)
    assert _recorded(chat) == [(RICE, "sale", -2), (sku, "sale", -amount)]


def test_an_added_product_to_choose_keeps_the_line_already_there(chat: Chat) -> None:
    """`2 sucre aussi`: which sugar is asked on a line of its own; it said "C'est noté : 2 riz"
    and sold the sugar alone."""
    chat.say("vendu 2 riz")
    out = chat.say("2 sucre aussi")
    assert out.startswith("Ligne 2 (sucre) : Quel produit ?"), out
    assert "C'est noté" not in out
    confirm = chat.say("1")
    assert confirm.startswith(
        "Enregistrer la vente : 2 sacs de Riz brisé 50kg, 2 sacs de Sucre en poudre 50kg ?"
    ), confirm
    chat.say("oui")
    assert _recorded(chat) == [(RICE, "sale", -2), (SUGAR, "sale", -2)]


@pytest.mark.parametrize(
    ("command", "added", "expected"),
    [
        (
            "reçu 10 riz",
            "ajoute 5 savon",
            "Enregistrer l'arrivage : 10 sacs de Riz brisé 50kg, 5 cartons de Savon de Marseille ?",
        ),
        (
            "commande 20 riz",
            "rajoute 10 savon",
            "Commander : 20 sacs de Riz brisé 50kg, 10 cartons de Savon de Marseille ?",
        ),
    ],
)
def test_adding_works_for_deliveries_and_orders(
    chat: Chat, command: str, added: str, expected: str
) -> None:
    chat.say(command)
    assert chat.say(added).startswith(expected)


def test_the_same_product_added_adds_to_its_line(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    out = chat.say("rajoute 1 riz")
    assert out.startswith("Enregistrer la vente de 3 sacs de Riz brisé 50kg ?"), out
    chat.say("oui")
    assert quantity(chat.session, RICE) == 39


def test_an_unknown_product_added_by_a_verb_is_asked_about_on_its_line(chat: Chat) -> None:
    """`ajoute 3 banane` (it cancelled the sale for a delivery of an unknown product)."""
    chat.say("vendu 2 riz")
    out = chat.say("ajoute 3 banane")
    assert out.startswith("Ligne 2 (banane) : Je ne trouve pas « banane »."), out


@pytest.mark.parametrize(
    ("lang", "sale", "verb", "said"),
    [
        ("fr", "vendu 2 riz", "ajoute", "Pour ajouter un produit, tapez par exemple « ajoute 2 "),
        ("en", "sold 2 rice", "add", "To add a product, type for example “add 2 "),
        ("wo", "jaay naa 2 ceeb", "yokkal", "Ngir yokk benn produit, bindal ci misaal « yokkal 2 "),
    ],
)
def test_a_verb_of_adding_alone_says_how_and_keeps_the_sale(
    chat: Chat, lang: str, sale: str, verb: str, said: str
) -> None:
    """`ajoute` alone cancelled the sale and looked for a product named « ajoute »."""
    _speaks(chat, lang)
    asked = chat.say(sale)
    out = chat.say(verb)
    assert out.startswith(said) and out.endswith(asked), out


def test_too_that_adds_no_product_is_no_addition(chat: Chat) -> None:
    """`too` in `that's too many, 1` is no product to add: the quantity is corrected."""
    _speaks(chat, "en")
    chat.say("sold 2 rice")
    assert chat.say("that's too many, 1").startswith("Record the sale of 1 bag of Riz brisé 50kg?")


def test_another_action_with_a_word_of_adding_is_a_new_command(chat: Chat) -> None:
    """`reçu 3 savon aussi` while a sale waits is a delivery, not a line of the sale."""
    chat.say("vendu 2 riz")
    out = chat.say("reçu 3 savon aussi")
    assert "Enregistrer l'arrivage de 3 cartons de Savon de Marseille ?" in out, out


def test_add_outside_a_confirmation_is_still_a_delivery(chat: Chat) -> None:
    assert chat.say("ajoute 10 riz").startswith(
        "Enregistrer l'arrivage de 10 sacs de Riz brisé 50kg ?"
    )


@pytest.mark.parametrize(
    ("lang", "sale", "removal", "removed", "kept"),
    [
        (
            "fr",
            "vendu 2 riz 1 savon 3 cafe",
            "enleve le cafe et le savon",
            "Enlevés : Savon de Marseille, Café Touba 250g.",
            "Enregistrer la vente de 2 sacs de Riz brisé 50kg ?",
        ),
        (
            "fr",
            "vendu 2 riz 1 savon 3 cafe",
            "non, retire le riz, le café stp",
            "Enlevés : Riz brisé 50kg, Café Touba 250g.",
            "Enregistrer la vente de 1 carton de Savon de Marseille ?",
        ),
        (
            "en",
            "sold 2 rice and 1 soap and 3 coffee",
            "remove the coffee and the soap",
            "Removed: Savon de Marseille, Café Touba 250g.",
            "Record the sale of 2 bags of Riz brisé 50kg?",
        ),
        (
            "wo",
            "jaay naa 2 ceeb ak 1 savon ak 3 kafe",
            "dindil kafe bi ak savon bi",
            "Far naa : Savon de Marseille, Café Touba 250g.",
            "Ndax ma bind jaay bi : 2 sac Riz brisé 50kg ?",
        ),
    ],
)
def test_several_lines_removed_at_once_go_and_the_rest_is_offered(
    chat: Chat, lang: str, sale: str, removal: str, removed: str, kept: str
) -> None:
    """Before, naming two lines dropped the whole sale and answered their stock."""
    _speaks(chat, lang)
    chat.say(sale)
    out = chat.say(removal)
    assert out.startswith(f"{removed}\n{kept}"), out
    assert _recorded(chat) == []


def test_removing_every_line_leaves_nothing_to_record(chat: Chat) -> None:
    chat.say("vendu 2 riz 1 savon")
    out = chat.say("enleve le riz et le savon")
    assert out == "Enlevés : Riz brisé 50kg, Savon de Marseille.\nIl ne reste rien à enregistrer."
    assert chat.say("oui").startswith("Il n'y a pas de question en cours.")
    assert _recorded(chat) == []


def test_removing_a_line_and_a_product_that_is_no_line_removes_nothing(chat: Chat) -> None:
    asked = chat.say("vendu 2 riz 1 savon")
    out = chat.say("enleve le cafe et le savon")
    assert out.startswith("« Café Touba 250g » n'est pas dans cette liste : rien n'est enlevé.")
    assert asked in out  # the same sale
    chat.say("oui")
    assert _recorded(chat) == [(RICE, "sale", -2), (SOAP, "sale", -1)]


@pytest.mark.parametrize(
    ("lang", "sale", "wait", "said", "yes"),
    [
        ("fr", "vendu 2 riz", "attends je vérifie", "D'accord, prenez votre temps 🙂", "oui"),
        ("fr", "vendu 2 riz", "plus tard", "D'accord, prenez votre temps 🙂", "oui"),
        ("fr", "vendu 2 riz", "apres", "D'accord, prenez votre temps 🙂", "oui"),
        ("en", "sold 2 rice", "wait", "OK, take your time 🙂", "yes"),
        ("wo", "jaay naa 2 ceeb", "ci kanam", "Waaw, maa ngi la xaar 🙂", "waaw"),
    ],
)
def test_wait_keeps_the_confirmation(
    chat: Chat, lang: str, sale: str, wait: str, said: str, yes: str
) -> None:
    """Before, "wait" was read as no: "D'accord, vente non enregistrée."."""
    _speaks(chat, lang)
    asked = chat.say(sale)
    out = chat.say(wait)
    assert out == f"{said}\n{asked}", out
    chat.say(yes)
    assert _recorded(chat) == [(RICE, "sale", -2)]


def test_no_and_later_is_a_no(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    assert chat.say("non, plus tard") == "D'accord, vente non enregistrée."


def test_a_correction_to_another_product_names_it_in_what_is_noted(chat: Chat) -> None:
    """`non c'est 3 sucre` under the rice: "C'est noté : 3 pour « sucre »." (it said "3 riz")."""
    chat.say("vendu 2 riz")
    out = chat.say("non c'est 3 sucre")
    assert out.startswith("C'est noté : 3 pour « sucre ».\nQuel produit ?"), out
