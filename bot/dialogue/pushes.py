"""The alert push a manager's next message may answer.

A push asks a question ("Commander 20 sacs ?" [Commander] [Plus tard]) outside the conversation:
it is queued for every manager of the store inside a stock movement's transaction. Rather than
write into every manager's conversation then, the conversation looks the push up when the
manager writes: the latest single-alert push sent to them since their conversation last moved,
is the question waiting (its answer is read against the alert as it is then). A grouped push
(several alerts in one message) carries its first alert as the row's, so the same lookup finds
it; its payload lists them all, and it is restored as a `SummaryPushed`. A message quoting a
push (WhatsApp's reply to a message) answers that one instead (`quoted_push`), within the day.

A batch of messages reads its managers' latest pushes in one statement (`pushes_ahead`); each
`pending_push` takes its manager's from there, once. A push queued in the batch's own
transaction (`bot.alerts.push.queue_pushes`, the only writer of pushes) forgets them all, and so
does any write to alerts (`bot.db.cache`): the messages after it read their own. Another
process's push committed meanwhile is seen as if it had come a few milliseconds later.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func
from sqlmodel import Session, select

from bot.alerts.push import PUSHES_AHEAD, alert_push
from bot.db.cache import transaction_cache
from bot.db.lists import any_of
from bot.db.models import Alert, Manager, OutboundMessage, Product, Store
from bot.outbound.messages import Buttons
from bot.outbound.outbox import ALERTS_KEY, SPLIT_KEY
from state import Choice, PushAsked, Reply, SummaryPushed
from state.wording import recording, wording_of

# A push older than this is not what a bare "oui" answers (reminders push again).
ANSWERABLE = timedelta(hours=24)


def pending_push(
    session: Session, manager: Manager, *, since: datetime | None, after: int, now: datetime
) -> tuple[int, PushAsked | SummaryPushed] | None:
    """The push `manager` may be answering, with its outbox id: sent at or after `since` (the
    conversation's last save), after outbox row `after` (the last push restored) and within
    `ANSWERABLE`."""
    ahead = transaction_cache(session, PUSHES_AHEAD)
    if manager.phone in ahead:
        row = ahead.pop(manager.phone)
    else:
        row = session.connection().execute(_LATEST_PUSH, {"recipient": manager.phone}).first()
    if row is None:
        return None
    outbox_id, alert_id, pushed_at = row
    if outbox_id is None or outbox_id <= after:
        return None
    if (since is not None and pushed_at < since) or pushed_at < now - ANSWERABLE:
        return None
    return _asked(session, manager, outbox_id, alert_id)


def quoted_push(
    session: Session, manager: Manager, message_id: str, *, now: datetime
) -> tuple[int, PushAsked | SummaryPushed | None] | None:
    """The push `manager` answers by quoting it (WhatsApp's reply to a message: the inbound
    message's context names the push's provider id), within `ANSWERABLE`: that push, even when
    another came since or the conversation moved on after it; `(id, None)` when the push
    quoted is too old to answer (no other push is, then); None when no push is quoted."""
    row = (
        session.connection()
        .execute(_QUOTED_PUSH, {"recipient": manager.phone, "message_id": message_id})
        .first()
    )
    if row is None:
        return None
    if row.created_at < now - ANSWERABLE:
        return row.id, None
    return _asked(session, manager, row.id, row.alert_id) or (row.id, None)


def _asked(
    session: Session, manager: Manager, outbox_id: int, alert_id: int | None
) -> tuple[int, PushAsked | SummaryPushed] | None:
    """Outbox row `outbox_id`, a push of alert `alert_id`, as the question it asked."""
    grouped = _grouped(session, outbox_id)
    if grouped is not None:
        return outbox_id, grouped
    # Ordered or resolved since, the push is still the question: its answer is told who
    # decided, or that it was handled.
    alert = session.get(Alert, alert_id)
    product = session.get(Product, alert.product_id) if alert is not None else None
    store = session.get(Store, product.store_id) if product is not None else None
    if alert is None or product is None or store is None:
        return None
    with recording() as log:  # what its texts are made of: said again in another language
        shown = alert_push(alert, product, store, manager.language, None)
    assert isinstance(shown, Buttons) and alert.id is not None
    question = Reply(shown.body, buttons=tuple(Choice(b.id, b.title) for b in shown.buttons))
    return outbox_id, PushAsked(alert.id, product.sku, question, wording_of(question, log))


def _grouped(session: Session, outbox_id: int) -> SummaryPushed | None:
    """The grouped push of outbox row `outbox_id` (one of a split text's parts), as the
    question; None when the row is a single alert's push. Read only for a push that may be
    answered: the lookup itself reads no payload."""
    payload = session.connection().execute(_PAYLOAD, {"id": outbox_id}).scalar()
    if not isinstance(payload, dict):
        return None
    first = payload.get(SPLIT_KEY)
    if isinstance(first, int):  # a later part of a long list: its first part lists the alerts
        payload = session.connection().execute(_PAYLOAD, {"id": first}).scalar()
        if not isinstance(payload, dict):
            return None
    listed = payload.get(ALERTS_KEY)
    if not isinstance(listed, list) or not listed:
        return None
    body = payload.get("body")
    question = Reply(body if isinstance(body, str) else "")
    return SummaryPushed(tuple(int(i) for i in listed), question)


def pushes_ahead(session: Session, phones: Collection[str]) -> None:
    """Read the latest push to each of `phones` in one statement, for their `pending_push`."""
    wanted = list(dict.fromkeys(phones))
    if not wanted:
        return
    found: dict[str, Any] = dict.fromkeys(wanted)  # None: never pushed to
    for row in session.connection().execute(_LATEST_PUSHES, {"phones": wanted}):
        found[row.recipient] = (row.id, row.alert_id, row.created_at)
    transaction_cache(session, PUSHES_AHEAD).update(found)


# Built once: this runs for most messages a manager types.
_OUTBOX = OutboundMessage.__table__  # type: ignore[attr-defined]
_LATEST_PUSH = (
    select(_OUTBOX.c.id, _OUTBOX.c.alert_id, _OUTBOX.c.created_at)
    .where(_OUTBOX.c.recipient == bindparam("recipient"), _OUTBOX.c.alert_id.is_not(None))
    .order_by(_OUTBOX.c.id.desc())
    .limit(1)
)
_QUOTED_PUSH = select(_OUTBOX.c.id, _OUTBOX.c.alert_id, _OUTBOX.c.created_at).where(
    _OUTBOX.c.provider_message_id == bindparam("message_id"),
    _OUTBOX.c.recipient == bindparam("recipient"),
    _OUTBOX.c.alert_id.is_not(None),
)
_PAYLOAD = select(_OUTBOX.c.payload).where(_OUTBOX.c.id == bindparam("id"))
_LATEST_PUSHES = select(
    _OUTBOX.c.recipient, _OUTBOX.c.id, _OUTBOX.c.alert_id, _OUTBOX.c.created_at
).where(
    _OUTBOX.c.id.in_(
        select(func.max(_OUTBOX.c.id))
        .where(
            any_of(_OUTBOX.c.recipient, "phones"),
            _OUTBOX.c.alert_id.is_not(None),
        )
        .group_by(_OUTBOX.c.recipient)
    )
)
