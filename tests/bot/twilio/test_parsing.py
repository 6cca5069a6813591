"""Twilio form posts into the provider-neutral typed values of bot.inbound.models."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qsl

import pytest

from bot.inbound.models import (
    ButtonReply,
    DeliveryState,
    ListReply,
    LocationMessage,
    MediaKind,
    MediaMessage,
    ReplyContext,
    TextMessage,
    UnsupportedMessage,
    message_from_dict,
)
from bot.inbound.twilio import TwilioPayloadError, parse_twilio_message, parse_twilio_status
from tests.conftest import FIXTURES

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
BASE = [
    ("MessageSid", "SM00000000000000000000000000000001"),
    ("From", "whatsapp:+221771234567"),
    ("To", "whatsapp:+221785550100"),
]


def form(name: str) -> list[tuple[str, str]]:
    raw = (FIXTURES / "whatsapp" / name).read_text(encoding="utf-8")
    return parse_qsl(raw, keep_blank_values=True, strict_parsing=True)


def test_text_fixture_every_common_field() -> None:
    message = parse_twilio_message(form("twilio_inbound_text.txt"), received_at=NOW)
    assert message == TextMessage(
        provider="twilio",
        message_id="SM5738a30596aba52fb592d62c0253efa5",
        sender="+221771234567",
        timestamp=NOW,
        sender_name="Awa Ndiaye",
        wa_id="221771234567",
        phone_number_id="+221785550100",
        body="STOCK RIZ",
    )
    assert message_from_dict(message.to_dict()) == message


def test_quick_reply_fixture() -> None:
    message = parse_twilio_message(form("twilio_inbound_quick_reply.txt"), received_at=NOW)
    assert isinstance(message, ButtonReply)
    assert message.id == "REORDER:RIZ-BRISE-50:20"
    assert message.title == "Commander"
    assert message.from_template  # MessageType=button: a template quick reply
    assert message.context == ReplyContext(
        message_id="SM40571b458f748a96c84abf6edc484a88", sender="221785550100"
    )
    assert message_from_dict(message.to_dict()) == message


def test_session_quick_reply_is_not_from_a_template() -> None:
    params = [*BASE, ("MessageType", "interactive"), ("ButtonPayload", "yes")]
    message = parse_twilio_message(params, received_at=NOW)
    assert isinstance(message, ButtonReply)
    assert (message.id, message.title, message.from_template) == ("yes", "yes", False)


def test_button_text_only() -> None:
    params = [*BASE, ("ButtonText", "Oui"), ("Body", "Oui")]
    message = parse_twilio_message(params, received_at=NOW)
    assert isinstance(message, ButtonReply)
    assert (message.id, message.title) == ("Oui", "Oui")


def test_list_picker_selection() -> None:
    params = [*BASE, ("ListId", "RIZ-50"), ("ListTitle", "Riz 50kg"), ("ListDescription", "12")]
    message = parse_twilio_message(params, received_at=NOW)
    assert isinstance(message, ListReply)
    assert (message.id, message.title, message.description) == ("RIZ-50", "Riz 50kg", "12")


@pytest.mark.parametrize(
    ("mime", "kind", "voice"),
    [
        ("image/jpeg", MediaKind.IMAGE, False),
        ("image/webp", MediaKind.STICKER, False),
        ("audio/ogg", MediaKind.AUDIO, True),
        ("audio/mpeg", MediaKind.AUDIO, False),
        ("video/mp4", MediaKind.VIDEO, False),
        ("application/pdf", MediaKind.DOCUMENT, False),
        ("", MediaKind.UNKNOWN, False),
    ],
)
def test_media(mime: str, kind: MediaKind, voice: bool) -> None:
    url = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"
    params = [
        *BASE,
        ("NumMedia", "1"),
        ("MediaUrl0", url),
        ("MediaContentType0", mime),
        ("Body", "facture"),
    ]
    message = parse_twilio_message(params, received_at=NOW)
    assert isinstance(message, MediaMessage)
    assert (message.media, message.media_id, message.mime_type) == (kind, url, mime)
    assert (message.caption, message.voice) == ("facture", voice)
    assert message_from_dict(message.to_dict()) == message


def test_location() -> None:
    params = [
        *BASE,
        ("Latitude", "14.6928"),
        ("Longitude", "-17.4467"),
        ("Address", "Marché Sandaga"),
        ("Label", "Boutique"),
    ]
    message = parse_twilio_message(params, received_at=NOW)
    assert isinstance(message, LocationMessage)
    assert (message.latitude, message.longitude) == (14.6928, -17.4467)
    assert (message.name, message.address) == ("Boutique", "Marché Sandaga")


def test_malformed_location_is_unsupported_not_an_exception() -> None:
    params = [*BASE, ("Latitude", "nord"), ("Longitude", "1")]
    message = parse_twilio_message(params, received_at=NOW)
    assert isinstance(message, UnsupportedMessage)
    assert message.original_type == "location"
    assert message.errors[0].code == "invalid"


@pytest.mark.parametrize("field", ["Forwarded", "FrequentlyForwarded"])
def test_forwarded_without_reply(field: str) -> None:
    params = [*BASE, ("Body", "STOCK"), (field, "true")]
    message = parse_twilio_message(params, received_at=NOW)
    assert message.context == ReplyContext(message_id="", forwarded=True)


def test_unknown_keys_are_accepted() -> None:
    params = [
        *BASE,
        ("Body", "aide"),
        ("ChannelMetadata", '{"type":"whatsapp"}'),
        ("ReferralBody", "x"),
        ("SomethingNew2027", "?"),
    ]
    message = parse_twilio_message(params, received_at=NOW)
    assert isinstance(message, TextMessage)
    assert message.body == "aide"


def test_empty_message_is_unsupported() -> None:
    message = parse_twilio_message([*BASE, ("MessageType", "reaction")], received_at=NOW)
    assert isinstance(message, UnsupportedMessage)
    assert message.original_type == "reaction"


def test_username_sender_without_phone() -> None:
    params = [
        ("MessageSid", "SM2"),
        ("From", "whatsapp:SN.13491208655302741918"),
        ("ExternalUserId", "whatsapp:SN.13491208655302741918"),
        ("Body", "stock"),
    ]
    message = parse_twilio_message(params, received_at=NOW)
    assert message.sender == "SN.13491208655302741918"
    assert message.user_id == "SN.13491208655302741918"
    assert message.phone_number_id == ""


@pytest.mark.parametrize("missing", ["MessageSid", "From"])
def test_required_fields(missing: str) -> None:
    params = [(k, v) for k, v in [*BASE, ("Body", "x")] if k != missing]
    with pytest.raises(TwilioPayloadError, match=missing):
        parse_twilio_message(params, received_at=NOW)


def test_status_read_fixture() -> None:
    update = parse_twilio_status(form("twilio_status_read.txt"), received_at=NOW)
    assert update.provider == "twilio"
    assert update.message_id == "SM3d3c8373524cb32ccacadaafdf5d72c7"
    assert (update.status, update.raw_status) == (DeliveryState.READ, "read")
    assert update.recipient == "+221771234567"
    assert update.errors == ()
    assert update.timestamp == NOW


def test_status_undelivered_with_error_code() -> None:
    update = parse_twilio_status(form("twilio_status_undelivered_63016.txt"), received_at=NOW)
    assert (update.status, update.raw_status) == (DeliveryState.FAILED, "undelivered")
    assert update.recipient == "+221709876543"
    [error] = update.errors
    assert error.code == "63016"
    assert error.title == "Outside the allowed window to send free-form messages"


@pytest.mark.parametrize(
    ("raw", "state"),
    [
        ("queued", DeliveryState.QUEUED),
        ("sending", DeliveryState.QUEUED),
        ("accepted", DeliveryState.QUEUED),
        ("sent", DeliveryState.SENT),
        ("delivered", DeliveryState.DELIVERED),
        ("read", DeliveryState.READ),
        ("failed", DeliveryState.FAILED),
        ("undelivered", DeliveryState.FAILED),
        ("something-new", DeliveryState.UNKNOWN),
    ],
)
def test_every_status(raw: str, state: DeliveryState) -> None:
    update = parse_twilio_status([("MessageSid", "SM9"), ("MessageStatus", raw)], received_at=NOW)
    assert update.status is state


def test_status_without_sid() -> None:
    with pytest.raises(TwilioPayloadError):
        parse_twilio_status([("MessageStatus", "read")], received_at=NOW)
