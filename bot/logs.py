"""Logging set-up, with a last line of defence: phone numbers are masked in every record."""

from __future__ import annotations

import logging
import re

_PHONE = re.compile(r"(?<![\w.])\+?(\d{3})(\d{2})\d{2,8}(\d{4})(?!\d)")


def mask_phones_in(text: str) -> str:
    """`… +221771234567 …` -> `… +22177***4567 …` for every run of 9 to 15 digits."""
    return _PHONE.sub(lambda m: f"+{m.group(1)}{m.group(2)}***{m.group(3)}", text)


class MaskPhonesFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_phones_in(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskPhonesFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    for noisy in ("alembic", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
