"""What a manager asked to do, kept while the bot clarifies it: a draft of one or more lines.

A sale, receipt, order, stock question or stock count names products and quantities; each line
is settled (one product, a valid quantity) one at a time, asking about what is missing, and the
draft is confirmed (or answered) as a whole. Drafts are stored in the conversation context, so
they are JSON-ready (`to_dict`, `from_dict`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Action = Literal["sale", "receipt", "restock", "stock", "count"]
# Why the stock moves when it is not what the action usually says: goods lost or sent back to the
# supplier (a count below the stock: `OUT`), goods a customer brought back (an arrival).
Reason = Literal["loss", "supplier", "return"]
REASONS: tuple[Reason, ...] = ("loss", "supplier", "return")
OUT: frozenset[str] = frozenset({"loss", "supplier"})
ACTIONS: tuple[Action, ...] = ("sale", "receipt", "restock", "stock", "count")
# Actions whose lines carry a quantity.
COUNTED: frozenset[str] = frozenset({"sale", "receipt", "restock", "count"})


@dataclass(frozen=True, slots=True)
class Line:
    """One product of a draft.

    `sku` is None until the product is known; `candidates` are the products it may be (also kept
    once one is chosen: `l'autre` picks among them); `words` is what was typed for it; `issue`
    is the problem of the number typed (`negative`, `decimal`…), asked about; `checked` says
    the manager already confirmed a doubtful reading (a guess, a large quantity); `family` marks
    one of the products a stock question named together (`stock ciment`: every cement); `unit`
    is the unit the quantity was typed in when it may not be the product's (`10 cartons` of
    milk counted in boîtes: `carton`, see `intents.quantity_units`), asked about before anything;
    `said` is `words` as the manager spelled them (`cadenas`), for the texts that quote them.
    `converted` keeps what the answer said it makes: (10, `carton`, 240), 24 boîtes a carton.
    `change` is a count said relative to the stock (`inventaire riz 2 de plus`: 2), its quantity
    still to compute (`moves.from_stock`). `returned` marks, in a sale, goods the customer
    brought back (`le client a rendu 2 savons et pris 2 sucres`, `échangé 1 huile 5l contre 1
    huile 20l`): recorded as a customer return, into the stock, with the sale.
    `whole` marks a sale of the whole stock said without a number (`vendu tout le riz`, `tout`
    under "combien ?"): its quantity is the stock of its product once that is known (`stock_of`,
    the product whose stock it is: another product chosen takes its own), and the confirmation
    says so while it still is. `sized`: the product of the family offered whose size is the
    number typed as the quantity (`vendu huile 20`: Huile 20L), `state.flows.moves.sized`.
    """

    sku: str | None = None
    quantity: int | None = None
    candidates: tuple[str, ...] = ()
    words: str = ""
    issue: str | None = None
    guessed: bool = False
    checked: bool = False
    family: bool = False
    unit: str | None = None
    said: str = ""
    converted: tuple[int, str, int] | None = None
    change: int | None = None
    returned: bool = False
    whole: bool = False
    stock_of: str | None = None
    sized: str | None = None

    @property
    def shown(self) -> str:
        """The words typed for the product, as typed (`cadenas`, not the key `cadena`)."""
        return self.said or self.words

    def to_dict(self) -> dict[str, Any]:
        return {
            "sku": self.sku,
            "quantity": self.quantity,
            "candidates": list(self.candidates),
            "words": self.words,
            "issue": self.issue,
            "guessed": self.guessed,
            "checked": self.checked,
            "family": self.family,
            "unit": self.unit,
            "said": self.said,
            "converted": list(self.converted) if self.converted else None,
            "change": self.change,
            "returned": self.returned,
            "whole": self.whole,
            "stock_of": self.stock_of,
            "sized": self.sized,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Line:
        quantity = data.get("quantity")
        return cls(
            sku=data.get("sku") or None,
            quantity=int(quantity) if quantity is not None else None,
            candidates=tuple(str(c) for c in data.get("candidates", ())),
            words=str(data.get("words", "")),
            issue=data.get("issue") or None,
            guessed=bool(data.get("guessed", False)),
            checked=bool(data.get("checked", False)),
            family=bool(data.get("family", False)),
            unit=data.get("unit") or None,
            said=str(data.get("said", "")),
            converted=_converted(data.get("converted")),
            change=int(change) if (change := data.get("change")) is not None else None,
            returned=bool(data.get("returned", False)),
            whole=bool(data.get("whole", False)),
            stock_of=data.get("stock_of") or None,
            sized=data.get("sized") or None,
        )


def _converted(data: Any) -> tuple[int, str, int] | None:
    if not data or len(data) != 3:
        return None
    typed, unit, made = data
    return int(typed), str(unit), int(made)


@dataclass(frozen=True, slots=True)
class Draft:
    """`lines` to `action`; `order_id` ties a receipt to the order it delivers, `alert_id` an
    order to the alert push it answers; `agreed` says the manager already said yes to the whole
    command (a spelling guess that showed it): it is done without asking the same again; `tour`
    marks a count typed during the guided count (`state.flows.tour`), which goes on after it;
    `reason` says why the stock moves (`Reason`): the messages say a loss or a customer return,
    what is recorded is the action's; `planned` marks a movement told as what someone will do
    (`le client va prendre 2 riz et 3 savons`): its confirmation asks whether it was done.
    `then` is what the same message said of another movement (`vendu 2 riz et reçu 10 sucre`:
    `reçu 10 sucre`), read as the next command once this one is recorded or declined."""

    action: Action
    lines: tuple[Line, ...] = field(default_factory=tuple)
    order_id: int | None = None
    alert_id: int | None = None
    agreed: bool = False
    tour: bool = False
    reason: Reason | None = None
    planned: bool = False
    then: str = ""

    @property
    def wording(self) -> str:
        """What the messages call it: its reason, else its action (`loss_no`, `sale_no`); a
        sale with goods brought back is an `exchange` (a customer return and a sale)."""
        if self.action == "sale" and any(line.returned for line in self.lines):
            return "exchange"
        return self.reason or self.action

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "lines": [line.to_dict() for line in self.lines],
            "order_id": self.order_id,
            "alert_id": self.alert_id,
            "agreed": self.agreed,
            "tour": self.tour,
            "reason": self.reason,
            "planned": self.planned,
            "then": self.then,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Draft | None:
        action = data.get("action")
        if action not in ACTIONS:
            return None
        order_id, alert_id = data.get("order_id"), data.get("alert_id")
        reason = data.get("reason")
        return cls(
            action=action,
            lines=tuple(Line.from_dict(line) for line in data.get("lines", ())),
            order_id=int(order_id) if order_id is not None else None,
            alert_id=int(alert_id) if alert_id is not None else None,
            agreed=bool(data.get("agreed", False)),
            tour=bool(data.get("tour", False)),
            reason=reason if reason in REASONS else None,
            planned=bool(data.get("planned", False)),
            then=str(data.get("then") or ""),
        )

    def with_line(self, index: int, line: Line) -> Draft:
        lines = list(self.lines)
        lines[index] = line
        return replace(self, lines=tuple(lines))

    def without_line(self, index: int) -> Draft:
        return replace(self, lines=self.lines[:index] + self.lines[index + 1 :])

    @property
    def skus(self) -> list[str]:
        return [line.sku for line in self.lines if line.sku]
