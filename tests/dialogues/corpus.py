"""The corpora of acceptance dialogues: who is in them, the catalogue, and the dialogue files.

A corpus is a directory of dialogue files and its world (catalogue, stores, managers):
`tests/dialogues` uses the world defined here (`FIRST`); another directory describes its own in a
`world.yaml` (`catalog`, `stores` with the default store first, `people`). `load_dialogues(DIR)`
reads every `DIR/*.yaml` and checks it follows the grammar of `tests/dialogues/README.md` (a
mistake in a file is a `DialogueError`, never a bot failure).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from bot.products_import import ProductRow, read_catalog

HERE = Path(__file__).parent
CATALOG = HERE / "catalog.csv"
KNOWN_FAILURES = HERE / "known_failures.txt"

# Thursday 3 December 2026, 10:00 in Dakar (UTC+0): a working morning, mid-week.
BASE_TIME = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
# The catalogue is imported well before the dialogue: its import movements are older than any
# window the bot looks at (30 days of usual movements, 14 days of sales).
IMPORT_TIME = BASE_TIME - timedelta(days=40)

STORES = {"kmassar": "Dépôt Keur Massar", "thies": "Boutique Thiès Escale"}
DEFAULT_STORE = "kmassar"


@dataclass(frozen=True)
class Person:
    phone: str
    name: str
    language: str


PEOPLE: dict[str, Person] = {
    "awa": Person("+221771110001", "Awa", "fr"),
    "moussa": Person("+221771110002", "Moussa", "fr"),
    "kevin": Person("+221771110003", "Kevin", "en"),
    "ndeye": Person("+221771110004", "Ndèye", "wo"),
    "ibou": Person("+221771110005", "Ibou", "fr"),
}


@dataclass(frozen=True)
class World:
    """What the dialogues of one corpus play on: its catalogue file, its stores (code -> name,
    the default store first), its managers and its list of known failures."""

    catalog: Path
    stores: dict[str, str]
    people: dict[str, Person]
    known_failures: Path

    @property
    def default_store(self) -> str:
        return next(iter(self.stores))


FIRST = World(CATALOG, STORES, PEOPLE, KNOWN_FAILURES)
WORLD_FILE = "world.yaml"

SECTIONS = ("12.1", "12.2", "12.3", "12.4", "12.5", "12.6", "12.7", "13.1", "13.2", "13.3", "13.4")
LANGUAGES = ("fr", "en", "wo")

STEP_ACTIONS = ("say", "tap", "pick", "tap_if_asked", "wait", "api", "run")
STEP_KEYS = {*STEP_ACTIONS, "as", "json", "status", "expect"}
REPLY_CHECKS = {"mentions", "not_mentions", "choices", "max_chars", "no_product_named"}
STATE_CHECKS = {
    "stock",
    "change",
    "movements",
    "no_movements",
    "orders",
    "open_orders",
    "language",
    "distinct",
    "same",
    "new_orders",
}
EXPECT_KEYS = REPLY_CHECKS | STATE_CHECKS | {"to", "seen"}
DIALOGUE_KEYS = {
    "id",
    "section",
    "lang",
    "purpose",
    "managers",
    "setup",
    "settings",
    "steps",
    "expect",
}
WORLD_KEYS = {"catalog", "stores", "people"}
SETUP_KEYS = {"stock", "history", "orders"}


class DialogueError(ValueError):
    """A dialogue file that does not follow the grammar (a mistake of the corpus, not the bot)."""


@dataclass(frozen=True)
class Member:
    """One manager of a dialogue: who (a key of PEOPLE), language, stores."""

    who: str
    person: Person
    language: str
    stores: tuple[str, ...]


@dataclass(frozen=True)
class Dialogue:
    id: str
    section: str
    lang: str
    purpose: str
    members: tuple[Member, ...]
    setup: dict[str, Any]
    settings: dict[str, Any]
    steps: tuple[dict[str, Any], ...]
    expect: dict[str, Any]
    source: str
    world: World = FIRST


def load_world(directory: Path) -> World:
    """The world of the corpus in `directory`: its `world.yaml`, else the first corpus's."""
    path = directory / WORLD_FILE
    if not path.exists():
        return FIRST
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if set(raw) != WORLD_KEYS or not raw["stores"] or not raw["people"]:
        raise DialogueError(f"{path}: keys {sorted(WORLD_KEYS)} expected, got {sorted(raw)}")
    people = {
        str(who): Person(str(p["phone"]), str(p["name"]), str(p["language"]))
        for who, p in raw["people"].items()
    }
    stores = {str(code): str(name) for code, name in raw["stores"].items()}
    return World(directory / str(raw["catalog"]), stores, people, directory / KNOWN_FAILURES.name)


def _members(raw: Any, where: str, world: World) -> tuple[Member, ...]:
    entries = raw if raw is not None else [next(iter(world.people))]
    members = []
    for entry in entries:
        spec = {"who": entry} if isinstance(entry, str) else dict(entry)
        who = spec.pop("who", None)
        if who not in world.people:
            raise DialogueError(f"{where}: unknown manager {who!r} (one of {sorted(world.people)})")
        person = world.people[who]
        language = spec.pop("lang", person.language)
        stores = tuple(spec.pop("stores", [world.default_store]))
        if spec or not set(stores) <= set(world.stores):
            raise DialogueError(f"{where}: bad manager entry {entry!r}")
        members.append(Member(who, person, language, stores))
    return tuple(members)


def _check_expect(expect: Any, where: str, world: World) -> None:
    if not isinstance(expect, dict):
        raise DialogueError(f"{where}: expect must be a mapping")
    unknown = set(expect) - EXPECT_KEYS
    if unknown:
        raise DialogueError(f"{where}: unknown expectation {sorted(unknown)}")
    for who, checks in (expect.get("to") or {}).items():
        if who not in world.people or set(checks) - REPLY_CHECKS:
            raise DialogueError(f"{where}: bad `to` entry for {who!r}")
    for who, patterns in (expect.get("seen") or {}).items():
        if who not in world.people or not isinstance(patterns, list):
            raise DialogueError(f"{where}: bad `seen` entry for {who!r}")


def parse_dialogue(raw: dict[str, Any], source: str, world: World = FIRST) -> Dialogue:
    where = f"{source}:{raw.get('id', '?')}"
    unknown = set(raw) - DIALOGUE_KEYS
    if unknown or not {"id", "section", "lang", "purpose", "steps"} <= set(raw):
        raise DialogueError(f"{where}: keys {sorted(raw)}")
    if raw["section"] not in SECTIONS or raw["lang"] not in LANGUAGES:
        raise DialogueError(f"{where}: section or lang not known")
    setup = raw.get("setup") or {}
    if set(setup) - SETUP_KEYS:
        raise DialogueError(f"{where}: unknown setup {sorted(set(setup) - SETUP_KEYS)}")
    members = _members(raw.get("managers"), where, world)
    names = {m.who for m in members}
    for number, step in enumerate(raw["steps"], 1):
        actions = [key for key in STEP_ACTIONS if key in step]
        if len(actions) != 1 or set(step) - STEP_KEYS:
            raise DialogueError(f"{where} step {number}: one action of {STEP_ACTIONS} expected")
        if step.get("as", members[0].who) not in names:
            raise DialogueError(f"{where} step {number}: `as` names no manager of the dialogue")
        if "expect" in step:
            _check_expect(step["expect"], f"{where} step {number}", world)
    _check_expect(raw.get("expect") or {}, where, world)
    return Dialogue(
        id=str(raw["id"]),
        section=str(raw["section"]),
        lang=str(raw["lang"]),
        purpose=str(raw["purpose"]),
        members=members,
        setup=setup,
        settings=dict(raw.get("settings") or {}),
        steps=tuple(raw["steps"]),
        expect=dict(raw.get("expect") or {}),
        source=source,
        world=world,
    )


def load_dialogues(directory: Path = HERE) -> list[Dialogue]:
    """Every dialogue of the YAML files of `directory` (its world.yaml aside), in file then
    written order."""
    world = load_world(directory)
    dialogues: list[Dialogue] = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name == WORLD_FILE:
            continue
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            dialogues.append(parse_dialogue(raw, path.name, world))
    ids = [d.id for d in dialogues]
    doubled = sorted({i for i in ids if ids.count(i) > 1})
    if doubled:
        raise DialogueError(f"dialogue ids used twice: {doubled}")
    return dialogues


def known_failures(path: Path = KNOWN_FAILURES) -> set[str]:
    """Ids listed in known_failures.txt (one a line, `#` starts a comment)."""
    if not path.exists():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return {line for line in lines if line}


def catalog_rows(world: World = FIRST) -> list[ProductRow]:
    """The catalogue's lines, read as `stockbot import products` reads a file."""
    return list(read_catalog(world.catalog.read_bytes(), world.catalog.name).rows)
