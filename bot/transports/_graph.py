"""Meta Graph API, pure parts: message values to request bodies, answers to outcomes.

No I/O here: `meta.py` moves the bytes. `classify_graph_error` is the ONE place a Graph error
becomes one of stockbot's SendError classes; the worker branches on the class, never on codes.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.errors import (
    OutsideWindowError,
    PermanentSendError,
    RetryableSendError,
    SendError,
    StopSending,
)
from bot.outbound.messages import (
    Buttons,
    ListMessage,
    MarkRead,
    OutgoingMessage,
    Reaction,
    Template,
    Text,
)
from bot.phones import wa_digits
from bot.transports.base import AccountBlocked, AccountRateLimited, ThroughputExceeded

logger = logging.getLogger(__name__)

# Graph error codes, from the shared WhatsApp reference (section 5). Retry hints in seconds.
# The number's throughput: every send slows down (the adaptive rate), and so does an HTTP 429
# without a code the Graph API names (a proxy's, or a code this table does not know yet).
THROUGHPUT = frozenset({130429})
# The app's call rate and the business account's rate limit: every send would meet them; retried
# over minutes (the hint), never counted against a message, sending held meanwhile (the worker).
ACCOUNT_RATE: dict[int, float] = {4: 60.0, 80007: 60.0}
RETRY_LATER: dict[int, float | None] = {
    131056: 6.0,  # pair rate: this recipient only, >= 6 s (the transport may lengthen it)
    131048: 600.0,  # spam rate limit
    131049: 24 * 3600.0,  # per-user marketing cap
    131000: None,  # something went wrong
    131016: None,  # service unavailable
    2: None,  # temporary
    1: None,  # unknown error
}
OUTSIDE_WINDOW = frozenset({131047})
# A template paused or disabled (132015/132016) fails the messages that use it, not every send:
# replies inside the window, and other templates, still go.
TEMPLATE_PROBLEMS = frozenset({132000, 132001, 132015, 132016})
PERMANENT = frozenset({131026, 131051, 100, 131008, 131009}) | TEMPLATE_PROBLEMS
BLOCKED = frozenset({368, 131031})  # policy block, account locked: the message fails too
STOP = frozenset({190, 0, 10, 133010, 131042})
# Permissions not granted or removed (3 comes with HTTP 500, 131005 with 403): every send would
# meet them, so sending stops rather than retrying or failing each message.
PERMISSION_CODES = frozenset({3, 131005, *range(200, 300)})


def render_body(recipient: str, message: OutgoingMessage) -> dict[str, Any]:
    """The JSON body of `POST /{phone_number_id}/messages` for `message` to `recipient` (E.164)."""
    if isinstance(message, MarkRead):
        body: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "status": "read",
            "message_id": message.message_id,
        }
        if message.typing_indicator:
            body["typing_indicator"] = {"type": "text"}
        return body
    body = {"messaging_product": "whatsapp", "recipient_type": "individual"}
    if recipient.startswith("+"):
        body["to"] = wa_digits(recipient)
    else:  # a business-scoped user id (a username user whose number Meta does not give)
        body["recipient"] = recipient
    if isinstance(message, Text):
        body["type"] = "text"
        body["text"] = {"preview_url": message.preview_url, "body": message.body}
    elif isinstance(message, Buttons):
        buttons = [
            {"type": "reply", "reply": {"id": b.id, "title": b.title}} for b in message.buttons
        ]
        body["type"] = "interactive"
        body["interactive"] = _interactive("button", message, {"buttons": buttons})
    elif isinstance(message, ListMessage):
        rows = [_row(row.id, row.title, row.description) for row in message.rows]
        section: dict[str, Any] = {"rows": rows}
        if message.section_title:
            section = {"title": message.section_title, "rows": rows}
        action = {"button": message.button, "sections": [section]}
        body["type"] = "interactive"
        body["interactive"] = _interactive("list", message, action)
    elif isinstance(message, Template):
        body["type"] = "template"
        body["template"] = _template(message)
    elif isinstance(message, Reaction):
        body["type"] = "reaction"
        body["reaction"] = {"message_id": message.message_id, "emoji": message.emoji}
    else:  # pragma: no cover - the union is closed
        raise PermanentSendError(f"unsupported message {type(message).__name__}", code="kind")
    return body


def _interactive(kind: str, message: Buttons | ListMessage, action: Any) -> dict[str, Any]:
    interactive: dict[str, Any] = {"type": kind}
    if message.header:
        interactive["header"] = {"type": "text", "text": message.header}
    interactive["body"] = {"text": message.body}
    if message.footer:
        interactive["footer"] = {"text": message.footer}
    interactive["action"] = action
    return interactive


def _row(row_id: str, title: str, description: str) -> dict[str, str]:
    row = {"id": row_id, "title": title}
    if description:
        row["description"] = description
    return row


def _template(message: Template) -> dict[str, Any]:
    components: list[dict[str, Any]] = []
    if message.body_params:
        parameters = [{"type": "text", "text": value} for value in message.body_params]
        components.append({"type": "body", "parameters": parameters})
    for index, payload in enumerate(message.button_payloads):
        components.append(
            {
                "type": "button",
                "sub_type": "quick_reply",
                "index": str(index),
                "parameters": [{"type": "payload", "payload": payload}],
            }
        )
    template: dict[str, Any] = {"name": message.name, "language": {"code": message.language}}
    if components:
        template["components"] = components
    return template


def classify_graph_error(status: int, answer: Any, *, pair_retry_seconds: float = 6.0) -> SendError:
    """The SendError for a non-2xx answer (`answer`: the decoded JSON, or None when not JSON).

    Branches on Graph's `error.code`; the HTTP status only decides when there is no code.
    """
    error = answer.get("error") if isinstance(answer, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    if not isinstance(error, dict) or not isinstance(code, int):
        return _by_status(status)
    detail = _describe(error)
    if code in OUTSIDE_WINDOW:
        return OutsideWindowError(detail, code=code)
    if code in TEMPLATE_PROBLEMS:
        logger.error("template refused by Meta, fix the template or its settings: %s", detail)
    if code in BLOCKED:
        return AccountBlocked(detail, code=code)
    if code in STOP or code in PERMISSION_CODES:
        return StopSending(detail, code=code)
    if code in PERMANENT:
        return PermanentSendError(detail, code=code)
    if code in THROUGHPUT:
        return ThroughputExceeded(detail, code=code)
    if code in ACCOUNT_RATE:
        return AccountRateLimited(detail, code=code, retry_after=ACCOUNT_RATE[code])
    if code in RETRY_LATER:
        hint = RETRY_LATER[code]
        if code == 131056:
            hint = max(hint or 0.0, pair_retry_seconds)
        return RetryableSendError(detail, code=code, retry_after=hint)
    if status == 429:
        return ThroughputExceeded(detail, code=code)
    if status >= 500:
        return RetryableSendError(detail, code=code)
    return PermanentSendError(detail, code=code)


def _by_status(status: int) -> SendError:
    detail = f"HTTP {status} without a Graph error"
    if status == 429:
        return ThroughputExceeded(detail, code="http-429")
    if status >= 500 or status == 408:
        return RetryableSendError(detail, code=f"http-{status}")
    if status in (401, 403):
        return StopSending(detail, code=f"http-{status}")
    return PermanentSendError(detail, code=f"http-{status}")


def _describe(error: dict[str, Any]) -> str:
    message = str(error.get("message", "")).strip()
    data = error.get("error_data")
    details = data.get("details") if isinstance(data, dict) else None
    text = f"{message}: {details}" if details and details not in message else message
    return text[:500] or f"Graph error {error.get('code')}"


def parse_success(answer: Any) -> tuple[str, str]:
    """(message id, canonical wa_id) from a 2xx answer; ("", "") for mark-as-read.

    A 2xx JSON answer means Meta accepted the message, even without its id: it is taken as sent
    (with a warning; its statuses cannot be matched) rather than retried, which would send it
    twice. Only a 2xx that is not JSON at all (not Graph: a proxy's page) is retried.
    """
    if not isinstance(answer, dict):
        raise RetryableSendError("2xx answer that is not JSON", code="bad-answer")
    messages = answer.get("messages")
    if not messages and answer.get("success") is True:
        return "", ""
    first = messages[0] if isinstance(messages, list) and messages else None
    message_id = first.get("id") if isinstance(first, dict) else None
    contacts = answer.get("contacts")
    contact = contacts[0] if isinstance(contacts, list) and contacts else None
    wa_id = contact.get("wa_id") if isinstance(contact, dict) else None
    if not message_id:
        logger.warning(
            "Graph accepted a message without giving its id (%s): recorded as sent, its "
            "delivery statuses will not be matched",
            ", ".join(sorted(str(key) for key in answer))[:200] or "empty answer",
        )
        return "", str(wa_id or "")
    return str(message_id), str(wa_id or "")
