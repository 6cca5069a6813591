"""Managers: who may talk to the bot, and which stores each one sees.

Service functions in the caller's transaction, shared by the CLI, the admin API, the back
office and the demo. The edges where people add managers (CLI, API, back office) call
`add_manager(..., update=False)` unless asked to update: a number already a manager is then
never changed silently, the refusal (`ManagerExists`) says what differs.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from bot.db.models import Manager, ManagerStore, Store, max_length
from bot.errors import InvalidInput, NotFound, ValidationError
from bot.phones import normalize_phone
from bot.stock import get_store
from bot.validation import check_text
from state.flows.languages import FOLLOWED as FOLLOWABLE
from state.texts import LANGUAGES as MANAGER_LANGUAGES

LANGUAGES = MANAGER_LANGUAGES  # French, English, Wolof (state.texts)
# The language setting that undoes a choice: the bot follows the language the manager writes in.
FOLLOWED = "auto"
LANGUAGE_SETTINGS = (*LANGUAGES, FOLLOWED)


class ManagerExists(ValidationError):
    """`add` on a number that is already a manager, with `differences` (in French): what the
    add would change; nothing was written."""

    def __init__(self, manager: Manager, stores: list[Store], differences: list[str]) -> None:
        who = ", ".join(
            part
            for part in (
                manager.name,
                manager.language,
                "magasins : " + (", ".join(s.code for s in stores) or "aucun"),
                "" if manager.active else "désactivé",
            )
            if part
        )
        super().__init__(
            f"{manager.phone} est déjà gérant ({who}) ; différences : " + ", ".join(differences)
        )
        self.differences = differences


def find_manager(session: Session, phone: str) -> Manager | None:
    """The active or inactive manager with this E.164 phone, or None."""
    return session.exec(select(Manager).where(Manager.phone == phone)).first()


def get_manager(session: Session, phone: str, *, region: str = "SN") -> Manager:
    """The manager with this number (as typed), or NotFound."""
    manager = find_manager(session, normalize_phone(phone, region))
    if manager is None:
        raise NotFound(f"gérant inconnu : {phone.strip()[:40]}")
    return manager


def _name(name: str | None) -> str | None:
    if name is None:
        return None
    return check_text("name", name, limit=max_length(Manager, "name"))


def _language(language: str | None) -> str | None:
    """A language setting as typed: fr, en, wo, or `FOLLOWED` (none chosen); None: not given."""
    if language is None:
        return None
    value = language.strip().lower()
    if value not in LANGUAGE_SETTINGS:
        raise InvalidInput(
            "language", f"langue inconnue : {value[:10]} (fr, en ou wo ; auto : selon ses messages)"
        )
    return value


def set_language(manager: Manager, language: str, *, chosen: bool) -> None:
    """The language the bot answers `manager` in, on their row (the caller adds and flushes).

    `chosen`: asked for by the manager (`english please`) or set by the owner (CLI, admin API,
    back office): kept whatever the manager writes. Else followed (`state.flows.languages`):
    the language they write in, which never undoes a choice (`follow_written` does)."""
    manager.language = language
    manager.language_chosen = manager.language_chosen or chosen


def follow_written(manager: Manager, language: str | None = None) -> None:
    """Undo a choice: from now on the bot answers `manager` in the language they write
    (`state.flows.languages`), `language` first when given (the one the manager asked it in),
    else the one they have: French or English, French for Wolof chosen (the language of a
    manager who has none: Wolof is only ever chosen). Nothing changes for a manager already
    followed."""
    if language in FOLLOWABLE:
        manager.language = language
    elif manager.language_chosen and manager.language not in FOLLOWABLE:
        manager.language = "fr"
    manager.language_chosen = False


def apply_language(manager: Manager, setting: str) -> None:
    """The owner's setting (CLI `--lang`, admin API, back office): a language chosen, kept
    whatever the manager writes, or `FOLLOWED`: the one they write in."""
    if setting == FOLLOWED:
        follow_written(manager)
    else:
        set_language(manager, setting, chosen=True)


def _stores(session: Session, codes: str | Sequence[str]) -> list[Store]:
    if isinstance(codes, str):
        codes = [codes]
    wanted = [code.strip() for code in codes if code.strip()]
    return [get_store(session, code) for code in dict.fromkeys(wanted)]


def add_manager(
    session: Session,
    phone: str,
    store_codes: str | Sequence[str],
    *,
    name: str | None = None,
    language: str | None = None,
    region: str = "SN",
    update: bool = True,
) -> Manager:
    """Create a manager with access to `store_codes`, or, for a number already known:
    nothing when the add would change nothing; with `update` (what seeding code wants)
    reactivate them and give them the stores, name and language given; without it (what the
    `managers add` command and `POST /api/managers` do) ManagerExists says what differs.

    A new manager gets `name` ("" when None) and `language` ("fr" when None or `FOLLOWED`: then
    it follows the language they write in; a language given is the owner's choice, kept). Raises
    InvalidPhoneNumber, InvalidInput (name, language) and NotFound (a store).
    """
    e164 = normalize_phone(phone, region)
    name, language = _name(name), _language(language)
    stores = _stores(session, store_codes)
    manager = find_manager(session, e164)
    if manager is None:
        manager = Manager(phone=e164, name=name or "")
        apply_language(manager, language or FOLLOWED)
        session.add(manager)
        session.flush()
    else:
        assert manager.id is not None
        current = manager_stores(session, manager.id)
        differences = _differences(manager, current, stores, name=name, language=language)
        if not differences:
            return manager
        if not update:
            raise ManagerExists(manager, current, differences)
        manager.active = True
        manager.name = name if name is not None else manager.name
        if language is not None:
            apply_language(manager, language)
        session.add(manager)
        session.flush()
    _link(session, manager, stores)
    return manager


def _differences(
    manager: Manager,
    current: list[Store],
    stores: list[Store],
    *,
    name: str | None,
    language: str | None,
) -> list[str]:
    differences: list[str] = []
    if not manager.active:
        differences.append("réactivé")
    if name is not None and name != manager.name:
        differences.append(f"nom « {manager.name} » → « {name} »")
    if language == FOLLOWED:
        if manager.language_chosen:
            differences.append(f"langue {manager.language} → selon ses messages")
    elif language is not None and language != manager.language:
        differences.append(f"langue {manager.language} → {language}")
    elif language is not None and not manager.language_chosen:  # followed until now
        differences.append(f"langue {language} choisie")
    known = {store.id for store in current}
    added = [store.code for store in stores if store.id not in known]
    if added:
        differences.append("magasin(s) en plus : " + ", ".join(added))
    return differences


def _link(session: Session, manager: Manager, stores: list[Store]) -> None:
    for store in stores:
        if session.get(ManagerStore, (manager.id, store.id)) is None:
            session.add(ManagerStore(manager_id=manager.id, store_id=store.id))  # type: ignore[arg-type]
    session.flush()


def set_manager(
    session: Session,
    phone: str,
    *,
    name: str | None = None,
    language: str | None = None,
    store_codes: Sequence[str] | None = None,
    active: bool | None = None,
    region: str = "SN",
) -> Manager:
    """Change an existing manager: what is given is set (`store_codes` replaces their stores;
    a `language` is the owner's choice, kept whatever the manager writes; `FOLLOWED` undoes
    it: the one they write in)."""
    manager = get_manager(session, phone, region=region)
    assert manager.id is not None
    name, language = _name(name), _language(language)
    if name is not None:
        manager.name = name
    if language is not None:
        apply_language(manager, language)
    if active is not None:
        manager.active = active
    if store_codes is not None:
        stores = _stores(session, store_codes)
        keep = {store.id for store in stores}
        for link in session.exec(
            select(ManagerStore).where(ManagerStore.manager_id == manager.id)
        ).all():
            if link.store_id not in keep:
                session.delete(link)
        if manager.current_store_id not in keep:
            manager.current_store_id = None
        session.flush()
        _link(session, manager, stores)
    session.add(manager)
    session.flush()
    return manager


def remove_manager(
    session: Session, phone: str, *, store_code: str | None = None, region: str = "SN"
) -> Manager:
    """Take a manager off one store (`store_code`), or deactivate them: they can no longer use
    the bot, and their history stays."""
    manager = get_manager(session, phone, region=region)
    if store_code is None:
        manager.active = False
    else:
        store = get_store(session, store_code)
        link = session.get(ManagerStore, (manager.id, store.id))
        if link is None:
            raise NotFound(f"{manager.phone} n'est pas gérant du magasin {store.code}")
        session.delete(link)
        if manager.current_store_id == store.id:
            manager.current_store_id = None
    session.add(manager)
    session.flush()
    return manager


def list_managers(
    session: Session, store_code: str | None = None
) -> list[tuple[Manager, list[Store]]]:
    """Managers (of one store when given) with their stores, by phone number."""
    query = select(Manager).order_by(col(Manager.phone))
    if store_code is not None:
        store = get_store(session, store_code)
        query = query.join(ManagerStore, col(ManagerStore.manager_id) == col(Manager.id)).where(
            ManagerStore.store_id == store.id
        )
    return [
        (manager, manager_stores(session, manager.id))  # type: ignore[arg-type]
        for manager in session.exec(query).all()
    ]


def manager_stores(session: Session, manager_id: int) -> list[Store]:
    return list(
        session.exec(
            select(Store)
            .join(ManagerStore, col(ManagerStore.store_id) == col(Store.id))
            .where(ManagerStore.manager_id == manager_id)
            .order_by(col(Store.code))
        )
    )


def store_managers(session: Session, store_id: int, *, active_only: bool = True) -> list[Manager]:
    query = (
        select(Manager)
        .join(ManagerStore, col(ManagerStore.manager_id) == col(Manager.id))
        .where(ManagerStore.store_id == store_id)
        .order_by(col(Manager.id))
    )
    if active_only:
        query = query.where(col(Manager.active).is_(True))
    return list(session.exec(query))
