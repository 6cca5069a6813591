"""A quantity corrected as English traders write it: `e no be 4, na 5` (it is not 4, it is 5)
was read as a no (« OK, sale not recorded »: the sale lost); `change it to 5`, `correct am to 5`
looked for a product « change », « correct am » (« I cannot find … »). Now 5 is the quantity."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize("typed", ["e no be 4, na 5", "change it to 5", "correct am to 5"])
def test_at_the_question(chat: Chat, typed: str) -> None:
    assert chat.say("sold 4 bags of rice").startswith("Record the sale of 4 bags")
    out = chat.say(typed)
    assert out.startswith("Record the sale of 5 bags of Riz brisé 50kg?"), out


@pytest.mark.parametrize("typed", ["e no be 4, na 5", "change it to 5"])
def test_right_after_the_recording(chat: Chat, typed: str) -> None:
    chat.say("sold 4 bags of rice")
    chat.say("yes")
    out = chat.say(typed)
    assert out.startswith("Correct the sale of 4 bags of Riz brisé 50kg"), out
    assert "to 5 bags?" in out, out
