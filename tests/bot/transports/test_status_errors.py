"""A failed delivery status is classified by the same rules as a refused send, per provider."""

from __future__ import annotations

import pytest

from bot.errors import OutsideWindowError, PermanentSendError, RetryableSendError, StopSending
from bot.transports import classify_status_error
from bot.transports.base import AccountBlocked, ThroughputExceeded


@pytest.mark.parametrize(
    ("provider", "code", "expected"),
    [
        ("meta", "131047", OutsideWindowError),
        ("meta", "130429", ThroughputExceeded),
        ("meta", "131056", RetryableSendError),
        ("meta", "131000", RetryableSendError),
        ("meta", "131026", PermanentSendError),
        ("meta", "132015", PermanentSendError),
        ("meta", "190", StopSending),
        ("meta", "368", AccountBlocked),
        ("meta", "999999", PermanentSendError),  # unknown: recorded, not retried
        ("twilio", "63016", OutsideWindowError),
        ("twilio", "63018", ThroughputExceeded),
        ("twilio", "20429", RetryableSendError),
        ("twilio", "63003", PermanentSendError),
        ("twilio", "30008", PermanentSendError),
        ("twilio", "20003", StopSending),
        ("meta", "²", PermanentSendError),  # a digit to str.isdigit, not to int
        ("twilio", "①", PermanentSendError),
        ("meta", "", PermanentSendError),
        ("other", "130429", PermanentSendError),
    ],
)
def test_status_codes_are_classified_like_refused_sends(
    provider: str, code: str, expected: type[Exception]
) -> None:
    error = classify_status_error(provider, code, "title")
    assert type(error) is expected
    if code.isdigit() and provider != "other":
        assert str(error.code) == code


def test_pair_rate_in_a_status_waits_at_least_six_seconds() -> None:
    error = classify_status_error("meta", "131056")
    assert isinstance(error, RetryableSendError) and (error.retry_after or 0) >= 6
