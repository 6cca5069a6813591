"""`empty_database`, which gives each test (and each dialogue) on PostgreSQL a fresh database."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlmodel import Session, SQLModel

from bot.db.models import Store
from bot.demo import create_demo
from bot.settings import Settings
from tests.conftest import empty_database


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }


def test_every_row_goes_and_ids_start_again_from_1(engine: Engine, settings: Settings) -> None:
    with Session(engine) as session:
        create_demo(session, settings=settings)
        # A table emptied by the test itself, its ids used: they start again all the same.
        gone = Store(code="gone", name="Fermé")
        session.add(gone)
        session.commit()
        assert gone.id is not None and gone.id > 1
        session.delete(gone)
        session.commit()
    assert any(_counts(engine).values())

    empty_database(engine)

    assert set(_counts(engine).values()) == {0}
    with Session(engine) as session:
        again = Store(code="again", name="Nouveau")
        session.add(again)
        session.commit()
        assert again.id == 1
    empty_database(engine)
    assert set(_counts(engine).values()) == {0}
