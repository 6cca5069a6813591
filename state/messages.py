"""Every text the bot writes to managers, in French (default) and English: conversation replies,
alert pushes, order answers and the daily digest. Short: they are read on phones."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_FR: dict[str, str] = {
    "help": (
        "Je tiens votre stock sur WhatsApp 📦\n"
        "• STOCK RIZ : quantité d'un produit\n"
        "• INVENTAIRE : tout le stock\n"
        "• ALERTES : produits à recommander\n"
        "• VENTE RIZ 3 : enregistrer une vente\n"
        "• REÇU SUCRE 20 : enregistrer un arrivage\n"
        "• COMMANDER SUCRE 20 : passer commande\n"
        "• ANNULER : abandonner la question en cours\n"
        "• MAGASIN <code> : changer de magasin"
    ),
    "greeting": "Bonjour 👋 Demandez STOCK RIZ, VENTE RIZ 3, INVENTAIRE ou AIDE.",
    "not_understood": "Je n'ai pas compris « {text} ». Essayez STOCK RIZ, ou tapez AIDE.",
    "unsupported": "Je lis seulement les messages texte, par exemple « STOCK RIZ ». Tapez AIDE.",
    "nothing_pending": "Il n'y a pas de question en cours. Tapez AIDE pour les exemples.",
    "cancelled": "C'est annulé. Que puis-je faire pour vous ?",
    "nothing_to_cancel": "Rien à annuler. Tapez AIDE pour les exemples.",
    "already_handled": "Cette demande a déjà été traitée.",
    "left_expired": "Cette question a expiré, rien n'a été enregistré. Renvoyez « {command} ».",
    "left_replaced": (
        "Cette question a été remplacée par une autre, rien n'a été enregistré. "
        "Renvoyez « {command} »."
    ),
    "left_cancelled": (
        "Cette question a été annulée, rien n'a été enregistré. Renvoyez « {command} »."
    ),
    "expired_order": "Cette question a expiré : la commande n°{order} reste de {quantity}.",
    "stock": "{name} : {quantity}\nSeuil d'alerte : {threshold}",
    "stock_out": "❌ En rupture",
    "stock_low": "⚠️ Stock faible",
    "last_movement": "Dernier mouvement : {date}",
    "no_movement": "Aucun mouvement enregistré",
    "products_one": "{count} produit",
    "products_many": "{count} produits",
    "overview_title": "Stock de {store} ({count}) :",
    "overview_line": "{mark}{name} : {quantity}",
    "overview_empty": "Aucun produit dans {store}.",
    "alerts_title": "À recommander ({count}) :",
    "alerts_line": "{mark}{name} : {quantity} (seuil {threshold})",
    "alerts_line_ordered": (
        "{mark}{name} : {quantity} (seuil {threshold}), commande n°{order} en cours"
    ),
    "alerts_none": "Aucun produit sous son seuil 👍",
    "alerts_order": "Commander maintenant ?",
    "which_product": "Quel produit ?",
    "which_product_more": "Quel produit ? ({shown} sur {count} : tapez le nom si le vôtre manque.)",
    "products_button": "Produits",
    "not_found_suggest": "Je ne trouve pas « {text} ». Vouliez-vous dire :",
    "not_found_none": "Je ne trouve pas « {text} ». Tapez INVENTAIRE pour la liste.",
    "did_you_mean": "Vouliez-vous dire « {guess} » ?",
    "how_many": "Combien de {unit} ?",
    "quantity_invalid": "Il faut un nombre entier plus grand que zéro, par exemple 3.",
    "quantity_too_big": "C'est trop : {max} au plus.",
    "quantity_range": "Il me faut un seul nombre, pas une fourchette : combien exactement ?",
    "quantity_ambiguous": "Je ne suis pas sûr de ce nombre : tapez-le en chiffres, par exemple 25.",
    "confirm_sale": "Enregistrer la vente de {quantity} de {name} ?",
    "confirm_receipt": "Enregistrer l'arrivage de {quantity} de {name} ?",
    "confirm_order": "Commander {quantity} de {name} ? (commande n°{order})",
    "order_pending": "Déjà en cours : commande n°{order} ({quantity}).",
    "sale_done": "✅ Vente enregistrée : {quantity} de {name}. Reste : {after}.",
    "receipt_done": "✅ Arrivage enregistré : {quantity} de {name}. Stock : {after}.",
    "sale_refused": "Vente refusée : il ne reste que {available} de {name}.",
    "sale_refused_out": "Vente refusée : {name} est en rupture de stock.",
    "receipt_refused": (
        "Arrivage refusé : avec {quantity} de plus, le stock de {name} dépasserait {maximum}."
    ),
    "sale_no": "D'accord, vente non enregistrée.",
    "receipt_no": "D'accord, arrivage non enregistré.",
    "order_confirmed": "✅ Commande n°{order} confirmée : {quantity} de {name}.",
    "order_cancelled": "Commande n°{order} annulée ({quantity} de {name}).",
    "order_changed": "✅ Commande n°{order} : {quantity} de {name}.",
    "order_kept": "D'accord, la commande n°{order} reste de {quantity} de {name}.",
    "order_how_many": "Combien de {unit} pour la commande n°{order} ({name}) ?",
    "guess_no": "D'accord. Tapez AIDE pour les exemples.",
    "which_store": "Pour quel magasin ?",
    "stores_button": "Magasins",
    "store_switched": "Magasin {name} ({code}) choisi.",
    "store_unknown": "Magasin « {code} » inconnu. Vos magasins : {codes}.",
    "no_store": "Aucun magasin ne vous est attribué : demandez à votre responsable.",
    "yes": "Oui",
    "no": "Non",
    "unit_default": "unités",
    "verb_stock": "STOCK",
    "verb_sale": "VENTE",
    "verb_receipt": "REÇU",
    "verb_restock": "COMMANDER",
    "verb_store": "MAGASIN",
    # Alert pushes and taps on them.
    "alert_low": "⚠️ Stock bas : {product} ({store})\nIl reste {quantity} (seuil {threshold}).",
    "alert_out": "🚨 Rupture de stock : {product} ({store})\nStock épuisé (seuil {threshold}).",
    "alert_ask": "Commander {reorder} ?",
    "alert_on_order": "Commande n°{order} en cours ({quantity}).",
    "alert_order": "Commander",
    "alert_later": "Plus tard",
    "alert_ordered": "✅ Commande n°{order} confirmée : {quantity} de {product} ({store}).",
    "alert_later_ack": "D'accord. {product} : {quantity} en stock. Je vous le rappellerai.",
    "alert_already": "Cette demande a déjà été traitée : commande n°{order} ({quantity}).",
    # The approved template's one-line product list (parameters hold no new line).
    "template_line": "{product} : {quantity} (seuil {threshold}, {level})",
    "template_low": "stock bas",
    "template_out": "rupture",
    # The daily digest.
    "digest_title": "📋 Stock à surveiller ({date})",
    "digest_out": "Rupture",
    "digest_low": "Stock bas",
    "digest_line": "• {product} : {quantity} (seuil {threshold})",
    "digest_hint": "Tapez ALERTES pour commander.",
}

_EN: dict[str, str] = {
    "help": (
        "I keep your stock on WhatsApp 📦\n"
        "• STOCK RICE: quantity of a product\n"
        "• INVENTORY: the whole stock\n"
        "• ALERTS: products to reorder\n"
        "• SELL RICE 3: record a sale\n"
        "• RECEIVED SUGAR 20: record a delivery\n"
        "• ORDER SUGAR 20: place an order\n"
        "• CANCEL: drop the current question\n"
        "• STORE <code>: switch store"
    ),
    "greeting": "Hello 👋 Ask STOCK RICE, SELL RICE 3, INVENTORY or HELP.",
    "not_understood": "I did not understand “{text}”. Try STOCK RICE, or type HELP.",
    "unsupported": "I only read text messages, for example “STOCK RICE”. Type HELP.",
    "nothing_pending": "No question is waiting. Type HELP for examples.",
    "cancelled": "Cancelled. What can I do for you?",
    "nothing_to_cancel": "Nothing to cancel. Type HELP for examples.",
    "already_handled": "This request has already been handled.",
    "left_expired": "This question has expired, nothing was recorded. Send “{command}” again.",
    "left_replaced": (
        "This question was replaced by another one, nothing was recorded. Send “{command}” again."
    ),
    "left_cancelled": "This question was cancelled, nothing was recorded. Send “{command}” again.",
    "expired_order": "This question has expired: order #{order} stays at {quantity}.",
    "stock": "{name}: {quantity}\nAlert threshold: {threshold}",
    "stock_out": "❌ Out of stock",
    "stock_low": "⚠️ Low stock",
    "last_movement": "Last movement: {date}",
    "no_movement": "No movement recorded",
    "products_one": "{count} product",
    "products_many": "{count} products",
    "overview_title": "Stock of {store} ({count}):",
    "overview_line": "{mark}{name}: {quantity}",
    "overview_empty": "No products in {store}.",
    "alerts_title": "To reorder ({count}):",
    "alerts_line": "{mark}{name}: {quantity} (threshold {threshold})",
    "alerts_line_ordered": (
        "{mark}{name}: {quantity} (threshold {threshold}), order #{order} on its way"
    ),
    "alerts_none": "No product below its threshold 👍",
    "alerts_order": "Order now?",
    "which_product": "Which product?",
    "which_product_more": "Which product? ({shown} of {count}: type the name if yours is missing.)",
    "products_button": "Products",
    "not_found_suggest": "I cannot find “{text}”. Did you mean:",
    "not_found_none": "I cannot find “{text}”. Type INVENTORY for the list.",
    "did_you_mean": "Did you mean “{guess}”?",
    "how_many": "How many ({unit})?",
    "quantity_invalid": "Give a whole number above zero, for example 3.",
    "quantity_too_big": "That is too many: {max} at most.",
    "quantity_range": "I need one number, not a range: how many exactly?",
    "quantity_ambiguous": "I am not sure of that number: type it in digits, for example 25.",
    "confirm_sale": "Record the sale of {quantity} of {name}?",
    "confirm_receipt": "Record the delivery of {quantity} of {name}?",
    "confirm_order": "Order {quantity} of {name}? (order #{order})",
    "order_pending": "Already on its way: order #{order} ({quantity}).",
    "sale_done": "✅ Sale recorded: {quantity} of {name}. Left: {after}.",
    "receipt_done": "✅ Delivery recorded: {quantity} of {name}. Stock: {after}.",
    "sale_refused": "Sale refused: only {available} of {name} left.",
    "sale_refused_out": "Sale refused: {name} is out of stock.",
    "receipt_refused": (
        "Delivery refused: with {quantity} more, the stock of {name} would exceed {maximum}."
    ),
    "sale_no": "OK, sale not recorded.",
    "receipt_no": "OK, delivery not recorded.",
    "order_confirmed": "✅ Order #{order} confirmed: {quantity} of {name}.",
    "order_cancelled": "Order #{order} cancelled ({quantity} of {name}).",
    "order_changed": "✅ Order #{order}: {quantity} of {name}.",
    "order_kept": "OK, order #{order} stays at {quantity} of {name}.",
    "order_how_many": "How many ({unit}) for order #{order} ({name})?",
    "guess_no": "OK. Type HELP for examples.",
    "which_store": "Which store?",
    "stores_button": "Stores",
    "store_switched": "Store {name} ({code}) selected.",
    "store_unknown": "Unknown store “{code}”. Your stores: {codes}.",
    "no_store": "No store is assigned to you: ask your manager.",
    "yes": "Yes",
    "no": "No",
    "unit_default": "units",
    "verb_stock": "STOCK",
    "verb_sale": "SELL",
    "verb_receipt": "RECEIVED",
    "verb_restock": "ORDER",
    "verb_store": "STORE",
    "alert_low": "⚠️ Low stock: {product} ({store})\n{quantity} left (threshold {threshold}).",
    "alert_out": "🚨 Out of stock: {product} ({store})\nNothing left (threshold {threshold}).",
    "alert_ask": "Order {reorder}?",
    "alert_on_order": "Order #{order} on its way ({quantity}).",
    "alert_order": "Order",
    "alert_later": "Later",
    "alert_ordered": "✅ Order #{order} confirmed: {quantity} of {product} ({store}).",
    "alert_later_ack": "OK. {product}: {quantity} in stock. I will remind you.",
    "alert_already": "This request has already been handled: order #{order} ({quantity}).",
    "template_line": "{product}: {quantity} (threshold {threshold}, {level})",
    "template_low": "low stock",
    "template_out": "out of stock",
    "digest_title": "📋 Stock to watch ({date})",
    "digest_out": "Out of stock",
    "digest_low": "Low stock",
    "digest_line": "• {product}: {quantity} (threshold {threshold})",
    "digest_hint": "Type ALERTS to order.",
}

_TEXTS = {"fr": _FR, "en": _EN}
# "de" before a value starting with a vowel reads "d'" (3 bouteilles d'Huile, Combien d'unités) ;
# among the h, only "hui…" (huile, huître): most other product names have an aspirated h
# (haricots, hareng).
_DE_VALUE = re.compile(r"\bde \{(\w+)\}")
_VOWELS = frozenset("aeiouœæ")


def text(language: str, key: str, **values: Any) -> str:
    """The text `key` in `language` (French when the language is unknown), filled in."""
    texts = _TEXTS.get(language, _FR)
    template = texts[key]
    if texts is _FR:
        template = _DE_VALUE.sub(
            lambda m: "d'{" + m[1] + "}" if _elides(str(values[m[1]])) else m[0], template
        )
    return template.format(**values)


def _elides(word: str) -> bool:
    folded = unicodedata.normalize("NFKD", word.strip().casefold())
    return folded[:1] in _VOWELS or folded.startswith("hui")


def amount(language: str, quantity: int, unit: str) -> str:
    """`3 sacs`, `1 sac`, `0 sac`, `3 sac` in English (units are the catalog's own words)."""
    if not unit:
        return f"{quantity} {text(language, 'unit_default')}"
    if language == "fr" and quantity > 1 and not unit.endswith(("s", "x")):
        unit += "s"
    return f"{quantity} {unit}"


def number(language: str, value: int) -> str:
    """`100 000` in French (no-break space), `100,000` in English."""
    grouped = f"{value:,}"
    return grouped.replace(",", "\u00a0") if language != "en" else grouped


def product_count(language: str, count: int) -> str:
    """`1 produit`, `3 produits` (`0 produit` in French, `0 products` in English)."""
    single = count == 1 or (language == "fr" and count == 0)
    return text(language, "products_one" if single else "products_many", count=count)


def plural_unit(language: str, unit: str) -> str:
    """The unit as asked in "Combien de sacs ?"."""
    if not unit:
        return text(language, "unit_default")
    if language == "fr" and not unit.endswith(("s", "x")):
        return unit + "s"
    return unit


def shorten(value: str, limit: int) -> str:
    """`value` cut to `limit` characters with an ellipsis (for button and row titles only)."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    return value[: limit - 1].rstrip() + "…"
