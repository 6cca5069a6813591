"""Queue an alert's push to every active manager of the product's store.

Each manager gets reply buttons ([Commander] [Plus tard]) in their language; outside the 24-hour
window the outbox sends the approved alert template instead (`fallback`), whose quick-reply
payloads are the same button ids. Rows carry `alert_id`, so delivery statuses set
`Alert.sent_whatsapp`.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.alerts.ids import AlertChoice, button_id
from bot.alerts.texts import text
from bot.db.models import Alert, AlertLevel, Product, Store
from bot.managers import store_managers
from bot.outbound.messages import Button, Buttons, Template
from bot.outbound.outbox import enqueue
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
    """Queue the push to every active manager of the store; returns the number of managers."""
    store = session.get(Store, product.store_id)
    assert store is not None
    fallback = alert_template(alert, product, settings)
    by_language: dict[str, Buttons] = {}
    managers = store_managers(session, product.store_id)
    for manager in managers:
        message = by_language.get(manager.language)
        if message is None:
            message = by_language[manager.language] = alert_buttons(
                alert, product, store, manager.language
            )
        enqueue(session, manager.phone, message, alert_id=alert.id, fallback=fallback, now=now)
    return len(managers)
