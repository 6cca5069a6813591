"""Two products named one after the other in a stock question, the second misspelt (`stock cafe
savvon`, `stok riz, cafe savvon`): both are answered; the soap was left out without a word."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


@pytest.mark.parametrize("typed", ["stock cafe savvon", "stok riz, cafe savvon", "stock café savn"])
def test_both_products_are_answered(chat: Chat, typed: str) -> None:
    answer = chat.say(typed)
    assert "Café Touba 250g : 30 sachets" in answer
    assert "Savon de Marseille : 15 cartons" in answer
