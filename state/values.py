"""The values that go in and out of `state.step`: snapshot, catalog view, replies, outcome.

Pure data: nothing here touches a database or a network.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from intents import IntentMatcher
from state.effects import Effect

StockLevel = Literal["ok", "low", "out"]


def stock_level(quantity: int, threshold: int) -> StockLevel:
    """`out` at zero, `low` at or below the threshold, else `ok`: the one rule, read by the
    replies, the alerts, the admin API and the command line."""
    if quantity <= 0:
        return "out"
    if quantity <= threshold:
        return "low"
    return "ok"


@dataclass(frozen=True, slots=True)
class ConversationSnapshot:
    """One manager's conversation as stored: machine state, question context, expiry, version.

    `context` is JSON-ready (it is saved as is); `version` is bumped by the storage on each save.
    """

    state: str = "idle"
    context: Mapping[str, Any] = field(default_factory=dict)
    expires_at: datetime | None = None
    version: int = 0


@dataclass(frozen=True, slots=True)
class ProductView:
    sku: str
    name: str
    unit: str
    quantity: int
    threshold: int
    reorder_quantity: int
    last_movement: str = ""  # local date and time of the last movement, as managers read it
    # The confirmed restock order on its way (not yet received), if any: the latest one.
    order_id: int | None = None
    order_quantity: int = 0
    order_received: int = 0  # of that order, arrived so far
    unit_en: str = ""  # the unit in English, when the catalog names it

    @property
    def level(self) -> StockLevel:
        return stock_level(self.quantity, self.threshold)


@dataclass(frozen=True, slots=True)
class StoreView:
    code: str
    name: str
    timezone: str = "Africa/Dakar"


@dataclass(frozen=True, slots=True)
class CatalogView:
    """What the machine may read: the manager's stores, the current one and its products.

    `store` is None when the manager has several stores and has not chosen one yet; then
    `products` is empty and `matcher` None.
    """

    manager_id: int
    language: str
    stores: tuple[StoreView, ...]
    store: StoreView | None
    products: tuple[ProductView, ...] = ()
    matcher: IntentMatcher | None = None
    # Choices reach this manager as numbered lines ("Répondez 1 pour Oui…", Twilio without
    # Content templates): a number typed alone picks one.
    numbered: bool = False
    # The manager's language was chosen (by them or the owner): it no longer follows the
    # language they write in (`state.flows.languages`).
    language_chosen: bool = False
    # The products by sku: a message looks products up by sku thousands of times in a catalogue
    # of hundreds (a stock question compares its product with every other).
    _by_sku: Mapping[str, ProductView] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # reversed: of two products of one sku (none in a store), the first is found
        object.__setattr__(self, "_by_sku", {p.sku: p for p in reversed(self.products)})

    def product(self, sku: str) -> ProductView | None:
        return self._by_sku.get(sku)


@dataclass(frozen=True, slots=True)
class Choice:
    """A button or a list row: `id` comes back when tapped, `title` is what the phone shows."""

    id: str
    title: str
    description: str = ""


# WhatsApp's limits on what a question shows, in `text_length` units (`bot.outbound.messages`
# checks every message against them before it is sent).
BUTTONS_MAX = 3
BUTTON_TITLE_MAX = 20
LIST_ROWS_MAX = 10
ROW_TITLE_MAX = 24
ROW_DESCRIPTION_MAX = 72
INTERACTIVE_BODY_MAX = 1024


def text_length(text: str) -> int:
    """Length in UTF-16 code units: what WhatsApp's character limits are checked against (an
    emoji outside the Basic Multilingual Plane counts 2; a part within a limit so counted is
    within it by any count)."""
    if text.isascii():
        return len(text)
    # Two bytes a unit; a lone surrogate, which only `surrogatepass` encodes, is one unit too.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send: plain text, text with up to 3 buttons, or text with a list of rows.

    Text without choices may be longer than one WhatsApp message: the sender splits it.
    """

    text: str
    buttons: tuple[Choice, ...] = ()
    rows: tuple[Choice, ...] = ()
    list_button: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "buttons": [[c.id, c.title, c.description] for c in self.buttons],
            "rows": [[c.id, c.title, c.description] for c in self.rows],
            "list_button": self.list_button,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reply:
        return cls(
            text=str(data["text"]),
            buttons=tuple(Choice(*c) for c in data.get("buttons", ())),
            rows=tuple(Choice(*c) for c in data.get("rows", ())),
            list_button=str(data.get("list_button", "")),
        )

    @property
    def choices(self) -> tuple[Choice, ...]:
        return self.buttons or self.rows


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one step decided: the new snapshot, then the replies to send and the stock
    operations to run, in order (what an operation's result says is told where it stands).

    `replay` is text to read again once the effects ran (the message that came before the
    manager chose a store).
    """

    snapshot: ConversationSnapshot
    actions: tuple[Reply | Effect, ...] = ()
    replay: str | None = None

    @property
    def replies(self) -> tuple[Reply, ...]:
        return tuple(a for a in self.actions if isinstance(a, Reply))

    @property
    def effects(self) -> tuple[Effect, ...]:
        return tuple(a for a in self.actions if not isinstance(a, Reply))
