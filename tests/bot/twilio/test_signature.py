"""X-Twilio-Signature, against the worked examples of fixtures/whatsapp/signatures.md."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qsl

import pytest

from bot.inbound.twilio import twilio_signature, verify_twilio_signature
from tests.conftest import FIXTURES

TOKEN = "7d4e2a9c1b8f6035e2d9a4c7b1f0e8a3"
URL_A = "https://bot.example.sn/twilio/whatsapp/inbound"
URL_B = "https://bot.example.sn/twilio/whatsapp/inbound?store=42"
SIG_A = "C+v98z/5w0vUaSr+Z9EXNKBI3sA="
SIG_B = "o9Brcksf9d6M9VhEAsOwTN+9Va0="


def form(name: str) -> list[tuple[str, str]]:
    raw = (FIXTURES / "whatsapp" / name).read_text(encoding="utf-8")
    return parse_qsl(raw, keep_blank_values=True, strict_parsing=True)


def test_example_a_inbound_text() -> None:
    params = form("twilio_inbound_text.txt")
    assert len(params) == 15
    assert twilio_signature(TOKEN, URL_A, params) == SIG_A
    assert verify_twilio_signature(TOKEN, URL_A, params, SIG_A)


def test_example_b_query_string_stays_in_the_url() -> None:
    params = form("twilio_inbound_quick_reply.txt")
    assert len(params) == 21
    assert verify_twilio_signature(TOKEN, URL_B, params, SIG_B)
    assert not verify_twilio_signature(TOKEN, URL_A, params, SIG_B)


def test_twilio_published_vector() -> None:
    params = [
        ("CallSid", "CA1234567890ABCDE"),
        ("Digits", "1234"),
        ("From", "+14158675309"),
        ("To", "+18005551212"),
        ("Caller", "+14158675309"),
    ]
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert twilio_signature("12345", url, params) == "RSOYDt4T1cUTdK1PDd93/VVr8B8="


@pytest.mark.parametrize(
    "signature",
    ["", "   ", None, "C+v98z/5w0vUaSr+Z9EXNKBI3sB=", SIG_B, "not base64 at all"],
)
def test_missing_or_wrong_signature(signature: str | None) -> None:
    assert not verify_twilio_signature(TOKEN, URL_A, form("twilio_inbound_text.txt"), signature)


def test_wrong_token_or_no_token() -> None:
    params = form("twilio_inbound_text.txt")
    assert not verify_twilio_signature("another-token", URL_A, params, SIG_A)
    assert not verify_twilio_signature("", URL_A, params, SIG_A)


@pytest.mark.parametrize(
    ("url", "their_signature"),
    [
        ("http://bot.example.sn/twilio/whatsapp/inbound", "hulovS52oQuUXqV/rh1DI63Nc6g="),
        ("https://bot.example.sn/twilio/whatsapp/inbound/", "pIgmia7jm13prrpWdJ8QAxQ6feI="),
    ],
)
def test_url_mismatch(url: str, their_signature: str) -> None:
    """A receiver that rebuilds the wrong URL (scheme lost at a proxy, extra slash) rejects."""
    params = form("twilio_inbound_text.txt")
    assert twilio_signature(TOKEN, url, params) == their_signature
    assert not verify_twilio_signature(TOKEN, url, params, SIG_A)


def test_parameter_added_or_changed() -> None:
    params = form("twilio_inbound_text.txt")
    assert not verify_twilio_signature(TOKEN, URL_A, [*params, ("Extra", "1")], SIG_A)
    changed = [(k, "STOCK SUCRE" if k == "Body" else v) for k, v in params]
    assert not verify_twilio_signature(TOKEN, URL_A, changed, SIG_A)
    assert not verify_twilio_signature(TOKEN, URL_A, params[:-1], SIG_A)


def test_parameter_order_does_not_matter() -> None:
    params = form("twilio_inbound_text.txt")
    assert verify_twilio_signature(TOKEN, URL_A, list(reversed(params)), SIG_A)


@pytest.mark.parametrize(
    ("signed_url", "checked_url"),
    [
        ("https://bot.example.sn:443/hook", "https://bot.example.sn/hook"),
        ("https://bot.example.sn/hook", "https://bot.example.sn:443/hook"),
        ("http://bot.example.sn:80/hook?a=1", "http://bot.example.sn/hook?a=1"),
    ],
)
def test_default_port_with_or_without(signed_url: str, checked_url: str) -> None:
    params = [("Body", "x"), ("MessageSid", "SM1")]
    signature = twilio_signature(TOKEN, signed_url, params)
    assert verify_twilio_signature(TOKEN, checked_url, params, signature)


def test_other_port_is_not_the_default() -> None:
    params = [("Body", "x")]
    signature = twilio_signature(TOKEN, "https://bot.example.sn:8443/hook", params)
    assert not verify_twilio_signature(TOKEN, "https://bot.example.sn/hook", params, signature)


def test_repeated_keys_sorted_by_value() -> None:
    """Repeated names contribute each value, sorted (MediaUrl-style repeats)."""
    params = [("B", "2"), ("A", "z"), ("B", "1"), ("A", "a")]
    signed = (URL_A + "Aa" + "Az" + "B1" + "B2").encode()
    expected = base64.b64encode(hmac.new(TOKEN.encode(), signed, hashlib.sha1).digest()).decode()
    assert twilio_signature(TOKEN, URL_A, params) == expected
    assert verify_twilio_signature(TOKEN, URL_A, params, expected)
    assert not verify_twilio_signature(TOKEN, URL_A, [("A", "a"), ("B", "1")], expected)
