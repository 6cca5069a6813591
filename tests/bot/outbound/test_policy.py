"""The outbox's pure rules: when a failed send is tried again."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.outbound.policy import RETRY_AFTER_CAP_SECONDS, retry_at

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("hint", [None, 0.0, 7.0, 24 * 3600.0])
def test_a_providers_wait_is_honoured(hint: float | None) -> None:
    when = retry_at(NOW, 1, hint, random.Random(1))
    assert when - NOW >= timedelta(seconds=hint or 0.5)


@pytest.mark.parametrize("hint", [1e12, 1e300, float("inf"), float("nan"), -5.0])
def test_a_wait_no_date_can_hold_is_capped_never_a_crash(hint: float) -> None:
    """A `Retry-After: 1e12` (a proxy's, or a provider's mistake) once made the sending task
    raise OverflowError: the row stayed in flight and met it again at each try."""
    when = retry_at(NOW, 1, hint, random.Random(1))
    assert NOW < when <= NOW + timedelta(seconds=RETRY_AFTER_CAP_SECONDS)
