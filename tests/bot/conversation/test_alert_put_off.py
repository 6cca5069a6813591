"""A low-stock push put off in words managers use (`pas pour l'instant`, `laisse pour le
moment`, `attend un peu je vais voir`, `plutard`, `je verrai`): it was « Je n'ai pas compris
votre réponse » with the push again, and `je verrai` offered the stock of the green tea
(`verrai` read as `vert`)."""

from __future__ import annotations

import pytest

from bot.alerts import pushes_after
from bot.db.models import OrderStatus
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders


@pytest.mark.parametrize(
    "typed",
    [
        "pas pour l'instant",
        "laisse pour le moment",
        "attend un peu je vais voir",
        "plutard",
        "je verrai",
    ],
)
def test_a_push_put_off_is_later(chat: Chat, typed: str) -> None:
    chat.say("vendu 33 riz")
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        assert "Vente enregistrée" in chat.say("oui")  # 9 sacs left: the alert is pushed
    out = chat.say(typed)
    assert out.startswith("D'accord.") and "Riz brisé 50kg" in out, out
    assert not [o for o in orders(chat.session) if o.status == OrderStatus.CONFIRMED]


def _order_asked(chat: Chat) -> None:
    chat.say("vendu 33 riz")
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        chat.say("oui")
    assert chat.say("oui").startswith("Commander 20 sacs de Riz brisé 50kg ?")  # the push's


@pytest.mark.parametrize(
    "typed", ["plus tard", "pas maintenant", "non plus tard", "pas pour l'instant", "not now"]
)
def test_the_order_a_push_opened_put_off_is_postponed(chat: Chat, typed: str) -> None:
    """It was « D'accord, prenez votre temps » with the order asked again, as for a wait."""
    _order_asked(chat)
    out = chat.say(typed)
    assert out.startswith("D'accord. Riz brisé 50kg : 9 sacs") and "rappellerai" in out, out
    assert chat.say("oui").startswith("Il n'y a pas de question en cours")
    assert not orders(chat.session)


@pytest.mark.parametrize("typed", ["attends", "attends je vérifie", "wait a bit"])
def test_a_wait_under_that_order_keeps_it_asked(chat: Chat, typed: str) -> None:
    _order_asked(chat)
    assert chat.say(typed).startswith("D'accord, prenez votre temps")
    assert "Commande n°1 confirmée" in chat.say("oui")


def test_a_put_off_under_a_sale_still_waits(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    assert chat.say("pas pour l'instant").startswith("D'accord, prenez votre temps")


@pytest.mark.parametrize("typed", ["xaaral", "hold on", "une minute"])
def test_a_wait_under_the_push_is_its_later(chat: Chat, typed: str) -> None:
    """The push offers [Plus tard]: a wait in other words (Wolof `xaaral`, `hold on`) is that
    answer, as `attends` is; it was « Je n'ai pas compris votre réponse » and the push again."""
    chat.say("vendu 33 riz")
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        chat.say("oui")
    out = chat.say(typed)
    assert out.startswith("D'accord. Riz brisé 50kg : 9 sacs") and "rappellerai" in out, out


def test_a_wait_under_a_summary_push_puts_all_off(chat: Chat) -> None:
    chat.say("vendu 33 riz brisé et 10 savon")
    with pushes_after(chat.session, settings=chat.settings, now=chat.now):
        chat.say("oui")  # two alerts: one summary pushed
    assert chat.say("xaaral").startswith("D'accord, je vous les rappellerai")
