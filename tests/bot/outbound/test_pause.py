"""Reading the pause never lifts it; only a worker holding other credentials, or --resume."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import Engine

from bot.db.engine import transaction
from bot.outbound.messages import Text
from bot.outbound.pause import resume_sending
from bot.outbound.service import AlertService
from tests.bot.outbound.helpers import (
    MANAGER,
    OTHER,
    meta_settings,
    open_window,
    queue,
    run_worker,
)
from tests.conftest import make_settings
from tests.fakes.graph import FakeGraph


def test_status_from_another_environment_leaves_the_pause(
    fake_graph: FakeGraph, database_url: str, engine: Engine
) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    stale = meta_settings(database_url, fake_graph, whatsapp_api_token="stale-token")
    assert run_worker(stale, engine).paused.startswith("190")
    # `stockbot status` from a shell without the token (sandbox settings): read only.
    elsewhere = AlertService(make_settings(database_url), engine).get_status()
    assert elsewhere.paused and elsewhere.credentials_changed
    here = AlertService(stale, engine).get_status()
    assert here.paused and not here.credentials_changed
    assert here.as_dict()["pause_reason"].startswith("190")
    # Still paused for the worker with the same stale token: nothing more is sent.
    requests = len(fake_graph.requests)
    assert run_worker(stale, engine).paused
    assert len(fake_graph.requests) == requests


def test_resume_by_hand(fake_graph: FakeGraph, database_url: str, engine: Engine) -> None:
    open_window(engine, [MANAGER])
    queue(engine, MANAGER, Text("un"))
    stale = meta_settings(database_url, fake_graph, whatsapp_api_token="stale-token")
    run_worker(stale, engine)
    with transaction(engine) as session:
        assert resume_sending(session)
    assert not AlertService(stale, engine).get_status().paused
    fake_graph.token = "stale-token"  # the account was fixed on Meta's side
    report = run_worker(stale, engine)
    assert report.sent == 1 and not report.paused


def test_a_worker_left_with_the_refused_token_stays_stopped_once_another_resumed(
    fake_graph: FakeGraph,
    database_url: str,
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A new token deployed on one worker lifts the pause; a worker still running with the old
    one must not send, meet 190 again and pause everyone, over and over."""
    open_window(engine, [MANAGER, OTHER])
    stale = meta_settings(database_url, fake_graph, whatsapp_api_token="stale-token")
    fresh = meta_settings(database_url, fake_graph)
    with caplog.at_level(logging.INFO):
        queue(engine, MANAGER, Text("un"))
        assert run_worker(stale, engine).paused.startswith("190")
        assert run_worker(fresh, engine).sent == 1  # lifts the pause
        refused = len(fake_graph.requests) - len(fake_graph.accepted)
        queue(engine, OTHER, Text("deux"))
        report = run_worker(stale, engine)
        assert report.paused.startswith("190") and report.sent == 0
        assert len(fake_graph.requests) - len(fake_graph.accepted) == refused  # no new 401
        assert AlertService(stale, engine).get_status().paused  # its `stockbot status` says so
        assert not AlertService(fresh, engine).get_status().paused
        assert run_worker(fresh, engine).sent == 1  # still sending: not paused again
    assert fake_graph.texts_to(MANAGER) == ["un"] and fake_graph.texts_to(OTHER) == ["deux"]
    critical = [r for r in caplog.records if r.levelno == logging.CRITICAL]
    assert len(critical) == 1
    # `--resume` forgets the refused token too: the operator says it works again.
    with transaction(engine) as session:
        assert resume_sending(session)
    fake_graph.token = "stale-token"
    queue(engine, MANAGER, Text("trois"))
    assert run_worker(stale, engine).sent == 1
