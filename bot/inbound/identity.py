"""Who sent a message, and where the replies go: phone numbers, business-scoped user ids, and
managers who change their number.

Meta's 2026 usernames add a business-scoped user id (`user_id`, like `SN.1349…`) to every
message; a user who adopts a username may arrive with that id alone, no phone number. A manager
is linked to their id the first time it arrives together with their number (`Manager.user_id`);
a later message carrying only the id is then theirs. An id linked to no manager gets no stock
data. Replies go where the message came from: to the number when it came with one, else to the
id (Meta sends to a user id with `recipient`), so the 24-hour window followed for that sender is
the one that applies.

`user_changed_number` system messages move the manager (stores, language, conversation: all
keyed by the manager, not the number) to the new number, re-address what is still queued for the
old one, and tell them on the new number only.

The managers of a batch of messages, by number and by user id, are read in one statement
(`identify_ahead`), kept for the transaction until it writes managers; the managers holding the
user ids the batch's numbers carry are read in that same statement, so that linking an id (every
message of a manager's first day with ids: one each) reads nothing more. The links are held and
written together (`bot.db.held`): before the commit, or before a statement that reads managers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, or_, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from bot.db.cache import CACHES_KEPT, transaction_cache
from bot.db.held import held_rows
from bot.db.lists import any_of
from bot.db.models import Contact, Manager, OutboundMessage, OutboundStatus
from bot.errors import InvalidPhoneNumber
from bot.inbound.models import InboundMessageEvent, SystemMessage
from bot.inbound.notices import number_changed
from bot.managers import find_manager
from bot.outbound.outbox import enqueue
from bot.phones import mask_phone, normalize_phone

logger = logging.getLogger(__name__)

NUMBER_CHANGED = "user_changed_number"
# A write to this table in the transaction forgets the managers read ahead.
_MANAGER_TABLES = frozenset({"manager"})
_LINKS = "stockbot.user_id_links"
_LINK = (
    update(Manager)
    .where(col(Manager.id) == bindparam("manager_id"))
    .values(user_id=bindparam("linked_user_id"))
    .execution_options(**{CACHES_KEPT: True})  # `_link_user_id` updates the managers read ahead
)


def is_phone(sender: str) -> bool:
    """Whether a sender is an E.164 number (else it is a provider's user id)."""
    return sender.startswith("+")


def identify(session: Session, message: InboundMessageEvent) -> Manager | None:
    """The manager who sent `message` (active or not), or None.

    By number when the message has one (linking the user id it carries, the first time, or
    when Meta issued a new one); by linked user id otherwise.
    """
    ahead = transaction_cache(session, _MANAGER_TABLES)
    if not is_phone(message.sender):
        user_id = message.user_id or message.sender
        if user_id in ahead:
            holder: Manager | None = ahead[user_id]
            return holder
        return session.exec(select(Manager).where(Manager.user_id == user_id)).first()
    if message.sender in ahead:
        manager: Manager | None = ahead[message.sender]
    else:
        manager = find_manager(session, message.sender)
    if manager is not None and message.user_id and manager.user_id != message.user_id:
        _link_user_id(session, ahead, manager, message.user_id)
    return manager


def identify_ahead(
    session: Session, messages: Iterable[InboundMessageEvent]
) -> dict[str, Manager | None]:
    """Read the managers of these messages in one statement, for the `identify` of each of them
    in this transaction: by number, and by linked user id for the senders known by their user
    id alone and for the ids the numbers carry (whom they are linked to); each sender's manager,
    or None."""
    messages = list(messages)
    phones = sorted({m.sender for m in messages if is_phone(m.sender)})
    user_ids = sorted(
        {m.sender for m in messages if not is_phone(m.sender)}
        | {m.user_id for m in messages if is_phone(m.sender) and m.user_id}
    )
    wanted = []
    if phones:
        wanted.append(any_of(Manager.phone, "phones", phones))
    if user_ids:
        wanted.append(any_of(Manager.user_id, "user_ids", user_ids))
    if not wanted:
        return {}
    managers = list(session.exec(select(Manager).where(or_(*wanted))))
    # Keyed by sender: a number begins with '+', a user id never does.
    ahead = transaction_cache(session, _MANAGER_TABLES)
    ahead.update(dict.fromkeys([*phones, *user_ids]))  # None: nobody's
    for manager in managers:
        if manager.phone in ahead:
            ahead[manager.phone] = manager
        if manager.user_id and manager.user_id in ahead:
            ahead[manager.user_id] = manager
    return {m.sender: ahead[m.sender] for m in messages}


def _link_user_id(
    session: Session, ahead: dict[str, Manager | None], manager: Manager, user_id: str
) -> None:
    """Link `user_id` to `manager` (unless it is another's), in the managers read ahead too."""
    if user_id in ahead:
        holder: Manager | None = ahead[user_id]
    else:
        holder = session.exec(select(Manager).where(Manager.user_id == user_id)).first()
    if holder is not None:  # the id moved with a number change we did not see: keep the first
        logger.warning(
            "user id %s arrived from %s but is linked to manager %s: left unchanged",
            user_id,
            mask_phone(manager.phone),
            holder.id,
        )
        return
    if manager.user_id:
        logger.warning(
            "manager %s (%s): WhatsApp user id changed from %s to %s",
            manager.id,
            mask_phone(manager.phone),
            manager.user_id,
            user_id,
        )
        if manager.user_id in ahead:
            ahead[manager.user_id] = None  # nobody's any more
    else:
        logger.info(
            "manager %s (%s) linked to user id %s", manager.id, mask_phone(manager.phone), user_id
        )
    linked = user_id[:128]
    # Held: written with the batch's other links (the manager read ahead stays read ahead).
    held_rows(session, _LINKS, _LINK, "manager").append(
        {"manager_id": manager.id, "linked_user_id": linked}
    )
    set_committed_value(manager, "user_id", linked)
    ahead[linked] = manager


def reply_recipient(manager: Manager, message: InboundMessageEvent) -> str:
    """Where the replies to `message` go: the number it came from, else the user id."""
    return message.sender if not is_phone(message.sender) else manager.phone


def change_number(
    session: Session, manager: Manager, message: SystemMessage, *, now: datetime
) -> bool:
    """Move `manager` to the new number a `user_changed_number` message gives; True when done.

    Refused (and logged) when the new number is not a valid one or belongs to another manager.
    """
    if not message.new_wa_id:
        logger.warning("manager %s: number change without a new number: ignored", manager.id)
        return False
    try:
        new = normalize_phone("+" + message.new_wa_id)
    except InvalidPhoneNumber:
        logger.warning("manager %s: number change to an invalid number: ignored", manager.id)
        return False
    old = manager.phone
    if new == old:
        return False
    other = find_manager(session, new)
    if other is not None:
        logger.warning(
            "manager %s changed number %s -> %s, which belongs to manager %s: not moved",
            manager.id,
            mask_phone(old),
            mask_phone(new),
            other.id,
        )
        return False
    manager.phone = new
    # Meta issues a new business-scoped id with a new number.
    manager.user_id = message.new_user_id[:128] or None
    session.add(manager)
    session.flush()
    _carry_window(session, old, new, now)
    moved = session.execute(
        update(OutboundMessage)
        .where(
            col(OutboundMessage.recipient) == old,
            col(OutboundMessage.status) == OutboundStatus.QUEUED.value,
        )
        .values(recipient=new, updated_at=now)
    )
    logger.warning(
        "manager %s changed number %s -> %s (%d queued messages re-addressed)",
        manager.id,
        mask_phone(old),
        mask_phone(new),
        moved.rowcount,  # type: ignore[attr-defined]
    )
    enqueue(session, new, number_changed(manager.language, new), now=now)
    return True


def _carry_window(session: Session, old: str, new: str, now: datetime) -> None:
    """The chat goes on under the new number: its 24-hour window is the old one's."""
    before = session.exec(select(Contact).where(Contact.phone == old)).first()
    after = session.exec(select(Contact).where(Contact.phone == new)).first()
    if after is None:
        after = Contact(phone=new, created_at=now)
    if before is not None and before.last_inbound_at is not None:
        if after.last_inbound_at is None or after.last_inbound_at < before.last_inbound_at:
            after.last_inbound_at = before.last_inbound_at
        after.profile_name = after.profile_name or before.profile_name
    session.add(after)
    session.flush()
