"""Goods kept both by the piece and as their own carton product (`Savon Dermo 125g` and `Savon
Dermo carton`): a stock question naming the goods without saying which (`stock savon dermo`)
answers both, as other families are answered; a size, a unit or the carton named picks one; a
sale still reads the pieces."""

from __future__ import annotations

import random

import pytest

from intents import IntentMatcher
from intents import Product as Entry
from intents.answers import keys_of
from intents.normalize import is_size
from intents.quantity_units import counts_in
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS
from state import State
from state.flows.moves.packs import _packed_pairs
from tests.state.conftest import Row, Runner, make_view, texts

ROWS: list[Row] = [
    ("DERMO", "Savon Dermo 125g", [], "pièce", 80, 20, 40),
    ("DERMO-CARTON", "Savon Dermo carton", [], "carton", 6, 2, 4),
    ("DINOR-1L", "Huile Dinor 1L", [], "bouteille", 30, 6, 24),
    ("DINOR-PACK", "Huile Dinor pack", [], "pack", 4, 1, 2),
    ("AZUR", "Savon Azur", [], "pièce", 20, 5, 10),
    ("GAZ-6", "Bouteille de gaz 6kg", [], "bouteille", 9, 5, 10),
    ("GAZ-12", "Bouteille de gaz 12kg", [], "bouteille", 2, 4, 8),
]
PIECES, CARTONS = "Savon Dermo 125g : 80 pièces", "Savon Dermo carton : 6 cartons"


@pytest.mark.parametrize(
    "typed", ["stock savon dermo", "combien de savon dermo il reste", "how many savon dermo left"]
)
def test_the_pieces_and_the_cartons_are_both_answered(typed: str) -> None:
    runner = Runner(make_view(rows=ROWS))
    out = texts(runner.say(typed))
    assert PIECES in out and CARTONS in out, out
    assert "Seuil" not in out and "Azur" not in out, out
    assert runner.state == State.IDLE


def test_another_pack_unit_too() -> None:
    out = texts(Runner(make_view(rows=ROWS)).say("stock huile dinor"))
    assert "Huile Dinor 1L : 30 bouteilles" in out and "Huile Dinor pack : 4 packs" in out, out


@pytest.mark.parametrize(
    ("typed", "only"),
    [
        ("stock savon dermo 125g", PIECES),
        ("stock savon dermo carton", CARTONS),
        ("stock savon dermo en cartons", CARTONS),
        ("stock savon dermo en pièces", PIECES),
    ],
)
def test_a_size_or_a_unit_picks_one(typed: str, only: str) -> None:
    out = texts(Runner(make_view(rows=ROWS)).say(typed))
    assert out.startswith(only + "\nSeuil"), out


def test_a_sale_still_reads_the_pieces() -> None:
    out = texts(Runner(make_view(rows=ROWS)).say("vendu 3 savon dermo"))
    assert out.startswith("Enregistrer la vente de 3 pièces de Savon Dermo 125g ?"), out


def test_sizes_alone_are_no_pack() -> None:
    out = texts(Runner(make_view(rows=ROWS)).say("stock gaz 6kg"))
    assert out.startswith("Bouteille de gaz 6kg : 9 bouteilles\nSeuil"), out


def _packed_pairwise(matcher: IntentMatcher, sku: str) -> tuple[str, ...]:
    """The rule as first written, every product against every other: a product named with
    `sku`'s words and one unit word more that it is counted in, or the other way round."""

    def words(name: str) -> frozenset[str]:
        keys = keys_of(name)
        return frozenset(
            k for k in keys if not is_size(k) and not k.isdigit() and k not in STOPWORDS
        )

    def packs(packed: Entry, goods: frozenset[str]) -> bool:
        extra = words(packed.name) - goods
        if len(extra) != 1 or not goods <= words(packed.name):
            return False
        unit = next(iter(extra))
        return unit in UNIT_WORDS and counts_in(packed, unit)

    by_sku = {p.sku: p for p in matcher.products}
    own = by_sku[sku]
    return tuple(
        p.sku
        for p in matcher.products
        if p.sku != sku and (packs(p, words(own.name)) or packs(own, words(p.name)))
    )


def test_the_packs_read_once_per_catalogue_are_those_of_every_product_against_every_other() -> None:
    """Many goods, some with their carton, pack, sachet or box product (counted in it or not),
    names of one word more that is no unit, sizes: the same pairs as the pairwise rule."""
    rnd = random.Random(11)
    goods = ["savon dermo", "huile dinor", "lait gloria", "the ataya", "cafe touba", "sardine"]
    extras = ["carton", "pack", "sachet", "boîte", "rouge", "250g", "grand", "5"]
    units = ["pièce", "carton", "pack", "sachet", "boîte", "sac", ""]
    entries = [
        Entry(f"P{i}", f"{rnd.choice(goods)} {rnd.choice(extras)}".strip(), [], rnd.choice(units))
        for i in range(120)
    ] + [Entry(f"G{i}", name, [], "pièce") for i, name in enumerate(goods)]
    matcher = IntentMatcher(entries)
    found = {e.sku: _packed_pairs(matcher).get(e.sku, ()) for e in entries}
    assert found == {e.sku: _packed_pairwise(matcher, e.sku) for e in entries}
    assert sum(map(len, found.values())) > 20  # packs there are


def test_a_familys_sizes_written_with_a_decimal_comma_are_listed_in_their_order() -> None:
    rows: list[Row] = [
        ("DINOR-5", "Huile Dinor 5L", [], "bidon", 30, 6, 24),
        ("DINOR-1,5", "Huile Dinor 1,5L", [], "bouteille", 40, 6, 24),
        ("DINOR-0,5", "Huile Dinor 0,5L", [], "bouteille", 50, 6, 24),
        ("DINOR-20", "Huile Dinor 20L", [], "bidon", 8, 2, 4),
    ]
    out = texts(Runner(make_view(rows=rows)).say("stock huile dinor"))
    places = [out.index(f"Huile Dinor {size}") for size in ("0,5L", "1,5L", "5L :", "20L")]
    assert places == sorted(places), out
