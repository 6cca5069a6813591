"""Reading the pause never lifts it; only a worker holding other credentials, or --resume."""

from __future__ import annotations

from sqlalchemy import Engine

from bot.db.engine import transaction
from bot.outbound.messages import Text
from bot.outbound.pause import resume_sending
from bot.outbound.service import AlertService
from tests.bot.outbound.helpers import MANAGER, meta_settings, open_window, queue, run_worker
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
