"""Browser tests: Playwright for Python driving Debian's Chromium (`executable_path`; Playwright's
own browser download is not used). One browser for these tests, a fresh context per test, the
real app in a uvicorn subprocess on a free port.

Without Chromium or Playwright these tests skip with the reason, except under CI (CI=true) where
they fail: `.ci/run` installs both.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.db.engine import create_db_engine, upgrade_schema
from tests.bot.admin.conftest import seed
from tests.bot.webhooks.servers import uvicorn_app
from tests.conftest import PG_URL, TEST_ADMIN_TOKEN, make_settings

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def chromium_path() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH", ""), shutil.which("chromium") or ""]
    candidates += ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One browser for all the browser tests. Package-scoped: Playwright's sync API runs an
    event loop in this thread while it is open, which `asyncio.run` in later tests refuses."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing (pip install -e '.[test]')")
    path = chromium_path()
    if path is None:
        _unavailable("Chromium is missing (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass(frozen=True)
class Live:
    url: str
    engine: Engine


@pytest.fixture
def live(database_url: str, tmp_path: Path) -> Iterator[Live]:
    """The app served on 127.0.0.1 with the small catalogue, sandbox provider."""
    if PG_URL:
        url = database_url  # the test schema, emptied for this test
    else:
        url = f"sqlite:///{tmp_path / 'live.db'}"
        upgrade_schema(url)
    engine = create_db_engine(url)
    seed(engine, make_settings(url))
    env = {
        "DATABASE_URL": url,
        "ADMIN_TOKEN": TEST_ADMIN_TOKEN,
        "WHATSAPP_PROVIDER": "sandbox",
        "LOG_LEVEL": "WARNING",
        "OUTBOX_PAIR_INTERVAL_SECONDS": "0",
    }
    try:
        with uvicorn_app(env) as running:
            yield Live(running.url, engine)
    finally:
        engine.dispose()


@pytest.fixture
def page(browser: Any, live: Live) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, base_url=live.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


def sign_in(page: Any, token: str = TEST_ADMIN_TOKEN) -> None:
    page.goto("/admin")
    page.get_by_label("Mot de passe ou jeton").fill(token)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/admin")
