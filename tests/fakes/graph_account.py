"""The account side of the fake Graph API: what `stockbot doctor` and `stockbot templates` call.

Served by `FakeGraph` (tests/fakes/graph.py) next to the messages endpoint, with the shapes of
Meta's answers:

- `GET /{version}/debug_token?input_token=…` -> `{"data": {"is_valid", "expires_at", "scopes",
  "granular_scopes", "app_id", "type", …}}` (`expires_at` 0: never expires);
- `GET /{version}/{phone number id}?fields=…` -> the number's fields (`verified_name`,
  `display_phone_number`, `quality_rating`, `messaging_limit_tier`, `name_status`, `id`), or
  error 100 (subcode 33) for an id the account does not have;
- `GET /{version}/{WABA id}/phone_numbers` -> `{"data": [...], "paging": {...}}`;
- `GET|POST /{version}/{WABA id}/subscribed_apps` -> `{"data": [{"whatsapp_business_api_data":
  {"id", "name", "link"}}]}` / `{"success": true}`;
- `GET /{version}/{WABA id}/message_templates?limit=…&after=…` -> `{"data": [...], "paging":
  {"cursors": {"before", "after"}, "next"?}}`, and `POST` to create one -> `{"id", "status",
  "category"}`, or error 100 subcode 2388024 when that name and language exist already.

Everything is plain attributes of `FakeAccount` that a test sets (an expired token, an
unsubscribed app, a rejected template…), and `fail(path_part, code)` answers the next call whose
path contains `path_part` with a Graph error.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from itertools import count
from typing import Any
from urllib.parse import parse_qs

DEFAULT_ACCOUNT_ID = "114920385706241"
APP_ID = "1389004712250637"
_ids = count(1689556908130000)
_TEMPLATE_PATH = re.compile(
    r"^/v\d+(?:\.\d+)?/(\w+)/(message_templates|subscribed_apps|phone_numbers)/?$"
)
_OBJECT_PATH = re.compile(r"^/v\d+(?:\.\d+)?/(\w+)/?$")


def error_body(code: int, message: str, subcode: int | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": f"AfakeTrace{code}",
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


@dataclass
class FakeAccount:
    phone_number_id: str
    account_id: str = DEFAULT_ACCOUNT_ID
    token_valid: bool = True
    token_expires_at: int = 0  # Unix time; 0 = never
    scopes: list[str] = field(
        default_factory=lambda: [
            "whatsapp_business_management",
            "whatsapp_business_messaging",
            "public_profile",
        ]
    )
    phone: dict[str, Any] = field(default_factory=dict)
    account_phones: list[str] = field(default_factory=list)
    subscribed: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {
                "whatsapp_business_api_data": {
                    "id": APP_ID,
                    "name": "stockbot",
                    "link": f"https://www.facebook.com/games/?app_id={APP_ID}",
                }
            }
        ]
    )
    templates: list[dict[str, Any]] = field(default_factory=list)
    review: str = "PENDING"  # the status a created template gets
    review_reason: str = "NONE"
    created: list[dict[str, Any]] = field(default_factory=list)
    failures: deque[tuple[str, int, int]] = field(default_factory=deque)

    def __post_init__(self) -> None:
        if not self.phone:
            self.phone = {
                "verified_name": "Boutique Démo",
                "display_phone_number": "+221 78 555 01 00",
                "quality_rating": "GREEN",
                "messaging_limit_tier": "TIER_2K",
                "name_status": "APPROVED",
                "code_verification_status": "VERIFIED",
                "platform_type": "CLOUD_API",
                "throughput": {"level": "STANDARD"},
                "id": self.phone_number_id,
            }
        if not self.account_phones:
            self.account_phones = [self.phone_number_id]

    def add_template(
        self,
        name: str,
        language: str,
        status: str = "APPROVED",
        *,
        category: str = "UTILITY",
        reason: str = "NONE",
        quality: str = "GREEN",
    ) -> None:
        self.templates.append(
            {
                "name": name,
                "language": language,
                "status": status,
                "category": category,
                "id": str(next(_ids)),
                "quality_score": {"score": quality, "date": 1773900000},
                "rejected_reason": reason,
                "components": [{"type": "BODY", "text": "…"}],
            }
        )

    def fail(self, path_part: str, code: int, status: int = 400) -> None:
        """The next call whose path contains `path_part` gets Graph error `code`."""
        self.failures.append((path_part, code, status))

    # --- serving -------------------------------------------------------------------------------

    def handle(
        self, method: str, path: str, query: str, body: Any, base_url: str
    ) -> tuple[int, dict[str, Any]] | None:
        """The answer to an account call, or None when the path is not one."""
        params = {k: v[-1] for k, v in parse_qs(query).items()}
        for index, (part, code, status) in enumerate(self.failures):
            if part in path:
                del self.failures[index]
                return status, error_body(code, f"(#{code}) scripted failure")
        if method == "GET" and path.rstrip("/").endswith("/debug_token"):
            return 200, {"data": self._token_data()}
        edge = _TEMPLATE_PATH.match(path)
        if edge is not None:
            owner, what = edge.groups()
            if owner != self.account_id:
                return 400, _unknown(owner)
            return self._edge(method, what, params, body, base_url, path)
        node = _OBJECT_PATH.match(path)
        if method == "GET" and node is not None and not path.endswith("/messages"):
            if node.group(1) == self.phone_number_id:
                wanted = params.get("fields", "").split(",")
                return 200, {k: v for k, v in self.phone.items() if k in wanted or k == "id"}
            return 400, _unknown(node.group(1))
        return None

    def _token_data(self) -> dict[str, Any]:
        return {
            "app_id": APP_ID,
            "type": "SYSTEM_USER",
            "application": "stockbot",
            "data_access_expires_at": 0,
            "expires_at": self.token_expires_at,
            "is_valid": self.token_valid,
            "issued_at": 1773000000,
            "scopes": list(self.scopes),
            "granular_scopes": [
                {"scope": scope, "target_ids": [self.account_id]}
                for scope in self.scopes
                if scope.startswith("whatsapp")
            ],
            "user_id": "122098765432100001",
        }

    def _edge(
        self,
        method: str,
        what: str,
        params: dict[str, str],
        body: Any,
        base_url: str,
        path: str,
    ) -> tuple[int, dict[str, Any]]:
        if what == "phone_numbers" and method == "GET":
            data = [
                {"id": i, "display_phone_number": "+221 78 555 01 00"} for i in self.account_phones
            ]
            return 200, {"data": data, "paging": {"cursors": {"before": "b", "after": "a"}}}
        if what == "subscribed_apps":
            if method == "POST":
                if not self.subscribed:
                    self.subscribed = FakeAccount(self.phone_number_id).subscribed
                return 200, {"success": True}
            return 200, {"data": list(self.subscribed)}
        if method == "POST":
            return self._create(body)
        return self._list(params, base_url, path)

    def _list(self, params: dict[str, str], base_url: str, path: str) -> tuple[int, dict[str, Any]]:
        limit = max(1, int(params.get("limit", "25")))
        start = int(params.get("after", "0") or 0)
        page = self.templates[start : start + limit]
        paging: dict[str, Any] = {"cursors": {"before": str(start), "after": str(start + limit)}}
        if start + limit < len(self.templates):
            fields = params.get("fields", "")
            paging["next"] = f"{base_url}{path}?fields={fields}&limit={limit}&after={start + limit}"
        return 200, {"data": page, "paging": paging}

    def _create(self, body: Any) -> tuple[int, dict[str, Any]]:
        if not isinstance(body, dict) or not body.get("name") or not body.get("language"):
            return 400, error_body(100, "(#100) Invalid parameter")
        for template in self.templates:
            if (template["name"], template["language"]) == (body["name"], body["language"]):
                return 400, error_body(
                    100,
                    "(#100) Message template already exists with this name and language",
                    2388024,
                )
        self.created.append(body)
        self.add_template(
            body["name"],
            body["language"],
            self.review,
            category=str(body.get("category", "UTILITY")),
            reason=self.review_reason,
            quality="UNKNOWN",
        )
        made = self.templates[-1]
        return 200, {"id": made["id"], "status": made["status"], "category": made["category"]}


def _unknown(object_id: str) -> dict[str, Any]:
    return error_body(
        100,
        f"Unsupported get request. Object with ID '{object_id}' does not exist, cannot be loaded "
        "due to missing permissions, or does not support this operation.",
        33,
    )
