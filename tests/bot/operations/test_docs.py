"""The operations guide's dashboard and alert rules name metrics `/metrics` serves."""

from __future__ import annotations

import json
import re
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine

from bot.operations.metrics import exposition
from bot.settings import Settings

DOCS = Path(__file__).resolve().parents[3] / "docs"
_NAME = re.compile(r"\bstockbot_[a-z_]+")


def served(engine: Engine, settings: Settings) -> set[str]:
    text = exposition(engine, settings).decode()
    names = set()
    for family in text_string_to_metric_families(text):
        names.add(family.name)
        names.update(sample.name for sample in family.samples)
    return names


def test_the_dashboard_and_the_alerts_use_served_metrics(
    engine: Engine, settings: Settings
) -> None:
    from bot.operations import metrics

    # Histograms and labelled counters appear once something was counted.
    metrics.SEND_LATENCY.labels("meta").observe(0.1)
    metrics.SENDS.labels("meta", "sent", "").inc(0)
    metrics.WEBHOOKS.labels("meta", "stored").inc(0)
    metrics.PAUSES.labels("190").inc(0)
    metrics.CONVERSATIONS.labels("recorded").inc(0)
    metrics.INTENTS.labels("sale").inc(0)
    metrics.INBOUND.labels("text", "answered").inc(0)
    names = served(engine, settings)
    dashboard = json.loads((DOCS / "grafana-dashboard.json").read_text())
    exprs = [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    used = {name for expr in exprs for name in _NAME.findall(expr)}
    guide = (DOCS / "operations.md").read_text()
    used |= set(_NAME.findall(guide))
    assert len(dashboard["panels"]) >= 12
    assert used and used <= names, sorted(used - names)
