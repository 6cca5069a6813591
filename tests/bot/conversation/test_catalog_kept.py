"""A store's catalog words are kept across transactions by the version the database keeps
(`bot.db.catalog_version`): another process's change is seen at the next transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Connection, Engine, text
from sqlmodel import select

from bot.db.engine import create_db_engine
from bot.db.models import Product, Store
from bot.dialogue.view import load_view
from state import ProductView
from tests.bot.conversation.conftest import Chat
from tests.statements import executed

RICE = "RIZ-BRISE-50"


@pytest.fixture
def other(database_url: str) -> Iterator[Engine]:
    """Another process's engine on the same database."""
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


def _catalog_statements(chat: Chat) -> list[str]:
    """The statements reading products in one new transaction's `load_view`."""
    chat.session.commit()  # a new transaction
    with executed(chat.session.get_bind()) as statements:
        load_view(chat.session, chat.manager)
    return [e.text for e in statements if "FROM product" in e.text]


def test_the_words_are_read_once_then_only_the_stock(chat: Chat) -> None:
    load_view(chat.session, chat.manager)
    assert len(_catalog_statements(chat)) == 1  # the stock, with the version
    chat.say("vente riz 1")  # a sale: quantities change, the words do not
    chat.say("oui")
    assert len(_catalog_statements(chat)) == 1


CHANGES: dict[str, Callable[[Connection, int], object]] = {
    "renamed": lambda c, store: c.execute(
        text("UPDATE product SET name = 'Riz parfumé' WHERE sku = :sku"), {"sku": RICE}
    ),
    "alias added": lambda c, store: c.execute(
        text("UPDATE product SET aliases = :a WHERE sku = :sku"), {"a": '["sabu"]', "sku": RICE}
    ),
    "threshold": lambda c, store: c.execute(
        text("UPDATE product SET threshold = 7777 WHERE sku = :sku"), {"sku": RICE}
    ),
    "product added": lambda c, store: c.execute(
        text(
            "INSERT INTO product (store_id, sku, name, aliases, unit, unit_en, quantity, "
            "threshold, reorder_quantity, created_at, updated_at) VALUES (:store, 'MIL-5', "
            "'Mil parfumé', '[]', 'sac', '', 3, 1, 1, :now, :now)"
        ),
        {"store": store, "now": "2026-12-03 00:00:00"},
    ),
    "product deleted": lambda c, store: c.execute(
        text("DELETE FROM product WHERE sku = :sku"), {"sku": RICE}
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_another_processs_change_of_the_words_is_seen_at_the_next_transaction(
    chat: Chat, other: Engine, change: str
) -> None:
    before = load_view(chat.session, chat.manager)
    chat.session.commit()
    load_view(chat.session, chat.manager)  # kept now
    chat.session.commit()
    store = chat.session.exec(select(Store)).one()
    with other.begin() as connection:
        if change == "product deleted":
            connection.execute(text("DELETE FROM stock_movement"))
            connection.execute(text("DELETE FROM restock_order"))
        CHANGES[change](connection, store.id)  # type: ignore[arg-type]
    after = {p.sku: p for p in load_view(chat.session, chat.manager).products}
    if change == "product deleted":
        assert RICE not in after and len(after) == len(before.products) - 1
        assert not chat.say(f"stock {RICE}").startswith("Riz brisé")
        return
    if change == "product added":
        assert after["MIL-5"].name == "Mil parfumé"
        assert chat.say("stock mil").startswith("Mil parfumé")
        return
    rice = after[RICE]
    expected = {"renamed": ("Riz parfumé", None), "threshold": (None, 7777)}
    name, threshold = expected.get(change, (None, None))
    if name is not None:
        assert rice.name == name
    if threshold is not None:
        assert rice.threshold == threshold
    if change == "renamed":
        assert chat.say("stock parfumé").startswith("Riz parfumé")
    if change == "alias added":
        assert chat.say("stock sabu").startswith("Riz brisé")


def test_another_processs_stock_is_never_kept(chat: Chat, other: Engine) -> None:
    load_view(chat.session, chat.manager)
    chat.session.commit()
    with other.begin() as connection:
        connection.execute(
            text("UPDATE product SET quantity = 4321 WHERE sku = :sku"), {"sku": RICE}
        )
    rice = {p.sku: p for p in load_view(chat.session, chat.manager).products}[RICE]
    assert rice.quantity == 4321


def test_a_change_rolled_back_is_not_kept(chat: Chat) -> None:
    rice = chat.session.exec(select(Product).where(Product.sku == RICE)).one()
    name = rice.name
    load_view(chat.session, chat.manager)
    chat.session.commit()
    rice.name = "Riz annulé"
    chat.session.add(rice)
    chat.session.flush()
    seen = {p.sku: p.name for p in load_view(chat.session, chat.manager).products}
    assert seen[RICE] == "Riz annulé"  # its own write, in the transaction
    chat.session.rollback()
    chat.session.expire_all()
    again = {p.sku: p.name for p in load_view(chat.session, chat.manager).products}
    assert again[RICE] == name


def test_the_version_moves_with_the_words_only(chat: Chat, other: Engine) -> None:
    def version() -> int:
        with other.connect() as connection:
            return int(connection.execute(text("SELECT catalog_version FROM store")).scalar_one())

    first = version()
    with other.begin() as connection:
        connection.execute(text("UPDATE product SET quantity = quantity + 1"))
        connection.execute(text("UPDATE product SET updated_at = updated_at"))
    assert version() == first
    with other.begin() as connection:
        connection.execute(text("UPDATE product SET unit = 'kg' WHERE sku = :sku"), {"sku": RICE})
    assert version() != first


def _views(chat: Chat) -> dict[str, ProductView]:
    chat.session.commit()  # a new transaction: the stock is read again
    return {p.sku: p for p in load_view(chat.session, chat.manager).products}


def test_a_products_view_is_built_again_only_when_its_stock_changed(chat: Chat) -> None:
    """A catalogue of hundreds is read again after every write of a batch: the views of the
    products whose stock row did not change are the ones already built."""
    before = _views(chat)
    chat.say("vente riz 1")
    chat.say("oui")
    after = _views(chat)
    assert after[RICE].quantity == before[RICE].quantity - 1
    assert after[RICE].last_movement and after[RICE] is not before[RICE]
    unchanged = [sku for sku in before if sku != RICE]
    assert unchanged and all(after[sku] is before[sku] for sku in unchanged)


def test_a_stores_new_zone_builds_the_views_again(chat: Chat) -> None:
    chat.say("vente riz 1")
    chat.say("oui")
    before = _views(chat)[RICE]
    store = chat.session.exec(select(Store)).one()
    store.timezone = "America/New_York"  # Dakar is UTC all year: five hours behind it
    chat.session.add(store)
    after = _views(chat)[RICE]
    assert after.last_movement != before.last_movement
