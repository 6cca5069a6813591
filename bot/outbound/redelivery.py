"""A send the provider reports failed afterwards (a status webhook, a Twilio status callback),
classified like a refused send and acted on in the status's transaction.

One rule for both providers: the status's error code goes through the provider's own classifier
(`bot.transports.classify_status_error`, the one a refused send goes through), and the row is
- outside the window (Meta 131047, Twilio 63016): queued again as its fallback template, or left
  failed when it has none;
- Meta's app or account rate limit (4, 80007): the account is limited, not this message, as
  when a send's answer says so: queued again for the wait Meta asks, its attempt not counted
  (the send was refused, not tried), and the hold recorded for every worker
  (`bot/outbound/account_limit.py`): none sends into the limit meanwhile;
- retryable (rate limits 130429, 131056, 63018, 20429; temporary errors 131000, 131016…) or a
  credentials problem (190, 20003): queued again after the usual backoff. Attempts and age limits
  still end it (the claim fails a row out of attempts). A credentials problem pauses sending when
  the retry meets it: pausing needs the worker's credentials (see `bot/outbound/pause.py`).
  The later parts of its split text that went out meanwhile are queued again too
  (`requeue_later_parts`), so the text ends up whole and in order after the re-sent part. Order
  cannot be restored for independent later messages to the same person already delivered (a
  confirmation sent after it): the re-sent row arrives after them;
- permanent (131026, 63003, a policy block…): left failed with its code and reason, and the later
  parts of its split text fail too.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.db.models import OutboundMessage, OutboundStatus
from bot.errors import OutsideWindowError, RetryableSendError, StopSending
from bot.outbound.account_limit import note_limit
from bot.outbound.outbox import (
    fail_later_parts,
    requeue_later_parts,
    split_group,
    switch_to_fallback,
)
from bot.outbound.policy import retry_at
from bot.transports import classify_status_error
from bot.transports.base import AccountBlocked, AccountRateLimited


def after_failed_delivery(
    session: Session, row: OutboundMessage, *, provider: str, code: str, title: str, now: datetime
) -> bool:
    """Act on `row`, which a failed status has just marked failed; True when queued again."""
    error = classify_status_error(provider, code, title)
    if isinstance(error, OutsideWindowError):
        return switch_to_fallback(row, now)
    if isinstance(error, RetryableSendError) or (
        isinstance(error, StopSending) and not isinstance(error, AccountBlocked)
    ):
        retry_after = error.retry_after if isinstance(error, RetryableSendError) else None
        row.status = OutboundStatus.QUEUED.value
        row.next_attempt_at = retry_at(now, max(row.attempts, 1), retry_after)
        if isinstance(error, AccountRateLimited):
            # Every worker holds for Meta's wait, as when a send meets the limit: not this row's
            # own backoff, which grows with the row's earlier failures.
            wait = error.retry_after or 0.0
            note_limit(session, code=error.code_text(), reason=str(error), now=now, wait=wait)
            row.attempts = max(row.attempts - 1, 0)  # refused by the limit: not an attempt
        row.provider_message_id = None  # late statuses of the failed send must not match
        row.locked_until = None
        row.locked_by = None
        row.updated_at = now
        assert row.id is not None
        group = split_group(row.id, row.kind, row.payload)
        if group is not None:
            requeue_later_parts(
                session.connection(),
                recipient=row.recipient,
                group=group,
                after=row.id,
                code=code or "retry",
                now=now,
            )
        return True
    assert row.id is not None
    group = split_group(row.id, row.kind, row.payload)
    if group is not None:
        fail_later_parts(
            session.connection(),
            recipient=row.recipient,
            group=group,
            after=row.id,
            code=code or "failed",
            reason=title or code or "échec de la livraison",
            now=now,
        )
    return False


def after_account_error(
    session: Session, *, provider: str, code: str, title: str, now: datetime
) -> bool:
    """An error a webhook reports for the app or the account, with no message of ours (Meta's
    `value.errors`): its rate limit (4, 80007) holds every worker's sends as when a send meets
    it; other errors are only kept raw for the operator. Whether it was that limit."""
    error = classify_status_error(provider, code, title)
    if not isinstance(error, AccountRateLimited):
        return False
    wait = error.retry_after or 0.0
    note_limit(session, code=error.code_text(), reason=str(error), now=now, wait=wait)
    return True
