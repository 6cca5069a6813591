"""What a reply says, read alike by several of this flow's questions: an amount beside a
product's name, a product named, the draft's command said again, a skip, a wish to change."""

from __future__ import annotations

from collections.abc import Sequence

from intents import MIDDLING, Intent
from intents.answers import correction, keys_of, numbers_in, position
from intents.cue_words import EDIT_WORDS
from intents.numbers import code_digits
from intents.requests.base import WANTING
from intents.stopwords import STOPWORDS
from state.drafts import COUNTED, Draft, Line
from state.flows.moves.settle import (
    SKIP_WORDS,
    TRANSACTIONS,
    action_of,
    asks_stock,
    count_lines,
    counts_of,
    new_line,
)
from state.matching import Offered
from state.turn import Reading, Turn


def edit_again(turn: Turn, reading: Reading, hint: str | None = None) -> bool:
    """`modifier`, `je veux changer`, `edit` while a line's product or quantity, or the line to
    change, is asked: that question is the change; it comes again (with its choices)."""
    keys = [k for k in keys_of(reading.text) if k not in STOPWORDS and k not in WANTING]
    if not keys or not all(k in EDIT_WORDS for k in keys):
        return False
    turn.repeat_question(hint)
    return True


def amount_added(turn: Turn, reading: Reading, offer: Sequence[str], sku: str) -> int | None:
    """A number the answer adds that is neither a position nor one of the chosen product's
    names (`embrayage, 3 en fait`; not the 45 of `la 45` for Batterie 12V 45Ah): the quantity."""
    draft = turn.draft
    if draft is None or draft.action not in COUNTED or _is_position(reading, offer):
        return None
    found = correction(reading.text)
    if found is not None and found.was is not None:
        return None
    if found is None or found.quantity is None:  # `pampers 3 12`: two numbers
        said = _beside_name_number(turn, draft, reading, sku)
        return said if said is not None else _beside_picked_number(turn, reading, sku)
    chosen = Offered([sku], turn.view.matcher)
    if chosen.holds_numbers(reading.text):
        return None
    if chosen.sized(found.quantity) or chosen.numbered(found.quantity):
        return None  # `la 5`, `celui de 5` among oils of 1, 5 and 20 L: its size, no amount
    return found.quantity


def _beside_name_number(turn: Turn, draft: Draft, reading: Reading, sku: str) -> int | None:
    """`pampers 3 12`, `fer 10 140`: the amount beside a number of the product's name, read as
    the action's command reads it (the name's number is no amount); None when only the name's
    numbers are there (`la 45`)."""
    if draft.action == "count":
        lines = count_lines(turn, counts_of(turn, reading.text), reading.text)
        said = lines[0] if len(lines) == 1 and lines[0].quantity is not None else None
        if said is not None and not Offered([sku], turn.view.matcher).holds_numbers(said.words):
            said = None  # `pampers 3`, read as a count of 3: no amount beside the name's
    else:
        said = said_again(turn, draft, reading)
    return said.quantity if said is not None and said.sku == sku else None


def _beside_picked_number(turn: Turn, reading: Reading, sku: str) -> int | None:
    """`le 10, 6 barres`, `6 barres du 10` picking Fer à béton 10 among the rebars (no word of
    its name but the number): the one other number is the amount; None unless a number is the
    chosen product's name's (or size's) and exactly one is not."""
    if not may_count(reading.text):
        return None
    chosen = Offered([sku], turn.view.matcher)
    values = [value for _, _, value in numbers_in(keys_of(reading.text)).values]
    own = [v for v in values if chosen.numbered(v) or chosen.sized(v)]
    others = [v for v in values if v not in own]
    if not own or len(others) != 1 or others[0] != int(others[0]):
        return None
    return int(others[0])


def _is_position(reading: Reading, offer: Sequence[str]) -> bool:
    return position(reading.text, len(offer)) is not None


def named_product(turn: Turn, reading: Reading) -> tuple[str, ...]:
    """A product of the catalog named by a reply that is not another command."""
    parsed = reading.parsed
    if parsed is None or parsed.intent not in (Intent.STOCK_QUERY, Intent.UNKNOWN):
        return ()
    if asks_stock(reading):
        return ()
    if parsed.product is not None:
        return (parsed.product,)
    return tuple(parsed.candidates)


def skips(reading: Reading) -> bool:
    return any(k in SKIP_WORDS for k in keys_of(reading.text))


def said_again(turn: Turn, draft: Draft, reading: Reading) -> Line | None:
    """The reply read as the draft's own command with one product and its amount (`riz parfumé
    3`, `fer 8 10 barres` while a sale waits: `VENTE riz parfumé 3`): the line it makes. None
    for a stock question, several items, no amount, or only a number of a name (`2t`)."""
    matcher = turn.view.matcher
    if matcher is None or draft.action not in COUNTED or asks_stock(reading):
        return None
    if not may_count(reading.text):
        return None
    items = matcher.parse_many(f"{turn.t('verb_' + draft.action)} {reading.text}")
    if len(items) != 1:
        return None
    item = items[0]
    if action_of(item.intent) != draft.action or not (item.product or item.candidates):
        return None
    if item.quantity is None and item.quantity_issue is None:
        return None
    return new_line(turn, item, reading.text, draft.action)


def may_count(text: str) -> bool:
    """A number that may count: not one glued to the letters of a name (`2t`, `9v`)."""
    keys = keys_of(text)
    codes = code_digits(text)
    return any(
        not (stop - start == 1 and keys[start] in codes)
        for start, stop, _ in numbers_in(keys).values
    )


def commands_else(reading: Reading, sku: str, action: str) -> bool:
    """A command of its own typed while a number about `sku`'s `action` is asked (`vendu 2
    cadenas`, `commande 5 peinture`, `stock 2 robinets` under « Il ne reste que 6 brouettes »
    or « 4 barres de Ciment, ça fait combien de sacs ? »): no answer, whatever number it holds.
    The same action of the same product, or of none, answers it (`vendu 5 brouettes`, `80
    sacs`)."""
    if reading.request is not None:
        return True
    parsed = reading.parsed
    if parsed is None or parsed.score < MIDDLING:
        return False
    named = {parsed.product} if parsed.product else set(parsed.candidates)
    if named and sku not in named:
        return True
    return parsed.intent in TRANSACTIONS and action_of(parsed.intent) != action
