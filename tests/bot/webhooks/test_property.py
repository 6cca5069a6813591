"""Property: no body, signed or not, makes the webhook answer 5xx or raise."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from tests.bot.inbound.helpers import PATH, sign
from tests.conftest import TEST_PHONE_NUMBER_ID

# Any character, lone surrogates and NUL included (they reach us as JSON escapes).
text = st.text(st.characters(exclude_categories=()), max_size=20)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)
digits = st.from_regex(r"\A[0-9]{1,16}\Z")
# Mostly valid ids, senders and times, so that many generated messages get stored.
good_wamid = st.from_regex(r"\Awamid\.[A-Za-z0-9]{1,12}\Z")
wamid = good_wamid | good_wamid | text | st.just("wamid." + "x" * 300)
sender = st.sampled_from(["221771234567", "221761112233"]) | digits | text
good_seconds = st.integers(0, 4 * 10**9).map(str)
seconds = good_seconds | good_seconds | st.integers() | text
message = st.fixed_dictionaries(
    {"id": wamid, "from": sender, "timestamp": seconds},
    optional={
        "from_user_id": text,
        "type": st.sampled_from(
            [
                "text",
                "interactive",
                "button",
                "image",
                "audio",
                "video",
                "document",
                "sticker",
                "location",
                "contacts",
                "reaction",
                "unsupported",
                "order",
                "system",
            ]
        )
        | text,
        "text": json_values,
        "interactive": st.fixed_dictionaries(
            {"type": st.sampled_from(["button_reply", "list_reply", "nfm_reply"]) | text},
            optional={"button_reply": json_values, "list_reply": json_values},
        ),
        "button": json_values,
        "image": json_values,
        "audio": json_values,
        "location": st.fixed_dictionaries(
            {"latitude": scalars | st.floats(), "longitude": scalars | st.floats()}
        ),
        "contacts": json_values,
        "reaction": json_values,
        "context": json_values,
        "errors": json_values,
    },
)
status = st.fixed_dictionaries(
    {
        "id": wamid,
        "status": st.sampled_from(["sent", "delivered", "read", "failed", "played"]) | text,
        "timestamp": seconds,
    },
    optional={
        "recipient_id": json_values,
        "errors": json_values,
        "conversation": json_values,
        "pricing": json_values,
    },
)
value = st.fixed_dictionaries(
    {
        "metadata": st.fixed_dictionaries(
            {"phone_number_id": st.sampled_from([TEST_PHONE_NUMBER_ID] * 4 + ["106540352250114"])}
        ),
    },
    optional={
        "contacts": st.lists(json_values | st.fixed_dictionaries({"wa_id": digits}), max_size=3),
        "messages": st.lists(message, min_size=1, max_size=3),
        "statuses": st.lists(status, min_size=1, max_size=3),
        "errors": json_values,
    },
)
# Shapes that are wrong at the top are covered by `json_values` and `st.binary` below.
meta_like = st.fixed_dictionaries(
    {
        "object": st.just("whatsapp_business_account"),
        "entry": st.lists(
            st.fixed_dictionaries(
                {
                    "changes": st.lists(
                        st.fixed_dictionaries(
                            {"field": st.sampled_from(["messages"] * 4 + ["other"]), "value": value}
                        ),
                        max_size=3,
                    )
                }
            ),
            max_size=3,
        ),
    }
)


def _encode(payload: Any) -> bytes:
    return json.dumps(payload).encode()


meta_bodies = meta_like.map(_encode)
bodies = (
    st.binary(max_size=300)
    | json_values.map(_encode)
    | meta_bodies
    | meta_bodies
    | meta_bodies
    | meta_bodies.map(lambda b: b[: len(b) // 2])
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies, signed=st.booleans())
def test_no_body_yields_a_server_error(client: TestClient, body: bytes, signed: bool) -> None:
    headers = {"x-hub-signature-256": sign(body)} if signed else {}
    response = client.post(PATH, content=body, headers=headers)  # an exception would raise here
    assert response.status_code == (200 if signed else 401)
