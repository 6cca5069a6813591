"""Logging set-up, with a last line of defence: phone numbers are masked in every line written,
tracebacks included, and the web server's access log never shows a query string (Meta's
verification handshake carries the verify token in it).

`LOG_FORMAT=json` writes one JSON object per line (`time`, `level`, `logger`, `message`,
`request_id` while a request is handled, `exception`), masked the same way; plain text is the
default.
"""

from __future__ import annotations

import json
import logging
import re
from contextvars import ContextVar
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

import phonenumbers

from bot.errors import InvalidPhoneNumber
from bot.phones import mask_phone, normalize_phone

# Form-encoded (`From=whatsapp%3A%2B221…`, Twilio's webhooks and send bodies), the `%2B` or
# `%3A` before a number is no word it belongs to.
_ENCODED = r"(?<=%2B)|(?<=%2b)|(?<=%3A)|(?<=%3a)"
_PHONE = re.compile(r"(?:(?<![\w.])|" + _ENCODED + r")(\+?)((\d{3})(\d{2})\d{2,8}(\d{4}))(?!\d)")
# A number written with a `+` (or URL-encoded, `%2B`) and spaces, dots, dashes or brackets
# between its digits, as people and the bot's own replies write it: `+221 77 123 45 67`,
# `+33 6 12 34 56 78`, `(+221) 77 123 45 67`, `+1 (415) 555-2671`. 8 to 15 digits, so that `+5`,
# `+10 20` or an amount stay as they are.
_WRITTEN = re.compile(
    r"(?:(?<![\w.])|" + _ENCODED + r")(?:\+|%2[Bb])(\d{1,3}(?:\)?[ .\-\u00a0]?\(?\d){7,12})(?!\d)"
)
# A path segment with this many digits may be a number as the app reads it (`/api/managers/…`
# takes `77 123 45 67`): the access log masks it when it is one.
_SEGMENT_DIGITS = range(8, 16)
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Meta's ids (phone number id, WhatsApp Business Account id, template ids) are runs of 15 or
# more digits; E.164 numbers have at most 15, and a 15-digit one is rare.
_ID_DIGITS = 15


def mask_phones_in(text: str) -> str:
    """`… +221771234567 …` -> `… +22177***4567 …` for every international number, with or
    without its `+` (runs of 11 to 17 digits), or written out after a `+` (`+221 77 123 45 67`).
    A bare run of 15 digits or more that cannot be a phone number (Meta's 15-digit
    `phone_number_id`, account and template ids) is left as is."""
    return _PHONE.sub(_mask, _WRITTEN.sub(_mask_written, text))


def _mask_written(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(1))
    # at least two digits hidden, as `_PHONE` does: `+220 123 4567` (10 digits) is `+2201***4567`
    head = max(1, min(5, len(digits) - 6))
    return f"+{digits[:head]}***{digits[-4:]}"


def _mask(match: re.Match[str]) -> str:
    plus, digits = match.group(1), match.group(2)
    if not plus and len(digits) >= _ID_DIGITS and not _possible_number(digits):
        return match.group(0)
    return f"+{match.group(3)}{match.group(4)}***{match.group(5)}"


@lru_cache(maxsize=1024)
def _possible_number(digits: str) -> bool:
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse("+" + digits, None))
    except phonenumbers.NumberParseException:
        return False


# The id of the HTTP request being handled (`bot.app`'s middleware sets it), for JSON logs.
REQUEST_ID: ContextVar[str] = ContextVar("stockbot_request_id", default="")


class MaskingFormatter(logging.Formatter):
    """Formats as usual, then masks phone numbers in the whole text (message, arguments,
    exception and stack)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_phones_in(super().format(record))


class _MaskingWrapper(logging.Formatter):
    """Another formatter's output, phone numbers masked: uvicorn's own handlers keep their
    look (text mode), and still mask like ours."""

    def __init__(self, inner: logging.Formatter) -> None:
        super().__init__()
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        return mask_phones_in(self.inner.format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per record, phone numbers masked in every field."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, str] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_phones_in(record.getMessage()),
        }
        request_id = REQUEST_ID.get()
        if request_id:
            data["request_id"] = request_id
        if record.exc_info:
            data["exception"] = mask_phones_in(self.formatException(record.exc_info))
        elif record.stack_info:
            data["stack"] = mask_phones_in(self.formatStack(record.stack_info))
        return json.dumps(data, ensure_ascii=False)


class AccessLogFilter(logging.Filter):
    """For uvicorn's access log: the path without its query string, phone numbers masked
    (`DELETE /api/managers/+221…`), a segment the app would read as a number of `region`
    included (`PATCH /api/managers/771234567`, `/api/managers/77 123 45 67`)."""

    def __init__(self, region: str = "SN") -> None:
        super().__init__()
        self.region = region

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            segments = unquote(args[2].split("?", 1)[0]).split("/")
            path = mask_phones_in("/".join(self._masked(segment) for segment in segments))
            record.args = (*args[:2], path, *args[3:])
        return True

    def _masked(self, segment: str) -> str:
        if sum(ch.isdigit() for ch in segment) not in _SEGMENT_DIGITS:
            return segment
        try:
            return mask_phone(normalize_phone(segment, self.region))
        except InvalidPhoneNumber:
            return segment


class _StockbotHandler(logging.StreamHandler[Any]):
    """The handler `configure_logging` installs, recognisable so it is installed once."""


def configure_logging(level: str = "INFO", log_format: str = "text", region: str = "SN") -> None:
    """Send stockbot's logs to stderr, masked; idempotent, and it leaves other handlers alone.

    Called by every CLI command and by the web app's start-up (uvicorn run directly on
    `bot.app:app` configures only its own loggers). With `log_format="json"` uvicorn's own
    lines go through the same JSON handler, so that every line is one object; in text they keep
    uvicorn's handlers, whose formatters are wrapped to mask numbers (its error log shows the
    traceback of an exception that reached the server).
    """
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if isinstance(handler, _StockbotHandler):
            root.removeHandler(handler)
    handler = _StockbotHandler()
    json_lines = log_format == "json"
    handler.setFormatter(JsonFormatter() if json_lines else MaskingFormatter(_FORMAT))
    root.addHandler(handler)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        server_logger = logging.getLogger(name)
        if json_lines:
            server_logger.handlers = []
            server_logger.propagate = True
            continue
        for server_handler in server_logger.handlers:  # uvicorn's own: tracebacks too
            if not isinstance(server_handler.formatter, _MaskingWrapper):
                server_handler.setFormatter(
                    _MaskingWrapper(server_handler.formatter or logging.Formatter())
                )
    root.setLevel(level.upper())
    for noisy in ("alembic", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    access = logging.getLogger("uvicorn.access")
    for old in [f for f in access.filters if isinstance(f, AccessLogFilter)]:
        access.removeFilter(old)
    access.addFilter(AccessLogFilter(region))
