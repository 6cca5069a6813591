"""`/metrics` scraped after a conversation (names and labels), its token, multiprocess mode;
`/readyz`."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.app import create_app
from bot.outbound.worker import OutboxWorker
from bot.settings import Settings
from tests.bot.events.conftest import AWA, Bot
from tests.bot.inbound.helpers import PATH, text_webhook
from tests.conftest import make_settings
from tests.fakes.graph import FakeGraph

ROOT = Path(__file__).resolve().parents[3]


def scrape(
    client: TestClient, **headers: str
) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    samples: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return samples


def value(
    samples: dict[str, dict[tuple[tuple[str, str], ...], float]], name: str, **labels: str
) -> float:
    return samples.get(name, {}).get(tuple(sorted(labels.items())), 0.0)


def test_metrics_after_a_conversation(bot: Bot, database_url: str, engine: Engine) -> None:
    before = scrape(bot.client)
    for i, words in enumerate(["stock farine", "vente 2 farine", "oui", "blablabla xyz"]):
        bot.deliver(text_webhook(f"wamid.M{i}", sender=AWA[1:], body=words))
    bot.client.post(PATH, content=b"{}", headers={"x-hub-signature-256": "sha256=00"})
    with FakeGraph.start() as graph:
        settings: Settings = make_settings(
            database_url, outbox_pair_interval_seconds=0, **graph.settings_overrides()
        )
        asyncio.run(OutboxWorker(settings, engine).run(until_idle=True, max_wait=2.0))
    after = scrape(bot.client)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("stockbot_webhooks_received_total", provider="meta", result="stored") == 4
    assert grew("stockbot_webhooks_received_total", provider="meta", result="unauthorized") == 1
    assert grew("stockbot_inbound_processing_seconds_count") == 4
    assert grew("stockbot_inbound_messages_total", type="text", result="answered") == 4
    assert value(after, "stockbot_inbound_backlog") == 0
    assert value(after, "stockbot_inbound_oldest_age_seconds") == 0
    sent = value(after, "stockbot_outbox_messages", status="sent")
    assert sent >= 4 and value(after, "stockbot_outbox_messages", status="queued") == 0
    assert grew("stockbot_sends_total", provider="meta", result="sent", code="") == sent
    assert grew("stockbot_send_latency_seconds_count", provider="meta") == sent
    assert grew("stockbot_rate_limit_wait_seconds_count") == sent
    assert value(after, "stockbot_sending_paused") == 0
    assert "stockbot_alerts_opened_total" in after and "stockbot_alerts_notified_total" in after
    assert grew("stockbot_conversations_total", outcome="recorded") == 1
    assert grew("stockbot_conversations_total", outcome="misunderstood") == 1
    assert grew("stockbot_intents_total", intent="unknown") == 1
    assert (
        sum(v for k, v in after.get("stockbot_intents_total", {}).items())
        - sum(v for k, v in before.get("stockbot_intents_total", {}).items())
        == 4
    )


def test_metrics_token(settings: Settings, engine: Engine, database_url: str) -> None:
    guarded = make_settings(database_url, metrics_token="m" * 24)
    with TestClient(create_app(guarded, engine=engine, run_background=False)) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401
        response = client.get("/metrics", headers={"Authorization": "Bearer " + "m" * 24})
        assert response.status_code == 200 and "stockbot_outbox_messages" in response.text


@pytest.mark.slow
def test_multiprocess_mode_sums_every_process(
    tmp_path: Path, database_url: str, engine: Engine
) -> None:
    """Two processes count; a scrape in a third gives the sum of both."""
    directory = tmp_path / "prom"
    directory.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory), "PYTHONPATH": str(ROOT)}
    count = (
        "from bot.operations.metrics import WEBHOOKS; "
        "WEBHOOKS.labels(provider='meta', result='stored').inc(3)"
    )
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count], env=env, check=True, timeout=60)
    scrape_code = (
        "from bot.operations.metrics import exposition; from bot.db.engine import create_db_engine;"
        "from tests.conftest import make_settings; import sys;"
        f"url = {database_url!r};"
        "sys.stdout.write(exposition(create_db_engine(url), make_settings(url)).decode())"
    )
    out = subprocess.run(
        [sys.executable, "-c", scrape_code],
        env=env,
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    ).stdout
    assert 'stockbot_webhooks_received_total{provider="meta",result="stored"} 6.0' in out


def test_readyz_checks_the_database_and_its_schema(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    from bot.db.engine import create_db_engine, upgrade_schema

    # The test database is made without migrations: it has no revision, so it is not ready.
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["schema"]["current"] == ""
    url = f"sqlite:///{tmp_path / 'ready.db'}"
    upgrade_schema(url)
    migrated = create_db_engine(url)
    with TestClient(
        create_app(make_settings(url), engine=migrated, run_background=False)
    ) as client:
        response = client.get("/readyz")
    migrated.dispose()
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready" and body["schema"]["current"] == body["schema"]["expected"]


def test_readyz_without_a_database(tmp_path: Path) -> None:
    from bot.db.engine import create_db_engine

    url = f"sqlite:///{tmp_path / 'missing' / 'db.sqlite'}"
    with TestClient(
        create_app(make_settings(url), engine=create_db_engine(url), run_background=False)
    ) as client:
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["database"] == "unreachable"


def test_an_answer_not_understood_and_a_declined_confirmation_are_counted(bot: Bot) -> None:
    before = scrape(bot.client)
    for i, words in enumerate(["vente 2 farine", "blablabla xyz", "non"]):
        bot.deliver(text_webhook(f"wamid.D{i}", sender=AWA[1:], body=words))
    after = scrape(bot.client)

    def grew(outcome: str) -> float:
        name = "stockbot_conversations_total"
        return value(after, name, outcome=outcome) - value(before, name, outcome=outcome)

    # The question asked again after `blablabla xyz`; `non`: nothing recorded.
    assert (grew("misunderstood"), grew("cancelled"), grew("recorded")) == (1, 1, 0)
