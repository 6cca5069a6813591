from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.alerts.levels import AlertAction, OpenAlert, decide, level_for
from bot.db.models import AlertLevel

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
DAY = timedelta(hours=24)


def _decide(current: OpenAlert | None, quantity: int, threshold: int = 10) -> AlertAction:
    return decide(current, quantity=quantity, threshold=threshold).action


@pytest.mark.parametrize(
    ("quantity", "threshold", "level"),
    [
        (0, 10, AlertLevel.OUT),
        (0, 0, AlertLevel.OUT),
        (10, 10, AlertLevel.LOW),
        (1, 10, AlertLevel.LOW),
        (11, 10, None),
        (1, 0, None),
    ],
)
def test_level_for(quantity: int, threshold: int, level: AlertLevel | None) -> None:
    assert level_for(quantity, threshold) == level


def test_no_alert_and_above_threshold_does_nothing() -> None:
    assert _decide(None, 11) == AlertAction.NOTHING


def test_no_alert_at_threshold_opens_low_or_out() -> None:
    low = decide(None, quantity=10, threshold=10)
    out = decide(None, quantity=0, threshold=10)
    assert (low.action, low.level, low.notifies) == (AlertAction.OPEN, AlertLevel.LOW, True)
    assert (out.action, out.level) == (AlertAction.OPEN, AlertLevel.OUT)


def test_open_alert_stays_quiet_until_the_renotification_period_has_passed() -> None:
    period_start = NOW - DAY
    for told, action in [
        (NOW - timedelta(hours=23), AlertAction.NOTHING),
        (NOW - DAY, AlertAction.NOTIFY),
        (NOW - 3 * DAY, AlertAction.NOTIFY),
    ]:
        current = OpenAlert(AlertLevel.LOW, told, 4)
        decision = decide(current, quantity=3, threshold=10, remind_before=period_start)
        assert decision.action == action
        # Without a period (an order is on its way), a movement never reminds.
        assert _decide(current, 3) == AlertAction.NOTHING


def test_low_to_out_escalates_even_just_notified() -> None:
    assert _decide(OpenAlert(AlertLevel.LOW, NOW, 4), 0) == AlertAction.ESCALATE


def test_out_again_after_back_to_low_escalates_no_more() -> None:
    # Told "out" (quantity 0), then 1 (low, quiet), then 0 again: nothing new to tell.
    back_to_low = OpenAlert(AlertLevel.LOW, NOW, 0)
    assert _decide(back_to_low, 0) == AlertAction.RELEVEL


def test_out_to_low_changes_level_without_push() -> None:
    decision = decide(OpenAlert(AlertLevel.OUT, NOW, 0), quantity=4, threshold=10)
    assert (decision.action, decision.level, decision.notifies) == (
        AlertAction.RELEVEL,
        AlertLevel.LOW,
        False,
    )


def test_an_alert_nobody_was_told_of_is_told_at_the_next_movement() -> None:
    untold = decide(OpenAlert(AlertLevel.LOW, None, 0), quantity=0, threshold=10)
    assert (untold.action, untold.level, untold.notifies) == (
        AlertAction.NOTIFY,
        AlertLevel.OUT,
        True,
    )


def test_back_above_threshold_resolves() -> None:
    assert _decide(OpenAlert(AlertLevel.OUT, NOW, 0), 11) == AlertAction.RESOLVE
