"""Events a step reads: what the manager sent, and the results of the effects `bot/` ran."""

from __future__ import annotations

from dataclasses import dataclass

from state.effects import MovementKindName


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
class MovementRecorded:
    kind: MovementKindName
    sku: str
    quantity: int
    quantity_after: int


@dataclass(frozen=True, slots=True)
class MovementRefused:
    """A sale larger than the stock: nothing was recorded."""

    sku: str
    requested: int
    available: int


@dataclass(frozen=True, slots=True)
class StockFull:
    """A receipt that would take the stock past what it may hold (`maximum`): nothing was
    recorded."""

    sku: str
    quantity: int
    maximum: int


@dataclass(frozen=True, slots=True)
class OrderProposed:
    order_id: int
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class OrderDecided:
    order_id: int
    sku: str
    quantity: int
    confirmed: bool


@dataclass(frozen=True, slots=True)
class OrderChanged:
    order_id: int
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class OrderQuantityAsked:
    """Another flow (a low-stock alert) wants the manager to type an order's quantity;
    `quantity` is the order's quantity until then."""

    order_id: int
    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class AlreadyHandled:
    """The request the manager answered was decided already, or is not theirs."""


@dataclass(frozen=True, slots=True)
class StoreSwitched:
    code: str
    name: str


ManagerEvent = TextIn | ChoiceIn | OtherIn
ResultEvent = (
    MovementRecorded
    | MovementRefused
    | StockFull
    | OrderProposed
    | OrderDecided
    | OrderChanged
    | OrderQuantityAsked
    | AlreadyHandled
    | StoreSwitched
)
Event = ManagerEvent | ResultEvent
