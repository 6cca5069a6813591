"""`et hier ?`, `et cette semaine`, `et le sucre ?`, `et les arrivages ?` right after a report:
that report again, of that period, product or movement. They were « Je n'ai pas compris »."""

from __future__ import annotations

from datetime import timedelta

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


@pytest.mark.parametrize(
    ("lang", "report", "follow", "answered"),
    [
        ("fr", "ventes d'hier", "et ce qui est arrivé ?", "Arrivages hier"),
        ("en", "sales yesterday", "and what arrived?", "Deliveries yesterday"),
        ("wo", "ventes yi demb", "ak li agsi ?", "Li agsi démb"),
        ("wo", "ventes yi demb", "ak li ñu jot", "Li agsi démb"),
        ("fr", "arrivages d'hier", "et ce qu'on a vendu ?", "Ventes hier"),
    ],
)
def test_what_moved_asked_with_its_verb_follows_the_report(
    chat: Chat, lang: str, report: str, follow: str, answered: str
) -> None:
    """« ak li agsi ? » (and what arrived?) right after a Wolof report asked which product
    arrived (an arrival); « et ce qui est arrivé ? », « and what arrived? » answered today's,
    not the report's day."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    _sold_and_received(chat)
    chat.now += timedelta(days=1)
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


@pytest.mark.parametrize(
    ("lang", "report", "follow", "answered"),
    [
        (
            "fr",
            "ventes du jour",
            "et le sucre ?",
            "Ventes de Sucre en poudre 50kg aujourd'hui : 3 sacs (1 vente).\n"
            "Sucre morceaux 1kg : aucune vente aujourd'hui.",
        ),
        (
            "fr",
            "qu'est-ce que j'ai vendu aujourd'hui",
            "et l'huile",
            "Huile Jadida 1L : aucune vente aujourd'hui.\n"
            "Ventes d'Huile Jadida 5L aujourd'hui : 2 bidons (1 vente).",
        ),
        (
            "en",
            "sales today",
            "and the oil?",
            "Huile Jadida 1L: no sales today.\nHuile Jadida 5L: 2 cans sold today",
        ),
        (
            "wo",
            "ventes du jour",
            "ak sukar bi ?",
            "Sucre en poudre 50kg : 3 sac jaayu na tey (1 jaay).\n"
            "Sucre morceaux 1kg : jaayuwul tey.",
        ),
    ],
)
def test_a_family_named_after_a_report(
    chat: Chat, lang: str, report: str, follow: str, answered: str
) -> None:
    """`et le sucre ?` of two sugars after a sales report: the sales of each (it showed their
    stock)."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    chat.say("vendu 3 sucre en poudre et 2 huile 5l")
    chat.say("oui")
    chat.say(report)
    out = chat.say(follow)
    assert out.startswith(answered), out
    assert "Riz" not in out, out


def test_a_family_followed_up_keeps_the_family(chat: Chat) -> None:
    """After `et le sucre ?` of two sugars, `et hier ?` and `et les arrivages ?` are of both."""
    chat.say("reçu 4 sucre morceaux")
    chat.say("oui")
    chat.say("arrivages du jour")
    out = chat.say("et le sucre ?")
    assert out == (
        "Sucre en poudre 50kg : aucun arrivage aujourd'hui.\n"
        "Arrivages de Sucre morceaux 1kg aujourd'hui : 4 paquets (1 arrivage)."
    ), out
    out = chat.say("et hier ?")
    assert out == (
        "Sucre en poudre 50kg : aucun arrivage hier.\nSucre morceaux 1kg : aucun arrivage hier."
    ), out
    out = chat.say("et les ventes ?")
    assert out.startswith("Sucre en poudre 50kg : aucune vente hier."), out


def test_a_family_in_the_report_of_the_day(chat: Chat) -> None:
    chat.say("vendu 3 sucre en poudre")
    chat.say("oui")
    chat.say("rapport du jour")
    out = chat.say("et le sucre ?")
    assert out == (
        "Ventes de Sucre en poudre 50kg aujourd'hui : 3 sacs (1 vente).\n"
        "Sucre morceaux 1kg : aucune vente aujourd'hui.\n\n"
        "Sucre en poudre 50kg : aucun arrivage aujourd'hui.\n"
        "Sucre morceaux 1kg : aucun arrivage aujourd'hui."
    ), out


@pytest.mark.parametrize(
    ("lang", "asked", "answered"),
    [
        (
            "fr",
            "combien de sucre j'ai vendu aujourd'hui ?",
            "Ventes de Sucre en poudre 50kg aujourd'hui : 3 sacs (1 vente).\n"
            "Sucre morceaux 1kg : aucune vente aujourd'hui.",
        ),
        (
            "en",
            "how much oil did i sell today",
            "Huile Jadida 1L: no sales today.\nHuile Jadida 5L: no sales today.",
        ),
        ("wo", "ñaata sukar laa jaay tey ?", "Sucre en poudre 50kg : 3 sac jaayu na tey (1 jaay)."),
    ],
)
def test_a_report_of_a_family(chat: Chat, lang: str, asked: str, answered: str) -> None:
    """A report asked of a family (`combien de sucre j'ai vendu ?` with two sugars): each of
    them (it was the whole store's)."""
    if lang != "fr":
        chat.say({"en": "english", "wo": "wolof"}[lang])
    chat.say("vendu 3 sucre en poudre et 2 riz")
    chat.say("oui")
    out = chat.say(asked)
    assert out.startswith(answered), out
    assert "Riz" not in out, out


@pytest.mark.parametrize(
    ("language", "follow", "answered"),
    [
        ("wolof", "ak demb", "Amul benn jaay démb"),
        ("english please", "and yesterday?", "No sales yesterday"),
        ("parle français", "et cette semaine", "Ventes cette semaine"),
    ],
)
def test_a_language_asked_keeps_the_report_followed(
    chat: Chat, language: str, follow: str, answered: str
) -> None:
    """`sales today`, `wolof`, then `ak demb`: the report of yesterday, in Wolof; it was
    « Dégguma » (the language asked had ended the thread)."""
    _sold_and_received(chat)
    chat.say("sales today")
    chat.say(language)
    out = chat.say(follow)
    assert answered in out, out
