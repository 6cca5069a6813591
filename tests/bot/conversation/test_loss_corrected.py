"""A loss corrected once recorded: `non c'est 3` right after « Perte enregistrée : 2 sacs » is
3 lost (stock 7 → 4); it was read as a count of 3, recorded as « Inventaire : 3 sacs (−2) »."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import balanced, quantity

FLOUR = "FARINE-50"


@pytest.mark.parametrize(
    ("lang", "loss", "fix", "asked", "yes", "done"),
    [
        (
            "fr",
            "j'ai perdu 2 sacs de farine",
            "non c'est 3",
            "Corriger la perte : 3 sacs de Farine de blé 50kg au lieu de 2 (stock 7 → 4 sacs) ?",
            "oui",
            "✅ Perte corrigée : 3 sacs de Farine de blé 50kg. Reste : 4 sacs.",
        ),
        (
            "fr",
            "2 sacs de farine abîmés",
            "je me suis trompé, c'était 3 pas 2",
            "Corriger la perte : 3 sacs",
            "oui",
            "Perte corrigée",
        ),
        (
            "en",
            "2 bags of flour were stolen",
            "no, 3",
            "Correct the loss: 3 bags of Farine de blé 50kg instead of 2 (stock 7 → 4 bags)?",
            "yes",
            "✅ Loss corrected: 3 bags of Farine de blé 50kg. Left: 4 bags.",
        ),
    ],
)
def test_a_loss_corrected_right_after_is_the_amount_lost(
    chat: Chat, lang: str, loss: str, fix: str, asked: str, yes: str, done: str
) -> None:
    if lang == "en":
        chat.say("english")
    chat.say(loss)
    chat.tap(chat.button("yes"))
    assert quantity(chat.session, FLOUR) == 5
    out = chat.say(fix)
    assert out.startswith(asked), out
    assert done in chat.say(yes)
    assert quantity(chat.session, FLOUR) == 4
    assert balanced(chat.session)


def test_a_loss_corrected_twice_keeps_the_stock_before_it(chat: Chat) -> None:
    chat.say("j'ai perdu 2 sacs de farine")
    chat.tap(chat.button("yes"))
    chat.say("non c'est 3")
    chat.say("oui")
    assert "au lieu de 3 (stock 7 → 6 sacs)" in chat.say("en fait c'était 1")
    chat.say("oui")
    assert quantity(chat.session, FLOUR) == 6


def test_a_loss_corrected_above_the_stock_before_it_is_refused(chat: Chat) -> None:
    chat.say("j'ai perdu 2 sacs de farine")
    chat.tap(chat.button("yes"))
    out = chat.say("non c'est 20")
    assert "n'est que de 7 sacs" in out and "?" not in out, out
    assert quantity(chat.session, FLOUR) == 5
