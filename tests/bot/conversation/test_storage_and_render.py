"""Conversation rows (version check, all-or-nothing), matcher cache, rendering and splitting."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bot.conversation import respond
from bot.db.models import (
    Conversation,
    ManagerStore,
    MovementKind,
    MovementSource,
    Product,
    StockMovement,
)
from bot.dialogue.render import render
from bot.dialogue.storage import (
    ConversationConflict,
    lock_conversation,
    save_conversation,
    snapshot_of,
)
from bot.dialogue.view import load_view
from bot.inbound.models import TextMessage
from bot.inbound.treatment import question_pending
from bot.outbound.messages import TEXT_MAX, Buttons, ListMessage, Text
from bot.stock import get_store, record_movement
from bot.stores import add_store
from state import Choice, ConversationSnapshot, Reply
from tests.bot.conversation.conftest import Chat
from tests.conftest import make_settings
from tests.statements import executed


def text_message(chat: Chat, body: str) -> TextMessage:
    return TextMessage(body=body, **chat.common())


def test_a_conversation_changed_meanwhile_is_not_overwritten_and_nothing_is_recorded(
    chat: Chat, engine: Engine
) -> None:
    assert chat.manager.id is not None
    chat.say("stock riz")  # creates the row
    session = chat.session
    row = lock_conversation(session, chat.manager.id)
    version = row.version
    session.commit()  # (SQLite holds a write lock until here; PostgreSQL a row lock)
    # Another process handles a message of the same manager and commits first.
    with Session(engine) as other:
        other.execute(
            update(Conversation)
            .where(col(Conversation.id) == row.id)
            .values(version=Conversation.version + 1)
        )
        other.commit()
    product = session.exec(select(Product).where(Product.sku == "RIZ-BRISE-50")).one()
    record_movement(
        session, product, -1, MovementKind.SALE, MovementSource.WHATSAPP, settings=chat.settings
    )
    assert row.version == version  # what this process read
    save_conversation(session, row, ConversationSnapshot(state="idle"), now=chat.now)
    with pytest.raises(ConversationConflict):  # written with the transaction's other saves
        session.commit()
    session.rollback()
    assert session.exec(select(StockMovement).where(StockMovement.delta == -1)).all() == []
    session.refresh(product)
    assert product.quantity == 42


def test_saves_are_written_together_before_anything_reads_conversations_or_commits(
    chat: Chat, engine: Engine
) -> None:
    assert chat.manager.id is not None
    chat.say("salam")  # creates the row (no language seen written: the context stays)
    session = chat.session
    row = lock_conversation(session, chat.manager.id)
    with executed(engine) as statements:
        asked = ConversationSnapshot(state="awaiting_quantity", context={"x": [1]})
        save_conversation(session, row, asked, now=chat.now)
        assert statements == []  # not written yet
        # Whatever reads the conversation next in the transaction reads it as saved.
        assert question_pending(session, chat.manager, chat.now)
        assert [e.verb for e in statements] == ["UPDATE", "SELECT"]
        again = lock_conversation(session, chat.manager.id)
        assert (again.state, again.context, again.version) == (asked.state, {"x": [1]}, 1)
        save_conversation(session, again, ConversationSnapshot(state="idle"), now=chat.now)
        statements.clear()
        session.commit()  # and before the commit
        assert [e.verb for e in statements] == ["UPDATE"]
    with Session(engine) as other:
        stored = other.exec(select(Conversation)).one()
        assert (stored.state, stored.version) == ("idle", 2)
    # Rolled back: a save of that transaction is never written later.
    row = lock_conversation(session, chat.manager.id)
    save_conversation(session, row, asked, now=chat.now)
    session.rollback()
    session.execute(select(1))
    session.commit()
    with Session(engine) as other:
        stored = other.exec(select(Conversation)).one()
        assert (stored.state, stored.version) == ("idle", 2)


def test_the_row_is_created_once_and_read_back(chat: Chat) -> None:
    assert chat.manager.id is not None
    first = lock_conversation(chat.session, chat.manager.id)
    again = lock_conversation(chat.session, chat.manager.id)
    assert first.id == again.id
    assert snapshot_of(first) == ConversationSnapshot()
    assert len(chat.session.exec(select(Conversation)).all()) == 1


def test_the_matcher_is_reused_until_names_change(chat: Chat) -> None:
    first = load_view(chat.session, chat.manager).matcher
    chat.say("vente riz 1")
    chat.say("oui")
    assert load_view(chat.session, chat.manager).matcher is first
    product = chat.session.exec(select(Product).where(Product.sku == "SAVON-MARSEILLE")).one()
    product.aliases = [*product.aliases, "sabu"]
    chat.session.add(product)
    chat.session.commit()
    view = load_view(chat.session, chat.manager)
    assert view.matcher is not first
    assert chat.say("stock sabu").startswith("Savon de Marseille")


def test_replies_render_as_whatsapp_messages() -> None:
    (buttons,) = render(Reply("Oui ?", buttons=(Choice("a:v1:1:yes", "Oui"),)))
    assert isinstance(buttons, Buttons)
    assert buttons.buttons[0].id == "a:v1:1:yes"
    (listing,) = render(Reply("Quel ?", rows=(Choice("r", "Riz", "4 sacs"),), list_button="Voir"))
    assert isinstance(listing, ListMessage)
    assert (listing.button, listing.rows[0].description) == ("Voir", "4 sacs")
    (text,) = render(Reply("Bonjour"))
    assert text == Text("Bonjour")


@pytest.mark.parametrize(("lines", "limit"), [(1, TEXT_MAX), (400, TEXT_MAX), (400, 1600)])
def test_long_text_becomes_several_messages_and_nothing_is_lost(lines: int, limit: int) -> None:
    body = "\n".join(f"Produit numéro {i} : {i} cartons" for i in range(lines))
    parts = render(Reply(body), text_limit=limit)
    assert all(isinstance(p, Text) and len(p.body) <= limit for p in parts)
    assert "\n".join(p.body for p in parts if isinstance(p, Text)) == body
    assert len(parts) >= len(body) / limit


def test_twilio_managers_get_parts_of_at_most_1600_characters(chat: Chat) -> None:
    store = get_store(chat.session, "demo")
    assert store.id is not None
    many = [
        Product(store_id=store.id, sku=f"X{i}", name=f"Article n°{i}", unit="carton", quantity=i)
        for i in range(200)
    ]
    chat.session.add_all(many)
    chat.session.commit()
    twilio = make_settings(
        chat.settings.database_url,
        whatsapp_provider="twilio",
        twilio_auth_token="t",
        public_base_url="https://bot.example",
        whatsapp_enabled=False,
    )
    replies = respond(
        chat.session,
        chat.manager,
        text_message(chat, "tout le stock"),
        settings=twilio,
        now=chat.now,
    )
    assert len(replies) >= 3
    bodies = [r.body for r in replies if isinstance(r, Text)]
    assert len(bodies) == len(replies)
    assert max(len(b) for b in bodies) <= 1600
    assert all(f"Article n°{i} : " in "\n".join(bodies) for i in range(200))


def test_a_managers_stores_read_in_a_transaction_follow_its_own_writes(chat: Chat) -> None:
    """The stores are read once per transaction, and read again once it links another one."""
    assert chat.manager.id is not None
    before = load_view(chat.session, chat.manager)
    assert len(before.stores) == 1 and before.store is not None
    other = add_store(chat.session, "THIES", "Boutique de Thiès")
    chat.session.add(ManagerStore(manager_id=chat.manager.id, store_id=other.id))
    chat.session.flush()
    after = load_view(chat.session, chat.manager)
    assert sorted(s.code for s in after.stores) == sorted([before.store.code, "THIES"])
    chat.session.rollback()
    assert len(load_view(chat.session, chat.manager).stores) == 1


def test_the_catalog_read_in_a_transaction_follows_a_sale_made_in_it(chat: Chat) -> None:
    rice = chat.session.exec(select(Product).where(Product.sku == "RIZ-BRISE-50")).one()
    quantity = {p.sku: p.quantity for p in load_view(chat.session, chat.manager).products}
    record_movement(
        chat.session, rice, -2, MovementKind.SALE, MovementSource.WHATSAPP, settings=chat.settings
    )
    view = load_view(chat.session, chat.manager)
    again = {p.sku: p for p in view.products}
    assert again["RIZ-BRISE-50"].quantity == quantity["RIZ-BRISE-50"] - 2
    assert again["RIZ-BRISE-50"].last_movement  # the sale, shown in the store's time
    chat.session.rollback()


def _stored(engine: Engine, manager_id: int | None) -> tuple[int, str, dict[str, object]]:
    """The manager's conversation row as another process would read it."""
    with Session(engine) as other:
        row = other.exec(select(Conversation).where(Conversation.manager_id == manager_id)).one()
        return row.version, row.state, dict(row.context)


def test_a_message_that_changes_nothing_is_not_saved_and_a_restart_loses_nothing(
    chat: Chat, engine: Engine
) -> None:
    """A text that leaves the conversation as stored (a greeting, "oui" with nothing pending)
    skips its save; what the next messages read, after a restart too, is the same as if it had
    been saved (the push restored once is not restored again; a question asked after it is
    answered)."""
    chat.say("vendu 4 gaz 6kg")
    chat.tap(chat.button("yes"))  # recorded: the alert is pushed to this manager too
    assert "Commander 10 bouteilles ?" in chat.say("bonjour")  # the push restored
    assert chat.say("non").startswith("D'accord.")  # answered: later
    saved = _stored(engine, chat.manager.id)
    assert saved[1] == "idle"
    assert chat.say("bonjour").startswith("Bonjour")
    assert _stored(engine, chat.manager.id) == saved  # not written
    # A restart: a new session on the stored rows, as another process would have.
    restarted = Chat(Session(engine), chat.manager, chat.settings, now=chat.now)
    try:
        assert restarted.say("oui").startswith("Il n'y a pas de question en cours")
        assert _stored(engine, chat.manager.id) == saved
        assert restarted.say("vendu 2 savon").startswith("Enregistrer la vente de 2 cartons")
        version, state, _ = _stored(engine, chat.manager.id)
        assert (version, state) == (saved[0] + 1, "awaiting_confirmation")
        assert restarted.say("oui").startswith("✅ Vente enregistrée : 2 cartons")
        assert _stored(engine, chat.manager.id)[:2] == (saved[0] + 2, "idle")
    finally:
        restarted.session.close()


def test_a_save_waiting_is_written_before_a_savepoint_that_may_roll_back(
    chat: Chat, engine: Engine
) -> None:
    """A savepoint rolled back after reading conversations must not take the transaction's
    earlier save with it (it was written inside the savepoint, then forgotten)."""
    assert chat.manager.id is not None
    chat.say("salam")  # creates the row (no language seen written: the context stays)
    session = chat.session
    row = lock_conversation(session, chat.manager.id)
    asked = ConversationSnapshot(state="awaiting_quantity", context={"x": [2]})
    save_conversation(session, row, asked, now=chat.now)
    with pytest.raises(LookupError), session.begin_nested():
        question_pending(session, chat.manager, chat.now)  # reads conversations
        raise LookupError
    session.commit()
    with Session(engine) as other:
        stored = other.exec(select(Conversation)).one()
        assert (stored.state, stored.context, stored.version) == (asked.state, {"x": [2]}, 1)
