"""Conversations as a state machine: pure, fed events, returning replies and stock effects.

Imports only `intents`, `transitions` and the standard library: no database, no network.
"""

from state.effects import (
    ChangeOrderQuantity,
    DecideOrder,
    Effect,
    ProposeOrder,
    RecordMovement,
    SwitchStore,
)
from state.events import (
    AlreadyHandled,
    ChoiceIn,
    Event,
    MovementRecorded,
    MovementRefused,
    OrderChanged,
    OrderDecided,
    OrderProposed,
    OrderQuantityAsked,
    OtherIn,
    ResultEvent,
    StockFull,
    StoreSwitched,
    TextIn,
)
from state.machine import State
from state.step import DEFAULT_TIMEOUT, step
from state.values import (
    CatalogView,
    Choice,
    ConversationSnapshot,
    Outcome,
    ProductView,
    Reply,
    StockLevel,
    StoreView,
    stock_level,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "AlreadyHandled",
    "CatalogView",
    "ChangeOrderQuantity",
    "Choice",
    "ChoiceIn",
    "ConversationSnapshot",
    "DecideOrder",
    "Effect",
    "Event",
    "MovementRecorded",
    "MovementRefused",
    "Outcome",
    "OrderChanged",
    "OrderDecided",
    "OrderProposed",
    "OrderQuantityAsked",
    "OtherIn",
    "ProductView",
    "ProposeOrder",
    "RecordMovement",
    "Reply",
    "ResultEvent",
    "State",
    "StockFull",
    "StockLevel",
    "StoreSwitched",
    "StoreView",
    "SwitchStore",
    "TextIn",
    "step",
    "stock_level",
]
