"""Reading and checking what an admin API request sends: JSON bodies, fields, query values."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, TypeVar

from starlette.requests import Request

from bot.api.errors import ApiError, invalid

E = TypeVar("E", bound=StrEnum)

MAX_BODY_BYTES = 2 * 1024 * 1024


async def read_body(request: Request) -> bytes:
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise ApiError(413, "too_large", f"body over {MAX_BODY_BYTES} bytes")
    return body


async def read_object(request: Request) -> dict[str, Any]:
    """The JSON object of the body: 400 when it is not JSON, 422 when it is not an object."""
    body = await read_body(request)
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, "malformed_json", f"body is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise invalid("body", "expected a JSON object")
    return data


def text_field(data: dict[str, Any], name: str, *, required: bool = True, limit: int = 500) -> str:
    value = data.get(name)
    if value is None:
        if required:
            raise invalid(name, "required")
        return ""
    if not isinstance(value, str):
        raise invalid(name, "expected a string")
    value = value.strip()
    if required and not value:
        raise invalid(name, "must not be empty")
    if len(value) > limit:
        raise invalid(name, f"at most {limit} characters")
    return value


def int_field(data: dict[str, Any], name: str, *, required: bool = True) -> int | None:
    value = data.get(name)
    if value is None:
        if required:
            raise invalid(name, "required")
        return None
    # bool is an int in Python; JSON true is not a quantity.
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(name, "expected a whole number")
    return value


def choice(value: str, name: str, enum: type[E]) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise invalid(name, f"expected one of: {allowed}") from None


def query_choice(request: Request, name: str, enum: type[E]) -> E | None:
    raw = request.query_params.get(name)
    return None if raw in (None, "") else choice(raw, name, enum)
