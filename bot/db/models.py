"""The stock data model: every table stockbot keeps, with the constraints that keep data right.

Quantities are integers (units a shop counts: sacs, bidons, cartons). Every change of
`Product.quantity` is a `StockMovement` written in the same transaction, so the quantity always
equals the sum of movements. Times are UTC (`UTCDateTime`).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

from bot.clock import DEFAULT_TIMEZONE, utcnow
from bot.db.catalog_version import versioned
from bot.db.types import UTCDateTime


class MovementKind(StrEnum):
    SALE = "sale"
    RECEIPT = "receipt"
    ADJUSTMENT = "adjustment"
    IMPORT = "import"


class MovementSource(StrEnum):
    WHATSAPP = "whatsapp"
    API = "api"
    CLI = "cli"
    IMPORT = "import"


# A change made in the back office is recorded with who made it: `admin:<name>`.
ADMIN_SOURCE_PREFIX = "admin:"
ADMIN_NAME_MAX = 32


def admin_source(name: str) -> str:
    """The movement source of a change made in the back office by admin `name`."""
    return f"{ADMIN_SOURCE_PREFIX}{name}"


class OrderStatus(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    RECEIVED = "received"


class AlertLevel(StrEnum):
    LOW = "low"
    OUT = "out"


class AlertState(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class OutboundStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"


# Named constraints, so that migrations name them the same on SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The largest value of an INTEGER column (ids, quantities) on PostgreSQL.
INT_MAX = 2**31 - 1


def max_length(model: type[SQLModel], column: str) -> int:
    """The length limit of a text column (`max_length(Store, "code")` is 32)."""
    length = getattr(model.__table__.c[column].type, "length", None)  # type: ignore[attr-defined]
    assert isinstance(length, int), f"{model.__name__}.{column} has no length"
    return length


def _in(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


def _utc(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


def _fk(
    target: str, *, nullable: bool = False, index: bool = True, ondelete: str | None = None
) -> Any:
    return Field(
        default=None if nullable else ...,
        sa_column_args=[ForeignKey(target, ondelete=ondelete)],
        sa_type=Integer,
        nullable=nullable,
        index=index,
    )


class Store(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=120)
    timezone: str = Field(default=DEFAULT_TIMEZONE, max_length=64)
    created_at: datetime = _utc(default_factory=utcnow)
    # Changed by the database with every change of the store's products but their quantities
    # (`bot.db.catalog_version`): the catalog a process keeps is read again when it moves.
    catalog_version: int = Field(
        default=0, sa_type=BigInteger, sa_column_kwargs={"server_default": "0"}
    )


class ManagerStore(SQLModel, table=True):
    """Which stores a manager may see (many-to-many)."""

    __tablename__ = "manager_store"
    manager_id: int = Field(
        sa_column_args=[ForeignKey("manager.id", ondelete="CASCADE")],
        sa_type=Integer,
        primary_key=True,
    )
    store_id: int = Field(
        sa_column_args=[ForeignKey("store.id", ondelete="CASCADE")],
        sa_type=Integer,
        primary_key=True,
        index=True,
    )


class Manager(SQLModel, table=True):
    __table_args__ = (CheckConstraint("language IN ('fr', 'en', 'wo')", name="language"),)
    id: int | None = Field(default=None, primary_key=True)
    phone: str = Field(max_length=16, unique=True)  # E.164
    name: str = Field(default="", max_length=120)
    language: str = Field(default="fr", max_length=2)
    # The language was chosen, by the manager (`english please`) or the owner: kept whatever the
    # manager writes. Else it follows the language they write in (`state.flows.languages`).
    language_chosen: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    active: bool = Field(default=True)
    # The store a manager of several stores works in now (asked once, `MAGASIN <code>` switches).
    current_store_id: int | None = _fk("store.id", nullable=True, index=False, ondelete="SET NULL")
    last_digest_at: datetime | None = _utc(default=None, nullable=True)
    # Meta's business-scoped user id (`SN.…`), linked the first time it arrives with the phone
    # number: a later message carrying only this id (a username user) is matched by it.
    user_id: str | None = Field(default=None, max_length=128, unique=True, nullable=True)
    # The last "I cannot read voice notes / photos yet" notice (at most one per 10 minutes).
    media_notice_at: datetime | None = _utc(default=None, nullable=True)
    created_at: datetime = _utc(default_factory=utcnow)


class Product(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("store_id", "sku", name="uq_product_store_sku"),
        CheckConstraint("quantity >= 0", name="quantity_nonnegative"),
        CheckConstraint("threshold >= 0", name="threshold_nonnegative"),
        CheckConstraint("reorder_quantity > 0", name="reorder_positive"),
    )
    id: int | None = Field(default=None, primary_key=True)
    store_id: int = _fk("store.id", ondelete="CASCADE")
    sku: str = Field(max_length=64)
    name: str = Field(max_length=120)
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    unit: str = Field(default="", max_length=32)
    # The unit in English when the usual translation does not fit (`unit_en` column of a
    # catalogue): "box" for candles sold by the `paquet`.
    unit_en: str = Field(default="", max_length=32, sa_column_kwargs={"server_default": ""})
    quantity: int = Field(default=0)
    threshold: int = Field(default=0)
    reorder_quantity: int = Field(default=1)
    created_at: datetime = _utc(default_factory=utcnow)
    updated_at: datetime = _utc(default_factory=utcnow)


versioned(Product.__table__)  # type: ignore[attr-defined]


class StockMovement(SQLModel, table=True):
    __tablename__ = "stock_movement"
    __table_args__ = (
        CheckConstraint(_in("kind", MovementKind), name="kind"),
        CheckConstraint(
            f"{_in('source', MovementSource)} OR source LIKE '{ADMIN_SOURCE_PREFIX}%'",
            name="source",
        ),
        CheckConstraint("quantity_after >= 0", name="quantity_after_nonnegative"),
        # A product's history in time order (its chart, its pages) without sorting them all.
        Index("ix_stock_movement_product_created", "product_id", "created_at", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    product_id: int = _fk("product.id", ondelete="CASCADE")
    delta: int
    quantity_after: int
    kind: str = Field(max_length=16)
    source: str = Field(max_length=40)  # a MovementSource, or admin:<name>
    manager_id: int | None = _fk("manager.id", nullable=True, ondelete="SET NULL")
    note: str = Field(default="", max_length=500)
    # A retried API call with the same Idempotency-Key records the movement once.
    idempotency_key: str | None = Field(default=None, max_length=200, unique=True, nullable=True)
    created_at: datetime = _utc(default_factory=utcnow, index=True)
    # A compensating movement (an undo or a correction) names the movement it takes back; the
    # ledger is never edited, and what a movement's reversals take back never exceeds it.
    reverses_id: int | None = _fk("stock_movement.id", nullable=True, ondelete="SET NULL")
    # A correction to a larger amount (`non c'était 4` after a sale of 2) names the movement it
    # adds to: the same sale or receipt, not one more (reports count it once).
    adds_to_id: int | None = _fk("stock_movement.id", nullable=True, ondelete="SET NULL")
    # The receipt of a restock order names it: an order is received once, whatever the path.
    order_id: int | None = _fk("restock_order.id", nullable=True, ondelete="SET NULL")


class RestockOrder(SQLModel, table=True):
    __tablename__ = "restock_order"
    __table_args__ = (
        CheckConstraint(_in("status", OrderStatus), name="status"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("received_quantity >= 0", name="received_nonnegative"),
    )
    id: int | None = Field(default=None, primary_key=True)
    product_id: int = _fk("product.id", ondelete="CASCADE")
    quantity: int
    # What arrived so far: a partial delivery leaves the order confirmed (the rest awaited) or
    # closes it, as the manager chooses.
    received_quantity: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    status: str = Field(default=OrderStatus.PROPOSED, max_length=16, index=True)
    manager_id: int | None = _fk("manager.id", nullable=True, ondelete="SET NULL")
    source: str = Field(default="whatsapp", max_length=16)
    created_at: datetime = _utc(default_factory=utcnow)
    decided_at: datetime | None = _utc(default=None, nullable=True)
    received_at: datetime | None = _utc(default=None, nullable=True)


class Alert(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(_in("level", AlertLevel), name="level"),
        CheckConstraint(_in("state", AlertState), name="state"),
        # At most one open alert per product.
        Index(
            "uq_alert_open_product",
            "product_id",
            unique=True,
            sqlite_where=text("state = 'open'"),
            postgresql_where=text("state = 'open'"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    product_id: int = _fk("product.id", ondelete="CASCADE")
    level: str = Field(max_length=8)
    state: str = Field(default=AlertState.OPEN, max_length=16, index=True)
    quantity: int = Field(default=0)  # quantity when last notified
    created_at: datetime = _utc(default_factory=utcnow)
    last_notified_at: datetime | None = _utc(default=None, nullable=True)
    resolved_at: datetime | None = _utc(default=None, nullable=True)
    sent_whatsapp: bool = Field(default=False)  # the old guide's flag: a push reached WhatsApp
    # The first answer to the latest push decides for every manager told (`order` or `later`);
    # a later push (a reminder) asks again.
    answer: str | None = Field(default=None, max_length=16, nullable=True)
    answered_by_id: int | None = _fk("manager.id", nullable=True, index=False, ondelete="SET NULL")
    answered_at: datetime | None = _utc(default=None, nullable=True)


class Contact(SQLModel, table=True):
    """Anyone who wrote to the bot or whom it writes to; tracks the 24-hour window."""

    id: int | None = Field(default=None, primary_key=True)
    phone: str = Field(max_length=64, unique=True)  # E.164, or a provider user id when no phone
    wa_id: str = Field(default="", max_length=64)
    user_id: str = Field(default="", max_length=128)  # Meta business-scoped user id
    profile_name: str = Field(default="", max_length=200)
    last_inbound_at: datetime | None = _utc(default=None, nullable=True)
    last_refused_at: datetime | None = _utc(default=None, nullable=True)
    created_at: datetime = _utc(default_factory=utcnow)


_UNPROCESSED = "processed_at IS NULL"


class InboundMessage(SQLModel, table=True):
    """Every message received, stored once (unique provider id) before the webhook is acked."""

    __tablename__ = "inbound_message"
    __table_args__ = (
        UniqueConstraint("provider", "provider_message_id", name="uq_inbound_provider_id"),
        # The processor's claim walks the unprocessed rows in timestamp order, each checked
        # for an earlier or leased one of the same sender: indexes over those rows only.
        Index(
            "ix_inbound_unprocessed",
            "sent_at",
            "id",
            sqlite_where=text(_UNPROCESSED),
            postgresql_where=text(_UNPROCESSED),
        ),
        Index(
            "ix_inbound_unprocessed_sender",
            "sender",
            "sent_at",
            "id",
            sqlite_where=text(_UNPROCESSED),
            postgresql_where=text(_UNPROCESSED),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=16)
    provider_message_id: str = Field(max_length=255)
    phone_number_id: str = Field(default="", max_length=64)  # our number it was sent to
    sender: str = Field(max_length=64, index=True)
    sender_name: str = Field(default="", max_length=200)
    type: str = Field(max_length=32)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    sent_at: datetime = _utc()  # the provider's timestamp: processing order per sender
    received_at: datetime = _utc(default_factory=utcnow)
    processed_at: datetime | None = _utc(default=None, nullable=True)
    locked_until: datetime | None = _utc(default=None, nullable=True)
    attempts: int = Field(default=0)
    error: str | None = Field(default=None, nullable=True)
    # Replies not sent because the message came after its 24-hour window had closed (a late
    # re-delivery): kept in `payload["held"]`, sent before the replies to the sender's next message.
    replies_held: bool = Field(default=False)


class WebhookEvent(SQLModel, table=True):
    """A webhook body kept raw: not JSON, an unexpected shape, a field stockbot does not handle,
    or for another phone number id. Kept once per distinct body (`digest`, its SHA-256)."""

    __tablename__ = "webhook_event"
    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=16)
    body: str
    error: str = Field(default="")
    digest: str | None = Field(default=None, max_length=64, unique=True, nullable=True)
    received_at: datetime = _utc(default_factory=utcnow, index=True)


class OperatorEvent(SQLModel, table=True):
    """An account-level event Meta reported: a template's status or quality, the phone number's
    quality or messaging limit, the account's restrictions and capabilities. Stored once per
    distinct event (`digest`), kept for the operator's history."""

    __tablename__ = "operator_event"
    __table_args__ = (Index("ix_operator_event_field", "field", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(default="meta", max_length=16)
    field: str = Field(max_length=64)  # the webhook field: message_template_status_update, …
    event: str = Field(default="", max_length=64)  # APPROVED, YELLOW, ACCOUNT_RESTRICTION, …
    subject: str = Field(default="", max_length=255)  # template name:language, phone number…
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # the change's value
    account_id: str = Field(default="", max_length=64)  # the WhatsApp Business Account id
    digest: str = Field(max_length=64, unique=True)
    occurred_at: datetime = _utc()
    received_at: datetime = _utc(default_factory=utcnow)


class WhatsAppTemplate(SQLModel, table=True):
    """A message template as Meta knows it (from `stockbot templates` and the template webhooks):
    the outbox sends a template only while its status allows it."""

    __tablename__ = "whatsapp_template"
    __table_args__ = (UniqueConstraint("name", "language", name="uq_whatsapp_template_name"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=512)
    language: str = Field(max_length=16)  # as stockbot writes it: fr, en, en_US
    category: str = Field(default="", max_length=32)
    status: str = Field(default="", max_length=32)  # APPROVED, PENDING, REJECTED, PAUSED, …
    quality: str = Field(default="", max_length=16)  # GREEN, YELLOW, RED, UNKNOWN
    reason: str = Field(default="")  # why it was rejected, paused or disabled
    meta_id: str = Field(default="", max_length=64)
    updated_at: datetime = _utc(default_factory=utcnow)


class DeliveryStatus(SQLModel, table=True):
    """Each delivery status received for a message we sent (kept even when the id is unknown)."""

    __tablename__ = "delivery_status"
    __table_args__ = (
        UniqueConstraint(
            "provider", "provider_message_id", "status", name="uq_delivery_status_event"
        ),
        # The statuses a recipient got lately: what may settle a send left in doubt by a dead
        # worker (bot/outbound/in_doubt.py).
        Index("ix_delivery_status_recipient", "recipient", "received_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=16)
    provider_message_id: str = Field(max_length=255, index=True)
    status: str = Field(max_length=16)
    recipient: str = Field(default="", max_length=64)
    error_code: str | None = Field(default=None, max_length=32, nullable=True)
    error_title: str | None = Field(default=None, nullable=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    occurred_at: datetime = _utc()
    received_at: datetime = _utc(default_factory=utcnow)


_PENDING = "status IN ('queued', 'sending')"


class OutboundMessage(SQLModel, table=True):
    """The outbox: every message stockbot sends, written in the transaction that caused it."""

    __tablename__ = "outbound_message"
    __table_args__ = (
        CheckConstraint(_in("status", OutboundStatus), name="status"),
        Index("ix_outbound_due", "status", "next_attempt_at"),
        Index("ix_outbound_recipient", "recipient", "id"),
        # The worker's claim walks the rows still to send, each checked for an earlier one of
        # the same recipient: indexes over those rows only stay small and keep PostgreSQL's
        # plan fast even right after a burst of 10,000 alert rows, before statistics catch up.
        Index(
            "ix_outbound_pending_due",
            "next_attempt_at",
            "id",
            sqlite_where=text(_PENDING),
            postgresql_where=text(_PENDING),
        ),
        Index(
            "ix_outbound_pending_recipient",
            "recipient",
            "id",
            sqlite_where=text(_PENDING),
            postgresql_where=text(_PENDING),
        ),
        # A manager's latest alert push, single or grouped (which carries its first alert): the
        # question their next message may answer.
        Index(
            "ix_outbound_alert_recipient",
            "recipient",
            "id",
            sqlite_where=text("alert_id IS NOT NULL"),
            postgresql_where=text("alert_id IS NOT NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=64)  # E.164
    kind: str = Field(max_length=16)  # text | buttons | list | template | read | reaction
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    status: str = Field(default=OutboundStatus.QUEUED, max_length=16)
    provider: str = Field(default="", max_length=16)
    provider_message_id: str | None = Field(default=None, max_length=255, index=True, nullable=True)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = _utc(default_factory=utcnow)
    locked_until: datetime | None = _utc(default=None, nullable=True)
    locked_by: str | None = Field(default=None, max_length=64, nullable=True)
    # When the send of the current attempt started (committed just before the HTTP call); set
    # while its answer is unknown, cleared once recorded (bot/outbound/in_doubt.py).
    sending_started_at: datetime | None = _utc(default=None, nullable=True)
    last_error_code: str | None = Field(default=None, max_length=32, nullable=True)
    last_error_text: str | None = Field(default=None, nullable=True)
    alert_id: int | None = _fk("alert.id", nullable=True, ondelete="SET NULL")
    inbound_message_id: int | None = _fk("inbound_message.id", nullable=True, ondelete="SET NULL")
    created_at: datetime = _utc(default_factory=utcnow)
    updated_at: datetime = _utc(default_factory=utcnow)
    sent_at: datetime | None = _utc(default=None, nullable=True)
    delivered_at: datetime | None = _utc(default=None, nullable=True)
    read_at: datetime | None = _utc(default=None, nullable=True)
    # What the delivery statuses said about its price (Meta: per-message pricing since 2025).
    billable: bool | None = Field(default=None, nullable=True)
    pricing_category: str | None = Field(default=None, max_length=32, nullable=True)
    pricing_model: str | None = Field(default=None, max_length=16, nullable=True)
    pricing_type: str | None = Field(default=None, max_length=32, nullable=True)
    conversation_id: str | None = Field(default=None, max_length=128, nullable=True)
    conversation_origin: str | None = Field(default=None, max_length=32, nullable=True)


class Conversation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(
        sa_column_args=[ForeignKey("manager.id", ondelete="CASCADE")],
        sa_type=Integer,
        unique=True,
    )
    state: str = Field(default="idle", max_length=64)
    context: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    updated_at: datetime = _utc(default_factory=utcnow)
    expires_at: datetime | None = _utc(default=None, nullable=True)
    version: int = Field(default=0)


class SystemState(SQLModel, table=True):
    """Small process-wide facts that must survive restarts (e.g. sending paused and why)."""

    __tablename__ = "system_state"
    key: str = Field(primary_key=True, max_length=64)
    value: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    updated_at: datetime = _utc(default_factory=utcnow)


class OutboxRate(SQLModel, table=True):
    """The send rate of one sending number, shared by every worker (`bot/outbound/budget.py`)."""

    __tablename__ = "outbox_rate"
    key: str = Field(primary_key=True, max_length=64)  # provider:number
    next_slot: float = Field(default=0.0)  # Unix time (s) at which the next send may start
    # The last cut of the adaptive rate after a 429 (`bot/outbound/adaptive.py`): the rate it
    # set (sends per second) and when (Unix time); 0 and 0 when never cut.
    rate: float = Field(default=0.0, sa_column_kwargs={"server_default": "0"})
    cut_at: float = Field(default=0.0, sa_column_kwargs={"server_default": "0"})
    # The worker that reserved slots last, and until when slots are spaced for several workers.
    holder: str = Field(default="", max_length=64, sa_column_kwargs={"server_default": ""})
    shared_until: float = Field(default=0.0, sa_column_kwargs={"server_default": "0"})


class AuthFailure(SQLModel, table=True):
    """Failed admin authentications of one client address (an IPv6 /64), shared by every web
    process (`bot/throttle.py`); a row is forgotten 15 minutes after its last failure."""

    __tablename__ = "auth_failure"
    address: str = Field(primary_key=True, max_length=64)
    failures: int = Field(default=0)
    last_failure_at: datetime = _utc(index=True)
    locked_until: datetime = _utc()


class AdminUser(SQLModel, table=True):
    """A named back-office user (`stockbot admin add NAME`); the password is an argon2 hash."""

    __tablename__ = "admin_user"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=ADMIN_NAME_MAX, unique=True)
    password_hash: str = Field(max_length=255)
    active: bool = Field(default=True)
    created_at: datetime = _utc(default_factory=utcnow)
    last_signed_in_at: datetime | None = _utc(default=None, nullable=True)


class AdminSession(SQLModel, table=True):
    """A signed-in browser: the cookie carries a random token, the table its SHA-256 (a stolen
    database does not sign anybody in), so sign-out and expiry end it on the server."""

    __tablename__ = "admin_session"
    id: str = Field(primary_key=True, max_length=64)  # sha256 hex of the cookie's token
    admin: str = Field(max_length=ADMIN_NAME_MAX)
    csrf_token: str = Field(max_length=64)
    created_at: datetime = _utc(default_factory=utcnow)
    expires_at: datetime = _utc(index=True)


class AdminAction(SQLModel, table=True):
    """Every change made in the back office, with who made it (movements also carry
    `admin:<name>` as their source)."""

    __tablename__ = "admin_action"
    id: int | None = Field(default=None, primary_key=True)
    admin: str = Field(max_length=ADMIN_NAME_MAX, index=True)
    action: str = Field(max_length=32)
    target: str = Field(default="", max_length=200)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = _utc(default_factory=utcnow, index=True)


class ImportStatus(StrEnum):
    STAGING = "staging"
    APPLYING = "applying"
    DONE = "done"
    FAILED = "failed"


class CatalogImport(SQLModel, table=True):
    """A catalogue import: its lines are staged in `import_row` in short batches (other
    writers get in between), then applied in one transaction, so that it is all or nothing
    and shows its progress (`GET /api/imports/{id}`)."""

    __tablename__ = "catalog_import"
    __table_args__ = (CheckConstraint(_in("status", ImportStatus), name="status"),)
    id: int | None = Field(default=None, primary_key=True)
    store_code: str = Field(max_length=32, index=True)
    status: str = Field(default=ImportStatus.STAGING, max_length=16)
    set_stock: bool = Field(default=False)
    total_rows: int = Field(default=0)
    staged_rows: int = Field(default=0)
    created: int = Field(default=0)
    updated: int = Field(default=0)
    adjusted: int = Field(default=0)
    unchanged: int = Field(default=0)
    error: str = Field(default="")
    created_at: datetime = _utc(default_factory=utcnow)
    updated_at: datetime = _utc(default_factory=utcnow)
    finished_at: datetime | None = _utc(default=None, nullable=True)


class ImportRow(SQLModel, table=True):
    """One staged line of a `CatalogImport`: a new product, or an existing one's new values
    (`changed`) and counted quantity (`counted`)."""

    __tablename__ = "import_row"
    id: int | None = Field(default=None, primary_key=True)
    import_id: int = _fk("catalog_import.id", ondelete="CASCADE")
    product_id: int | None = Field(default=None, nullable=True)
    # For an existing product, None keeps its value.
    sku: str = Field(max_length=64)
    name: str | None = Field(default=None, max_length=120, nullable=True)
    aliases: list[str] | None = Field(default=None, sa_type=JSON(none_as_null=True), nullable=True)
    unit: str | None = Field(default=None, max_length=32, nullable=True)
    unit_en: str | None = Field(default=None, max_length=32, nullable=True)
    quantity: int | None = Field(default=None, nullable=True)
    threshold: int | None = Field(default=None, nullable=True)
    reorder_quantity: int | None = Field(default=None, nullable=True)
    is_new: bool = Field(default=False)
    changed: bool = Field(default=False)
    counted: bool = Field(default=False)


__all__ = [
    "ADMIN_NAME_MAX",
    "ADMIN_SOURCE_PREFIX",
    "INT_MAX",
    "AdminAction",
    "AdminSession",
    "AdminUser",
    "Alert",
    "AlertLevel",
    "AlertState",
    "CatalogImport",
    "Contact",
    "Conversation",
    "DeliveryStatus",
    "ImportRow",
    "ImportStatus",
    "InboundMessage",
    "Manager",
    "ManagerStore",
    "MovementKind",
    "OperatorEvent",
    "MovementSource",
    "OrderStatus",
    "OutboundMessage",
    "OutboundStatus",
    "OutboxRate",
    "Product",
    "RestockOrder",
    "StockMovement",
    "Store",
    "SystemState",
    "WebhookEvent",
    "WhatsAppTemplate",
    "admin_source",
    "max_length",
]
