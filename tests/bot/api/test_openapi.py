from __future__ import annotations

import re

from starlette.routing import Route
from starlette.testclient import TestClient

from bot.api import ROUTES


def test_every_route_is_described(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    described = {
        (path, method.upper()) for path, item in document["paths"].items() for method in item
    }
    served = set()
    for route in ROUTES:
        assert isinstance(route, Route)
        path = "/api" + route.path.replace(":int", "")
        served |= {(path, method) for method in route.methods or () if method != "HEAD"}
    assert served == described


def test_every_schema_reference_resolves(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    text = str(document)
    names = set(document["components"]["schemas"])
    refs = set(re.findall(r"#/components/schemas/(\w+)", text))
    assert refs and refs <= names
