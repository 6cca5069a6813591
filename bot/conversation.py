"""The conversation layer's entry point: one typed inbound message in, the replies to queue out.

Called by the inbound processor inside the transaction that marks the message processed, so the
stock change a message causes, its replies and the processed mark commit together.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.db.models import Manager
from bot.inbound.models import ButtonReply, InboundMessageEvent, ListReply, TextMessage
from bot.outbound.messages import OutgoingMessage, Text
from bot.settings import Settings


def respond(
    session: Session,
    manager: Manager,
    message: InboundMessageEvent,
    *,
    settings: Settings,
    now: datetime,
) -> list[OutgoingMessage]:
    """Replies to `message` from the registered, active `manager`.

    Placeholder until the conversations issue lands: echoes what was understood.
    """
    if isinstance(message, TextMessage):
        return [Text(f"Reçu : {message.body[:200]}")]
    if isinstance(message, ButtonReply | ListReply):
        return [Text(f"Choix reçu : {message.title or message.id}")]
    return [Text("Je comprends les messages texte, par exemple « STOCK RIZ ». Tapez AIDE.")]
