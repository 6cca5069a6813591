"""How well products cover the words of a message: the scores behind a product match.

A whole alias covers its words fully (``FULL``), a lone word of a longer alias half
(``PARTIAL``); a typo-corrected word counts ``TYPO`` of that.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

FULL, PARTIAL, TYPO = 1.0, 0.5, 0.8  # weights: whole alias, lone alias word, corrected word


class Coverage:
    """Which products cover which message positions, and how well.

    Kept per position (product -> weight), with each product's total and number of positions
    up to date, so that a word naming a thousand products of a big catalog (``premium``) is
    added in bulk and picking the best is one pass over the totals.
    """

    __slots__ = ("counts", "top", "totals", "weights")

    def __init__(self) -> None:
        self.top = 0.0  # the best total so far
        self.totals: dict[int, float] = {}
        self.counts: dict[int, int] = {}
        self.weights: dict[int, dict[int, float]] = {}

    def __len__(self) -> int:
        return len(self.totals)

    def cover(self, products: frozenset[int], position: int, weight: float) -> None:
        """``products`` cover ``position`` with ``weight``; a product keeps its best weight
        per position."""
        if not products:
            return
        totals, counts = self.totals, self.counts
        here = self.weights.setdefault(position, {})
        new = products.difference(totals) if totals else products
        if new:
            here.update(dict.fromkeys(new, weight))
            totals.update(dict.fromkeys(new, weight))
            counts.update(dict.fromkeys(new, 1))
            self.top = max(self.top, weight)
            if len(new) == len(products):
                return
        top = self.top
        for product in products.intersection(totals) if new else products:
            if product in new:
                continue
            old = here.get(product)
            if old is None:
                here[product] = weight
                totals[product] += weight
                counts[product] += 1
            elif weight > old:
                here[product] = weight
                totals[product] += weight - old
            else:
                continue
            top = max(top, totals[product])
        self.top = top

    def positions(self, products: Collection[int]) -> frozenset[int]:
        return frozenset(
            p for p, here in self.weights.items() if not here.keys().isdisjoint(products)
        )

    def holders(self, positions: Collection[int]) -> frozenset[int]:
        """The products covering every one of ``positions`` (by any weight)."""
        held: set[int] | None = None
        for position in positions:
            here = self.weights.get(position, {})
            held = set(here) if held is None else held.intersection(here)
            if not held:
                break
        return frozenset(held or ())

    def exact(self, products: Collection[int], total: float) -> bool:
        """Whether these products (all of this ``total``) cover every position in full: a
        product's total reaches its number of positions only when every weight is FULL."""
        return abs(max(map(self.counts.__getitem__, products)) * FULL - total) < 1e-9


@dataclass(frozen=True, slots=True)
class ProductMatch:
    """Best products for a message (several when they tie) and the message positions used."""

    products: tuple[int, ...]
    score: float
    positions: frozenset[int]
    exact: bool  # every word matched a whole alias without typo correction
    # when one product is named by part of its names (not exact), the products whose names
    # hold every word matched, it and others (`coca 1.5`: the 1.5 L alone); else empty
    holders: frozenset[int] = frozenset()
