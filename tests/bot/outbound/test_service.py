"""AlertService (the old guide's operations) and enqueue_many, on the outbox."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine

from bot.db.engine import transaction
from bot.outbound.messages import Button, Buttons, Text
from bot.outbound.outbox import FALLBACK_KEY, SPLIT_KEY, enqueue, enqueue_many
from bot.outbound.service import CLOSED_WINDOW, AlertService
from bot.settings import Settings
from tests.bot.outbound.helpers import ALERT_TEMPLATE, MANAGER, OTHER, hours_ago, open_window, rows


def test_send_bulk_alerts_gives_one_result_per_number(settings: Settings, engine: Engine) -> None:
    open_window(engine, [MANAGER, OTHER])
    open_window(engine, ["+221709876543"], at=hours_ago(30))
    numbers = [
        "+221771234567",
        "77 000",
        "76 111 22 33",
        "221771234567",  # the first one again, written differently
        "+221709876543",  # window closed and no template
        "",
    ]
    results = AlertService(settings, engine).send_bulk_alerts(numbers, "Rupture : riz")
    assert [r.number for r in results] == numbers
    assert [r.queued for r in results] == [True, False, True, False, False, False]
    valid, invalid, other, duplicate, closed, empty = results
    assert valid.recipient == MANAGER and other.recipient == OTHER
    assert "invalide" in invalid.reason and "invalide" in empty.reason
    assert duplicate.reason == "en double : même numéro que « +221771234567 »"
    assert closed.reason == CLOSED_WINDOW
    queued = rows(engine)
    assert [r.recipient for r in queued] == [MANAGER, OTHER]
    assert [r.id for r in queued] == [valid.message_ids[0], other.message_ids[0]]


def test_with_a_template_a_closed_window_is_no_refusal(settings: Settings, engine: Engine) -> None:
    [result] = AlertService(settings, engine).send_bulk_alerts(
        ["+221709876543"], "Rupture : riz", fallback=ALERT_TEMPLATE
    )
    assert result.queued
    [row] = rows(engine)
    assert row.payload[FALLBACK_KEY]["name"] == "alerte_rupture_stock"


def test_an_empty_text_is_refused_in_french(settings: Settings, engine: Engine) -> None:
    open_window(engine, [MANAGER])
    [result] = AlertService(settings, engine).send_bulk_alerts([MANAGER], "  ")
    assert not result.queued and result.reason == "le texte du message est vide"


def test_get_status_counts_and_oldest(settings: Settings, engine: Engine) -> None:
    open_window(engine, [MANAGER])
    with transaction(engine) as session:
        enqueue(session, MANAGER, Text("vieux"), now=hours_ago(1))
    status = AlertService(settings, engine).get_status().as_dict()
    assert status["provider"] == "sandbox" and status["enabled"] is True
    assert status["paused"] is False and status["credentials_changed"] is False
    assert status["counts"]["queued"] == 1 and status["counts"]["sent"] == 0
    assert 3590 <= status["oldest_queued_seconds"] <= 3700


def test_enqueue_many_writes_what_enqueue_writes(engine: Engine) -> None:
    message = Buttons("Rupture : riz", (Button("a", "Commander"), Button("b", "Plus tard")))
    long_text = ("Huile 5L : 2 bidons.\n" * 300).strip()  # 2 parts
    now = hours_ago(0)
    with transaction(engine) as session:
        for recipient in (MANAGER, OTHER):
            enqueue(session, recipient, message, alert_id=None, fallback=ALERT_TEMPLATE, now=now)
        enqueue(session, MANAGER, long_text, now=now)
    one_by_one = [(r.recipient, r.kind, r.payload) for r in rows(engine)]
    with transaction(engine) as session:
        written = enqueue_many(
            session,
            [(MANAGER, message), (OTHER, message)],
            fallback=ALERT_TEMPLATE,
            now=now,
        )
        written += enqueue_many(session, [(MANAGER, long_text)], now=now)
    assert written == 4
    every = rows(engine)
    together = [(r.recipient, r.kind, r.payload) for r in every[4:]]

    def without_split(items: list[tuple[str, str, dict[str, object]]]) -> list[object]:
        return [(r, k, {key: v for key, v in p.items() if key != SPLIT_KEY}) for r, k, p in items]

    assert without_split(together) == without_split(one_by_one)
    assert every[7].payload[SPLIT_KEY] == every[6].id  # the later part points at its first
    assert all(r.status == "queued" and r.attempts == 0 for r in every)


def test_enqueue_many_gives_each_recipient_its_own_message(engine: Engine) -> None:
    """Messages made one by one (a generator): each is freed once written, and a later one may
    get its id; the cache of serialised messages must not hand the later one the first's text."""

    def personal() -> Iterator[tuple[str, Text]]:
        for i in range(200):
            yield f"+2217712{i:05d}", Text(f"Bonjour client {i:03d}")

    with transaction(engine) as session:
        assert enqueue_many(session, personal()) == 200
    wrong = [r.recipient for r in rows(engine) if r.payload["body"][-3:] != r.recipient[-3:]]
    assert wrong == []
