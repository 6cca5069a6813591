"""A grouped alert push (several alerts, one message) is found by the latest-push lookup like a
single one, and restored as the summary question."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from bot.alerts.push import queue_pushes
from bot.db.models import Alert, MovementKind, MovementSource, OutboundMessage
from bot.dialogue.pushes import pending_push
from bot.outbound.outbox import ALERTS_KEY, enqueue_many
from bot.settings import Settings
from bot.stock import record_movement
from state import SummaryPushed
from tests.bot.alerts.conftest import Shop

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _alerts(session: Session, shop: Shop, settings: Settings) -> list[int]:
    for product, sold in ((shop.rice, 15), (shop.sugar, 48)):
        record_movement(
            session,
            product,
            -sold,
            MovementKind.SALE,
            MovementSource.API,
            settings=settings,
            now=T0,
        )
    return [a.id for a in session.exec(select(Alert).order_by(col(Alert.id))) if a.id]


def test_a_grouped_push_is_the_question_with_its_alerts(
    session: Session, shop: Shop, settings: Settings
) -> None:
    ids = _alerts(session, shop, settings)
    before = session.exec(select(OutboundMessage.id)).all()
    alerts = [(session.get(Alert, i), p) for i, p in zip(ids, (shop.rice, shop.sugar), strict=True)]
    queue_pushes(session, alerts, settings=settings, now=T0)  # type: ignore[arg-type]
    session.commit()
    [row] = session.exec(
        select(OutboundMessage).where(
            OutboundMessage.recipient == shop.awa.phone, col(OutboundMessage.id).not_in(before)
        )
    ).all()
    assert row.alert_id == ids[0] and row.payload[ALERTS_KEY] == ids
    assert row.payload["body"].endswith("Répondez OUI pour les commander, ou PLUS TARD.")
    found = pending_push(session, shop.awa, since=None, after=0, now=T0)
    assert found is not None
    outbox_id, asked = found
    assert outbox_id == row.id
    assert isinstance(asked, SummaryPushed) and asked.alert_ids == tuple(ids)


def test_a_grouped_push_split_in_parts_is_found_by_its_last_part(
    session: Session, shop: Shop, settings: Settings
) -> None:
    ids = _alerts(session, shop, settings)
    body = "\n".join(f"• Produit {i} : 0 (seuil 5)" for i in range(80))
    enqueue_many(
        session,
        [(shop.bob.phone, body)],
        alert_id=ids[0],
        alert_ids=ids,
        now=T0,
        text_limit=500,
    )
    session.commit()
    parts = session.exec(
        select(OutboundMessage).where(OutboundMessage.recipient == shop.bob.phone)
    ).all()
    assert len(parts) > 2
    found = pending_push(session, shop.bob, since=None, after=0, now=T0)
    assert found is not None
    outbox_id, asked = found
    assert outbox_id == max(p.id for p in parts if p.id is not None)
    assert isinstance(asked, SummaryPushed) and asked.alert_ids == tuple(ids)
