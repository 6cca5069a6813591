"""Reply intents from `state` into outgoing WhatsApp messages (text, buttons, list)."""

from __future__ import annotations

from bot.outbound.messages import (
    TEXT_MAX,
    Button,
    Buttons,
    ListMessage,
    ListRow,
    OutgoingMessage,
    Text,
)
from bot.outbound.text import split_text
from state import Reply


def render(reply: Reply, *, text_limit: int = TEXT_MAX) -> list[OutgoingMessage]:
    """The messages showing `reply`; a long text becomes several (split, never truncated)."""
    if reply.buttons:
        return [
            Buttons(body=reply.text, buttons=tuple(Button(c.id, c.title) for c in reply.buttons))
        ]
    if reply.rows:
        return [
            ListMessage(
                body=reply.text,
                button=reply.list_button,
                rows=tuple(ListRow(c.id, c.title, c.description) for c in reply.rows),
            )
        ]
    return [Text(part) for part in split_text(reply.text, text_limit)]
