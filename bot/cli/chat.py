"""`stockbot chat`: talk to the bot from a terminal, through the same path as WhatsApp.

Each line typed is stored as an inbound message (as a webhook would), the inbound processor
answers it (`bot.conversation.respond`), the replies are read from the outbox and sent with the
sandbox transport. Buttons and list rows print as numbered choices: typing the number taps it.
Runs only with `WHATSAPP_PROVIDER=sandbox`, so it never sends a real message.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field

import typer
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.cli._common import load, ready_engine, user_errors
from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import ManagerStore, OutboundMessage
from bot.demo import DEMO_MANAGER_PHONE, DEMO_STORE, create_demo
from bot.errors import NotFound
from bot.inbound.batch import ReceivedMessage
from bot.inbound.models import ButtonReply as TappedButton
from bot.inbound.models import InboundMessageEvent, ListReply, TextMessage
from bot.inbound.processor import process_pending
from bot.inbound.store import store_inbound
from bot.managers import find_manager
from bot.outbound.messages import Buttons, ListMessage, OutgoingMessage, Text, from_payload
from bot.outbound.worker import OutboxWorker
from bot.phones import normalize_phone
from bot.settings import Settings
from bot.stock import get_store
from bot.transports.sandbox import SandboxTransport

_QUIT = {"/quit", "/q", "/exit"}


@dataclass
class Offered:
    """The choices of the last reply, all its messages: number → (id, title, is a list row)."""

    choices: list[tuple[str, str, bool]] = field(default_factory=list)


def render_message(message: OutgoingMessage, offered: Offered) -> str:
    """How a phone shows `message`; its choices are numbered and remembered in `offered`.

    The numbers go on from one message of a reply to the next (a guided count's question and
    an alert push below it: 1–3, then 4–5), so that a number typed taps what it is printed
    beside, never a choice of another message."""
    if isinstance(message, Text):
        return message.body
    first = len(offered.choices) + 1
    if isinstance(message, Buttons):
        offered.choices += [(b.id, b.title, False) for b in message.buttons]
        numbered = enumerate(message.buttons, first)
        lines = [message.body] + [f"  {i}) [{b.title}]" for i, b in numbered]
        return "\n".join(lines)
    if isinstance(message, ListMessage):
        offered.choices += [(r.id, r.title, True) for r in message.rows]
        lines = [message.body, f"  ☰ {message.button}"]
        for i, row in enumerate(message.rows, first):
            detail = f" — {row.description}" if row.description else ""
            lines.append(f"  {i}) {row.title}{detail}")
        return "\n".join(lines)
    return f"({type(message).__name__})"


class ChatSession:
    """One phone number talking to the bot through storage, processor, outbox and sandbox."""

    def __init__(self, settings: Settings, engine: Engine, phone: str) -> None:
        self.settings = settings.model_copy(update={"outbox_pair_interval_seconds": 0.0})
        self.engine = engine
        self.phone = phone
        self.offered = Offered()
        with transaction(engine) as session:
            last = session.exec(
                select(OutboundMessage.id)
                .where(OutboundMessage.recipient == phone)
                .order_by(col(OutboundMessage.id).desc())
            ).first()
        self.seen = last or 0

    def message_for(self, typed: str) -> InboundMessageEvent:
        """A tap when `typed` is the number of a choice just offered, else a text message."""
        common = {
            "provider": "sandbox",
            "message_id": f"chat-{uuid.uuid4().hex}",
            "sender": self.phone,
            "timestamp": utcnow(),
        }
        if typed.isdecimal() and 1 <= int(typed) <= len(self.offered.choices):
            choice_id, title, is_row = self.offered.choices[int(typed) - 1]
            if is_row:
                return ListReply(id=choice_id, title=title, **common)  # type: ignore[arg-type]
            return TappedButton(id=choice_id, title=title, **common)  # type: ignore[arg-type]
        return TextMessage(body=typed, **common)  # type: ignore[arg-type]

    def exchange(self, typed: str) -> list[OutgoingMessage]:
        """Send `typed` as the manager would; the replies the bot queued for them, sent."""
        message = self.message_for(typed)
        self.offered = Offered()
        with transaction(self.engine) as session:
            store_inbound(session, [ReceivedMessage(message, raw={})], now=utcnow())
        process_pending(self.engine, self.settings)
        with transaction(self.engine) as session:
            rows = session.exec(
                select(OutboundMessage)
                .where(OutboundMessage.recipient == self.phone, col(OutboundMessage.id) > self.seen)
                .order_by(col(OutboundMessage.id))
            ).all()
            replies = [from_payload(row.kind, row.payload) for row in rows]
            if rows:
                self.seen = rows[-1].id or self.seen
        worker = OutboxWorker(self.settings, self.engine, SandboxTransport())
        asyncio.run(worker.run(until_idle=True, max_wait=0.0))
        return replies


def chat(
    phone: str = typer.Option(
        DEMO_MANAGER_PHONE,
        "--phone",
        help="Numéro d'un gérant (stockbot managers add) ; un numéro inconnu reçoit le refus.",
    ),
    store: str = typer.Option(
        DEMO_STORE, "--store", help="Magasin où travailler (demo : créé au besoin)."
    ),
) -> None:
    """Discute avec le bot dans le terminal, comme sur WhatsApp (transport sandbox)."""
    settings = load()
    logging.getLogger().setLevel(logging.WARNING)  # the conversation, not the sandbox's log
    if settings.whatsapp_provider != "sandbox":
        typer.echo("Erreur : stockbot chat fonctionne avec WHATSAPP_PROVIDER=sandbox", err=True)
        raise typer.Exit(2)
    engine = ready_engine(settings)
    with user_errors():
        e164 = normalize_phone(phone, settings.default_region)
        _prepare(engine, settings, e164, store)
    session = ChatSession(settings, engine, e164)
    typer.echo(f"Vous écrivez au bot depuis {e164} (magasin {store}). /quit pour sortir.")
    while True:
        try:
            typed = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return
        if typed in _QUIT:
            return
        if not typed:
            continue
        for message in session.exchange(typed):
            typer.echo(render_message(message, session.offered))
            typer.echo("")


def _prepare(engine: Engine, settings: Settings, phone: str, store: str) -> None:
    """The demo store (and its manager) when asked for; the manager works in `store`, which
    must exist and be theirs (NotFound otherwise). Nobody else is registered or changed: an
    unknown number is refused by the bot."""
    with transaction(engine) as session:
        if store == DEMO_STORE:
            create_demo(session, settings=settings)
        chosen = get_store(session, store)
        manager = find_manager(session, phone)
        if manager is None:
            return  # an unknown number: the bot answers with its polite refusal
        if session.get(ManagerStore, (manager.id, chosen.id)) is None:
            raise NotFound(f"{phone} n'est pas gérant du magasin {store}")
        manager.current_store_id = chosen.id
        session.add(manager)
