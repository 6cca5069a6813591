"""`stockbot doctor`: is this deployment ready to reach managers, and if not, what to do.

Each check gives one line: ✔ (fine), ⚠ (works, but look at it) or ✘ (fails), what it saw, and
for ⚠ and ✘ what to do about it, in the operator's language (`DEFAULT_LANGUAGE`). First the
settings and the database, then the live account: for Meta through the Graph API (token, phone
number, webhooks subscription, the alert template in each language managers use, the webhook
URL answering Meta's handshake from outside), for Twilio through its REST APIs (account, WhatsApp
sender, Content templates). A check that cannot run because an earlier one failed is skipped.

Every network call has the send timeout and goes through the project's clients (`GraphAPI` for
Meta, with Graph error codes classified once); tests pass httpx transports of fake servers.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, func, select, text

from bot.db.engine import head_revision, missing_database, schema_revision, transaction
from bot.db.models import Manager, OutboundMessage, OutboundStatus, WebhookEvent
from bot.inbound.meta import NO_NUMBER
from bot.operations.template_sync import MetaTemplate, fetch_templates
from bot.operations.templates import language_code, save_template
from bot.outbound.account_limit import current_limit
from bot.outbound.pause import pause_for
from bot.settings import Settings
from bot.settings_messages import configuration_message
from bot.transports._pool import send_timeout
from bot.transports.graph_api import GraphAPI, GraphError

TOKEN_WARNING = timedelta(days=7)
QUEUE_WARNING = timedelta(minutes=5)
UNPROCESSED_SINCE = timedelta(days=7)  # webhook changes kept raw, unprocessed, shown this long
PERMISSIONS = ("whatsapp_business_messaging", "whatsapp_business_management")
PHONE_FIELDS = (
    "verified_name,display_phone_number,quality_rating,messaging_limit_tier,name_status,"
    "code_verification_status,platform_type,throughput"
)
TWILIO_MESSAGING = "https://messaging.twilio.com"
TWILIO_CONTENT = "https://content.twilio.com"


class Level(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


SYMBOLS = {Level.OK: "✔", Level.WARN: "⚠", Level.FAIL: "✘"}


@dataclass(frozen=True, slots=True)
class Check:
    key: str  # stable, for scripts: settings.provider, meta.token, …
    level: Level
    title: str
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items()}

    def line(self) -> str:
        shown = f"{SYMBOLS[self.level]} {self.title} : {self.detail}"
        return shown + (f"\n    → {self.fix}" if self.fix else "")


@dataclass
class Doctor:
    """Runs the checks; `graph_transport` and `http_transport` let tests use fake servers."""

    settings: Settings
    engine: Engine
    now: datetime
    graph_transport: httpx.BaseTransport | None = None
    http_transport: httpx.BaseTransport | None = None
    language: str = ""  # the operator's: the command line's, else DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        self.checks: list[Check] = []
        self.lang = self.language or self.settings.default_language

    def t(self, fr: str, en: str) -> str:
        return en if self.lang == "en" else fr

    def add(self, key: str, level: Level, title: str, detail: str, fix: str = "") -> Check:
        check = Check(key, level, title, detail, fix if level is not Level.OK else "")
        self.checks.append(check)
        return check

    def run(self) -> list[Check]:
        self._provider()
        secrets_ok = self._secrets()
        self._public_url()
        database_ok = self._database()
        if database_ok:
            self._worker()
            self._unprocessed()
        provider = self.settings.whatsapp_provider
        if provider == "meta" and secrets_ok:
            self._meta(database_ok)
        elif provider == "twilio" and secrets_ok:
            self._twilio()
        return self.checks

    # ---------------------------------------------------------------- settings and database

    def _provider(self) -> None:
        s = self.settings
        title = self.t("Fournisseur", "Provider")
        if s.whatsapp_provider == "sandbox":
            self.add(
                "settings.provider",
                Level.WARN,
                title,
                self.t(
                    "sandbox : rien n'est envoyé à WhatsApp", "sandbox: nothing reaches WhatsApp"
                ),
                self.t(
                    "WHATSAPP_PROVIDER=meta (ou twilio) et ses identifiants dans .env",
                    "set WHATSAPP_PROVIDER=meta (or twilio) and its credentials in .env",
                ),
            )
        elif not s.whatsapp_enabled:
            self.add(
                "settings.provider",
                Level.WARN,
                title,
                self.t(
                    f"{s.whatsapp_provider}, mais WHATSAPP_ENABLED=false : rien n'est envoyé",
                    f"{s.whatsapp_provider}, but WHATSAPP_ENABLED=false: nothing is sent",
                ),
                self.t("WHATSAPP_ENABLED=true", "set WHATSAPP_ENABLED=true"),
            )
        else:
            self.add("settings.provider", Level.OK, title, s.whatsapp_provider)

    def _secrets(self) -> bool:
        s = self.settings
        needed: dict[str, bool] = {}
        if s.whatsapp_provider == "meta":
            needed = {
                "WHATSAPP_API_TOKEN": bool(s.secret("whatsapp_api_token")),
                "WHATSAPP_PHONE_NUMBER_ID": bool(s.whatsapp_phone_number_id),
                "WHATSAPP_APP_SECRET": bool(s.secret("whatsapp_app_secret")),
                "WHATSAPP_VERIFY_TOKEN": bool(s.secret("whatsapp_verify_token")),
                "WHATSAPP_BUSINESS_ACCOUNT_ID": bool(s.whatsapp_business_account_id),
            }
        elif s.whatsapp_provider == "twilio":
            needed = {
                "TWILIO_ACCOUNT_SID": bool(s.twilio_account_sid),
                "TWILIO_AUTH_TOKEN": bool(s.secret("twilio_auth_token")),
                "TWILIO_WHATSAPP_FROM": bool(s.twilio_whatsapp_from),
                "PUBLIC_BASE_URL": bool(s.public_base_url),
            }
        missing = [name for name, present in needed.items() if not present]
        title = self.t("Secrets", "Secrets")
        if missing:
            self.add(
                "settings.secrets",
                Level.FAIL,
                title,
                self.t("manquent : ", "missing: ") + ", ".join(missing),
                self.t(
                    "ajoutez-les à .env (WHATSAPP_BUSINESS_ACCOUNT_ID : l'identifiant du compte "
                    "WhatsApp Business, dans WhatsApp Manager, Paramètres du compte)",
                    "add them to .env (WHATSAPP_BUSINESS_ACCOUNT_ID: the WhatsApp Business "
                    "Account id, in WhatsApp Manager, Account settings)",
                ),
            )
            return False
        if not s.secret("admin_token"):
            self.add(
                "settings.secrets",
                Level.WARN,
                title,
                self.t(
                    "ADMIN_TOKEN absent : l'API d'administration est fermée",
                    "no ADMIN_TOKEN: the admin API is off",
                ),
                self.t(
                    "ADMIN_TOKEN=<une longue valeur aléatoire> pour l'activer",
                    "set ADMIN_TOKEN=<a long random value> to turn it on",
                ),
            )
        else:
            self.add(
                "settings.secrets",
                Level.OK,
                title,
                self.t("présents", "present") + (f" ({', '.join(needed)})" if needed else ""),
            )
        return True

    def _public_url(self) -> None:
        url = self.settings.public_base_url
        title = self.t("URL publique", "Public URL")
        if not url and self.settings.whatsapp_provider == "sandbox":
            self.add(
                "settings.public_url",
                Level.OK,
                title,
                self.t("non réglée (inutile en sandbox)", "not set (not needed in sandbox)"),
            )
        elif not url:
            self.add(
                "settings.public_url",
                Level.WARN,
                title,
                self.t("PUBLIC_BASE_URL non réglée", "PUBLIC_BASE_URL not set"),
                self.t(
                    "PUBLIC_BASE_URL=https://votre-domaine : l'adresse que Meta ou Twilio appelle",
                    "PUBLIC_BASE_URL=https://your-domain: the address Meta or Twilio calls",
                ),
            )
        elif not url.lower().startswith("https://"):
            self.add(
                "settings.public_url",
                Level.FAIL,
                title,
                self.t(f"{url} n'est pas en https", f"{url} is not https"),
                self.t(
                    "Meta n'appelle que des adresses https : mettez un proxy TLS (Caddy, nginx)",
                    "Meta only calls https addresses: put a TLS proxy in front (Caddy, nginx)",
                ),
            )
        else:
            self.add("settings.public_url", Level.OK, title, url)

    def _database(self) -> bool:
        title = self.t("Base de données", "Database")
        kind = "SQLite" if self.settings.is_sqlite else "PostgreSQL"
        path = missing_database(self.settings.database_url)
        if path is not None:  # connecting would create it, empty
            detail, advice = no_database(path, self.lang)
            self.add(
                "database", Level.FAIL, title, self.t("SQLite : ", "SQLite: ") + detail, advice
            )
            return False
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
                current = schema_revision(connection)
        except Exception as exc:
            self.add(
                "database",
                Level.FAIL,
                title,
                self.t(
                    f"{kind} injoignable ({type(exc).__name__})",
                    f"{kind} unreachable ({type(exc).__name__})",
                ),
                self.t(
                    "vérifiez DATABASE_URL et que le serveur tourne",
                    "check DATABASE_URL and that the server runs",
                ),
            )
            return False
        head = head_revision()
        if current != head:
            self.add(
                "database",
                Level.FAIL,
                title,
                self.t(
                    f"{kind} au schéma {current or 'vide'}, la version attendue est {head}",
                    f"{kind} at schema {current or 'empty'}, expected {head}",
                ),
                self.t("stockbot db upgrade", "run stockbot db upgrade"),
            )
            return False
        self.add(
            "database",
            Level.OK,
            title,
            self.t(f"{kind}, schéma {head} (à jour)", f"{kind}, schema {head} (up to date)"),
        )
        return True

    def _unprocessed(self) -> None:
        """Webhook changes that named no number of ours (`bot.inbound.meta.NO_NUMBER`): kept
        raw, never processed; the operator sees how many, and since when."""
        table = WebhookEvent.__table__  # type: ignore[attr-defined]
        with transaction(self.engine) as session:
            count, last = (
                session.connection()
                .execute(
                    select(func.count(), func.max(table.c.received_at)).where(
                        table.c.received_at >= self.now - UNPROCESSED_SINCE,
                        table.c.error.contains(NO_NUMBER, autoescape=True),
                    )
                )
                .one()
            )
        if not count:
            return
        self.add(
            "webhooks.unprocessed",
            Level.WARN,
            self.t("Webhooks", "Webhooks"),
            self.t(
                f"{count} livraison(s) sans metadata.phone_number_id en 7 jours (dernière : "
                f"{last}) : leurs messages n'ont pas été traités",
                f"{count} deliveries without metadata.phone_number_id in 7 days (last: {last}): "
                "their messages were not processed",
            ),
            self.t(
                "un relais modifie-t-il les webhooks ? corps bruts dans la table webhook_event",
                "is a relay altering the webhooks? raw bodies in the webhook_event table",
            ),
        )

    def _worker(self) -> None:
        s = self.settings
        title = self.t("Envois", "Sending")
        in_app = s.is_sqlite or s.outbox_worker_in_app
        mode = (
            self.t("worker dans l'application", "worker inside the app")
            if in_app
            else self.t("workers séparés (stockbot worker)", "separate workers (stockbot worker)")
        )
        table = OutboundMessage.__table__  # type: ignore[attr-defined]
        with transaction(self.engine) as session:
            pause = pause_for(session, s)
            limit = current_limit(session, self.now)
            oldest = (
                session.connection()
                .execute(
                    select(func.min(table.c.next_attempt_at)).where(
                        table.c.status == OutboundStatus.QUEUED.value
                    )
                )
                .scalar()
            )
        if pause is not None:
            self.add(
                "worker",
                Level.FAIL,
                title,
                self.t(
                    f"{mode}, en pause depuis {pause.since} ({pause.code} : {pause.reason})",
                    f"{mode}, paused since {pause.since} ({pause.code}: {pause.reason})",
                ),
                self.t(
                    "corrigez la cause (jeton, compte), puis stockbot outbox --resume",
                    "fix the cause (token, account), then stockbot outbox --resume",
                ),
            )
        elif limit is not None:
            since = limit.since.isoformat(timespec="seconds")
            self.add(
                "worker",
                Level.FAIL if limit.lasting(self.now) else Level.WARN,
                title,
                self.t(
                    f"{mode}, limite de débit de Meta depuis {since} ({limit.code} : "
                    f"{limit.reason}) : les envois attendent et reprennent seuls",
                    f"{mode}, Meta's rate limit since {since} ({limit.code}: {limit.reason}): "
                    "sending waits and resumes by itself",
                ),
                self.t(
                    "réduisez le volume d'envoi, ou demandez à Meta de relever la limite",
                    "send less, or ask Meta to raise the limit",
                ),
            )
        elif oldest is not None and self.now - oldest > QUEUE_WARNING:
            minutes = int((self.now - oldest).total_seconds() // 60)
            self.add(
                "worker",
                Level.WARN,
                title,
                self.t(
                    f"{mode}, un message attend depuis {minutes} min",
                    f"{mode}, a message has waited {minutes} min",
                ),
                self.t(
                    "un worker tourne-t-il ? (stockbot worker, ou OUTBOX_WORKER_IN_APP=true)",
                    "is a worker running? (stockbot worker, or OUTBOX_WORKER_IN_APP=true)",
                ),
            )
        else:
            self.add("worker", Level.OK, title, mode)

    # ---------------------------------------------------------------- Meta

    def _meta(self, database_ok: bool) -> None:
        with GraphAPI.from_settings(self.settings, transport=self.graph_transport) as graph:
            if self._token(graph):
                self._phone(graph)
                self._subscription(graph)
                self._templates(graph, database_ok)
        self._handshake()  # our side of the webhook, whatever Meta's side says

    def _graph_failure(self, key: str, title: str, error: GraphError, fix: str = "") -> None:
        if error.code in ("network", "timeout"):
            detail = (
                self.t("API Graph injoignable", "Graph API unreachable") + f" ({error.message})"
            )
        else:
            detail = f"Graph {error.code or error.status}: {error.message}"
        if error.token_problem:
            fix = fix or self.t(
                "créez un jeton d'utilisateur système permanent (Business Settings → Utilisateurs "
                "système) et mettez-le dans WHATSAPP_API_TOKEN",
                "create a permanent system user token (Business Settings → System users) and put "
                "it in WHATSAPP_API_TOKEN",
            )
        elif error.retryable:
            fix = fix or self.t(
                "réessayez dans un moment (réseau ou Meta indisponible)",
                "try again shortly (network or Meta unavailable)",
            )
        self.add(key, Level.FAIL, title, detail, fix)

    def _token(self, graph: GraphAPI) -> bool:
        title = self.t("Jeton Meta", "Meta token")
        token = self.settings.secret("whatsapp_api_token")
        try:
            answer = graph.get("debug_token", input_token=token)
        except GraphError as exc:
            self._graph_failure("meta.token", title, exc)
            return False
        data = answer.get("data") if isinstance(answer.get("data"), dict) else {}
        assert isinstance(data, dict)
        renew = self.t(
            "créez un jeton d'utilisateur système permanent (Business Settings → Utilisateurs "
            "système → Générer un jeton, sans expiration)",
            "create a permanent system user token (Business Settings → System users → Generate "
            "token, never expiring)",
        )
        if data.get("is_valid") is not True:
            self.add(
                "meta.token",
                Level.FAIL,
                title,
                self.t("invalide ou expiré", "invalid or expired"),
                renew,
            )
            return False
        scopes = {str(s) for s in data.get("scopes", []) if isinstance(s, str)}
        lacking = [p for p in PERMISSIONS if p not in scopes]
        if lacking:
            self.add(
                "meta.token",
                Level.FAIL,
                title,
                self.t("permissions manquantes : ", "missing permissions: ") + ", ".join(lacking),
                self.t(
                    "régénérez le jeton avec ces permissions",
                    "generate the token again with these permissions",
                ),
            )
            return False
        expires = data.get("expires_at")
        if isinstance(expires, int) and expires > 0:
            moment = datetime.fromtimestamp(expires, UTC)
            left = moment - self.now
            when = moment.strftime("%Y-%m-%d %H:%M UTC")
            if left <= timedelta(0):
                self.add(
                    "meta.token",
                    Level.FAIL,
                    title,
                    self.t(f"expiré le {when}", f"expired on {when}"),
                    renew,
                )
                return False
            if left < TOKEN_WARNING:
                self.add(
                    "meta.token",
                    Level.WARN,
                    title,
                    self.t(f"valide, mais expire le {when}", f"valid, but expires on {when}"),
                    renew,
                )
                return True
            detail = self.t(f"valide jusqu'au {when}", f"valid until {when}")
        else:
            detail = self.t("valide, sans expiration", "valid, never expires")
        self.add(
            "meta.token",
            Level.OK,
            title,
            detail + self.t(", permissions WhatsApp présentes", ", WhatsApp permissions present"),
        )
        return True

    def _phone(self, graph: GraphAPI) -> None:
        s = self.settings
        title = self.t("Numéro WhatsApp", "WhatsApp number")
        phone_id = s.whatsapp_phone_number_id
        try:
            phone = graph.get(phone_id, fields=PHONE_FIELDS)
            owned = [
                item.get("id")
                for item in graph.pages(
                    f"{s.whatsapp_business_account_id}/phone_numbers", fields="id"
                )
            ]
        except GraphError as exc:
            self._graph_failure(
                "meta.phone",
                title,
                exc,
                self.t(
                    f"vérifiez WHATSAPP_PHONE_NUMBER_ID ({phone_id}) et "
                    "WHATSAPP_BUSINESS_ACCOUNT_ID dans WhatsApp Manager → Numéros de téléphone",
                    f"check WHATSAPP_PHONE_NUMBER_ID ({phone_id}) and "
                    "WHATSAPP_BUSINESS_ACCOUNT_ID in WhatsApp Manager → Phone numbers",
                )
                if not exc.retryable and not exc.token_problem
                else "",
            )
            return
        labels = {
            "quality_rating": self.t("qualité", "quality"),
            "messaging_limit_tier": self.t("limite", "limit"),
            "name_status": self.t("nom", "name"),
        }
        parts = [str(phone[k]) for k in ("verified_name", "display_phone_number") if phone.get(k)]
        parts += [f"{label} {phone[k]}" for k, label in labels.items() if phone.get(k)]
        facts = ", ".join(parts)
        if str(phone_id) not in {str(i) for i in owned}:
            self.add(
                "meta.phone",
                Level.FAIL,
                title,
                self.t(
                    f"{facts} : n'appartient pas au compte {s.whatsapp_business_account_id}",
                    f"{facts}: not in account {s.whatsapp_business_account_id}",
                ),
                self.t(
                    "WHATSAPP_BUSINESS_ACCOUNT_ID doit être le compte qui possède ce numéro",
                    "WHATSAPP_BUSINESS_ACCOUNT_ID must be the account that owns this number",
                ),
            )
            return
        quality = str(phone.get("quality_rating", "")).upper()
        name_status = str(phone.get("name_status", "")).upper()
        if quality == "RED" or (
            name_status and name_status not in ("APPROVED", "AVAILABLE_WITHOUT_REVIEW")
        ):
            self.add(
                "meta.phone",
                Level.WARN,
                title,
                facts,
                self.t(
                    "qualité rouge ou nom pas approuvé : voyez WhatsApp Manager → Numéros",
                    "red quality or name not approved: see WhatsApp Manager → Phone numbers",
                ),
            )
            return
        self.add("meta.phone", Level.OK, title, facts)

    def _subscription(self, graph: GraphAPI) -> None:
        title = self.t("Abonnement aux webhooks", "Webhooks subscription")
        account = self.settings.whatsapp_business_account_id
        try:
            apps = list(graph.pages(f"{account}/subscribed_apps"))
        except GraphError as exc:
            self._graph_failure("meta.subscription", title, exc)
            return
        names = [
            str(app.get("whatsapp_business_api_data", {}).get("name", "?"))
            for app in apps
            if isinstance(app.get("whatsapp_business_api_data"), dict)
        ]
        if not apps:
            self.add(
                "meta.subscription",
                Level.FAIL,
                title,
                self.t(
                    f"aucune application abonnée au compte {account} : aucun message n'arrive",
                    f"no app subscribed to account {account}: no message arrives",
                ),
                self.t(
                    "stockbot doctor --fix (ou POST /{compte}/subscribed_apps)",
                    "stockbot doctor --fix (or POST /{account}/subscribed_apps)",
                ),
            )
            return
        self.add(
            "meta.subscription",
            Level.OK,
            title,
            self.t("applications abonnées : ", "subscribed apps: ") + ", ".join(names or ["?"]),
        )

    def _templates(self, graph: GraphAPI, database_ok: bool) -> None:
        title = self.t("Modèle d'alerte", "Alert template")
        name = self.settings.alert_template_name
        try:
            templates = fetch_templates(graph, self.settings.whatsapp_business_account_id)
        except GraphError as exc:
            self._graph_failure("meta.templates", title, exc)
            return
        if database_ok:
            _remember(self.engine, templates, self.now)
        found = {t.language: t for t in templates if t.name == name}
        for language in self.template_languages(database_ok):
            key = f"meta.templates.{language}"
            shown = f"{title} {name} ({language})"
            template = found.get(language_code(language))
            if template is None:
                self.add(
                    key,
                    Level.FAIL,
                    shown,
                    self.t("absent du compte", "not in the account"),
                    self.t("stockbot templates push", "run stockbot templates push"),
                )
            elif template.status == "APPROVED":
                self.add(
                    key,
                    Level.OK,
                    shown,
                    self.t("approuvé", "approved")
                    + (
                        f", {self.t('qualité', 'quality')} {template.quality}"
                        if template.quality
                        else ""
                    ),
                )
            elif template.status in ("PENDING", "IN_APPEAL"):
                self.add(
                    key,
                    Level.WARN,
                    shown,
                    self.t(
                        f"en cours de validation ({template.status})",
                        f"under review ({template.status})",
                    ),
                    self.t(
                        "attendez la décision de Meta (quelques minutes à 24 h)",
                        "wait for Meta's decision (minutes to 24 h)",
                    ),
                )
            else:
                reason = f" : {template.reason}" if template.reason else ""
                self.add(
                    key,
                    Level.FAIL,
                    shown,
                    f"{template.status}{reason}",
                    self.t(
                        "corrigez-le dans WhatsApp Manager ou supprimez-le puis "
                        "stockbot templates push",
                        "fix it in WhatsApp Manager, or delete it then run stockbot templates push",
                    ),
                )

    def template_languages(self, database_ok: bool) -> list[str]:
        """The alert template's configured language and those of the active managers."""
        languages = {self.settings.alert_template_language}
        if database_ok:  # else the configured language only (asking would create a SQLite file)
            with transaction(self.engine) as session:
                table = Manager.__table__  # type: ignore[attr-defined]
                rows = session.connection().execute(
                    select(table.c.language).where(table.c.active.is_(True)).distinct()
                )
                languages.update(str(language) for (language,) in rows)
        return sorted(languages)

    def _handshake(self) -> None:
        base = self.settings.public_base_url
        title = self.t("Webhook depuis l'extérieur", "Webhook from outside")
        if not base:
            return
        challenge = secrets.token_hex(8)
        url = f"{base}/webhooks/whatsapp"
        params = {
            "hub.mode": "subscribe",
            "hub.challenge": challenge,
            "hub.verify_token": self.settings.secret("whatsapp_verify_token"),
        }
        fix = self.t(
            "vérifiez que le serveur est joignable à cette adresse (DNS, proxy TLS, pare-feu) et "
            "que WHATSAPP_VERIFY_TOKEN est celui saisi dans le tableau de bord Meta",
            "check that the server is reachable at that address (DNS, TLS proxy, firewall) and "
            "that WHATSAPP_VERIFY_TOKEN is the one entered in Meta's dashboard",
        )
        try:
            with self._http() as client:
                response = client.get(url, params=params)
        except httpx.HTTPError as exc:
            self.add("meta.webhook", Level.FAIL, title, f"{url} : {type(exc).__name__}", fix)
            return
        if response.status_code == 200 and response.text == challenge:
            self.add(
                "meta.webhook",
                Level.OK,
                title,
                self.t(
                    f"{url} répond à la vérification de Meta", f"{url} answers Meta's verification"
                ),
            )
        else:
            self.add("meta.webhook", Level.FAIL, title, f"{url} : HTTP {response.status_code}", fix)

    def _http(self, **kwargs: Any) -> httpx.Client:
        timeout = send_timeout(self.settings.outbox_send_timeout_seconds)
        return httpx.Client(timeout=timeout, transport=self.http_transport, **kwargs)

    # ---------------------------------------------------------------- Twilio

    def _twilio(self) -> None:
        s = self.settings
        auth = (s.twilio_account_sid, s.secret("twilio_auth_token"))
        with self._http(auth=auth) as client:
            if not self._twilio_call(
                client,
                "twilio.account",
                self.t("Compte Twilio", "Twilio account"),
                f"{s.twilio_api_url}/2010-04-01/Accounts/{s.twilio_account_sid}.json",
                self._account_status,
            ):
                return
            self._twilio_call(
                client,
                "twilio.sender",
                self.t("Expéditeur WhatsApp", "WhatsApp sender"),
                f"{TWILIO_MESSAGING}/v2/Channels/Senders?Channel=whatsapp&PageSize=50",
                self._sender_status,
            )
            for setting in (
                "twilio_content_sid_alert",
                "twilio_content_sid_buttons",
                "twilio_content_sid_list",
            ):
                sid = getattr(s, setting)
                if sid:
                    self._twilio_call(
                        client,
                        f"twilio.content.{setting.rsplit('_', 1)[1]}",
                        f"Content {setting.upper()}",
                        f"{TWILIO_CONTENT}/v1/Content/{sid}",
                        self._content_status,
                    )
            if not s.twilio_content_sid_alert:
                self.add(
                    "twilio.content.alert",
                    Level.WARN,
                    "Content TWILIO_CONTENT_SID_ALERT",
                    self.t(
                        "non réglé : pas d'alerte hors de la fenêtre de 24 h",
                        "not set: no alert outside the 24-hour window",
                    ),
                    self.t(
                        "créez le modèle d'alerte dans Twilio Content et mettez son SID HX…",
                        "create the alert template in Twilio Content and set its HX… SID",
                    ),
                )

    def _twilio_call(
        self,
        client: httpx.Client,
        key: str,
        title: str,
        url: str,
        judge: Callable[[dict[str, Any]], tuple[Level, str, str]],
    ) -> bool:
        try:
            response = client.get(url)
        except httpx.HTTPError as exc:
            self.add(
                key,
                Level.FAIL,
                title,
                type(exc).__name__,
                self.t("réessayez dans un moment", "try again shortly"),
            )
            return False
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if not response.is_success or not isinstance(answer, dict):
            message = answer.get("message", "") if isinstance(answer, dict) else ""
            fix = (
                self.t(
                    "vérifiez TWILIO_ACCOUNT_SID et TWILIO_AUTH_TOKEN",
                    "check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN",
                )
                if response.status_code in (401, 403)
                else self.t(
                    "vérifiez ce SID dans la console Twilio", "check this SID in the Twilio console"
                )
            )
            self.add(key, Level.FAIL, title, f"HTTP {response.status_code} {message}".strip(), fix)
            return False
        level, detail, fix = judge(answer)
        self.add(key, level, title, detail, fix)
        return level is not Level.FAIL

    def _content_status(self, answer: dict[str, Any]) -> tuple[Level, str, str]:
        return Level.OK, f"{answer.get('sid', '')} {answer.get('friendly_name', '')}".strip(), ""

    def _account_status(self, answer: dict[str, Any]) -> tuple[Level, str, str]:
        status = str(answer.get("status", ""))
        name = str(answer.get("friendly_name", ""))
        if status == "active":
            return Level.OK, f"{name} ({status})", ""
        return (
            Level.FAIL,
            f"{name} ({status})",
            self.t("le compte doit être actif (console Twilio)", "the account must be active"),
        )

    def _sender_status(self, answer: dict[str, Any]) -> tuple[Level, str, str]:
        wanted = self.settings.twilio_whatsapp_from.lower()
        if not wanted.startswith("whatsapp:"):
            wanted = "whatsapp:" + wanted
        senders = answer.get("senders") if isinstance(answer.get("senders"), list) else []
        assert isinstance(senders, list)
        for sender in senders:
            if isinstance(sender, dict) and str(sender.get("sender_id", "")).lower() == wanted:
                status = str(sender.get("status", ""))
                if status.upper() == "ONLINE":
                    return Level.OK, f"{wanted} ({status})", ""
                return (
                    Level.FAIL,
                    f"{wanted} ({status})",
                    self.t(
                        "terminez l'enregistrement du numéro dans la console Twilio",
                        "finish registering the number in the Twilio console",
                    ),
                )
        return (
            Level.FAIL,
            self.t(
                f"{wanted} n'est pas un expéditeur WhatsApp du compte",
                f"{wanted} is not a WhatsApp sender of the account",
            ),
            self.t(
                "TWILIO_WHATSAPP_FROM doit être un expéditeur WhatsApp enregistré",
                "TWILIO_WHATSAPP_FROM must be a registered WhatsApp sender",
            ),
        )


def _remember(engine: Engine, templates: list[MetaTemplate], now: datetime) -> None:
    """What the check read keeps the template table current too."""
    with transaction(engine) as session:
        for t in templates:
            save_template(
                session,
                t.name,
                t.language,
                now=now,
                status=t.status,
                category=t.category,
                quality=t.quality,
                reason=t.reason,
                meta_id=t.meta_id,
            )


def subscribe_app(settings: Settings, *, transport: httpx.BaseTransport | None = None) -> None:
    """Subscribe the token's app to the account's webhooks (`stockbot doctor --fix`)."""
    with GraphAPI.from_settings(settings, transport=transport) as graph:
        graph.post(f"{settings.whatsapp_business_account_id}/subscribed_apps", {})


def failed(checks: list[Check]) -> bool:
    return any(check.level is Level.FAIL for check in checks)


def no_database(path: Path, language: str) -> tuple[str, str]:
    """What to say of a SQLite database `path` that does not exist yet, and how to create it
    (`stockbot doctor`, `stockbot status`), in `language`."""
    if language == "en":
        return (
            f"no database yet ({path} does not exist)",
            "create it: stockbot demo (with a demo store) or stockbot db upgrade (empty); "
            "or run stockbot from your stockbot.db's folder, or give it with DATABASE_URL",
        )
    return (
        f"pas encore de base ({path} n'existe pas)",
        "créez-la : stockbot demo (avec un magasin de démo) ou stockbot db upgrade (vide) ; "
        "ou lancez stockbot depuis le dossier de votre stockbot.db, ou indiquez-la avec "
        "DATABASE_URL",
    )


def unreadable_settings(reason: str, language: str) -> Check:
    """The one check left when the settings cannot be read at all (`reason` names the variable)."""
    english = language == "en"
    return Check(
        "settings",
        Level.FAIL,
        "Settings" if english else "Configuration",
        configuration_message(reason, language),
        "fix this variable in .env or the environment"
        if english
        else "corrigez cette variable dans .env ou l'environnement",
    )
