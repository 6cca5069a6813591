"""Settings from the environment (and an optional `.env` file).

The names of the old Twilio guide (`WHATSAPP_ENABLED`, `WHATSAPP_API_URL`, `TWILIO_*`, …) are kept
so that existing deployments start unchanged. Misconfiguration raises ConfigurationError at
start-up with the variable named; secrets are `SecretStr` so they never show in logs or reprs.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.errors import ConfigurationError

Provider = Literal["meta", "twilio", "sandbox"]
Language = Literal["fr", "en", "wo"]

_DIGEST_TIME = re.compile(r"^(off|([01]\d|2[0-3]):[0-5]\d)$")
_HTTP_URL = re.compile(r"^https?://[^/\s?#]+(/\S*)?$", re.IGNORECASE)
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# An admin token shorter than this is refused at start-up (`stockbot token` prints a good one).
ADMIN_TOKEN_MIN_LENGTH = 32


# How long a send may take at the provider for the rate to hold without more in flight (the
# Graph API answers in 0.1–0.5 s): OUTBOX_CONCURRENCY, unset, is the rate times this.
SEND_SECONDS_TO_COVER = 0.5
MIN_SENDS_IN_FLIGHT = 20
MAX_SENDS_IN_FLIGHT = 200


def sends_in_flight(rate_per_second: float) -> int:
    """The outbox's sends in flight at once for a rate: enough for the rate with sends of
    `SEND_SECONDS_TO_COVER`, between `MIN_SENDS_IN_FLIGHT` and `MAX_SENDS_IN_FLIGHT`."""
    wanted = math.ceil(rate_per_second * SEND_SECONDS_TO_COVER)
    return max(MIN_SENDS_IN_FLIGHT, min(MAX_SENDS_IN_FLIGHT, wanted))


def normalize_database_url(url: str) -> str:
    """Accept URLs as hosting platforms give them; PostgreSQL always goes through psycopg 3."""
    url = url.strip()
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ValueError(f"malformed database URL ({exc})") from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError(
            f"unsupported database {parsed.get_backend_name()!r} (sqlite or postgresql)"
        )
    return url


# The longest retention a setting or option may ask for (a century): a date that many days
# back still exists, which one of 3,000,000 days does not.
MAX_DAYS_KEPT = 36_500
# Upper bounds of the durations below: far beyond any sensible value, well within what a date
# can be moved by.
HOUR = 3600.0
YEAR_HOURS = 365 * 24.0


class Settings(BaseSettings):
    # `inf` and `nan` are numbers to Python's float(), not durations, rates or limits: a wait or
    # a date made of one raises OverflowError where it is used, not at start.
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        allow_inf_nan=False,
    )

    # Provider (names of the old guide kept)
    whatsapp_enabled: bool = True
    whatsapp_provider: Provider = "sandbox"
    whatsapp_api_url: str = "https://graph.facebook.com/v21.0"
    whatsapp_api_token: SecretStr | None = None
    whatsapp_phone_number_id: str = ""
    # The WhatsApp Business Account that owns the number: templates, webhooks subscription,
    # `stockbot doctor` and `stockbot templates`.
    whatsapp_business_account_id: str = ""
    whatsapp_app_secret: SecretStr | None = None
    whatsapp_verify_token: SecretStr | None = None
    twilio_account_sid: str = ""
    twilio_auth_token: SecretStr | None = None
    twilio_whatsapp_from: str = ""
    twilio_api_url: str = "https://api.twilio.com"
    twilio_content_sid_buttons: str = ""
    twilio_content_sid_list: str = ""
    twilio_content_sid_alert: str = ""
    public_base_url: str = ""

    # Storage, access, locale
    database_url: str = Field(default="sqlite:///stockbot.db", repr=False)
    admin_token: SecretStr | None = None
    # Back office (/admin): signed-in sessions last this long; the simulator runs with the
    # sandbox provider, and with a real one only when enabled (its replies are never sent).
    admin_session_hours: float = Field(default=12.0, gt=0, le=24 * 30)
    simulator_enabled: bool = False
    default_region: str = "SN"
    default_language: Language = "fr"
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = "text"
    # `GET /metrics` requires `Authorization: Bearer <token>` when set.
    metrics_token: SecretStr | None = None
    # The operator's rate card for `stockbot usage` (CSV: provider,country,category,price,
    # currency); empty: the example shipped with stockbot (bot/data/usage_rates.csv).
    usage_rates_file: str = ""

    # HTTP serving (`stockbot serve`, see bot/serving.py): requests handled at once (beyond: 503),
    # idle keep-alive connections closed after this, and the read deadlines uvicorn lacks.
    server_limit_concurrency: int = Field(default=100, ge=1, le=10_000)
    server_timeout_keep_alive: int = Field(default=5, ge=1, le=300)
    server_header_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    server_body_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    server_body_min_bytes_per_second: float = Field(default=512.0, ge=0)

    # Webhook ingress
    webhook_max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    # A processor's claim on a sender's next message: when it dies, the message is taken back
    # this long after the claim. Processing itself is exactly once whatever the lease (see
    # bot/inbound/processor.py), so a short lease only costs a rare wasted claim.
    inbound_lease_seconds: float = Field(default=10.0, gt=0, le=HOUR)
    # `stockbot purge` removes raw webhook bodies, delivery statuses and processed inbound
    # messages older than this (never outbox rows).
    raw_events_retention_days: int = Field(default=30, ge=1, le=MAX_DAYS_KEPT)

    # Outbox (Meta: 80 messages per second per number by default, up to 1,000)
    outbox_rate_per_second: float = Field(default=80.0, gt=0, le=1000)
    outbox_pair_interval_seconds: float = Field(default=6.0, ge=0, le=HOUR)
    # 100 attempts: with backoff capped at 15 min a provider outage of ~18 h is ridden out;
    # OUTBOX_MAX_AGE_HOURS usually ends the retries first.
    outbox_max_attempts: int = Field(default=100, ge=1)
    outbox_max_age_hours: float = Field(default=24.0, gt=0, le=YEAR_HOURS)
    # A worker renews the leases of the rows it holds every quarter of this (its heartbeat); the
    # rows of a worker that died are taken back this long after its last renewal at most.
    outbox_lease_seconds: float = Field(default=10.0, gt=0, le=HOUR)
    # A send that started but whose answer never came back (its worker died, or it timed out)
    # is sent again only once this long has passed after its timeout without a `sent`,
    # `delivered` or `read` status confirming it (see bot/outbound/in_doubt.py).
    outbox_status_grace_seconds: float = Field(default=45.0, ge=0, le=HOUR)
    outbox_send_timeout_seconds: float = Field(default=15.0, gt=0, le=120)
    outbox_batch_size: int = Field(default=100, ge=1, le=1000)
    # Sends in flight at once (and connections to the provider). Unset: enough to keep the rate
    # with the provider's slowest usual answers (`sends_in_flight`); a fixed 20 capped a 1,000/s
    # number at 20 ÷ latency (and, in one busy process, at what the event loop's few turns
    # between two of the processor's interpreter slices could carry).
    outbox_concurrency: int = Field(default=0, ge=0, le=MAX_SENDS_IN_FLIGHT)
    # Pair rate: a short burst to one recipient (Meta describes up to 45 in 6 s, borrowed from
    # later); 3 lets a 2-3 message reply go at once, then one every pair interval.
    outbox_pair_burst: int = Field(default=3, ge=1, le=45)
    # Run the outbox worker inside `stockbot serve` (always on SQLite; set false on PostgreSQL
    # when separate `stockbot worker` processes do the sending).
    outbox_worker_in_app: bool = True

    # Conversations and alerts
    conversation_timeout_minutes: float = Field(default=30.0, gt=0, le=YEAR_HOURS * 60)
    alert_template_name: str = "alerte_rupture_stock"
    alert_template_language: str = "fr"
    alert_renotify_hours: float = Field(default=24.0, gt=0, le=YEAR_HOURS)
    # An alert also opens when the stock lasts fewer days than this at the current pace (even
    # above its threshold); 0 (the default) is off.
    alert_cover_days: int = Field(default=0, ge=0, le=365)
    digest_time: str = "off"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        return normalize_database_url(value)

    @field_validator("admin_token")
    @classmethod
    def _admin_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        token = value.get_secret_value().strip()
        if len(token) < ADMIN_TOKEN_MIN_LENGTH:
            raise ValueError(
                f"{len(token)} characters, at least {ADMIN_TOKEN_MIN_LENGTH} are needed "
                "(`stockbot token` prints a new random one)"
            )
        return SecretStr(token)

    @field_validator("default_region")
    @classmethod
    def _region(cls, value: str) -> str:
        import phonenumbers

        region = value.strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"unknown region {value!r}")
        return region

    @field_validator("digest_time")
    @classmethod
    def _digest_time(cls, value: str) -> str:
        value = value.strip().lower()
        if not _DIGEST_TIME.match(value):
            raise ValueError("expected 'off' or a local time HH:MM such as 08:00")
        return value

    @field_validator("whatsapp_api_url", "twilio_api_url", "public_base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not _HTTP_URL.match(value):
            raise ValueError(f"expected an http:// or https:// URL, got {value[:80]!r}")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in _LOG_LEVELS:
            raise ValueError(f"expected one of {', '.join(_LOG_LEVELS)}")
        return level

    @model_validator(mode="after")
    def _sends_in_flight(self) -> Settings:
        if not self.outbox_concurrency:
            self.outbox_concurrency = sends_in_flight(self.outbox_rate_per_second)
        return self

    @model_validator(mode="after")
    def _provider_credentials(self) -> Settings:
        missing: list[str] = []
        if self.whatsapp_provider == "meta":
            # Never run with signature checks silently off.
            if not _secret(self.whatsapp_app_secret):
                missing.append("WHATSAPP_APP_SECRET")
            if not _secret(self.whatsapp_verify_token):
                missing.append("WHATSAPP_VERIFY_TOKEN")
            if self.whatsapp_enabled:
                if not _secret(self.whatsapp_api_token):
                    missing.append("WHATSAPP_API_TOKEN")
                if not self.whatsapp_phone_number_id:
                    missing.append("WHATSAPP_PHONE_NUMBER_ID")
        elif self.whatsapp_provider == "twilio":
            if not _secret(self.twilio_auth_token):
                missing.append("TWILIO_AUTH_TOKEN")
            if not self.public_base_url:
                missing.append("PUBLIC_BASE_URL")
            if self.whatsapp_enabled:
                if not self.twilio_account_sid:
                    missing.append("TWILIO_ACCOUNT_SID")
                if not self.twilio_whatsapp_from:
                    missing.append("TWILIO_WHATSAPP_FROM")
        if missing:
            raise ValueError(
                f"WHATSAPP_PROVIDER={self.whatsapp_provider} needs " + ", ".join(missing)
            )
        return self

    def startup_warnings(self) -> list[str]:
        """What is legal but probably not meant, to log when the app starts."""
        warnings: list[str] = []
        if self.whatsapp_provider == "sandbox":
            given = [
                name.upper()
                for name in ("whatsapp_api_token", "twilio_auth_token", "twilio_account_sid")
                if getattr(self, name)
            ]
            if given:
                warnings.append(
                    f"WHATSAPP_PROVIDER is sandbox (the default) although {', '.join(given)} "
                    "is set: nothing is sent to WhatsApp. Set WHATSAPP_PROVIDER=meta or twilio."
                )
        elif not self.whatsapp_enabled:
            warnings.append("WHATSAPP_ENABLED=false: messages are received, nothing is sent.")
        return warnings

    @property
    def simulator_available(self) -> bool:
        """The back office's simulator: always with the sandbox, on demand with a real provider."""
        return self.whatsapp_provider == "sandbox" or self.simulator_enabled

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def secret(self, name: str) -> str:
        """The plain value of a secret setting, '' when unset."""
        value = getattr(self, name)
        return _secret(value)


def _secret(value: SecretStr | None) -> str:
    return value.get_secret_value() if value is not None else ""


class _CredentialsUnchecked(Settings):
    """Settings whose provider credentials may be missing: `stockbot doctor` reads them so, to
    report each missing one with what to do (the app and the other commands refuse them)."""

    def _provider_credentials(self) -> Settings:  # type: ignore[override]  # no longer a check
        return self


def load_settings(**overrides: object) -> Settings:
    """Build Settings, turning pydantic's errors into one ConfigurationError naming the variables.

    Keyword arguments override the environment (`_env_file=None` ignores `.env`).
    """
    return _build(Settings, overrides)


def load_settings_to_check(**overrides: object) -> Settings:
    """The settings as `load_settings` reads them, except that missing provider credentials
    are let through for `stockbot doctor` to report (never to run the app with)."""
    return _build(_CredentialsUnchecked, overrides)


def _build(kind: type[Settings], overrides: dict[str, object]) -> Settings:
    try:
        return kind(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]).upper()
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{where}: {message}" if where else message)
        raise ConfigurationError("invalid configuration: " + "; ".join(problems)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return load_settings()
