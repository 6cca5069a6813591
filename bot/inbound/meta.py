"""Meta Cloud API webhook bodies into typed values, pure (no I/O).

Every entry, change, message and status of a batched delivery is parsed. A part that cannot be
used (a message without an id, a change without a `phone_number_id`) is skipped and named in
`WebhookBatch.problems`, so the caller keeps the raw body for inspection; the rest of the batch
is still used. A change addressed to another number of the WhatsApp Business Account (Meta posts
the events of every number of the account to the app) or of a `field` stockbot does not handle
is skipped and named in `WebhookBatch.ignored` (its number in `other_numbers`): this is the one
place where messages and statuses of other numbers are kept out of processing (account-level
events name a number by its display form only: `bot.operations.events.other_numbers`). Unknown
message types become `UnsupportedMessage`, never an error. Only a body that is not a WhatsApp
webhook at all raises `MetaPayloadError`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from bot.errors import InvalidPhoneNumber
from bot.inbound.batch import (
    ReceivedMessage,
    ReceivedOperatorEvent,
    ReceivedStatus,
    WebhookBatch,
)
from bot.inbound.models import (
    ButtonReply,
    ContactsMessage,
    DeliveryState,
    EditMessage,
    InboundMessageEvent,
    ListReply,
    LocationMessage,
    MediaKind,
    MediaMessage,
    ProviderError,
    ReactionMessage,
    ReplyContext,
    RevokeMessage,
    SharedContact,
    StatusUpdate,
    SystemMessage,
    TextMessage,
    UnsupportedMessage,
)
from bot.phones import normalize_phone
from bot.validation import clean_text

PROVIDER = "meta"

# Column sizes of InboundMessage / DeliveryStatus: longer ids cannot be stored, so they are refused.
_MAX_ID = 255
_MAX_SENDER = 64
_MAX_STATUS = 16

_MEDIA = {kind.value for kind in MediaKind if kind is not MediaKind.UNKNOWN}

# Account-level webhook fields kept as operator events (`bot.operations.events`); the first five
# change what stockbot does or shows, the others are recorded for the operator's history.
OPERATOR_FIELDS = frozenset(
    {
        "message_template_status_update",
        "message_template_quality_update",
        "phone_number_quality_update",
        "account_update",
        "business_capability_update",
        "template_category_update",
        "phone_number_name_update",
        "account_review_update",
        "account_alerts",
        "security",
    }
)

Json = Mapping[str, Any]


# What, in a UTF-8 JSON body, can put into a decoded string a character `clean` replaces: the
# escapes \b, \f and \u of a control character (\u0000-\u001f, \u007f-\u009f) or of a surrogate
# (a pair of them, high then low, is one character: pairs are set aside first), DEL, the C1
# controls (C2 80–9F), surrogates (ED A0–BF: `json.loads` decodes bytes with "surrogatepass"),
# and NUL bytes (a UTF-16 or UTF-32 body). Raw C0 controls are not JSON (`json.loads` refuses
# them in strings). Escaped backslashes (`\\\\`) are set aside before the escapes are looked
# at. The patterns start with a literal byte, which the regular expression engine scans for
# quickly (a pattern starting with a look-behind cost more than the cleaning it saved).
_PAIR = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_UNCLEAN_ESCAPE = re.compile(rb"\\(?:[bf]|u(?:00[01]|007[fF]|00[89]|[dD][89a-fA-F]))")
_UNCLEAN_SEQUENCE = re.compile(rb"\xc2[\x80-\x9f]|\xed[\xa0-\xbf]")
# Whether the strings of the delivery being parsed are cleaned (`parse_webhook`'s `clean`).
_CLEANING: ContextVar[bool] = ContextVar("meta_cleaning", default=True)


# Fewer openings than this, and no part of a body can be nested deep enough for cleaning it to
# reach Python's recursion limit (which skips that part: see `_parse_change`).
_MAX_OPENINGS = 256


def is_clean(body: bytes) -> bool:
    """Whether no string of the JSON `body` can hold a character that `clean` replaces, and
    nothing in it is nested deep enough for cleaning to fail: then parsing it without cleaning
    (`parse_webhook(..., clean=False)`) gives what cleaning would."""
    if body.count(b"[") + body.count(b"{") >= _MAX_OPENINGS:
        return False
    if b"\\" in body:
        escapes = body.replace(b"\\\\", b"  ")  # escaped backslashes: what is left are escapes
        if b"\\ud" in escapes or b"\\uD" in escapes:
            escapes = _PAIR.sub(b"", escapes)
        if _UNCLEAN_ESCAPE.search(escapes):
            return False
    if b"\x00" in body or b"\x7f" in body:
        return False
    if b"\xc2" in body or b"\xed" in body:
        return _UNCLEAN_SEQUENCE.search(body) is None
    return True


class MetaPayloadError(ValueError):
    """A signed body that is not a WhatsApp Business Account webhook."""


class _Skip(ValueError):
    """One message or status that cannot be used; the rest of the batch goes on."""


def loads(raw: bytes) -> Any:
    """`json.loads` refusing NaN and infinities (no database stores them as JSON)."""
    return json.loads(raw, parse_constant=_no_constant, parse_float=_finite_float)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:20]}")
    return value


# The reason a change naming no number of ours is kept raw, unprocessed (`stockbot doctor`).
NO_NUMBER = "change without metadata.phone_number_id"


def parse_webhook(data: Any, *, phone_number_id: str = "", clean: bool = True) -> WebhookBatch:
    """All messages and statuses of a decoded Meta webhook body.

    With `phone_number_id` set (ours), changes addressed to another number are skipped, their
    messages and statuses alike (named in `ignored`, the number in `other_numbers`). With
    `clean` False, strings are taken as they are: only for a body `is_clean` says needs none.
    """
    token = _CLEANING.set(clean)
    try:
        return _parse_webhook(data, phone_number_id)
    finally:
        _CLEANING.reset(token)


def _parse_webhook(data: Any, phone_number_id: str) -> WebhookBatch:
    if not isinstance(data, Mapping) or not isinstance(data.get("entry"), list):
        raise MetaPayloadError("not a WhatsApp webhook: no 'entry' list")
    if data.get("object") != "whatsapp_business_account":
        raise MetaPayloadError(f"unexpected object {_text(data.get('object'), 60)!r}")
    parts = _Parts()
    for entry in data["entry"]:
        changes = entry.get("changes") if isinstance(entry, Mapping) else None
        if not isinstance(changes, list):
            parts.problems.append("entry without a 'changes' list")
            continue
        for change in changes:
            _parse_change(change, entry, phone_number_id, parts)
    return WebhookBatch(
        provider=PROVIDER,
        messages=tuple(parts.messages),
        statuses=tuple(parts.statuses),
        operator_events=tuple(parts.operator_events),
        problems=tuple(parts.problems),
        ignored=tuple(parts.ignored),
        other_numbers=tuple(dict.fromkeys(parts.other_numbers)),
        display_number=parts.display_number,
        errors=tuple(parts.errors),
    )


class _Parts:
    """What a delivery's changes yield, gathered as they are parsed."""

    def __init__(self) -> None:
        self.messages: list[ReceivedMessage] = []
        self.statuses: list[ReceivedStatus] = []
        self.operator_events: list[ReceivedOperatorEvent] = []
        self.problems: list[str] = []
        self.ignored: list[str] = []
        self.other_numbers: list[str] = []
        self.errors: list[ProviderError] = []
        self.display_number = ""  # ours, as shown: from the metadata of changes addressed to us


def _parse_change(change: Any, entry: Json, our_number: str, parts: _Parts) -> None:
    if not isinstance(change, Mapping) or not isinstance(change.get("value"), Mapping):
        parts.problems.append("change without a 'value' object")
        return
    field = _text(change.get("field"), 64)
    if field in OPERATOR_FIELDS:
        try:
            cleaned = clean(change["value"])
        except RecursionError:
            parts.problems.append(f"{field} skipped: nested too deeply")
            return
        parts.operator_events.append(
            ReceivedOperatorEvent(
                field=field,
                value=cleaned,
                account_id=_text(entry.get("id"), 64),
                occurred_at=_optional_timestamp(entry.get("time")),
            )
        )
        return
    if field != "messages":
        parts.ignored.append(f"field {field!r} not handled")
        return
    messages, statuses, problems = parts.messages, parts.statuses, parts.problems
    value: Json = change["value"]
    metadata = _obj(value.get("metadata"))
    number = _text(metadata.get("phone_number_id"), 64)
    if our_number and not number:
        # Not answered, even signed, even with one WHATSAPP_PHONE_NUMBER_ID: Meta posts the
        # events of every number of the account to the app, so a change that names none may
        # have been sent to another number (a sister number, another stockbot on the same
        # account, which would record the same sale too). Kept raw with why (`NO_NUMBER`), shown
        # by `stockbot doctor`, so the operator sees messages that were not processed.
        held = len(_list(value.get("messages")))
        reported = len(_list(value.get("statuses")))
        problems.append(
            f"{NO_NUMBER}: {held} message(s), {reported} status(es) not processed "
            "(which number of the account they were sent to is unknown)"
        )
        return
    if our_number and number != our_number:
        parts.ignored.append(f"phone_number_id {number} is another number: change not processed")
        parts.other_numbers.append(number)
        return
    parts.display_number = _text(metadata.get("display_phone_number"), 64) or parts.display_number
    contacts = [c for c in _list(value.get("contacts")) if isinstance(c, Mapping)]
    # A RecursionError (absurd nesting inside one item) skips that item, not the delivery.
    for raw in _list(value.get("messages")):
        try:
            messages.append(parse_message(raw, contacts, phone_number_id=number))
        except (_Skip, RecursionError) as exc:
            problems.append(f"message skipped: {exc}")
    for raw in _list(value.get("statuses")):
        try:
            statuses.append(parse_status(raw))
        except (_Skip, RecursionError) as exc:
            problems.append(f"status skipped: {exc}")
    for error in _errors(value.get("errors")):
        problems.append(f"error {error.code}: {error.title} {error.details}".strip())
        parts.errors.append(error)


def parse_message(raw: Any, contacts: list[Json], *, phone_number_id: str = "") -> ReceivedMessage:
    """One `messages[]` item (with the change's `contacts`) into a typed message."""
    if not isinstance(raw, Mapping):
        raise _Skip("not an object")
    message_id = _identifier(raw.get("id"), "message id", _MAX_ID)
    from_ = _text(raw.get("from"), _MAX_SENDER + 1)
    contact = _contact_for(from_, contacts)
    user_id = _text(contact.get("user_id") or raw.get("from_user_id"), 128)
    wa_id = _text(contact.get("wa_id"), 64) or (from_ if from_.isdigit() else "")
    common: dict[str, Any] = {
        "provider": PROVIDER,
        "message_id": message_id,
        "sender": _sender(from_, user_id),
        "timestamp": _timestamp(raw.get("timestamp")),
        "sender_name": _text(_obj(contact.get("profile")).get("name"), 200),
        "wa_id": wa_id,
        "user_id": user_id,
        "phone_number_id": phone_number_id,
        "context": _context(raw.get("context")),
    }
    kind = _text(raw.get("type"), 32) or "unknown"
    parse = _BY_TYPE.get(kind)
    message = parse(raw, common) if parse else _unsupported(kind, raw, common)
    return ReceivedMessage(message=message, raw=clean(raw), contact=clean(contact) or None)


def parse_status(raw: Any) -> ReceivedStatus:
    """One `statuses[]` item (a delivery status of a message we sent)."""
    if not isinstance(raw, Mapping):
        raise _Skip("not an object")
    raw_status = _identifier(raw.get("status"), "status", _MAX_STATUS)
    try:
        state = DeliveryState(raw_status)
    except ValueError:
        state = DeliveryState.UNKNOWN  # a state Meta adds later: kept, not applied
    conversation = _obj(raw.get("conversation"))
    pricing = _obj(raw.get("pricing"))
    billable = pricing.get("billable")
    status = StatusUpdate(
        provider=PROVIDER,
        message_id=_identifier(raw.get("id"), "status id", _MAX_ID),
        status=state,
        raw_status=raw_status,
        timestamp=_timestamp(raw.get("timestamp")),
        recipient=_text(raw.get("recipient_id") or raw.get("recipient_user_id"), 64),
        errors=_errors(raw.get("errors")),
        conversation_id=_text(conversation.get("id"), 128),
        conversation_origin=_text(_obj(conversation.get("origin")).get("type"), 64),
        pricing_category=_text(pricing.get("category"), 64),
        pricing_model=_text(pricing.get("pricing_model"), 64),
        pricing_type=_text(pricing.get("type"), 64),
        billable=billable if isinstance(billable, bool) else None,
        callback_data=_text(raw.get("biz_opaque_callback_data"), 512),
    )
    return ReceivedStatus(status=status, raw=clean(raw))


# ---------------------------------------------------------------- message types


def _text_message(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    return TextMessage(body=_text(_obj(raw.get("text")).get("body")), **common)


def _interactive(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    interactive = _obj(raw.get("interactive"))
    kind = _text(interactive.get("type"), 32)
    reply = _obj(interactive.get(kind)) if kind else {}
    if kind == "button_reply":
        return ButtonReply(
            id=_text(reply.get("id"), 256), title=_text(reply.get("title"), 256), **common
        )
    if kind == "list_reply":
        return ListReply(
            id=_text(reply.get("id"), 200),
            title=_text(reply.get("title"), 200),
            description=_text(reply.get("description"), 200),
            **common,
        )
    return _unsupported(f"interactive:{kind or 'unknown'}", raw, common)


def _template_button(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    button = _obj(raw.get("button"))
    return ButtonReply(
        id=_text(button.get("payload"), 256),
        title=_text(button.get("text"), 256),
        from_template=True,
        **common,
    )


def _media(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    kind = str(raw["type"])
    media = _obj(raw.get(kind))
    return MediaMessage(
        media=MediaKind(kind),
        media_id=_text(media.get("id"), 256),
        mime_type=_text(media.get("mime_type"), 128),
        caption=_text(media.get("caption")),
        filename=_text(media.get("filename"), 256),
        sha256=_text(media.get("sha256"), 128),
        voice=media.get("voice") is True,
        **common,
    )


def _location(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    location = _obj(raw.get("location"))
    latitude = _coordinate(location.get("latitude"), 90)
    longitude = _coordinate(location.get("longitude"), 180)
    if latitude is None or longitude is None:
        return _unsupported("location", raw, common, "location without valid coordinates")
    return LocationMessage(
        latitude=latitude,
        longitude=longitude,
        name=_text(location.get("name"), 256),
        address=_text(location.get("address"), 512),
        **common,
    )


def _contacts(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    shared = []
    for card in _list(raw.get("contacts")):
        card = _obj(card)
        name = _obj(card.get("name"))
        full = _text(name.get("formatted_name"), 200) or " ".join(
            part
            for part in (_text(name.get("first_name"), 100), _text(name.get("last_name"), 100))
            if part
        )
        phones = tuple(
            _text(_obj(p).get("wa_id") or _obj(p).get("phone"), 64)
            for p in _list(card.get("phones"))
        )
        shared.append(SharedContact(name=full, phones=tuple(p for p in phones if p)))
    return ContactsMessage(contacts=tuple(shared), **common)


def _reaction(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    reaction = _obj(raw.get("reaction"))
    return ReactionMessage(
        reacted_message_id=_text(reaction.get("message_id"), _MAX_ID),
        emoji=_text(reaction.get("emoji"), 32),
        **common,
    )


def _edit(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    """`edit`: the new version of an earlier message, nested as a message of its own (a text,
    or media with its caption)."""
    edit = _obj(raw.get("edit"))
    original = _text(edit.get("original_message_id"), _MAX_ID)
    if not original:
        return _unsupported("edit", raw, common, "edit without original_message_id")
    inner = _obj(edit.get("message"))
    kind = _text(inner.get("type"), 32)
    content = _obj(inner.get(kind)) if kind else {}
    body = content.get("body") if kind == "text" else content.get("caption")
    return EditMessage(original_message_id=original, body=_text(body), **common)


def _revoke(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    original = _text(_obj(raw.get("revoke")).get("original_message_id"), _MAX_ID)
    if not original:
        return _unsupported("revoke", raw, common, "revoke without original_message_id")
    return RevokeMessage(original_message_id=original, **common)


def _system(raw: Json, common: dict[str, Any]) -> InboundMessageEvent:
    system = _obj(raw.get("system"))
    # Meta's reference names the new id `wa_id`; older payloads (and SDKs) `new_wa_id`.
    new_wa_id = _text(system.get("wa_id") or system.get("new_wa_id"), 64)
    return SystemMessage(
        kind=_text(system.get("type"), 64) or "unknown",
        body=_text(system.get("body"), 1000),
        new_wa_id=new_wa_id if new_wa_id.isascii() and new_wa_id.isdigit() else "",
        new_user_id=_text(system.get("user_id") or system.get("new_user_id"), 128),
        **common,
    )


def _unsupported(
    kind: str, raw: Json, common: dict[str, Any], reason: str = ""
) -> InboundMessageEvent:
    errors = _errors(raw.get("errors"))
    if reason:
        errors += (ProviderError(code="invalid", title=reason),)
    # `unsupported.type` says what the user sent (`poll`, …) when Meta knows it.
    detail = _text(_obj(raw.get("unsupported")).get("type"), 32)
    return UnsupportedMessage(original_type=detail or kind, errors=errors, **common)


_Parser = Callable[[Json, dict[str, Any]], InboundMessageEvent]
_BY_TYPE: dict[str, _Parser] = {
    "text": _text_message,
    "interactive": _interactive,
    "button": _template_button,
    "location": _location,
    "contacts": _contacts,
    "reaction": _reaction,
    "edit": _edit,
    "revoke": _revoke,
    "system": _system,
    **dict.fromkeys(_MEDIA, _media),
}


# ---------------------------------------------------------------- fields


def _sender(from_: str, user_id: str) -> str:
    """E.164 when `from` is a phone number, else the provider's id (a username-only user)."""
    if from_.isascii() and from_.isdigit():
        phone = _e164(from_)
        if phone:
            return phone
    sender = from_ or user_id
    if not sender or len(sender) > _MAX_SENDER:
        raise _Skip("no usable sender")
    return sender


@lru_cache(maxsize=4096)
def _e164(digits: str) -> str:
    try:
        return normalize_phone("+" + digits)
    except InvalidPhoneNumber:
        return ""


def _contact_for(from_: str, contacts: list[Json]) -> Json:
    for contact in contacts:
        if from_ and contact.get("wa_id") == from_:
            return contact
    return contacts[0] if len(contacts) == 1 else {}


def _timestamp(value: Any) -> datetime:
    try:
        seconds = int(value) if isinstance(value, str | int) and not isinstance(value, bool) else -1
        if seconds < 0:
            raise ValueError
        return datetime.fromtimestamp(seconds, UTC)
    except (ValueError, OverflowError, OSError):
        raise _Skip(f"bad timestamp {_text(value, 40)!r}") from None


def _optional_timestamp(value: Any) -> datetime | None:
    try:
        return _timestamp(value)
    except _Skip:
        return None


def _context(value: Any) -> ReplyContext | None:
    context = _obj(value)
    if not context:
        return None
    return ReplyContext(
        message_id=_text(context.get("id"), _MAX_ID),
        sender=_text(context.get("from"), 64),
        forwarded=context.get("forwarded") is True or context.get("frequently_forwarded") is True,
    )


def _errors(value: Any) -> tuple[ProviderError, ...]:
    errors = []
    for item in _list(value):
        error = _obj(item)
        if not error:
            continue
        details = _obj(error.get("error_data")).get("details") or error.get("message")
        errors.append(
            ProviderError(
                code=_text(error.get("code"), 32),
                title=_text(error.get("title"), 200),
                details=_text(details, 500),
            )
        )
    return tuple(errors)


def _identifier(value: Any, what: str, limit: int) -> str:
    text = _text(value, limit + 1)
    if not text or len(text) > limit:
        raise _Skip(f"missing or invalid {what}")
    return text


def _coordinate(value: Any, bound: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) and -bound <= number <= bound else None


def _obj(value: Any) -> Json:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any, limit: int = 4096) -> str:
    """A string field as text the database accepts, at most `limit` characters."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    # NUL and lone surrogates (valid JSON escapes) are refused by PostgreSQL or by UTF-8.
    text = str(value)
    return (clean_text(text) if _CLEANING.get() else text)[:limit]


def clean(value: Any) -> Any:
    """A decoded JSON value with every string made storable (`clean_text`), unless the
    delivery being parsed needs no cleaning."""
    return _clean(value) if _CLEANING.get() else value


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {clean_text(str(k)): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
