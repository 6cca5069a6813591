"""What a stock change means for a product's alert: a pure decision, no I/O.

One open alert per product at most. While it is open, movements stay quiet, except a drop to
`out` when the managers were last told `low` (a stronger message, once: stock going 0, 1, 0, 1…
does not push again), when nobody was told of it yet (no active manager when it opened), or when
they were last told before `remind_before` (the re-notification period has passed). Stock back
above the threshold resolves it; a later drop opens a new one. An alert that no movement touches
is reminded by the sweep (`bot.alerts.renotify`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.db.models import AlertLevel
from state import stock_level


class AlertAction(StrEnum):
    NOTHING = "nothing"
    OPEN = "open"  # no open alert: open one and notify
    ESCALATE = "escalate"  # out of stock, managers last told `low`: notify again, stronger
    NOTIFY = "notify"  # open alert nobody was told of yet, or told too long ago: tell now
    RELEVEL = "relevel"  # still at or below threshold, level changed (out -> low): no push
    RESOLVE = "resolve"  # back above the threshold


@dataclass(frozen=True, slots=True)
class OpenAlert:
    """The facts of the product's open alert that the decision needs."""

    level: AlertLevel
    last_notified_at: datetime | None  # None: nobody was told yet
    notified_quantity: int  # the quantity the managers were last told


@dataclass(frozen=True, slots=True)
class Decision:
    action: AlertAction
    level: AlertLevel | None = None  # the level the alert has afterwards (None when resolved)

    @property
    def notifies(self) -> bool:
        return self.action in (AlertAction.OPEN, AlertAction.ESCALATE, AlertAction.NOTIFY)


def level_for(quantity: int, threshold: int) -> AlertLevel | None:
    """`out` at zero, `low` at or below the threshold, None above it (`state.stock_level`)."""
    level = stock_level(quantity, threshold)
    return None if level == "ok" else AlertLevel(level)


def decide(
    current: OpenAlert | None,
    *,
    quantity: int,
    threshold: int,
    remind_before: datetime | None = None,
) -> Decision:
    """The action to take for a product now at `quantity`, given its open alert (if any).

    `remind_before`: an alert last told before this moment is told again (None: never).
    """
    level = level_for(quantity, threshold)
    if current is None:
        if level is None:
            return Decision(AlertAction.NOTHING)
        return Decision(AlertAction.OPEN, level)
    if level is None:
        return Decision(AlertAction.RESOLVE)
    if current.last_notified_at is None or (
        remind_before is not None and current.last_notified_at <= remind_before
    ):
        return Decision(AlertAction.NOTIFY, level)
    if level == AlertLevel.OUT and current.notified_quantity > 0:
        return Decision(AlertAction.ESCALATE, level)
    if level != current.level:
        return Decision(AlertAction.RELEVEL, level)
    return Decision(AlertAction.NOTHING, level)
