"""`Inbound.to_dict`: what `dataclasses.asdict` gives, the time in ISO form and the type, for
every kind of message (it is built field by field on the webhook's hot path)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from bot.inbound.meta import loads, parse_webhook
from bot.inbound.models import (
    ContactsMessage,
    EditMessage,
    InboundMessageEvent,
    ProviderError,
    ReplyContext,
    SharedContact,
    SystemMessage,
    UnsupportedMessage,
    message_from_dict,
)
from tests.bot.inbound.helpers import fixture_bytes

MOMENT = datetime(2026, 12, 2, 21, 0, tzinfo=UTC)
COMMON = {"provider": "meta", "message_id": "wamid.D", "sender": "+221771234567"}


def _from_fixtures() -> list[InboundMessageEvent]:
    names = [
        "meta_text.json",
        "meta_audio.json",
        "meta_batch.json",
        "meta_image_caption.json",
        "meta_interactive_button_reply.json",
        "meta_interactive_list_reply.json",
        "meta_location.json",
        "meta_reaction.json",
        "meta_reply_context.json",
        "meta_template_quick_reply.json",
        "meta_unsupported.json",
    ]
    batches = [parse_webhook(loads(fixture_bytes(name))) for name in names]
    return [received.message for batch in batches for received in batch.messages]


MESSAGES: list[InboundMessageEvent] = [
    *_from_fixtures(),
    ContactsMessage(
        contacts=(SharedContact(name="Awa", phones=("221771234567",)),),
        timestamp=MOMENT,
        context=ReplyContext(message_id="wamid.C", sender="221", forwarded=True),
        **COMMON,
    ),
    UnsupportedMessage(
        original_type="poll",
        errors=(ProviderError(code="131051", title="Unsupported"),),
        timestamp=MOMENT,
        **COMMON,
    ),
    EditMessage(original_message_id="wamid.O", body="nouveau", timestamp=MOMENT, **COMMON),
    SystemMessage(kind="user_changed_number", new_wa_id="221770000000", timestamp=MOMENT, **COMMON),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: f"{m.type}-{m.message_id[-6:]}")
def test_a_messages_dict_is_what_asdict_gives_and_reads_back(message: InboundMessageEvent) -> None:
    expected = dataclasses.asdict(message)
    expected["timestamp"] = message.timestamp.isoformat()
    expected["type"] = message.type
    data = message.to_dict()
    assert data == expected
    assert [type(v) for v in data.values()] == [type(v) for v in expected.values()]
    assert message_from_dict(data) == message
