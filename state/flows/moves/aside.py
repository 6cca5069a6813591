"""A stock question about what the question waiting is about (`stock riz`, `il en reste
combien ?` while the sale of rice, "Quel produit ?" between two rices or the rice's low-stock
alert waits): the manager checks before answering, so the stock comes above the same question,
which still waits. A stock question about another product is a new command (it replaces the
question and says what was dropped)."""

from __future__ import annotations

from collections.abc import Sequence

from intents import Intent
from intents.cue_words import WORDS, Cue
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS
from state.answers import family_line, stock_text
from state.flows.moves.settle import FAMILY_SHOWN, asks_stock, product_words, refers
from state.matching import Offered
from state.turn import Reading, Turn

_STOCK_INTENTS = frozenset({Intent.STOCK_QUERY, Intent.STOCK_OVERVIEW})


def stock_of(
    turn: Turn, reading: Reading, about: Sequence[str], referred: Sequence[str] | None = None
) -> str | None:
    """The stock answer to `reading` when it asks the stock of products among `about` (the
    products the question waiting is about), else None. A product named must be one of them
    (`stock coca 1.5` at "Quel produit ?" between the cokes), or all of those named (`stock
    coca`: each one line), or a family of products one of which is (`stock coca` while the sale
    of Coca 1.5L waits; `stock coca 33` is another product); a pronoun (`il en reste combien
    ?`) or no product at all (`combien ?`) is about `referred` (all of `about` unless given).
    No amount (`il reste 30 riz` counts)."""
    parsed = reading.parsed
    if (
        parsed is None
        or reading.request is not None
        or parsed.intent not in _STOCK_INTENTS
        or parsed.quantity is not None
        or not asks_stock(reading)
    ):
        return None
    about = [sku for sku in dict.fromkeys(about) if turn.product(sku) is not None]
    named = [parsed.product] if parsed.product else list(parsed.candidates)
    if parsed.intent is Intent.STOCK_OVERVIEW or not named:
        if not (refers(reading.text) or _names_nothing(reading.text)):
            return None
        named = list(about if referred is None else referred)
    # `stock coca` while the sale of Coca 1.5L waits: its family, no more precise than it.
    family = parsed.product is None and len(named) > 1 and bool(set(named) & set(about))
    if not named or not (set(named) <= set(about) or family) or len(named) > FAMILY_SHOWN:
        return None
    if len(named) == 1:
        product = turn.product(named[0])
        return stock_text(turn.lang, product) if product is not None else None
    ranked = Offered(named, turn.view.matcher).ranked(product_words(reading.text))
    return "\n".join(
        family_line(turn.lang, p, None) for sku in ranked if (p := turn.product(sku)) is not None
    )


def _names_nothing(text: str) -> bool:
    """No word of a product is left (`combien ?`, `how many left?`, `how much is left`,
    `combien de sacs il reste`): only function, stock and unit words (`tout le stock` asks
    for the whole stock)."""
    return all(
        k in STOPWORDS or k in WORDS[Cue.STOCK] or k in UNIT_WORDS
        for k in product_words(text).split()
    )
