"""Sales, receipts, orders, stock questions and stock counts: a draft of lines, each settled in
turn (which product, how many, a guess to check), then confirmed as a whole and recorded in one
transaction — or, for a stock question, answered.

While a question of this flow waits, a reply is read as its answer first: a product among those
offered, a quantity, a yes or a no, or a correction of what was offered (`non c'est 4`, `l'autre`,
`c'est le riz parfumé`), after which the same action is offered again, corrected.

    settle       starting a draft, settling it line by line, the questions it asks
    answers      the replies to those questions, typed or tapped, a module per question
    corrections  the replies that correct what was offered: a line's product or amount,
                 lines added or removed, the line to change
    acts         recording or declining a settled draft
    results      what the effects said
"""

from state.flows.moves.acts import put_off_order
from state.flows.moves.answers import amend, answer, choose, drops_lines
from state.flows.moves.corrections import (
    adding,
    adds_to_draft,
    commanded,
    more_of,
    packed_sibling,
    sibling_among,
    sibling_meant,
    sibling_named,
)
from state.flows.moves.exchanges import exchange_items, exchanged, start_swap
from state.flows.moves.kinds import mixed
from state.flows.moves.reasons import one_reason, reason_of
from state.flows.moves.results import counted, full, ordered, recorded, refused
from state.flows.moves.settle import (
    FLOW,
    KINDS,
    action_of,
    advance,
    ask_product_for,
    asks_confirmation,
    asks_stock,
    count_line,
    counts_of,
    far_above,
    from_stock,
    names_something,
    offers_order,
    paced,
    product_words,
    referred,
    rewording,
    shown_words,
    start,
    start_count,
)
from state.flows.moves.units import foreign, unit_said

__all__ = [
    "FLOW",
    "KINDS",
    "action_of",
    "adding",
    "amend",
    "adds_to_draft",
    "advance",
    "asks_confirmation",
    "asks_stock",
    "far_above",
    "from_stock",
    "answer",
    "ask_product_for",
    "choose",
    "commanded",
    "count_line",
    "counts_of",
    "counted",
    "drops_lines",
    "exchange_items",
    "exchanged",
    "names_something",
    "offers_order",
    "put_off_order",
    "foreign",
    "full",
    "mixed",
    "more_of",
    "ordered",
    "packed_sibling",
    "paced",
    "rewording",
    "product_words",
    "one_reason",
    "reason_of",
    "recorded",
    "referred",
    "refused",
    "shown_words",
    "sibling_meant",
    "sibling_among",
    "sibling_named",
    "unit_said",
    "start",
    "start_count",
    "start_swap",
]
