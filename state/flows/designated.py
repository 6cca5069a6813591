"""A product designated by the last answer rather than named: one of the family it listed (`le
grand`, `the small one`, `le 2e`, `celui en paquets`, `le 5L` after `stock huile`), or the other one
(`l'autre`, `et l'autre ?`, `the other one`, `beneen bi` after `stock riz` answered the broken
rice). Its stock is answered."""

from __future__ import annotations

from dataclasses import replace

from intents import Intent
from intents.answers import wants_other
from state.drafts import Line
from state.flows import listed, moves
from state.flows.moves.corrections.siblings import siblings_of
from state.matching import sizes_only
from state.turn import Reading, Turn


def answer(turn: Turn, reading: Reading) -> bool:
    """The stock of the product `reading` designates; False when it designates none. A size
    alone (`le 20kg`, `bu 20kg bi`) reads as a stock question about every product of that size:
    of those listed, it designates the one of that size."""
    parsed = reading.parsed
    if parsed is not None and parsed.intent is Intent.STOCK_QUERY and not sizes_only(reading.text):
        return False
    picked = listed.picked(turn, reading.text) or _the_other_one(turn, reading)
    if not picked or reading.parsed is None:
        return False
    one = picked[0] if len(picked) == 1 else None  # `les bidons`: those of them, listed again
    asked = replace(
        reading.parsed,
        intent=Intent.STOCK_QUERY,
        product=one,
        candidates=[] if one else list(picked),
        score=1.0,
    )
    turn.ctx["misses"] = 0
    moves.start(turn, "stock", [asked], reading.text)
    return True


def _the_other_one(turn: Turn, reading: Reading) -> tuple[str, ...]:
    """The products nearest the one the last answer was about (`siblings_of`), when the text
    says "the other" and names no product. It was « Je n'ai pas compris »."""
    subject = turn.subject()
    if subject is None or not wants_other(reading.text):
        return ()
    parsed = reading.parsed
    if parsed is not None and (parsed.product or parsed.candidates):
        return ()
    return siblings_of(turn, Line(sku=subject))
