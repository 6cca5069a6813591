"""A message that tells movements and then asks a stock (a voice note typed out): « aujourd'hui
on a vendu 3 sacs de riz, 2 bidons d'huile 5l et 4 paquets de thé. aussi le camion a livré 10
sacs de farine. il reste combien de sucre en poudre ? ». It was read as a report of today's
sales of the oil (« aucune vente aujourd'hui »), everything lost; without the day, the sugar was
a line of the sale; an arrival before a question was shown as a stock, not recorded. Now each is
done in the order written, one at a time."""

from __future__ import annotations

from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import quantity

VOICE_NOTE = (
    "salut, aujourd hui on a vendu 3 sacs de riz brisé, 2 bidons d huile 5l et 4 paquets de thé. "
    "aussi le camion a livré 10 sacs de farine. il reste combien de sucre en poudre ?"
)


def test_a_voice_note_sale_arrival_then_question(chat: Chat) -> None:
    out = chat.say(VOICE_NOTE)
    assert "Enregistrer la vente : 3 sacs de Riz brisé 50kg, 2 bidons d'Huile Jadida 5L, " in out
    assert "Sucre" not in out.rsplit("Enregistrer", 1)[1], out
    out = chat.say("oui")
    assert "Vente enregistrée" in out and "Enregistrer l'arrivage de 10 sacs de Farine" in out, out
    out = chat.say("oui")
    assert "Arrivage enregistré" in out and "Sucre en poudre 50kg : 12 sacs" in out, out
    assert quantity(chat.session, "RIZ-BRISE-50") == 39
    assert quantity(chat.session, "FARINE-50") == 17


def test_the_question_is_no_line_of_the_sale(chat: Chat) -> None:
    out = chat.say("vendu 3 riz et 2 huile 5l. il reste combien de sucre ?")
    assert "Enregistrer la vente : 3 sacs de Riz brisé 50kg, 2 bidons d'Huile Jadida 5L ?" in out
    out = chat.say("oui")
    assert "Sucre en poudre 50kg : 12 sacs" in out and "Sucre morceaux 1kg : 40 paquets" in out


def test_an_arrival_before_a_question_is_recorded(chat: Chat) -> None:
    out = chat.say("le camion a livré 10 sacs de farine. il reste combien de sucre en poudre ?")
    assert "Enregistrer l'arrivage de 10 sacs de Farine de blé 50kg ?" in out, out
    assert "Sucre en poudre 50kg : 12 sacs" in chat.say("oui"), chat.last
    assert quantity(chat.session, "FARINE-50") == 17


def test_a_question_about_the_days_sales_is_still_a_report(chat: Chat) -> None:
    chat.say("vendu 2 riz")
    chat.say("oui")
    out = chat.say("combien de sacs de riz j'ai vendu aujourd'hui ?")
    assert out.startswith("Ventes de Riz brisé 50kg aujourd'hui : 2 sacs"), out
