"""The daily digest: one message per manager, low and out products of their stores, once a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from bot.alerts.digest import digest_due, send_digests, send_due_digests
from bot.db.models import Manager, OutboundMessage, Product
from bot.managers import add_manager
from bot.operations.template_catalog import DIGEST
from bot.operations.templates import save_template
from bot.outbound.messages import Template, Text, from_payload
from bot.outbound.outbox import FALLBACK_KEY
from bot.products_import import apply_products, parse_products_csv
from bot.settings import Settings
from tests.bot.alerts.conftest import Shop
from tests.conftest import make_settings

# 08:30 in Dakar (UTC+0, no daylight saving) on 25/11.
MORNING = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)


def _texts(session: Session, phone: str, *, after: int = 0) -> list[str]:
    """The texts queued for `phone` (not alert pushes), after the row `after`."""
    rows = session.exec(
        select(OutboundMessage)
        .where(
            OutboundMessage.recipient == phone,
            col(OutboundMessage.alert_id).is_(None),
            col(OutboundMessage.id) > after,
        )
        .order_by(col(OutboundMessage.id))
    )
    bodies = []
    for row in rows:
        message = from_payload(row.kind, row.payload)
        assert isinstance(message, Text)
        bodies.append(message.body)
    return bodies


def _set(session: Session, product: Product, quantity: int) -> None:
    product.quantity = quantity  # a direct write: the digest reads levels, not movements
    session.add(product)
    session.commit()


def test_digest_due_from_the_local_time_on() -> None:
    assert not digest_due(MORNING, "off")
    assert not digest_due(MORNING, "08:31")
    assert digest_due(MORNING, "08:30")
    assert digest_due(MORNING + timedelta(hours=10), "08:30")


def test_one_message_per_manager_grouping_out_then_low(
    session: Session, shop: Shop, settings: Settings
) -> None:
    _set(session, shop.rice, 4)
    _set(session, shop.sugar, 0)
    assert send_digests(session, settings, now=MORNING) == 2
    session.commit()
    [french] = _texts(session, shop.awa.phone)
    assert french.splitlines()[0] == "📋 Stock à surveiller (25/11)"
    assert french.index("Rupture (1)") < french.index("Sucre 1kg : 0 paquet (seuil 5)")
    assert french.index("Sucre 1kg") < french.index("Stock bas (1)")
    assert "Riz brisé 50kg : 4 sacs (seuil 10)" in french
    [english] = _texts(session, shop.bob.phone)
    assert "Out of stock (1)" in english and "Low stock (1)" in english
    assert _texts(session, shop.gone.phone) == []


def test_at_most_once_per_local_day_unless_forced(
    session: Session, shop: Shop, settings: Settings
) -> None:
    _set(session, shop.rice, 4)
    send_digests(session, settings, now=MORNING)
    assert send_digests(session, settings, now=MORNING + timedelta(hours=12)) == 0
    assert len(_texts(session, shop.awa.phone)) == 1
    assert send_digests(session, settings, now=MORNING + timedelta(hours=1), force=True) == 2
    assert len(_texts(session, shop.awa.phone)) == 2
    tomorrow = MORNING + timedelta(days=1)
    assert send_digests(session, settings, now=tomorrow) == 2
    awa = session.get(Manager, shop.awa.id)
    assert awa is not None and awa.last_digest_at == tomorrow


def test_nothing_low_sends_nothing_but_counts_the_day(
    session: Session, shop: Shop, settings: Settings
) -> None:
    assert send_digests(session, settings, now=MORNING) == 0
    _set(session, shop.rice, 1)  # later that day: waits for tomorrow's digest
    assert send_digests(session, settings, now=MORNING + timedelta(hours=3)) == 0
    assert _texts(session, shop.awa.phone) == []


def test_manager_of_two_stores_gets_both_in_one_message(
    session: Session, shop: Shop, settings: Settings
) -> None:
    apply_products(
        session,
        "dk2",
        parse_products_csv(
            "sku,name,aliases,unit,quantity,threshold\nGAZ,Gaz 12kg,gaz,bouteille,1,3\n"
        ),
        settings=settings,
    )
    add_manager(session, shop.awa.phone, "dk2")
    _set(session, shop.rice, 2)
    send_digests(session, settings, now=MORNING)
    [both] = _texts(session, shop.awa.phone)
    assert "*dk1*" in both and "*dk2*" in both and "Gaz 12kg" in both and "Riz brisé" in both
    [only_dk1] = _texts(session, shop.bob.phone)
    assert "Gaz" not in only_dk1


def test_long_digest_is_split_and_has_a_template_fallback(
    session: Session, shop: Shop, settings: Settings
) -> None:
    lines = "\n".join(
        f"P{i:03},Produit numéro {i} avec un nom long,,carton,0,5" for i in range(150)
    )
    apply_products(
        session,
        "dk1",
        parse_products_csv("sku,name,aliases,unit,quantity,threshold\n" + lines),
        settings=settings,
    )
    # The products created at zero were pushed when imported: the digest comes after.
    imported = session.exec(select(func.max(col(OutboundMessage.id)))).one() or 0
    send_digests(session, settings, now=MORNING)
    parts = _texts(session, shop.awa.phone, after=imported)
    assert len(parts) >= 2 and all(len(part) <= 4096 for part in parts)
    joined = "\n".join(parts)
    assert all(f"Produit numéro {i} avec" in joined for i in range(150))  # nothing cut
    assert parts[-1].endswith("\n\nTapez ALERTES pour commander.")
    first = session.exec(
        select(OutboundMessage)
        .where(OutboundMessage.recipient == shop.awa.phone, col(OutboundMessage.id) > imported)
        .order_by(col(OutboundMessage.id))
    ).first()
    assert first is not None
    fallback = from_payload("template", first.payload[FALLBACK_KEY])
    assert isinstance(fallback, Template)
    assert fallback.name == settings.alert_template_name
    assert fallback.body_params[0] == "150"


def test_background_check_waits_for_the_digest_time(
    engine: Engine, session: Session, shop: Shop, database_url: str
) -> None:
    _set(session, shop.rice, 1)
    at_nine = make_settings(database_url, digest_time="09:00")
    assert send_due_digests(engine, at_nine, now=MORNING) == 0
    assert send_due_digests(engine, at_nine, now=MORNING + timedelta(minutes=30)) == 2
    assert send_due_digests(engine, at_nine, now=MORNING + timedelta(minutes=31)) == 0
    off = make_settings(database_url, digest_time="off")
    assert send_due_digests(engine, off, now=MORNING + timedelta(days=1)) == 0


def test_the_digest_falls_back_to_its_own_template_once_approved(
    session: Session, shop: Shop, settings: Settings
) -> None:
    def fallback_of(phone: str, after: int) -> Template:
        row = session.exec(
            select(OutboundMessage)
            .where(OutboundMessage.recipient == phone, col(OutboundMessage.id) > after)
            .order_by(col(OutboundMessage.id))
        ).first()
        assert row is not None
        template = from_payload("template", row.payload[FALLBACK_KEY])
        assert isinstance(template, Template)
        return template

    def last_id() -> int:
        return session.exec(select(func.max(col(OutboundMessage.id)))).one() or 0

    record_low = "sku,name,aliases,unit,quantity,threshold\nLOW,Produit bas,,sac,1,5\n"
    apply_products(session, "dk1", parse_products_csv(record_low), settings=settings)
    before = last_id()
    send_digests(session, settings, now=MORNING)
    # Nothing known of the summary's template: the alert template every deployment has.
    old = fallback_of(shop.awa.phone, before)
    assert (old.name, old.language) == (settings.alert_template_name, "fr")
    save_template(session, DIGEST.name, "fr", now=MORNING, status="APPROVED")
    save_template(session, DIGEST.name, "en", now=MORNING, status="APPROVED")
    session.commit()
    before = last_id()
    send_digests(session, settings, now=MORNING + timedelta(days=1))
    awa, bob = fallback_of(shop.awa.phone, before), fallback_of(shop.bob.phone, before)
    assert (awa.name, awa.language) == (DIGEST.name, "fr")
    assert (bob.name, bob.language) == (DIGEST.name, "en")
    assert awa.body_params[0] == "1" and "Produit bas (1)" in awa.body_params[1]
