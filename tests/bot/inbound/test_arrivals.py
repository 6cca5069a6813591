"""Deliveries being received, and the processor giving way to them (`bot.inbound.arrivals`)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient
from starlette.types import Receive, Scope

from bot.app import AppContext, create_app
from bot.inbound.arrivals import ARRIVALS, Arrivals
from bot.settings import Settings
from bot.webhooks import meta as meta_webhook
from tests.bot.inbound.helpers import PATH, signed_headers, text_webhook


def test_giving_way_waits_while_deliveries_are_received_and_ends_with_the_last() -> None:
    arrivals = Arrivals()
    assert not arrivals.busy and arrivals.give_way(0)  # nothing received: no wait
    outcome: list[bool] = []
    with arrivals.receiving():
        with arrivals.receiving():
            assert arrivals.busy and not arrivals.give_way(0)
        assert arrivals.busy and not arrivals.give_way(0)  # one is still being received
        waiter = threading.Thread(target=lambda: outcome.append(arrivals.give_way(30)))
        waiter.start()
    waiter.join()
    # Woken by the end (and the quiet moment after it), not by the 30 s.
    assert outcome == [True] and not arrivals.busy


def test_deliveries_that_ended_together_a_moment_ago_still_count_as_coming_in() -> None:
    """A group commit acknowledges its deliveries together; their clients send the next ones a
    moment later: the processor does not take that moment for the end of the burst. A lone
    delivery's message is not held back."""
    arrivals = Arrivals()
    with arrivals.receiving():
        pass
    assert not arrivals.busy and arrivals.give_way(0)  # a lone one: its message goes at once
    with arrivals.receiving(), arrivals.receiving():
        pass
    assert arrivals.busy and not arrivals.give_way(0)  # two just ended: more may follow
    assert arrivals.give_way(30) and not arrivals.busy


def test_a_failing_delivery_still_ends_its_reception() -> None:
    arrivals = Arrivals()
    with pytest.raises(RuntimeError), arrivals.receiving():
        raise RuntimeError("boom")
    assert arrivals.give_way(30) and not arrivals.busy


def test_a_delivery_is_being_received_while_its_webhook_is_handled(
    settings: Settings, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    async def receive_delivery(ctx: AppContext, scope: Scope, receive: Receive) -> int:
        seen.append(ARRIVALS.busy)
        return 200

    monkeypatch.setattr(meta_webhook, "receive_delivery", receive_delivery)
    body = text_webhook("wamid.ARRIVING")
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        assert client.post(PATH, content=body, headers=signed_headers(body)).status_code == 200
        assert client.get("/healthz").status_code == 200  # not a delivery
    assert seen == [True] and ARRIVALS.give_way(30)
