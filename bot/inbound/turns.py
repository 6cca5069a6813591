"""What the conversation made of a message a manager typed or tapped, for metrics and the
owner's insight (`stockbot usage`): the intent read in it and how the turn ended.

Read at the edge, around `bot.conversation.respond`, from the stored conversation before and
after it (the conversation layer keeps the last thing recorded, the questions left and why, and
the misunderstandings in a row), and the intent from the same matcher the conversation used, both
as `respond` saw them (`bot.conversation.take_turn`):

- `recorded`: something was recorded (a sale, a receipt, a count, an order…);
- `cancelled`: the question waiting was cancelled (ANNULER, a deleted message) or answered no
  (nothing recorded);
- `expired`: the answer came after its question had expired;
- `misunderstood`: the bot did not understand the message, or the answer to its question;
- `answered`: anything else (a stock answer, a question asked, a greeting…).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from bot.conversation import TurnSeen, take_turn
from bot.db.models import Manager
from bot.outbound.messages import OutgoingMessage
from state.machine import DECLINED_KEY, DONE_KEY, UNCLEAR_KEY

RECORDED, CANCELLED, EXPIRED, MISUNDERSTOOD, ANSWERED = (
    "recorded",
    "cancelled",
    "expired",
    "misunderstood",
    "answered",
)
OUTCOMES = (RECORDED, CANCELLED, EXPIRED, MISUNDERSTOOD)  # the ones counted as metrics
CHOICE = "choice"  # the "intent" of a tapped button or list row
TURN_KEY = "turn"  # InboundMessage.payload key where the processor keeps a message's `Turn`
TEXT_KEPT = 200


@dataclass(frozen=True, slots=True)
class Turn:
    intent: str
    outcome: str
    text: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"intent": self.intent, "outcome": self.outcome, "text": self.text}


@dataclass(frozen=True, slots=True)
class _Memory:
    misses: int
    done: Any
    left: Any
    unclear: int  # answers to a question not understood, so far
    declined: int  # confirmations answered no, so far


def observe(
    session: Session,
    manager: Manager,
    text: str | None,
    run: Callable[[], list[OutgoingMessage]],
) -> tuple[list[OutgoingMessage], Turn]:
    """Run `run` (a `respond`) and tell what it made of the message (`text`: what was typed,
    None for a tap)."""
    take_turn(session)  # an earlier message's, in the same transaction
    replies = run()
    seen = take_turn(session)
    before = _memory(seen.before if seen is not None else {})
    after = _memory(seen.after) if seen is not None else before
    intent = _intent(seen, text)
    left = after.left if after.left != before.left else None
    why = left.get("why") if isinstance(left, dict) else None
    if after.done and after.done != before.done:
        outcome = RECORDED
    elif why == CANCELLED or after.declined > before.declined:
        outcome = CANCELLED
    elif why == EXPIRED:
        outcome = EXPIRED
    elif (
        after.unclear > before.unclear
        or after.misses > before.misses
        or (before.misses and not after.misses and intent == "unknown")
    ):
        outcome = MISUNDERSTOOD  # the second miss in a row resets the count and shows help
    else:
        outcome = ANSWERED
    return replies, Turn(intent, outcome, (text or "")[:TEXT_KEPT])


def _memory(context: dict[str, Any]) -> _Memory:
    # Only keys of `bot.conversation.OBSERVED`: the rest of the context after a turn is not kept.
    left = context.get("left")
    return _Memory(
        misses=_count(context, "misses"),
        done=context.get(DONE_KEY),
        left=left[-1] if isinstance(left, list) and left else None,
        unclear=_count(context, UNCLEAR_KEY),
        declined=_count(context, DECLINED_KEY),
    )


def _count(context: dict[str, Any], key: str) -> int:
    value = context.get(key)
    return value if isinstance(value, int) else 0


def _intent(seen: TurnSeen | None, text: str | None) -> str:
    if text is None:
        return CHOICE
    if seen is None or seen.view.matcher is None:
        return "unknown"
    return str(seen.view.matcher.parse(text).intent.value)
