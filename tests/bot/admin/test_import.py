"""Importing a catalogue from the browser: a preview that writes nothing, then apply."""

from __future__ import annotations

import html
import re

from sqlalchemy import Engine
from sqlmodel import select
from starlette.testclient import TestClient

from bot.db.engine import transaction
from bot.db.models import AdminAction, Product, StockMovement

FILE = """Désignation;Quantité;Seuil;Unité
Riz brisé 50kg;35;10;sac
Savon de Marseille;12;4;carton
"""
_HIDDEN = re.compile(r'name="(content|filename|apply)" value="([^"]*)"')


def _products(engine: Engine) -> dict[str, Product]:
    with transaction(engine) as session:
        return {p.name: p for p in session.exec(select(Product))}


def test_preview_then_apply(admin_client: TestClient, engine: Engine) -> None:
    before = _products(engine)
    preview = admin_client.post(
        "/admin/import",
        data={"csrf": admin_client.csrf, "store": "dk1", "set_stock": "on"},  # type: ignore[attr-defined]
        files={"file": ("catalogue.csv", FILE.encode("cp1252"), "text/csv")},
    )
    assert preview.status_code == 200, preview.text
    assert "Aperçu" in preview.text and "Savon de Marseille" in preview.text
    assert "20 → 35" in preview.text  # the count of the rice
    assert _products(engine).keys() == before.keys()  # nothing written
    hidden = dict(_HIDDEN.findall(preview.text))
    applied = admin_client.post(
        "/admin/import",
        data={
            "csrf": admin_client.csrf,  # type: ignore[attr-defined]
            "store": "dk1",
            "set_stock": "on",
            "apply": "1",
            "content": hidden["content"],
            "filename": hidden["filename"],
        },
    )
    assert applied.status_code == 200 and "Import appliqué" in applied.text
    after = _products(engine)
    assert after["Savon de Marseille"].quantity == 12
    assert after["Riz brisé 50kg"].quantity == 35
    with transaction(engine) as session:
        sources = set(session.exec(select(StockMovement.source)).all())
        action = session.exec(select(AdminAction).where(AdminAction.action == "import")).one()
    assert "admin:admin" in sources
    assert action.detail["created"] == 1 and action.detail["adjusted"] == 1


def test_a_bad_file_is_refused_with_its_problems(admin_client: TestClient, engine: Engine) -> None:
    bad = "name,quantity,threshold\nRiz,-4,2\nSucre,abc,1\n"
    response = admin_client.post(
        "/admin/import",
        data={"csrf": admin_client.csrf, "store": "dk1"},  # type: ignore[attr-defined]
        files={"file": ("bad.csv", bad.encode(), "text/csv")},
    )
    assert response.status_code == 422
    assert "Import refusé" in response.text and "ligne 2" in response.text
    assert "abc" in response.text
    assert _products(engine)["Riz brisé 50kg"].quantity == 20


def test_a_csv_renamed_xlsx_is_refused_saying_so(admin_client: TestClient, engine: Engine) -> None:
    response = admin_client.post(
        "/admin/import",
        data={"csrf": admin_client.csrf, "store": "dk1"},  # type: ignore[attr-defined]
        files={"file": ("catalogue.xlsx", FILE.encode(), "application/octet-stream")},
    )
    assert response.status_code == 422
    assert "Import refusé, rien n'a été écrit" in html.unescape(response.text)
    assert "pas un vrai classeur Excel" in response.text
    assert _products(engine)["Riz brisé 50kg"].quantity == 20
    assert "Savon de Marseille" not in _products(engine)


def test_no_file_and_unknown_store(admin_client: TestClient) -> None:
    empty = admin_client.post("/admin/import", data={"csrf": admin_client.csrf, "store": "dk1"})  # type: ignore[attr-defined]
    assert empty.status_code == 422 and "Choisissez un fichier" in empty.text
    unknown = admin_client.post(
        "/admin/import",
        data={"csrf": admin_client.csrf, "store": "nowhere"},  # type: ignore[attr-defined]
        files={"file": ("c.csv", FILE.encode(), "text/csv")},
    )
    assert unknown.status_code == 422 and "nowhere" in unknown.text


def test_a_refusal_reads_in_the_back_office_s_language(admin_client: TestClient) -> None:
    admin_client.cookies.set("stockbot_lang", "en")
    bad = "name,quantity,threshold\nRiz,-4,2\nSucre,abc,1\n"
    response = admin_client.post(
        "/admin/import",
        data={"csrf": admin_client.csrf, "store": "dk1"},  # type: ignore[attr-defined]
        files={"file": ("bad.csv", bad.encode(), "text/csv")},
    )
    assert response.status_code == 422
    shown = html.unescape(response.text)
    assert "line 2, column « quantity »: -4 is negative" in shown, shown
    assert "« abc » is not a number" in shown
    assert "ligne" not in shown and "attendu" not in shown
    renamed = admin_client.post(
        "/admin/import",
        data={"csrf": admin_client.csrf, "store": "dk1"},  # type: ignore[attr-defined]
        files={"file": ("catalogue.xlsx", FILE.encode(), "application/octet-stream")},
    )
    assert "is not a real Excel workbook" in html.unescape(renamed.text)
    unknown = admin_client.post(
        "/admin/import",
        data={"csrf": admin_client.csrf, "store": "nowhere"},  # type: ignore[attr-defined]
        files={"file": ("c.csv", FILE.encode(), "text/csv")},
    )
    assert "unknown store: nowhere" in html.unescape(unknown.text)
