"""A sale or an arrival recorded for the wrong product, corrected after the fact (`erreur c'est
le sucre morceaux`, `pardon c'était du gaz 12 pas 6`): one confirmation, then the movement taken
back and the right product recorded in its place."""

from __future__ import annotations

import pytest

from bot.db.models import MovementKind, MovementSource, Product
from bot.stock import get_product, get_store, record_movement
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, quantity


def _sell(chat: Chat, text: str, yes: str = "oui") -> None:
    chat.say(text)
    assert chat.say(yes).startswith("✅")


@pytest.mark.parametrize(
    "typed",
    [
        "non c'était le sucre morceaux",
        "erreur c'est le sucre morceaux pas le sucre en poudre",
        "je me suis trompé c'était sucre morceaux",
    ],
)
def test_the_product_named_replaces_the_one_recorded(chat: Chat, typed: str) -> None:
    _sell(chat, "vendu 2 sucre en poudre")
    powder, lumps = quantity(chat.session, "SUCRE-50"), quantity(chat.session, "SUCRE-MORCEAU")
    shown = chat.say(typed)
    assert shown.startswith(
        "Corriger : vente de 2 paquets de Sucre morceaux 1kg au lieu de 2 sacs de Sucre en poudre"
    ), shown
    done = chat.say("oui")
    assert done.startswith("✅ Vente corrigée : 2 paquets de Sucre morceaux 1kg au lieu de"), done
    assert quantity(chat.session, "SUCRE-50") == powder + 2
    assert quantity(chat.session, "SUCRE-MORCEAU") == lumps - 2
    assert balanced(chat.session)


def test_a_number_of_the_name_is_the_product_not_the_quantity(chat: Chat) -> None:
    _sell(chat, "vendu 2 gaz 6")
    small, big = quantity(chat.session, "GAZ-6"), quantity(chat.session, "GAZ-12")
    shown = chat.say("pardon c'etait du gaz 12 pas 6")
    assert shown.startswith("Corriger : vente de 2 bouteilles de gaz 12kg au lieu de 2"), shown
    chat.say("oui")
    assert quantity(chat.session, "GAZ-6") == small + 2
    assert quantity(chat.session, "GAZ-12") == big - 2


def test_a_size_names_the_product(chat: Chat) -> None:
    _sell(chat, "vendu 2 huile 1l")
    shown = chat.say("je me suis trompé c'était huile 5L")
    assert shown.startswith("Corriger : vente de 2 bidons d'Huile Jadida 5L au lieu de"), shown


def test_a_quantity_said_with_the_product_is_recorded(chat: Chat) -> None:
    _sell(chat, "vendu 2 sucre en poudre")
    shown = chat.say("je me suis trompé c'était 3 sucre morceaux")
    assert shown.startswith("Corriger : vente de 3 paquets de Sucre morceaux 1kg au lieu de 2"), (
        shown
    )


def test_an_arrival(chat: Chat) -> None:
    _sell(chat, "reçu 5 sucre en poudre")
    lumps = quantity(chat.session, "SUCRE-MORCEAU")
    shown = chat.say("erreur c'était le sucre morceaux")
    assert shown.startswith("Corriger : arrivage de 5 paquets de Sucre morceaux 1kg"), shown
    chat.say("oui")
    assert quantity(chat.session, "SUCRE-MORCEAU") == lumps + 5


def test_in_english(chat: Chat) -> None:
    chat.say("english")
    _sell(chat, "sold 2 sucre en poudre", "yes")
    shown = chat.say("my mistake it was sucre morceaux not sucre en poudre")
    assert shown.startswith("Correct: a sale of 2 packets of Sucre morceaux 1kg instead of"), shown
    assert chat.say("yes").startswith("✅ Sale corrected: 2 packets of Sucre morceaux 1kg")


def test_no_keeps_what_was_recorded(chat: Chat) -> None:
    _sell(chat, "vendu 2 sucre en poudre")
    powder = quantity(chat.session, "SUCRE-50")
    chat.say("non c'était le sucre morceaux")
    assert chat.say("non") == "D'accord, rien n'est annulé."
    assert quantity(chat.session, "SUCRE-50") == powder


def test_too_little_stock_of_the_product_named_changes_nothing(chat: Chat) -> None:
    _sell(chat, "vendu 3 gaz 6")
    small = quantity(chat.session, "GAZ-6")
    big = quantity(chat.session, "GAZ-12")
    assert big < 3
    shown = chat.say("pardon c'etait du gaz 12")
    assert shown.startswith("Impossible : il ne reste que"), shown
    assert quantity(chat.session, "GAZ-6") == small


def test_the_same_product_named_with_a_quantity_still_corrects_the_quantity(chat: Chat) -> None:
    _sell(chat, "vendu 5 riz")
    shown = chat.say("je me suis trompé, c'était 3 riz pas 5")
    assert "en 3 sacs ?" in shown, shown


def test_the_right_product_sold_out_meanwhile_changes_nothing(chat: Chat) -> None:
    """The right product is recorded before the wrong sale is taken back: when another
    manager sold it out between the question and the yes, the wrong sale stays, untouched,
    and the manager is told why (the ledger never shows the sale undone and not replaced)."""
    _sell(chat, "vendu 2 sucre en poudre")
    powder, lumps = quantity(chat.session, "SUCRE-50"), quantity(chat.session, "SUCRE-MORCEAU")
    assert chat.say("erreur c'était le sucre morceaux").startswith("Corriger : vente de 2")
    lumps_product = get_product(chat.session, get_store(chat.session, "demo"), "SUCRE-MORCEAU")
    record_movement(
        chat.session,
        lumps_product,
        -(lumps - 1),
        MovementKind.SALE,
        MovementSource.WHATSAPP,
        settings=chat.settings,
    )
    chat.session.commit()
    done = chat.say("oui")
    assert "Riz" not in done and "corrigée" not in done, done
    assert "il ne reste que 1" in done.lower(), done
    assert "Rien n'est corrigé" in done, done  # in the words of the question's own refusal
    assert quantity(chat.session, "SUCRE-50") == powder  # the wrong sale still stands
    assert quantity(chat.session, "SUCRE-MORCEAU") == 1
    assert balanced(chat.session)


@pytest.mark.parametrize(
    ("language", "yes", "sold", "swap", "fix"),
    [
        (
            "fr",
            "oui",
            "vendu 3 sucre en poudre",
            "erreur c'est sucre morceaux pas poudre",
            "non c'est 4",
        ),
        ("fr", "oui", "vendu 3 sucre en poudre", "non c'était le sucre morceaux", "en fait 4"),
        ("en", "yes", "sold 3 sucre en poudre", "my mistake it was sucre morceaux", "actually 4"),
    ],
)
def test_a_correction_after_a_swap_is_of_the_product_put_in_its_place(
    chat: Chat, language: str, yes: str, sold: str, swap: str, fix: str
) -> None:
    """The movement a `non c'est 4` refers to is the one the manager last saw confirmed: after
    a swap, the right product's (it said "Il n'y a pas de question en cours")."""
    if language == "en":
        chat.say("english")
    powder, lumps = quantity(chat.session, "SUCRE-50"), quantity(chat.session, "SUCRE-MORCEAU")
    _sell(chat, sold, yes)
    chat.say(swap)
    assert chat.say(yes).startswith("✅")
    shown = chat.say(fix)
    assert "Sucre morceaux 1kg" in shown and "Sucre en poudre" not in shown, shown
    assert chat.say(yes).startswith("✅"), shown
    assert quantity(chat.session, "SUCRE-MORCEAU") == lumps - 4
    assert quantity(chat.session, "SUCRE-50") == powder
    assert balanced(chat.session)


def test_an_undo_after_a_swap_takes_back_the_product_put_in_its_place(chat: Chat) -> None:
    powder, lumps = quantity(chat.session, "SUCRE-50"), quantity(chat.session, "SUCRE-MORCEAU")
    _sell(chat, "reçu 5 sucre en poudre")
    chat.say("erreur c'était le sucre morceaux")
    chat.say("oui")
    shown = chat.say("non c'est 7")
    assert shown.startswith("Corriger l'arrivage de 5 paquets de Sucre morceaux 1kg"), shown
    chat.say("oui")
    assert quantity(chat.session, "SUCRE-MORCEAU") == lumps + 7
    assert chat.say("annule").startswith("Annuler l'arrivage de 7 paquets de Sucre morceaux")
    chat.say("oui")
    assert quantity(chat.session, "SUCRE-MORCEAU") == lumps
    assert quantity(chat.session, "SUCRE-50") == powder
    assert balanced(chat.session)


def test_corrections_in_a_row_are_of_the_quantity_last_confirmed(chat: Chat) -> None:
    """3 sold, `non c'est 5` (2 more recorded), then `non c'est 6`: 6 in all (it corrected the
    2 of the difference to 6: 9 sold), and `annule` takes back all of it."""
    before = quantity(chat.session, "SUCRE-50")
    _sell(chat, "vendu 3 sucre en poudre")
    for fixed in (5, 6, 2, 4):
        shown = chat.say(f"non c'est {fixed}")
        assert "Sucre en poudre 50kg" in shown and f"en {fixed} sacs" in shown, shown
        assert chat.say("oui").startswith(f"✅ Vente corrigée : {fixed} sacs"), fixed
        assert quantity(chat.session, "SUCRE-50") == before - fixed
    shown = chat.say("annule")
    assert shown.startswith("Annuler la vente de 4 sacs de Sucre en poudre 50kg"), shown
    assert chat.say("oui").startswith("✅ Vente annulée : 4 sacs")
    assert quantity(chat.session, "SUCRE-50") == before
    assert balanced(chat.session)


def _sell_elsewhere(chat: Chat, sku: str, units: int) -> None:
    """Another manager's sale (between two messages of this one)."""
    product = get_product(chat.session, get_store(chat.session, "demo"), sku)
    record_movement(
        chat.session,
        product,
        -units,
        MovementKind.SALE,
        MovementSource.WHATSAPP,
        settings=chat.settings,
    )
    chat.session.commit()


@pytest.mark.parametrize(
    ("language", "received", "swap", "said"),
    [
        ("fr", "reçu 10 riz", "non c'était du sucre en poudre", "Impossible : l'arrivage de 10"),
        ("en", "received 10 riz", "my mistake it was sucre en poudre", "Not possible: the"),
        ("wo", "agsi na 10 riz", "deedeet sucre en poudre la woon", "Mënuma koo def"),
    ],
)
def test_an_arrival_sold_since_is_not_swapped(
    chat: Chat, language: str, received: str, swap: str, said: str
) -> None:
    """The wrong arrival's units were sold since: it cannot be taken back, so nothing changes
    (the right product is not recorded either) and the manager is told why."""
    if language != "fr":
        chat.say({"en": "english", "wo": "wolof"}[language])
    rice, sugar = quantity(chat.session, "RIZ-BRISE-50"), quantity(chat.session, "SUCRE-50")
    chat.say(received)
    assert chat.say({"fr": "oui", "en": "yes", "wo": "waaw"}[language]).startswith("✅")
    _sell_elsewhere(chat, "RIZ-BRISE-50", rice + 5)
    shown = chat.say(swap)
    assert shown.startswith(said), shown
    assert "Sucre" not in shown, shown
    assert quantity(chat.session, "RIZ-BRISE-50") == 5
    assert quantity(chat.session, "SUCRE-50") == sugar
    assert balanced(chat.session)


def test_an_arrival_sold_between_the_question_and_the_yes_changes_nothing(chat: Chat) -> None:
    """The wrong arrival is taken back first (what may be refused), then the right one
    recorded: refused, nothing has changed, and the manager is told why."""
    rice, sugar = quantity(chat.session, "RIZ-BRISE-50"), quantity(chat.session, "SUCRE-50")
    _sell(chat, "reçu 10 riz")
    assert chat.say("non c'était du sucre en poudre").startswith("Corriger : arrivage de 10")
    _sell_elsewhere(chat, "RIZ-BRISE-50", rice + 4)
    done = chat.say("oui")
    assert done.startswith("Impossible : l'arrivage de 10 sacs de Riz brisé 50kg"), done
    assert "il n'en reste que 6 sacs" in done and "Rien n'est corrigé" in done, done
    assert quantity(chat.session, "RIZ-BRISE-50") == 6
    assert quantity(chat.session, "SUCRE-50") == sugar
    assert balanced(chat.session)


def test_bare_numbers_of_sibling_names_are_the_products_not_the_quantity(chat: Chat) -> None:
    """`erreur c'est le 32 pas le 40` after 5 of Disjoncteur 20: siblings named by bare numbers
    (16, 20, 32), the sale 5: both numbers name products, the quantity stays."""
    store = get_store(chat.session, "demo")
    for size in (16, 20, 32):
        chat.session.add(
            Product(
                store_id=store.id,
                sku=f"DISJ-{size}",
                name=f"Disjoncteur {size}",
                aliases=["disjoncteur", f"disjoncteur {size}"],
                unit="pièce",
                quantity=20,
            )
        )
    chat.session.commit()
    _sell(chat, "vendu 5 disjoncteur 20")
    shown = chat.say("erreur c'est le 32 pas le 20")
    assert shown.startswith("Corriger : vente de 5 pièces de Disjoncteur 32 au lieu de 5"), shown
    chat.say("oui")
    assert quantity(chat.session, "DISJ-20") == 20
    assert quantity(chat.session, "DISJ-32") == 15
