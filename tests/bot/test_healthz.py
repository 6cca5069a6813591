from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.app import create_app
from bot.db.engine import create_db_engine
from bot.settings import Settings
from tests.conftest import make_settings


def test_healthz_ok_when_the_database_answers(settings: Settings, engine: Engine) -> None:
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'db.sqlite'}"
    settings = make_settings(url)
    broken = create_db_engine(url)
    with TestClient(create_app(settings, engine=broken, run_background=False)) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
