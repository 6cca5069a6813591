"""A name typed short but only one product's: taken without asking.

Catalogs are imported as owners write them, without aliases ("Bazin riche bleu", "Coca-Cola
1,5L", "Lait en poudre Nido 400g"), and managers type a name with words left out (``bazin
bleu``, ``coca 1.5``, ``lait nido``). Such a match is not exact (no whole alias covers the
words), which asks "Vouliez-vous dire … ?". It is taken as sure when:

- every word matched is a word (or size) of the product's names, in any order, and no other
  product's names hold them all: ``bazin`` alone, held by two, still lists both, and ``2 bidons
  de kirene``, narrowed by the unit of sale only, is still asked; a unit word of the name
  narrows as its other words do (``coca canette``);
- no word typed is left over: an unknown word, or a catalog word of another product, beside
  the name (``stock bazin bleu ciel``, ``lait nido bleu``) may mean another product; and with
  no command, the name said in a sentence (``je suis à dakar`` of "Parfum Dakar Nuit") is
  no sure question about it (``nido``, ``le nido stp`` are);
- at least one word of the name is typed as written: a name read only through corrected typos
  (``vendu 2 sucr``, ``savn de marseil``), by sound or by translation (``cubes`` for "Sucre
  morceaux 1kg") is still asked, a typo beside a word typed right (``lait bonet``) is not.
"""

from __future__ import annotations

from intents.catalog import ProductIndex
from intents.cue_words import COURTESY
from intents.precedence import Reading
from intents.stopwords import LINK_WORDS, STOPWORDS
from intents.units import UNITS


def named_alone(index: ProductIndex, reading: Reading) -> bool:
    """Whether the reading's one product is named by its own words alone, as the module says."""
    match = reading.match
    if match is None or len(match.products) != 1 or reading.leftover:
        return False
    product = match.products[0]
    keys = reading.keys
    held = match.holders
    used = reading.cues.positions | match.positions
    if not reading.cues.found - COURTESY and any(
        key in STOPWORDS and key not in LINK_WORDS and key not in index.vocabulary
        for i, key in enumerate(keys)
        if i not in used
    ):
        return False  # `je suis à dakar`: a sentence with no command, no product's name
    for key in (key for i, key in enumerate(keys) if i not in used):
        if key in index.unit_vocabulary:
            named = index.sizes.named_with(UNITS.get(key, key))
            if product in named:  # `coca canette`: the can's word, not the unit of a count
                held = held & named
    if held != {product}:
        return False
    return any(keys[i].isalpha() and index.as_written(keys[i]) for i in match.positions)
