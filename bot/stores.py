"""Stores: list, add, rename (the code never changes: chats, files and scripts use it), and
finding one by code with the closest codes suggested for a typo.

Service functions, in the caller's transaction: the CLI, the admin API and the back office
call the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.db.models import ManagerStore, Product, Store, max_length
from bot.errors import InvalidInput, NotFound, ValidationError
from bot.validation import check_text

__all__ = [
    "StoreInfo",
    "add_store",
    "check_store",
    "find_store",
    "list_stores",
    "rename_store",
    "store_or_create",
    "suggest_codes",
]


class StoreExists(ValidationError):
    """`stores add` with a code already taken."""


@dataclass(frozen=True, slots=True)
class StoreInfo:
    code: str
    name: str
    products: int
    managers: int


def suggest_codes(session: Session, code: str, *, limit: int = 3) -> list[str]:
    """The existing codes closest to `code` (a typo such as `dmeo` for `demo`)."""
    codes = list(session.exec(select(Store.code)))
    matches = process.extract(
        code.casefold(), {c: c.casefold() for c in codes}, scorer=fuzz.ratio, limit=limit
    )
    return [key for _value, score, key in matches if score >= 50]


def find_store(session: Session, code: str) -> Store:
    """The store with this code; NotFound suggests the closest codes."""
    store = session.exec(select(Store).where(Store.code == code)).first()
    if store is None:
        raise NotFound(unknown_store_message(session, code))
    return store


def unknown_store_message(session: Session, code: str) -> str:
    suggestions = suggest_codes(session, code)
    message = f"magasin inconnu : {code}"
    if suggestions:
        message += " (vouliez-vous dire " + " ou ".join(suggestions) + " ?)"
    else:
        message += " (stockbot stores list les montre)"
    return message


def _code(code: str) -> str:
    value = check_text("code", code, limit=max_length(Store, "code"), required=True)
    if any(ch.isspace() for ch in value):
        raise InvalidInput("code", f"« {value} » : pas d'espace dans un code (ex. dakar-1)")
    return value


def _name(name: str) -> str:
    return check_text("name", name, limit=max_length(Store, "name"), required=True)


def check_store(code: str, name: str) -> tuple[str, str]:
    """A new store's code and name checked (InvalidInput naming the field)."""
    return _code(code), _name(name)


def add_store(session: Session, code: str, name: str) -> Store:
    """Create a store; StoreExists when the code is taken, InvalidInput for a bad code/name."""
    code, name = _code(code), _name(name)
    existing = session.exec(select(Store).where(Store.code == code)).first()
    if existing is not None:
        raise StoreExists(f"le magasin {code} existe déjà ({existing.name})")
    store = Store(code=code, name=name)
    session.add(store)
    session.flush()
    return store


def rename_store(session: Session, code: str, name: str) -> Store:
    store = find_store(session, code)
    store.name = _name(name)
    session.add(store)
    session.flush()
    return store


def store_or_create(session: Session, code: str, create_name: str | None) -> tuple[Store, bool]:
    """The store `code`; created with `create_name` when given and missing (True then), else
    NotFound with suggestions."""
    existing = session.exec(select(Store).where(Store.code == code)).first()
    if existing is not None:
        return existing, False
    if create_name is None:
        raise NotFound(unknown_store_message(session, code))
    return add_store(session, code, create_name), True


def list_stores(session: Session) -> list[StoreInfo]:
    products = dict(
        session.exec(select(Product.store_id, func.count()).group_by(col(Product.store_id))).all()
    )
    managers = dict(
        session.exec(
            select(ManagerStore.store_id, func.count()).group_by(col(ManagerStore.store_id))
        ).all()
    )
    return [
        StoreInfo(
            store.code, store.name, products.get(store.id or 0, 0), managers.get(store.id or 0, 0)
        )
        for store in session.exec(select(Store).order_by(col(Store.code)))
    ]
