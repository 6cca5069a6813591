"""The question waiting asked again in the language of now (`Turn.reword_question`): how a
flow builds it from the conversation's state. A sale, an arrival, an order or a count waiting
(`state.flows.moves`, but « Quelle ligne modifier ? ») and the guided count's product
(`state.flows.tour`) are asked again whole, as they would be now; every other question (an
alert push, an order's delivery, rest or cancel, the list of orders, an undo, a store) is said
again from what its texts were made of when it was asked (`state.wording`)."""

from __future__ import annotations

from collections.abc import Callable

from state.flows import moves, tour
from state.turn import Turn


def rewords(turn: Turn) -> Callable[[], None] | None:
    """How the question waiting is asked by its flow; None when it cannot be asked again."""
    if turn.flow == moves.FLOW:
        return moves.rewording(turn)
    if turn.flow == tour.FLOW:
        return lambda: tour.ask_again(turn)
    return None
