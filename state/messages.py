"""Every text the bot writes, in French (default) and English. Short: they are read on phones."""

from __future__ import annotations

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
    "stock": "{name} : {quantity}\nSeuil d'alerte : {threshold}",
    "stock_out": "❌ En rupture",
    "stock_low": "⚠️ Stock faible",
    "last_movement": "Dernier mouvement : {date}",
    "no_movement": "Aucun mouvement enregistré",
    "overview_title": "Stock de {store} ({count} produits) :",
    "overview_empty": "Aucun produit dans {store}.",
    "alerts_title": "À recommander ({count}) :",
    "alerts_none": "Aucun produit sous son seuil 👍",
    "alerts_order": "Commander maintenant ?",
    "order_button": "Cmd {name}",
    "which_product": "Quel produit ?",
    "which_product_more": "Quel produit ? ({shown} sur {count} : tapez le nom si le vôtre manque.)",
    "products_button": "Produits",
    "not_found": "Je ne trouve pas « {text} ».",
    "not_found_suggest": "Je ne trouve pas « {text} ». Vouliez-vous dire :",
    "not_found_none": "Je ne trouve pas « {text} ». Tapez INVENTAIRE pour la liste.",
    "did_you_mean": "Vouliez-vous dire « {guess} » ?",
    "how_many": "Combien de {unit} ?",
    "how_many_plain": "Quelle quantité ?",
    "quantity_invalid": "Donnez un nombre, par exemple 3.",
    "confirm_sale": "Enregistrer la vente de {quantity} de {name} ?",
    "confirm_receipt": "Enregistrer l'arrivage de {quantity} de {name} ?",
    "confirm_order": "Commander {quantity} de {name} ? (commande n°{order})",
    "sale_done": "✅ Vente enregistrée : {quantity} de {name}. Reste : {after}.",
    "receipt_done": "✅ Arrivage enregistré : {quantity} de {name}. Stock : {after}.",
    "sale_refused": "Vente refusée : il ne reste que {available} de {name}.",
    "sale_no": "D'accord, vente non enregistrée.",
    "receipt_no": "D'accord, arrivage non enregistré.",
    "order_confirmed": "✅ Commande n°{order} confirmée : {quantity} de {name}.",
    "order_cancelled": "Commande n°{order} annulée ({quantity} de {name}).",
    "order_changed": "✅ Commande n°{order} : {quantity} de {name}.",
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
}

_EN: dict[str, str] = {
    "help": (
        "I keep your stock on WhatsApp 📦\n"
        "• STOCK RICE: quantity of a product\n"
        "• INVENTAIRE: the whole stock\n"
        "• ALERTES: products to reorder\n"
        "• VENTE RIZ 3: record a sale\n"
        "• REÇU SUCRE 20: record a delivery\n"
        "• COMMANDER SUCRE 20: place an order\n"
        "• ANNULER: drop the current question\n"
        "• MAGASIN <code>: switch store"
    ),
    "greeting": "Hello 👋 Ask STOCK RICE, VENTE RIZ 3, INVENTAIRE or AIDE.",
    "not_understood": "I did not understand “{text}”. Try STOCK RICE, or type HELP.",
    "unsupported": "I only read text messages, for example “STOCK RICE”. Type HELP.",
    "nothing_pending": "No question is waiting. Type HELP for examples.",
    "cancelled": "Cancelled. What can I do for you?",
    "nothing_to_cancel": "Nothing to cancel. Type HELP for examples.",
    "already_handled": "This request has already been handled.",
    "stock": "{name}: {quantity}\nAlert threshold: {threshold}",
    "stock_out": "❌ Out of stock",
    "stock_low": "⚠️ Low stock",
    "last_movement": "Last movement: {date}",
    "no_movement": "No movement recorded",
    "overview_title": "Stock of {store} ({count} products):",
    "overview_empty": "No products in {store}.",
    "alerts_title": "To reorder ({count}):",
    "alerts_none": "No product below its threshold 👍",
    "alerts_order": "Order now?",
    "order_button": "Order {name}",
    "which_product": "Which product?",
    "which_product_more": "Which product? ({shown} of {count}: type the name if yours is missing.)",
    "products_button": "Products",
    "not_found": "I cannot find “{text}”.",
    "not_found_suggest": "I cannot find “{text}”. Did you mean:",
    "not_found_none": "I cannot find “{text}”. Type INVENTAIRE for the list.",
    "did_you_mean": "Did you mean “{guess}”?",
    "how_many": "How many ({unit})?",
    "how_many_plain": "What quantity?",
    "quantity_invalid": "Give a number, for example 3.",
    "confirm_sale": "Record the sale of {quantity} of {name}?",
    "confirm_receipt": "Record the delivery of {quantity} of {name}?",
    "confirm_order": "Order {quantity} of {name}? (order #{order})",
    "sale_done": "✅ Sale recorded: {quantity} of {name}. Left: {after}.",
    "receipt_done": "✅ Delivery recorded: {quantity} of {name}. Stock: {after}.",
    "sale_refused": "Sale refused: only {available} of {name} left.",
    "sale_no": "OK, sale not recorded.",
    "receipt_no": "OK, delivery not recorded.",
    "order_confirmed": "✅ Order #{order} confirmed: {quantity} of {name}.",
    "order_cancelled": "Order #{order} cancelled ({quantity} of {name}).",
    "order_changed": "✅ Order #{order}: {quantity} of {name}.",
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
}

_TEXTS = {"fr": _FR, "en": _EN}


def text(language: str, key: str, **values: Any) -> str:
    """The text `key` in `language` (French when the language is unknown), filled in."""
    return _TEXTS.get(language, _FR)[key].format(**values)


def amount(language: str, quantity: int, unit: str) -> str:
    """`3 sacs`, `1 sac`, `3 sac` in English (units are the catalog's own words)."""
    if not unit:
        unit = text(language, "unit_default")
        return f"{quantity} {unit}"
    if language == "fr" and quantity > 1 and not unit.endswith(("s", "x")):
        unit += "s"
    return f"{quantity} {unit}"


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
