"""What an effect runs with: the session, the manager, their current store, settings, time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from bot.db.models import Manager, Product, StockMovement, Store
from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class EffectContext:
    session: Session
    manager: Manager
    store: Store | None
    settings: Settings
    now: datetime

    def product(self, sku: str) -> Product | None:
        """The product `sku` of the current store (None without one, or when it is gone)."""
        if self.store is None:
            return None
        return self.session.exec(
            select(Product).where(Product.store_id == self.store.id, Product.sku == sku)
        ).first()

    def done(self, key: str) -> bool:
        """Whether a movement was recorded under this idempotency key (a tap seen twice)."""
        found = self.session.exec(
            select(StockMovement.id).where(StockMovement.idempotency_key == key)
        ).first()
        return found is not None

    def make_current(self, store: Store) -> None:
        """Work in `store` from now on (what the effect is about is there)."""
        if self.manager.current_store_id != store.id:
            self.manager.current_store_id = store.id
            self.session.add(self.manager)
            self.session.flush()
