"""Pure rules of the outbox: the 24-hour window, retry delays, when to give up."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

WINDOW = timedelta(hours=24)
# Kinds Meta only accepts inside the customer-service window (templates and read receipts are
# not free-form messages).
NEEDS_WINDOW = frozenset({"text", "buttons", "list", "reaction"})
BACKOFF_BASE_SECONDS = 1.0
BACKOFF_CAP_SECONDS = 15 * 60.0
# The longest wait a provider's hint can ask for (131049 asks for a day); beyond it, or a hint
# that is no number at all (inf, nan), the row waits this long: its age limit then ends it.
RETRY_AFTER_CAP_SECONDS = 7 * 24 * 3600.0
NO_TEMPLATE = "hors de la fenêtre de 24 h, et pas de modèle pour ce message"


def window_open(last_inbound_at: datetime | None, now: datetime) -> bool:
    """Whether the recipient wrote within the last 24 hours."""
    return last_inbound_at is not None and now - last_inbound_at < WINDOW


def backoff_seconds(attempts: int, rng: random.Random | None = None) -> float:
    """Delay before attempt `attempts + 1`: exponential, with jitter in [50 %, 100 %]."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2.0 ** max(0, attempts - 1))
    jitter: float = (rng or random).random()
    return ceiling * (0.5 + 0.5 * jitter)


def retry_at(
    now: datetime, attempts: int, retry_after: float | None, rng: random.Random | None = None
) -> datetime:
    """When to try again after the `attempts`-th failure, honouring the provider's hint (at
    most `RETRY_AFTER_CAP_SECONDS`)."""
    hint = retry_after or 0.0
    if not math.isfinite(hint) or hint > RETRY_AFTER_CAP_SECONDS:
        hint = RETRY_AFTER_CAP_SECONDS
    delay = max(backoff_seconds(attempts, rng), hint)
    return now + timedelta(seconds=delay)


def give_up_reason(
    *,
    attempts: int,
    max_attempts: int,
    created_at: datetime,
    next_attempt: datetime,
    max_age_hours: float,
) -> str | None:
    """Why a failing row should not be retried any more, or None to retry."""
    if attempts >= max_attempts:
        return f"abandonné après {attempts} essais"
    if next_attempt - created_at > timedelta(hours=max_age_hours):
        return expired_reason(max_age_hours)
    return None


def expired_reason(max_age_hours: float) -> str:
    return f"expiré : pas envoyé dans les {max_age_hours:g} h"
