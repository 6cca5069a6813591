"""What WhatsApp will bill for a month, and how managers use the bot: `stockbot usage` and
`GET /api/usage`.

Messages sent in the month (the outbox rows that went out; read receipts are not messages) are
counted by pricing category, as Meta's status webhooks gave it (`pricing.category`, kept on each
row by `bot.inbound.statuses`); a row without pricing (Twilio, or no status yet) is estimated:
a template is `utility` and billable, a free-form reply `service` and free. The estimated cost
applies a rate card (`usage_rates.csv`: provider, country, category, price, currency; `*` matches
any country or category) per billable message, the country read from the recipient's number,
plus Twilio's fee per message when Twilio sends. Rows are attributed to a store through their
alert's product, else the manager's current (or only) store.

The insight part counts the managers' messages: per manager and active day, the share the bot
did not understand (among the messages it reads: typed text and taps; the processor keeps what
the conversation made of a misunderstood one as `payload["turn"]`) and the ten misunderstood
texts seen most, numbers masked.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import phonenumbers
from sqlalchemy import select
from sqlmodel import Session

from bot.db.models import (
    Alert,
    InboundMessage,
    Manager,
    ManagerStore,
    OutboundMessage,
    Product,
    Store,
)
from bot.errors import ValidationError
from bot.inbound.turns import MISUNDERSTOOD, TURN_KEY
from bot.logs import mask_phones_in
from bot.phones import mask_phone
from bot.settings import Settings

CATEGORIES = ("service", "utility", "marketing", "authentication")
# Inbound types the conversation reads (typed text, tapped buttons and list rows).
READ_TYPES = frozenset({"text", "button", "list"})
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DIGITS = re.compile(r"\d{6,}")


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """`2026-12` -> its first instant and the next month's (UTC). Raises ValidationError."""
    match = _MONTH.match(month.strip())
    try:  # year 0, and 9999-12 (whose next month is in year 10000), are beyond Python's dates
        if not match:
            raise ValueError(month)
        year, number = int(match.group(1)), int(match.group(2))
        start = datetime(year, number, 1, tzinfo=UTC)
        end = datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=UTC)
    except ValueError:
        raise ValidationError(
            f"mois invalide : {month[:20]!r} (attendu : AAAA-MM, ex. 2026-12)"
        ) from None
    return start, end


def current_month(now: datetime) -> str:
    return f"{now.year:04d}-{now.month:02d}"


# ---------------------------------------------------------------- rate card


@dataclass(frozen=True, slots=True)
class RateCard:
    rates: dict[tuple[str, str, str], float]  # (provider, country, category) -> price
    currency: str
    source: str

    def price(self, provider: str, country: str, category: str) -> float | None:
        for key in (
            (provider, country, category),
            (provider, "*", category),
            (provider, country, "*"),
            (provider, "*", "*"),
        ):
            if key in self.rates:
                return self.rates[key]
        return None


def load_rate_card(path: str = "") -> RateCard:
    """The operator's rate card (`USAGE_RATES_FILE`), or the example shipped with stockbot."""
    if path:
        try:
            content = Path(path).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ValidationError(f"USAGE_RATES_FILE illisible : {path} ({exc.strerror})") from None
        source = path
    else:
        content = resources.files("bot").joinpath("data/usage_rates.csv").read_text("utf-8")
        source = "usage_rates.csv (exemple fourni)"
    rates: dict[tuple[str, str, str], float] = {}
    currencies = set()
    for number, row in enumerate(csv.DictReader(io.StringIO(content)), start=2):
        try:
            key = (
                row["provider"].strip().lower(),
                row["country"].strip().upper() or "*",
                row["category"].strip().lower() or "*",
            )
            rates[key] = float(row["price"].replace(",", "."))
        except (KeyError, AttributeError, ValueError):
            raise ValidationError(
                f"{source}, ligne {number} : il faut provider, country, category, price "
                "(ex. meta,SN,utility,0.004)"
            ) from None
        currencies.add((row.get("currency") or "USD").strip().upper())
    if len(currencies) > 1:
        raise ValidationError(f"{source} : une seule devise par grille ({', '.join(currencies)})")
    return RateCard(rates, currencies.pop() if currencies else "USD", source)


# ---------------------------------------------------------------- the report


@dataclass
class StoreUsage:
    store: str
    sent: int = 0
    billable: int = 0
    cost: float = 0.0


@dataclass
class UsageReport:
    month: str
    currency: str
    rates: str
    sent: int = 0
    by_category: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    billable: int = 0
    templates: int = 0
    free_form: int = 0
    estimated: int = 0  # messages whose category and billing were estimated (no pricing)
    unpriced: int = 0  # billable messages the rate card has no price for
    estimated_cost: float = 0.0
    by_store: dict[str, StoreUsage] = field(default_factory=dict)
    insight: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "sent": self.sent,
            "by_category": dict(self.by_category),
            "billable": self.billable,
            "templates": self.templates,
            "free_form": self.free_form,
            "estimated_category": self.estimated,
            "estimated_cost": round(self.estimated_cost, 4),
            "currency": self.currency,
            "unpriced": self.unpriced,
            "rates": self.rates,
            "by_store": [
                {
                    "store": s.store,
                    "sent": s.sent,
                    "billable": s.billable,
                    "estimated_cost": round(s.cost, 4),
                }
                for s in sorted(self.by_store.values(), key=lambda s: (-s.sent, s.store))
            ],
            "insight": self.insight,
        }


def usage_report(
    session: Session, settings: Settings, *, month: str, rates: RateCard | None = None
) -> UsageReport:
    """The month's usage, cost estimate and conversation insight (see the module docstring)."""
    start, end = month_bounds(month)
    card = rates or load_rate_card(settings.usage_rates_file)
    report = UsageReport(month=month, currency=card.currency, rates=card.source)
    stores = _store_names(session)
    alert_store = _alert_stores(session)
    manager_store = _manager_stores(session)
    outbox = OutboundMessage.__table__  # type: ignore[attr-defined]
    sent = session.connection().execute(
        select(
            outbox.c.recipient,
            outbox.c.kind,
            outbox.c.provider,
            outbox.c.alert_id,
            outbox.c.billable,
            outbox.c.pricing_category,
            outbox.c.pricing_type,
        ).where(
            outbox.c.sent_at >= start,
            outbox.c.sent_at < end,
            outbox.c.kind != "read",
        )
    )
    for recipient, kind, provider, alert_id, billable, category, pricing_type in sent:
        report.sent += 1
        template = kind == "template"
        report.templates += template
        report.free_form += not template
        if category:
            category = category.lower()
            if billable is None:
                billable = not (pricing_type or "").startswith("free") and category != "service"
        else:
            report.estimated += 1
            category = "utility" if template else "service"
            billable = template
        report.by_category[category] = report.by_category.get(category, 0) + 1
        cost = 0.0
        country = _country(recipient)
        if billable:
            report.billable += 1
            price = card.price("meta", country, category)
            if price is None:
                report.unpriced += 1
            else:
                cost += price
        if provider == "twilio":
            cost += card.price("twilio", country, category) or 0.0
        report.estimated_cost += cost
        store_id = alert_store.get(alert_id) if alert_id is not None else None
        if store_id is None:
            store_id = manager_store.get(recipient)
        name = stores.get(store_id, "—") if store_id is not None else "—"
        usage = report.by_store.setdefault(name, StoreUsage(name))
        usage.sent += 1
        usage.billable += bool(billable)
        usage.cost += cost
    report.insight = conversation_insight(session, start, end)
    return report


def conversation_insight(session: Session, start: datetime, end: datetime) -> dict[str, Any]:
    """Messages per manager per day, the share not understood, the top ten misunderstood."""
    inbound = InboundMessage.__table__  # type: ignore[attr-defined]
    managers = {
        phone: (name, user_id)
        for phone, name, user_id in session.connection().execute(
            select(
                Manager.__table__.c.phone,  # type: ignore[attr-defined]
                Manager.__table__.c.name,  # type: ignore[attr-defined]
                Manager.__table__.c.user_id,  # type: ignore[attr-defined]
            )
        )
    }
    by_user_id = {user_id: phone for phone, (_, user_id) in managers.items() if user_id}
    per_manager: dict[str, Counter[date]] = defaultdict(Counter)
    typed = misunderstood = 0
    texts: Counter[str] = Counter()
    rows = session.connection().execute(
        select(inbound.c.sender, inbound.c.sent_at, inbound.c.type, inbound.c.payload).where(
            inbound.c.sent_at >= start, inbound.c.sent_at < end
        )
    )
    for sender, sent_at, kind, payload in rows:
        phone = sender if sender in managers else by_user_id.get(sender)
        if phone is None:
            continue
        per_manager[phone][sent_at.date()] += 1
        if kind in READ_TYPES:
            typed += 1
        turn = payload.get(TURN_KEY) if isinstance(payload, dict) else None
        if isinstance(turn, dict) and turn.get("outcome") == MISUNDERSTOOD:
            misunderstood += 1
            shown = _masked(str(turn.get("text", "")))
            if shown:
                texts[shown] += 1
    elapsed = (min(end, _now()) - start).total_seconds()
    days = max(1, math.ceil(elapsed / 86400))  # days of the month so far (all, for a past one)
    return {
        "managers": [
            {
                "manager": mask_phone(phone),
                "name": managers[phone][0],
                "messages": sum(counts.values()),
                "active_days": len(counts),
                "per_active_day": round(sum(counts.values()) / len(counts), 2),
                "per_day": round(sum(counts.values()) / days, 2),
            }
            for phone, counts in sorted(per_manager.items(), key=lambda i: -sum(i[1].values()))
        ],
        "messages_read": typed,
        "not_understood": misunderstood,
        "not_understood_share": round(misunderstood / typed, 4) if typed else 0.0,
        "top_misunderstood": [{"text": t, "count": n} for t, n in texts.most_common(10)],
    }


def _now() -> datetime:
    from bot.clock import utcnow

    return utcnow()


def _masked(text: str) -> str:
    """A misunderstood message as the owner may read it: trimmed, lower case, numbers masked."""
    shown = " ".join(text.split())[:200].lower()
    return _DIGITS.sub(lambda m: m.group(0)[:2] + "***", mask_phones_in(shown))


def _country(recipient: str) -> str:
    """The country of a recipient: from the number, or the prefix of a user id (`SN.…`)."""
    if recipient.startswith("+"):
        try:
            region = phonenumbers.region_code_for_number(phonenumbers.parse(recipient, None))
        except phonenumbers.NumberParseException:
            return "*"
        return region or "*"
    prefix = recipient.split(".", 1)[0]
    return prefix.upper() if len(prefix) == 2 and prefix.isalpha() else "*"


def _store_names(session: Session) -> dict[int, str]:
    table = Store.__table__  # type: ignore[attr-defined]
    rows = session.connection().execute(select(table.c.id, table.c.code))
    return {int(store_id): str(code) for store_id, code in rows}


def _alert_stores(session: Session) -> dict[int, int]:
    alerts = Alert.__table__  # type: ignore[attr-defined]
    products = Product.__table__  # type: ignore[attr-defined]
    query = select(alerts.c.id, products.c.store_id).join(
        products, products.c.id == alerts.c.product_id
    )
    return {int(alert): int(store) for alert, store in session.connection().execute(query)}


def _manager_stores(session: Session) -> dict[str, int]:
    """A manager's phone (and user id) -> their current store, or their only store."""
    managers = Manager.__table__  # type: ignore[attr-defined]
    links = ManagerStore.__table__  # type: ignore[attr-defined]
    only: dict[int, list[int]] = defaultdict(list)
    for manager_id, store_id in session.connection().execute(
        select(links.c.manager_id, links.c.store_id)
    ):
        only[manager_id].append(store_id)
    found: dict[str, int] = {}
    for manager_id, phone, user_id, current in session.connection().execute(
        select(managers.c.id, managers.c.phone, managers.c.user_id, managers.c.current_store_id)
    ):
        store = (
            current
            if current is not None
            else (only[manager_id][0] if len(only[manager_id]) == 1 else None)
        )
        if store is not None:
            found[phone] = store
            if user_id:
                found[user_id] = store
    return found
