"""Stock operations a step asks for; `bot/` runs them and feeds the results back as events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MovementKindName = Literal["sale", "receipt"]


@dataclass(frozen=True, slots=True)
class RecordMovement:
    """Record a sale (stock out) or a receipt (stock in) of `quantity` units.

    `key` is unique per confirmed question: the storage's idempotency key.
    """

    kind: MovementKindName
    sku: str
    quantity: int
    key: str


@dataclass(frozen=True, slots=True)
class ProposeOrder:
    """Create a proposed restock order; answered by `OrderProposed`."""

    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class DecideOrder:
    """Confirm or cancel a proposed order of this manager; answered by `OrderDecided`,
    or `AlreadyHandled` when the order is not this manager's or no longer proposed."""

    order_id: int
    confirm: bool


@dataclass(frozen=True, slots=True)
class ChangeOrderQuantity:
    """Set the quantity of a proposed or confirmed order; answered by `OrderChanged`."""

    order_id: int
    quantity: int


@dataclass(frozen=True, slots=True)
class SwitchStore:
    """Make `code` the manager's current store; answered by `StoreSwitched`."""

    code: str


Effect = RecordMovement | ProposeOrder | DecideOrder | ChangeOrderQuantity | SwitchStore
