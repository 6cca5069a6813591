"""Two stores, another manager's buttons, an English manager."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.db.models import Manager, Product, Store
from bot.managers import add_manager
from bot.products_import import apply_products, parse_products_csv
from tests.bot.conversation.conftest import Chat

_DK2 = "sku,name,aliases,unit,quantity,threshold,reorder_quantity\n" + (
    "RIZ-BRISE-50,Riz brisé 50kg,riz,sac,500,50,100\nMIL-50,Mil 50kg,mil|souna,sac,80,10,20\n"
)


def _second_store(session: Session, chat: Chat) -> None:
    session.add(Store(code="dk2", name="Dépôt Pikine"))
    session.flush()
    apply_products(session, "dk2", parse_products_csv(_DK2), settings=chat.settings)
    add_manager(session, chat.manager.phone, "dk2", name="Awa (démo)")
    session.commit()


def test_a_manager_of_two_stores_chooses_once_and_it_is_remembered(chat: Chat) -> None:
    _second_store(chat.session, chat)
    out = chat.say("stock riz")
    assert out.startswith("Pour quel magasin ?")
    out = chat.say("2")
    assert out == (
        "Magasin Dépôt Pikine (dk2) choisi.\n"
        "Riz brisé 50kg : 500 sacs\nSeuil d'alerte : 50 sacs\nDernier mouvement : "
        + out.split("Dernier mouvement : ")[1]
    )
    manager = chat.session.get(Manager, chat.manager.id)
    assert manager is not None
    dk2 = chat.session.exec(select(Store).where(Store.code == "dk2")).one()
    assert manager.current_store_id == dk2.id
    assert chat.say("stock riz").startswith("Riz brisé 50kg : 500 sacs")
    assert chat.say("MAGASIN demo") == "Magasin Boutique de démonstration (Dakar) (demo) choisi."
    assert chat.say("stock riz").startswith("Riz brisé 50kg : 42 sacs")


def test_a_sale_only_touches_the_current_store(chat: Chat) -> None:
    _second_store(chat.session, chat)
    chat.say("magasin dk2")
    chat.say("vente riz 10")
    chat.say("oui")
    quantities = {
        (p.store_id, p.quantity)
        for p in chat.session.exec(select(Product).where(Product.sku == "RIZ-BRISE-50"))
    }
    demo = chat.session.exec(select(Store).where(Store.code == "demo")).one()
    dk2 = chat.session.exec(select(Store).where(Store.code == "dk2")).one()
    assert quantities == {(demo.id, 42), (dk2.id, 490)}


def test_a_store_the_manager_is_not_linked_to_is_never_seen(chat: Chat) -> None:
    chat.session.add(Store(code="dk2", name="Dépôt Pikine"))
    chat.session.flush()
    apply_products(chat.session, "dk2", parse_products_csv(_DK2), settings=chat.settings)
    chat.session.commit()
    assert chat.say("stock mil").startswith("Je ne trouve pas")
    assert chat.say("magasin dk2") == "Magasin « dk2 » inconnu. Vos magasins : demo."


def test_another_managers_buttons_change_nothing(chat: Chat) -> None:
    other = add_manager(chat.session, "+221770000001", "demo", name="Moussa")
    chat.session.commit()
    moussa = Chat(chat.session, other, chat.settings, now=chat.now)
    moussa.say("vente riz 5")
    foreign_yes = moussa.button("yes")
    moussa.say("commander lait")
    foreign_order = moussa.button("yes")
    chat.say("vente riz 1")
    assert chat.tap(foreign_yes) == "Cette demande a déjà été traitée."
    assert chat.tap(foreign_order) == "Cette demande a déjà été traitée."
    assert chat.say("oui").startswith("✅ Vente enregistrée : 1 sac de Riz")
    assert moussa.say("1").startswith("✅ Commande n°")


def test_an_english_manager(chat: Chat) -> None:
    chat.manager.language = "en"
    chat.session.add(chat.manager)
    chat.session.commit()
    assert chat.say("stock rice").startswith("Riz brisé 50kg: 42 bags\nAlert threshold: 10 bags")
    assert chat.say("sold 2 rice") == (
        "Record the sale of 2 bags of Riz brisé 50kg?\n[Yes]\n[Change]\n[No]"
    )
    assert chat.say("yes") == "✅ Sale recorded: 2 bags of Riz brisé 50kg. Left: 40 bags."
    assert chat.tap("sale:v1:nope:yes") == "This request has already been handled."


def _mil(chat: Chat) -> int:
    return chat.session.exec(select(Product).where(Product.sku == "MIL-50")).one().quantity


def test_the_store_is_asked_only_when_several_have_the_product(chat: Chat) -> None:
    _second_store(chat.session, chat)
    out = chat.say("stock mil")  # only the depot sells millet: no question
    assert out.startswith("Magasin Dépôt Pikine (dk2) choisi.\nMil 50kg : 80 sacs"), out
    chat.say("MAGASIN demo")
    assert chat.say("stock savon").startswith("Savon de Marseille : 15 cartons")


def test_a_product_of_the_managers_other_store_is_found_there(chat: Chat) -> None:
    _second_store(chat.session, chat)
    chat.say("MAGASIN demo")
    asked = chat.say("vendu 3 mil")
    assert asked.startswith("Magasin Dépôt Pikine (dk2) choisi."), asked
    assert "Enregistrer la vente de 3 sacs de Mil 50kg ?" in asked
    chat.say("oui")
    assert _mil(chat) == 77
    # A product neither store has is still not found, wherever the manager is.
    assert chat.say("stock chocolat") == (
        "Je ne trouve pas « chocolat ». Tapez TOUT LE STOCK pour la liste."
    )


def test_the_choice_offers_only_the_stores_that_have_the_product(chat: Chat) -> None:
    _second_store(chat.session, chat)
    chat.session.add(Store(code="dk3", name="Boutique Thiès"))
    chat.session.flush()
    apply_products(
        chat.session,
        "dk3",
        parse_products_csv("sku,name,unit,quantity,threshold\nMIL-50,Mil 50kg,sac,9,2\n"),
        settings=chat.settings,
    )
    add_manager(chat.session, chat.manager.phone, "dk3", name="Awa (démo)")
    chat.session.commit()
    asked = chat.say("stock mil")
    assert asked.startswith("Pour quel magasin ?"), asked
    assert "Dépôt Pikine" in asked and "Boutique Thiès" in asked
    assert "démonstration" not in asked
    assert "Mil 50kg : 9 sacs" in chat.say("2")  # the second offered: Thiès


def test_a_store_named_in_a_message_is_worked_in_when_it_is_the_managers(chat: Chat) -> None:
    _second_store(chat.session, chat)
    chat.say("magasin demo")
    out = chat.say("vendu 10 riz au depot de pikine")
    assert out.startswith(
        "Magasin Dépôt Pikine (dk2) choisi. "
        "Vos messages suivants le concernent aussi (MAGASIN demo pour revenir).\n"
    )
    assert "10 sacs de Riz" in out
    chat.say("oui")
    assert chat.say("stock riz").startswith("Riz brisé 50kg : 490 sacs")


def test_a_store_named_that_is_not_the_managers_is_refused_unseen(chat: Chat) -> None:
    chat.session.add(Store(code="dk2", name="Dépôt Pikine"))
    chat.session.flush()
    apply_products(chat.session, "dk2", parse_products_csv(_DK2), settings=chat.settings)
    chat.session.commit()
    out = chat.say("combien de riz au depot de pikine")
    assert out == (
        "Dépôt Pikine n'est pas un de vos magasins : rien n'a été fait, "
        "et je ne peux pas vous montrer son stock."
    )
    assert "500" not in chat.say("vendu 2 riz a pikine")
    assert chat.say("vendu 2 riz a moussa").startswith("Enregistrer la vente de 2 sacs de Riz")
