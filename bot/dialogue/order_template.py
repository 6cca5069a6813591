"""The order-confirmation template (`confirmation_commande`) for the orders a manager places in
chat, when a free-form reply cannot reach them.

The 24-hour window may be closed when the reply goes: a late re-delivery processed after it
closed (the replies are then held for the manager's next message, and the template goes now),
or a reply that waited in the outbox (paused sending, backlog) until Meta refused it (131047:
the outbox swaps in the template carried as its `fallback`, as alert pushes do). The template
goes only once Meta approved it (`stockbot templates push`), in the manager's language when
approved in it (else `ALERT_TEMPLATE_LANGUAGE`), as the alert template does. Twilio sends one
Content template (`TWILIO_CONTENT_SID_ALERT`): none there.

The chat replies that say the same thing (`note_confirming`: the "✅ Commande n°… confirmée"
lines the conversation answers an order with) are `repeated` by the template, so that the
manager reads one confirmation, never two (see `bot.inbound.treatment.deliver_replies`).
"""

from __future__ import annotations

from sqlmodel import Session

from bot.db.models import Manager
from bot.operations.template_catalog import ORDER_CONFIRMATION
from bot.operations.templates import approved_somewhere, template_language
from bot.orders import OrderFacts
from bot.outbound.messages import OutgoingMessage, Template
from bot.settings import Settings
from state.messages import amount, text

_PLACED = "stockbot.orders_placed"  # session.info key: the orders placed in chat, in order
_CONFIRMING = "stockbot.orders_confirming"  # session.info key: the chat replies confirming them
PARAM_MAX = 600  # characters of the order list (one template parameter, one line)


def note_placed(session: Session, facts: OrderFacts) -> None:
    """Remember an order placed by the message being answered (`take_placed` reads them)."""
    session.info.setdefault(_PLACED, []).append(facts)


def take_placed(session: Session) -> list[OrderFacts]:
    """The orders placed since the last call, forgotten once taken."""
    placed: list[OrderFacts] = session.info.pop(_PLACED, [])
    return placed


def note_confirming(session: Session, replies: list[OutgoingMessage]) -> None:
    """Remember the chat replies that confirm the orders just placed (what the template says)."""
    session.info.setdefault(_CONFIRMING, []).extend(replies)


def take_confirming(session: Session) -> list[OutgoingMessage]:
    """The replies noted by `note_confirming` since the last call, forgotten once taken."""
    confirming: list[OutgoingMessage] = session.info.pop(_CONFIRMING, [])
    return confirming


def order_confirmation(
    session: Session, settings: Settings, manager: Manager, placed: list[OrderFacts]
) -> Template | None:
    """The template confirming `placed` to `manager`, or None (no order, not approved, Twilio)."""
    if not placed or settings.whatsapp_provider == "twilio":
        return None
    connection = session.connection()
    if not approved_somewhere(connection, ORDER_CONFIRMATION.name):
        return None
    language = template_language(
        connection, ORDER_CONFIRMATION.name, settings.alert_template_language, manager.language
    )
    words = "en" if language.startswith("en") else "fr"
    numbers = ", ".join(str(facts.order.id) for facts in placed)
    lines = ", ".join(
        text(
            words,
            "line",
            quantity=amount(words, facts.order.quantity, facts.product.unit, facts.product.unit_en),
            name=" ".join(facts.product.name.split()),
        )
        for facts in placed
    )
    if len(lines) > PARAM_MAX:
        lines = lines[: PARAM_MAX - 1].rstrip(", ") + "…"
    return Template(name=ORDER_CONFIRMATION.name, language=language, body_params=(numbers, lines))
