"""Parsing a delivery without cleaning its strings when its bytes show none needs it
(`is_clean`): the same result as cleaning them, for any text a body can carry."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.inbound.meta import is_clean, loads, parse_webhook
from tests.bot.inbound.helpers import fixture_bytes, text_webhook
from tests.conftest import TEST_PHONE_NUMBER_ID

FIXTURES = [
    "meta_text.json",
    "meta_batch.json",
    "meta_interactive_button_reply.json",
    "meta_interactive_list_reply.json",
    "meta_location.json",
    "meta_reaction.json",
    "meta_reply_context.json",
    "meta_status_failed_131026.json",
    "meta_template_quick_reply.json",
    "meta_unsupported.json",
    "meta_image_caption.json",
]


def _both_ways(body: bytes) -> tuple[object, object]:
    cleaned = parse_webhook(loads(body), phone_number_id=TEST_PHONE_NUMBER_ID)
    as_is = parse_webhook(loads(body), phone_number_id=TEST_PHONE_NUMBER_ID, clean=False)
    return cleaned, as_is


@pytest.mark.parametrize(
    "body",
    [
        b'{"a":"\\u0000"}',
        b'{"a":"\\ud800"}',
        b'{"a":"x\\by"}',
        b'{"a":"x\\fy"}',
        b'{"\\u0007":1}',
        b'{"a":"\\u001F \\u007f \\u0085"}',
        b'{"a":"\\uDE00 alone"}',
        b'{"a":"\\uD83D alone"}',
        b'{"a":"\\\\uD83D\\uDE00"}',
        b'{"a":"\\\\\\u0000"}',
        b'{"a":"\\ud83d\\ude00\\ude00"}',
        b'{"a":"x\x7fy"}',
        b'{"a":"x\xc2\x85y"}',
        b'{"a":"x\xed\xa0\x80y"}',
        '{"a":"x"}'.encode("utf-16"),
        b'{"a":' + b"[" * 300 + b"]" * 300 + b"}",
    ],
)
def test_a_body_that_may_hold_what_cleaning_replaces_is_not_clean(body: bytes) -> None:
    assert not is_clean(body)


@pytest.mark.parametrize(
    "body",
    [
        b'{"a":"STOCK RIZ"}',
        '{"a":"Bonjour, réassort du sucre 😀"}'.encode(),
        b'{"a":"r\\u00e9assort \\ud83d\\ude00 \\u20ac"}',
        b'{"a":"a literal \\\\b and \\\\u0000, then \\\\\\ud83d\\ude00"}',
        b'{"a":"line\\nbreak\\ttab \\"quoted\\" back\\\\slash \\/"}',
    ],
)
def test_a_body_of_printable_text_is_clean(body: bytes) -> None:
    assert is_clean(body)


@pytest.mark.parametrize("name", FIXTURES)
def test_the_fixtures_parse_the_same_without_cleaning(name: str) -> None:
    body = fixture_bytes(name)
    assert is_clean(body)
    cleaned, as_is = _both_ways(body)
    assert as_is == cleaned


# Any code point, lone surrogates and controls included, and literal backslashes before escapes.
_ANY = st.characters(blacklist_categories=())
_TEXT = st.lists(st.one_of(_ANY, st.sampled_from(["\\", "\\ud83d", "\ud83d", "\ude00"]))).map(
    "".join
)


@settings(max_examples=500, deadline=None)
@given(text=_TEXT, name=st.text(_ANY, max_size=20), ascii_only=st.booleans())
def test_a_clean_body_parses_as_cleaning_it_would(text: str, name: str, ascii_only: bool) -> None:
    """Any text in a message's body and the sender's name, encoded as `json.dumps` does (with
    escapes, or raw UTF-8): when `is_clean` says so, skipping the cleaning changes nothing;
    when it does not, the body is cleaned as before."""
    payload = json.loads(text_webhook("wamid.CLEAN1"))
    value = payload["entry"][0]["changes"][0]["value"]
    value["messages"][0]["text"]["body"] = text
    value["contacts"][0]["profile"]["name"] = name
    body = json.dumps(payload, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    if is_clean(body):
        cleaned, as_is = _both_ways(body)
        assert as_is == cleaned
