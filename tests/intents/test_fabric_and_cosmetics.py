"""A Dakar shop selling fabric by the metre and cosmetics by the flacon: lengths typed the way
managers type them, and a misspelled fabric after its length."""

from __future__ import annotations

import pytest

from intents import IntentMatcher
from intents import Product as Entry
from intents.answers import correction
from intents.normalize import tokenize

SHOP = IntentMatcher([
    Entry("BAZIN", "Bazin riche", ["bazin"], "mètre"),
    Entry("WAX-H", "Wax hollandais", ["wax"], "mètre"),
    Entry("WAX-O", "Wax ordinaire", ["wax"], "mètre"),
    Entry("VOILE", "Voile", ["voile"], "mètre"),
    Entry("FIL", "Fil à coudre", ["fil", "bobine"], "bobine"),
    Entry("LAIT-400", "Lait de corps 400ml", ["lait"], "flacon"),
    Entry("TUBE", "Tube PVC 3m", ["tube"], "pièce"),
])  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "vendu 2 m 50 de voile",
        "vendu voile 2 m 50",
        "vendu 1 metre 20 de bazin",
        "vendu 2 metres 50 voile",
        "vendu 2m 50 bazin",
    ],
)
def test_metres_and_centimetres_typed_apart_are_no_count_of_centimetres(text: str) -> None:
    """« vendu 2 m 50 de voile » sold 50 metres: the centimetres were the count."""
    parsed = SHOP.parse(text)
    assert parsed.product in {"VOILE", "BAZIN"}, parsed
    assert (parsed.quantity, parsed.quantity_issue) == (None, "decimal"), parsed


def test_metres_typed_apart_are_one_length() -> None:
    assert [t.key for t in tokenize("2 m 50")] == ["2.5m"]
    assert [t.key for t in tokenize("1 metre 20")] == ["1.2m"]


@pytest.mark.parametrize(
    ("text", "product", "quantity"),
    [
        ("vendu 3 m de bazin", "BAZIN", 3),  # whole metres stay a count
        ("vendu tube 3 m 10", "TUBE", 10),  # the 3 m of its name, ten tubes
    ],
)
def test_whole_metres_and_a_name_s_length_are_left_alone(
    text: str, product: str, quantity: int
) -> None:
    parsed = SHOP.parse(text)
    assert (parsed.product, parsed.quantity) == (product, quantity), parsed


def test_more_digits_after_are_no_centimetres() -> None:
    assert "2.5m" not in [t.key for t in tokenize("2 m 50 000")]
    assert "2.5m" not in [t.key for t in tokenize("2 m 50,5")]


@pytest.mark.parametrize(
    "text",
    ["vendu 2m voil", "jai vendu 2 metre de voil", "vendu 2 m de voil"],
)
def test_a_misspelled_fabric_after_its_length_is_the_fabric(text: str) -> None:
    """`voil` after `2m` was read as `voila` (a yes): the sale named nothing."""
    parsed = SHOP.parse(text)
    assert (parsed.product, parsed.quantity) == ("VOILE", 2), parsed


def test_a_misspelled_fabric_is_kept_beside_another_line() -> None:
    """« jai vendu 2 metre de voil ak 1 bobine » drafted the spool alone: the voile was lost."""
    items = SHOP.parse_many("jai vendu 2 metre de voil ak 1 bobine")
    assert [(i.product, i.quantity) for i in items] == [("VOILE", 2), ("FIL", 1)]


COSMETICS = IntentMatcher([
    Entry("LAIT-400", "Lait de corps 400ml", ["lait"], "flacon"),
    Entry("LAIT-750", "Lait de corps 750ml", ["lait"], "flacon"),
    Entry("FER-8", "Fer à béton 8mm", ["fer"], "barre"),
    Entry("FER-12", "Fer à béton 12mm", ["fer"], "barre"),
    Entry("SAVON", "Savon de Marseille", ["savon"], "pièce"),
])  # fmt: skip


@pytest.mark.parametrize(
    ("text", "family", "number"),
    [
        ("vendu lait 400", ["LAIT-400", "LAIT-750"], 400),
        ("vendu lait 750", ["LAIT-400", "LAIT-750"], 750),
        ("recu lait 750", ["LAIT-400", "LAIT-750"], 750),
        ("vendu fer 12", ["FER-12", "FER-8"], 12),
    ],
)
def test_a_bare_number_after_a_family_in_sizes_is_read_as_its_quantity(
    text: str, family: list[str], number: int
) -> None:
    """`vendu lait 400` (Lait de corps 400ml / 750ml) is a size or a quantity: the reading keeps
    the family and the number (a bare number after the product is its quantity), and the
    conversation asks which, showing both (`state.flows.moves.sized`), never guessing the 400ml
    silently."""
    parsed = COSMETICS.parse(text)
    assert (parsed.product, sorted(parsed.candidates), parsed.quantity) == (None, family, number)


@pytest.mark.parametrize(
    ("text", "product", "candidates", "quantity"),
    [
        ("vendu 2 lait 400", "LAIT-400", [], 2),
        ("vendu lait 400 2", "LAIT-400", [], 2),
        ("vendu lait 3", None, ["LAIT-400", "LAIT-750"], 3),  # no size of theirs: a count
        ("vendu lait 400 flacons", None, ["LAIT-400", "LAIT-750"], 400),  # counted in its unit
        ("vendu savon 400", "SAVON", [], 400),  # one product: its count
    ],
)
def test_a_count_beside_or_of_no_size_stays_a_count(
    text: str, product: str | None, candidates: list[str], quantity: int
) -> None:
    parsed = COSMETICS.parse(text)
    assert (parsed.product, sorted(parsed.candidates), parsed.quantity) == (
        product,
        candidates,
        quantity,
    ), parsed


@pytest.mark.parametrize(
    ("text", "fix", "was"),
    [
        ("je me suis trompe c'etait 4 metres", 4, None),
        ("erreur c'etait 4 m pas 3", 4, 3),
        ("non c'est 4 metres", 4, None),
    ],
)
def test_a_correction_in_the_measure_counted_reads_its_length(
    text: str, fix: int, was: int | None
) -> None:
    found = correction(text, measure="m")
    assert found is not None and (found.quantity, found.was) == (fix, was), found


def test_a_size_of_another_measure_still_names_a_product() -> None:
    found = correction("non c'est le 5l", measure="m")
    assert found is not None and (found.quantity, found.rest) == (None, "5l"), found


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("vendu 2 lait 400 et 1 de 750", [("LAIT-400", 2), ("LAIT-750", 1)]),
        ("recu 10 lait 750 et 5 de 400", [("LAIT-750", 10), ("LAIT-400", 5)]),
        ("vendu 2 lait 400, 1 de 750 et 3 savon", [("LAIT-400", 2), ("LAIT-750", 1), ("SAVON", 3)]),
    ],
)
def test_another_size_told_by_its_bare_number_is_its_own_line(
    text: str, items: list[tuple[str, int]]
) -> None:
    """`vendu 2 lait 400 et 1 de 750` asked « Quel produit ? » for 2, the 750 line lost."""
    assert [(i.product, i.quantity) for i in COSMETICS.parse_many(text)] == items


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("vendu 10m bazin 5m voile", [("BAZIN", 10), ("VOILE", 5)]),
        ("vendu bazin 10m voile 5m", [("BAZIN", 10), ("VOILE", 5)]),
        ("recu 100m wax hollandais 3m voile", [("WAX-H", 100), ("VOILE", 3)]),
    ],
)
def test_lengths_without_separator_are_one_line_each(
    text: str, items: list[tuple[str, int]]
) -> None:
    """`vendu 10m bazin 5m voile` asked « Quel produit ? » (bazin or voile) for 10 m: the other
    line was lost."""
    assert [(i.product, i.quantity) for i in SHOP.parse_many(text)] == items
