"""Parsing the newer Meta events into typed values (pure)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.inbound.meta import parse_webhook
from bot.inbound.models import (
    EditMessage,
    InboundMessageEvent,
    RevokeMessage,
    SystemMessage,
    TextMessage,
    message_from_dict,
)
from bot.operations.events import describe, digest_of
from bot.outbound.messages import Text
from bot.transports._graph import render_body
from tests.bot.inbound.helpers import fixture_json


def one(name: str) -> InboundMessageEvent:
    [received] = parse_webhook(fixture_json(name)).messages
    message = received.message
    assert message_from_dict(message.to_dict()) == message  # stored and rebuilt unchanged
    return message


def test_edit_revoke_and_number_change() -> None:
    edit = one("meta_edit.json")
    assert isinstance(edit, EditMessage)
    assert edit.body == "STOCK SUCRE" and edit.original_message_id.startswith("wamid.")
    revoke = one("meta_revoke.json")
    assert isinstance(revoke, RevokeMessage) and revoke.original_message_id
    system = one("meta_system_user_changed_number.json")
    assert isinstance(system, SystemMessage)
    assert (system.kind, system.new_wa_id, system.sender) == (
        "user_changed_number",
        "221761234599",
        "+221771234567",
    )


def test_an_edited_caption_and_the_older_new_wa_id_name() -> None:
    payload: Any = fixture_json("meta_edit.json")
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    message["edit"]["message"] = {"type": "image", "image": {"id": "1", "caption": "stock riz"}}
    [received] = parse_webhook(payload).messages
    assert isinstance(received.message, EditMessage) and received.message.body == "stock riz"
    payload = fixture_json("meta_system_user_changed_number.json")
    system = payload["entry"][0]["changes"][0]["value"]["messages"][0]["system"]
    system["new_wa_id"] = system.pop("wa_id")
    [received] = parse_webhook(payload).messages
    assert isinstance(received.message, SystemMessage)
    assert received.message.new_wa_id == "221761234599"


def test_a_username_only_sender_is_its_user_id() -> None:
    message = one("meta_username_only.json")
    assert isinstance(message, TextMessage)
    assert message.sender == message.user_id == "SN.48210937561284730159"
    assert message.wa_id == ""


@pytest.mark.parametrize(
    ("name", "event", "subject"),
    [
        ("meta_template_status_paused.json", "PAUSED", "alerte_rupture_stock:fr"),
        ("meta_template_quality_update.json", "YELLOW", "alerte_rupture_stock:fr"),
        ("meta_phone_number_quality_update.json", "FLAGGED", "221785550100"),
        ("meta_account_update_restriction.json", "ACCOUNT_RESTRICTION", "114920385706241"),
        ("meta_business_capability_update.json", "TIER_2K", "114920385706241"),
    ],
)
def test_operator_events(name: str, event: str, subject: str) -> None:
    batch = parse_webhook(fixture_json(name))
    assert batch.messages == () and batch.problems == () and batch.ignored == ()
    [received] = batch.operator_events
    assert describe(received.field, received.value, received.account_id) == (event, subject)
    assert digest_of(received) == digest_of(parse_webhook(fixture_json(name)).operator_events[0])


def test_a_user_id_recipient_is_sent_as_recipient() -> None:
    assert render_body("+221771234567", Text("x"))["to"] == "221771234567"
    body = render_body("SN.4821", Text("x"))
    assert body["recipient"] == "SN.4821" and "to" not in body
