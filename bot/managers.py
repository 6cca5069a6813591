"""Managers: who may talk to the bot, and which stores each one sees."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.db.models import Manager, ManagerStore, Store
from bot.phones import normalize_phone
from bot.stock import get_store


def find_manager(session: Session, phone: str) -> Manager | None:
    """The active or inactive manager with this E.164 phone, or None."""
    return session.exec(select(Manager).where(Manager.phone == phone)).first()


def add_manager(
    session: Session,
    phone: str,
    store_code: str,
    *,
    name: str = "",
    language: str = "fr",
    region: str = "SN",
) -> Manager:
    """Create (or reactivate and update) a manager and give them access to `store_code`.

    Raises InvalidPhoneNumber for a number that is not a phone number, NotFound for a store
    that does not exist.
    """
    e164 = normalize_phone(phone, region)
    store = get_store(session, store_code)
    manager = find_manager(session, e164)
    if manager is None:
        manager = Manager(phone=e164, name=name, language=language)
    else:
        manager.active = True
        if name:
            manager.name = name
        manager.language = language
    session.add(manager)
    session.flush()
    link = session.get(ManagerStore, (manager.id, store.id))
    if link is None:
        session.add(ManagerStore(manager_id=manager.id, store_id=store.id))  # type: ignore[arg-type]
        session.flush()
    return manager


def manager_stores(session: Session, manager_id: int) -> list[Store]:
    return list(
        session.exec(
            select(Store)
            .join(ManagerStore, col(ManagerStore.store_id) == col(Store.id))
            .where(ManagerStore.manager_id == manager_id)
            .order_by(col(Store.code))
        )
    )


def store_managers(session: Session, store_id: int, *, active_only: bool = True) -> list[Manager]:
    query = (
        select(Manager)
        .join(ManagerStore, col(ManagerStore.manager_id) == col(Manager.id))
        .where(ManagerStore.store_id == store_id)
        .order_by(col(Manager.id))
    )
    if active_only:
        query = query.where(col(Manager.active).is_(True))
    return list(session.exec(query))
