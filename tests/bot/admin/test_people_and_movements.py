"""Managers and stores, and the movements ledger with its CSV download, in the back office."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import select
from starlette.testclient import TestClient

from bot.db.engine import transaction
from bot.db.models import AdminAction, Manager, MovementKind, MovementSource, Product, Store
from bot.settings import Settings
from bot.stock import record_movement
from tests.bot.admin.conftest import MANAGER


def _post(client: TestClient, path: str, **data: object) -> str:
    response = client.post(path, data={"csrf": client.csrf, **data})  # type: ignore[attr-defined]
    assert response.status_code == 200, response.text
    return response.text


def test_stores_created_and_renamed_code_fixed(admin_client: TestClient, engine: Engine) -> None:
    assert "dk1" in admin_client.get("/admin/managers").text
    assert "Magasin thies créé" in _post(admin_client, "/admin/stores", code="thies", name="Thiès")
    assert "existe déjà" in _post(admin_client, "/admin/stores", code="thies", name="Autre")
    assert "espace" in _post(admin_client, "/admin/stores", code="a b", name="x")
    _post(admin_client, "/admin/stores/thies", name="Thiès centre")
    with transaction(engine) as session:
        store = session.exec(select(Store).where(Store.code == "thies")).one()
        actions = session.exec(select(AdminAction.action)).all()
    assert store.name == "Thiès centre"
    assert {"store_add", "store_rename"} <= set(actions)


def test_managers_added_changed_and_deactivated(admin_client: TestClient, engine: Engine) -> None:
    _post(admin_client, "/admin/stores", code="thies", name="Thiès")
    text = _post(
        admin_client,
        "/admin/managers",
        phone="77 000 11 22",
        store="dk1",
        name="Moussa",
        language="en",
    )
    assert "+221770001122 ajouté" in text
    assert "déjà" in _post(admin_client, "/admin/managers", phone="770001122", store="thies")
    _post(
        admin_client,
        "/admin/managers/%2B221770001122",
        name="Moussa D.",
        language="fr",
        stores=["dk1", "thies"],
        active="on",
    )
    _post(admin_client, f"/admin/managers/{MANAGER.replace('+', '%2B')}/deactivate")
    with transaction(engine) as session:
        moussa = session.exec(select(Manager).where(Manager.phone == "+221770001122")).one()
        awa = session.exec(select(Manager).where(Manager.phone == MANAGER)).one()
    assert (moussa.name, moussa.language, moussa.active) == ("Moussa D.", "fr", True)
    assert awa.active is False
    page = admin_client.get("/admin/managers").text
    assert "dk1, thies" in page and "inactif" in page
    assert "invalide" in _post(admin_client, "/admin/managers", phone="12", store="dk1")


def test_movements_filtered_and_exported(admin_client: TestClient, engine: Engine) -> None:
    with transaction(engine) as session:
        riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
    admin_client.post(
        f"/admin/products/{riz.id}/movements",
        data={"csrf": admin_client.csrf, "kind": "sale", "quantity": "3", "note": "=1+2"},  # type: ignore[attr-defined]
    )
    page = admin_client.get("/admin/movements?store=dk1&kind=sale")
    assert (
        page.status_code == 200 and "Riz brisé 50kg" in page.text and "Sucre 1kg" not in page.text
    )
    assert "admin:admin" in page.text
    none = admin_client.get(
        "/admin/movements?store=dk1&kind=sale&since=01/01/2020&until=02/01/2020"
    )
    assert "Riz brisé" not in none.text
    bad = admin_client.get("/admin/movements?since=bientôt")
    assert "n&#39;est pas une date" in bad.text or "pas une date" in bad.text
    csv = admin_client.get("/admin/movements.csv?store=dk1&sku=RIZ")
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    body = csv.content.decode("utf-8-sig")
    assert "RIZ" in body and "'=1+2" in body  # formulas neutralised
    assert "SUCRE" not in body


def test_movements_filtered_by_who_recorded_them(
    admin_client: TestClient, engine: Engine, settings: Settings
) -> None:
    with transaction(engine) as session:
        awa = session.exec(select(Manager).where(Manager.phone == MANAGER)).one()
        riz = session.exec(select(Product).where(Product.sku == "RIZ")).one()
        sucre = session.exec(select(Product).where(Product.sku == "SUCRE")).one()
        record_movement(
            session, riz, -2, MovementKind.SALE, MovementSource.WHATSAPP,
            settings=settings, manager_id=awa.id,
        )  # fmt: skip
        record_movement(
            session, sucre, -1, MovementKind.SALE, MovementSource.API, settings=settings
        )
    typed = MANAGER.removeprefix("+221")  # as an owner types it
    page = admin_client.get(f"/admin/movements?manager={typed}")
    assert "Riz brisé 50kg" in page.text and "Sucre 1kg" not in page.text
    nobody = admin_client.get("/admin/movements?manager=770000000")
    assert "Riz brisé" not in nobody.text and "Sucre" not in nobody.text


def test_a_language_picked_here_is_kept_and_one_left_follows_the_manager(
    admin_client: TestClient, engine: Engine
) -> None:
    page = _post(admin_client, "/admin/managers", phone="77 000 11 22", store="dk1", language="")
    assert "fr (selon ses messages)" in page  # none picked: the one they write in
    _post(admin_client, "/admin/managers", phone="77 000 11 33", store="dk1", language="en")
    _post(admin_client, "/admin/managers/%2B221770001122", name="Moussa", language="", active="on")
    with transaction(engine) as session:
        found = {
            m.phone: (m.language, m.language_chosen)
            for m in session.exec(select(Manager).where(Manager.phone.startswith("+22177000")))  # type: ignore[attr-defined]
        }
    assert found == {"+221770001122": ("fr", False), "+221770001133": ("en", True)}
    _post(admin_client, "/admin/managers/%2B221770001122", language="fr", active="on")
    with transaction(engine) as session:
        moussa = session.exec(select(Manager).where(Manager.phone == "+221770001122")).one()
    assert (moussa.language, moussa.language_chosen) == ("fr", True)  # picked, even the same


def test_a_language_picked_is_undone_here(admin_client: TestClient, engine: Engine) -> None:
    _post(admin_client, "/admin/managers", phone="77 000 11 22", store="dk1", language="en")
    page = admin_client.get("/admin/managers").text
    assert '<option value="auto">selon ses messages</option>' in page  # the way back offered
    _post(
        admin_client, "/admin/managers/%2B221770001122", name="Moussa", language="auto", active="on"
    )
    with transaction(engine) as session:
        moussa = session.exec(select(Manager).where(Manager.phone == "+221770001122")).one()
    assert (moussa.language, moussa.language_chosen) == ("en", False)
    assert "en (selon ses messages)" in admin_client.get("/admin/managers").text
