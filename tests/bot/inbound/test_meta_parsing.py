"""Pure parsing of Meta webhook bodies into typed values (no database, no HTTP)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.inbound.meta import MetaPayloadError, loads, parse_webhook
from bot.inbound.models import (
    ButtonReply,
    ContactsMessage,
    DeliveryState,
    InboundMessageEvent,
    ListReply,
    LocationMessage,
    MediaKind,
    MediaMessage,
    ReactionMessage,
    TextMessage,
    UnsupportedMessage,
    message_from_dict,
)
from tests.bot.inbound.helpers import fixture_bytes, fixture_json
from tests.conftest import TEST_PHONE_NUMBER_ID

Check = Callable[[Any], bool]

MESSAGE_FIXTURES: list[tuple[str, type, Check]] = [
    ("meta_text.json", TextMessage, lambda m: m.body == "STOCK RIZ"),
    (
        "meta_interactive_button_reply.json",
        ButtonReply,
        lambda m: (
            (m.id, m.title, m.from_template) == ("restock:yes:RIZ-BRISE-50", "Oui", False)
            and m.context.message_id.startswith("wamid.HBgMMjIxNzcxMjM0NTY3FQIAERgSQjM4")
        ),
    ),
    (
        "meta_interactive_list_reply.json",
        ListReply,
        lambda m: (
            (m.id, m.title, m.description)
            == ("product:HUILE-5L", "Huile Jadida 5L", "Bidon 5L · 4 en stock")
        ),
    ),
    (
        "meta_template_quick_reply.json",
        ButtonReply,
        lambda m: (
            (m.id, m.title, m.from_template) == ("REORDER:RIZ-BRISE-50:20", "Commander", True)
            and m.context is not None
        ),
    ),
    (
        "meta_image_caption.json",
        MediaMessage,
        lambda m: (
            m.media is MediaKind.IMAGE
            and (m.media_id, m.mime_type) == ("2083215380858094", "image/jpeg")
            and m.caption == "Bon de livraison sucre, 10 sacs reçus"
            and m.sha256.endswith("2jM=")
        ),
    ),
    (
        "meta_audio.json",
        MediaMessage,
        lambda m: m.media is MediaKind.AUDIO and m.voice and m.mime_type.startswith("audio/ogg"),
    ),
    (
        "meta_location.json",
        LocationMessage,
        lambda m: (
            (m.latitude, m.longitude) == (14.6716, -17.4313)
            and m.name == "Boutique Sarr – Marché Sandaga"
            and m.address.startswith("Avenue Lamine Guèye")
        ),
    ),
    (
        "meta_reaction.json",
        ReactionMessage,
        lambda m: m.emoji == "\U0001f44d" and m.reacted_message_id.startswith("wamid."),
    ),
    (
        "meta_unsupported.json",
        UnsupportedMessage,
        lambda m: (
            m.original_type == "poll"
            and [(e.code, e.title) for e in m.errors] == [("131051", "Message type unknown")]
        ),
    ),
    (
        "meta_reply_context.json",
        TextMessage,
        lambda m: (
            m.body == "Oui, 12 bidons seulement"
            and m.context.message_id
            == "wamid.HBgMMjIxNzYxMTEyMjMzFQIAERgSRjcwQjUwOUMwNjBENjVCRkVFAA=="
            and m.context.sender == "221785550100"
        ),
    ),
]


@pytest.mark.parametrize(
    ("name", "kind", "check"), MESSAGE_FIXTURES, ids=[f[0] for f in MESSAGE_FIXTURES]
)
def test_each_message_type(name: str, kind: type, check: Check) -> None:
    batch = parse_webhook(loads(fixture_bytes(name)), phone_number_id=TEST_PHONE_NUMBER_ID)
    assert batch.problems == ()
    [received] = batch.messages
    message = received.message
    assert isinstance(message, kind)
    assert check(message)
    raw = fixture_json(name)["entry"][0]["changes"][0]["value"]
    assert received.raw == raw["messages"][0]
    assert received.contact == raw["contacts"][0]
    assert message.sender == "+" + raw["messages"][0]["from"]
    assert message.wa_id == raw["contacts"][0]["wa_id"]
    assert message.sender_name == raw["contacts"][0]["profile"]["name"]
    assert message.phone_number_id == TEST_PHONE_NUMBER_ID
    assert message.timestamp == datetime.fromtimestamp(int(raw["messages"][0]["timestamp"]), UTC)
    assert message_from_dict(message.to_dict()) == message  # what the processor rebuilds


def test_text_keeps_the_business_scoped_user_id() -> None:
    [received] = parse_webhook(fixture_json("meta_text.json")).messages
    assert received.message.user_id == "SN.48210937561284730159"


def _one_message(**message: Any) -> dict[str, Any]:
    payload = fixture_json("meta_text.json")
    value = payload["entry"][0]["changes"][0]["value"]
    value["messages"] = [{"id": "wamid.X", "timestamp": "1773824400", **message}]
    return payload  # type: ignore[no-any-return]


def _parse_one(payload: dict[str, Any]) -> InboundMessageEvent:
    [received] = parse_webhook(payload).messages
    return received.message


def test_a_username_only_user_keeps_the_provider_id_as_sender() -> None:
    payload = _one_message(from_user_id="SN.9999", type="text", text={"body": "salut"})
    payload["entry"][0]["changes"][0]["value"]["contacts"] = [
        {"profile": {"name": "awa_ndiaye"}, "user_id": "SN.9999"}
    ]
    message = _parse_one(payload)
    assert message.sender == "SN.9999"
    assert message.user_id == "SN.9999"
    assert message.wa_id == ""


def test_a_from_that_is_not_a_phone_number_is_kept_as_is() -> None:
    message = _parse_one(_one_message(**{"from": "123", "type": "text", "text": {"body": "x"}}))
    assert message.sender == "123"


@pytest.mark.parametrize(
    ("message", "original_type"),
    [
        ({"type": "order", "order": {"catalog_id": "1"}}, "order"),
        ({"type": "edit", "edit": {"message": {"type": "text"}}}, "edit"),
        ({"type": "revoke", "revoke": {}}, "revoke"),
        ({"type": "brand_new_type"}, "brand_new_type"),
        ({}, "unknown"),
        ({"type": "interactive", "interactive": {"type": "nfm_reply"}}, "interactive:nfm_reply"),
        ({"type": "location", "location": {"latitude": "north"}}, "location"),
        ({"type": "location", "location": {"latitude": 1e300, "longitude": 2}}, "location"),
    ],
)
def test_unknown_or_unusable_types_become_unsupported(
    message: dict[str, Any], original_type: str
) -> None:
    parsed = _parse_one(_one_message(**{"from": "221771234567", **message}))
    assert isinstance(parsed, UnsupportedMessage)
    assert parsed.original_type == original_type


def test_video_document_sticker_and_contacts() -> None:
    for kind, extra in [
        ("video", {"caption": "arrivage"}),
        ("document", {"filename": "facture.pdf", "caption": "facture"}),
        ("sticker", {"animated": False}),
    ]:
        body = {"id": "m1", "mime_type": "x/y", **extra}
        parsed = _parse_one(_one_message(**{"from": "221771234567", "type": kind, kind: body}))
        assert isinstance(parsed, MediaMessage)
        assert parsed.media is MediaKind(kind)
        assert parsed.media_id == "m1"
        assert parsed.caption == extra.get("caption", "")
        assert parsed.filename == extra.get("filename", "")
    card = {"name": {"first_name": "Moussa", "last_name": "Diop"}, "phones": [{"wa_id": "2217"}]}
    parsed = _parse_one(
        _one_message(**{"from": "221771234567", "type": "contacts", "contacts": [card]})
    )
    assert isinstance(parsed, ContactsMessage)
    assert [(c.name, c.phones) for c in parsed.contacts] == [("Moussa Diop", ("2217",))]


def test_a_batch_yields_every_message_and_status() -> None:
    payload = fixture_json("meta_batch.json")
    batch = parse_webhook(payload)
    changes = [c["value"] for e in payload["entry"] for c in e["changes"]]
    assert [m.message.message_id for m in batch.messages] == [
        m["id"] for value in changes for m in value.get("messages", [])
    ]
    assert [m.message.sender for m in batch.messages] == [
        "+221771234567",
        "+221761112233",
        "+221709876543",
    ]
    assert [m.message.sender_name for m in batch.messages] == [
        "Awa Ndiaye",
        "Moussa Diop",
        "Fatou Sarr",
    ]
    assert [s.status.status for s in batch.statuses] == [
        DeliveryState.READ,
        DeliveryState.DELIVERED,
        DeliveryState.SENT,
    ]
    assert batch.problems == ()


def test_changes_for_another_number_are_skipped_and_named() -> None:
    batch = parse_webhook(fixture_json("meta_batch.json"), phone_number_id=TEST_PHONE_NUMBER_ID)
    assert len(batch.messages) == 2
    assert len(batch.statuses) == 2
    assert batch.problems == ()  # not a problem: Meta posts every number of the account
    assert len(batch.ignored) == 2
    assert all("106540352250114" in p for p in batch.ignored)
    assert batch.other_numbers == ("106540352250114",)
    assert batch.keep_raw


def test_our_display_number_comes_from_the_changes_addressed_to_us_only() -> None:
    """Account-level events name a number by its display form: ours is learnt from here."""
    batch = parse_webhook(fixture_json("meta_batch.json"), phone_number_id=TEST_PHONE_NUMBER_ID)
    assert batch.display_number == "221785550100"  # not 221785550101, the sister number's
    assert parse_webhook(fixture_json("meta_phone_number_quality_update.json")).display_number == ""


def test_a_change_without_a_phone_number_id_is_a_problem() -> None:
    payload = fixture_json("meta_text.json")
    del payload["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"]
    batch = parse_webhook(payload, phone_number_id=TEST_PHONE_NUMBER_ID)
    assert batch.messages == ()
    assert batch.other_numbers == ()
    [problem] = batch.problems
    assert problem.startswith("change without metadata.phone_number_id: 1 message(s)")
    assert "not processed" in problem


def test_statuses_keep_errors_conversation_and_pricing() -> None:
    [sent] = parse_webhook(fixture_json("meta_status_sent.json")).statuses
    assert sent.status.status is DeliveryState.SENT
    assert sent.status.conversation_id == "ac83713bb58df5ec11174ff3357a9f33"
    assert sent.status.conversation_origin == "utility"
    assert (sent.status.pricing_model, sent.status.pricing_category) == ("PMP", "utility")
    assert sent.status.billable is True
    assert sent.status.recipient == "221771234567"
    assert sent.raw["conversation"]["expiration_timestamp"] == "1773914400"
    for code, title in [("131047", "Re-engagement message"), ("131026", "Message undeliverable")]:
        [failed] = parse_webhook(fixture_json(f"meta_status_failed_{code}.json")).statuses
        assert failed.status.status is DeliveryState.FAILED
        assert [(e.code, e.title) for e in failed.status.errors] == [(code, title)]
        assert failed.status.errors[0].details.endswith(".")


def test_an_unknown_status_is_kept_as_unknown() -> None:
    payload = fixture_json("meta_status_read.json")
    payload["entry"][0]["changes"][0]["value"]["statuses"][0]["status"] = "teleported"
    [status] = parse_webhook(payload).statuses
    assert status.status.status is DeliveryState.UNKNOWN
    assert status.status.raw_status == "teleported"


def test_played_is_a_known_status_ranked_with_read() -> None:
    payload = fixture_json("meta_status_read.json")
    payload["entry"][0]["changes"][0]["value"]["statuses"][0]["status"] = "played"
    [status] = parse_webhook(payload).statuses
    assert status.status.status is DeliveryState.PLAYED
    assert DeliveryState.PLAYED.rank == DeliveryState.READ.rank


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.pop("id"),
        lambda m: m.update(id="x" * 300),
        lambda m: m.update(timestamp="yesterday"),
        lambda m: m.update(timestamp=10**30),
        lambda m: m.pop("from"),
    ],
    ids=["no-id", "id-too-long", "bad-timestamp", "huge-timestamp", "no-sender"],
)
def test_an_unusable_message_is_skipped_and_the_rest_kept(change: Callable[[Any], Any]) -> None:
    payload = fixture_json("meta_batch.json")
    messages = payload["entry"][0]["changes"][0]["value"]["messages"]
    broken = copy.deepcopy(messages[0])
    change(broken)
    messages.insert(0, broken)
    payload["entry"][0]["changes"][0]["value"]["contacts"] = []
    batch = parse_webhook(payload)
    assert len(batch.messages) == 3
    assert len(batch.problems) == 1
    assert batch.problems[0].startswith("message skipped")


@pytest.mark.parametrize(
    "data",
    [[], "text", {"entry": "x"}, {"object": "page", "entry": []}, None],
    ids=["list", "string", "entry-not-list", "other-object", "null"],
)
def test_a_body_of_the_wrong_shape_raises(data: Any) -> None:
    with pytest.raises(MetaPayloadError):
        parse_webhook(data)


def test_webhook_errors_are_problems_other_fields_are_ignored_operator_ones_kept() -> None:
    payload = fixture_json("meta_text.json")
    payload["entry"][0]["time"] = 1773824400
    payload["entry"][0]["changes"].append({"field": "calls", "value": {"calls": []}})
    payload["entry"][0]["changes"].append(
        {"field": "message_template_status_update", "value": {"event": "APPROVED"}}
    )
    payload["entry"][0]["changes"][0]["value"]["errors"] = [{"code": 131000, "title": "Oops"}]
    batch = parse_webhook(payload)
    assert len(batch.messages) == 1
    assert any("131000" in p for p in batch.problems)
    assert batch.ignored == ("field 'calls' not handled",)
    [event] = batch.operator_events
    assert event.field == "message_template_status_update"
    assert event.value == {"event": "APPROVED"}
    assert event.account_id == payload["entry"][0]["id"]
    assert event.occurred_at is not None and event.occurred_at.timestamp() == 1773824400


def test_text_the_databases_refuse_is_cleaned() -> None:
    payload = _one_message(
        **{"from": "221771234567", "type": "text", "text": {"body": "a\x00b\ud83d"}}
    )
    [received] = parse_webhook(payload).messages
    assert isinstance(received.message, TextMessage)
    assert received.message.body == "a\ufffdb\ufffd"
    assert received.raw["text"]["body"] == "a\ufffdb\ufffd"


@pytest.mark.parametrize("raw", [b"[NaN]", b'{"x": Infinity}', b"[1e999]"])
def test_non_finite_numbers_are_not_json(raw: bytes) -> None:
    with pytest.raises(ValueError):
        loads(raw)
