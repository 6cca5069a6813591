"""Queue an alert's push to every active manager of the product's store.

Each manager gets reply buttons ([Commander] [Plus tard]) in their language; outside the 24-hour
window the outbox sends the approved alert template instead (`fallback`), whose quick-reply
payloads are the same button ids. Rows carry `alert_id`, so delivery statuses set
`Alert.sent_whatsapp`.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.alerts.ids import AlertChoice, button_id
from bot.db.models import Alert, Manager, ManagerStore, Product, Store
from bot.outbound.messages import Button, Buttons, Template
from bot.outbound.outbox import enqueue_many
from bot.settings import Settings
from state.messages import amount, text


def alert_buttons(alert: Alert, product: Product, store: Store, language: str) -> Buttons:
    """The interactive push: product, quantity left, threshold, and the two choices."""
    assert alert.id is not None
    facts = {
        "product": product.name,
        "store": store.name,
        "quantity": amount(language, product.quantity, product.unit),
        "threshold": product.threshold,
        "reorder": amount(language, product.reorder_quantity, product.unit),
    }
    body = (
        text(language, f"alert_{alert.level}", **facts)
        + "\n"
        + text(language, "alert_ask", **facts)
    )
    return Buttons(
        body=body,
        buttons=(
            Button(button_id(alert.id, AlertChoice.ORDER), text(language, "alert_order")),
            Button(button_id(alert.id, AlertChoice.LATER), text(language, "alert_later")),
        ),
    )


def alert_template(alert: Alert, product: Product, settings: Settings) -> Template:
    """The template sent outside the window, shaped like the old guide's `alerte_rupture_stock`:
    {{1}} the number of products, {{2}} their list (one line: parameters hold no new line)."""
    assert alert.id is not None
    language = settings.alert_template_language
    listing = text(
        language,
        "template_line",
        product=product.name,
        quantity=amount(language, product.quantity, product.unit),
        threshold=product.threshold,
        level=text(language, f"template_{alert.level}"),
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

    One multi-row INSERT (`enqueue_many`) rather than `enqueue` per manager: a store may have
    thousands of managers, and one ORM object and flush per row costs seconds inside the
    movement's transaction.
    """
    store = session.get(Store, product.store_id)
    assert store is not None
    recipients = session.exec(
        select(Manager.phone, Manager.language)
        .join(ManagerStore, col(ManagerStore.manager_id) == col(Manager.id))
        .where(ManagerStore.store_id == product.store_id, col(Manager.active).is_(True))
        .order_by(col(Manager.id))
    ).all()
    messages = {
        language: alert_buttons(alert, product, store, language)
        for language in {language for _, language in recipients}
    }
    return enqueue_many(
        session,
        [(phone, messages[language]) for phone, language in recipients],
        alert_id=alert.id,
        fallback=alert_template(alert, product, settings),
        now=now,
    )
