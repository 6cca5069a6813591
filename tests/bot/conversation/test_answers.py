"""Issue 12 §1: an answer to the bot's question keeps the pending action.

The demo catalog has sugar in powder (50 kg sack) and in cubes (1 kg packet), gas bottles of
6 kg and 12 kg ("petite"/"grande bouteille de gaz"), oil in a 1 L bottle, 5 L and 20 L cans.
"""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements, quantity

# command, answer to "Quel produit ?", the product meant, the quantity of the command
ANSWERS = [
    # French: words of the name, the unit, a description, a size, a relative size, position
    ("vendu 5 sucre", "poudre", "SUCRE-50", 5),
    ("vendu 5 sucre", "le sac", "SUCRE-50", 5),
    ("vendu 5 sucre", "celui en poudre", "SUCRE-50", 5),
    ("vendu 5 sucre", "le petit", "SUCRE-MORCEAU", 5),
    ("vendu 5 sucre", "les 50kg", "SUCRE-50", 5),
    ("vendu 5 sucre", "Sucre morceaux 1kg", "SUCRE-MORCEAU", 5),
    ("vendu 5 sucre", "2", "SUCRE-MORCEAU", 5),
    ("vendu 5 sucre", "le premier", "SUCRE-50", 5),
    ("vendu 5 sucre", "en morceaux", "SUCRE-MORCEAU", 5),
    ("vente gaz 2", "la grande bouteille", "GAZ-12", 2),
    ("vente gaz 2", "la petite", "GAZ-6", 2),
    ("vente gaz 2", "12kg", "GAZ-12", 2),
    ("reçu 4 huile", "5L", "HUILE-5L", 4),
    ("reçu 4 huile", "20 litres", "HUILE-20L", 4),
    ("reçu 4 huile", "la bouteille", "HUILE-1L", 4),
    ("reçu 4 huile", "le plus grand", "HUILE-20L", 4),
    ("reçu 4 huile", "le dernier", "HUILE-20L", 4),
    # English
    ("sold 3 suukar", "the cubes", "SUCRE-MORCEAU", 3),
    ("sold 3 suukar", "the second one", "SUCRE-MORCEAU", 3),
    ("sold 2 gas", "the big one", "GAZ-12", 2),
    # Wolof
    ("jaay naa 2 gaz", "bu ndaw bi", "GAZ-6", 2),
    ("jaay naa 3 suukar", "poudre bi", "SUCRE-50", 3),
    # Wolof degrees: `bi gën a mag` the biggest, `bi gëna tuuti` the smallest
    ("jaay naa 2 gaz", "bi gëna mag", "GAZ-12", 2),
    ("jaay naa 2 gaz", "bi gena mag", "GAZ-12", 2),
    ("jaay naa 3 suukar", "bi gëna tuuti", "SUCRE-MORCEAU", 3),
    ("reçu 4 huile", "bu gën a rëy bi", "HUILE-20L", 4),
    ("reçu 4 huile", "bi gena ndaw", "HUILE-1L", 4),
]


@pytest.mark.parametrize(("command", "answer", "sku", "count"), ANSWERS)
def test_a_described_product_continues_the_pending_action(
    chat: Chat, command: str, answer: str, sku: str, count: int
) -> None:
    before = quantity(chat.session, sku)
    asked = chat.say(command)
    assert "?" in asked and chat.ids(), asked  # which one?
    confirm = chat.say(answer)
    assert confirm.startswith(("Enregistrer", "Record")), (answer, confirm)
    chat.say("oui" if not command.startswith("sold") else "yes")
    sale = command.split()[0] in ("vendu", "vente", "sold", "jaay")
    assert quantity(chat.session, sku) == before + (-count if sale else count), answer


def test_a_quantity_typed_with_the_product_fills_a_missing_quantity(chat: Chat) -> None:
    chat.say("vendu sucre")
    assert chat.say("le petit, 3 paquets").startswith(
        "Enregistrer la vente de 3 paquets de Sucre morceaux 1kg ?"
    )


def test_an_answer_that_narrows_asks_among_the_rest(chat: Chat) -> None:
    chat.say("reçu 2 huile")
    narrowed = chat.say("bidon")  # the 5 L and the 20 L cans
    assert narrowed.startswith("Quel produit ?")
    assert len(chat.ids()) == 2
    assert chat.say("le petit").startswith("Enregistrer l'arrivage de 2 bidons d'Huile Jadida 5L")


def test_a_product_not_offered_is_a_new_message_and_the_sale_is_said_dropped(
    chat: Chat,
) -> None:
    chat.say("vendu 5 sucre")
    out = chat.say("stock riz")
    assert out.startswith("La vente de 5 sucre est annulée")  # what was dropped, first
    assert "Riz brisé 50kg : 42 sacs" in out
    assert movements(chat.session, "SUCRE-50")[1:] == []


def test_a_command_word_does_not_pick_a_product_whose_alias_holds_it(chat: Chat) -> None:
    # `Bouillon Jumbo` is also called `stock cube`: `stock chocolat` names no product offered.
    chat.say("vendu 2 mil et 1 savon")  # "Je ne trouve pas « mil »": every product offered
    out = chat.say("stock chocolat")
    assert "Bouillon" not in out and "Je ne trouve pas « chocolat »" in out, out
    assert movements(chat.session, "BOUILLON-JUMBO")[1:] == []


@pytest.mark.parametrize("polite", ["merci", "ok", "👍", "bonjour", "🙏", "thanks", "jërëjëf"])
def test_politeness_while_a_product_is_asked_keeps_the_question(chat: Chat, polite: str) -> None:
    chat.say("vendu 5 sucre")
    out = chat.say(polite)
    assert "Quel produit ?" in out
    assert not out.startswith("Bonjour 👋 Demandez")  # never the greeting menu
    assert chat.say("poudre").startswith("Enregistrer la vente de 5 sacs de Sucre en poudre")


@pytest.mark.parametrize("polite", ["merci", "bonjour", "🙏"])
def test_politeness_while_a_quantity_is_asked_keeps_the_question(chat: Chat, polite: str) -> None:
    chat.say("vente riz")
    assert chat.say(polite).endswith("Riz brisé 50kg : combien de sacs ?")
    assert chat.say("3").startswith("Enregistrer la vente de 3 sacs")


def test_the_quantity_answer_reads_words_and_units(chat: Chat) -> None:
    chat.say("reçu savon")
    assert chat.say("douze cartons").startswith("Enregistrer l'arrivage de 12 cartons")


def test_a_store_asked_keeps_the_message_that_needed_it(chat: Chat) -> None:
    from bot.managers import add_manager
    from bot.products_import import apply_products, parse_products_csv

    apply_products(
        chat.session,
        "dk2",
        parse_products_csv(
            "sku,name,aliases,unit,quantity,threshold\nRIZ-BRISE-50,Riz,riz,sac,5,1\n"
        ),
        settings=chat.settings,
    )
    add_manager(chat.session, chat.manager.phone, "dk2")
    chat.manager.current_store_id = None
    chat.session.add(chat.manager)
    chat.session.commit()
    assert chat.say("vendu 2 riz").startswith("Pour quel magasin ?")
    out = chat.say("demo")
    assert "Enregistrer la vente de 2 sacs de Riz brisé 50kg ?" in out


@pytest.mark.parametrize("no", ["non", "non, plus tard", "no", "deedeet"])
def test_no_to_the_quantity_question_records_nothing_and_says_so(chat: Chat, no: str) -> None:
    chat.say("vendu riz")
    said = chat.say(no)
    assert said in ("D'accord, vente non enregistrée.", "OK, sale not recorded."), said
    assert movements(chat.session, "RIZ-BRISE-50")[1:] == []
    assert chat.say("4").startswith("Je n'ai pas compris")  # the question is over


def test_a_yes_that_answers_nothing_asked_says_how_to_answer_the_second_time(chat: Chat) -> None:
    question = "Riz brisé 50kg : combien de sacs ?"
    chat.say("vendu riz")
    assert chat.say("oui") == question  # a nudge: the question again, as it was
    again = chat.say("ok")
    assert again.startswith("Répondez à la question ci-dessous, ou tapez ANNULER")
    assert again.endswith(question)
    assert chat.say("3").startswith("Enregistrer la vente de 3 sacs")


def test_yes_to_did_you_mean_records_the_command_it_showed(chat: Chat) -> None:
    assert chat.say("vendu 2 savn de marseil").startswith(
        "Vouliez-vous dire « VENTE Savon de Marseille 2 » ?"
    )
    assert chat.say("oui").startswith("✅ Vente enregistrée : 2 cartons de Savon de Marseille")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13


@pytest.mark.parametrize("answer", ["savon de marseille", "le savon de marseille svp"])
def test_the_guess_named_again_is_a_yes(chat: Chat, answer: str) -> None:
    """The product guessed typed right (`bic bleu` under « VENTE Stylo Bic bleu 3 ? ») asked
    the same question again."""
    chat.say("vendu 2 savn de marseil")
    assert chat.say(answer).startswith("✅ Vente enregistrée : 2 cartons de Savon de Marseille")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13


def test_the_guess_named_in_a_question_is_no_yes(chat: Chat) -> None:
    chat.say("vendu 2 savn de marseil")
    shown = chat.say("savon de marseille ?")
    assert not shown.startswith("✅"), shown
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15


def test_another_product_named_under_the_guess_is_asked_again(chat: Chat) -> None:
    chat.say("vendu 2 savn de marseil")
    shown = chat.say("non le sucre")
    assert shown.startswith("Quel produit ?") and "Sucre en poudre" in shown, shown
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15


@pytest.mark.parametrize(
    ("command", "answer", "sku", "count"),
    [
        ("vendu 2 sucre", "vendu 2 le 2e", "SUCRE-MORCEAU", 2),
        ("vendu 2 sucre", "vendu 3 du 2eme", "SUCRE-MORCEAU", 3),
        ("vendu 2 sucre", "vendu 3 le deuxième", "SUCRE-MORCEAU", 3),
        ("vendu 2 sucre", "vendu le 2e", "SUCRE-MORCEAU", 2),
        ("vendu 2 sucre", "3 du 2e", "SUCRE-MORCEAU", 3),
        ("vendu 2 sucre", "vendu 4 le petit", "SUCRE-MORCEAU", 4),
        ("vendu 2 sucre", "le 2e, 3 paquets", "SUCRE-MORCEAU", 3),
        ("vendu 2 sucre", "3 sacs du premier", "SUCRE-50", 3),
        ("vente gaz 2", "vendu 1 le 1er", "GAZ-12", 1),
        ("reçu 4 huile", "reçu 5 le 3e", "HUILE-20L", 5),
        ("sold 2 suukar", "sold 3 of the 2nd", "SUCRE-MORCEAU", 3),
        ("sold 2 oil", "the 3rd", "HUILE-20L", 2),
        ("sold 2 oil", "sold the 3rd", "HUILE-20L", 2),
        ("sold 2 suukar", "sold 3 of the second one", "SUCRE-MORCEAU", 3),
        ("jaay naa 2 suukar", "jaay naa 3 bi gëna tuuti", "SUCRE-MORCEAU", 3),
    ],
)
def test_the_command_said_again_with_a_place_or_size_picks_and_counts(
    chat: Chat, command: str, answer: str, sku: str, count: int
) -> None:
    """`vendu 2 le 2e` at « Quel produit ? »: the 2 of `2e` picks the second, the other number
    is the amount (the sale was dropped: « Je ne trouve pas « e » »)."""
    before = quantity(chat.session, sku)
    chat.say(command)
    confirm = chat.say(answer)
    assert confirm.startswith(("Enregistrer", "Record", "Ndax")), (answer, confirm)
    chat.say("oui")
    sale = not command.startswith("reçu")
    assert quantity(chat.session, sku) == before + (-count if sale else count), (answer, confirm)
