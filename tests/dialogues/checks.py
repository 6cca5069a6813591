"""Matching the movements and orders a dialogue expects against those recorded."""

from __future__ import annotations

from typing import Any

from bot.db.models import MovementKind, OrderStatus


def listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def sku_store(raw: str, default: str) -> tuple[str, str]:
    """`SKU@store` as (SKU, store); a bare SKU is in the `default` store."""
    sku, _, store = raw.partition("@")
    return sku, store or default


def sku_key(sku: str, store: str, default: str) -> str:
    return sku if store == default else f"{sku}@{store}"


def movement_fits(wanted: dict[str, Any], actual: dict[str, Any]) -> bool:
    """`actual` has its sku as a key (`sku_key`), and so has `wanted`."""
    if str(wanted["sku"]) != actual["sku"]:
        return False
    kind = wanted.get("kind")
    if kind is not None and actual["kind"] != kind:
        return False
    if "delta" in wanted and actual["delta"] != int(wanted["delta"]):
        return False
    if "quantity" in wanted:
        sign = -1 if kind == MovementKind.SALE else 1
        if kind in (None, MovementKind.ADJUSTMENT):
            return abs(actual["delta"]) == int(wanted["quantity"])
        return actual["delta"] == sign * int(wanted["quantity"])
    return True


def match_movements(
    wanted: list[dict[str, Any]], actual: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The wanted movements that no distinct actual movement fits (most specific first)."""
    left = list(actual)
    missing = []
    for item in sorted(wanted, key=lambda w: -len(w)):
        found = next((a for a in left if movement_fits(item, a)), None)
        if found is None:
            missing.append(item)
        else:
            left.remove(found)
    return missing


ORDER_STATES = {
    "confirmed": {OrderStatus.CONFIRMED},
    "received": {OrderStatus.RECEIVED},
    "cancelled": {OrderStatus.CANCELLED},
    "closed": {OrderStatus.RECEIVED, OrderStatus.CANCELLED},
}


def match_orders(
    wanted: list[dict[str, Any]], actual: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    left = list(actual)
    missing = []
    for item in sorted(wanted, key=lambda w: -len(w)):
        key = str(item["sku"])
        states = ORDER_STATES[str(item.get("status", "confirmed"))]
        found = next(
            (
                o
                for o in left
                if o["sku"] == key
                and o["status"] in states
                and ("quantity" not in item or o["quantity"] == int(item["quantity"]))
            ),
            None,
        )
        if found is None:
            missing.append(item)
        else:
            left.remove(found)
    return missing


def describe_order(order: dict[str, Any]) -> str:
    return f"n°{order['id']} {order['sku']} x{order['quantity']} {order['status']}"


def movements_problems(wanted: list[dict[str, Any]], actual: list[dict[str, Any]]) -> list[str]:
    """Exactly the `wanted` movements were recorded (in any order), or what differs."""
    if not match_movements(wanted, actual) and len(actual) == len(wanted):
        return []
    recorded = [f"{m['kind']} {m['sku']} {m['delta']:+d}" for m in actual] or "none"
    return [f"movements recorded {wanted or 'none'} (recorded: {recorded})"]


def orders_problems(wanted: list[dict[str, Any]], actual: list[dict[str, Any]]) -> list[str]:
    """Exactly the `wanted` orders exist (proposals never decided left aside), or what differs."""
    decided = [o for o in actual if o["status"] != OrderStatus.PROPOSED]
    if not match_orders(wanted, decided) and len(decided) == len(wanted):
        return []
    there = [describe_order(o) for o in decided] or "none"
    return [f"orders {wanted or 'none'} (there are: {there})"]
