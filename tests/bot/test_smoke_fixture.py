from sqlmodel import Session

from bot.db.models import Store


def test_store_round_trip(session: Session) -> None:
    session.add(Store(code="s1", name="Store 1"))
    session.commit()
    assert session.get(Store, 1) is not None
