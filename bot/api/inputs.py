"""Reading and checking what an admin API request sends: JSON bodies, fields, query values."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, TypeVar

from starlette.requests import Request

from bot.api.errors import ApiError, invalid
from bot.db.models import Store, max_length
from bot.errors import InvalidInput
from bot.validation import NumberKind, check_number, check_text
from bot.webhooks.delivery import BadBody, BodyTooLarge
from bot.webhooks.delivery import read_body as read_limited

E = TypeVar("E", bound=StrEnum)

MAX_BODY_BYTES = 2 * 1024 * 1024


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, read no further than `limit` bytes (413 beyond: a declared length over it is
    refused before reading anything)."""
    try:
        return await read_limited(request, limit)
    except BodyTooLarge:
        raise ApiError(413, "too_large", f"corps de plus de {limit} octets") from None
    except BadBody as exc:
        raise ApiError(400, "bad_request", f"corps illisible ({exc})") from None


async def read_object(request: Request) -> dict[str, Any]:
    """The JSON object of the body: 400 when it is not JSON, 422 when it is not an object."""
    return _object_of(await read_body(request))


async def read_optional_object(request: Request) -> dict[str, Any]:
    """As `read_object`, but an empty body is an empty object (every field left out)."""
    body = await read_body(request)
    return _object_of(body) if body.strip() else {}


def _object_of(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except RecursionError:  # `[[[[…` nested deeper than Python parses
        raise ApiError(
            400, "malformed_json", "le corps JSON est imbriqué trop profondément"
        ) from None
    except ValueError as exc:  # not JSON, not UTF-8, or an integer of thousands of digits
        reason = f"le corps n'est pas du JSON valide ({exc})"
        raise ApiError(400, "malformed_json", reason) from None
    if not isinstance(data, dict):
        raise invalid("body", "un objet JSON est attendu")
    return data


def text_field(
    data: dict[str, Any],
    name: str,
    *,
    required: bool = True,
    limit: int = 500,
    multiline: bool = False,
) -> str:
    """A string field checked by `bot.validation.check_text` (422 naming the field)."""
    value = data.get(name)
    if value is None:
        if required:
            raise invalid(name, "obligatoire")
        return ""
    if not isinstance(value, str):
        raise invalid(name, "une chaîne est attendue")
    return _checked(name, value, required=required, limit=limit, multiline=multiline)


def _checked(name: str, value: str, *, required: bool, limit: int, multiline: bool = False) -> str:
    try:
        return check_text(name, value, limit=limit, required=required, multiline=multiline)
    except InvalidInput as exc:
        raise invalid(name, exc.reason) from None


def optional_text(data: dict[str, Any], name: str, *, limit: int) -> str | None:
    """A text field that may be left out (None), unlike an empty string."""
    return None if data.get(name) is None else text_field(data, name, required=False, limit=limit)


def quantity_field(data: dict[str, Any], name: str, kind: NumberKind) -> int:
    """A required whole number within the bounds of `kind` (`bot.validation`)."""
    value = data.get(name)
    if value is None:
        raise invalid(name, "obligatoire")
    # bool is an int in Python; JSON true is not a quantity.
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(name, "un nombre entier est attendu")
    try:
        return check_number(name, value, kind)
    except InvalidInput as exc:
        raise invalid(name, exc.reason) from None


def choice(value: str, name: str, enum: type[E]) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise invalid(name, f"une de ces valeurs est attendue : {allowed}") from None


def query_store(request: Request, *, required: bool = False) -> str | None:
    """The `store` query parameter (a store code), None when absent or empty and not required."""
    value = request.query_params.get("store", "").strip()
    if not value and not required:
        return None
    return _checked("store", value, required=True, limit=max_length(Store, "code"))


def query_choice(request: Request, name: str, enum: type[E]) -> E | None:
    raw = request.query_params.get(name)
    return None if raw in (None, "") else choice(raw, name, enum)
