"""A low-stock push asked again under the stock answer, in the language the manager now writes:
`how many left?` under a French push showed the stock in English and « Commander 20 sacs ? »
[Commander] [Plus tard] below it, in French."""

from __future__ import annotations

from tests.bot.conversation.conftest import Chat


def test_the_push_asked_again_in_english(chat: Chat) -> None:
    chat.say("vente riz 33")
    chat.say("oui")  # 9 bags left: the push
    out = chat.say("how many left?")
    assert out.startswith("Riz brisé 50kg: 9 bags"), out
    assert out.endswith("Order 20 bags?\n[Order]\n[Later]"), out
    assert chat.say("yes 25").startswith("✅ Order #1 confirmed: 25 bags")
