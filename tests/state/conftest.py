"""A small catalog and a runner that feeds events to `state.step` and keeps the snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import pytest

from intents import IntentMatcher
from intents import Product as Entry
from state import (
    CatalogView,
    ConversationSnapshot,
    Event,
    FindPace,
    Outcome,
    Pace,
    PaceFound,
    ProductView,
    Reply,
    StoreView,
    TextIn,
    step,
)

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
TIMEOUT = timedelta(minutes=30)

# sku, name, aliases, unit, quantity, threshold, reorder
Row = tuple[str, str, list[str], str, int, int, int]
CATALOG: list[Row] = [
    ("RIZ", "Riz brisé 50kg", ["riz", "ceeb"], "sac", 42, 10, 20),
    ("RIZ-P", "Riz parfumé 25kg", ["riz parfumé"], "sac", 6, 8, 15),
    ("HUILE-1L", "Huile Jadida 1L", ["huile", "huile 1l"], "bouteille", 60, 24, 48),
    ("HUILE-5L", "Huile Jadida 5L", ["huile", "huile 5l"], "bidon", 18, 6, 12),
    ("HUILE-20L", "Huile d'arachide 20L", ["huile", "huile 20l"], "bidon", 3, 4, 6),
    ("SUCRE", "Sucre en poudre 50kg", ["sucre"], "sac", 12, 5, 10),
    ("LAIT", "Lait en poudre 400g", ["lait"], "boîte", 0, 12, 36),
    ("SAVON", "Savon de Marseille", ["savon"], "carton", 15, 5, 10),
]
STORE = StoreView("demo", "Boutique démo")
OTHER = StoreView("dk2", "Dépôt Pikine")


def products(rows: list[Row]) -> tuple[ProductView, ...]:
    return tuple(
        ProductView(sku, name, unit, qty, threshold, reorder, "24/11 18:30" if qty else "")
        for sku, name, _aliases, unit, qty, threshold, reorder in rows
    )


def make_view(
    *,
    language: str = "fr",
    rows: list[Row] | None = None,
    stores: tuple[StoreView, ...] = (STORE,),
    store: StoreView | None = STORE,
    manager_id: int = 7,
) -> CatalogView:
    rows = CATALOG if rows is None else rows
    if store is None:
        return CatalogView(manager_id, language, stores, None)
    matcher = IntentMatcher(Entry(r[0], r[1], r[2], r[3]) for r in rows)
    return CatalogView(manager_id, language, stores, store, products(rows), matcher)


@dataclass
class Runner:
    view: CatalogView
    snapshot: ConversationSnapshot = field(default_factory=ConversationSnapshot)
    now: datetime = NOW
    last: Outcome | None = None

    paces: dict[str, Pace] = field(default_factory=dict)

    def feed(self, event: Event) -> Outcome:
        """Step `event`; a pace lookup is answered at once (from `paces`: no pace by default)
        and its outcome joined, the way `bot.conversation` runs lookups in place."""
        outcome = step(self.snapshot, event, self.view, self.now, timeout=TIMEOUT)
        self.snapshot = outcome.snapshot
        lookups = [e for e in outcome.effects if isinstance(e, FindPace)]
        if lookups:
            found = PaceFound(
                tuple(self.paces.get(s, Pace(s, None, None)) for s in lookups[0].skus)
            )
            following = step(self.snapshot, found, self.view, self.now, timeout=TIMEOUT)
            self.snapshot = following.snapshot
            kept = tuple(a for a in outcome.actions if not isinstance(a, FindPace))
            outcome = replace(following, actions=kept + following.actions)
        self.last = outcome
        self.now += timedelta(seconds=10)
        return outcome

    def say(self, body: str) -> Outcome:
        return self.feed(TextIn(body))

    @property
    def state(self) -> str:
        return self.snapshot.state

    def choice(self, suffix: str) -> str:
        assert self.last is not None
        found = [c.id for r in self.last.replies for c in r.choices if c.id.endswith(":" + suffix)]
        assert len(found) == 1, (suffix, self.last.replies)
        return found[0]


def texts(outcome: Outcome) -> str:
    return "\n".join(_shown(r) for r in outcome.replies)


def _shown(reply: Reply) -> str:
    return "\n".join([reply.text, *(f"[{c.title}]" for c in reply.choices)])


@pytest.fixture
def runner() -> Runner:
    return Runner(make_view())
