"""A bare number typed after a family of products in sizes (`vendu huile 20` of Huile 1L, 5L
and 20L; `vendu lait 400` of Lait 400ml and 750ml): the quantity, or the size of one of them?
The matcher reads it as the quantity of one of the family (`intents`: a bare number after the
product is its quantity); the question that asks which says the other reading too, and picking
the product of that size leaves how many to ask, never guessed."""

from __future__ import annotations

from collections.abc import Sequence

from intents.answers import keys_of
from intents.normalize import size_unit
from intents.units import UNIT_WORDS
from state.drafts import Line
from state.turn import Turn


def size_typed(
    turn: Turn, typed: str, quantity: int | None, candidates: Sequence[str]
) -> str | None:
    """The one product of `candidates` whose name holds the number `typed` as the quantity,
    right after the family's word and alone (`vendu huile 20`: Huile 20L), or None."""
    if quantity is None or len(candidates) < 2:
        return None
    number = str(quantity)
    keys = keys_of(typed)
    numbers = [i for i, k in enumerate(keys) if k[:1].isdigit()]
    if len(numbers) != 1 or keys[numbers[0]] != number or not numbers[0]:
        return None
    matcher = turn.view.matcher
    if matcher is None or keys[numbers[0] - 1] not in matcher.name_words:
        return None  # `vendu 1 huile`: a count before the product's words
    after = numbers[0] + 1
    if after < len(keys) and keys[after] in UNIT_WORDS:
        return None  # `vendu lait 400 flacons`: counted in its unit
    holders = [sku for sku in candidates if _holds(turn.name(sku), number)]
    return holders[0] if len(holders) == 1 else None


def sized_pick(turn: Turn, line: Line) -> str | None:
    """The product of `line.sized` while the quantity still is its size, or None."""
    if line.sized is None or line.sku is not None or line.quantity is None:
        return None
    return line.sized if _holds(turn.name(line.sized), str(line.quantity)) else None


def _holds(name: str, number: str) -> bool:
    """Whether the name holds `number`, bare or as a size (`Huile 20L`, `Savon 5 pack`)."""
    for key in keys_of(name):
        unit = size_unit(key)
        if key == number or (unit and key[: -len(unit)] == number):
            return True
    return False


def quantity_of_pick(turn: Turn, line: Line, sku: str, quantity: int | None) -> int | None:
    """The quantity of `line` once `sku` is picked: none yet when it is the product of the size
    typed as the quantity (`huile 20`, then Huile 20L: how many is asked)."""
    if quantity == line.quantity and sku == sized_pick(turn, line):
        return None
    return quantity
