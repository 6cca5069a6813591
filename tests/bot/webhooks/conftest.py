"""Fixtures for the Meta webhook tests: an app on the test database, as a TestClient."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings


@pytest.fixture
def client(settings: Settings, engine: Engine) -> Iterator[TestClient]:
    """The app without its background loops: what a webhook stores stays pending."""
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        yield client
