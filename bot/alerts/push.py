"""Queue alert pushes to every active manager of the products' stores.

A manager told of one alert gets reply buttons ([Commander] [Plus tard]) in their language;
outside the 24-hour window the outbox sends the approved alert template instead (`fallback`),
whose quick-reply payloads are the same button ids, and the rows carry `alert_id`, so delivery
statuses set `Alert.sent_whatsapp`. A manager told of several alerts at once (an import, the
reminder sweep) gets one message listing them, as the digest does, that a yes answers (an order
of those still low, `bot.dialogue.pushes`); its rows carry the first alert as `alert_id` and
all of them under `ALERTS_KEY`. An alert being dealt with (an order placed since it opened,
`bot.alerts.orders`) says so instead of asking to order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from bot.alerts.ids import AlertChoice, button_id
from bot.alerts.listing import StoreWatch, digest_body, digest_template
from bot.alerts.orders import on_its_way, order_since
from bot.db.cache import transaction_cache
from bot.db.models import Alert, Manager, ManagerStore, Product, RestockOrder, Store
from bot.operations.templates import template_language
from bot.outbound.messages import Button, Buttons, OutgoingMessage, Template, Text
from bot.outbound.outbox import enqueue_many, text_limit_for
from bot.reports import paces
from bot.settings import Settings
from state.messages import amount, text
from state.summaries import cover_text


def alert_push(
    alert: Alert,
    product: Product,
    store: Store,
    language: str,
    ordered: RestockOrder | None,
    per_day: float | None = None,
    pending: RestockOrder | None = None,
) -> OutgoingMessage:
    """The push of one alert: product, quantity left, threshold, how long it lasts at the
    current pace (`per_day`, when known), and the two choices (or the order `ordered` on its
    way; an order `pending` placed before the alert opened is told above the choices)."""
    assert alert.id is not None
    facts = {
        "product": product.name,
        "store": store.name,
        "quantity": amount(language, product.quantity, product.unit, product.unit_en),
        "threshold": product.threshold,
        "reorder": amount(language, product.reorder_quantity, product.unit, product.unit_en),
    }
    news = text(language, f"alert_{alert.level}", **facts)
    cover = cover_text(language, product.quantity, per_day, product.unit, product.unit_en)
    if cover:
        news += "\n" + cover
    if ordered is not None:
        on_its_way = amount(language, ordered.quantity, product.unit, product.unit_en)
        return Text(
            news + "\n" + text(language, "alert_on_order", order=ordered.id, quantity=on_its_way)
        )
    if pending is not None:
        left = pending.quantity - pending.received_quantity
        on_its_way = amount(language, left, product.unit, product.unit_en)
        news += "\n" + text(language, "order_pending", order=pending.id, quantity=on_its_way)
    return Buttons(
        body=news + "\n" + text(language, "alert_ask", **facts),
        buttons=(
            Button(button_id(alert.id, AlertChoice.ORDER), text(language, "alert_order")),
            Button(button_id(alert.id, AlertChoice.LATER), text(language, "alert_later")),
        ),
    )


def alert_template(
    alert: Alert, product: Product, settings: Settings, language: str | None = None
) -> Template:
    """The template sent outside the window, shaped like the old guide's `alerte_rupture_stock`:
    {{1}} the number of products, {{2}} their list (one line: parameters hold no new line); in
    `language` (a template language, see `bot.operations.templates.template_language`)."""
    assert alert.id is not None
    language = language or settings.alert_template_language
    listing = text(
        language,
        "template_line",
        product=product.name,
        quantity=amount(language, product.quantity, product.unit, product.unit_en),
        threshold=product.threshold,
        level=text(language, f"template_{alert.level}"),
    )
    return Template(
        name=settings.alert_template_name,
        language=language,
        body_params=("1", listing),
        button_payloads=(
            button_id(alert.id, AlertChoice.ORDER),
            button_id(alert.id, AlertChoice.LATER),
        ),
    )


# The latest push to each manager of a batch, read ahead for the transaction by the conversation
# (`bot.dialogue.pushes`): forgotten by every push queued in it, and by any write to alerts.
PUSHES_AHEAD = frozenset({"alert"})


def queue_pushes(
    session: Session,
    alerts: Sequence[tuple[Alert, Product]],
    *,
    settings: Settings,
    now: datetime,
) -> int:
    """Tell every active manager of the stores of `alerts` about those of their stores; mark
    each alert told to somebody as notified (`quantity`, `last_notified_at`). Returns the number
    of alerts told (an alert of a store without an active manager stays untold).

    Managers who get the same message share one multi-row INSERT (`enqueue_many`): a store may
    have thousands of managers, and one ORM object and flush per row costs seconds inside the
    movement's transaction.
    """
    stores = {product.store_id for _, product in alerts}
    if not stores:
        return 0
    transaction_cache(session, PUSHES_AHEAD).clear()  # what was read ahead is out of date
    recipients = session.exec(
        select(Manager.id, Manager.phone, Manager.language, ManagerStore.store_id)
        .join(ManagerStore, col(ManagerStore.manager_id) == col(Manager.id))
        .where(col(ManagerStore.store_id).in_(stores), col(Manager.active).is_(True))
        .order_by(col(Manager.id))
    ).all()
    of_store: dict[int, list[int]] = defaultdict(list)  # store id -> indexes in `alerts`
    for index, (_, product) in enumerate(alerts):
        of_store[product.store_id].append(index)
    # manager id -> phone, language, the indexes of the alerts of their stores
    told: dict[int | None, tuple[str, str, list[int]]] = {}
    for manager_id, phone, language, store_id in recipients:
        told.setdefault(manager_id, (phone, language, []))[2].extend(of_store[store_id])
    audiences: dict[tuple[str, tuple[int, ...]], list[str]] = defaultdict(list)
    for phone, language, mine in told.values():
        audiences[(language, tuple(sorted(mine)))].append(phone)
    for (language, indexes), phones in audiences.items():
        _enqueue(session, [alerts[i] for i in indexes], language, phones, settings, now)
    reached = {i for _, indexes in audiences for i in indexes}
    for index in reached:
        alert, product = alerts[index]
        alert.quantity = product.quantity
        alert.last_notified_at = now
        session.add(alert)
    session.flush()
    return len(reached)


def _enqueue(
    session: Session,
    alerts: list[tuple[Alert, Product]],
    language: str,
    phones: list[str],
    settings: Settings,
    now: datetime,
) -> None:
    """Queue one message about `alerts` to each of `phones` (managers speaking `language`)."""
    template_in = template_language(
        session.connection(),
        settings.alert_template_name,
        settings.alert_template_language,
        language,
    )
    if len(alerts) == 1:
        [(alert, product)] = alerts
        store = session.get(Store, product.store_id)
        assert store is not None
        pace = paces(session, [product.id], now).get(product.id) if product.id else None
        per_day = pace.per_day if pace is not None else None
        ordered = order_since(session, alert)
        pending = on_its_way(session, product.id) if ordered is None and product.id else None
        message = alert_push(alert, product, store, language, ordered, per_day, pending)
        enqueue_many(
            session,
            [(phone, message) for phone in phones],
            alert_id=alert.id,
            fallback=alert_template(alert, product, settings, template_in),
            now=now,
        )
        return
    of_store: dict[int, list[Product]] = defaultdict(list)
    for _, product in sorted(alerts, key=lambda pair: (pair[1].quantity, pair[1].name)):
        of_store[product.store_id].append(product)
    watches = []
    for store_id, products in sorted(of_store.items()):
        store = session.get(Store, store_id)
        assert store is not None
        watches.append(StoreWatch(store, tuple(products)))
    body = digest_body(language, watches, now, hint="alerts_push_hint")
    assert body is not None
    told = [alert.id for alert, _ in alerts if alert.id is not None]
    enqueue_many(
        session,
        [(phone, body) for phone in phones],
        # The first alert as the row's: the push is found like a single one's (the index of
        # pushes), and its answer reads the others under ALERTS_KEY.
        alert_id=told[0],
        alert_ids=told,
        fallback=digest_template(settings, watches, template_in),
        now=now,
        text_limit=text_limit_for(settings),
    )
