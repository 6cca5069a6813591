"""Sends left in doubt: started, but their answer never came back.

Meta's API has no idempotency key: a send whose answer never came back (its worker was killed, or
it timed out) may or may not have reached the recipient, and sending it again may give them the
message twice. The window is kept small instead:

- the worker commits `sending_started_at` (the "in flight" mark) before each send (before the
  send waits for its rate slot: usually milliseconds earlier), and clears it when it records the
  answer. A row a dead worker held without that mark was never
  sent: whoever takes it back sends it at once;
- a row taken back with the mark (or queued again after a timeout, which keeps it) is in doubt.
  It is settled as sent, never sent again, by a `sent`, `delivered` or `read` status that the
  webhooks stored for it (`confirmations`); without one, it waits until
  `outbox_status_grace_seconds` after its send timed out (`resend_at`), then goes again.
  Meanwhile it stays first in its recipient's line (the later rows to that recipient wait for
  it, the grace period at most).

What a status must show to settle a row (its message id is unknown: the answer that held it was
lost), among the statuses received for the row's recipient since its send started (less
`CLOCK_SKEW`):

- Meta: every send carries `biz_opaque_callback_data` = `send_tag(row id, started)`, which Meta
  echoes in the statuses: a status tagged with the row's id settles it (whichever of its sends
  the tag names: the message reached the recipient once). A status tagged for another row never
  settles this one;
- untagged (Twilio, which has no such field, or a Meta status without the echo): the first status
  of the recipient (their number, their WhatsApp id or user id) for a message id no outbox row
  knows, timestamped no earlier than the send's start. The outbox sends one row at a time per
  recipient, so such a status can only be this row's, unless something other than stockbot
  (the WhatsApp Business app on the same number) wrote to that person at the same moment:
  then the row is wrongly taken as sent, once, rather than sent twice.

A settled row is written as sent with the status's message id (its later statuses then apply as
for any row) and its recorded statuses applied (`apply_recorded_statuses`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Protocol

from sqlalchemy import Connection, bindparam, select, update
from sqlmodel import Session

from bot.db.lists import any_of
from bot.db.models import Contact, DeliveryStatus, OutboundMessage, OutboundStatus
from bot.inbound.statuses import apply_recorded_statuses
from bot.phones import wa_digits
from bot.settings import Settings

logger = logging.getLogger(__name__)

T = OutboundMessage.__table__  # type: ignore[attr-defined]
C = Contact.__table__  # type: ignore[attr-defined]
D = DeliveryStatus.__table__  # type: ignore[attr-defined]

TAG_PREFIX = "stockbot-outbox:"
TAG_KEY = "biz_opaque_callback_data"  # where Meta echoes the tag in a status
# Meta's status timestamps are whole seconds, and its clock is not ours.
CLOCK_SKEW = timedelta(seconds=5)
CONFIRMING = ("sent", "delivered", "read", "played")
SETTLED_NOTE = "réponse d'envoi perdue ; envoi confirmé par le statut de livraison"


class Doubtful(Protocol):
    """A claimed row whose last send started (`started_at`) with no answer recorded."""

    @property
    def id(self) -> int: ...
    @property
    def recipient(self) -> str: ...
    @property
    def started_at(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A status that shows a send in doubt went out."""

    provider: str
    message_id: str
    occurred_at: datetime


def send_tag(row_id: int, started: datetime) -> str:
    """What a send carries for its statuses to name its row (`biz_opaque_callback_data`)."""
    return f"{TAG_PREFIX}{row_id}:{_moment(started, started.tzinfo)}"


@lru_cache(maxsize=64)
def _moment(started: datetime, tzinfo: tzinfo | None) -> str:
    """`started` as a tag writes it, formatted once for the sends marked together (strftime
    cost as much as the request's JSON). Keyed by the zone too: equal moments in two zones
    are written differently."""
    return f"{started:%Y%m%dT%H%M%S.%f}"


def tagged_row(tag: object) -> int | None:
    """The row id a stockbot tag names; None for anything else."""
    if not isinstance(tag, str) or not tag.startswith(TAG_PREFIX):
        return None
    head = tag[len(TAG_PREFIX) :].split(":", 1)[0]
    return int(head) if head.isdecimal() else None


def resend_at(started: datetime, settings: Settings) -> datetime:
    """When a send in doubt that started at `started`, still unconfirmed, goes again."""
    seconds = settings.outbox_send_timeout_seconds + settings.outbox_status_grace_seconds
    return started + timedelta(seconds=seconds)


def confirmations(connection: Connection, rows: Sequence[Doubtful]) -> dict[int, Confirmation]:
    """The statuses that settle some of `rows` (sends in doubt), by row id; see the docstring."""
    rows = [row for row in rows if row.started_at is not None]
    if not rows:
        return {}
    names = _recipient_names(connection, sorted({row.recipient for row in rows}))
    since = min(row.started_at for row in rows if row.started_at is not None) - CLOCK_SKEW
    everyone = sorted({name for row in rows for name in names[row.recipient]})
    statuses = [
        _Status(provider, message_id, recipient, occurred_at, _tag(payload))
        for provider, message_id, recipient, occurred_at, payload in connection.execute(
            _STATUSES, {"names": everyone, "since": since, "states": list(CONFIRMING)}
        )
    ]
    if not statuses:
        return {}
    ids = sorted({status.message_id for status in statuses})
    known = set(connection.execute(_KNOWN, {"ids": ids}).scalars())
    found: dict[int, Confirmation] = {}
    used: set[str] = set()
    for tagged in (True, False):  # a tag names its row: those first
        for row in rows:
            if row.id in found:
                continue
            match = _match(row, statuses, names[row.recipient], known | used, tagged=tagged)
            if match is not None:
                found[row.id] = match
                used.add(match.message_id)
    return found


@dataclass(frozen=True, slots=True)
class _Status:
    provider: str
    message_id: str
    recipient: str
    occurred_at: datetime
    tag: str


def _tag(payload: object) -> str:
    tag = payload.get(TAG_KEY) if isinstance(payload, dict) else None
    return tag if isinstance(tag, str) else ""


def _match(
    row: Doubtful, statuses: Sequence[_Status], names: set[str], excluded: set[str], *, tagged: bool
) -> Confirmation | None:
    assert row.started_at is not None
    earliest = row.started_at - CLOCK_SKEW
    for status in statuses:
        if status.recipient not in names or status.message_id in excluded:
            continue
        owner = tagged_row(status.tag)
        if (tagged and owner == row.id) or (
            not tagged and owner is None and status.occurred_at >= earliest
        ):
            return Confirmation(status.provider, status.message_id, status.occurred_at)
    return None


def _recipient_names(connection: Connection, recipients: list[str]) -> dict[str, set[str]]:
    """What a status may call each recipient: the number as stored, Meta's digits, the
    contact's WhatsApp id and business-scoped user id."""
    names: dict[str, set[str]] = defaultdict(set)
    for recipient in recipients:
        names[recipient].update({recipient, wa_digits(recipient)})
    for phone, wa_id, user_id in connection.execute(_CONTACT_IDS, {"phones": recipients}):
        names[phone].update(name for name in (wa_id, user_id) if name)
    return names


def settle(connection: Connection, confirmed: dict[int, Confirmation], *, now: datetime) -> None:
    """Write the confirmed rows as sent, then apply their recorded statuses; in the claim's
    transaction (the rows are claimed by the caller)."""
    if not confirmed:
        return
    connection.execute(
        _SETTLE,
        [
            {"b_id": row_id, "b_provider": c.provider, "b_mid": c.message_id, "b_at": c.occurred_at}
            | {"b_now": now}
            for row_id, c in sorted(confirmed.items())
        ],
    )
    with Session(bind=connection) as session:  # joins the connection's transaction
        for row_id, confirmation in sorted(confirmed.items()):
            logger.info(
                "outbox: message %d was in doubt; status %s confirms it went out",
                row_id,
                confirmation.message_id,
            )
            apply_recorded_statuses(session, confirmation.message_id, now=now)
        session.flush()


_STATUSES = (
    select(D.c.provider, D.c.provider_message_id, D.c.recipient, D.c.occurred_at, D.c.payload)
    .where(
        any_of(D.c.recipient, "names"),
        D.c.received_at >= bindparam("since", type_=D.c.received_at.type),
        any_of(D.c.status, "states"),
    )
    .order_by(D.c.occurred_at, D.c.id)
)
_KNOWN = select(T.c.provider_message_id).where(any_of(T.c.provider_message_id, "ids"))
_CONTACT_IDS = select(C.c.phone, C.c.wa_id, C.c.user_id).where(any_of(C.c.phone, "phones"))
_SETTLE = (
    update(T)
    .where(T.c.id == bindparam("b_id"))
    .values(
        status=OutboundStatus.SENT.value,
        provider=bindparam("b_provider"),
        provider_message_id=bindparam("b_mid"),
        sent_at=bindparam("b_at", type_=T.c.sent_at.type),
        attempts=T.c.attempts + 1,
        sending_started_at=None,
        last_error_text=SETTLED_NOTE,
        locked_until=None,
        locked_by=None,
        updated_at=bindparam("b_now", type_=T.c.updated_at.type),
    )
)
