"""The English help of every command and option (`LANG=en`), keyed like `bot.cli.i18n`:
the command path, then the option's longest name or the argument's name. A test fails when a
command or option of the CLI has no entry here."""

from __future__ import annotations

HELP_EN: dict[str, str] = {
    "": "stockbot: a WhatsApp assistant for shops' stock.",
    "admin": "Back-office users (/admin).",
    "admin add": "Create a back-office user (or change their password and reactivate them).",
    "admin add name": "Sign-in name (lower case, digits, . _ -).",
    "admin add --password": "Asked for when not given (at least 12 characters).",
    "admin list": "List the back-office users.",
    "admin remove": "Deactivate a user and close their open sessions.",
    "admin remove name": "The user's name.",
    "alert": "Alerts sent to managers.",
    "alert broadcast": "Send a message to every active manager of a store (one line per number).",
    "alert broadcast text": "The message to send.",
    "alert broadcast --store": "Store code.",
    "chat": "Talk to the bot in the terminal, as on WhatsApp (sandbox transport).",
    "chat --phone": "A manager's number (stockbot managers add); an unknown number is refused.",
    "chat --store": "Store to work in (demo: created if needed).",
    "db": "Database schema.",
    "db upgrade": "Bring the schema up to date (alembic upgrade head on DATABASE_URL).",
    "demo": "Create the demo store 'demo' (idempotent).",
    "demo --phone": "The demo manager's number.",
    "digest": "Queue the summary of low and out-of-stock products, one message per manager.\n\n"
    "Without --now: only once DIGEST_TIME has passed, for managers not yet served today (what "
    "the server does every minute).",
    "digest --now": "Send now to every active manager, even those already served.",
    "doctor": "Check the settings, then the live WhatsApp account; exit code 0 when nothing fails.",
    "doctor --json": "The result as JSON, for a script.",
    "doctor --fix": "Subscribe the app to the account's webhooks if it is not.",
    "export": "Export data (CSV or Excel).",
    "export products": "Export a store's catalogue in the import's format (re-importing it "
    "changes nothing).",
    "export products --store": "Store code.",
    "export products --format": "csv (semicolons, UTF-8) or xlsx.",
    "export products --output": "File to write (-: the terminal, as CSV).",
    "import": "Import data.",
    "import products": "Import a catalogue: columns Name, SKU, Aliases, Unit, Quantity, "
    "Threshold, Reorder quantity (French or English names, any order; only Name is "
    "required).\n\nA re-import updates names, aliases, units, thresholds and reorder quantities, "
    "and sets the quantity of new products only; --set-stock applies the quantities as an "
    "inventory count. All or nothing: one error cancels the whole import.",
    "import products file": "CSV file (, ; or tab separated) or .xlsx workbook.",
    "import products --store": "Store code (it must exist).",
    "import products --create-store": "Create the --store store with this name if it does not "
    "exist.",
    "import products --set-stock": "Inventory count: apply the file's quantities (one "
    "adjustment per product).",
    "import products --dry-run": "Show what would change, write nothing.",
    "import products --sheet": "Sheet of the .xlsx workbook (name or number; the first one "
    "otherwise).",
    "managers": "Managers allowed to talk to the bot.",
    "managers add": "Add a manager to one or more stores.\n\nA number that is already a manager "
    "is changed only with --update (otherwise the command says what differs and writes "
    "nothing); their name and language stay unless given.",
    "managers add phone": "WhatsApp number, e.g. +221771234567 or 77 123 45 67 (spaces allowed).",
    "managers add --stores": "Store code (several: a,b).",
    "managers add --name": "The manager's name.",
    "managers add --lang": "Language of the replies: fr, en or wo, kept whatever they write; "
    "auto (or without it): the one they write in, fr first.",
    "managers add --update": "For a number that is already a manager: apply the differences.",
    "managers list": "List the managers: number, name, language (auto:fr: the one they write "
    "in, fr for now), stores, active or not.",
    "managers list --store": "Only the managers of this store.",
    "managers remove": "Deactivate a manager (they can no longer use the bot; their history "
    "stays), or take them off one store with --store.",
    "managers remove phone": "WhatsApp number, e.g. +221771234567 or 77 123 45 67.",
    "managers remove --store": "Take them off this store only (otherwise they are deactivated).",
    "managers set": "Change an existing manager: what is given is changed, the rest is kept.",
    "managers set phone": "WhatsApp number, e.g. +221771234567 or 77 123 45 67.",
    "managers set --name": "New name.",
    "managers set --lang": "Language: fr, en or wo, kept whatever they write; auto: the one "
    "they write in.",
    "managers set --stores": "Their stores, replacing the current ones (e.g. dakar1,thies).",
    "managers set --active": "Reactivate or deactivate the manager.",
    "movements": "Stock movement history: who, when, from where, with which note.",
    "movements --store": "Store code.",
    "movements --product": "Product SKU.",
    "movements --since": "From this day, included (2026-12-01, 01/12, yesterday...).",
    "movements --until": "Up to this day, included.",
    "movements --kind": "sale, receipt, adjustment or import (several: a,b).",
    "movements --format": "table (terminal), csv or xlsx.",
    "movements --output": "File (csv, xlsx).",
    "movements --limit": "As a table: the last N movements.",
    "outbox": "List the queued messages (numbers masked).",
    "outbox --status": "Filter by status.",
    "outbox --limit": "Number of lines (the most recent).",
    "outbox --resume": "Lift the pause on sending.",
    "parse": "Show the intent, product, candidates, quantity and score of a message.",
    "parse text": "The message as the manager typed it.",
    "parse --catalog": "CSV sku,name,aliases,unit (aliases separated by |); the demo's by default.",
    "purge": "Delete raw webhooks, delivery statuses and processed inbound messages older than "
    "the retention period (never the outbox). Run it daily (cron).",
    "purge --days": "Keep this many days (default RAW_EVENTS_RETENTION_DAYS, 30).",
    "report": "Sales and receipts summaries.",
    "report receipts": "Receipts per product over the period (Dakar days), biggest first.",
    "report receipts --day": "Today (the default).",
    "report receipts --yesterday": "Yesterday.",
    "report receipts --week": "This week (since Monday).",
    "report receipts --month": "This month.",
    "report receipts --store": "Store code (all stores otherwise).",
    "report receipts --product": "SKU of one product only.",
    "report sales": "Sales per product over the period (Dakar days), biggest first.",
    "report sales --day": "Today (the default).",
    "report sales --yesterday": "Yesterday.",
    "report sales --week": "This week (since Monday).",
    "report sales --month": "This month.",
    "report sales --store": "Store code (all stores otherwise).",
    "report sales --product": "SKU of one product only.",
    "send": "Queue a text message (the worker sends it).",
    "send args": "NUMBER TEXT, or TEXT alone with --numbers. For a text starting with '-', put "
    '-- before it, e.g. stockbot send -- +221771234567 "-5 bags of rice".',
    "send --numbers": "File: one number per line.",
    "serve": "Run the bot (webhooks, API, message processing).",
    "serve --host": "Address to listen on (0.0.0.0 behind a proxy).",
    "serve --port": "HTTP port.",
    "status": "The bot's state: provider, sending (paused or not), queue, alerts, WhatsApp "
    "account (templates that cannot be sent, number quality, restrictions), stores.",
    "status --json": "JSON output (for scripts).",
    "templates": "WhatsApp message templates (Meta).",
    "templates list": "The account's templates: name, language, category, status, quality (and "
    "the reason of a refusal).",
    "templates push": "Create at Meta the templates stockbot needs (alert, daily summary, order "
    "confirmation; French and English) that are missing. No effect on those that exist.",
    "stock": "Show the stock, one product per line (low and out-of-stock products marked).",
    "stock --store": "Store code.",
    "stores": "Stores (the code never changes, the name may).",
    "stores add": "Create a store.",
    "stores add code": "Short code without spaces (e.g. dakar1).",
    "stores add --name": "Store name.",
    "stores list": "List the stores with their numbers of products and managers.",
    "stores rename": "Change a store's name (its code stays).",
    "stores rename code": "Store code (it does not change).",
    "stores rename --name": "New name.",
    "token": "Print a new random token for ADMIN_TOKEN (43 characters).",
    "worker": "Send the queued messages (several workers possible on PostgreSQL).\n\n"
    "SIGTERM (docker stop, systemd) and Ctrl-C stop cleanly: sends in progress finish and are "
    "recorded, the rest goes back to the queue. Without --until-idle the worker restarts after "
    "an error (database unavailable...).",
    "worker --until-idle": "Send everything due, then stop.",
    "worker --max-wait": "With --until-idle: longest wait for a delayed send (s).",
    "usage": "Messages sent by category, billable ones, estimated cost, by store, and how "
    "managers use the bot (messages per day, share not understood, most misunderstood).",
    "usage --month": "The month, YYYY-MM (default: the current month).",
    "usage --json": "The report as JSON.",
}
