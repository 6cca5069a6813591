"""The admin API under `/api`: JSON, `Authorization: Bearer $ADMIN_TOKEN`, 404 when unset."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.routing import Mount, Route, Router

from bot.api import managers, movements, orders, products, status, usage
from bot.api.auth import AdminAuth
from bot.api.errors import http_error
from bot.api.openapi import openapi
from bot.settings import Settings
from bot.throttle import FailedAuthLimiter

ROUTES = [
    Route("/products", products.list_products, methods=["GET"]),
    Route("/products", products.upsert_product, methods=["POST"]),
    Route("/products/import", products.import_products, methods=["POST"]),
    Route("/imports/{import_id:int}", products.import_status, methods=["GET"]),
    Route("/movements", movements.list_movements, methods=["GET"]),
    Route("/movements", movements.create_movement, methods=["POST"]),
    Route("/alerts", orders.list_alerts, methods=["GET"]),
    Route("/orders", orders.list_orders, methods=["GET"]),
    Route("/orders/{order_id:int}/received", orders.order_received, methods=["POST"]),
    Route("/managers", managers.list_managers_endpoint, methods=["GET"]),
    Route("/managers", managers.create_manager, methods=["POST"]),
    Route("/managers/{phone}", managers.update_manager, methods=["PATCH"]),
    Route("/managers/{phone}", managers.deactivate_manager, methods=["DELETE"]),
    Route("/stores", managers.list_stores_endpoint, methods=["GET"]),
    Route("/stores", managers.create_store, methods=["POST"]),
    Route("/stores/{code}", managers.rename_store_endpoint, methods=["PATCH"]),
    Route("/status", status.status, methods=["GET"]),
    Route("/usage", usage.usage, methods=["GET"]),
    Route("/openapi.json", openapi, methods=["GET"]),
]


def api_mount(settings: Settings, limiter: FailedAuthLimiter) -> Mount:
    """The `/api` mount, guarded by the admin token (the whole API answers 404 without one;
    an address failing too often gets 429); an unknown path or method answers JSON too."""
    router = ExceptionMiddleware(Router(routes=ROUTES), handlers={HTTPException: http_error})
    return Mount("/api", app=AdminAuth(router, settings.secret("admin_token"), limiter))
