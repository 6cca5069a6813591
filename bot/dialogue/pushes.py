"""The alert push a manager's next message may answer.

A push asks a question ("Commander 20 sacs ?" [Commander] [Plus tard]) outside the conversation:
it is queued for every manager of the store inside a stock movement's transaction. Rather than
write into every manager's conversation then, the conversation looks the push up when the
manager writes: the latest single-alert push sent to them since their conversation last moved,
is the question waiting (its answer is read against the alert as it is then).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam
from sqlmodel import Session, select

from bot.alerts.push import alert_push
from bot.db.models import Alert, Manager, OutboundMessage, Product, Store
from bot.outbound.messages import Buttons
from state import Choice, PushAsked, Reply

# A push older than this is not what a bare "oui" answers (reminders push again).
ANSWERABLE = timedelta(hours=24)


def pending_push(
    session: Session, manager: Manager, *, since: datetime | None, after: int, now: datetime
) -> tuple[int, PushAsked] | None:
    """The push `manager` may be answering, with its outbox id: sent at or after `since` (the
    conversation's last save), after outbox row `after` (the last push restored) and within
    `ANSWERABLE`."""
    row = session.execute(_LATEST_PUSH, {"recipient": manager.phone}).first()
    if row is None:
        return None
    outbox_id, alert_id, pushed_at = row
    if outbox_id is None or outbox_id <= after:
        return None
    if (since is not None and pushed_at < since) or pushed_at < now - ANSWERABLE:
        return None
    # Ordered or resolved since, the push is still the question: its answer is told who
    # decided, or that it was handled.
    alert = session.get(Alert, alert_id)
    product = session.get(Product, alert.product_id) if alert is not None else None
    store = session.get(Store, product.store_id) if product is not None else None
    if alert is None or product is None or store is None:
        return None
    shown = alert_push(alert, product, store, manager.language, None)
    assert isinstance(shown, Buttons) and alert.id is not None
    question = Reply(shown.body, buttons=tuple(Choice(b.id, b.title) for b in shown.buttons))
    return outbox_id, PushAsked(alert.id, product.sku, question)


# Built once: this runs for most messages a manager types.
_OUTBOX = OutboundMessage.__table__  # type: ignore[attr-defined]
_LATEST_PUSH = (
    select(_OUTBOX.c.id, _OUTBOX.c.alert_id, _OUTBOX.c.created_at)
    .where(_OUTBOX.c.recipient == bindparam("recipient"), _OUTBOX.c.alert_id.is_not(None))
    .order_by(_OUTBOX.c.id.desc())
    .limit(1)
)
