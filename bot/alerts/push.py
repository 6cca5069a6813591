"""Queue an alert's push to every active manager of the product's store.

Each manager gets reply buttons ([Commander] [Plus tard]) in their language; outside the 24-hour
window the outbox sends the approved alert template instead (`fallback`), whose quick-reply
payloads are the same button ids. Rows carry `alert_id`, so delivery statuses set
`Alert.sent_whatsapp`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from bot.alerts.ids import AlertChoice, button_id
from bot.alerts.texts import text
from bot.db.models import (
    Alert,
    AlertLevel,
    Manager,
    ManagerStore,
    OutboundMessage,
    OutboundStatus,
    Product,
    Store,
)
from bot.outbound.messages import Button, Buttons, Template, kind_of, to_payload
from bot.outbound.outbox import FALLBACK_KEY
from bot.settings import Settings


def alert_buttons(alert: Alert, product: Product, store: Store, language: str) -> Buttons:
    """The interactive push: product, quantity left, threshold, and the two choices."""
    assert alert.id is not None
    facts = {
        "product": product.name,
        "store": store.name,
        "quantity": product.quantity,
        "unit": product.unit,
        "threshold": product.threshold,
        "reorder": product.reorder_quantity,
    }
    body = text(language, alert.level, **facts) + "\n" + text(language, "ask", **facts)
    return Buttons(
        body=body,
        buttons=(
            Button(button_id(alert.id, AlertChoice.ORDER), text(language, "order")),
            Button(button_id(alert.id, AlertChoice.LATER), text(language, "later")),
        ),
    )


def alert_template(alert: Alert, product: Product, settings: Settings) -> Template:
    """The template sent outside the window, shaped like the old guide's `alerte_rupture_stock`:
    {{1}} the number of products, {{2}} their list (one line: parameters hold no new line)."""
    assert alert.id is not None
    state = "rupture" if alert.level == AlertLevel.OUT else "stock bas"
    listing = (
        f"{product.name} : {product.quantity} {product.unit} "
        f"(seuil {product.threshold}, {state})".replace("  ", " ")
    )
    return Template(
        name=settings.alert_template_name,
        language=settings.alert_template_language,
        body_params=("1", listing),
        button_payloads=(
            button_id(alert.id, AlertChoice.ORDER),
            button_id(alert.id, AlertChoice.LATER),
        ),
    )


def queue_alert_push(
    session: Session, alert: Alert, product: Product, *, settings: Settings, now: datetime
) -> int:
    """Queue the push to every active manager of the store; returns the number of rows.

    One multi-row INSERT rather than `enqueue` per manager: a store may have thousands of
    managers, and one ORM object and flush per row costs seconds inside the movement's
    transaction. The rows are what `enqueue` writes for an unsplit message with a fallback.
    """
    store = session.get(Store, product.store_id)
    assert store is not None
    fallback = to_payload(alert_template(alert, product, settings))
    recipients = session.exec(
        select(Manager.phone, Manager.language)
        .join(ManagerStore, col(ManagerStore.manager_id) == col(Manager.id))
        .where(ManagerStore.store_id == product.store_id, col(Manager.active).is_(True))
        .order_by(col(Manager.id))
    ).all()
    payloads: dict[str, tuple[str, dict[str, Any]]] = {}
    rows = []
    for phone, language in recipients:
        if language not in payloads:
            message = alert_buttons(alert, product, store, language)
            payloads[language] = (kind_of(message), to_payload(message) | {FALLBACK_KEY: fallback})
        kind, payload = payloads[language]
        rows.append(
            {
                "recipient": phone,
                "kind": kind,
                "payload": payload,
                "status": OutboundStatus.QUEUED,
                "provider": "",
                "attempts": 0,
                "alert_id": alert.id,
                "next_attempt_at": now,
                "created_at": now,
                "updated_at": now,
            }
        )
    if rows:
        session.execute(insert(OutboundMessage), rows)
    return len(rows)
