"""JSON shapes of the admin API: field names as in the CSV import and the data model."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.catalog_file import CatalogFile
from bot.db.models import Alert, Manager, Product, RestockOrder, StockMovement, Store
from bot.history import MovementRecord
from bot.products_import import ImportPlan, ImportResult
from state import stock_level


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def product_view(product: Product, store: Store) -> dict[str, Any]:
    return {
        "store": store.code,
        "sku": product.sku,
        "name": product.name,
        "aliases": list(product.aliases),
        "unit": product.unit,
        "quantity": product.quantity,
        "threshold": product.threshold,
        "reorder_quantity": product.reorder_quantity,
        "status": stock_level(product.quantity, product.threshold),
        "updated_at": _time(product.updated_at),
    }


def movement_view(movement: StockMovement, product: Product, store: Store) -> dict[str, Any]:
    return {
        "id": movement.id,
        "store": store.code,
        "sku": product.sku,
        "kind": movement.kind,
        "delta": movement.delta,
        "quantity": movement.quantity_after,
        "note": movement.note,
        "created_at": _time(movement.created_at),
    }


def alert_view(alert: Alert, product: Product, store: Store) -> dict[str, Any]:
    return {
        "id": alert.id,
        "store": store.code,
        "sku": product.sku,
        "name": product.name,
        "level": alert.level,
        "state": alert.state,
        "quantity": alert.quantity,
        "threshold": product.threshold,
        "sent_whatsapp": alert.sent_whatsapp,
        "created_at": _time(alert.created_at),
        "last_notified_at": _time(alert.last_notified_at),
        "resolved_at": _time(alert.resolved_at),
    }


def order_view(
    order: RestockOrder, product: Product, store: Store, manager: Manager | None
) -> dict[str, Any]:
    return {
        "id": order.id,
        "store": store.code,
        "sku": product.sku,
        "name": product.name,
        "quantity": order.quantity,
        "unit": product.unit,
        "status": order.status,
        "manager": manager.phone if manager is not None else None,
        "source": order.source,
        "created_at": _time(order.created_at),
        "decided_at": _time(order.decided_at),
        "received_at": _time(order.received_at),
    }


def manager_view(manager: Manager, stores: list[Store]) -> dict[str, Any]:
    return {
        "phone": manager.phone,
        "name": manager.name,
        "language": manager.language,
        "language_chosen": manager.language_chosen,
        "active": manager.active,
        "stores": [store.code for store in stores],
        "created_at": _time(manager.created_at),
    }


def import_view(
    plan: ImportPlan, result: ImportResult | None, catalog: CatalogFile | None = None
) -> dict[str, Any]:
    """What an import changed (or, in a dry run, would change), product by product."""
    view: dict[str, Any] = {
        "store": plan.store_code,
        "mode": "inventory" if plan.set_stock else "catalogue",
        "dry_run": result is None,
        "created": len(plan.created),
        "updated": len(plan.updated),
        "adjusted": result.adjusted if result is not None else len(plan.counted),
        "unchanged": plan.unchanged,
        "quantities_not_set": plan.quantities_kept,
        "new_products": [
            {"sku": p.row.sku, "name": p.row.name, "quantity": p.quantity} for p in plan.created
        ],
        "changed_products": [
            {
                "sku": p.row.sku,
                "changes": {
                    c.field: {"from": _plain(c.old), "to": _plain(c.new)} for c in p.changes
                },
            }
            for p in plan.updated
        ],
        "quantity_changes": [
            {"sku": p.row.sku, "from": p.quantity_before, "to": p.quantity} for p in plan.counted
        ],
    }
    if catalog is not None and catalog.table is not None:
        view["format"] = catalog.table.describe()
        view["encoding"] = catalog.table.encoding
        view["ignored_columns"] = list(catalog.ignored)
    return view


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def history_view(record: MovementRecord) -> dict[str, Any]:
    """A movement of the ledger with who made it, from where, and its note."""
    return {
        "id": record.id,
        "created_at": _time(record.created_at),
        "store": record.store_code,
        "sku": record.sku,
        "name": record.product_name,
        "kind": record.kind,
        "delta": record.delta,
        "quantity": record.quantity_after,
        "source": record.source,
        "manager": record.manager_phone,
        "manager_name": record.manager_name,
        "note": record.note,
    }
