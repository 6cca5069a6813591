"""People and vehicles named in a message: who sold or brought the goods, never the goods.

- A family noun, or someone working for the shop, after a possessive is a person: ``mon fils a
  vendu 2 riz`` (``fils`` reads ``fil``: no "Fil à coudre"), ``ma femme a pris 3 savons``, ``my
  son sold 2 bags``, ``sama doom jaay na 2 ceeb``.
- A vehicle or a carrier right before a verb of goods moving is who moved them: ``le camion a
  amené 5 cartons``, ``the truck brought 5 cartons of milk``, ``le livreur a déposé 10 sacs``
  (not ``vendu 2 pneus camion``: a catalog's "Pneu camion" still names it).

- In an order, who it is ordered from: the name after ``chez``, ``fournisseur``, ``grossiste``,
  ``from`` (``commande 20 sucre chez Sow``, ``commander 10 riz au fournisseur Diallo``, ``order
  12 tea from Sow``), up to a number or the end: ``chez Touba`` is no "Café Touba".

Such words name no product, and are no unexplained words either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from intents.cue_words import WORDS, Cue
from intents.normalize import word_keys
from intents.stopwords import OF_WORDS

FAMILY = word_keys(
    "fils fille filles enfant gamin gamine frere soeur femme mari epouse epoux pere mere papa "
    "maman oncle tonton tante tata cousin cousine neveu niece "
    "son sons daughter child children kid brother sister wife husband father mother dad mum "
    "mom uncle aunt nephew niece "
    "doom rakk mag jabar jekker baay yaay nijaay bajjan"
)
CARRIERS = word_keys(
    "camion camionnette voiture moto taxi charrette pickup van bus chauffeur livreur "
    "transporteur coursier porteur apprenti boy employe vendeur vendeuse gerant associe "
    "truck lorry driver courier employee worker assistant apprentice partner"
)
_THE = word_keys("le la les l au aux du de d the a")
POSSESSIVES = word_keys(
    "mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs my your his her our their sama"
)
# The verbs a carrier is the subject of: goods brought or delivered, or sold.
_BRINGING = WORDS[Cue.BROUGHT] | WORDS[Cue.RECEIVE]
_MOVING = _BRINGING | WORDS[Cue.SELL]
_REACH = 3  # `le camion vient d'arriver`: the verb within three words
# Who an order is placed with: `chez Sow`, `au fournisseur Diallo`, `from Sow`, `ci Modou`.
_FROM = word_keys("chez fournisseur fournisseurs grossiste grossistes supplier from aupres")
_SUPPLIER_NAME = 3
# Who sells a kind of goods (`grossiste de riz`, `rice supplier`), and the `de`/`of` before it.
_SELLERS = word_keys("fournisseur fournisseurs grossiste grossistes supplier suppliers vendeur")


def carried(keys: Sequence[str]) -> bool:
    """Whether a vehicle or a carrier brought or delivered goods (``le camion a amené le riz``,
    ``the driver brought milk``): an arrival, a number said or not."""
    return any(
        key in CARRIERS and any(k in _BRINGING for k in keys[index + 1 : index + 1 + _REACH])
        for index, key in enumerate(keys)
    )


def people_positions(
    keys: Sequence[str], goods: Callable[[str], bool] | None = None
) -> frozenset[int]:
    """Where ``keys`` name a person or a vehicle, as the module says. ``goods`` tells a word
    that names goods of the catalogue (none told: the supplier's words are all its name)."""
    found: set[int] = set(_supplier_positions(keys, goods))
    for index, key in enumerate(keys):
        owned = index > 0 and keys[index - 1] in POSSESSIVES
        if (owned and (key in FAMILY or key in CARRIERS)) or (
            key in CARRIERS and any(k in _MOVING for k in keys[index + 1 : index + 1 + _REACH])
        ):
            found.add(index)
    return frozenset(found)


def _supplier_positions(
    keys: Sequence[str], goods: Callable[[str], bool] | None = None
) -> frozenset[int]:
    """Where an order names who it is placed with (the module's third case): the marker and
    the words after it, up to a number, the end, or more than a name's words (then none: `je
    commande chez le grossiste le riz parfumé et l'huile` may name the goods after it).

    What the supplier sells is the goods when the order names none elsewhere: `chez le
    grossiste de riz`, `the rice supplier` (`grossiste de riz` leaves the rice out)."""
    if not any(k in WORDS[Cue.ORDER] for k in keys):
        return frozenset()
    for index, key in enumerate(keys):
        if key not in _FROM:
            continue
        name = list(range(index + 1, len(keys)))
        stop = next((i for i in name if keys[i][:1].isdigit()), None)
        if stop is not None:
            name = name[: stop - index - 1]
        named = [i for i in name if keys[i] not in _FROM and keys[i] not in _THE]
        if 0 < len(named) <= _SUPPLIER_NAME:
            found = {index, *name}
            return frozenset(found - _goods_sold(keys, sorted(found), goods))
    return frozenset()


def _goods_sold(
    keys: Sequence[str], phrase: Sequence[int], goods: Callable[[str], bool] | None
) -> set[int]:
    """The words of a supplier's phrase that say what it sells (`grossiste de riz`, `the rice
    supplier`, `fournisseur du ciment`), when they name goods and no word out of the phrase
    does (`commande 5 sucre chez le grossiste de riz`: the sugar, from the rice wholesaler)."""
    kind: set[int] = set()
    for at in phrase:
        if keys[at] in OF_WORDS and at - 1 in phrase and keys[at - 1] in _SELLERS:
            kind.update(i for i in phrase if i > at and keys[i] not in _THE)
        if keys[at] in _SELLERS and at - 1 in phrase and keys[at - 1] not in _THE | _FROM:
            kind.update(i for i in phrase if i < at and keys[i] not in _THE | _FROM)
    if goods is None or not any(goods(keys[i]) for i in kind):
        return set()
    elsewhere = any(goods(k) for i, k in enumerate(keys) if i not in phrase)
    return set() if elsewhere else kind
