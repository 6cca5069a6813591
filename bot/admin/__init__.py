"""The back office: server-rendered pages under `/admin` (Jinja2, htmx), for the shop owner.

One more edge of the same services as the API, the command line and the chat: a page reads
and changes data only through them (`bot.stock`, `bot.managers`, `bot.outbound`, …). Signed-in
sessions, CSRF and the sign-in rate limit are in `bot.admin.auth`, `bot.admin.web` and
`bot.throttle`. Static files (htmx, the stylesheet) are vendored in `bot/admin/static`.
"""

from __future__ import annotations

from pathlib import Path

from starlette.convertors import Convertor, register_url_convertor
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.admin import (
    conversations,
    dashboard,
    imports,
    movements,
    orders,
    outbox,
    people,
    product,
    signin,
    simulator,
    stock,
)
from bot.admin.web import set_navigation
from bot.db.models import INT_MAX

STATIC = Path(__file__).parent / "static"

NAV = [
    ("/admin", "dashboard"),
    ("/admin/stock", "stock"),
    ("/admin/orders", "orders"),
    ("/admin/movements", "movements"),
    ("/admin/managers", "managers"),
    ("/admin/conversations", "conversations"),
    ("/admin/outbox", "outbox"),
    ("/admin/import", "import"),
    ("/admin/simulator", "simulator"),
]


def at_most(limit: int) -> str:
    """A regular expression of the whole numbers from 0 to `limit` (`at_most(255)`: 0-99, then
    100-199, 200-249, 250-255), leading zeros aside."""
    digits = str(limit)
    parts = [f"[0-9]{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    for i, digit in enumerate(digits):
        rest = len(digits) - i - 1
        if digit != "0":
            below = "0" if digit == "1" else f"[0-{int(digit) - 1}]"
            parts.append(digits[:i] + below + (f"[0-9]{{{rest}}}" if rest else ""))
    parts.append(digits)
    return "(?:" + "|".join(parts) + ")"


class RowId(Convertor[int]):
    """A row's id in a path, within the id columns' range: a number past it (which SQLite cannot
    bind and PostgreSQL refuses) is no page, 404, rather than a database error."""

    regex = at_most(INT_MAX)

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(int(value))


register_url_convertor("row_id", RowId())


def admin_routes() -> list[BaseRoute]:
    set_navigation(NAV)
    routes: list[BaseRoute] = [
        Route("/", signin.root, methods=["GET"]),
        Mount("/admin/static", app=StaticFiles(directory=STATIC), name="admin-static"),
        Route("/admin", dashboard.dashboard, methods=["GET"]),
        Route("/admin/login", signin.login_page, methods=["GET"]),
        Route("/admin/login", signin.login, methods=["POST"]),
        Route("/admin/logout", signin.logout, methods=["POST"]),
        Route("/admin/language", signin.language, methods=["GET"]),
        Route("/admin/stock", stock.stock, methods=["GET"]),
        Route("/admin/products/{product_id:row_id}", product.product, methods=["GET"]),
        Route("/admin/products/{product_id:row_id}/levels", stock.edit_levels, methods=["POST"]),
        Route(
            "/admin/products/{product_id:row_id}/movements", stock.add_movement, methods=["POST"]
        ),
        Route("/admin/orders", orders.orders_page, methods=["GET"]),
        Route("/admin/alerts/{alert_id:row_id}/order", orders.order_alert, methods=["POST"]),
        Route("/admin/orders/{order_id:row_id}/received", orders.receive, methods=["POST"]),
        Route("/admin/orders/{order_id:row_id}/cancel", orders.cancel, methods=["POST"]),
        Route("/admin/movements", movements.movements, methods=["GET"]),
        Route("/admin/movements.csv", movements.movements_csv, methods=["GET"]),
        Route("/admin/managers", people.people, methods=["GET"]),
        Route("/admin/managers", people.new_manager, methods=["POST"]),
        Route("/admin/managers/{phone}", people.edit_manager, methods=["POST"]),
        Route("/admin/managers/{phone}/deactivate", people.deactivate, methods=["POST"]),
        Route("/admin/stores", people.new_store, methods=["POST"]),
        Route("/admin/stores/{code}", people.store_name, methods=["POST"]),
        Route("/admin/conversations", conversations.conversations, methods=["GET"]),
        Route("/admin/conversations/{phone}", conversations.conversation, methods=["GET"]),
        Route("/admin/outbox", outbox.outbox, methods=["GET"]),
        Route("/admin/outbox/resume", outbox.resume, methods=["POST"]),
        Route("/admin/outbox/{message_id:row_id}/retry", outbox.retry, methods=["POST"]),
        Route("/admin/import", imports.import_page, methods=["GET"]),
        Route("/admin/import", imports.preview, methods=["POST"]),
        Route("/admin/simulator", simulator.simulator, methods=["GET"]),
        Route("/admin/simulator/send", simulator.send, methods=["POST"]),
    ]
    return routes
