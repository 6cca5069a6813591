"""The admin API described for people and tools: `GET /api/openapi.json` (OpenAPI 3.1)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from bot import __version__
from bot.api.responses import JSONResponse
from bot.db.models import Manager, Product, Store, max_length
from bot.managers import LANGUAGE_SETTINGS
from bot.stock import MAX_QUANTITY


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _array(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


def _errors(*codes: int) -> dict[str, Any]:
    reasons = {
        400: "malformed JSON",
        401: "missing or wrong bearer token",
        404: "unknown store, product, order or manager",
        409: "conflict (sale beyond the stock: `quantity` is the current stock)",
        413: "body over the limit (refused before it is read)",
        422: "validation error (`field` or `line`, and `reason`)",
    }
    return {str(code): _json(_ref("Error"), reasons[code]) for code in (401, *codes)}


def _query(name: str, description: str, *, required: bool = False, enum: Any = None) -> Any:
    schema: dict[str, Any] = {"type": "string"}
    if enum:
        schema["enum"] = list(enum)
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


_STORE = _query("store", "store code (all stores when omitted)")
_INT = {"type": "integer"}
_STR = {"type": "string"}
_COUNT = {"type": "integer", "minimum": 0, "maximum": MAX_QUANTITY}


def _text(model: type[Any], column: str) -> dict[str, Any]:
    return {"type": "string", "maxLength": max_length(model, column)}


_TIME = {"type": ["string", "null"], "format": "date-time"}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error", "reason"],
        "properties": {
            "error": _STR,
            "reason": _STR,
            "field": _STR,
            "line": _INT,
            "quantity": _INT,
            "status": _STR,
        },
    },
    "ProductIn": {
        "type": "object",
        "required": ["store", "sku", "name", "quantity", "threshold"],
        "properties": {
            "store": _text(Store, "code"),
            "sku": _text(Product, "sku"),
            "name": _text(Product, "name"),
            "aliases": {"oneOf": [{"type": "array", "items": _STR}, _STR]},
            "unit": _text(Product, "unit"),
            "quantity": _COUNT,
            "threshold": _COUNT,
            "reorder_quantity": {**_COUNT, "minimum": 1},
        },
    },
    "Product": {
        "type": "object",
        "properties": {
            "store": _STR,
            "sku": _STR,
            "name": _STR,
            "aliases": {"type": "array", "items": _STR},
            "unit": _STR,
            "quantity": _INT,
            "threshold": _INT,
            "reorder_quantity": _INT,
            "status": {"enum": ["ok", "low", "out"]},
            "updated_at": _TIME,
        },
    },
    "MovementIn": {
        "type": "object",
        "required": ["store", "sku", "kind", "quantity"],
        "properties": {
            "store": _STR,
            "sku": _STR,
            "kind": {"enum": ["sale", "receipt", "adjustment"]},
            "quantity": {
                "type": "integer",
                "minimum": -MAX_QUANTITY,
                "maximum": MAX_QUANTITY,
                "description": "positive for sale and receipt; signed, non-zero, for adjustment",
            },
            "note": _STR,
        },
    },
    "Movement": {
        "type": "object",
        "properties": {
            "id": _INT,
            "store": _STR,
            "sku": _STR,
            "kind": _STR,
            "delta": _INT,
            "quantity": {"type": "integer", "description": "stock after it"},
            "note": _STR,
            "created_at": _TIME,
        },
    },
    "Alert": {
        "type": "object",
        "properties": {
            "id": _INT,
            "store": _STR,
            "sku": _STR,
            "name": _STR,
            "level": {"enum": ["low", "out"]},
            "state": {"enum": ["open", "resolved"]},
            "quantity": {"type": "integer", "description": "the quantity managers were last told"},
            "threshold": _INT,
            "sent_whatsapp": {"type": "boolean"},
            "created_at": _TIME,
            "last_notified_at": _TIME,
            "resolved_at": _TIME,
        },
    },
    "Order": {
        "type": "object",
        "properties": {
            "id": _INT,
            "store": _STR,
            "sku": _STR,
            "name": _STR,
            "quantity": _INT,
            "unit": _STR,
            "status": {"enum": ["proposed", "confirmed", "cancelled", "received"]},
            "manager": {"type": ["string", "null"]},
            "source": _STR,
            "created_at": _TIME,
            "decided_at": _TIME,
            "received_at": _TIME,
            "stock": {"type": "integer", "description": "after receipt only"},
        },
    },
    "ManagerIn": {
        "type": "object",
        "required": ["phone"],
        "properties": {
            "phone": _STR,
            "store": _text(Store, "code"),
            "stores": {"type": "array", "items": _text(Store, "code")},
            "update": {
                "type": "boolean",
                "description": "for a number already a manager: apply the differences (else 409)",
            },
            "name": {**_text(Manager, "name"), "description": "kept when omitted"},
            "language": {
                "enum": list(LANGUAGE_SETTINGS),
                "description": "fr, en, wo: kept whatever the manager writes; auto: the one "
                "they write in (a choice undone); when omitted: kept, or for a new manager the "
                "one they write in (fr first)",
            },
        },
    },
    "Manager": {
        "type": "object",
        "properties": {
            "phone": _STR,
            "name": _STR,
            "language": _STR,
            "language_chosen": {
                "type": "boolean",
                "description": "chosen (by the manager in chat, or here): kept whatever they "
                "write; else the language they write in is followed (set with language auto)",
            },
            "active": {"type": "boolean"},
            "stores": {"type": "array", "items": _STR},
            "created_at": _TIME,
        },
    },
    "ManagerChange": {
        "type": "object",
        "properties": {
            "name": _text(Manager, "name"),
            "language": {
                "enum": list(LANGUAGE_SETTINGS),
                "description": "fr, en, wo: kept whatever the manager writes; auto: the one "
                "they write in (a choice undone, by the owner or the manager); omitted: kept",
            },
            "stores": {"type": "array", "items": _text(Store, "code")},
            "active": {"type": "boolean"},
        },
    },
    "StoreIn": {
        "type": "object",
        "required": ["code", "name"],
        "properties": {"code": _text(Store, "code"), "name": _text(Store, "name")},
    },
    "Store": {
        "type": "object",
        "properties": {"code": _STR, "name": _STR, "products": _INT, "managers": _INT},
    },
    "HistoryMovement": {
        "type": "object",
        "properties": {
            "id": _INT,
            "created_at": _TIME,
            "store": _STR,
            "sku": _STR,
            "name": _STR,
            "kind": _STR,
            "delta": _INT,
            "quantity": _INT,
            "source": _STR,
            "manager": {"type": ["string", "null"]},
            "manager_name": {"type": ["string", "null"]},
            "note": _STR,
        },
    },
    "MovementPage": {
        "type": "object",
        "properties": {
            "items": _array("HistoryMovement"),
            "next": {"type": ["string", "null"], "description": "URL of the next page"},
        },
    },
    "ImportSummary": {
        "type": "object",
        "properties": {
            "store": _STR,
            "mode": {"enum": ["catalogue", "inventory"]},
            "dry_run": {"type": "boolean"},
            "created": _INT,
            "updated": _INT,
            "adjusted": _INT,
            "unchanged": _INT,
            "quantities_not_set": _INT,
            "new_products": {"type": "array", "items": {"type": "object"}},
            "changed_products": {"type": "array", "items": {"type": "object"}},
            "quantity_changes": {"type": "array", "items": {"type": "object"}},
            "format": _STR,
            "encoding": {"type": ["string", "null"]},
            "ignored_columns": {"type": "array", "items": _STR},
            "import_id": {"type": "integer", "description": "GET /api/imports/{id}"},
        },
    },
    "ImportJob": {
        "type": "object",
        "properties": {
            "id": _INT,
            "store": _STR,
            "status": {"enum": ["staging", "applying", "done", "failed"]},
            "mode": {"enum": ["catalogue", "inventory"]},
            "total_rows": _INT,
            "staged_rows": _INT,
            "created": _INT,
            "updated": _INT,
            "adjusted": _INT,
            "unchanged": _INT,
            "error": {"type": ["string", "null"]},
            "created_at": _TIME,
            "finished_at": _TIME,
        },
    },
    "Status": {"type": "object", "additionalProperties": True},
    "Usage": {
        "type": "object",
        "properties": {
            "month": _STR,
            "sent": _INT,
            "by_category": {"type": "object", "additionalProperties": _INT},
            "billable": _INT,
            "templates": _INT,
            "free_form": _INT,
            "estimated_category": _INT,
            "estimated_cost": {"type": "number"},
            "currency": _STR,
            "unpriced": _INT,
            "rates": _STR,
            "by_store": {"type": "array", "items": {"type": "object"}},
            "insight": {"type": "object", "additionalProperties": True},
        },
    },
}

PATHS: dict[str, Any] = {
    "/api/products": {
        "get": {
            "summary": "Products with quantity, threshold and status",
            "parameters": [_STORE],
            "responses": {"200": _json(_array("Product"), "products"), **_errors(404)},
        },
        "post": {
            "summary": "Create or update one product (CSV import fields)",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("ProductIn")}},
            },
            "responses": {
                "200": _json(_ref("Product"), "updated"),
                "201": _json(_ref("Product"), "created"),
                **_errors(400, 404, 422),
            },
        },
    },
    "/api/products/import": {
        "post": {
            "summary": "Import a catalogue (CSV in any common encoding and separator, or .xlsx), "
            "all or nothing; a re-import keeps the stock unless set_stock",
            "parameters": [
                _query("store", "store code", required=True),
                _query("create_store", "create the store with this name when it does not exist"),
                _query("set_stock", "true: the file's quantities are an inventory count"),
                _query("dry_run", "true: say what would change, write nothing"),
                _query("sheet", "sheet of an .xlsx workbook (name or number)"),
                _query("wait", "false: answer 202 at once, follow GET /api/imports/{id}"),
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "text/csv": {"schema": _STR},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                },
            },
            "responses": {
                "200": _json(_ref("ImportSummary"), "summary"),
                "202": _json(_ref("ImportSummary"), "started (wait=false): planned, not written"),
                **_errors(404, 413, 422),
            },
        },
    },
    "/api/imports/{import_id}": {
        "get": {
            "summary": "An import's progress (lines staged of the total) and result",
            "parameters": [{"name": "import_id", "in": "path", "required": True, "schema": _INT}],
            "responses": {"200": _json(_ref("ImportJob"), "import"), **_errors(404)},
        },
    },
    "/api/movements": {
        "get": {
            "summary": "The ledger, newest first, paginated (`next`)",
            "parameters": [
                _STORE,
                _query("product", "product sku (with store)"),
                _query("kind", "sale, receipt, adjustment, import (several: a,b)"),
                _query("since", "first day (YYYY-MM-DD, Dakar) or an ISO instant"),
                _query("until", "last day included, or an ISO instant (excluded)"),
                _query("limit", "page size, 1 to 500 (100)"),
                _query("before", "cursor: movements with a smaller id"),
            ],
            "responses": {"200": _json(_ref("MovementPage"), "page"), **_errors(404, 422)},
        },
        "post": {
            "summary": "Record a sale, receipt or adjustment; alerts follow",
            "parameters": [
                {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "description": "a retried POST with the same key records once",
                    "schema": _STR,
                }
            ],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("MovementIn")}},
            },
            "responses": {
                "201": _json(_ref("Movement"), "recorded (or replayed)"),
                **_errors(400, 404, 409, 422),
            },
        },
    },
    "/api/alerts": {
        "get": {
            "summary": "Alerts",
            "parameters": [_STORE, _query("state", "open or resolved", enum=["open", "resolved"])],
            "responses": {"200": _json(_array("Alert"), "alerts"), **_errors(404, 422)},
        },
    },
    "/api/orders": {
        "get": {
            "summary": "Restock orders",
            "parameters": [
                _STORE,
                _query(
                    "status",
                    "order status",
                    enum=["proposed", "confirmed", "cancelled", "received"],
                ),
            ],
            "responses": {"200": _json(_array("Order"), "orders"), **_errors(404, 422)},
        },
    },
    "/api/orders/{order_id}/received": {
        "post": {
            "summary": "Mark a confirmed order received: its quantity is added, once",
            "parameters": [{"name": "order_id", "in": "path", "required": True, "schema": _INT}],
            "responses": {"200": _json(_ref("Order"), "received"), **_errors(404, 409)},
        },
    },
    "/api/managers": {
        "get": {
            "summary": "Managers and their stores",
            "responses": {"200": _json(_array("Manager"), "managers"), **_errors()},
        },
        "post": {
            "summary": "Add a manager to a store (or reactivate)",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("ManagerIn")}},
            },
            "responses": {
                "200": _json(_ref("Manager"), "updated"),
                "201": _json(_ref("Manager"), "created"),
                **_errors(400, 404, 422),
            },
        },
    },
    "/api/managers/{phone}": {
        "patch": {
            "summary": "Change a manager (name, language, stores replaced, active)",
            "parameters": [{"name": "phone", "in": "path", "required": True, "schema": _STR}],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("ManagerChange")}},
            },
            "responses": {"200": _json(_ref("Manager"), "changed"), **_errors(400, 404, 422)},
        },
        "delete": {
            "summary": "Deactivate a manager, or take them off one store (?store=)",
            "parameters": [
                {"name": "phone", "in": "path", "required": True, "schema": _STR},
                _query("store", "only this store"),
            ],
            "responses": {"200": _json(_ref("Manager"), "deactivated"), **_errors(404, 422)},
        },
    },
    "/api/stores": {
        "get": {
            "summary": "Stores with their numbers of products and managers",
            "responses": {"200": _json(_array("Store"), "stores"), **_errors()},
        },
        "post": {
            "summary": "Create a store",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("StoreIn")}},
            },
            "responses": {"201": _json(_ref("Store"), "created"), **_errors(400, 409, 422)},
        },
    },
    "/api/stores/{code}": {
        "patch": {
            "summary": "Rename a store (its code stays)",
            "parameters": [{"name": "code", "in": "path", "required": True, "schema": _STR}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["name"],
                            "properties": {"name": _text(Store, "name")},
                        }
                    }
                },
            },
            "responses": {"200": _json(_ref("Store"), "renamed"), **_errors(400, 404, 422)},
        },
    },
    "/api/status": {
        "get": {
            "summary": "Outbox status, open alerts, inbound backlog",
            "responses": {"200": _json(_ref("Status"), "status"), **_errors()},
        },
    },
    "/api/usage": {
        "get": {
            "summary": "Messages sent in a month by category, billable ones, estimated cost by "
            "store, and the managers' use (per day, share not understood, top misunderstood)",
            "parameters": [_query("month", "the month, YYYY-MM (default: this month)")],
            "responses": {"200": _json(_ref("Usage"), "usage"), **_errors(422)},
        },
    },
    "/api/openapi.json": {
        "get": {
            "summary": "This description",
            "responses": {"200": {"description": "OpenAPI document"}, **_errors()},
        },
    },
}

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "stockbot admin API", "version": __version__},
    "components": {
        "schemas": SCHEMAS,
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    },
    "security": [{"bearer": []}],
    "paths": PATHS,
}


async def openapi(request: Request) -> Response:
    return JSONResponse(DOCUMENT)
