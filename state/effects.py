"""Operations a step asks for; `bot/` runs them in the message's transaction and feeds each
result back as an event (`state.events`). Lookups are effects too: the machine reads what it
needs when it needs it, not on every message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MovementKindName = Literal["sale", "receipt"]
AlertChoiceName = Literal["order", "later"]
# What the history's note says of a recorded move, by its reason, else its action: a loss and a
# return to the supplier are adjustments like a count, and only the note tells them apart in the
# ledger (the back office, the API). Data, not a message: one language, as the other notes.
NOTES: dict[str, str] = {
    "count": "inventaire",
    "loss": "perte",
    "supplier": "retour fournisseur",
    "return": "retour client",
}


def reason_noted(note: str) -> str:
    """The reason (`loss`, `supplier`, `return`) a movement's note says, or "" (a count's,
    any other note)."""
    return next((r for r, n in NOTES.items() if n == note and r != "count"), "")


def undone_note(note: str, quantity: int, movement_id: int) -> str:
    """The note of a movement taking back `quantity` units of movement `movement_id`, whose
    note is `note`: `annule 2 du mouvement 17`, and when that note says a reason, it too
    (`annule 2 du mouvement 17 (perte)`): a reversal is of the kind of what it takes back, so
    only its note tells a loss undone from a count undone (read back by `reason_undone`)."""
    said = f" ({note})" if reason_noted(note) else ""
    return f"annule {quantity} du mouvement {movement_id}{said}"


_UNDONE = re.compile(r"annule \d+ du mouvement \d+ \((.+)\)")


def reason_undone(note: str) -> str:
    """The reason (`loss`, `supplier`, `return`) of the movement a reversal's note
    (`undone_note`) says it took back, or ""."""
    found = _UNDONE.fullmatch(note)
    return reason_noted(found.group(1)) if found else ""


@dataclass(frozen=True, slots=True)
class RecordMovement:
    """Record a sale (stock out) or a receipt (stock in) of each `(sku, quantity)` line, in one
    transaction: every line or none. `key` is unique per confirmed question (the idempotency key
    of the first line; the others derive from it)."""

    kind: MovementKindName
    lines: tuple[tuple[str, int], ...]
    key: str
    # A correction to a larger amount: the movement (of the one line) it adds to.
    adds_to: int | None = None
    note: str = ""  # why, when it is not the kind itself: `retour client`
    # With a sale: goods the customer brought back, recorded first as a customer return (in).
    returned: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SetCount:
    """Make each `(sku, counted)` the product's quantity (a stock count): adjustments of the
    differences, every line or none."""

    lines: tuple[tuple[str, int], ...]
    key: str
    note: str = NOTES["count"]  # what the history says of it: `perte`, `retour fournisseur`


@dataclass(frozen=True, slots=True)
class PlaceOrder:
    """Place a confirmed restock order per `(sku, quantity)` line; with `alert_id`, as the answer
    to that alert's push (ordered once whoever answers first)."""

    lines: tuple[tuple[str, int], ...]
    alert_id: int | None = None


@dataclass(frozen=True, slots=True)
class AnswerAlert:
    """A manager's answer to an alert push: `order` (with `quantity`: place it at once, or with
    `ask` ask "Commander <quantity> … ?" first; without: ask for the suggested quantity) or
    `later`. `unit` is a unit the quantity was typed in that is not the product's (`30
    cartons`): asked about, never ordered as is."""

    alert_id: int
    choice: AlertChoiceName
    quantity: int | None = None
    ask: bool = False
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class AnswerAlerts:
    """A manager's answer to a grouped alert push: `order` (the products of `alert_ids` still
    low and not on order, answered by `AlertsToOrder`) or `later` (`AlertsPostponed`)."""

    alert_ids: tuple[int, ...]
    choice: AlertChoiceName


@dataclass(frozen=True, slots=True)
class FindOrders:
    """The manager's open orders (of `sku`, or the order numbered `order_id`, open or not)."""

    sku: str | None = None
    order_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReceiveOrder:
    """Order `order_id` arrived: `quantity` units (the rest awaited when None); `close` closes it
    (None: closed when everything arrived). `quantity` 0 with `close` closes it as it is."""

    order_id: int
    quantity: int | None
    key: str
    close: bool | None = None


@dataclass(frozen=True, slots=True)
class CancelOrder:
    order_id: int


@dataclass(frozen=True, slots=True)
class ChangeOrderQuantity:
    """Set the quantity of an open order; answered by `OrderChanged`."""

    order_id: int
    quantity: int


@dataclass(frozen=True, slots=True)
class FindLastMovement:
    """The manager's latest movement that can still be taken back (of `kind` when given, for
    `why` when given), in the last 24 hours; with `key`, the movements one recording made (the
    lines of one sale)."""

    kind: str | None = None
    key: str | None = None
    why: str = ""  # only those whose note says this reason (`loss`)


@dataclass(frozen=True, slots=True)
class ReverseMovement:
    """Take back `quantity` units of movement `movement_id` (a compensating movement), and
    with it the `more` movements (id, quantity): every line of one sale, all or none."""

    movement_id: int
    quantity: int
    key: str
    more: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class PlanCount:
    """The store's products in the order of a guided count: low first, then most moved."""


@dataclass(frozen=True, slots=True)
class Summarize:
    """Totals of `movement` (sale, receipt, or all: both) over `period` (day, yesterday, week,
    month) in the manager's stores, of `sku` only when given, of each of `family` when given
    (`et le sucre ?` of two sugars); answered by `SummaryFound`."""

    movement: str
    period: str
    sku: str | None = None
    top: bool = False
    family: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FindPace:
    """How fast `skus` sell (the last 14 days) and their usual largest movement (30 days);
    answered by `PaceFound`."""

    skus: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SetLanguage:
    """Answer the manager in `language` from now on (stored); answered by `LanguageSet`.
    `followed`: not asked for, the language the manager writes in (nothing is said of it).
    `as_written`: a choice undone (`parle comme moi`): `language` (the one that message is
    written in) for now, then the one they write in (`bot.managers.follow_written`)."""

    language: str
    followed: bool = False
    as_written: bool = False


@dataclass(frozen=True, slots=True)
class SwitchStore:
    """Make `code` the manager's current store; answered by `StoreSwitched`."""

    code: str


@dataclass(frozen=True, slots=True)
class FindStores:
    """The manager's stores (but the current one) whose catalogue has a product `text` names;
    answered by `StoresFound`."""

    text: str


@dataclass(frozen=True, slots=True)
class FindStoreNamed:
    """Which store, of any manager, `words` name (`text` is the message that named it);
    answered by `StoreNamed`."""

    text: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FindHistory:
    """The latest movements of `sku` in the current store, newest first; answered by
    `HistoryFound`."""

    sku: str


Effect = (
    RecordMovement
    | SetCount
    | PlaceOrder
    | AnswerAlert
    | AnswerAlerts
    | FindOrders
    | ReceiveOrder
    | CancelOrder
    | ChangeOrderQuantity
    | FindLastMovement
    | ReverseMovement
    | PlanCount
    | Summarize
    | FindHistory
    | FindPace
    | SetLanguage
    | SwitchStore
    | FindStores
    | FindStoreNamed
)
