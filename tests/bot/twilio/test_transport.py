"""TwilioTransport: the exact Messages API forms, and every error class (pytest-httpx)."""

from __future__ import annotations

import base64
import json
import math
from datetime import timedelta
from urllib.parse import parse_qsl

import httpx
import pytest
from pytest_httpx import HTTPXMock
from sqlmodel import Session

from bot.clock import utcnow
from bot.db.models import Manager
from bot.errors import (
    OutsideWindowError,
    PermanentSendError,
    RetryableSendError,
    SendError,
    StopSending,
)
from bot.outbound.messages import (
    Button,
    Buttons,
    ListMessage,
    ListRow,
    MarkRead,
    Reaction,
    Template,
    Text,
)
from bot.outbound.policy import RETRY_AFTER_CAP_SECONDS, retry_at
from bot.settings import Settings
from bot.transports.base import SendResult, ThroughputExceeded, Transport
from bot.transports.twilio import BODY_MAX, TwilioTransport, content_sid_for
from tests.bot.twilio.conftest import ACCOUNT_SID, AUTH_TOKEN, twilio_settings
from tests.conftest import FIXTURES

pytestmark = pytest.mark.anyio

SID = ACCOUNT_SID
TOKEN = AUTH_TOKEN
API = "https://api.twilio.test"
URL = f"{API}/2010-04-01/Accounts/{SID}/Messages.json"
AWA = "+221771234567"
FROM = "whatsapp:+221785550100"
CALLBACK = "https://bot.example.sn/webhooks/twilio/status"
YES_NO = Buttons(
    body="Stock faible : Riz brisé 50kg (3 sacs). Commander 20 sacs ?",
    buttons=(Button("yes", "Oui"), Button("no", "Non")),
)
ROWS = ListMessage(
    body="Quel produit ?",
    button="Produits",
    rows=(
        ListRow("RIZ-50", "Riz brisé 50kg", "3 sacs"),
        ListRow("GAZ-12", "Gaz 12kg"),
        ListRow("HUILE-5", "Huile 5L", "12 bidons"),
    ),
)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def french(_recipient: str) -> str:
    return "fr"


async def english(_recipient: str) -> str:
    return "en"


def sent_forms(httpx_mock: HTTPXMock) -> list[list[tuple[str, str]]]:
    return [
        parse_qsl(request.content.decode(), keep_blank_values=True, strict_parsing=True)
        for request in httpx_mock.get_requests()
    ]


def accept(httpx_mock: HTTPXMock, *sids: str) -> None:
    for sid in sids:
        httpx_mock.add_response(
            method="POST", url=URL, status_code=201, json={"sid": sid, "status": "queued"}
        )


async def send(settings: Settings, message: object, **kwargs: object) -> SendResult:
    transport = TwilioTransport(settings, **kwargs)  # type: ignore[arg-type]
    try:
        return await transport.send(AWA, message)  # type: ignore[arg-type]
    finally:
        await transport.aclose()


def test_is_a_transport(database_url: str) -> None:
    transport: Transport = TwilioTransport(twilio_settings(database_url))
    assert transport.name == "twilio"
    assert TwilioTransport.text_limit == BODY_MAX == 1600


async def test_text_exact_form_auth_and_url(database_url: str, httpx_mock: HTTPXMock) -> None:
    accept(httpx_mock, "SM1")
    result = await send(twilio_settings(database_url), Text("Riz brisé 50kg : 12 sacs"))
    assert result == SendResult(provider_message_id="SM1")
    [request] = httpx_mock.get_requests()
    assert request.method == "POST"
    assert str(request.url) == URL
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    credentials = base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
    assert request.headers["authorization"] == f"Basic {credentials}"
    assert sent_forms(httpx_mock) == [
        [
            ("From", FROM),
            ("To", f"whatsapp:{AWA}"),
            ("Body", "Riz brisé 50kg : 12 sacs"),
            ("StatusCallback", CALLBACK),
        ]
    ]


@pytest.mark.parametrize("sender", ["whatsapp:+221785550100", "+221785550100", " +221785550100"])
async def test_from_with_or_without_prefix(
    database_url: str, httpx_mock: HTTPXMock, sender: str
) -> None:
    accept(httpx_mock, "SM1")
    await send(twilio_settings(database_url, twilio_whatsapp_from=sender), Text("x"))
    assert dict(sent_forms(httpx_mock)[0])["From"] == FROM


async def test_no_status_callback_without_public_url(
    database_url: str, httpx_mock: HTTPXMock
) -> None:
    # Sending through Twilio while another provider is the main one: no public URL set.
    settings = twilio_settings(database_url, whatsapp_provider="sandbox", public_base_url="")
    accept(httpx_mock, "SM1")
    await send(settings, Text("x"))
    assert "StatusCallback" not in dict(sent_forms(httpx_mock)[0])


async def test_long_text_is_split_never_truncated(database_url: str, httpx_mock: HTTPXMock) -> None:
    words = [f"produit{n:04d}" for n in range(330)]
    text = "\n\n".join(" ".join(words[i : i + 20]) for i in range(0, len(words), 20))
    assert 3200 < len(text) <= 4096
    accept(httpx_mock, "SM1", "SM2", "SM3")
    result = await send(twilio_settings(database_url), Text(text))
    bodies = [dict(form)["Body"] for form in sent_forms(httpx_mock)]
    assert len(bodies) == 3
    assert all(0 < len(body) <= BODY_MAX for body in bodies)
    assert " ".join(bodies).split() == words
    assert result.provider_message_id == "SM3"  # the row follows the last part


async def test_buttons_as_content_template(database_url: str, httpx_mock: HTTPXMock) -> None:
    settings = twilio_settings(database_url, twilio_content_sid_buttons="HXbuttons")
    accept(httpx_mock, "SM1")
    await send(settings, YES_NO, language_of=french)
    form = dict(sent_forms(httpx_mock)[0])
    assert "Body" not in form
    assert form["ContentSid"] == "HXbuttons"
    assert json.loads(form["ContentVariables"]) == {
        "1": YES_NO.body,
        "2": "Oui",
        "3": "yes",
        "4": "Non",
        "5": "no",
    }


async def test_buttons_content_sid_per_count(database_url: str, httpx_mock: HTTPXMock) -> None:
    settings = twilio_settings(database_url, twilio_content_sid_buttons="3=HXthree")
    accept(httpx_mock, "SM1")
    await send(settings, YES_NO, language_of=french)  # two buttons: no template for 2
    form = dict(sent_forms(httpx_mock)[0])
    assert "ContentSid" not in form
    assert form["Body"].endswith("Répondez 1 pour Oui ou 2 pour Non.")


async def test_buttons_fallback_numbered_french(database_url: str, httpx_mock: HTTPXMock) -> None:
    accept(httpx_mock, "SM1")
    await send(twilio_settings(database_url), YES_NO, language_of=french)
    assert dict(sent_forms(httpx_mock)[0])["Body"] == (
        "Stock faible : Riz brisé 50kg (3 sacs). Commander 20 sacs ?\n"
        "\n"
        "1. Oui\n"
        "2. Non\n"
        "\n"
        "Répondez 1 pour Oui ou 2 pour Non."
    )


async def test_buttons_fallback_english_three_choices_header_footer(
    database_url: str, httpx_mock: HTTPXMock
) -> None:
    message = Buttons(
        body="Low stock: rice. Order?",
        buttons=(Button("order", "Order"), Button("later", "Later"), Button("stop", "Stop")),
        header="Alert",
        footer="stockbot",
    )
    accept(httpx_mock, "SM1")
    await send(twilio_settings(database_url), message, language_of=english)
    assert dict(sent_forms(httpx_mock)[0])["Body"] == (
        "*Alert*\n\nLow stock: rice. Order?\n\n1. Order\n2. Later\n3. Stop\n\n"
        "Reply 1 for Order, 2 for Later or 3 for Stop.\n\n_stockbot_"
    )


async def test_language_from_the_managers_table(
    database_url: str, engine: object, session: Session, httpx_mock: HTTPXMock
) -> None:
    session.add(Manager(phone=AWA, language="en"))
    session.commit()
    accept(httpx_mock, "SM1")
    await send(twilio_settings(database_url), YES_NO)
    assert dict(sent_forms(httpx_mock)[0])["Body"].endswith("Reply 1 for Oui or 2 for Non.")


async def test_unknown_recipient_gets_the_default_language(
    database_url: str, engine: object, httpx_mock: HTTPXMock
) -> None:
    accept(httpx_mock, "SM1")
    await send(twilio_settings(database_url), YES_NO)
    assert dict(sent_forms(httpx_mock)[0])["Body"].endswith("Répondez 1 pour Oui ou 2 pour Non.")


async def test_list_fallback_numbered(database_url: str, httpx_mock: HTTPXMock) -> None:
    accept(httpx_mock, "SM1")
    await send(twilio_settings(database_url), ROWS, language_of=french)
    assert dict(sent_forms(httpx_mock)[0])["Body"] == (
        "Quel produit ?\n\n1. Riz brisé 50kg – 3 sacs\n2. Gaz 12kg\n3. Huile 5L – 12 bidons\n\n"
        "Répondez par le numéro de votre choix (1 à 3)."
    )


async def test_list_as_content_template(database_url: str, httpx_mock: HTTPXMock) -> None:
    settings = twilio_settings(database_url, twilio_content_sid_list="HXlist")
    accept(httpx_mock, "SM1")
    await send(settings, ROWS, language_of=french)
    form = dict(sent_forms(httpx_mock)[0])
    assert form["ContentSid"] == "HXlist"
    assert json.loads(form["ContentVariables"]) == {
        "1": "Quel produit ?",
        "2": "Produits",
        "3": "Riz brisé 50kg",
        "4": "RIZ-50",
        "5": "3 sacs",
        "6": "Gaz 12kg",
        "7": "GAZ-12",
        "8": "",
        "9": "Huile 5L",
        "10": "HUILE-5",
        "11": "12 bidons",
    }


async def test_alert_template_matches_the_fixture_bytes(
    database_url: str, httpx_mock: HTTPXMock
) -> None:
    settings = twilio_settings(
        database_url, twilio_content_sid_alert="HX2384bdbc85a60c64011dc43d84b5cefa"
    )
    template = Template(
        name="alerte_rupture_stock",
        language="fr",
        body_params=("2", "Riz brisé 50kg (3), Gaz 12kg (1)"),
    )
    accept(httpx_mock, "SM1")
    await send(settings, template)
    expected = (FIXTURES / "whatsapp" / "twilio_send_content_template.txt").read_bytes()
    expected = expected.replace(b"%2Ftwilio%2Fwhatsapp%2Fstatus", b"%2Fwebhooks%2Ftwilio%2Fstatus")
    assert httpx_mock.get_requests()[0].content == expected


async def test_template_button_payloads_follow_the_body_params(
    database_url: str, httpx_mock: HTTPXMock
) -> None:
    settings = twilio_settings(database_url, twilio_content_sid_alert="HXalert")
    template = Template(
        name="alerte_rupture_stock",
        language="fr",
        body_params=("1", "Riz"),
        button_payloads=("alert:7:order", "alert:7:later"),
    )
    accept(httpx_mock, "SM1")
    await send(settings, template)
    variables = json.loads(dict(sent_forms(httpx_mock)[0])["ContentVariables"])
    assert variables == {"1": "1", "2": "Riz", "3": "alert:7:order", "4": "alert:7:later"}


@pytest.mark.parametrize(
    ("overrides", "name"),
    [({}, "alerte_rupture_stock"), ({"twilio_content_sid_alert": "HXa"}, "autre_modele")],
)
async def test_template_without_content_sid_is_permanent(
    database_url: str, httpx_mock: HTTPXMock, overrides: dict[str, object], name: str
) -> None:
    with pytest.raises(PermanentSendError, match="TWILIO_CONTENT_SID_ALERT"):
        await send(twilio_settings(database_url, **overrides), Template(name=name, language="fr"))
    assert httpx_mock.get_requests() == []


async def test_mark_read_sends_nothing(database_url: str, httpx_mock: HTTPXMock) -> None:
    result = await send(twilio_settings(database_url), MarkRead("SM1"))
    assert result.provider_message_id == ""
    assert httpx_mock.get_requests() == []


async def test_reaction_is_permanent(database_url: str, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(PermanentSendError):
        await send(twilio_settings(database_url), Reaction("SM1", "👍"))
    assert httpx_mock.get_requests() == []


def error_body(code: int, status: int) -> dict[str, object]:
    return {"code": code, "message": f"error {code}", "more_info": "", "status": status}


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (400, 63016, OutsideWindowError),
        (400, 21211, PermanentSendError),
        (400, 63003, PermanentSendError),
        (400, 63014, PermanentSendError),
        (400, 21658, PermanentSendError),
        (429, 20429, RetryableSendError),
        (429, 63018, ThroughputExceeded),  # the channel's rate: every send waits
        (503, 20503, RetryableSendError),
        (401, 20003, StopSending),
        (400, 99999, PermanentSendError),
        (500, 99999, RetryableSendError),
    ],
)
async def test_error_classification(
    database_url: str,
    httpx_mock: HTTPXMock,
    status: int,
    code: int,
    expected: type[SendError],
) -> None:
    httpx_mock.add_response(
        method="POST", url=URL, status_code=status, json=error_body(code, status)
    )
    with pytest.raises(SendError) as caught:
        await send(twilio_settings(database_url), Text("x"))
    assert type(caught.value) is expected
    assert caught.value.code == code


async def test_fixture_21211_is_permanent(database_url: str, httpx_mock: HTTPXMock) -> None:
    body = (FIXTURES / "whatsapp" / "twilio_error_21211.json").read_bytes()
    httpx_mock.add_response(method="POST", url=URL, status_code=400, content=body)
    with pytest.raises(PermanentSendError, match="not a valid phone number") as caught:
        await send(twilio_settings(database_url), Text("x"))
    assert caught.value.code == 21211


async def test_rate_limit_honours_retry_after(database_url: str, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=URL,
        status_code=429,
        json=error_body(20429, 429),
        headers={"Retry-After": "7"},
    )
    with pytest.raises(RetryableSendError) as caught:
        await send(twilio_settings(database_url), Text("x"))
    assert caught.value.retry_after == 7.0


@pytest.mark.parametrize("header", ["inf", "nan", "-5", "1e12", "Wed, 21 Oct 2026 07:28:00 GMT"])
async def test_a_retry_after_no_wait_can_be_made_of_is_read_safely(
    database_url: str, httpx_mock: HTTPXMock, header: str
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=URL,
        status_code=429,
        json=error_body(20429, 429),
        headers={"Retry-After": header},
    )
    with pytest.raises(RetryableSendError) as caught:
        await send(twilio_settings(database_url), Text("x"))
    wait = caught.value.retry_after
    assert wait is None or (math.isfinite(wait) and wait >= 0)
    now = utcnow()  # and the worker can make a date of it
    assert now < retry_at(now, 1, wait) <= now + timedelta(seconds=RETRY_AFTER_CAP_SECONDS)


@pytest.mark.parametrize(
    ("status", "content", "expected"),
    [
        (502, b"<html>Bad gateway</html>", RetryableSendError),
        (401, b"", StopSending),
        (429, b"", RetryableSendError),
        (404, b"not found", PermanentSendError),
        (201, b'{"status": "queued"}', RetryableSendError),
    ],
)
async def test_answers_without_a_twilio_error_body(
    database_url: str,
    httpx_mock: HTTPXMock,
    status: int,
    content: bytes,
    expected: type[SendError],
) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=status, content=content)
    with pytest.raises(expected):
        await send(twilio_settings(database_url), Text("x"))


@pytest.mark.parametrize(
    "exception",
    [httpx.ReadTimeout("slow"), httpx.ConnectError("refused"), httpx.ConnectTimeout("")],
)
async def test_network_failures_are_retryable(
    database_url: str, httpx_mock: HTTPXMock, exception: Exception
) -> None:
    httpx_mock.add_exception(exception, method="POST", url=URL)
    with pytest.raises(RetryableSendError):
        await send(twilio_settings(database_url), Text("x"))


async def test_failed_part_stops_the_rest(database_url: str, httpx_mock: HTTPXMock) -> None:
    accept(httpx_mock, "SM1")
    httpx_mock.add_response(method="POST", url=URL, status_code=429, json=error_body(20429, 429))
    with pytest.raises(RetryableSendError):
        await send(twilio_settings(database_url), Text(("mot " * 1000).strip()))
    assert len(httpx_mock.get_requests()) == 2


@pytest.mark.parametrize(
    ("setting", "count", "sid"),
    [
        ("", 2, ""),
        ("HXall", 2, "HXall"),
        ("HXall", 3, "HXall"),
        ("2=HXtwo, 3=HXthree", 2, "HXtwo"),
        ("2=HXtwo, 3=HXthree", 3, "HXthree"),
        ("2=HXtwo", 1, ""),
    ],
)
def test_content_sid_for(setting: str, count: int, sid: str) -> None:
    assert content_sid_for(setting, count) == sid
