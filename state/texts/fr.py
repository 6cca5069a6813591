"""Every text the bot writes to managers, in French (the default): conversation replies, alert
pushes, order answers and the daily digest. Short: they are read on phones. Keys and
placeholders are the same in every language (a test checks it)."""

TEXTS: dict[str, str] = {
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
    "not_found_none": "Je ne trouve pas « {text} ». Tapez TOUT LE STOCK pour la liste.",
    "did_you_mean": "Vouliez-vous dire « {guess} » ?",
    "how_many": "Combien de {unit} ?",
    "how_many_of": "{name} : combien de {unit} ?",
    "count_how_many": "{name} : combien de {unit} comptés ?",
    "sale_too_many": ("Il ne reste que {available} de {name}. Combien de {unit} avez-vous vendu ?"),
    "quantity_invalid": "Il faut un nombre entier plus grand que zéro, par exemple 3.",
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
    "language_set": "D'accord, je vous écris en français.",
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
