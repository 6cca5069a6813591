"""Why the stock moves when it is not what the action usually says (`Draft.reason`): goods
lost, broken or stolen, recorded as a count below the stock (`j'ai perdu 2 savons`); goods a
customer brought back, recorded as an arrival (`le client a rendu 2 savons`). What is recorded
is the action's; the confirmation and the result say which it is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from intents import ParsedIntent
from intents.answers import keys_of
from intents.cue_words import SINGLE_WORD_CUES, SUPPLIER_WORDS, WORDS, Cue, says_return
from intents.normalize import word_keys
from state.drafts import OUT, Action, Draft, Reason
from state.messages import number
from state.turn import Turn

# Words that say who brought goods back and how (`le client a ramené 1 sac`, `customer bring
# back 1 bag`): no product's, so such a line with no product is about the one just talked about.
REASON_WORDS = (
    WORDS[Cue.CLIENT] | WORDS[Cue.BROUGHT] | WORDS[Cue.RETURN] | word_keys("bring brings brought")
)


def reason_of(action: Action, typed: str) -> Reason | None:
    """`le client a rendu 2 savons`, `retour client 3 riz`, `2 soaps returned`: an arrival of
    goods a customer brought back (`says_return`); not when a supplier brings them."""
    if action != "receipt":
        return None
    keys = keys_of(typed)
    cues = {SINGLE_WORD_CUES[k] for k in keys if k in SINGLE_WORD_CUES}
    if says_return(cues) and SUPPLIER_WORDS.isdisjoint(keys):
        return "return"
    return None


def item_reasons(action: Action, items: Sequence[ParsedIntent], typed: str) -> list[Reason | None]:
    """The reason of each item of a message (`reason_of`): an item says its own, a customer's
    return (`le client a rendu 2 savon`) or an arrival (`reçu 10 sucre`, a supplier's); one
    that says neither is of the item before it (`le client a rendu 2 savon et 3 riz`: both
    brought back), and the first ones of the whole message (`retour client : 2 savon, 3 riz`).
    So `reçu 10 sucre et le client a rendu 2 savon` is an arrival, then a customer return."""
    current = reason_of(action, typed)
    if action != "receipt":
        return [current for _ in items]
    reasons: list[Reason | None] = []
    for item in items:
        own = _own_reason(item.text)
        if own is not None:
            current = "return" if own == "return" else None
        reasons.append(current)
    return reasons


def _own_reason(text: str) -> Literal["return", "arrival"] | None:
    """What an item's own words say: a customer's return, an arrival, or nothing."""
    keys = keys_of(text)
    cues = {SINGLE_WORD_CUES[k] for k in keys if k in SINGLE_WORD_CUES}
    if not SUPPLIER_WORDS.isdisjoint(keys):
        return "arrival"
    if says_return(cues):
        return "return"
    return "arrival" if Cue.RECEIVE in cues else None


def one_reason(
    action: Action, items: Sequence[ParsedIntent], typed: str
) -> tuple[list[ParsedIntent], list[ParsedIntent]]:
    """The items of the first item's reason, and the others, set aside to be asked next (an
    arrival and a customer return in one message: one at a time, each said as what it is)."""
    reasons = item_reasons(action, items, typed)
    if not reasons:
        return list(items), []
    first = reasons[0]
    kept = [item for item, reason in zip(items, reasons, strict=True) if reason == first]
    later = [item for item, reason in zip(items, reasons, strict=True) if reason != first]
    return kept, later


def loss_words(turn: Turn, sku: str, before: int, after: int) -> dict[str, str] | None:
    """What a count from `before` down to `after` says as a loss: the quantity lost, the product,
    the stock before and after; None when nothing is lost (a count at or above the stock is
    said as a count)."""
    if after >= before:
        return None
    return {
        "quantity": turn.amount(before - after, sku),
        "name": turn.name(sku),
        "before": number(turn.lang, before),
        "after": turn.amount(after, sku),
    }


def said_lost(turn: Turn, draft: Draft) -> dict[str, str] | None:
    """The loss a draft of one count below the stock records, as its confirmation says it
    (`loss_words`); None when it says a count."""
    if draft.reason not in OUT or len(draft.lines) != 1:
        return None
    line = draft.lines[0]
    product = turn.product(line.sku or "")
    if product is None or line.quantity is None:
        return None
    return loss_words(turn, product.sku, product.quantity, line.quantity)


def lost_to_count(turn: Turn, draft: Draft, sku: str, quantity: int) -> int | None:
    """`non c'est 3` under "Enregistrer la perte de 2 … ?": 3 lost, the count that many below
    the stock; `quantity` itself under a count. None when more than the stock would be lost
    (`non c'est 20` with 15 in stock: no loss of 20, and no count of 20 either)."""
    if said_lost(turn, draft) is None:
        return quantity
    return count_after_loss(turn, sku, quantity)


def asks_loss(draft: Draft) -> bool:
    """A draft of one loss: its amount is asked as the amount lost (`perte de combien ?`), not
    as a count."""
    return draft.reason in OUT and len(draft.lines) == 1


def count_after_loss(turn: Turn, sku: str, lost: int) -> int | None:
    """The count `lost` below the stock; None when more than the stock would be lost."""
    product = turn.product(sku)
    if product is None:
        return lost
    return product.quantity - lost if lost <= product.quantity else None


def say_above_stock(turn: Turn, sku: str, stock: int | None = None, why: str = "loss") -> str:
    """« Le stock de Farine n'est que de 7 sacs : la perte ne peut pas être plus grande. »
    (`stock`: the one the loss was taken from, when it is no longer the product's; `why`: the
    reason out, `OUT`)."""
    if stock is None:
        product = turn.product(sku)
        stock = product.quantity if product else 0
    return turn.t(f"{why}_above_stock", name=turn.name(sku), quantity=turn.amount(stock, sku))
