"""The conversation layer's entry point: one typed inbound message in, the replies to queue out.

Called by the inbound processor inside the transaction that marks the message processed, so the
stock change a message causes, its replies, the conversation state and the processed mark
commit together (or not at all).

    message → event → state.step(snapshot, event, catalog view, now) → replies and effects
    effect → bot.dialogue.effects (stock movements, restock orders) → result event → step …

An effect's result is stepped at once, so what it says reads where the effect stood among the
replies (a restock order cancelled on the way reads before the next question).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.alerts.buttons import handle_alert_button
from bot.alerts.ids import PREFIX as ALERT_PREFIX
from bot.db.models import Manager, Product, RestockOrder
from bot.dialogue.effects import run_effect
from bot.dialogue.render import render
from bot.dialogue.storage import lock_conversation, save_conversation, snapshot_of
from bot.dialogue.view import current_store, load_view
from bot.inbound.models import (
    ButtonReply,
    InboundMessageEvent,
    ListReply,
    ReactionMessage,
    TextMessage,
)
from bot.outbound.messages import OutgoingMessage, Text
from bot.outbound.outbox import text_limit_for
from bot.settings import Settings
from state import (
    CatalogView,
    ChoiceIn,
    ConversationSnapshot,
    Event,
    OrderQuantityAsked,
    OtherIn,
    Reply,
    TextIn,
    step,
)
from state.messages import text

# Results feed new steps; a step never needs more than a few, this only bounds a bug.
_MAX_STEPS = 12


def respond(
    session: Session,
    manager: Manager,
    message: InboundMessageEvent,
    *,
    settings: Settings,
    now: datetime,
) -> list[OutgoingMessage]:
    """Replies to `message` from the registered, active `manager`."""
    if isinstance(message, ReactionMessage):
        return []
    if isinstance(message, ButtonReply | ListReply) and message.id.startswith(ALERT_PREFIX):
        tap = handle_alert_button(session, manager, message.id, now=now)
        if tap.order_id is None:
            return tap.replies
        # "Combien ?": the conversation reads the manager's next number as the order's quantity.
        asked = ask_order_quantity(session, manager, tap.order_id, settings=settings, now=now)
        return [*tap.replies, *asked]
    return _converse(session, manager, _event_of(message), settings=settings, now=now)


def ask_order_quantity(
    session: Session, manager: Manager, order_id: int, *, settings: Settings, now: datetime
) -> list[OutgoingMessage]:
    """Ask `manager` how many units order `order_id` should be ("Combien de sacs … ?").

    For the alert flow: the next message with a number sets the order's quantity (the order
    must still be proposed or confirmed, of a product in one of the manager's stores). Makes
    the order's store the manager's current one, and says so when it was another. Returns the
    messages to queue.
    """
    order = session.get(RestockOrder, order_id)
    product = session.get(Product, order.product_id) if order is not None else None
    if order is None or product is None:
        return [Text(text(manager.language, "already_handled"))]
    switched: list[OutgoingMessage] = []
    stores, current = current_store(session, manager)
    store = next((s for s in stores if s.id == product.store_id), None)
    if store is not None and (current is None or store.id != current.id):
        manager.current_store_id = store.id
        session.add(manager)
        session.flush()
        notice = text(manager.language, "store_switched", name=store.name, code=store.code)
        switched.append(Text(notice))
    event = OrderQuantityAsked(order_id, product.sku, order.quantity)
    return [*switched, *_converse(session, manager, event, settings=settings, now=now)]


def _event_of(message: InboundMessageEvent) -> Event:
    if isinstance(message, TextMessage):
        return TextIn(message.body)
    if isinstance(message, ButtonReply | ListReply):
        return ChoiceIn(message.id)
    return OtherIn(message.type)


def _converse(
    session: Session, manager: Manager, first: Event, *, settings: Settings, now: datetime
) -> list[OutgoingMessage]:
    assert manager.id is not None
    row = lock_conversation(session, manager.id)
    steps = _Steps(
        session,
        manager,
        settings,
        now,
        snapshot=snapshot_of(row),
        view=load_view(session, manager),
    )
    replies = steps.feed(first)
    save_conversation(session, row, steps.snapshot, now=now)
    limit = text_limit_for(settings)
    return [message for reply in replies for message in render(reply, text_limit=limit)]


@dataclass
class _Steps:
    """The steps one message leads to, over the manager's snapshot and catalog view."""

    session: Session
    manager: Manager
    settings: Settings
    now: datetime
    snapshot: ConversationSnapshot
    view: CatalogView
    taken: int = 0

    def feed(self, event: Event) -> list[Reply]:
        """Step `event`; run each effect as it comes and step its result in place."""
        if self.taken == _MAX_STEPS:
            return []
        self.taken += 1
        timeout = timedelta(minutes=self.settings.conversation_timeout_minutes)
        outcome = step(self.snapshot, event, self.view, self.now, timeout=timeout)
        self.snapshot = outcome.snapshot
        replies: list[Reply] = []
        for action in outcome.actions:
            if isinstance(action, Reply):
                replies.append(action)
                continue
            _, store = current_store(self.session, self.manager)
            result = run_effect(
                self.session, self.manager, store, action, settings=self.settings, now=self.now
            )
            self.view = load_view(self.session, self.manager)
            replies += self.feed(result)
        if outcome.replay is not None:
            replies += self.feed(TextIn(outcome.replay))
        return replies
