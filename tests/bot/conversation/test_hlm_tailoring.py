"""A tailoring supplies shop of Marché HLM (Dakar) the bot never saw: wax by the pièce of 6
yards and by the mètre, bazin riche and getzner in several colours, thread by the bobine,
buttons by the paquet, zips by size; typed as a busy manager does, in the middle of questions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session

from bot.alerts import pushes_after
from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.conversation.conftest import Chat
from tests.bot.conversation.ledger import orders, quantity

CATALOGUE = """\
sku,name,aliases,unit,quantity,threshold,reorder_quantity,unit_en
WAX-VL-PC,Wax Vlisco pièce 6 yards,wax|wax vlisco|vlisco|wax hollandais,pièce,30,8,20,piece
WAX-UN-PC,Wax Uniwax pièce 6 yards,wax|uniwax|wax uniwax|wax ivoirien,pièce,25,6,20,piece
WAX-M,Wax ordinaire au mètre,wax|wax metre|wax au metre|wax simple,mètre,150,40,100,metre
BAZ-BLANC,Bazin riche blanc,bazin|bazin riche|basin|bazin blanc,mètre,120,30,100,metre
BAZ-BLEU,Bazin riche bleu,bazin|bazin riche|basin|bazin bleu,mètre,90,30,100,metre
BAZ-ROUGE,Bazin riche rouge,bazin|bazin riche|basin|bazin rouge,mètre,35,30,80,metre
BAZ-VERT,Bazin riche vert,bazin|bazin riche|basin|bazin vert,mètre,60,20,80,metre
GETZ-BLANC,Getzner blanc,getzner|getzner blanc|bazin getzner|super getzner,mètre,50,15,40,metre
GETZ-OR,Getzner doré,getzner|getzner dore|getzner or|bazin getzner,mètre,22,10,40,metre
VOILE-BL,Voile blanc,voile|voile blanc|voile de coton,mètre,80,20,60,metre
VOILE-NR,Voile noir,voile|voile noir,mètre,40,15,60,metre
FIL-BLANC,Fil à coudre blanc,fil|fil blanc|bobine blanche|fil a coudre,bobine,200,50,200,spool
FIL-NOIR,Fil à coudre noir,fil|fil noir|bobine noire|fil a coudre,bobine,150,50,200,spool
FIL-BLEU,Fil à coudre bleu,fil|fil bleu|fil a coudre,bobine,60,40,100,spool
FIL-ROUGE,Fil à coudre rouge,fil|fil rouge|fil a coudre,bobine,45,40,100,spool
BTN-NACRE,Boutons nacre,boutons|bouton|boutons nacre|btn,paquet,40,10,30,pack
BTN-DORE,Boutons dorés,boutons|bouton|boutons dores|btn dore,paquet,25,10,30,pack
FERM-15,Fermeture éclair 15 cm,fermeture|fermeture eclair|zip|fermeture 15,pièce,100,30,100,zip
FERM-20,Fermeture éclair 20 cm,fermeture|fermeture eclair|zip|fermeture 20,pièce,80,30,100,zip
CIS-GM,Ciseaux tailleur grand modèle,ciseaux|ciseau|grand ciseaux,pièce,12,4,10,pair
CIS-PM,Ciseaux petit modèle,ciseaux|ciseau|petit ciseaux,pièce,20,5,10,pair
METRE-R,Mètre ruban,metre ruban|ruban|metre de couturier|centimetre,pièce,30,10,30,tape
AIG-90,Aiguilles machine n°90,aiguilles|aiguille|aiguilles 90|aiguille machine,paquet,50,15,50,pack
AIG-100,Aiguilles machine n°100,aiguilles|aiguille|aiguilles 100|aig 100,paquet,35,15,50,pack
DOUBL,Doublure satin,doublure|satin|doublure satin,mètre,70,20,50,metre
"""


@pytest.fixture
def hlm(session: Session, settings: Settings) -> Iterator[Chat]:
    apply_products(session, "hlm", parse_products_csv(CATALOGUE), settings=settings)
    manager = add_manager(session, "+221770000002", "hlm")
    session.commit()
    yield Chat(session, manager, settings)


def _red_bazin_order_asked(hlm: Chat) -> None:
    """6 metres of red bazin sold: 29 left under a threshold of 30, the push's order asked."""
    hlm.say("vendu 6 bazin rouge")
    with pushes_after(hlm.session, settings=hlm.settings, now=hlm.now):
        assert "Vente enregistrée" in hlm.say("ok")
    assert hlm.say("oui").startswith("Commander 80 mètres de Bazin riche rouge ?"), hlm.last


@pytest.mark.parametrize(
    "typed",
    [
        "pas maintenant, demain je commande 30",
        "non pas maintenant je commande 30 demain",
        "plus tard je vais commander 50",
        "commande demain",  # the order's verb alone placed it (80 metres)
        "demain je commande",
        "je commande 30 demain",  # 30 metres ordered now
        "demain 30",  # « Je ne trouve pas « demain » »
    ],
)
def test_an_order_put_off_with_the_amount_meant_later_is_not_confirmed(
    hlm: Chat, typed: str
) -> None:
    """« pas maintenant, demain je commande 30 » under the order a push opened confirmed an
    order of 30 metres: the put-off opening it is the answer, the rest says when."""
    _red_bazin_order_asked(hlm)
    out = hlm.say(typed)
    assert out.startswith("D'accord. Bazin riche rouge : 29 mètres") and "rappellerai" in out, out
    assert not orders(hlm.session)
    assert hlm.say("oui").startswith("Il n'y a pas de question en cours"), hlm.last


def test_an_order_put_off_then_a_sale_records_the_sale(hlm: Chat) -> None:
    """« pas maintenant, vendu 2 bazin bleu » dropped the order as cancelled (not reminded):
    it is put off, and the sale asked."""
    _red_bazin_order_asked(hlm)
    out = hlm.say("pas maintenant, vendu 2 bazin bleu")
    assert "rappellerai" in out and "annulée" not in out, out
    assert "Enregistrer la vente de 2 mètres de Bazin riche bleu ?" in out, out
    assert "Vente enregistrée" in hlm.say("oui"), hlm.last
    assert quantity(hlm.session, "BAZ-BLEU") == 88
    assert not orders(hlm.session)


def test_an_amount_typed_under_that_order_still_orders_it(hlm: Chat) -> None:
    _red_bazin_order_asked(hlm)
    assert "Commande n°1 confirmée : 10 mètres" in hlm.say("mets 10"), hlm.last


@pytest.mark.parametrize("typed", ["j'ai dit 3 metres", "jai dit 3", "non j'ai dit 3 metres"])
def test_what_was_said_corrects_the_sale_just_recorded(hlm: Chat, typed: str) -> None:
    """« j'ai dit 3 metres » right after 2 metres of voile were recorded: « Je n'ai pas compris »
    (`c'était 3` corrected it, `j'ai dit 3` did not)."""
    hlm.say("vendu 2 m voile blanc")
    assert "Vente enregistrée" in hlm.say("oui"), hlm.last
    out = hlm.say(typed)
    assert out.startswith("Corriger la vente de 2 mètres de Voile blanc"), out
    assert out.split("\n")[0].endswith("en 3 mètres ?"), out
    assert "Vente corrigée" in hlm.say("oui"), hlm.last
    assert quantity(hlm.session, "VOILE-BL") == 77


@pytest.mark.parametrize(
    "typed",
    ["non c'etait 30 metres", "j'ai dit 30 metres", "non 30 m bazin", "non c'etait 30 m de bazin"],
)
def test_metres_said_after_an_arrival_of_pieces_and_metres_correct_the_metres(
    hlm: Chat, typed: str
) -> None:
    """An arrival of 3 pieces of wax and 20 metres of white bazin recorded, `non c'etait 30
    metres` was « Il n'y a pas de question en cours » (metres read as a size: `30m`, not an
    amount, the lines being two) and `non 30 m bazin` listed the stock of every bazin."""
    hlm.say("recu 3 pieces wax vlisco et 20 m bazin blanc")
    assert "Arrivage enregistré" in hlm.say("oui"), hlm.last
    out = hlm.say(typed)
    assert out.startswith("Corriger l'arrivage de 20 mètres de Bazin riche blanc"), out
    assert "en 30 mètres ?" in out, out
    hlm.say("oui")
    assert quantity(hlm.session, "BAZ-BLANC") == 150
    assert quantity(hlm.session, "WAX-VL-PC") == 33


@pytest.mark.parametrize(
    "typed", ["non 12 m le bazin", "non 12 metres bazin", "le bazin c'est 12 m", "non c'etait 12 m"]
)
def test_metres_said_under_a_sale_of_metres_and_pieces_correct_the_metres(
    hlm: Chat, typed: str
) -> None:
    """« non 12 m le bazin » under 10 metres of bazin and 2 zips offered the same sale again,
    unchanged (`12m` read as a size, the lines being two): a yes recorded 10 metres."""
    hlm.say("vendu 10 m bazin bleu et 2 fermetures 15")
    out = hlm.say(typed)
    assert out.startswith(
        "Enregistrer la vente : 12 mètres de Bazin riche bleu, 2 pièces de Fermeture éclair 15 cm"
    ), out
    assert "Vente enregistrée" in hlm.say("oui"), hlm.last
    assert quantity(hlm.session, "BAZ-BLEU") == 78
    assert quantity(hlm.session, "FERM-15") == 98


@pytest.mark.parametrize(
    "typed", ["non juste le vlisco", "annule le vlisco", "le vlisco seulement", "que le vlisco"]
)
def test_one_line_named_under_the_whole_arrival_to_undo_takes_back_that_line(
    hlm: Chat, typed: str
) -> None:
    """« non juste le vlisco » under « Annuler tout l'arrivage : 2 pièces d'Uniwax, 1 pièce de
    Vlisco ? » was « rien n'est annulé » (`annule le vlisco`: « Rien n'est annulé ni corrigé »,
    `le vlisco seulement`: its stock): that line alone is asked."""
    hlm.say("recu 2 pieces uniwax et 1 piece vlisco")
    assert "Arrivage enregistré" in hlm.say("ok"), hlm.last
    assert hlm.say("annule").startswith("Annuler tout l'arrivage"), hlm.last
    out = hlm.say(typed)
    assert out.startswith("Annuler l'arrivage de 1 pièce de Wax Vlisco pièce 6 yards"), out
    assert "Arrivage annulé" in hlm.say("oui"), hlm.last
    assert quantity(hlm.session, "WAX-VL-PC") == 30
    assert quantity(hlm.session, "WAX-UN-PC") == 27


@pytest.mark.parametrize("typed", ["non", "stock vlisco", "non pas le vlisco"])
def test_what_names_no_one_line_to_undo_still_takes_nothing_back(hlm: Chat, typed: str) -> None:
    hlm.say("recu 2 pieces uniwax et 1 piece vlisco")
    hlm.say("ok")
    hlm.say("annule")
    assert not hlm.say(typed).startswith("Annuler"), hlm.last
    assert quantity(hlm.session, "WAX-VL-PC") == 31


@pytest.mark.parametrize("typed", ["pas le blanc le noir", "non le noir", "non c'etait le noir"])
def test_a_colour_said_after_a_sale_of_thread_is_the_thread_of_that_colour(
    hlm: Chat, typed: str
) -> None:
    """« pas le blanc le noir » right after white thread was recorded listed the stock of every
    white and black product (black voile is black too): the black thread is the one near."""
    hlm.say("vendu 3 fil blanc")
    assert "Vente enregistrée" in hlm.say("oui"), hlm.last
    out = hlm.say(typed)
    assert out.startswith(
        "Corriger : vente de 3 bobines de Fil à coudre noir au lieu de 3 bobines de Fil à coudre"
        " blanc"
    ), out
    assert "Vente corrigée" in hlm.say("oui"), hlm.last
    assert (quantity(hlm.session, "FIL-BLANC"), quantity(hlm.session, "FIL-NOIR")) == (200, 147)


@pytest.mark.parametrize("typed", ["pas le blanc le noir", "non le noir"])
def test_a_colour_said_under_a_sale_of_thread_is_the_thread_of_that_colour(
    hlm: Chat, typed: str
) -> None:
    """It was « Quel produit ? [Fil à coudre noir] [Voile noir] »."""
    hlm.say("vendu 3 fil blanc")
    assert hlm.say(typed).startswith("Enregistrer la vente de 3 bobines de Fil à coudre noir ?")


@pytest.mark.parametrize("between", [[], ["ok"]])
def test_a_yes_right_after_a_stock_that_dropped_the_sale_offers_it_again(
    hlm: Chat, between: list[str]
) -> None:
    """« oui » right after `combien il reste en bazin rouge` dropped « Enregistrer la vente de 2
    pièces de Wax Vlisco ? » was « Il n'y a pas de question en cours »: the sale is offered
    again (nothing recorded before its yes); `ok` alone acknowledges the stock."""
    hlm.say("vendu 2 pieces de wax vlisco svp")
    assert "Bazin riche rouge : 35 mètres" in hlm.say("combien il reste en bazin rouge")
    for typed in between:
        assert hlm.say(typed) == "👍", hlm.last
    assert hlm.say("oui").startswith("Enregistrer la vente de 2 pièces de Wax Vlisco"), hlm.last
    assert quantity(hlm.session, "WAX-VL-PC") == 30
    assert "Vente enregistrée" in hlm.say("oui"), hlm.last
    assert quantity(hlm.session, "WAX-VL-PC") == 28


@pytest.mark.parametrize("typed", ["annule tout", "oui annule tout", "tout"])
def test_all_said_under_the_whole_arrival_to_undo_takes_it_all_back(hlm: Chat, typed: str) -> None:
    """« annule tout » under « Annuler tout l'arrivage … ? » was « Rien n'est annulé ni corrigé »:
    the opposite of what was asked."""
    hlm.say("recu 2 pieces uniwax et 1 piece vlisco")
    hlm.say("ok")
    hlm.say("annule")
    assert "Arrivage annulé" in hlm.say(typed), hlm.last
    assert (quantity(hlm.session, "WAX-VL-PC"), quantity(hlm.session, "WAX-UN-PC")) == (30, 25)


def _red_bazin_pushed(hlm: Chat) -> None:
    hlm.say("vendu 6 bazin rouge")
    with pushes_after(hlm.session, settings=hlm.settings, now=hlm.now):
        assert "Vente enregistrée" in hlm.say("ok")


@pytest.mark.parametrize("typed", ["mets 100 bazin rouge", "mets 100 m de bazin rouge svp"])
def test_an_amount_and_the_push_s_product_answer_the_push(hlm: Chat, typed: str) -> None:
    """« mets 100 bazin rouge » under the red bazin's push showed its stock (`mets 100` alone
    ordered 100): the product named is the push's own, the amount its order."""
    _red_bazin_pushed(hlm)
    assert "Commande n°1 confirmée : 100 mètres de Bazin riche rouge" in hlm.say(typed), hlm.last


def test_a_sale_of_the_push_s_product_is_still_a_sale(hlm: Chat) -> None:
    _red_bazin_pushed(hlm)
    assert hlm.say("vendu 3 bazin rouge").startswith("Enregistrer la vente de 3 mètres")
    assert not orders(hlm.session)


def test_a_product_named_outright_is_no_pick_among_the_threads(hlm: Chat) -> None:
    """« mets 100 bazin rouge » while « Quel produit ? » offered the four threads picked the red
    thread by `rouge`: « Il ne reste que 45 bobines de Fil à coudre rouge. Vous avez vendu
    combien ? »; the red bazin is no thread."""
    hlm.say("vendu 2 fil")
    out = hlm.say("mets 100 bazin rouge")
    assert "Fil à coudre rouge" not in out and "Bazin riche rouge" in out, out
    assert quantity(hlm.session, "FIL-ROUGE") == 45


@pytest.mark.parametrize("typed", ["la rouge", "rouge", "fil rouge"])
def test_a_thread_described_is_still_picked(hlm: Chat, typed: str) -> None:
    hlm.say("vendu 2 fil")
    assert hlm.say(typed).startswith("Enregistrer la vente de 2 bobines de Fil à coudre rouge")


@pytest.mark.parametrize("typed", ["je commande 30 demain", "demain 30", "commande 30 demain"])
def test_a_push_answered_with_an_order_for_tomorrow_is_put_off(hlm: Chat, typed: str) -> None:
    """« je commande 30 demain » under the push ordered 30 metres now (`commande 30 demain`
    put it off)."""
    _red_bazin_pushed(hlm)
    out = hlm.say(typed)
    assert out.startswith("D'accord. Bazin riche rouge : 29 mètres") and "rappellerai" in out, out
    assert not orders(hlm.session)


def test_a_no_to_an_expired_question_is_not_told_to_type_it_again(hlm: Chat) -> None:
    """« non » after « Enregistrer la vente de 3 mètres de Voile blanc ? » expired said «
    Renvoyez « VENTE Voile blanc 3 » »: the manager did not want it."""
    hlm.say("vendu 3 voile blanc")
    hlm.now += timedelta(minutes=hlm.settings.conversation_timeout_minutes + 10)
    assert hlm.say("non") == "D'accord, vente non enregistrée."
    assert quantity(hlm.session, "VOILE-BL") == 80
