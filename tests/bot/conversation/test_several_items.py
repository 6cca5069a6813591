"""Issue 13 §1: several items in one message: each line with its own quantity, one confirmation,
clarifications one line at a time, recorded all together or not at all."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.db.models import MovementKind, MovementSource, Product
from bot.stock import get_store, record_movement
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, movements, quantity


@pytest.mark.parametrize(
    "typed",
    [
        "vendu 2 savon et 3 café",
        "vendu 2 savon, 3 café",
        "vendu 2 savon + 3 café",
        "jaay naa 2 savon ak 3 kafe",
        "vendu:\n- 2 savon\n- 3 café",
    ],
)
def test_one_confirmation_lists_every_line_then_records_all(chat: Chat, typed: str) -> None:
    out = chat.say(typed)
    assert out.startswith(
        "Enregistrer la vente : 2 cartons de Savon de Marseille, 3 sachets de Café Touba 250g ?"
    ), out
    assert movements(chat.session)[16:] == []
    done = chat.say("oui")
    assert done.startswith("✅ Vente enregistrée :\n• 2 cartons de Savon de Marseille (reste 13")
    assert (quantity(chat.session, "SAVON-MARSEILLE"), quantity(chat.session, "CAFE-TOUBA")) == (
        13,
        27,
    )


def test_a_line_to_clarify_is_asked_alone_and_the_others_wait(chat: Chat) -> None:
    asked = chat.say("vendu 2 sucre et 3 café")
    assert "Ligne 1" in asked and "Quel produit ?" in asked
    confirm = chat.say("le petit")
    assert confirm.startswith(
        "Enregistrer la vente : 2 paquets de Sucre morceaux 1kg, 3 sachets de Café Touba 250g ?"
    )
    chat.say("oui")
    assert quantity(chat.session, "SUCRE-MORCEAU") == 38
    assert quantity(chat.session, "CAFE-TOUBA") == 27


def test_a_missing_quantity_is_asked_for_its_line(chat: Chat) -> None:
    asked = chat.say("reçu riz et 5 savon")
    assert asked == "Ligne 1 (Riz brisé 50kg) : Combien de sacs ?"  # the product named once
    assert chat.say("10").startswith(
        "Enregistrer l'arrivage : 10 sacs de Riz brisé 50kg, 5 cartons"
    )


def test_nothing_is_recorded_if_one_line_fails(chat: Chat) -> None:
    chat.say("vendu 2 savon et 5 riz")
    rice = chat.session.exec(select(Product).where(Product.sku == "RIZ-BRISE-50")).one()
    record_movement(  # sold at the counter meanwhile: only 2 left
        chat.session,
        rice,
        -40,
        MovementKind.SALE,
        MovementSource.API,
        settings=chat.settings,
        now=chat.now,
    )
    chat.session.commit()
    out = chat.say("oui")
    assert out.startswith("Ligne 2 (Riz brisé 50kg) : Il ne reste que 2 sacs"), out
    assert quantity(chat.session, "SAVON-MARSEILLE") == 15  # the soap waits too
    chat.say("2")
    chat.say("oui")
    assert (quantity(chat.session, "SAVON-MARSEILLE"), quantity(chat.session, "RIZ-BRISE-50")) == (
        13,
        0,
    )
    assert balanced(chat.session)


def test_a_correction_names_its_line(chat: Chat) -> None:
    chat.say("vendu 2 savon et 3 café")
    out = chat.say("non, 4 café")
    assert out.startswith(
        "Enregistrer la vente : 2 cartons de Savon de Marseille, 4 sachets de Café Touba 250g ?"
    )


@pytest.mark.parametrize(
    "typed", ["non c'est 5 thé", "non, 5 pour le thé", "le thé c'est 5", "no, 5 the tea"]
)
def test_a_correction_names_its_line_with_a_word_that_is_also_a_function_word(
    chat: Chat, typed: str
) -> None:
    """ "thé" keys as "the", an article elsewhere: it still names the tea line."""
    chat.say("vendu 2 sucre en poudre et 4 thé")
    out = chat.say(typed)
    assert out.startswith(
        "Enregistrer la vente : 2 sacs de Sucre en poudre 50kg, 5 paquets de Thé vert Chinois 25g ?"
    ), out


def test_a_correction_that_names_no_line_asks_which(chat: Chat) -> None:
    chat.say("vendu 2 savon et 3 café")
    assert chat.say("non c'est 5").startswith("Quelle ligne modifier ?")


@pytest.mark.parametrize("typed", ["passer", "enlève-le", "remove it", "dindil"])
def test_an_unknown_line_is_asked_and_can_be_skipped_out_loud(chat: Chat, typed: str) -> None:
    asked = chat.say("vendu 2 savon et 3 zorglub")
    assert "Je ne trouve pas « zorglub »" in asked
    out = chat.say(typed)
    assert "« zorglub » enlevé." in out
    assert "Enregistrer la vente de 2 cartons de Savon de Marseille ?" in out


@pytest.mark.parametrize(
    "typed", ["enlève le café", "sans le café", "retire le cafe stp", "remove the coffee"]
)
def test_a_line_named_at_the_confirmation_is_removed_and_the_rest_recorded(
    chat: Chat, typed: str
) -> None:
    chat.say("vendu 2 savon, 3 riz et 4 café")
    before = movements(chat.session)
    out = chat.say(typed)
    assert out.startswith("« Café Touba 250g » enlevé."), out
    assert (
        "Enregistrer la vente : 2 cartons de Savon de Marseille, 3 sacs de Riz brisé 50kg ?" in out
    )
    assert movements(chat.session) == before  # offered again, not recorded
    assert chat.say("oui").startswith("✅ Vente enregistrée")
    assert quantity(chat.session, "CAFE-TOUBA") == 30
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13


@pytest.mark.parametrize("typed", ["enlève le sucre en poudre", "enlève le thé"])
def test_removing_a_product_that_is_not_a_line_changes_nothing(chat: Chat, typed: str) -> None:
    """Not a new question about that product dropping the sale (`thé` keys as the English
    article `the`: it still names the tea)."""
    asked = chat.say("vendu 2 savon et 3 café")
    out = chat.say(typed)
    assert out.startswith("« ") and "» n'est pas dans cette liste : rien n'est enlevé.\n" in out
    assert asked in out  # the same confirmation, the sale kept
    assert chat.say("oui").startswith("✅ Vente enregistrée")


def _add(chat: Chat, sku: str, name: str) -> None:
    store = get_store(chat.session, "demo")
    chat.session.add(Product(store_id=store.id, sku=sku, name=name, unit="pack", quantity=50))
    chat.session.commit()


@pytest.mark.parametrize("typed", ["eau sans gaz 4", "non c'est 4 eau sans gaz"])
def test_a_name_holding_sans_is_corrected_not_removed(chat: Chat, typed: str) -> None:
    _add(chat, "EAU-PLATE", "Eau minérale sans gaz 1.5L")
    chat.say("vendu 2 eau sans gaz et 3 savon")
    out = chat.say(typed)
    assert "enlevé" not in out
    assert "4 packs d'Eau minérale sans gaz 1.5L, 3 cartons de Savon de Marseille ?" in out, out


def test_yes_without_a_problem_is_a_yes(chat: Chat) -> None:
    chat.say("vendu 2 savon et 3 café")
    assert chat.say("oui sans problème").startswith("✅ Vente enregistrée")


def test_stock_of_two_products_in_one_message(chat: Chat) -> None:
    chat.say("stock riz et savon")
    assert len(chat.last) == 1
    assert "Riz brisé 50kg : 42 sacs" in chat.last[0].body  # type: ignore[union-attr]
    assert "Savon de Marseille : 15 cartons" in chat.last[0].body  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("lang", "command", "fix", "typed", "kept"),
    [
        ("fr", "vendu 2 savon et 3 café", None, "oui", "Rien à modifier."),
        ("fr", "vendu 2 savon et 3 café", None, "non", "Rien à modifier."),
        ("fr", "vendu 2 savon et 3 café", None, "rien", "Rien à modifier."),
        ("fr", "vendu 2 savon et 3 café", None, "non rien a modifier", "Rien à modifier."),
        ("fr", "vendu 2 savon et 3 café", None, "c'est bon", "Rien à modifier."),
        ("fr", "vendu 2 savon et 3 café", None, "laisse comme ça", "Rien à modifier."),
        ("fr", "vendu 2 savon et 3 café", "non c'est 5", "non", "Rien à modifier."),
        ("en", "sold 2 soap and 3 coffee", None, "yes", "Nothing to change."),
        ("en", "sold 2 soap and 3 coffee", None, "none", "Nothing to change."),
        ("en", "sold 2 soap and 3 coffee", None, "keep it as is", "Nothing to change."),
        ("wo", "jaay naa 2 saabu ak 3 kafe", None, "dara", "Dara soppiwul."),
    ],
)
def test_nothing_to_change_at_which_line_offers_the_sale_as_it_is(
    chat: Chat, lang: str, command: str, fix: str | None, typed: str, kept: str
) -> None:
    """`oui` at « Quelle ligne modifier ? » only asked it again, `non` was not understood: the
    sale is offered again as it is, and its yes records it."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    chat.say(command)
    asked = chat.say(fix) if fix else chat.tap(chat.button("edit"))
    assert chat.ids() and all(":line:" in i or i.startswith("line:") for i in chat.ids()), asked
    out = chat.say(typed)
    assert out.startswith(kept + "\n"), out
    chat.tap(chat.button("yes"))
    assert quantity(chat.session, "SAVON-MARSEILLE") == 13
    assert quantity(chat.session, "CAFE-TOUBA") == 27


@pytest.mark.parametrize("typed", ["les deux", "tous les deux", "les 2", "tout"])
def test_every_line_at_which_line_is_asked_one_at_a_time(chat: Chat, typed: str) -> None:
    """`les deux` at « Quelle ligne modifier ? » was « C'est noté : 2. », a quantity of 2."""
    chat.say("vendu 2 savon et 3 café")
    chat.tap(chat.button("edit"))
    out = chat.say(typed)
    assert out.startswith("Une ligne à la fois : laquelle d'abord ?\nQuelle ligne modifier ?"), out
    assert "noté" not in out, out


@pytest.mark.parametrize(
    "typed", ["combien il reste de cafe et de the", "il reste combien de café et du the ?"]
)
def test_the_after_de_in_french_is_the_tea(chat: Chat, typed: str) -> None:
    """`the` after `de`/`du` in a French sentence is thé, not the English article (only the
    coffee was answered)."""
    out = chat.say(typed)
    assert "Café Touba 250g : 30 sachets" in out and "Thé vert Chinois 25g : 50 paquets" in out
