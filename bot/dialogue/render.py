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
from state import Reply


def render(reply: Reply) -> list[OutgoingMessage]:
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
    return [Text(part) for part in split_text(reply.text)]


def split_text(body: str, limit: int = TEXT_MAX) -> list[str]:
    """`body` in parts of at most `limit` characters, cut at line ends when possible.

    Nothing is dropped: a long inventory becomes several messages.
    """
    parts: list[str] = []
    current = ""
    for line in body.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        parts.append(current)
    return [p for p in parts if p.strip()]
