"""Managers: who may talk to the bot, and which stores each one sees."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.db.models import Manager, ManagerStore, Store, max_length
from bot.errors import ValidationError
from bot.phones import normalize_phone
from bot.stock import get_store

LANGUAGES = ("fr", "en")


def find_manager(session: Session, phone: str) -> Manager | None:
    """The active or inactive manager with this E.164 phone, or None."""
    return session.exec(select(Manager).where(Manager.phone == phone)).first()


def add_manager(
    session: Session,
    phone: str,
    store_code: str,
    *,
    name: str | None = None,
    language: str | None = None,
    region: str = "SN",
) -> Manager:
    """Create (or reactivate) a manager and give them access to `store_code`.

    A new manager gets `name` ("" when None) and `language` ("fr" when None, in any case: `EN`
    is `en`); an existing one keeps theirs unless given. Raises InvalidPhoneNumber for a number
    that is not a phone number, ValidationError for a name too long or a language other than fr
    and en, NotFound for a store that does not exist.
    """
    e164 = normalize_phone(phone, region)
    language = language.strip().lower() if language is not None else None
    limit = max_length(Manager, "name")
    if name is not None and len(name) > limit:
        raise ValidationError(f"nom trop long ({limit} caractères au plus)")
    if language is not None and language not in LANGUAGES:
        raise ValidationError(f"langue inconnue : {language} (fr ou en)")
    store = get_store(session, store_code)
    manager = find_manager(session, e164)
    if manager is None:
        manager = Manager(phone=e164, name=name or "", language=language or "fr")
    else:
        manager.active = True
        if name is not None:
            manager.name = name
        if language is not None:
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
