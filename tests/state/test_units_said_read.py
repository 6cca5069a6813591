"""A unit the bot says in English (`Fer à béton 8: how many bars?`) is one the manager may type
back: `no 5 bars` was « I cannot find "bar" in this shop », and the 4 stayed."""

from __future__ import annotations

from intents import Product
from intents.answers import keys_of
from intents.quantity_units import counts_in, quantity_unit
from intents.units import UNITS
from state.messages import amount


def test_the_english_of_every_unit_is_read_as_that_unit() -> None:
    unread = []
    for unit in sorted(set(UNITS.values())):
        for quantity in (1, 5):
            said = amount("en", quantity, unit)  # `5 bars`
            typed = quantity_unit(keys_of(said), quantity)
            if typed is None or not counts_in(Product("X", "X", ["x"], unit), typed):
                unread.append((unit, said, typed))
    assert unread == []
