"""The back office's words, French and English (the language of a visit: the `lang` cookie set
by the switch in the header, else DEFAULT_LANGUAGE)."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("fr", "en")

# key: (French, English)
_TEXTS: dict[str, tuple[str, str]] = {
    "app": ("stockbot · back-office", "stockbot · back office"),
    "skip": ("Aller au contenu", "Skip to content"),
    "menu": ("Menu", "Menu"),
    "dashboard": ("Tableau de bord", "Dashboard"),
    "stock": ("Stock", "Stock"),
    "movements": ("Mouvements", "Movements"),
    "orders": ("Alertes et commandes", "Alerts and orders"),
    "managers": ("Gérants et magasins", "Managers and stores"),
    "conversations": ("Conversations", "Conversations"),
    "outbox": ("File d'envoi", "Outbox"),
    "import": ("Import", "Import"),
    "simulator": ("Simulateur", "Simulator"),
    "sign_out": ("Se déconnecter", "Sign out"),
    "signed_in_as": ("Connecté : {name}", "Signed in: {name}"),
    # sign-in
    "sign_in": ("Connexion", "Sign in"),
    "sign_in_button": ("Se connecter", "Sign in"),
    "sign_in_hint": (
        "Le jeton ADMIN_TOKEN, ou votre nom et mot de passe (stockbot admin add NOM).",
        "The ADMIN_TOKEN, or your name and password (stockbot admin add NAME).",
    ),
    "user_name": ("Nom (vide avec le jeton)", "Name (empty with the token)"),
    "password": ("Mot de passe ou jeton", "Password or token"),
    "sign_in_failed": ("Nom, mot de passe ou jeton incorrect.", "Wrong name, password or token."),
    "too_many": (
        "Trop d'essais échoués : réessayez dans {seconds} s.",
        "Too many failed attempts: try again in {seconds} s.",
    ),
    "session_over": ("Session terminée, reconnectez-vous.", "Session ended, please sign in."),
    "off_title": ("Back-office désactivé", "Back office disabled"),
    "off_hint": (
        "Définissez ADMIN_TOKEN (stockbot token en donne un) ou créez un utilisateur "
        "avec stockbot admin add NOM, puis redémarrez.",
        "Set ADMIN_TOKEN (stockbot token prints one) or create a user with "
        "stockbot admin add NAME, then restart.",
    ),
    "csrf_refused": (
        "Formulaire expiré ou d'une autre origine : rechargez la page.",
        "Form expired or from another site: reload the page.",
    ),
    # dashboard
    "today": ("Aujourd'hui", "Today"),
    "sales_today": ("Ventes", "Sales"),
    "receipts_today": ("Réceptions", "Receipts"),
    "units": ("{count} unités · {lines} mouvements", "{count} units · {lines} movements"),
    "low_products": ("Produits bas", "Low products"),
    "out_products": ("En rupture", "Out of stock"),
    "open_alerts": ("Alertes ouvertes", "Open alerts"),
    "open_orders": ("Commandes en cours", "Open orders"),
    "outbox_health": ("Envois", "Sending"),
    "queued": ("en file", "queued"),
    "oldest": ("plus ancien : {age}", "oldest: {age}"),
    "failed_today": ("échecs aujourd'hui", "failed today"),
    "paused": ("ENVOIS EN PAUSE", "SENDING PAUSED"),
    "sending_ok": ("Envois actifs", "Sending active"),
    "last_messages": ("Derniers messages", "Latest messages"),
    "nothing": ("Rien pour l'instant.", "Nothing yet."),
    "see_all": ("Tout voir", "See all"),
    "live": ("Mis à jour en direct", "Live"),
    # stock
    "store": ("Magasin", "Store"),
    "search": ("Rechercher", "Search"),
    "search_hint": ("Nom, SKU ou alias", "Name, SKU or alias"),
    "product": ("Produit", "Product"),
    "quantity": ("Quantité", "Quantity"),
    "threshold": ("Seuil", "Threshold"),
    "reorder": ("Qté à commander", "Reorder qty"),
    "cover_days": ("≈ {days} j au rythme actuel", "≈ {days} d at the current pace"),
    "status": ("État", "Status"),
    "status_ok": ("ok", "ok"),
    "status_low": ("bas", "low"),
    "status_out": ("rupture", "out"),
    "save": ("Enregistrer", "Save"),
    "saved": ("Enregistré.", "Saved."),
    "record": ("Enregistrer", "Record"),
    "kind": ("Type", "Kind"),
    "kind_sale": ("Vente", "Sale"),
    "kind_receipt": ("Réception", "Receipt"),
    "kind_adjustment": ("Ajustement", "Adjustment"),
    "kind_count": ("Inventaire (quantité comptée)", "Count (counted quantity)"),
    "count_same": (
        "Compté {quantity} : c'est déjà le stock, rien à corriger.",
        "Counted {quantity}: that is the stock already, nothing to correct.",
    ),
    "kind_import": ("Import", "Import"),
    "note": ("Note", "Note"),
    "movement_form": ("Mouvement", "Movement"),
    "count_hint": (
        "Inventaire : la quantité comptée ; l'écart est enregistré comme ajustement.",
        "Count: the quantity counted; the difference is recorded as an adjustment.",
    ),
    "no_products": ("Aucun produit.", "No products."),
    "no_store": ("Aucun magasin. Essayez : stockbot demo", "No store yet. Try: stockbot demo"),
    "page_of": ("Page {page} sur {pages}", "Page {page} of {pages}"),
    "previous": ("Précédent", "Previous"),
    "next": ("Suivant", "Next"),
    "older": ("Plus anciens", "Older"),
    "newer": ("Plus récents", "Newer"),
    "products_count": ("{count} produits", "{count} products"),
    "cover": ("Couverture", "Cover"),
    # product
    "history": ("Historique", "History"),
    "chart_title": (
        "Quantité sur {days} jours, seuil en pointillés, réceptions marquées",
        "Quantity over {days} days, threshold dashed, receipts marked",
    ),
    "days": ("{days} jours", "{days} days"),
    "when": ("Quand", "When"),
    "who": ("Qui", "Who"),
    "source": ("Source", "Source"),
    "change": ("Variation", "Change"),
    "after": ("Après", "After"),
    "unit": ("Unité", "Unit"),
    "aliases": ("Alias", "Aliases"),
    # conversations
    "thread_of": ("Conversation avec {who}", "Conversation with {who}"),
    "no_messages": ("Aucun message.", "No messages."),
    "tick_queued": ("en file", "queued"),
    "tick_sending": ("envoi…", "sending…"),
    "tick_sent": ("envoyé", "sent"),
    "tick_delivered": ("distribué", "delivered"),
    "tick_read": ("lu", "read"),
    "tick_failed": ("échec", "failed"),
    "template": ("Modèle", "Template"),
    "inactive": ("inactif", "inactive"),
    "unknown_sender": ("numéros inconnus", "unknown numbers"),
    # outbox
    "failed": ("Échecs", "Failed"),
    "pending": ("En file", "Queued"),
    "retry": ("Renvoyer", "Retry"),
    "retried": ("Message remis en file (n° {id}).", "Message queued again (no. {id})."),
    "resume": ("Reprendre les envois", "Resume sending"),
    "resumed": ("Envois repris.", "Sending resumed."),
    "not_paused": ("Les envois n'étaient pas en pause.", "Sending was not paused."),
    "recipient": ("Destinataire", "Recipient"),
    "attempts": ("Essais", "Attempts"),
    "reason": ("Raison", "Reason"),
    "message": ("Message", "Message"),
    # simulator
    "sim_intro": (
        "Écrivez au bot comme un gérant : le message suit le vrai chemin (stockage, traitement, "
        "réponses). Les réponses sont capturées ici, jamais envoyées sur WhatsApp ; les "
        "mouvements de stock enregistrés sont réels.",
        "Write to the bot as a manager would: the message takes the real path (storage, "
        "processing, replies). Replies are captured here, never sent to WhatsApp; stock "
        "movements recorded are real.",
    ),
    "sim_off": (
        "Le simulateur est désactivé avec un vrai fournisseur : SIMULATOR_ENABLED=true "
        "l'active (ses réponses ne partent jamais sur WhatsApp).",
        "The simulator is off with a real provider: SIMULATOR_ENABLED=true turns it on "
        "(its replies never go to WhatsApp).",
    ),
    "sim_phone": ("Numéro", "Number"),
    "sim_pick": ("Gérant ou nouveau numéro de test", "Manager or a new test number"),
    "sim_open": ("Ouvrir", "Open"),
    "sim_type": ("Votre message", "Your message"),
    "send": ("Envoyer", "Send"),
    "sim_unknown": (
        "Numéro inconnu : le bot lui répond par son refus poli.",
        "Unknown number: the bot answers with its polite refusal.",
    ),
    "list_open": ("Voir la liste", "Open the list"),
    # alerts and orders
    "being_ordered": ("Une commande est en route.", "An order is on its way."),
    "order_button": ("Commander {quantity}", "Order {quantity}"),
    "order_progress": ("{received} reçus, {left} attendus", "{received} received, {left} awaited"),
    "receive_all": ("Reçue ({left})", "Received ({left})"),
    "cancel": ("Annuler", "Cancel"),
    "receive_part": ("Réception partielle", "Partial delivery"),
    "quantity_arrived": ("Quantité arrivée", "Quantity arrived"),
    "close_order": (
        "Clore la commande (le reste ne viendra pas)",
        "Close the order (no more to come)",
    ),
    "past_orders": ("Commandes passées", "Past orders"),
    "order_status_received": ("reçue", "received"),
    "order_status_cancelled": ("annulée", "cancelled"),
    "order_status_confirmed": ("en route", "on its way"),
    "order_status_proposed": ("proposée", "proposed"),
    "order_placed": ("Commande n° {id} passée : {quantity}.", "Order no. {id} placed: {quantity}."),
    "order_already": ("Déjà commandé (commande n° {id}).", "Already ordered (order no. {id})."),
    "order_done": (
        "Commande n° {id} reçue : {quantity} ajoutés au stock.",
        "Order no. {id} received: {quantity} added to the stock.",
    ),
    "order_partly": (
        "Commande n° {id} : {quantity} reçus, {left} encore attendus.",
        "Order no. {id}: {quantity} received, {left} still awaited.",
    ),
    "order_cancelled": ("Commande n° {id} : {status}.", "Order no. {id}: {status}."),
    # managers and stores, movements
    "managers_title": ("Gérants", "Managers"),
    "stores": ("Magasins", "Stores"),
    "edit": ("Modifier", "Edit"),
    "name": ("Nom", "Name"),
    "active": ("Actif", "Active"),
    "deactivate": ("Désactiver", "Deactivate"),
    "add": ("Ajouter", "Add"),
    "add_manager": ("Ajouter un gérant", "Add a manager"),
    "add_store": ("Créer un magasin", "Create a store"),
    "rename": ("Renommer", "Rename"),
    "code": ("Code", "Code"),
    "code_fixed": (
        "Le code d'un magasin ne change pas (les gérants le tapent) ; son nom, si.",
        "A store's code never changes (managers type it); its name can.",
    ),
    "managers_count": ("{count} gérants", "{count} managers"),
    "store_added": ("Magasin {code} créé.", "Store {code} created."),
    "manager_added": ("Gérant {phone} ajouté.", "Manager {phone} added."),
    "manager_deactivated": ("Gérant {phone} désactivé.", "Manager {phone} deactivated."),
    "since": ("Du", "From"),
    "until": ("Au", "To"),
    "today_word": ("aujourd'hui", "today"),
    "export_csv": ("Télécharger en CSV", "Download as CSV"),
    # import
    "import_intro": (
        "Un fichier CSV ou Excel (.xlsx) : nom, quantité, seuil… (en-têtes en français ou en "
        "anglais). Vous voyez d'abord ce qui changera ; rien n'est écrit avant « Appliquer ».",
        "A CSV or Excel (.xlsx) file: name, quantity, threshold… (French or English headers). "
        'You first see what would change; nothing is written before "Apply".',
    ),
    "import_file": ("Fichier", "File"),
    "import_set_stock": (
        "Inventaire : les quantités du fichier remplacent le stock",
        "Count: the file's quantities replace the stock",
    ),
    "import_preview": ("Aperçu", "Preview"),
    "import_apply": ("Appliquer", "Apply"),
    "import_no_file": ("Choisissez un fichier.", "Choose a file."),
    "import_too_big": ("Fichier trop gros ({mb} Mo au plus).", "File too big ({mb} MB at most)."),
    "import_refused": (
        "Import refusé, rien n'a été écrit :",
        "Import refused, nothing was written:",
    ),
    "import_would": ("Aperçu : rien n'est encore écrit.", "Preview: nothing written yet."),
    "import_done": ("Import appliqué.", "Import applied."),
    "import_created": ("{count} nouveaux produits", "{count} new products"),
    "import_updated": ("{count} produits modifiés", "{count} products changed"),
    "import_counted": ("{count} quantités recomptées", "{count} quantities counted"),
    "import_unchanged": ("{count} inchangés", "{count} unchanged"),
    "import_kept": (
        "{count} quantités du fichier diffèrent du stock et ne sont pas appliquées (cochez "
        "Inventaire pour les appliquer)",
        "{count} quantities of the file differ from the stock and are not applied (tick Count "
        "to apply them)",
    ),
    "and_more": ("… et {count} autres", "… and {count} more"),
    # generic
    "error": ("Erreur : {reason}", "Error: {reason}"),
    "not_found": ("Introuvable.", "Not found."),
    "language": ("Langue", "Language"),
    # A manager's language not chosen (by them or here): the one they write in.
    "language_followed": ("{code} (selon ses messages)", "{code} (as they write)"),
    "language_as_written": ("selon ses messages", "as they write"),
    "filters": ("Filtres", "Filters"),
    "apply": ("Appliquer", "Apply"),
    "all": ("Tous", "All"),
}


def translate(language: str, key: str, **values: Any) -> str:
    """The text of `key` in `language` (French when unknown), with `values` filled in."""
    pair = _TEXTS.get(key)
    if pair is None:
        return key
    text = pair[1] if language == "en" else pair[0]
    return text.format(**values) if values else text


def known(key: str) -> bool:
    return key in _TEXTS
