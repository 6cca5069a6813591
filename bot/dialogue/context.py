"""What an effect runs with: the session, the manager, their current store, settings, time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam
from sqlmodel import Session, select

from bot.db.models import Manager, Product, StockMovement, Store
from bot.settings import Settings

# Built once: every line a message records looks up its product and its idempotency key (a
# statement built for each call cost more than its execution).
_PRODUCT_OF_STORE = select(Product).where(
    Product.store_id == bindparam("store_id"), Product.sku == bindparam("sku")
)
_MOVEMENT_KEYED = select(StockMovement.id).where(StockMovement.idempotency_key == bindparam("key"))


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
        params = {"store_id": self.store.id, "sku": sku}
        return self.session.exec(_PRODUCT_OF_STORE, params=params).first()

    def done(self, key: str) -> bool:
        """Whether a movement was recorded under this idempotency key (a tap seen twice)."""
        found = self.session.exec(_MOVEMENT_KEYED, params={"key": key}).first()
        return found is not None

    def make_current(self, store: Store) -> None:
        """Work in `store` from now on (what the effect is about is there)."""
        if self.manager.current_store_id != store.id:
            self.manager.current_store_id = store.id
            self.session.add(self.manager)
            self.session.flush()
