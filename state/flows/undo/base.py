"""What the undo flow's parts share: the flow's name, what was just recorded, how its
questions are asked."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from state.effects import FindLastMovement
from state.machine import DONE_KEY, State
from state.turn import Turn, worded_later
from state.values import Reply

FLOW = "undo"
KINDS = frozenset({"undo"})
# How long after a recording a bare `non c'est 4` corrects it.
RECENT = timedelta(minutes=15)
WHOLE = frozenset({"sale", "receipt"})  # taken back whole when recorded in several lines
UNIT = "unit"  # how many of the product's unit a correction in another makes


# Movements the manager names by their reason: a count's kind, its note saying why.
REASONS = {"loss": "adjustment"}


def look_up(turn: Turn, kind: str | None, want: dict[str, Any], key: str | None = None) -> None:
    """Leave what waits and look up the manager's movement (of `kind`, or a reason of
    `REASONS`: `annule la perte`; with `key`, those one recording made) for what is wanted of
    it (`found` reads `want`)."""
    turn.finish()
    turn.ctx["want_undo"] = want
    if kind in REASONS:
        turn.do(FindLastMovement(REASONS[kind], key=key, why=kind))
    else:
        turn.do(FindLastMovement(kind, key=key))


def recent_done(turn: Turn) -> dict[str, Any] | None:
    """What was recorded last in this conversation, when it was less than `RECENT` ago."""
    done = turn.ctx.get(DONE_KEY)
    if not done or turn.conv.now - datetime.fromisoformat(str(done["at"])) > RECENT:
        return None
    return dict(done)


def done_kind(turn: Turn) -> str | None:
    done = recent_done(turn)
    return None if done is None else str(done.get("kind"))


def product_named(turn: Turn, words: str) -> str:
    """What `words` call a product of the catalogue: its name (or the words, for several)."""
    matcher = turn.view.matcher
    if matcher is None:
        return ""
    parsed = matcher.parse(words)
    if parsed.product is not None:
        return turn.name(parsed.product)
    return words if parsed.candidates else ""


def ask_yes(turn: Turn, body: str, token: str, **context: Any) -> None:
    """Ask "`body` [Oui] [Non]" for this flow; `context` is what the yes then does."""
    turn.ask(
        State.AWAITING_CONFIRMATION,
        Reply(body, buttons=turn.yes_no("undo", token)),
        flow=FLOW,
        token=token,
        dropped=worded_later("undo_dropped"),
        **context,
    )


def say_sold(turn: Turn, sku: str, available: int, quantity: int) -> None:
    """An arrival of the wrong product cannot be taken back: its units were sold since."""
    turn.say(
        "swap_sold",
        available=turn.amount(max(available, 0), sku),
        name=turn.name(sku),
        old=turn.line_text(sku, quantity),
    )
