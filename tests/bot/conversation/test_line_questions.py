"""Replies to a question about one line of a draft of several ("Ligne 2 (sucre) : Quel
produit ?", "Combien de sacs ?", "Vouliez-vous dire … ?", "Quelle ligne modifier ?"): a line
named to be removed (`annule le sucre`, `sans le sucre`, `remove the sugar`, `bayyi suukar bi`)
goes alone and the rest goes on; a new quantity without its line (`plutôt 6`) is kept while the
line is asked; `modifier` asks the same question again."""

from __future__ import annotations

import pytest

from bot.db.models import Product
from bot.stock import get_store
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements

RICE, SUGAR, SOAP, COFFEE = "RIZ-BRISE-50", "SUCRE-50", "SAVON-MARSEILLE", "CAFE-TOUBA"
ASKED_SUGAR = "Ligne 2 (sucre) : Quel produit ?"
RICE_ONLY = "Enregistrer la vente de 2 sacs de Riz brisé 50kg ?"


def _speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


def _recorded(chat: Chat) -> list[tuple[str, str, int]]:
    """The movements after the demo import (one per product)."""
    return [m for m in movements(chat.session) if m[1] != "import"]


REMOVALS = [
    "annule le sucre",
    "enlève le sucre",
    "sans le sucre",
    "pas le sucre",
    "non, pas le sucre",
    "oublie le sucre",
    "remove the sugar",
    "cancel the sugar",
    "without the sugar",
    "bayyi suukar bi",
    "dindil suukar bi",
]


@pytest.mark.parametrize("typed", REMOVALS)
def test_a_line_removed_while_its_product_is_asked_leaves_the_others(
    chat: Chat, typed: str
) -> None:
    """Before, `annule le sucre` cancelled the whole sale, and the others asked "which one?"."""
    assert chat.say("vendu 2 riz et 3 sucre").startswith(ASKED_SUGAR)
    out = chat.say(typed)
    assert out.startswith("« sucre » enlevé.\n"), out
    assert RICE_ONLY in out and "annulée" not in out, out
    assert _recorded(chat) == []
    chat.say("oui")
    assert _recorded(chat) == [(RICE, "sale", -2)]


def test_the_line_asked_about_is_not_the_only_one_that_can_go(chat: Chat) -> None:
    """`annule le riz` while the sugar is asked: the rice goes, the sugar is still asked."""
    chat.say("vendu 2 riz et 3 sucre")
    out = chat.say("annule le riz")
    assert out.startswith("« Riz brisé 50kg » enlevé.\nQuel produit ?"), out
    assert chat.say("1").startswith("Enregistrer la vente de 3 sacs de Sucre en poudre 50kg ?")
    chat.say("oui")
    assert _recorded(chat) == [(SUGAR, "sale", -3)]


@pytest.mark.parametrize("typed", ["annule le sucre", "enlève le sucre", "cancel the sugar"])
def test_a_line_removed_while_another_s_quantity_is_asked(chat: Chat, typed: str) -> None:
    """Before, `enlève le sucre` under "Ligne 1 (Riz) : Combien ?" gave the sugar's stock and
    dropped the sale."""
    asked = chat.say("vendu riz et 3 sucre en poudre")
    assert asked.startswith("Ligne 1 (Riz brisé 50kg) : Combien de sacs ?"), asked
    out = chat.say(typed)
    assert out == "« Sucre en poudre 50kg » enlevé.\nRiz brisé 50kg : combien de sacs ?", out
    chat.say("4")
    chat.say("oui")
    assert _recorded(chat) == [(RICE, "sale", -4)]


@pytest.mark.parametrize("typed", ["annule le riz", "enlève le riz", "remove the rice"])
def test_a_line_removed_while_its_guess_is_checked(chat: Chat, typed: str) -> None:
    asked = chat.say("vendu 2 riiz et 3 sucre en poudre")
    assert "Vouliez-vous dire « Riz brisé 50kg » ?" in asked, asked
    out = chat.say(typed)
    assert out.startswith("« Riz brisé 50kg » enlevé."), out
    assert "Enregistrer la vente de 3 sacs de Sucre en poudre 50kg ?" in out, out


@pytest.mark.parametrize("typed", ["annule le café", "oublie le café", "cancel the coffee"])
def test_a_cancel_naming_a_line_at_the_confirmation_removes_that_line(
    chat: Chat, typed: str
) -> None:
    chat.say("vendu 2 savon, 3 riz et 4 café")
    out = chat.say(typed)
    assert out.startswith("« Café Touba 250g » enlevé."), out
    rest = "Enregistrer la vente : 2 cartons de Savon de Marseille, 3 sacs de Riz brisé 50kg ?"
    assert rest in out, out


def test_the_last_line_removed_leaves_nothing_to_record(chat: Chat) -> None:
    chat.say("vendu 2 riz et 3 sucre")
    chat.say("annule le riz")
    out = chat.say("annule le sucre")
    assert out == "« sucre » enlevé.\nIl ne reste rien à enregistrer.", out
    assert chat.say("oui").startswith("Il n'y a pas de question en cours"), "nothing waits"
    assert _recorded(chat) == []


@pytest.mark.parametrize("typed", ["annule", "annule tout", "annule la vente", "cancel"])
def test_a_cancel_naming_no_line_still_drops_the_whole_sale(chat: Chat, typed: str) -> None:
    chat.say("vendu 2 riz et 3 sucre")
    out = chat.say(typed)
    assert out.startswith("La vente de 2 sacs de Riz brisé 50kg, 3 sucre est annulée"), out


def test_a_product_that_is_no_line_is_said_so_and_the_question_kept(chat: Chat) -> None:
    chat.say("vendu 2 riz et 3 sucre")
    out = chat.say("annule le savon")
    assert out.startswith("« Savon de Marseille » n'est pas dans cette liste"), out
    assert ASKED_SUGAR in out


def test_a_removal_without_product_offered_by_its_name_is_a_choice(chat: Chat) -> None:
    """`sans gaz` among the waters offered picks the still one: no line is removed."""
    store = get_store(chat.session, "demo")
    for sku, name in (("EAU-PLATE", "Eau minérale sans gaz 1.5L"), ("EAU-GAZ", "Eau gazeuse 1.5L")):
        chat.session.add(Product(store_id=store.id, sku=sku, name=name, unit="pack", quantity=50))
    chat.session.commit()
    asked = chat.say("vendu 2 riz et 3 eau")
    assert asked.startswith("Ligne 2 (eau) : Quel produit ?"), asked
    out = chat.say("sans gaz")
    assert "enlevé" not in out, out
    assert "3 packs d'Eau minérale sans gaz 1.5L ?" in out, out


# --- Quelle ligne modifier ? -----------------------------------------------------------------

SALE = "vendu 2 riz et 3 sucre en poudre"


def _which_line(chat: Chat, lang: str = "fr") -> None:
    _speaks(chat, lang)
    chat.say("sold 2 rice and 3 sugar powder" if lang == "en" else SALE)
    assert chat.tap(chat.button("edit")).startswith(
        "Which line to change?" if lang == "en" else "Quelle ligne modifier ?"
    )


@pytest.mark.parametrize(
    ("lang", "typed", "noted"),
    [
        ("fr", "plutôt 6", "C'est noté : 6.\nQuelle ligne modifier ?"),
        ("fr", "non 6", "C'est noté : 6.\nQuelle ligne modifier ?"),
        ("fr", "c'est 6", "C'est noté : 6.\nQuelle ligne modifier ?"),
        ("fr", "en fait 6", "C'est noté : 6.\nQuelle ligne modifier ?"),
        ("en", "actually 6", "Noted: 6.\nWhich line to change?"),
        ("en", "make it 6", "Noted: 6.\nWhich line to change?"),
    ],
)
def test_a_quantity_without_its_line_is_kept_while_the_line_is_asked(
    chat: Chat, lang: str, typed: str, noted: str
) -> None:
    """Before, `actually 6` cancelled the sale and asked which product; `plutôt 6` was not
    understood."""
    _which_line(chat, lang)
    out = chat.say(typed)
    assert out.startswith(noted), out
    assert len(chat.ids()) == 2, chat.ids()  # the lines, as buttons
    assert _recorded(chat) == []
    confirm = chat.tap(chat.ids()[0])
    assert "6" in confirm and "Riz" in confirm and chat.button("yes"), confirm
    chat.tap(chat.button("yes"))
    assert _recorded(chat) == [(RICE, "sale", -6), (SUGAR, "sale", -3)]


@pytest.mark.parametrize(
    ("lang", "typed"),
    [
        ("fr", "6 riz"),
        ("fr", "riz 6"),
        ("fr", "le riz c'est 6"),
        ("fr", "plutôt 6 pour le riz"),
        ("en", "6 rice"),
        ("en", "the rice is 6"),
    ],
)
def test_a_quantity_with_its_line_is_applied_at_once(chat: Chat, lang: str, typed: str) -> None:
    """Before, `6 riz` asked the rice's quantity again (the 6 was lost)."""
    _which_line(chat, lang)
    out = chat.say(typed)
    if lang == "fr":
        assert out.startswith(
            "Enregistrer la vente : 6 sacs de Riz brisé 50kg, 3 sacs de Sucre en poudre 50kg ?"
        ), out
    else:
        assert out.startswith("Record the sale: 6 bags of Riz brisé 50kg, 3 bags of"), out


@pytest.mark.parametrize("typed", ["2", "sucre", "le 2e"])
def test_a_line_named_alone_still_asks_its_quantity(chat: Chat, typed: str) -> None:
    _which_line(chat)
    assert chat.say(typed).startswith("Ligne 2 (Sucre en poudre 50kg) : Combien de sacs ?")


@pytest.mark.parametrize("typed", ["annule le sucre", "enlève le sucre", "remove the sugar"])
def test_a_line_removed_while_the_line_to_change_is_asked(chat: Chat, typed: str) -> None:
    """Before, `annule le sucre` cancelled the sale and `enlève le sucre` asked its quantity."""
    _which_line(chat)
    out = chat.say(typed)
    assert out.startswith("« Sucre en poudre 50kg » enlevé.\n" + RICE_ONLY), out


def test_a_quantity_said_at_the_confirmation_can_be_said_again(chat: Chat) -> None:
    """`non c'est 5` asks which line with the 5; `plutôt 7` there keeps the 7 instead."""
    chat.say(SALE)
    assert chat.say("non c'est 5").startswith("Quelle ligne modifier ?")
    assert chat.say("plutôt 7").startswith("C'est noté : 7.\nQuelle ligne modifier ?")
    assert chat.say("sucre").startswith(
        "Enregistrer la vente : 2 sacs de Riz brisé 50kg, 7 sacs de Sucre en poudre 50kg ?"
    )


# --- modifier ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["modifier", "modifie", "je veux changer", "change"])
def test_edit_while_a_line_s_product_is_asked_offers_the_products_again(
    chat: Chat, typed: str
) -> None:
    """Before: "Je n'ai pas compris votre réponse." The question is itself the change."""
    chat.say("vendu 2 riz et 3 sucre")
    out = chat.say(typed)
    assert out.startswith("Lequel ? Touchez un bouton ou tapez son numéro.\n" + ASKED_SUGAR), out
    assert len(chat.ids()) == 2


def test_edit_while_a_line_s_quantity_is_asked_asks_it_again(chat: Chat) -> None:
    chat.say("vendu riz et 3 sucre en poudre")
    assert chat.say("modifier") == "Ligne 1 (Riz brisé 50kg) : Combien de sacs ?"


def test_edit_while_the_line_to_change_is_asked_asks_it_again(chat: Chat) -> None:
    _which_line(chat)
    out = chat.say("modifier")
    assert out.startswith("Quelle ligne modifier ?"), out
    assert "pas compris" not in out


@pytest.mark.parametrize(
    ("lang", "typed", "asked"),
    [
        ("wo", "jaay naa ñaari ceeb ak benn diwlin", "Ligne 2 (diwlin) : Ban produit ?"),
        ("en", "sold one rice and one oil", "Line 2 (oil): Which product?"),
    ],
)
def test_a_lines_amount_in_words_is_not_named_with_it(
    chat: Chat, lang: str, typed: str, asked: str
) -> None:
    """The amount in words (`benn`, `one`) is the line's quantity, no product's word."""
    _speaks(chat, lang)
    assert chat.say(typed).startswith(asked)
