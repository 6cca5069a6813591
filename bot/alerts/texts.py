"""What managers read about alerts, orders and digests: French by default, English for `en`."""

from __future__ import annotations

_TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "low": "⚠️ Stock bas : {product} ({store})\nIl reste {quantity} {unit} (seuil {threshold}).",
        "out": "🚨 Rupture de stock : {product} ({store})\nIl reste 0 {unit} (seuil {threshold}).",
        "ask": "Commander {reorder} {unit} ?",
        "order": "Commander",
        "later": "Plus tard",
        "ordered": "✅ Commande n°{order} confirmée : {quantity} {unit} de {product} ({store}).",
        "later_ack": "D'accord. {product} : {quantity} {unit} en stock. Je vous le rappellerai.",
        "stale": "Cette demande a déjà été traitée.",
        "already": "Cette demande a déjà été traitée : commande n°{order} ({quantity} {unit}).",
        "digest_title": "📋 Stock à surveiller ({date})",
        "digest_out": "Rupture",
        "digest_low": "Stock bas",
        "digest_line": "• {product} : {quantity} {unit} (seuil {threshold})",
    },
    "en": {
        "low": "⚠️ Low stock: {product} ({store})\n{quantity} {unit} left (threshold {threshold}).",
        "out": "🚨 Out of stock: {product} ({store})\n0 {unit} left (threshold {threshold}).",
        "ask": "Order {reorder} {unit}?",
        "order": "Order",
        "later": "Later",
        "ordered": "✅ Order #{order} confirmed: {quantity} {unit} of {product} ({store}).",
        "later_ack": "OK. {product}: {quantity} {unit} in stock. I will remind you.",
        "stale": "This request has already been handled.",
        "already": "This request has already been handled: order #{order} ({quantity} {unit}).",
        "digest_title": "📋 Stock to watch ({date})",
        "digest_out": "Out of stock",
        "digest_low": "Low stock",
        "digest_line": "• {product}: {quantity} {unit} (threshold {threshold})",
    },
}


def text(language: str, key: str, **values: object) -> str:
    """The message `key` in `language` (French when the language is unknown), filled in."""
    catalog = _TEXTS.get(language, _TEXTS["fr"])
    return catalog[key].format(**values)
