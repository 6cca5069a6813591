"""`et hier ?`, `et cette semaine`, `et le sucre ?`, `et les arrivages ?` right after a report:
that report again, of that period, product or movement. They were « Je n'ai pas compris »."""

from __future__ import annotations

import pytest

from tests.bot.conversation.conftest import Chat


def _sold_and_received(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    chat.say("reçu 5 savon")
    chat.say("oui")


@pytest.mark.parametrize(
    ("lang", "report", "follow", "answered"),
    [
        ("fr", "combien de riz j'ai vendu aujourd'hui ?", "et hier ?", "aucune vente hier"),
        (
            "fr",
            "combien de riz j'ai vendu aujourd'hui ?",
            "et cette semaine",
            "Ventes de Riz brisé 50kg cette semaine : 2 sacs",
        ),
        (
            "fr",
            "combien de riz j'ai vendu aujourd'hui ?",
            "et les arrivages ?",
            "Riz brisé 50kg : aucun arrivage aujourd'hui",
        ),
        ("fr", "ventes du jour", "hier ?", "Aucune vente hier"),
        ("fr", "rapport du jour", "et hier", "Aucun arrivage hier"),
        ("en", "sales today", "and yesterday?", "No sales yesterday"),
        ("wo", "ventes du jour", "ak demb", "Amul benn jaay démb"),
    ],
)
def test_a_follow_up_asks_the_same_report(
    chat: Chat, lang: str, report: str, follow: str, answered: str
) -> None:
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    _sold_and_received(chat)
    chat.say(report)
    out = chat.say(follow)
    assert answered in out, out


def test_a_product_named_after_a_report(chat: Chat) -> None:
    _sold_and_received(chat)
    chat.say("ventes du jour")
    out = chat.say("et le savon ?")
    assert out.startswith("Savon de Marseille : aucune vente aujourd'hui"), out
    assert "Riz" not in out, out


def test_the_week_follow_up_counts_today(chat: Chat) -> None:
    _sold_and_received(chat)
    chat.say("combien de riz j'ai vendu aujourd'hui ?")
    out = chat.say("et cette semaine ?")
    assert "2 sacs" in out and "cette semaine" in out, out


def test_thanks_keep_the_thread_another_command_ends_it(chat: Chat) -> None:
    _sold_and_received(chat)
    chat.say("ventes du jour")
    chat.say("merci")
    assert chat.say("et hier ?") == "Aucune vente hier."
    chat.say("stock riz")
    assert "compris" in chat.say("et hier ?")


@pytest.mark.parametrize(
    ("typed", "answered"),
    [
        ("et le riz il reste combien", "Riz brisé 50kg : 42 sacs"),
        ("and how much rice is left?", "Riz brisé 50kg: 42 bags"),
        ("et la commande de riz ?", "Aucune commande en cours pour Riz brisé 50kg"),
        ("et le riz est arrivé", "Riz brisé 50kg : combien de sacs ?"),
    ],
)
def test_a_message_of_its_own_after_a_report(chat: Chat, typed: str, answered: str) -> None:
    """A stock question, an order's question, an arrival said with `et` right after a report
    are what they say (they were read as the report again, of that product)."""
    chat.say("ventes du jour")
    out = chat.say(typed)
    assert out.startswith(answered), out
