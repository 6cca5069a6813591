"""Prometheus metrics: `GET /metrics` in the text format (prometheus-client).

Two kinds:
- what happens in a process (webhooks received, processing time, sends and their latency, rate
  waits, pauses, conversation outcomes, intents) is counted where it happens, with the counters
  below. With several worker processes on one host, set `PROMETHEUS_MULTIPROC_DIR` to an empty
  directory shared by them (prometheus-client's multiprocess mode): every process writes its
  values there and a scrape of any of them sums them up.
- what the database knows (the inbound backlog and its oldest message, the outbox by status and
  its oldest queued message, alerts opened and notified, sending paused) is read at scrape time
  (`DatabaseCollector`), so every process reports the same, true figures.

`METRICS_TOKEN`, when set, is required as `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import Engine, func, select
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from bot.clock import utcnow
from bot.db.models import Alert, InboundMessage, OutboundMessage, OutboundStatus
from bot.outbound.account_limit import current_limit
from bot.outbound.pause import pause_for
from bot.settings import Settings

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
# In one process, our own registry (the default one would also carry whatever else registers);
# in multiprocess mode the values live in files and a registry is built per scrape.
REGISTRY = CollectorRegistry(auto_describe=True)
_registry = None if MULTIPROCESS else REGISTRY

WEBHOOKS = Counter(
    "stockbot_webhooks_received",
    "Webhook deliveries received, by provider and result (stored, unauthorized, too_large, "
    "bad_request, unavailable).",
    ["provider", "result"],
    registry=_registry,
)
PROCESSING = Histogram(
    "stockbot_inbound_processing_seconds",
    "Time to process one stored inbound message (conversation, stock, replies queued).",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=_registry,
)
INBOUND = Counter(
    "stockbot_inbound_messages",
    "Inbound messages processed, by type (text, button, media…) and result (answered, "
    "no_reply, held, refused, failed).",
    ["type", "result"],
    registry=_registry,
)
SENDS = Counter(
    "stockbot_sends",
    "Send attempts by provider, result (sent, retry, failed, fallback) and error code.",
    ["provider", "result", "code"],
    registry=_registry,
)
SEND_LATENCY = Histogram(
    "stockbot_send_latency_seconds",
    "Time the provider took to answer a send.",
    ["provider"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15),
    registry=_registry,
)
RATE_WAIT = Histogram(
    "stockbot_rate_limit_wait_seconds",
    "Time a send waited for its slot of the number's rate (slower for a while after a 130429).",
    buckets=(0.001, 0.01, 0.05, 0.1, 0.5, 1, 2, 5),
    registry=_registry,
)
PAUSES = Counter(
    "stockbot_sending_pauses",
    "Times sending was paused (credentials or account refused), by error code.",
    ["code"],
    registry=_registry,
)
CONVERSATIONS = Counter(
    "stockbot_conversations",
    "Conversation turns by outcome: recorded (a sale, receipt, order… was recorded), "
    "cancelled, expired (an answer came after the question expired), misunderstood.",
    ["outcome"],
    registry=_registry,
)
INTENTS = Counter(
    "stockbot_intents",
    "Typed messages by the intent read in them (unknown when none).",
    ["intent"],
    registry=_registry,
)


class DatabaseCollector(Collector):
    """Figures read from the database at each scrape."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings

    def collect(self) -> Iterator[Metric]:
        now = utcnow()
        inbound = InboundMessage.__table__  # type: ignore[attr-defined]
        outbox = OutboundMessage.__table__  # type: ignore[attr-defined]
        alerts = Alert.__table__  # type: ignore[attr-defined]
        with Session(self.engine) as session, session.begin():
            connection = session.connection()
            backlog, oldest_inbound = connection.execute(
                select(func.count(), func.min(inbound.c.received_at)).where(
                    inbound.c.processed_at.is_(None)
                )
            ).one()
            by_status: dict[str, int] = dict(
                connection.execute(
                    select(outbox.c.status, func.count()).group_by(outbox.c.status)
                ).all()
            )
            oldest_queued = connection.execute(
                select(func.min(outbox.c.created_at)).where(
                    outbox.c.status.in_((OutboundStatus.QUEUED.value, OutboundStatus.SENDING.value))
                )
            ).scalar()
            opened, notified = connection.execute(
                select(func.count(), func.count(alerts.c.last_notified_at))
            ).one()
            paused = pause_for(session, self.settings) is not None
            limit = current_limit(session, now)
        yield _gauge("stockbot_inbound_backlog", "Inbound messages not processed yet.", backlog)
        yield _gauge(
            "stockbot_inbound_oldest_age_seconds",
            "Age of the oldest unprocessed inbound message (0 when none).",
            _age(now, oldest_inbound),
        )
        statuses = GaugeMetricFamily(
            "stockbot_outbox_messages", "Outbox rows by status.", labels=["status"]
        )
        for status in OutboundStatus:
            statuses.add_metric([status.value], float(by_status.get(status.value, 0)))
        yield statuses
        yield _gauge(
            "stockbot_outbox_oldest_queued_age_seconds",
            "Age of the oldest message still to send (0 when none).",
            _age(now, oldest_queued),
        )
        yield CounterMetricFamily(
            "stockbot_alerts_opened", "Low-stock alerts ever opened.", value=float(opened)
        )
        yield CounterMetricFamily(
            "stockbot_alerts_notified",
            "Alerts whose managers were told at least once.",
            value=float(notified),
        )
        yield _gauge(
            "stockbot_sending_paused", "1 while sending is paused for every worker.", paused
        )
        yield _gauge(
            "stockbot_sending_rate_limited",
            "1 while Meta's app or account rate limit (4, 80007) has lasted 5 min or more: "
            "sending is held and resumes by itself.",
            limit is not None and limit.lasting(now),
        )


def _gauge(name: str, documentation: str, value: float | int | bool) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=float(value))


def _age(now: datetime, moment: datetime | None) -> float:
    return max(0.0, (now - moment).total_seconds()) if moment is not None else 0.0


def exposition(engine: Engine, settings: Settings) -> bytes:
    """The text every scrape gets: this process's (or all processes') counters and the
    database's figures."""
    registry = CollectorRegistry(auto_describe=False)
    if MULTIPROCESS:
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_Forward(REGISTRY))
    registry.register(DatabaseCollector(engine, settings))
    return generate_latest(registry)


class _Forward(Collector):
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

    def collect(self) -> Iterator[Metric]:
        yield from self.registry.collect()


async def metrics_endpoint(request: Request) -> Response:
    """`GET /metrics`."""
    from starlette.concurrency import run_in_threadpool

    ctx: Any = request.app.state.ctx
    token = ctx.settings.secret("metrics_token")
    if token:
        given = request.headers.get("authorization", "")
        expected = f"Bearer {token}"
        if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode()):
            return PlainTextResponse("Unauthorized", status_code=401)
    body = await run_in_threadpool(exposition, ctx.engine, ctx.settings)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
