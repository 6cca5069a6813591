"""Events a step reads: what the manager sent, and the results of the effects `bot/` ran."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from state.effects import MovementKindName
from state.values import Reply


@dataclass(frozen=True, slots=True)
class TextIn:
    """A text message (numbers, a choice's words and commands are all read from it)."""

    text: str


@dataclass(frozen=True, slots=True)
class ChoiceIn:
    """A tapped button or list row: the id we gave it."""

    id: str


@dataclass(frozen=True, slots=True)
class OtherIn:
    """Anything the bot does not read: photo, voice note, location, sticker…"""

    kind: str


@dataclass(frozen=True, slots=True)
class PushAsked:
    """An alert push `bot/` sent this manager is the question their message may answer: it
    is restored as the question waiting (`question` is the push as shown, `wording` what its
    texts were made of: `state.wording`, to ask it again in another language)."""

    alert_id: int
    sku: str
    question: Reply
    wording: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class SummaryPushed:
    """A grouped alert push (several products low, one message) is the question their message
    may answer: a yes orders those of `alert_ids` still low, a no puts them off."""

    alert_ids: tuple[int, ...]
    question: Reply


@dataclass(frozen=True, slots=True)
class MovementRecorded:
    """Every line was recorded: `(sku, quantity, quantity after)` each; `returned`, those
    brought back with a sale (`RecordMovement.returned`)."""

    kind: MovementKindName
    lines: tuple[tuple[str, int, int], ...]
    returned: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class MovementRefused:
    """A sale larger than the stock of `sku`: nothing was recorded (no line)."""

    sku: str
    requested: int
    available: int


@dataclass(frozen=True, slots=True)
class StockFull:
    """A receipt that would take `sku` past what it may hold: nothing was recorded."""

    sku: str
    quantity: int
    maximum: int


@dataclass(frozen=True, slots=True)
class CountRecorded:
    """Each counted line: `(sku, quantity before, quantity counted)`."""

    lines: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class OrderPlaced:
    """Orders placed: `(order id, sku, quantity)` each."""

    orders: tuple[tuple[int, str, int], ...]


@dataclass(frozen=True, slots=True)
class AlreadyOrdered:
    """Somebody answered the alert first and ordered: order `order_id` by `by` (a name, or ""
    when unknown) at `at` (local time, `10:42`)."""

    order_id: int
    sku: str
    quantity: int
    by: str
    at: str


@dataclass(frozen=True, slots=True)
class AlertOpen:
    """The alert answered with [Commander] is open and not ordered: ask "Commander … ?".
    `switched` names the store made current for it ("" when it already was).
    `postponed_by` names another manager who answered "plus tard" to it first."""

    alert_id: int
    sku: str
    quantity: int
    switched: str = ""
    postponed_by: str = ""  # another manager who answered "plus tard" first, and when
    postponed_at: str = ""
    unit: str | None = None  # the quantity's unit when typed in another than the product's


@dataclass(frozen=True, slots=True)
class AlertPostponed:
    sku: str
    left: int  # quantity in stock


@dataclass(frozen=True, slots=True)
class AlertsToOrder:
    """The answer to `AnswerAlerts` "order": `(sku, reorder quantity)` of each product of the
    summary still low and not on order, in the store `switched` names ("" when it already was
    the current one)."""

    lines: tuple[tuple[str, int], ...]
    switched: str = ""


@dataclass(frozen=True, slots=True)
class AlertsPostponed:
    """The answer to `AnswerAlerts` "later": `count` alerts put off."""

    count: int


@dataclass(frozen=True, slots=True)
class OrderView:
    order_id: int
    sku: str
    name: str
    unit: str
    quantity: int
    received: int
    status: str  # confirmed, received, cancelled, proposed
    date: str  # local date it was placed, `01/12`


@dataclass(frozen=True, slots=True)
class OrdersFound:
    orders: tuple[OrderView, ...]


@dataclass(frozen=True, slots=True)
class OrderReceived:
    order_id: int
    sku: str
    quantity: int  # arrived with this delivery
    received: int  # arrived in all
    ordered: int
    closed: bool
    after: int  # stock after


@dataclass(frozen=True, slots=True)
class OrderCancelled:
    order_id: int
    sku: str
    quantity: int
    closed: bool  # part of it had arrived: closed rather than cancelled


@dataclass(frozen=True, slots=True)
class OrderChanged:
    order_id: int
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class OrderNotOpen:
    """The order is received or cancelled already (or never was confirmed): nothing changed."""

    order_id: int
    status: str


@dataclass(frozen=True, slots=True)
class MovementView:
    movement_id: int
    kind: str  # sale, receipt, adjustment
    sku: str
    quantity: int  # units it moved (its size)
    left: int  # units still to take back
    when: str  # local date and time, `02/12 10:42`
    order_id: int | None = None
    recording: str = ""  # what one message recorded shares it (the lines of one sale)
    why: str = ""  # the reason its note says: `loss`, `supplier`, `return` (`reason_noted`)


@dataclass(frozen=True, slots=True)
class LastMovement:
    """The answer to `FindLastMovement`: the movement, or None when there is none to take
    back; `recent`: the latest ones that can be taken back, newest first (the movement first),
    for a manager who names the product."""

    movement: MovementView | None
    kind: str | None = None  # the kind looked for, or its reason (`loss`)
    recent: tuple[MovementView, ...] = ()


@dataclass(frozen=True, slots=True)
class MovementReversed:
    """Taken back; `more`: the other lines taken back with it, `(sku, quantity, after)` each."""

    kind: str
    sku: str
    quantity: int
    after: int
    more: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ReversalRefused:
    """Taking back was refused: `available` units only (a receipt whose units were sold since),
    or nothing left to take back (`available` 0)."""

    sku: str
    quantity: int
    available: int


@dataclass(frozen=True, slots=True)
class CountPlanned:
    skus: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AlreadyHandled:
    """The request the manager answered was decided already, or is not theirs."""


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One product's total over the period: `quantity` moved (counted positively), in `count`
    movements."""

    sku: str
    name: str
    unit: str
    quantity: int
    count: int
    unit_en: str = ""


@dataclass(frozen=True, slots=True)
class SummaryFound:
    movement: str  # sale, receipt, or all: `rows` the sales and `received` the arrivals
    period: str  # day, yesterday, week, month
    rows: tuple[SummaryRow, ...]
    sku: str | None = None  # the product asked about, if one
    top: bool = False
    received: tuple[SummaryRow, ...] = ()
    family: tuple[str, ...] = ()  # the products asked about together, each (`et le sucre ?`)


@dataclass(frozen=True, slots=True)
class Pace:
    """How fast a product sells: `per_day` over the last 14 days (None without enough history),
    and the largest sale or receipt of the last 30 days (None without any)."""

    sku: str
    per_day: float | None
    usual_max: int | None


@dataclass(frozen=True, slots=True)
class PaceFound:
    paces: tuple[Pace, ...]


@dataclass(frozen=True, slots=True)
class LanguageSet:
    language: str
    followed: bool = False  # see `SetLanguage`
    as_written: bool = False


@dataclass(frozen=True, slots=True)
class StoreSwitched:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class StoresFound:
    """The answer to `FindStores`: the codes of the stores that have the product named."""

    text: str
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoreNamed:
    """The answer to `FindStoreNamed`: the name of the store, not the manager's, that the words
    name (None when they name no store). Nothing else of that store is read."""

    text: str
    name: str | None


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One movement of a product as a manager reads it: `when` local (`02/12 10:42`), its kind
    (sale, receipt, adjustment, import), the change and the stock after it, who recorded it
    (a manager's name; empty when unknown or not a manager)."""

    when: str
    kind: str
    delta: int
    after: int
    who: str = ""
    why: str = ""  # a loss, a return to the supplier or a customer's (`state.effects.NOTES`)
    undone: bool = False  # it takes back a movement of that reason (`reason_undone`)


@dataclass(frozen=True, slots=True)
class HistoryFound:
    sku: str
    rows: tuple[HistoryRow, ...]


ManagerEvent = TextIn | ChoiceIn | OtherIn
ResultEvent = (
    PushAsked
    | SummaryPushed
    | AlertsToOrder
    | AlertsPostponed
    | MovementRecorded
    | MovementRefused
    | StockFull
    | CountRecorded
    | OrderPlaced
    | AlreadyOrdered
    | AlertOpen
    | AlertPostponed
    | OrdersFound
    | OrderReceived
    | OrderCancelled
    | OrderChanged
    | OrderNotOpen
    | LastMovement
    | MovementReversed
    | ReversalRefused
    | CountPlanned
    | AlreadyHandled
    | LanguageSet
    | SummaryFound
    | HistoryFound
    | PaceFound
    | StoreSwitched
    | StoresFound
    | StoreNamed
)
Event = ManagerEvent | ResultEvent
