"""Time: UTC in the database, Africa/Dakar (or the store's zone) for what managers read."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Africa/Dakar"


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_time(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> datetime:
    """`moment` (aware, UTC) as the wall-clock time managers read."""
    return moment.astimezone(ZoneInfo(timezone))


def format_local(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> str:
    """Short local date and time for a phone screen: `25/11 14:05`."""
    return local_time(moment, timezone).strftime("%d/%m %H:%M")
