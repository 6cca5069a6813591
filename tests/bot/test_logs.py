"""What reaches the logs: phone numbers masked everywhere, no query string in the access log."""

from __future__ import annotations

import io
import logging

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from bot.app import create_app
from bot.logs import AccessLogFilter, MaskingFormatter, configure_logging, mask_phones_in
from bot.settings import Settings
from tests.conftest import TEST_VERIFY_TOKEN


def _record(message: str, *args: object, exc_info: bool = False) -> logging.LogRecord:
    record = logging.LogRecord("bot.test", logging.ERROR, __file__, 1, message, args, None)
    if exc_info:
        try:
            raise ValueError("insert failed for sender '+221771234567'")
        except ValueError:
            import sys

            record.exc_info = sys.exc_info()
    return record


def test_numbers_are_masked_in_messages_arguments_and_tracebacks() -> None:
    text = MaskingFormatter("%(message)s").format(
        _record("from %s about 221761112233", "+221709876543", exc_info=True)
    )
    assert "+22170***6543" in text and "+22176***2233" in text and "+22177***4567" in text
    for digits in ("709876543", "761112233", "771234567"):
        assert digits not in text


def test_the_access_log_shows_paths_without_query_strings_or_numbers() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        (
            "127.0.0.1:5000",
            "GET",
            f"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={TEST_VERIFY_TOKEN}",
            "1.1",
            200,
        ),
        None,
    )
    assert AccessLogFilter().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /webhooks/whatsapp HTTP/1.1" 200'
    record.args = ("127.0.0.1:5000", "DELETE", "/api/managers/%2B221771234567", "1.1", 200)
    AccessLogFilter().filter(record)
    assert "771234567" not in record.getMessage()


def test_configure_logging_installs_one_masking_handler_and_keeps_the_others() -> None:
    root = logging.getLogger()
    other = logging.StreamHandler(io.StringIO())
    root.addHandler(other)
    configure_logging("DEBUG")
    configure_logging("INFO")
    ours = [h for h in root.handlers if isinstance(h.formatter, MaskingFormatter)]
    assert len(ours) == 1 and other in root.handlers
    assert root.level == logging.INFO
    access = logging.getLogger("uvicorn.access")
    assert sum(isinstance(f, AccessLogFilter) for f in access.filters) == 1


def test_the_app_configures_logging_when_it_starts(settings: Settings, engine: Engine) -> None:
    """uvicorn run on `bot.app:app` directly: no CLI sets logging up there."""
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h.formatter, MaskingFormatter)]
    with TestClient(create_app(settings, engine=engine, run_background=False)):
        assert any(isinstance(h.formatter, MaskingFormatter) for h in root.handlers)


def test_numbers_written_out_or_url_encoded_are_masked_too() -> None:
    """A number as the bot writes it to people (`+221 77 123 45 67`), with dots or dashes, or
    URL-encoded (`%2B221…`, a form body or a query string in an exception), in a message or a
    traceback; amounts and dates are left alone."""
    try:
        raise ValueError("refused To=%2B221761112233 for +221 77 123 45 67")
    except ValueError:
        import sys

        record = _record("new number %s, old %s", "+221.70.987.65.43", "+33 6 12 34 56 78")
        record.exc_info = sys.exc_info()
    text = MaskingFormatter("%(message)s").format(record)
    assert "+22170***6543" in text and "+22176***2233" in text and "+22177***4567" in text
    assert "+33612***5678" in text
    for digits in ("987", "111 22", "123 45", "12 34 56"):
        assert digits not in text
    kept = "sold +5 → 12 on 05/12/2026, stock +10 20, 1 234 567 FCFA, +2 3"
    assert MaskingFormatter("%(message)s").format(_record(kept)) == kept


def test_uvicorns_own_handlers_mask_numbers_in_text_mode(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`stockbot serve` runs uvicorn with its own logging set-up: its error log (the traceback
    of an exception that reached the server) goes through uvicorn's handlers, not ours."""
    import logging.config

    from uvicorn.config import LOGGING_CONFIG

    names = ("uvicorn", "uvicorn.error", "uvicorn.access")
    saved = {n: (logging.getLogger(n).handlers[:], logging.getLogger(n).propagate) for n in names}
    try:
        logging.config.dictConfig(LOGGING_CONFIG)
        configure_logging("INFO", "text")
        configure_logging("INFO", "text")  # twice: still masked once, still uvicorn's look
        try:
            raise ValueError("refused +221771234567")
        except ValueError:
            logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
        err = capsys.readouterr().err
    finally:
        for name, (handlers, propagate) in saved.items():
            server_logger = logging.getLogger(name)
            server_logger.handlers, server_logger.propagate = handlers, propagate
    assert "Exception in ASGI application" in err and "+22177***4567" in err
    assert "771234567" not in err


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # Twilio's form bodies: `whatsapp:+221…` form-encoded
        ("From=whatsapp%3A%2B221771234567&Body=stock", "From=whatsapp%3A+22177***4567&Body"),
        ("To=whatsapp%3A%2B221771234567", "To=whatsapp%3A+22177***4567"),
        # short national plans: at least two digits hidden
        ("call +220 123 4567", "call +2201***4567"),
        ("call +1 555 0100", "call +15***0100"),
        # 15 digits at most: the year after it is no part of the number
        ("+221 77 123 45 67 2024", "+22177***4567 2024"),
    ],
)
def test_encoded_and_short_numbers_are_masked(text: str, masked: str) -> None:
    """`From=whatsapp%3A%2B221771234567` went out whole; `+220 123 4567` hid one digit."""
    shown = mask_phones_in(text)
    assert shown.startswith(masked), shown
    assert "1234567" not in shown and "5550100" not in shown, shown


@pytest.mark.parametrize(
    "path",
    [
        "/api/managers/771234567",  # the API reads a number the way managers write it
        "/api/managers/77%20123%2045%2067",
        "/api/managers/(%2B221)%2077%20123%2045%2067",
        "/admin/conversations/221771234567/messages",
    ],
)
def test_the_access_log_masks_a_number_in_a_path_however_it_is_written(path: str) -> None:
    """`PATCH /api/managers/771234567` (a national number, as the API takes it) went to the
    access log whole: only international numbers were masked."""
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "PATCH", path, "1.1", 200),
        None,
    )
    assert AccessLogFilter(region="SN").filter(record)
    shown = record.getMessage()
    assert "+22177***4567" in shown and "123" not in shown, shown


def test_the_access_log_keeps_paths_without_numbers() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/api/imports/12345678/x", "1.1", 200),
        None,
    )
    AccessLogFilter(region="SN").filter(record)
    assert "/api/imports/12345678/x" in record.getMessage()


@pytest.mark.parametrize(
    ("text", "masked"),
    [("(+221) 77 123 45 67", "(+22177***4567"), ("+1 (415) 555-2671", "+14155***2671")],
)
def test_numbers_with_brackets_are_masked(text: str, masked: str) -> None:
    shown = mask_phones_in(text)
    assert shown == masked, shown
