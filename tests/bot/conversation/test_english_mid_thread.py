"""A manager switching to English mid-thread: `no I meant the small one please` at « Quel
produit ? » was answered in French (the `please` read as the French `stp`, the message mixed);
`how many are left now?` right after a sale looked for a product « now »."""

from __future__ import annotations

from tests.bot.conversation.conftest import Chat


def test_the_answer_in_english_is_answered_in_english(chat: Chat) -> None:
    chat.say("vendu 3 sucre")
    out = chat.say("no I meant the small one please")
    assert out.startswith("Record the sale of 3 packets of Sucre morceaux 1kg?"), out


def test_stp_stays_french(chat: Chat) -> None:
    chat.say("how much rice is left")
    out = chat.say("vendu 3 riz stp")
    assert out.startswith("Enregistrer la vente de 3 sacs de Riz brisé 50kg ?"), out


def test_now_is_no_product(chat: Chat) -> None:
    """`how many are left now?` right after a sale was « I cannot find “now” »."""
    chat.say("vendu 3 riz")
    chat.say("oui")
    out = chat.say("how many are left now?")
    assert "Riz brisé 50kg: 39 bags" in out and "cannot find" not in out, out
