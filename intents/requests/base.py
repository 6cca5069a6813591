"""What every reader of a request shares: the kinds, the value read, and the word helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from intents.normalize import word_keys
from intents.units import UNIT_WORDS


class RequestKind(StrEnum):
    THANKS = "thanks"  # thanks, goodbyes, politeness and nothing else
    UNDO = "undo"  # take back the last movement (`movement` names its kind when said)
    CORRECT = "correct"  # the last movement was wrong: it was `quantity` (not `was`)
    COUNT = "count"  # a stock count: `counts`, one per product (`rest`, `quantity`: the first)
    COUNT_TOUR = "count_tour"  # `INVENTAIRE` alone: count the store product by product
    ORDERS = "orders"  # the open orders (of the product in `rest`, or order `order`)
    ORDER_RECEIVED = "order_received"  # order `order` (or of `rest`) arrived, `quantity` of `of`
    ORDER_CANCEL = "order_cancel"  # cancel order `order` (or of `rest`, or the last one)
    LANGUAGE = "language"  # answer in `language` from now on (`english please`, `wolof`)
    SUMMARY = "summary"  # totals of `movement` (sale, receipt) over `period` (of `rest`; `top`)
    COVER = "cover"  # what runs out soon at the current pace
    HISTORY = "history"  # the latest movements of the product in `rest` (`historique riz`)
    PRICE = "price"  # a price asked (`prix du riz`): the bot keeps quantities, not prices


# Why goods leave the stock without a sale (`Request.out`): lost, broken or stolen (`read_loss`),
# or sent back to the supplier (`read_supplier_return`).
Out = Literal["loss", "supplier"]

# Each reading of one count `(words left for the product, count)`, likeliest first; several
# when the product's name may hold a number (`fer de 10 : 140`, `41 kg de pointes de 70`): the
# catalogue decides (the reading whose words name one product).
Readings = tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Request:
    kind: RequestKind
    rest: str = ""  # words left for the product
    quantity: int | None = None
    was: int | None = None
    order: int | None = None
    of: int | None = None
    movement: str | None = None  # sale, receipt, adjustment (UNDO)
    last: bool = False  # `dernière`, `last`: about the last one, not a question waiting
    # ORDER_CANCEL: all of them (`annule les commandes`, `cancel all orders`); `quantity`, how
    # many were said (`les 2 commandes`)
    every: bool = False
    but: str = ""  # ORDER_CANCEL: words of the products whose orders are kept (`sauf le riz`)
    # ORDER_RECEIVED: said of goods delivered, not of an order (`la livraison de sucre est
    # arrivée`): a plain arrival when no order of theirs is open
    delivery: bool = False
    # ORDER_RECEIVED: `quantity` is what did not come (`arrivée mais il manque 2 sacs`, `reçue
    # sauf 3`, `2 bags missing`): the rest of the order arrived
    short: bool = False
    language: str | None = None  # fr, en, wo
    period: str | None = None  # day, yesterday, week, month, last_week, last_month (SUMMARY)
    top: bool = False  # `qu'est-ce qui se vend le plus ?`: the best sellers
    # COUNT: each product counted, in the order written (`inventaire riz 40 et savon 12`): the
    # readings of its count (`Readings`).
    counts: tuple[Readings, ...] = ()
    # COUNT: the numbers of `counts` are changes from the stock recorded (`riz 2 de plus`: +2).
    change: bool = False
    # COUNT: the change is goods out without a sale (`Out`), said as such, not as a count.
    out: Out | None = None
    # PRICE: the stock asked too (`prix du riz et stock ?`), of the product in `rest`.
    stock: bool = False
    # PRICE: read from a figure alone (`le sac est à 22000`, `c'est 600`), no price word nor
    # money said: under a question waiting, the number answers it.
    figure: bool = False

    @property
    def options(self) -> Readings:
        """The readings of the first (or only) count."""
        return self.counts[0] if self.counts else ()


def word_set(*phrases: str) -> frozenset[str]:
    """The keys of the words of ``phrases`` (folded as messages are)."""
    return word_keys(" ".join(phrases))


LAST = word_set("dernier derniere last precedent precedente previous mujj mujjee")
ORDER_NOUNS = word_set("commande cmd order komande komand")
# Words around a command that say the manager wants to do it, naming no product (`je veux
# vendre`, `I want to sell`, `dama bëgg jaay`, `je veux faire l'inventaire`).
WANTING = word_set(
    "je j veux veut voudrais voudrait voulais aimerais vais faire fais une un moi i want wanna "
    "would like to d let me please stp svp dama begg bugg naa"
)
# Function words, never the product's.
STOP = word_set(
    "de du des d la le les l ma mon mes my the a an of pour for stp svp please est sont is "
    "c ce ca que qu il elle on j je me moi i we nous vous a au aux en et and"
)


def rest_words(
    keys: Sequence[str], used: set[int], drop: frozenset[str], units: bool = False
) -> str:
    """The words left for the product: not at a ``used`` position, dropped, a stop word, or a
    unit word unless ``units`` (where the product is matched on them: the unit of sale narrows
    a family, `40 bidons de kirène`, and a unit word may be a word of a name, `coca canette`)."""
    return " ".join(
        k
        for i, k in enumerate(keys)
        if i not in used and k not in drop and k not in STOP and (units or k not in UNIT_WORDS)
    )
