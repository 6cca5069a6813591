"""X-Hub-Signature-256: checked on the raw bytes, before anything is parsed or stored."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from bot.app import create_app
from bot.db.models import DeliveryStatus, WebhookEvent
from bot.webhooks.meta import verify_meta_signature
from tests.bot.inbound.helpers import PATH, fixture_bytes, inbound_rows, sign, signed_headers
from tests.conftest import make_settings

# The worked example of tests/fixtures/whatsapp/signatures.md.
EXAMPLE_SECRET = "5c1f0e9a7b3d4c28a6e1f2b9d0c7e835"
EXAMPLE_HEADER = "sha256=1bd63750f3e6e02433f99548a7e6675d28a610868a3caf7cdff8e0c01b64ca15"


def test_worked_example_verifies_on_the_exact_bytes() -> None:
    body = fixture_bytes("meta_signature_body.json")
    assert len(body) == 523
    assert verify_meta_signature(EXAMPLE_SECRET, body, EXAMPLE_HEADER)


@pytest.mark.parametrize(
    "rebuild",
    [
        lambda raw: json.dumps(json.loads(raw)).encode(),
        lambda raw: json.dumps(json.loads(raw), separators=(",", ":"), ensure_ascii=False).encode(),
        lambda raw: raw + b"\n",
        lambda raw: raw.replace(b"3 sacs", b"4 sacs"),
    ],
    ids=["re-serialised", "unescaped-utf8", "trailing-newline", "one-byte-changed"],
)
def test_any_other_bytes_fail(rebuild: object) -> None:
    body = rebuild(fixture_bytes("meta_signature_body.json"))  # type: ignore[operator]
    assert not verify_meta_signature(EXAMPLE_SECRET, body, EXAMPLE_HEADER)


@pytest.mark.parametrize(
    ("secret", "header"),
    [
        ("another-secret", EXAMPLE_HEADER),
        (EXAMPLE_SECRET, EXAMPLE_HEADER.removeprefix("sha256=")),
        (EXAMPLE_SECRET, EXAMPLE_HEADER.replace("sha256=", "sha1=")),
        (EXAMPLE_SECRET, "sha256="),
        (EXAMPLE_SECRET, "sha256=zz" + EXAMPLE_HEADER[9:]),
        (EXAMPLE_SECRET, EXAMPLE_HEADER + "é"),
        (EXAMPLE_SECRET, None),
        ("", "sha256=" + EXAMPLE_HEADER[7:]),
    ],
    ids=["wrong-secret", "no-prefix", "sha1", "empty", "non-hex", "non-ascii", "missing", "no-key"],
)
def test_malformed_or_wrong_signatures_fail(secret: str, header: str | None) -> None:
    assert not verify_meta_signature(secret, fixture_bytes("meta_signature_body.json"), header)


def _nothing_stored(engine: Engine) -> bool:
    with Session(engine) as session:
        events = session.exec(select(WebhookEvent)).all()
        statuses = session.exec(select(DeliveryStatus)).all()
    return not inbound_rows(engine) and not events and not statuses


def test_a_valid_signature_is_accepted_and_stored(client: TestClient, engine: Engine) -> None:
    body = fixture_bytes("meta_signature_body.json")
    response = client.post(PATH, content=body, headers=signed_headers(body))
    assert response.status_code == 200
    [row] = inbound_rows(engine)
    assert row.payload["message"]["body"] == "Stock riz brisé ? Il me reste 3 sacs \U0001f62c"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"x-hub-signature-256": "sha256=" + "0" * 64},
        {"x-hub-signature-256": sign(b"another body")},
        {"x-hub-signature-256": sign(fixture_bytes("meta_text.json")).removeprefix("sha256=")},
        {"x-hub-signature-256": sign(fixture_bytes("meta_text.json"), "another-secret")},
    ],
    ids=["missing", "zeros", "other-body", "no-prefix", "other-secret"],
)
def test_bad_signatures_get_401_and_nothing_is_stored(
    client: TestClient, engine: Engine, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    body = fixture_bytes("meta_text.json")
    with caplog.at_level(logging.DEBUG):
        response = client.post(PATH, content=body, headers=headers)
    assert response.status_code == 401
    assert _nothing_stored(engine)
    assert "refused" in caplog.text
    assert "STOCK RIZ" not in caplog.text  # logged without the body


def test_a_body_changed_by_one_byte_gets_401(client: TestClient, engine: Engine) -> None:
    body = fixture_bytes("meta_text.json")
    headers = signed_headers(body)
    changed = body.replace(b"STOCK RIZ", b"STOCK RIS")
    assert client.post(PATH, content=changed, headers=headers).status_code == 401
    assert _nothing_stored(engine)


def test_a_valid_signature_over_a_body_then_re_serialised_gets_401(
    client: TestClient, engine: Engine
) -> None:
    body = fixture_bytes("meta_signature_body.json")
    headers = signed_headers(body)
    re_serialised = json.dumps(json.loads(body)).encode()
    assert client.post(PATH, content=re_serialised, headers=headers).status_code == 401
    assert _nothing_stored(engine)


def test_an_unset_app_secret_refuses_every_post(database_url: str, engine: Engine) -> None:
    settings = make_settings(database_url, whatsapp_app_secret=None)
    body = fixture_bytes("meta_text.json")
    with TestClient(create_app(settings, engine=engine, run_background=False)) as client:
        for headers in (signed_headers(body, secret=""), {}):
            assert client.post(PATH, content=body, headers=headers).status_code == 401
    assert _nothing_stored(engine)


def test_a_body_over_the_limit_gets_413_by_declared_length(
    client: TestClient, engine: Engine
) -> None:
    body = b"{" + b" " * (1024 * 1024) + b"}"
    assert client.post(PATH, content=body, headers=signed_headers(body)).status_code == 413
    assert _nothing_stored(engine)


def test_a_streamed_body_over_the_limit_gets_413(client: TestClient, engine: Engine) -> None:
    chunk = b" " * 65536
    body_size = 17 * len(chunk)

    def chunks() -> object:
        for _ in range(17):
            yield chunk

    # No Content-Length: the limit is enforced while reading the stream.
    headers = {"x-hub-signature-256": "sha256=" + "0" * 64}
    response = client.post(PATH, content=chunks(), headers=headers)  # type: ignore[arg-type]
    assert body_size > 1024 * 1024
    assert response.status_code == 413
    assert _nothing_stored(engine)
