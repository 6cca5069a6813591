"""The stock stated rather than asked (`il reste 30 riz`, `plus que 5 sucre`, `only 4 left of
sugar`, `le lait est fini`, `ceeb bi dafa jeex`): the manager says what is on the shelf. It is
offered as a count (`Riz : 42 → 30 sacs ?`), confirmed as counts are; before, the stock noted
was shown and the figure said was lost. A question (`il reste combien de riz ?`, `il reste 30
riz ?`) is still answered."""

from __future__ import annotations

from intents.answers import keys_of
from intents.normalize import word_keys
from intents.requests import Readings, read_counts
from state.flows.moves import count_line
from state.turn import Reading, Turn

# Words that state what is left (`il reste`, `only … left`, `plus que`, Wolof `des na`).
_STATING = word_keys("reste restent restant restants restante left remaining des")
_ONLY = (("plus", "que"), ("only",), ("que",))
# A product finished: none left (`le lait est fini`, `dafa jeex`, `sugar is finished`).
_FINISHED = word_keys(
    "fini finie finis finies epuise epuisee epuises termine terminee jeex finished"
)
# Words that ask rather than state.
_ASKING = word_keys("combien cb how many much naata quel quelle what ndax")
# Words that are neither the product nor the figure.
_AROUND = (
    _STATING
    | _FINISHED
    | word_keys(
        "il ils me m nous on y a en plus que only of there are is na dafa est sont it bi yi "
        "ba le la les l du de"
    )
)


def stated_counts(turn: Turn, reading: Reading) -> tuple[Readings, ...] | None:
    """The count a stock statement says, one product, or None when the message asks."""
    text = reading.text
    keys = keys_of(text)
    asking = any(k in _ASKING for k in keys) or any(
        keys[i : i + 2] == ["est", "ce"] for i in range(len(keys))
    )
    if "?" in text or asking or len(reading.many) > 1:
        return None
    finished = any(k in _FINISHED for k in keys)
    stating = any(k in _STATING for k in keys) or any(
        tuple(keys[i : i + len(p)]) == p for p in _ONLY for i in range(len(keys))
    )
    if not (finished or stating):
        return None
    words = " ".join(k for k in keys if k not in _AROUND)
    parsed = reading.parsed
    if parsed is None or (parsed.product is None and not parsed.candidates):
        return None
    if finished and not any(k.isdigit() for k in keys):
        counts: tuple[Readings, ...] = (((words, 0),),)
    else:
        counts = read_counts(words)
    if len(counts) != 1:
        return None
    line = count_line(turn, counts[0])
    product = turn.product(line.sku) if line.sku else None
    if product is not None and product.quantity == line.quantity:
        return None  # what is noted: the stock answer says so
    return counts
