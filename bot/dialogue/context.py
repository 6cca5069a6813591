"""What an effect runs with: the session, the manager, their current store, settings, time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.db.models import Manager, Store
from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class EffectContext:
    session: Session
    manager: Manager
    store: Store | None
    settings: Settings
    now: datetime

    def make_current(self, store: Store) -> None:
        """Work in `store` from now on (what the effect is about is there)."""
        if self.manager.current_store_id != store.id:
            self.manager.current_store_id = store.id
            self.session.add(self.manager)
            self.session.flush()
