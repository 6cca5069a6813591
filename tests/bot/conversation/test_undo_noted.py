"""Taking back a move whose note says what it was (a loss, a return to the supplier, a customer
return: `state.effects.NOTES`) says it for what it was. Before, « annule » right after a loss
asked « Annuler l'inventaire de Farine … ? » (a count), after a customer return « Annuler
l'arrivage … ? », and the history then read « inventaire +2 » under « perte -2 »: the
reversal did not carry the kind it took back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select

from bot.db.models import Product, StockMovement
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, quantity

RECENT_PAST = timedelta(minutes=30)  # past `state.flows.undo.RECENT`: not just recorded
# case: (lang, recorded, yes, undo, question, done)
CASES = {
    "fr-loss": (
        "fr",
        "j'ai perdu 2 sacs de farine",
        "oui",
        "annule",
        "Annuler la perte de 2 sacs de Farine de blé 50kg (",
        "✅ Perte annulée : 2 sacs de Farine de blé 50kg de retour en stock. Stock : 7 sacs.",
    ),
    "fr-supplier": (
        "fr",
        "retour fournisseur 1 sac farine",
        "oui",
        "annule",
        "Annuler le retour au fournisseur de 1 sac de Farine de blé 50kg (",
        "✅ Retour fournisseur annulé : 1 sac de Farine de blé 50kg de retour en stock. "
        "Stock : 7 sacs.",
    ),
    "fr-return": (
        "fr",
        "un client a ramené 2 savon",
        "oui",
        "annule",
        "Annuler le retour client de 2 cartons de Savon de Marseille (",
        "✅ Retour client annulé : 2 cartons de Savon de Marseille en moins dans le stock. "
        "Stock : 15 cartons.",
    ),
    "en-loss": (
        "en",
        "lost 2 bags of flour",
        "yes",
        "cancel",
        "Cancel the loss of 2 bags of Farine de blé 50kg (",
        "✅ Loss cancelled: 2 bags of Farine de blé 50kg back in stock. Stock: 7 bags.",
    ),
    "en-supplier": (
        "en",
        "returned 1 bag of flour to the supplier",
        "yes",
        "cancel",
        "Cancel the return to the supplier of 1 bag of Farine de blé 50kg (",
        "✅ Return to the supplier cancelled: 1 bag of Farine de blé 50kg back in stock. "
        "Stock: 7 bags.",
    ),
    "en-return": (
        "en",
        "a customer brought back 2 soap",
        "yes",
        "cancel",
        "Cancel the customer return of 2 cartons of Savon de Marseille (",
        "✅ Customer return cancelled: 2 cartons of Savon de Marseille taken out. "
        "Stock: 15 cartons.",
    ),
    "wo-loss": (
        "wo",
        "2 saabu yaxu na",
        "waaw",
        "bàyyi",
        "Ndax ma neenal perte bu 2 carton Savon de Marseille (",
        "✅ Neenal naa perte bi : 2 carton Savon de Marseille dellu na ci stock bi. "
        "Stock : 15 carton.",
    ),
    "wo-return": (
        "wo",
        "kiliyaan bi delloo na 2 saabu",
        "waaw",
        "bàyyi",
        "Ndax ma neenal li kiliyaan bi delloo : 2 carton Savon de Marseille (",
        "✅ Neenal naa li kiliyaan bi delloo : 2 carton Savon de Marseille génn na. "
        "Stock : 15 carton.",
    ),
}


def speaks(chat: Chat, lang: str) -> None:
    chat.manager.language = lang
    chat.session.add(chat.manager)
    chat.session.commit()


def last_move(chat: Chat, sku: str) -> tuple[str, int, str]:
    """(kind, delta, note) of the product's latest movement."""
    kind, delta, note = chat.session.exec(
        select(StockMovement.kind, StockMovement.delta, StockMovement.note)
        .join(Product, col(Product.id) == col(StockMovement.product_id))
        .where(Product.sku == sku)
        .order_by(col(StockMovement.id).desc())
    ).first() or ("", 0, "")
    return kind, delta, note


@pytest.mark.parametrize("case", list(CASES))
def test_the_undo_says_what_the_move_was(chat: Chat, case: str) -> None:
    lang, recorded, yes, undo, question, done = CASES[case]
    speaks(chat, lang)
    chat.say(recorded)
    assert "✅" in chat.say(yes)
    out = chat.say(undo)
    assert out.startswith(question), out
    assert chat.say(yes) == done
    assert balanced(chat.session)


@pytest.mark.parametrize(
    ("recorded", "undo"),
    [
        ("j'ai perdu 2 sacs de farine", "annule la perte"),
        ("j'ai perdu 2 sacs de farine", "annule la farine"),
        ("j'ai perdu 2 sacs de farine", "annule mon dernier inventaire"),
    ],
)
def test_a_loss_named_or_not_is_said_a_loss(chat: Chat, recorded: str, undo: str) -> None:
    chat.say(recorded)
    chat.say("oui")
    out = chat.say(undo)
    assert out.startswith("Annuler la perte de 2 sacs de Farine de blé 50kg ("), out


def test_a_loss_long_ago_is_still_said_a_loss(chat: Chat) -> None:
    """Not just recorded (no « annule » right after): the movement found says it."""
    chat.say("j'ai perdu 2 sacs de farine")
    chat.say("oui")
    chat.now += RECENT_PAST
    out = chat.say("annule mon dernier inventaire")
    assert out.startswith("Annuler la perte de 2 sacs de Farine de blé 50kg ("), out


@pytest.mark.parametrize(
    ("lang", "undo", "question"),
    [
        ("fr", "annule la perte", "Annuler la perte de 2 sacs de Farine de blé 50kg ("),
        ("fr", "supprime la perte de tout a l heure", "Annuler la perte de 2 sacs de Farine"),
        ("en", "cancel the loss", "Cancel the loss of 2 bags of Farine de blé 50kg ("),
    ],
)
def test_a_loss_named_long_after_is_found_past_a_later_sale_and_count(
    chat: Chat, lang: str, undo: str, question: str
) -> None:
    """Asked for by its name (« la perte ») once no longer just recorded, after a sale and a
    count of other goods: the loss is found, not the latest movement nor « Rien à annuler »."""
    speaks(chat, lang)
    english = lang == "en"
    yes = "yes" if english else "oui"
    chat.say("I lost 2 bags of flour" if english else "j'ai perdu 2 sacs de farine")
    chat.say(yes)
    chat.now += RECENT_PAST
    chat.say("sold 1 soap" if english else "vendu 1 savon")
    chat.say(yes)
    chat.say("count sugar powder 12" if english else "inventaire sucre en poudre 12")
    chat.say(yes)
    chat.now += RECENT_PAST
    out = chat.say(undo)
    assert out.startswith(question), out
    assert "✅" in chat.say(yes)
    assert balanced(chat.session)


def test_no_loss_to_take_back_is_said_so(chat: Chat) -> None:
    chat.say("vendu 1 savon")
    chat.say("oui")
    chat.now += RECENT_PAST
    assert chat.say("annule la perte") == (
        "Je ne trouve pas de perte à annuler dans les dernières 24 heures."
    )
    assert "Annuler la vente de 1 carton" in chat.say("annule la vente")


@pytest.mark.parametrize(
    ("recorded", "sku", "note"),
    [
        ("j'ai perdu 2 sacs de farine", "FARINE-50", "perte"),
        ("retour fournisseur 1 sac farine", "FARINE-50", "retour fournisseur"),
        ("un client a ramené 2 savon", "SAVON-MARSEILLE", "retour client"),
    ],
)
def test_the_reversal_is_noted_as_the_kind_it_takes_back(
    chat: Chat, recorded: str, sku: str, note: str
) -> None:
    """The back office and the API show the note: the reversal names what it took back."""
    chat.say(recorded)
    chat.say("oui")
    kind, delta, _ = last_move(chat, sku)
    chat.say("annule")
    chat.say("oui")
    undone_kind, undone_delta, undone_note = last_move(chat, sku)
    assert (undone_kind, undone_delta) == (kind, -delta)
    assert undone_note.startswith("annule ") and undone_note.endswith(f" ({note})"), undone_note


@pytest.mark.parametrize(
    ("lang", "said", "yes", "undo", "history", "shown"),
    [
        (
            "fr",
            ["j'ai perdu 2 sacs de farine", "un client a ramené 1 sac de farine"],
            "oui",
            "annule",
            "historique farine",
            ["retour client annulé -1", "retour client +1", "perte annulée +2", "perte -2"],
        ),
        (
            "en",
            ["lost 2 bags of flour", "a customer brought back 1 bag of flour"],
            "yes",
            "cancel",
            "history flour",
            [
                "customer return cancelled -1",
                "customer return +1",
                "loss cancelled +2",
                "loss -2",
            ],
        ),
    ],
)
def test_the_history_shows_the_reversal_as_the_kind_cancelled(
    chat: Chat,
    lang: str,
    said: list[str],
    yes: str,
    undo: str,
    history: str,
    shown: list[str],
) -> None:
    speaks(chat, lang)
    for typed in said:
        chat.say(typed)
        chat.say(yes)
        chat.say(undo)
        chat.say(yes)
    out = chat.say(history)
    lines = [line for line in out.splitlines() if line.startswith("•")]
    assert [line.split(" ", 3)[3].split(" →")[0] for line in lines[:4]] == shown, out


def test_a_plain_sale_undone_reads_as_before(chat: Chat) -> None:
    chat.say("vendu 2 sacs de farine")
    chat.say("oui")
    chat.say("annule")
    chat.say("oui")
    assert last_move(chat, "FARINE-50")[2].startswith("annule 2 du mouvement ")
    assert not last_move(chat, "FARINE-50")[2].endswith(")")
    out = chat.say("historique farine")
    assert "vente +2" in out and "vente -2" in out, out


def test_a_customer_return_corrected_is_a_customer_return(chat: Chat) -> None:
    """« non c'est 3 » right after a customer return of 2: the question, its answer and the
    difference recorded are a customer return's (they read « arrivage »)."""
    chat.say("un client a ramené 2 savon")
    chat.say("oui")
    out = chat.say("non c'est 3")
    assert (
        out.startswith("Corriger le retour client de 2 cartons de Savon de Marseille (")
        and "en 3 cartons ?" in out
    ), out
    assert chat.say("oui") == (
        "✅ Retour client corrigé : 3 cartons de Savon de Marseille. Stock : 18 cartons."
    )
    assert last_move(chat, "SAVON-MARSEILLE") == ("receipt", 1, "retour client")
    out = chat.say("non c'est 1")
    assert out.startswith("Corriger le retour client de 3 cartons"), out
    assert chat.say("oui").startswith("✅ Retour client corrigé : 1 carton")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 16
    assert last_move(chat, "SAVON-MARSEILLE")[2].endswith(" (retour client)")


def test_a_customer_return_of_several_lines_is_taken_back_whole(chat: Chat) -> None:
    chat.say("un client a ramené 2 savon et 1 sac de farine")
    chat.say("oui")
    out = chat.say("annule")
    assert out.startswith("Annuler tout le retour client de "), out
    assert "2 cartons de Savon de Marseille, 1 sac de Farine de blé 50kg ?" in out, out
    assert chat.say("oui").startswith("✅ Retour client annulé, en moins dans le stock :\n• ")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15
    assert quantity(chat.session, "FARINE-50") == 7


def test_a_customer_return_of_the_wrong_product_is_swapped_for_a_return(chat: Chat) -> None:
    """« c'était 2 riz pas savon » right after a customer return of soap: the rice came back
    from a customer, not from a delivery (it read « arrivage » and recorded one)."""
    chat.say("un client a ramené 2 savon")
    chat.say("oui")
    out = chat.say("erreur c'était 2 riz pas savon")
    assert out.startswith(
        "Corriger : retour client de 2 sacs de Riz brisé 50kg au lieu de 2 cartons de Savon"
    ), out
    assert chat.say("oui") == (
        "✅ Retour client corrigé : 2 sacs de Riz brisé 50kg au lieu de 2 cartons de Savon de "
        "Marseille. Stock : 44 sacs."
    )
    assert last_move(chat, "RIZ-BRISE-50") == ("receipt", 2, "retour client")
    assert last_move(chat, "SAVON-MARSEILLE")[2].endswith(" (retour client)")
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15


def test_a_loss_named_is_found_past_many_later_counts(chat: Chat) -> None:
    """A count of the whole shop after a loss (more counts than the movements looked at for a
    bare « annule »): « annule la perte » still finds the loss (it said none)."""
    chat.say("j'ai perdu 2 sacs de farine")
    chat.say("oui")
    for counted in range(30, 52):
        chat.say(f"inventaire riz brisé {counted}")
        assert "✅" in chat.say("oui")
    chat.now += RECENT_PAST
    out = chat.say("annule la perte")
    assert out.startswith("Annuler la perte de 2 sacs de Farine de blé 50kg ("), out


def test_the_loss_asked_for_under_a_counts_question_is_the_loss(chat: Chat) -> None:
    """`annule la perte` under « Annuler l'inventaire … ? »: that question left, the loss asked
    (it asked about the count again: a yes then undid the count)."""
    chat.say("j'ai perdu 2 sacs de farine")
    chat.say("oui")
    chat.say("inventaire riz brisé 30")
    chat.say("oui")
    chat.now += RECENT_PAST
    assert chat.say("annule l'inventaire").startswith("Annuler l'inventaire de Riz brisé")
    out = chat.say("annule la perte")
    assert "Annuler la perte de 2 sacs de Farine de blé 50kg (" in out, out
    assert chat.say("annule la perte").startswith("Annuler la perte de 2 sacs de Farine")
