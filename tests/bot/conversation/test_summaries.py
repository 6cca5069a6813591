"""Issue 13 §2: sales summaries and stock cover, from the ledger; questions record nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.db.models import MovementKind, MovementSource, Product
from bot.stock import record_movement
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import movements
from tests.statements import executed


def _sell(chat: Chat, sku: str, quantity: int, days_ago: float = 0, kind: str = "sale") -> None:
    product = chat.session.exec(select(Product).where(Product.sku == sku)).one()
    record_movement(
        chat.session,
        product,
        -quantity if kind == "sale" else quantity,
        MovementKind(kind),
        MovementSource.API,
        settings=chat.settings,
        now=chat.now - timedelta(days=days_ago),
    )
    chat.session.commit()


@pytest.fixture
def sold(chat: Chat) -> Chat:
    _sell(chat, "SAVON-MARSEILLE", 4)
    _sell(chat, "SAVON-MARSEILLE", 8)
    _sell(chat, "RIZ-BRISE-50", 3)
    _sell(chat, "CAFE-TOUBA", 5, days_ago=1)  # yesterday
    _sell(chat, "SUCRE-50", 2, days_ago=1, kind="receipt")
    return chat


@pytest.mark.parametrize(
    "typed",
    [
        "ventes du jour",
        "bilan stp",
        "ventes d'aujourd'hui",
        "jaay yi tey",
        "lu nga jaay",
        "lu jaay",
    ],
)
def test_todays_sales_per_product_biggest_first_with_the_number_of_sales(
    sold: Chat, typed: str
) -> None:
    before = movements(sold.session)
    out = sold.say(typed)
    lines = out.splitlines()
    assert lines[1].startswith("• Savon de Marseille : 12 cartons (2 ventes)"), out
    assert lines[2].startswith("• Riz brisé 50kg : 3 sacs (1 vente)")
    assert "Café" not in out  # yesterday's
    assert movements(sold.session) == before  # a question records nothing


def test_the_unit_asked_about_narrows_the_product(chat: Chat) -> None:
    _sell(chat, "SUCRE-MORCEAU", 3)
    _sell(chat, "SUCRE-50", 1)
    out = chat.say("combien de paquets de sucre j'ai vendu aujourd'hui ?")
    assert out == "Ventes de Sucre morceaux 1kg aujourd'hui : 3 paquets (1 vente)."


def test_a_wolof_sale_of_what_was_left_is_a_sale_not_a_question(chat: Chat) -> None:
    # `lu` (what) asks when it opens the message or comes before who did it, not here.
    assert chat.say("jaay naa lu des ci riz bi") == "Riz brisé 50kg : combien de sacs ?"


def test_yesterdays_sales(sold: Chat) -> None:
    out = sold.say("ventes d'hier")
    assert "Café Touba 250g : 5 sachets" in out and "Savon" not in out


def test_one_products_sales_answer_that_product_only(sold: Chat) -> None:
    before = movements(sold.session)
    out = sold.say("combien de savon j'ai vendu aujourd'hui ?")
    assert out == "Ventes de Savon de Marseille aujourd'hui : 12 cartons (2 ventes)."
    assert movements(sold.session) == before
    assert sold.ids() == []  # no confirmation: nothing to record


def test_a_question_about_a_sale_is_never_a_sale(sold: Chat) -> None:
    before = movements(sold.session)
    out = sold.say("on a vendu combien de riz hier ?")
    assert out == "Riz brisé 50kg : aucune vente hier."
    sold.say("oui")
    assert movements(sold.session) == before


def test_best_sellers_of_the_week(sold: Chat) -> None:
    out = sold.say("qu'est-ce qui se vend le plus ?")
    assert out.splitlines()[1].startswith("• Savon de Marseille")


def test_receipts_of_the_week(sold: Chat) -> None:
    out = sold.say("arrivages de la semaine")
    assert "Sucre en poudre 50kg : 2 sacs" in out and "Savon" not in out


def test_an_undone_sale_is_not_counted(chat: Chat) -> None:
    chat.say("vendu 5 riz")
    chat.say("oui")
    chat.say("annule ma dernière vente")
    chat.say("oui")
    assert chat.say("ventes du jour") == "Aucune vente aujourd'hui."


def test_english_sales_today(sold: Chat) -> None:
    sold.manager.language = "en"
    sold.session.add(sold.manager)
    sold.session.commit()
    out = sold.say("sales today?")
    assert out.startswith("📊 Sales today:\n• Savon de Marseille: 12 cartons (2 sales)")


def test_the_stock_answer_says_how_long_it_lasts(chat: Chat) -> None:
    for days_ago in range(1, 11):  # 3 a day, ten days in a row
        _sell(chat, "CAFE-TOUBA", 3, days_ago=days_ago)
    out = chat.say("stock café")
    assert "rythme" not in out  # 30 - 30 sold: nothing left to last
    _sell(chat, "CAFE-TOUBA", 30, kind="receipt")
    out = chat.say("stock café")
    assert "≈ 14 jours au rythme actuel (2 sachets/jour)" in out, out


def test_the_pace_read_for_one_message_serves_the_next_until_a_sale_is_recorded(
    chat: Chat,
) -> None:
    """A lone message is a transaction of its own: the pace (a two-week forecast) read for one
    answers the next question too, and a sale recorded in this process is in the next answer."""
    for days_ago in range(1, 11):  # 3 a day, ten days in a row
        _sell(chat, "CAFE-TOUBA", 3, days_ago=days_ago)
    _sell(chat, "CAFE-TOUBA", 30, kind="receipt")

    def asked(typed: str) -> tuple[str, int]:
        """The answer to `typed`, and how many times answering it read the pace."""
        with executed(chat.session.get_bind()) as statements:
            out = chat.say(typed)
        pace = "SELECT stock_movement.product_id, sum("
        return out, sum(e.text.lstrip().startswith(pace) for e in statements)

    out, reads = asked("stock café")
    assert "≈ 14 jours au rythme actuel (2 sachets/jour)" in out and reads == 1
    out, reads = asked("stock café")  # the next message, in its own transaction
    assert "≈ 14 jours au rythme actuel (2 sachets/jour)" in out and reads == 0
    for days_ago in range(1, 11):  # 30 more sold over the same ten days: 4 a day
        _sell(chat, "CAFE-TOUBA", 3, days_ago=days_ago)
    _sell(chat, "CAFE-TOUBA", 30, kind="receipt")
    out, reads = asked("stock café")
    assert "≈ 7 jours au rythme actuel (4 sachets/jour)" in out and reads == 1


def test_no_pace_is_claimed_without_history(chat: Chat) -> None:
    _sell(chat, "RIZ-BRISE-50", 3)
    assert "rythme" not in chat.say("stock riz")


@pytest.mark.parametrize(
    "typed", ["qu'est-ce qui va manquer ?", "what will run out", "lu war a jeex", "quoi va manquer"]
)
def test_what_will_run_out(chat: Chat, typed: str) -> None:
    _sell(chat, "FARINE-50", 21, days_ago=8, kind="receipt")
    for days_ago in range(1, 8):
        _sell(chat, "FARINE-50", 3, days_ago=days_ago)  # 1.5 a day over 14 days, 7 left
    for days_ago in range(1, 8):
        _sell(chat, "SAVON-MARSEILLE", 1, days_ago=days_ago)
    out = chat.say(typed)
    title = (  # in the language written
        "⏳ What runs out within 7 days:"
        if typed.startswith("what")
        else "⏳ Ce qui va manquer dans les 7 jours :"
    )
    assert out.startswith(title), out
    assert "Farine de blé 50kg" in out and "Savon" not in out


def test_a_quantity_far_above_the_usual_is_confirmed_with_a_warning(chat: Chat) -> None:
    _sell(chat, "RIZ-BRISE-50", 5, kind="receipt")
    out = chat.say("reçu 5000 sacs de riz")
    assert out.startswith("5\u00a0000 sacs de Riz brisé 50kg, c'est beaucoup : vous confirmez ?")
    assert chat.say("oui").startswith("Enregistrer l'arrivage de 5\u00a0000 sacs")
    chat.say("non")
    assert chat.say("reçu 40 riz").startswith("Enregistrer l'arrivage de 40 sacs")  # usual


@pytest.mark.parametrize(
    ("typed", "period"),
    [
        ("rapport du jour", "aujourd'hui"),
        ("rapport", "aujourd'hui"),
        ("le point de la journee", "aujourd'hui"),
        ("resume d'hier", "hier"),
        ("mouvements d'hier", "hier"),
        ("rapport de la semaine", "cette semaine"),
    ],
)
def test_a_report_lists_the_sales_then_the_arrivals(sold: Chat, typed: str, period: str) -> None:
    before = movements(sold.session)
    out = sold.say(typed)
    sales, _, received = out.partition("\n\n")
    assert sales.startswith(f"📊 Ventes {period} :"), out
    assert received.startswith(f"📦 Arrivages {period} :") or received.startswith(
        f"Aucun arrivage {period}"
    ), out
    if period != "aujourd'hui":
        assert "Sucre en poudre 50kg : 2 sacs (1 arrivage)" in received, out
    assert movements(sold.session) == before


def test_a_report_in_english_and_of_one_product(sold: Chat) -> None:
    out = sold.say("rapport savon")
    assert out.startswith("Ventes de Savon de Marseille aujourd'hui : 12 cartons"), out
    assert "Savon de Marseille : aucun arrivage aujourd'hui" in out, out
    sold.manager.language = "en"
    sold.session.add(sold.manager)
    sold.session.commit()
    out = sold.say("report this week")
    sales, _, received = out.partition("\n\n")
    assert sales.startswith("📊 Sales this week:"), out
    assert received.startswith("📦") and "Sucre en poudre 50kg: 2 bags" in received, out


@pytest.mark.parametrize("typed", ["resume", "situation", "point"])
def test_a_summary_word_alone_is_not_a_report(chat: Chat, typed: str) -> None:
    assert "📦 Arrivages" not in chat.say(typed)


@pytest.mark.parametrize(
    "typed", ["combien j'ai vendu de the", "ventes du the aujourd'hui", "rapport du the"]
)
def test_tea_unaccented_is_the_product_asked_about(sold: Chat, typed: str) -> None:
    """`the` (thé without its accent) closing the question was dropped as the English article:
    every product's sales came back."""
    _sell(sold, "THE-VERT", 2)
    out = sold.say(typed)
    assert out.startswith("Ventes de Thé vert Chinois 25g aujourd'hui : 2 paquets"), out
    assert "Savon" not in out


@pytest.mark.parametrize(
    "typed",
    [
        "montre-moi les ventes du jour",
        "donne moi les ventes",
        "les ventes stp",
        "je veux voir les ventes",
        "envoie mes ventes",
    ],
)
def test_sales_asked_to_be_shown_are_todays_summary(sold: Chat, typed: str) -> None:
    """`moi` shares its key with `mois`: « montre-moi les ventes du jour » answered the month.
    Without a period or a question word, « les ventes » became a sale asking which product."""
    before = movements(sold.session)
    out = sold.say(typed)
    assert out.startswith("📊 Ventes aujourd'hui :\n• Savon de Marseille : 12 cartons"), out
    assert "Café" not in out  # yesterday's, which the month would count
    assert movements(sold.session) == before


@pytest.mark.parametrize(
    "typed",
    [
        "les ventes du jour : 3 riz, 2 savons",
        "mes ventes aujourd hui 3 riz",
        "my sales today: 3 rice",
    ],
)
def test_sales_told_with_their_day_are_sales(chat: Chat, typed: str) -> None:
    """Told, with amounts and no question, they are sales to record, not a summary asked for
    (« Aucune vente aujourd'hui. »)."""
    out = chat.say(typed)
    assert "3 sacs de Riz brisé 50kg" in out or "3 bags of Riz brisé 50kg" in out, out


@pytest.mark.parametrize(
    ("typed", "heading"),
    [
        ("show me the sales", "📊 Sales today:"),
        ("sales of the week", "📊 Sales this week:"),
        ("ventes du mois", "📊 Ventes ce mois-ci :"),
    ],
)
def test_the_period_asked_and_no_tea_in_english(sold: Chat, typed: str, heading: str) -> None:
    _sell(sold, "THE-VERT", 2)
    out = sold.say(typed)
    assert out.startswith(heading), out
    assert "Savon" in out  # every product, not the tea alone


def test_the_english_article_still_leads_to_the_product(sold: Chat) -> None:
    _sell(sold, "THE-VERT", 2)
    sold.manager.language = "en"
    sold.session.add(sold.manager)
    sold.session.commit()
    assert sold.say("sales of the rice today").startswith("Riz brisé 50kg: 3 bags sold today")


@pytest.mark.parametrize("typed", ["historique savon", "mouvements du savon", "history soap"])
def test_a_products_history_newest_first_with_who(sold: Chat, typed: str) -> None:
    sold.say("vendu 1 savon")
    sold.say("oui")
    before = movements(sold.session)
    out = sold.say(typed)
    lines = out.splitlines()
    assert lines[0].startswith("🕘 Savon de Marseille"), out
    assert " vente -1 → 2 cartons" in lines[1], out
    assert "vente -8 →" in lines[2] and "vente -4 →" in lines[3], out
    assert "Riz" not in out and "+221" not in out
    assert movements(sold.session) == before


def test_a_history_without_a_product_asks_which(chat: Chat) -> None:
    assert chat.say("historique").startswith("L'historique de quel produit ?")


@pytest.mark.parametrize(
    ("typed", "period"),
    [
        ("ventes semaine derniere", "la semaine dernière"),
        ("ventes de la semaine passée", "la semaine dernière"),
        ("combien de farine j'ai vendu la semaine dernière ?", "la semaine dernière"),
        ("ventes du mois dernier", "le mois dernier"),
        ("rapport du mois passé", "le mois dernier"),
    ],
)
def test_last_week_and_last_month_are_the_ones_before_this(
    sold: Chat, typed: str, period: str
) -> None:
    """`semaine dernière`, `mois passé` answered for this week or month: today's sales came
    back as last week's."""
    today = sold.now.date()
    _sell(sold, "FARINE-50", 6, days_ago=7 if "semaine" in typed else today.day)
    out = sold.say(typed)
    assert period in out, out
    assert "Farine de blé 50kg" in out and "6 sacs" in out, out
    assert "Savon" not in out  # today's


def test_sales_last_week_in_english(sold: Chat) -> None:
    sold.manager.language = "en"
    sold.session.add(sold.manager)
    sold.session.commit()
    _sell(sold, "FARINE-50", 6, days_ago=7)
    out = sold.say("sales last week")
    assert out.startswith("📊 Sales last week:\n• Farine de blé 50kg: 6 bags"), out
    assert "Savon" not in out


@pytest.mark.parametrize(
    "typed",
    [
        "ventes gaz 12 cette semaine",
        "ventes de la semaine gaz 12",
        "combien de gaz 12 vendu cette semaine ?",
        "vente gaz 12 aujourd'hui",
    ],
)
def test_the_sales_of_a_product_with_a_number_in_its_name(sold: Chat, typed: str) -> None:
    """`ventes gaz 12 cette semaine` drafted a sale of Gaz 12 (« combien de bouteilles ? »);
    with `combien` the 12 was dropped and every product's sales came back."""
    _sell(sold, "GAZ-12", 1)
    _sell(sold, "GAZ-6", 2)
    before = movements(sold.session)
    out = sold.say(typed)
    assert out.startswith("Ventes de Bouteille de gaz 12kg "), out
    assert ": 1 bouteille (1 vente)." in out, out
    assert movements(sold.session) == before
    assert sold.ids() == []


def test_a_number_after_a_name_is_still_the_quantity_of_a_sale(sold: Chat) -> None:
    assert sold.say("vendu 1 gaz 12 aujourd'hui").startswith(
        "Enregistrer la vente de 1 bouteille de gaz 12kg"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "aujourd'hui j'ai vendu 3 riz au voisin, il a dit qu'il revient demain",
        "vendu 3 riz ce jour",
    ],
)
def test_a_sale_told_with_qu_or_ce_and_a_day_is_a_sale(sold: Chat, typed: str) -> None:
    """`qu'il`, `ce jour` read as a question (`qu'est-ce`, `c'est combien`): the sale told was
    answered « Ventes de Riz brisé 50kg aujourd'hui : … » and not recorded."""
    assert sold.say(typed).startswith("Enregistrer la vente de 3 sacs de Riz brisé 50kg"), typed


@pytest.mark.parametrize(
    "typed", ["qu'est-ce que j'ai vendu aujourd'hui ?", "ce que j'ai vendu hier"]
)
def test_what_was_sold_is_still_a_question(sold: Chat, typed: str) -> None:
    assert sold.say(typed).startswith("📊 Ventes "), typed


def test_what_will_run_out_names_what_is_already_out(chat: Chat) -> None:
    """The demo's milk is at 0: « Rien ne devrait manquer dans les 7 jours 👍 » was the answer."""
    out = chat.say("qu'est-ce qui va manquer ?")
    assert out.startswith("⏳ Ce qui va manquer dans les 7 jours :"), out
    assert "Lait en poudre 400g : épuisé" in out, out


def test_nothing_running_out_still_tells_what_is_below_its_threshold(chat: Chat) -> None:
    _sell(chat, "LAIT-POUDRE", 40, kind="receipt")
    out = chat.say("what will run out")  # answered in English, the language written
    low = sum(1 for line in chat.say("alertes").splitlines() if line.startswith(("⚠️", "❌")))
    assert out.startswith("Nothing should run out within 7 days"), out
    assert f"Already at or below threshold: {low} (type ALERTS)." in out and low > 0, out


@pytest.mark.parametrize(
    "correction", ["non c'était 4", "en fait c'était 4 cartons", "je me suis trompé, c'était 4"]
)
def test_a_sale_corrected_to_more_is_still_one_sale(chat: Chat, correction: str) -> None:
    chat.say("vendu 2 savon")
    chat.say("oui")
    assert "4 cartons" in chat.say(correction)
    assert "corrigée" in chat.say("oui")
    chat.say("vendu 3 savon")
    chat.say("oui")
    out = chat.say("ventes du jour")
    assert "• Savon de Marseille : 7 cartons (2 ventes)" in out, out
    assert "Total : 2 ventes." in out, out
