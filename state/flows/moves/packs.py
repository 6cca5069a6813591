"""Products that are the same goods counted two ways: by the piece and as their own carton
product (`Savon Dermo 125g` and `Savon Dermo carton`, `Huile Dinor 1L` and `Huile Dinor
pack`). A stock question that names the goods without saying which (`stock savon dermo`) is
about both, as one naming a family is."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from intents import IntentMatcher
from intents.answers import keys_of
from intents.normalize import is_size
from intents.quantity_units import counts_in
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS
from state.matching import Offered
from state.turn import Turn


def packed_together(turn: Turn, sku: str, typed: str) -> tuple[str, ...]:
    """The other products that are `sku`'s goods packed in a unit, or the goods `sku` packs (a
    name of the same words plus a unit word it is counted in), when every word `typed` describes
    them too (`savon dermo`; not `savon dermo 125g`, a size the carton does not come in, nor
    `savon dermo carton`). Empty when there is none, or nothing typed."""
    matcher = turn.view.matcher
    keys = keys_of(typed)
    if matcher is None or not keys or turn.product(sku) is None:
        return ()
    if any(k in UNIT_WORDS for k in keys):  # `stock savon dermo carton`: the one said
        return ()
    together = tuple(
        other
        for other in _packed_pairs(matcher).get(sku, ())
        if turn.product(other) is not None and Offered([other], matcher).describes_all(typed)
    )
    return together if together and Offered([sku], matcher).describes_all(typed) else ()


@lru_cache(maxsize=64)
def _packed_pairs(matcher: IntentMatcher) -> Mapping[str, tuple[str, ...]]:
    """Each product's goods packed in a unit and the goods it packs, in catalogue order: the
    products named with the same words and one unit word more, counted in that unit (`Savon
    Dermo carton`, counted in cartons, packs `Savon Dermo 125g`). Read once per catalogue: a
    stock question would otherwise compare its product with every other."""
    products = matcher.products
    named: dict[frozenset[str], list[int]] = {}
    for index, product in enumerate(products):
        named.setdefault(_word_set_of_name(product.name), []).append(index)
    pairs: dict[str, set[int]] = {}
    for index, product in enumerate(products):
        words = _word_set_of_name(product.name)
        for unit in words & UNIT_WORDS:
            if not counts_in(product, unit):
                continue
            for goods in named.get(words - {unit}, ()):
                pairs.setdefault(products[goods].sku, set()).add(index)
                pairs.setdefault(product.sku, set()).add(goods)
    return {sku: tuple(products[i].sku for i in sorted(found)) for sku, found in pairs.items()}


def name_words(turn: Turn, sku: str) -> list[str]:
    """The words of a product's name that say what it is, in order (sizes, numbers and function
    words left aside: `en` of "Sucre en poudre" and "Lait en poudre" is no likeness)."""
    return list(_words_of_name(turn.name(sku)))


@lru_cache(maxsize=4096)
def _words_of_name(name: str) -> tuple[str, ...]:
    """Read once per name: a stock question compares the product with the whole catalogue."""
    return tuple(
        k for k in keys_of(name) if not is_size(k) and not k.isdigit() and k not in STOPWORDS
    )


@lru_cache(maxsize=4096)
def _word_set_of_name(name: str) -> frozenset[str]:
    return frozenset(_words_of_name(name))
