"""No form Twilio (or anyone holding the token) could post makes parsing fail unexpectedly."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.inbound.models import message_from_dict
from bot.inbound.twilio import (
    TwilioPayloadError,
    message_batch,
    parse_twilio_message,
    status_batch,
)

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
KNOWN = [
    "MessageSid",
    "From",
    "To",
    "Body",
    "NumMedia",
    "MediaUrl0",
    "MediaContentType0",
    "Latitude",
    "Longitude",
    "ButtonPayload",
    "ButtonText",
    "ListId",
    "MessageStatus",
    "ErrorCode",
    "OriginalRepliedMessageSid",
    "OriginalRepliedMessageSender",
    "Forwarded",
    "ProfileName",
    "WaId",
    "ExternalUserId",
]
values = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["whatsapp:+221771234567", "1", "nan", "inf", "-91", "true", "image/png"]),
    st.text(min_size=250, max_size=300),
)
forms = st.lists(
    st.tuples(st.one_of(st.sampled_from(KNOWN), st.text(max_size=10)), values), max_size=12
)


@settings(max_examples=300, deadline=None)
@given(forms)
def test_any_form_parses_or_is_refused_cleanly(params: list[tuple[str, str]]) -> None:
    try:
        message = parse_twilio_message(params, received_at=NOW)
    except TwilioPayloadError:
        pass
    else:
        assert message_from_dict(json.loads(json.dumps(message.to_dict()))) == message
        assert len(message.message_id) <= 255 and len(message.sender) <= 64
        assert "\x00" not in json.dumps(message.to_dict(), ensure_ascii=False)
    for batch in (
        message_batch(params, received_at=NOW),
        status_batch(params, received_at=NOW),
    ):
        json.dumps([dict(item.raw) for item in (*batch.messages, *batch.statuses)])
        assert bool(batch.problems) != bool(batch.messages or batch.statuses)
