"""Sending through Twilio's Messages API (WhatsApp channel), with httpx and no SDK.

`POST {TWILIO_API_URL}/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Messages.json`, basic auth, a
form body. Rendering (`render_forms`) and error classification (`classify_error`) are pure; the
transport only moves the forms over HTTP.

- Text over Twilio's 1,600-character body limit (`bot.outbound.messages.TWILIO_BODY_MAX`,
  counted in UTF-16 units like every limit, see `bot.outbound.text`) is split into ordered parts,
  never truncated. The outbox and the conversation layer already split at that limit for Twilio
  (`bot.outbound.outbox.TEXT_LIMITS`), one row per part; the split here is the safety net for a
  longer row (its parts go one after the other, and the row keeps the last part's SID).
- Reply buttons and lists go out as Content API templates (`ContentSid` + `ContentVariables`)
  when configured, else as the same choices in numbered lines ("Répondez 1 pour Oui, 2 pour
  Non."); the conversation layer understands `1`/`2` or the choice's words as the button.
- A WhatsApp template (outside the 24-hour window) goes out as the alert Content template.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from sqlmodel import Session, select

from bot.db.engine import get_engine
from bot.db.models import Manager
from bot.errors import (
    OutsideWindowError,
    PermanentSendError,
    RetryableSendError,
    SendError,
    StopSending,
)
from bot.inbound.twilio import STATUS_PATH
from bot.outbound.messages import (
    TWILIO_BODY_MAX,
    Buttons,
    ListMessage,
    MarkRead,
    OutgoingMessage,
    Reaction,
    Template,
    Text,
)
from bot.outbound.text import split_text
from bot.phones import mask_phone
from bot.settings import Settings
from bot.transports._pool import LeanTransport, send_timeout
from bot.transports.base import SendResult, ThroughputExceeded

logger = logging.getLogger(__name__)

BODY_MAX = TWILIO_BODY_MAX

OUTSIDE_WINDOW_CODES = frozenset({63016})
THROUGHPUT_CODES = frozenset({63018})  # the channel's rate: every send waits a moment
RETRY_CODES = frozenset({20429, 20500, 20503})
STOP_CODES = frozenset({20003, 20005, 63007})  # bad credentials, account suspended, no sender

LanguageLookup = Callable[[str], Awaitable[str]]
Form = dict[str, str]


def whatsapp_address(number: str) -> str:
    """`whatsapp:+221…` for a number given with or without the channel prefix."""
    number = number.strip()
    return number if number.lower().startswith("whatsapp:") else f"whatsapp:{number}"


def content_sid_for(setting: str, count: int) -> str:
    """The Content SID a setting gives for a message of `count` choices ('' = none).

    A setting is one SID for every message (`HX…`) or SIDs per number of choices
    (`2=HXaaa,3=HXbbb`), since a Content template has a fixed number of buttons or items.
    """
    setting = setting.strip()
    if "=" not in setting:
        return setting
    for item in setting.split(","):
        size, _, sid = item.partition("=")
        if size.strip() == str(count):
            return sid.strip()
    return ""


def render_forms(
    message: OutgoingMessage, *, recipient: str, settings: Settings, language: str = "fr"
) -> list[Form]:
    """The Messages API form bodies that send `message` to `recipient` (E.164), in order.

    Raises PermanentSendError for what Twilio cannot send (a template without its Content SID,
    a reaction). A read receipt renders to no form: Twilio marks messages read by itself.
    """
    forms = _unaddressed_forms(message, settings=settings, language=language)
    address = {
        "From": whatsapp_address(settings.twilio_whatsapp_from),
        "To": f"whatsapp:{recipient}",
    }
    callback = (
        {"StatusCallback": settings.public_base_url + STATUS_PATH}
        if settings.public_base_url
        else {}
    )
    return [{**address, **form, **callback} for form in forms]


def _unaddressed_forms(
    message: OutgoingMessage, *, settings: Settings, language: str
) -> list[Form]:
    if isinstance(message, Text):
        return _body_forms(message.body)
    if isinstance(message, Buttons):
        sid = content_sid_for(settings.twilio_content_sid_buttons, len(message.buttons))
        if sid:
            values = [_framed(message.body, message.header, message.footer)]
            for button in message.buttons:
                values += [button.title, button.id]
            return [{"ContentSid": sid, "ContentVariables": _variables(values)}]
        return _body_forms(numbered_buttons(message, language))
    if isinstance(message, ListMessage):
        sid = content_sid_for(settings.twilio_content_sid_list, len(message.rows))
        if sid:
            values = [_framed(message.body, message.header, message.footer), message.button]
            for row in message.rows:
                values += [row.title, row.id, row.description]
            return [{"ContentSid": sid, "ContentVariables": _variables(values)}]
        return _body_forms(numbered_list(message, language))
    if isinstance(message, Template):
        sid = settings.twilio_content_sid_alert
        if message.name != settings.alert_template_name or not sid:
            raise PermanentSendError(
                f"no Twilio Content template for WhatsApp template {message.name!r}: "
                "set TWILIO_CONTENT_SID_ALERT (and ALERT_TEMPLATE_NAME) to send it",
                code="no_content_template",
            )
        values = [*message.body_params, *message.button_payloads]
        return [{"ContentSid": sid, "ContentVariables": _variables(values)}]
    if isinstance(message, MarkRead):
        return []
    if isinstance(message, Reaction):
        raise PermanentSendError("Twilio cannot send WhatsApp reactions", code="unsupported")
    raise PermanentSendError(f"unknown message {type(message).__name__}", code="unsupported")


def numbered_buttons(message: Buttons, language: str) -> str:
    """Reply buttons as numbered lines, for a channel without Content templates."""
    titles = [button.title for button in message.buttons]
    lines = [f"{n}. {title}" for n, title in enumerate(titles, 1)]
    english = language == "en"
    choices = [f"{n} {'for' if english else 'pour'} {title}" for n, title in enumerate(titles, 1)]
    joined = _join(choices, "or" if english else "ou")
    hint = f"Reply {joined}." if english else f"Répondez {joined}."
    return _framed("\n".join([message.body, "", *lines, "", hint]), message.header, message.footer)


def numbered_list(message: ListMessage, language: str) -> str:
    """A list's rows as numbered lines, for a channel without Content templates."""
    lines = [
        f"{n}. {row.title}" + (f" – {row.description}" if row.description else "")
        for n, row in enumerate(message.rows, 1)
    ]
    count = len(message.rows)
    if language == "en":
        hint = "Reply 1." if count == 1 else f"Reply with the number of your choice (1 to {count})."
    else:
        hint = (
            "Répondez 1." if count == 1 else f"Répondez par le numéro de votre choix (1 à {count})."
        )
    return _framed("\n".join([message.body, "", *lines, "", hint]), message.header, message.footer)


def classify_error(status: int, body: Any, retry_after: float | None = None) -> SendError:
    """The SendError for a Twilio error answer, by Twilio error code first, then HTTP status."""
    code: int | None = None
    reason = f"HTTP {status}"
    if isinstance(body, dict):
        raw_code = body.get("code")
        if isinstance(raw_code, int) or (isinstance(raw_code, str) and raw_code.isdecimal()):
            code = int(raw_code)
        if isinstance(body.get("message"), str):
            reason = body["message"][:300]
    tagged = f"Twilio {code}: {reason}" if code is not None else f"Twilio: {reason}"
    error_code: int | str = code if code is not None else status
    if code in OUTSIDE_WINDOW_CODES:
        return OutsideWindowError(tagged, code=error_code)
    if code in STOP_CODES or status == 401:
        return StopSending(tagged, code=error_code)
    if code in THROUGHPUT_CODES:
        return ThroughputExceeded(tagged, code=error_code, retry_after=retry_after)
    if code in RETRY_CODES or status == 429 or status >= 500:
        return RetryableSendError(tagged, code=error_code, retry_after=retry_after)
    return PermanentSendError(tagged, code=error_code)


class TwilioTransport:
    """The Transport for Twilio: one httpx.AsyncClient reused, timeouts set."""

    name = "twilio"
    text_limit = BODY_MAX

    def __init__(
        self,
        settings: Settings,
        *,
        client: httpx.AsyncClient | None = None,
        language_of: LanguageLookup | None = None,
    ) -> None:
        self._settings = settings
        self._url = (
            f"{settings.twilio_api_url}/2010-04-01/Accounts/"
            f"{settings.twilio_account_sid}/Messages.json"
        )
        timeout = send_timeout(settings.outbox_send_timeout_seconds)
        self._client = client or httpx.AsyncClient(
            timeout=timeout, transport=LeanTransport(settings.outbox_concurrency)
        )
        self._auth = httpx.BasicAuth(
            settings.twilio_account_sid, settings.secret("twilio_auth_token")
        )
        self._language_of = language_of or self._stored_language

    async def send(self, recipient: str, message: OutgoingMessage, *, tag: str = "") -> SendResult:
        language: str = self._settings.default_language
        if isinstance(message, Buttons | ListMessage):
            language = await self._language_of(recipient)
        forms = render_forms(
            message, recipient=recipient, settings=self._settings, language=language
        )
        result = SendResult(provider_message_id="")
        for form in forms:
            # Parts go one after the other; a failure stops the rest (the outbox retries).
            result = await self._post(form)
        return result

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _post(self, form: Form) -> SendResult:
        try:
            response = await self._client.post(self._url, data=form, auth=self._auth)
        except httpx.TimeoutException as exc:
            raise RetryableSendError(
                f"Twilio timeout ({type(exc).__name__})", code="timeout"
            ) from exc
        except httpx.TransportError as exc:
            raise RetryableSendError(
                f"Twilio unreachable ({type(exc).__name__})", code="network"
            ) from exc
        body = _json(response)
        if response.is_success and isinstance(body, dict) and body.get("sid"):
            return SendResult(provider_message_id=str(body["sid"]))
        if response.is_success:
            raise RetryableSendError("Twilio answered without a message sid", code="bad_response")
        error = classify_error(
            response.status_code, body, _retry_after(response.headers.get("Retry-After"))
        )
        logger.warning(
            "twilio send to %s refused: %s (%s)",
            mask_phone(form["To"]),
            error.code,
            type(error).__name__,
        )
        raise error

    async def _stored_language(self, recipient: str) -> str:
        """The manager's language from the database, the default one when unknown."""
        default = self._settings.default_language
        try:
            return await asyncio.to_thread(_manager_language, self._settings, recipient, default)
        except Exception as exc:  # a lookup failure must not stop the send
            logger.warning("manager language lookup failed (%s)", type(exc).__name__)
            return default


def _manager_language(settings: Settings, recipient: str, default: str) -> str:
    with Session(get_engine(settings.database_url)) as session:
        language = session.exec(select(Manager.language).where(Manager.phone == recipient)).first()
    return language or default


def _body_forms(text: str) -> list[Form]:
    return [{"Body": part} for part in split_text(text, BODY_MAX)]


def _framed(body: str, header: str, footer: str) -> str:
    parts = [f"*{header}*" if header else "", body, f"_{footer}_" if footer else ""]
    return "\n\n".join(part for part in parts if part)


def _variables(values: list[str]) -> str:
    """ContentVariables: a JSON object of positional variables `{"1": …, "2": …}`."""
    return json.dumps({str(n): value for n, value in enumerate(values, 1)}, ensure_ascii=False)


def _join(items: list[str], last: str) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a `Retry-After` header; None when it is not a finite number (an HTTP date,
    `inf`, `nan`). How long is kept is `bot.outbound.policy.retry_at`'s business."""
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    return max(0.0, seconds) if seconds is not None and math.isfinite(seconds) else None
