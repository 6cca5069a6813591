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
        "• TOUT LE STOCK : la liste complète\n"
        "• VENTE RIZ 3 : enregistrer une vente\n"
        "• REÇU SUCRE 20 : enregistrer un arrivage\n"
        "• COMMANDER SUCRE 20 : passer commande\n"
        "• MES COMMANDES : commandes en cours\n"
        "• INVENTAIRE : compter le stock\n"
        "• ALERTES : produits à recommander\n"
        "• ANNULE MA DERNIÈRE VENTE : corriger une erreur\n"
        "• ANNULER : abandonner la question en cours\n"
        "• MAGASIN <code> : changer de magasin"
    ),
    "greeting": "Bonjour 👋 Demandez STOCK RIZ, VENTE RIZ 3, TOUT LE STOCK ou AIDE.",
    "hello_again": "Bonjour 👋",
    "you_are_welcome": "Avec plaisir 🙏",
    "not_an_answer": "Je n'ai pas compris votre réponse.",
    "which_one": "Lequel ? Touchez un bouton ou tapez son numéro.",
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
    "left_expired_short": "Cette question a expiré, rien n'a été enregistré.",
    "left_replaced_short": "Cette question a été remplacée, rien n'a été enregistré.",
    "left_cancelled_short": "Cette question a été annulée, rien n'a été enregistré.",
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
    "line": "{quantity} de {name}",
    "line_prefix": "Ligne {number} ({what}) : ",
    "not_found_line": "Je ne trouve pas « {text} ». Quel produit ? (ou PASSER pour l'enlever)",
    "line_dropped": "« {what} » enlevé.",
    "which_line": "Quelle ligne modifier ?",
    "lines_button": "Lignes",
    "button_edit": "Modifier",
    "button_other": "Autre quantité",
    "which_product_more": "Quel produit ? ({shown} sur {count} : tapez le nom si le vôtre manque.)",
    "products_button": "Produits",
    "not_found_suggest": "Je ne trouve pas « {text} ». Vouliez-vous dire :",
    "not_found_none": "Je ne trouve pas « {text} ». Tapez INVENTAIRE pour la liste.",
    "did_you_mean": "Vouliez-vous dire « {guess} » ?",
    "how_many": "Combien de {unit} ?",
    "how_many_of": "{name} : combien de {unit} ?",
    "count_how_many": "{name} : combien de {unit} comptés ?",
    "sale_too_many": ("Il ne reste que {available} de {name}. Combien de {unit} avez-vous vendu ?"),
    "quantity_invalid": "Il faut un nombre entier plus grand que zéro, par exemple 3.",
    "quantity_negative": "Ce nombre est négatif : il faut un nombre entier plus grand que zéro, "
    "par exemple 3.",
    "quantity_too_big": "C'est trop : {max} au plus.",
    "quantity_range": "Il me faut un seul nombre, pas une fourchette : combien exactement ?",
    "quantity_ambiguous": "Je ne suis pas sûr de ce nombre : tapez-le en chiffres, par exemple 25.",
    "confirm_sale": "Enregistrer la vente de {quantity} de {name} ?",
    "confirm_receipt": "Enregistrer l'arrivage de {quantity} de {name} ?",
    "confirm_restock": "Commander {quantity} de {name} ?",
    "order_pending": "Déjà en cours : commande n°{order} ({quantity}).",
    "confirm_sale_many": "Enregistrer la vente : {lines} ?",
    "confirm_receipt_many": "Enregistrer l'arrivage : {lines} ?",
    "confirm_restock_many": "Commander : {lines} ?",
    "count_line": "{name} : {before} → {after} ({delta})",
    "confirm_count": "Enregistrer l'inventaire ?",
    "is_it_the_order": (
        "Arrivage de {line} : est-ce la commande n°{order} ({quantity} attendus) ?"
    ),
    "sale_done": "✅ Vente enregistrée : {quantity} de {name}. Reste : {after}.",
    "receipt_done": "✅ Arrivage enregistré : {quantity} de {name}. Stock : {after}.",
    "sale_done_many": "✅ Vente enregistrée :\n{lines}",
    "receipt_done_many": "✅ Arrivage enregistré :\n{lines}",
    "sale_done_line": "• {line} (reste {after})",
    "receipt_done_line": "• {line} (stock {after})",
    "count_done": "✅ Inventaire enregistré :\n{lines}",
    "count_done_line": "• {name} : {after} ({delta})",
    "sale_refused": "Vente refusée : il ne reste que {available} de {name}.",
    "sale_refused_out": "Vente refusée : {name} est en rupture de stock.",
    "receipt_refused": (
        "Arrivage refusé : avec {quantity} de plus, le stock de {name} dépasserait {maximum}."
    ),
    "sale_no": "D'accord, vente non enregistrée.",
    "receipt_no": "D'accord, arrivage non enregistré.",
    "restock_no": "D'accord, pas de commande.",
    "count_no": "D'accord, inventaire non enregistré.",
    "dropped_sale": "La vente de {what} est annulée (rien n'est enregistré).",
    "dropped_receipt": "L'arrivage de {what} est annulé (rien n'est enregistré).",
    "dropped_restock": "La commande de {what} est annulée.",
    "dropped_count": "L'inventaire de {what} est annulé (rien n'est enregistré).",
    "order_confirmed": "✅ Commande n°{order} confirmée : {quantity} de {name}.",
    "order_cancelled": "Commande n°{order} annulée ({quantity} de {name}).",
    "order_closed_instead": (
        "Commande n°{order} clôturée : une partie était déjà arrivée ({name})."
    ),
    "order_changed": "✅ Commande n°{order} : {quantity} de {name}.",
    "confirm_order_change": "Passer la commande n°{order} à {quantity} de {name} ?",
    "already_ordered_by": (
        "Déjà commandé par {by} à {at} : commande n°{order} ({quantity} de {name})."
    ),
    "already_ordered": "Déjà commandé à {at} : commande n°{order} ({quantity} de {name}).",
    "orders_none": "Aucune commande en cours.",
    "orders_none_for": "Aucune commande en cours pour {name}.",
    "orders_title": "Commandes en cours ({count}) :",
    "order_line": "• n°{order} : {quantity} de {name} (du {date})",
    "order_part": "— déjà reçu {received}",
    "orders_pick": "Touchez une commande pour la recevoir ou l'annuler.",
    "order_row": "n°{order} {name}",
    "orders_button": "Commandes",
    "order_unknown": "Je ne trouve pas la commande n°{order}.",
    "order_is_received": "La commande n°{order} est déjà reçue.",
    "order_is_cancelled": "La commande n°{order} est annulée.",
    "order_is_proposed": "La commande n°{order} n'a jamais été confirmée.",
    "order_what": "Que faire de cette commande ?",
    "button_received": "Tout reçu",
    "button_partial": "Reçu en partie",
    "button_cancel_order": "Annuler la cmd",
    "confirm_order_received": (
        "Commande n°{order} arrivée : enregistrer l'arrivage de {quantity} de {name} ?"
    ),
    "confirm_order_partial": (
        "Commande n°{order} : enregistrer l'arrivage de {quantity} de {name} "
        "(sur {ordered} attendus) ?"
    ),
    "confirm_order_cancel": "Annuler la commande n°{order} ({quantity} de {name}) ?",
    "order_how_many_received": "Combien de {unit} reçus pour la commande n°{order} ?",
    "order_received_done": ("✅ Commande n°{order} reçue : {quantity} de {name}. Stock : {after}."),
    "order_received_part": (
        "✅ Arrivage enregistré : {quantity} de {name} (commande n°{order}). Stock : {after}."
    ),
    "order_rest": "Il manque {quantity}. On attend le reste ou on clôture la commande ?",
    "button_wait_rest": "Attendre le reste",
    "button_close_order": "Clôturer",
    "order_waits": "D'accord, la commande n°{order} attend encore {quantity}.",
    "order_closed": "Commande n°{order} clôturée : {received} reçus sur {ordered}.",
    "order_kept_open": "D'accord, la commande n°{order} reste en cours.",
    "undo_none_sale": "Je ne trouve pas de vente à annuler dans les dernières 24 heures.",
    "undo_none_receipt": "Je ne trouve pas d'arrivage à annuler dans les dernières 24 heures.",
    "undo_none_count": "Je ne trouve pas d'inventaire à annuler dans les dernières 24 heures.",
    "undo_none_any": "Je ne trouve rien à annuler dans les dernières 24 heures.",
    "undo_what_sale": "la vente de {quantity} de {name} ({when})",
    "undo_what_receipt": "l'arrivage de {quantity} de {name} ({when})",
    "undo_what_count": "l'inventaire de {name} ({when})",
    "confirm_undo": "Annuler {what} ?",
    "confirm_fix": "Corriger {what} en {quantity} ?",
    "undo_same": "C'est déjà ce qui est enregistré : {what}.",
    "undo_count_hint": "Pour corriger le stock de {name}, tapez INVENTAIRE {name} <quantité>.",
    "undo_dropped": "L'annulation est abandonnée (rien n'a changé).",
    "undo_no": "D'accord, rien n'est annulé.",
    "undone_sale": "✅ Vente annulée : {quantity} de {name} remis en stock. Stock : {after}.",
    "undone_receipt": "✅ Arrivage annulé : {quantity} de {name} retirés. Stock : {after}.",
    "undone_count": "✅ Inventaire annulé pour {name}. Stock : {after}.",
    "fixed_sale": "✅ Vente corrigée : {quantity} de {name}. Stock : {after}.",
    "fixed_receipt": "✅ Arrivage corrigé : {quantity} de {name}. Stock : {after}.",
    "fixed_count": "✅ Inventaire corrigé : {name}. Stock : {after}.",
    "undo_refused": (
        "Impossible : il ne reste que {available} de {name}. "
        "Faites plutôt un inventaire : INVENTAIRE {name} <quantité>."
    ),
    "tour_started": "Inventaire de {count} produits, un par un. Tapez le nombre compté.",
    "tour_resumed": "On reprend l'inventaire ({at}/{count}).",
    "tour_question": (
        "Inventaire {at}/{count} · {name}\nCombien de {unit} comptés ? (enregistré : {quantity})"
    ),
    "tour_counted": "✓ {name} : {before} → {after}",
    "tour_stopped": "Inventaire en pause ({at}/{count}). Tapez INVENTAIRE pour reprendre.",
    "tour_done": "✅ Inventaire terminé : {count} produits, {changed} corrigés.",
    "button_same": "C'est juste",
    "button_skip": "Passer",
    "button_stop": "Arrêter",
    "guess_no": "D'accord. Tapez AIDE pour les exemples.",
    "which_store": "Pour quel magasin ?",
    "stores_button": "Magasins",
    "store_switched": "Magasin {name} ({code}) choisi.",
    "store_unknown": "Magasin « {code} » inconnu. Vos magasins : {codes}.",
    "no_store": "Aucun magasin ne vous est attribué : demandez à votre responsable.",
    "yes": "Oui",
    "no": "Non",
    "unit_default": "unités",
    "unit_default_one": "unité",
    "verb_stock": "STOCK",
    "verb_sale": "VENTE",
    "verb_receipt": "REÇU",
    "verb_restock": "COMMANDER",
    "verb_count": "INVENTAIRE",
    "verb_store": "MAGASIN",
    # Alert pushes and taps on them.
    "alert_low": "⚠️ Stock bas : {product} ({store})\nIl reste {quantity} (seuil {threshold}).",
    "alert_out": "🚨 Rupture de stock : {product} ({store})\nStock épuisé (seuil {threshold}).",
    "alert_ask": "Commander {reorder} ?",
    "alert_on_order": "Commande n°{order} en cours ({quantity}).",
    "alert_order": "Commander",
    "alert_later": "Plus tard",
    "alert_later_ack": "D'accord. {product} : {quantity} en stock. Je vous le rappellerai.",
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
        "• ALL STOCK: the whole list\n"
        "• SELL RICE 3: record a sale\n"
        "• RECEIVED SUGAR 20: record a delivery\n"
        "• ORDER SUGAR 20: place an order\n"
        "• MY ORDERS: orders on their way\n"
        "• INVENTORY: count the stock\n"
        "• ALERTS: products to reorder\n"
        "• CANCEL LAST SALE: fix a mistake\n"
        "• CANCEL: drop the current question\n"
        "• STORE <code>: switch store"
    ),
    "greeting": "Hello 👋 Ask STOCK RICE, SELL RICE 3, ALL STOCK or HELP.",
    "hello_again": "Hello 👋",
    "you_are_welcome": "You're welcome 🙏",
    "not_an_answer": "I did not understand your answer.",
    "which_one": "Which one? Tap a button or type its number.",
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
    "left_expired_short": "This question has expired, nothing was recorded.",
    "left_replaced_short": "This question was replaced, nothing was recorded.",
    "left_cancelled_short": "This question was cancelled, nothing was recorded.",
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
    "line": "{quantity} of {name}",
    "line_prefix": "Line {number} ({what}): ",
    "not_found_line": "I cannot find “{text}”. Which product? (or SKIP to remove it)",
    "line_dropped": "“{what}” removed.",
    "which_line": "Which line to change?",
    "lines_button": "Lines",
    "button_edit": "Change",
    "button_other": "Other quantity",
    "which_product_more": "Which product? ({shown} of {count}: type the name if yours is missing.)",
    "products_button": "Products",
    "not_found_suggest": "I cannot find “{text}”. Did you mean:",
    "not_found_none": "I cannot find “{text}”. Type INVENTORY for the list.",
    "did_you_mean": "Did you mean “{guess}”?",
    "how_many": "How many ({unit})?",
    "how_many_of": "{name}: how many {unit}?",
    "count_how_many": "{name}: how many {unit} counted?",
    "sale_too_many": "Only {available} of {name} left. How many {unit} did you sell?",
    "quantity_invalid": "Give a whole number above zero, for example 3.",
    "quantity_negative": "That number is negative: give a whole number above zero, for example 3.",
    "quantity_too_big": "That is too many: {max} at most.",
    "quantity_range": "I need one number, not a range: how many exactly?",
    "quantity_ambiguous": "I am not sure of that number: type it in digits, for example 25.",
    "confirm_sale": "Record the sale of {quantity} of {name}?",
    "confirm_receipt": "Record the delivery of {quantity} of {name}?",
    "confirm_restock": "Order {quantity} of {name}?",
    "order_pending": "Already on its way: order #{order} ({quantity}).",
    "confirm_sale_many": "Record the sale: {lines}?",
    "confirm_receipt_many": "Record the delivery: {lines}?",
    "confirm_restock_many": "Order: {lines}?",
    "count_line": "{name}: {before} → {after} ({delta})",
    "confirm_count": "Record the count?",
    "is_it_the_order": "Delivery of {line}: is it order #{order} ({quantity} awaited)?",
    "sale_done": "✅ Sale recorded: {quantity} of {name}. Left: {after}.",
    "receipt_done": "✅ Delivery recorded: {quantity} of {name}. Stock: {after}.",
    "sale_done_many": "✅ Sale recorded:\n{lines}",
    "receipt_done_many": "✅ Delivery recorded:\n{lines}",
    "sale_done_line": "• {line} ({after} left)",
    "receipt_done_line": "• {line} (stock {after})",
    "count_done": "✅ Count recorded:\n{lines}",
    "count_done_line": "• {name}: {after} ({delta})",
    "sale_refused": "Sale refused: only {available} of {name} left.",
    "sale_refused_out": "Sale refused: {name} is out of stock.",
    "receipt_refused": (
        "Delivery refused: with {quantity} more, the stock of {name} would exceed {maximum}."
    ),
    "sale_no": "OK, sale not recorded.",
    "receipt_no": "OK, delivery not recorded.",
    "restock_no": "OK, no order.",
    "count_no": "OK, count not recorded.",
    "dropped_sale": "The sale of {what} is cancelled (nothing recorded).",
    "dropped_receipt": "The delivery of {what} is cancelled (nothing recorded).",
    "dropped_restock": "The order of {what} is cancelled.",
    "dropped_count": "The count of {what} is cancelled (nothing recorded).",
    "order_confirmed": "✅ Order #{order} confirmed: {quantity} of {name}.",
    "order_cancelled": "Order #{order} cancelled ({quantity} of {name}).",
    "order_closed_instead": "Order #{order} closed: part of it had arrived ({name}).",
    "order_changed": "✅ Order #{order}: {quantity} of {name}.",
    "confirm_order_change": "Change order #{order} to {quantity} of {name}?",
    "already_ordered_by": "Already ordered by {by} at {at}: order #{order} ({quantity} of {name}).",
    "already_ordered": "Already ordered at {at}: order #{order} ({quantity} of {name}).",
    "orders_none": "No order on its way.",
    "orders_none_for": "No order on its way for {name}.",
    "orders_title": "Orders on their way ({count}):",
    "order_line": "• #{order}: {quantity} of {name} (placed {date})",
    "order_part": "— {received} arrived already",
    "orders_pick": "Tap an order to receive or cancel it.",
    "order_row": "#{order} {name}",
    "orders_button": "Orders",
    "order_unknown": "I cannot find order #{order}.",
    "order_is_received": "Order #{order} was received already.",
    "order_is_cancelled": "Order #{order} is cancelled.",
    "order_is_proposed": "Order #{order} was never confirmed.",
    "order_what": "What about this order?",
    "button_received": "All received",
    "button_partial": "Partly received",
    "button_cancel_order": "Cancel order",
    "confirm_order_received": (
        "Order #{order} arrived: record the delivery of {quantity} of {name}?"
    ),
    "confirm_order_partial": (
        "Order #{order}: record the delivery of {quantity} of {name} (of {ordered} awaited)?"
    ),
    "confirm_order_cancel": "Cancel order #{order} ({quantity} of {name})?",
    "order_how_many_received": "How many {unit} received for order #{order}?",
    "order_received_done": "✅ Order #{order} received: {quantity} of {name}. Stock: {after}.",
    "order_received_part": (
        "✅ Delivery recorded: {quantity} of {name} (order #{order}). Stock: {after}."
    ),
    "order_rest": "{quantity} missing. Wait for the rest or close the order?",
    "button_wait_rest": "Wait for the rest",
    "button_close_order": "Close it",
    "order_waits": "OK, order #{order} still awaits {quantity}.",
    "order_closed": "Order #{order} closed: {received} received of {ordered}.",
    "order_kept_open": "OK, order #{order} stays open.",
    "undo_none_sale": "I cannot find a sale to cancel in the last 24 hours.",
    "undo_none_receipt": "I cannot find a delivery to cancel in the last 24 hours.",
    "undo_none_count": "I cannot find a count to cancel in the last 24 hours.",
    "undo_none_any": "I cannot find anything to cancel in the last 24 hours.",
    "undo_what_sale": "the sale of {quantity} of {name} ({when})",
    "undo_what_receipt": "the delivery of {quantity} of {name} ({when})",
    "undo_what_count": "the count of {name} ({when})",
    "confirm_undo": "Cancel {what}?",
    "confirm_fix": "Correct {what} to {quantity}?",
    "undo_same": "That is what is recorded already: {what}.",
    "undo_count_hint": "To correct the stock of {name}, type INVENTORY {name} <quantity>.",
    "undo_dropped": "The cancellation is dropped (nothing changed).",
    "undo_no": "OK, nothing cancelled.",
    "undone_sale": "✅ Sale cancelled: {quantity} of {name} back in stock. Stock: {after}.",
    "undone_receipt": "✅ Delivery cancelled: {quantity} of {name} taken out. Stock: {after}.",
    "undone_count": "✅ Count cancelled for {name}. Stock: {after}.",
    "fixed_sale": "✅ Sale corrected: {quantity} of {name}. Stock: {after}.",
    "fixed_receipt": "✅ Delivery corrected: {quantity} of {name}. Stock: {after}.",
    "fixed_count": "✅ Count corrected: {name}. Stock: {after}.",
    "undo_refused": (
        "Not possible: only {available} of {name} left. "
        "Count the stock instead: INVENTORY {name} <quantity>."
    ),
    "tour_started": "Stock count of {count} products, one by one. Type the number counted.",
    "tour_resumed": "Resuming the stock count ({at}/{count}).",
    "tour_question": "Count {at}/{count} · {name}\nHow many {unit} counted? (recorded: {quantity})",
    "tour_counted": "✓ {name}: {before} → {after}",
    "tour_stopped": "Stock count paused ({at}/{count}). Type INVENTORY to resume.",
    "tour_done": "✅ Stock count done: {count} products, {changed} corrected.",
    "button_same": "Correct",
    "button_skip": "Skip",
    "button_stop": "Stop",
    "guess_no": "OK. Type HELP for examples.",
    "which_store": "Which store?",
    "stores_button": "Stores",
    "store_switched": "Store {name} ({code}) selected.",
    "store_unknown": "Unknown store “{code}”. Your stores: {codes}.",
    "no_store": "No store is assigned to you: ask your manager.",
    "yes": "Yes",
    "no": "No",
    "unit_default": "units",
    "unit_default_one": "unit",
    "verb_stock": "STOCK",
    "verb_sale": "SELL",
    "verb_receipt": "RECEIVED",
    "verb_restock": "ORDER",
    "verb_count": "INVENTORY",
    "verb_store": "STORE",
    "alert_low": "⚠️ Low stock: {product} ({store})\n{quantity} left (threshold {threshold}).",
    "alert_out": "🚨 Out of stock: {product} ({store})\nNothing left (threshold {threshold}).",
    "alert_ask": "Order {reorder}?",
    "alert_on_order": "Order #{order} on its way ({quantity}).",
    "alert_order": "Order",
    "alert_later": "Later",
    "alert_later_ack": "OK. {product}: {quantity} in stock. I will remind you.",
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


# Unit symbols never take a plural: 45 kg, 2 l.
_SYMBOLS = frozenset({"kg", "g", "l", "ml", "cl", "m", "cm", "mm", "t"})


def _pluralizes(unit: str) -> bool:
    return not unit.endswith(("s", "x")) and unit.casefold() not in _SYMBOLS


def amount(language: str, quantity: int, unit: str) -> str:
    """`3 sacs`, `1 sac`, `0 sac`, `3 sac` in English (units are the catalog's own words)."""
    if not unit:
        one = quantity <= 1 if language == "fr" else quantity == 1
        return f"{quantity} {text(language, 'unit_default_one' if one else 'unit_default')}"
    if language == "fr" and quantity > 1 and _pluralizes(unit):
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
    if language == "fr" and _pluralizes(unit):
        return unit + "s"
    return unit


def shorten(value: str, limit: int) -> str:
    """`value` cut to `limit` characters with an ellipsis (for button and row titles only)."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    return value[: limit - 1].rstrip() + "…"
