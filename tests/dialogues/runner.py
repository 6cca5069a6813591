"""The acceptance dialogues of issues 12 and 13, played the way Meta delivers them.

Every dialogue (`tests/dialogues/*.yaml`, grammar in `tests/dialogues/README.md`) runs on a fresh
database: the stores, `catalog.csv` loaded through the import `stockbot import products` uses
(`read_catalog` + `import_catalog`), managers added with `add_manager` as
`stockbot managers add` does, then what the dialogue's `setup` seeds (past movements, open
orders). Each step is a signed webhook posted to the real app (or an admin API call); the inbound
processor and the outbox worker then run, and what the fake Graph API received for each manager
is what that manager's phone shows. Expectations are outcomes: stock, movements, orders, the
manager's stored language, and what the reply mentions (accent- and case-insensitive regexes,
never full texts). The clock is moved with `time_machine` (a dialogue starts on a Thursday at
10:00 in Dakar), so expiry, "yesterday" and the daily digest can be played.

`play()` runs one dialogue and returns its `Outcome` (the first failing step, what was expected,
what the bot answered, and the whole transcript). `tests/dialogues/test_dialogues.py` (pytest)
and `bench/dialogues.py` (pass rates) both use it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from itertools import count
from pathlib import Path
from typing import Any

import time_machine
from sqlalchemy import Engine, Table, func, text
from sqlmodel import Session, SQLModel, col, select
from starlette.testclient import TestClient

from bot.alerts.digest import send_due_digests
from bot.alerts.renotify import renotify_all
from bot.app import create_app
from bot.clock import utcnow
from bot.db.engine import transaction
from bot.db.models import (
    Contact,
    InboundMessage,
    Manager,
    MovementKind,
    MovementSource,
    OrderStatus,
    Product,
    RestockOrder,
    StockMovement,
    Store,
)
from bot.inbound.processor import process_pending
from bot.managers import add_manager
from bot.outbound.worker import OutboxWorker
from bot.products_import import import_catalog, read_catalog
from bot.settings import Settings
from bot.stock import get_product, get_store, record_movement
from bot.transports import make_transport
from bot.transports.base import Transport
from tests.bot.conversation.phone import delivery
from tests.bot.inbound.helpers import signed_headers
from tests.conftest import TEST_ADMIN_TOKEN, empty_database, make_settings
from tests.dialogues.checks import (
    describe_order,
    listed,
    movements_problems,
    orders_problems,
    sku_key,
    sku_store,
)
from tests.dialogues.corpus import (
    BASE_TIME,
    IMPORT_TIME,
    Dialogue,
    DialogueError,
    World,
    catalog_rows,
)
from tests.dialogues.screen import (
    Choice,
    Handset,
    choices_of,
    fold,
    mentions,
    product_of_title,
    render,
)
from tests.fakes.graph import FakeGraph

_ids = count(1)


class Line:
    """What the dialogues of one run share: the fake Graph API, one event loop for the outbox
    worker and one transport to the fake (its TLS context is built once)."""

    def __init__(self, graph: FakeGraph) -> None:
        self.graph = graph
        self.loop = asyncio.new_event_loop()
        self._transport: Transport | None = None
        # The rows the catalogue import wrote, per world and set of stores (see load_catalogue).
        self._catalogues: dict[
            tuple[Path, tuple[str, ...]], list[tuple[Table, list[dict[str, Any]]]]
        ] = {}

    @classmethod
    @contextmanager
    def start(cls) -> Iterator[Line]:
        with FakeGraph.start() as graph:
            line = cls(graph)
            try:
                yield line
            finally:
                line.close()

    def settings(self, database_url: str, **overrides: Any) -> Settings:
        values: dict[str, Any] = {
            **self.graph.settings_overrides(),
            "outbox_pair_interval_seconds": 0.0,
        }
        values.update(overrides)
        return make_settings(database_url, **values)

    def load_catalogue(
        self, engine: Engine, settings: Settings, world: World, stores: tuple[str, ...]
    ) -> None:
        """Create `stores` and import the world's catalogue into each, into an empty database.

        The first time for a set of stores, through what `stockbot import products FILE
        --store CODE --create-store NAME` runs (`read_catalog`, `import_catalog`); the rows it
        wrote are kept, and later dialogues get the same rows inserted directly (the import takes
        longer than a whole dialogue otherwise)."""
        snapshot = self._catalogues.get((world.catalog, stores))
        if snapshot is not None:
            with engine.begin() as connection:
                for table, rows in snapshot:
                    connection.execute(table.insert(), rows)
                    if engine.dialect.name == "postgresql" and "id" in table.c:
                        connection.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                                f'(SELECT MAX(id) FROM "{table.name}"))'
                            )
                        )
            return
        catalog = read_catalog(world.catalog.read_bytes(), world.catalog.name)
        with transaction(engine) as session:
            for code in stores:
                import_catalog(
                    session,
                    code,
                    catalog,
                    settings=settings,
                    create_store=world.stores[code],
                    now=IMPORT_TIME,
                )
        snapshot = []
        with engine.connect() as connection:
            for table in SQLModel.metadata.sorted_tables:
                found = [dict(r._mapping) for r in connection.execute(table.select())]
                if found:
                    snapshot.append((table, found))
        self._catalogues[(world.catalog, stores)] = snapshot

    def drain(self, settings: Settings, engine: Engine) -> None:
        """Process what was received, then send everything the outbox holds."""
        process_pending(engine, settings)
        if self._transport is None:
            self._transport = make_transport(settings)
        worker = OutboxWorker(settings, engine, self._transport)
        self.loop.run_until_complete(worker.run(until_idle=True, max_wait=5.0))

    def close(self) -> None:
        if self._transport is not None:
            self.loop.run_until_complete(self._transport.aclose())
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()


# --- outcomes ----------------------------------------------------------------------------------


@dataclass
class Failure:
    step: str  # the step's number, "setup" or "end"
    action: str  # what was typed or done
    expected: list[str]
    answered: str


@dataclass
class Outcome:
    dialogue: Dialogue
    failure: Failure | None
    transcript: list[str]
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.failure is None

    def report(self) -> str:
        d = self.dialogue
        head = f"{d.id} [{d.section} {d.lang}] {d.purpose}"
        if self.failure is None:
            return head + ": passed"
        f = self.failure
        lines = [
            head,
            f"  step {f.step}: {f.action}",
            *(f"  expected: {e}" for e in f.expected),
            "  bot answered: " + (f.answered.replace("\n", " / ") or "(nothing)"),
            "  transcript:",
            *("    " + line for line in self.transcript),
        ]
        return "\n".join(lines)


class StepFailed(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _duration(raw: str) -> timedelta:
    total = timedelta()
    parts = re.findall(r"(\d+)\s*([dhm])", raw)
    if not parts or re.sub(r"[\d\s dhm]", "", raw):
        raise DialogueError(f"bad duration {raw!r} (e.g. 40m, 2h, 1d)")
    for amount, unit in parts:
        total += {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}[
            unit
        ] * int(amount)
    return total


class Scene:
    """One dialogue being played: its database, app, phones and clock."""

    def __init__(
        self,
        dialogue: Dialogue,
        line: Line,
        engine: Engine,
        settings: Settings,
        traveller: time_machine.Coordinates,
    ) -> None:
        self.dialogue = dialogue
        self.line = line
        self.engine = engine
        self.settings = settings
        self.traveller = traveller
        self.handsets = {m.who: Handset(m) for m in dialogue.members}
        self.speaker = dialogue.members[0].who
        self.transcript: list[str] = []
        self.replies: dict[int, str] = {}  # step number -> the speaker's reply
        self.last_reply = ""  # the latest non-empty reply to the dialogue's first manager
        self.offered: list[Choice] = []  # the speaker's choices before the current step
        self.start_movement = 0
        self.start_order = 0
        self.start_stock: dict[str, int] = {}
        self.seen_inbound = 0
        self.client: TestClient | None = None

    # --- setup ---

    def setup(self) -> None:
        d = self.dialogue
        stores = sorted({code for m in d.members for code in m.stores} | {self.default_store})
        self.line.load_catalogue(self.engine, self.settings, d.world, tuple(stores))
        overrides = {str(k): int(v) for k, v in (d.setup.get("stock") or {}).items()}
        changed = [
            dataclasses.replace(row, quantity=overrides.pop(row.sku))
            for row in catalog_rows(d.world)
            if row.sku in overrides
        ]
        if overrides:
            raise DialogueError(f"setup.stock names unknown skus {sorted(overrides)}")
        with transaction(self.engine) as session:
            if changed:  # the operator imported those lines again as an inventory (--set-stock)
                for code in stores:
                    import_catalog(
                        session,
                        code,
                        changed,
                        settings=self.settings,
                        set_stock=True,
                        now=IMPORT_TIME,
                    )
            managers = {}
            for m in d.members:
                for code in m.stores:
                    managers[m.who] = add_manager(
                        session, m.person.phone, code, name=m.person.name, language=m.language
                    )
                # Managers who use the bot daily: their 24-hour window is open.
                session.add(
                    Contact(
                        phone=m.person.phone,
                        wa_id=m.person.phone[1:],
                        profile_name=m.person.name,
                        last_inbound_at=utcnow() - timedelta(hours=1),
                    )
                )
            for item in d.setup.get("history") or []:
                self._history(session, item, managers)
            for item in d.setup.get("orders") or []:
                self._order(session, item, managers)
        with Session(self.engine) as session:
            self.start_movement = session.exec(select(func.max(StockMovement.id))).one() or 0
            self.start_order = session.exec(select(func.max(RestockOrder.id))).one() or 0
        self.start_stock = self.stock()

    def _history(self, session: Session, item: dict[str, Any], managers: dict[str, Any]) -> None:
        """A past movement: {sku, kind: sale|receipt, quantity, days_ago | hours_ago, by}."""
        sku, store = sku_store(str(item["sku"]), self.default_store)
        product = get_product(session, get_store(session, store), sku)
        kind = MovementKind(item.get("kind", "sale"))
        quantity = int(item["quantity"])
        ago = timedelta(days=float(item.get("days_ago", 0)), hours=float(item.get("hours_ago", 0)))
        who = managers.get(item.get("by", self.speaker))
        record_movement(
            session,
            product,
            -quantity if kind == MovementKind.SALE else quantity,
            kind,
            MovementSource.WHATSAPP,
            settings=self.settings,
            manager_id=who.id if who else None,
            now=BASE_TIME - ago,
        )

    def _order(self, session: Session, item: dict[str, Any], managers: dict[str, Any]) -> None:
        """An order placed earlier: {sku, quantity, status (confirmed), days_ago, by}."""
        sku, store = sku_store(str(item["sku"]), self.default_store)
        product = get_product(session, get_store(session, store), sku)
        placed = BASE_TIME - timedelta(days=float(item.get("days_ago", 2)))
        who = managers[item.get("by", self.speaker)]
        session.add(
            RestockOrder(
                product_id=product.id,  # type: ignore[arg-type]
                quantity=int(item["quantity"]),
                status=OrderStatus(item.get("status", "confirmed")),
                manager_id=who.id,
                source="whatsapp",
                created_at=placed,
                decided_at=placed,
            )
        )
        session.flush()

    # --- reading the database ---

    @property
    def default_store(self) -> str:
        return self.dialogue.world.default_store

    def key_of(self, sku: str, store: str) -> str:
        return sku_key(sku, store, self.default_store)

    def key(self, raw: str) -> str:
        """`SKU` or `SKU@store` as the runner names it (the store only when not the default)."""
        return self.key_of(*sku_store(raw, self.default_store))

    def keyed(self, wanted: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**item, "sku": self.key(str(item["sku"]))} for item in wanted]

    def stock(self) -> dict[str, int]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(Product.sku, Store.code, Product.quantity).join(
                    Store, col(Store.id) == col(Product.store_id)
                )
            ).all()
        return {self.key_of(sku, code): quantity for sku, code, quantity in rows}

    def movements(self) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(StockMovement, Product.sku, Store.code)
                .join(Product, col(Product.id) == col(StockMovement.product_id))
                .join(Store, col(Store.id) == col(Product.store_id))
                .where(col(StockMovement.id) > self.start_movement)
                .order_by(col(StockMovement.id))
            ).all()
        return [
            {"sku": self.key_of(sku, code), "kind": m.kind, "delta": m.delta, "source": m.source}
            for m, sku, code in rows
        ]

    def orders(self) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(RestockOrder, Product.sku, Store.code)
                .join(Product, col(Product.id) == col(RestockOrder.product_id))
                .join(Store, col(Store.id) == col(Product.store_id))
                .order_by(col(RestockOrder.id))
            ).all()
        return [
            {"id": o.id, "sku": self.key_of(sku, code), "status": o.status, "quantity": o.quantity}
            for o, sku, code in rows
        ]

    def ledger_problems(self) -> list[str]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(
                    Product.sku, Product.quantity, func.coalesce(func.sum(StockMovement.delta), 0)
                )
                .outerjoin(StockMovement, col(StockMovement.product_id) == col(Product.id))
                .group_by(col(Product.id), col(Product.sku), col(Product.quantity))
            ).all()
        return [
            f"ledger: {sku} holds {quantity} but its movements add up to {total}"
            for sku, quantity, total in rows
            if quantity != total
        ]

    def bot_errors(self) -> list[str]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(InboundMessage.id, InboundMessage.error)
                .where(col(InboundMessage.id) > self.seen_inbound)
                .order_by(col(InboundMessage.id))
            ).all()
        if rows:
            self.seen_inbound = rows[-1][0] or self.seen_inbound
        return [f"the bot failed on this message: {error}" for _, error in rows if error]

    # --- placeholders ---

    def product_names(self) -> list[tuple[str, str]]:
        with Session(self.engine) as session:
            store = get_store(session, self.default_store)
            rows = session.exec(
                select(Product.sku, Product.name).where(Product.store_id == store.id)
            )
            return [(sku, fold(name)) for sku, name in rows]

    def sku_of_title(self, title: str) -> str | None:
        return product_of_title(title, self.product_names())

    def sku_named_in(self, text: str, *, last: bool = False) -> str | None:
        """The product whose name comes first (or `last`) in `text`; the longest name wins among
        names starting at the same place."""
        folded = fold(text)
        found: list[tuple[int, int, str]] = []
        for sku, name in self.product_names():
            at = folded.rfind(name) if last else folded.find(name)
            if at >= 0:
                found.append((at, len(name), sku))
        if not found:
            return None
        if last:
            return max(found)[2]
        return min(found, key=lambda f: (f[0], -f[1]))[2]

    def resolve(self, text: str) -> str:
        """Replace the placeholders of `text`: `{order:SKU}` (the id of the latest order of that
        product), `{offered:N}` (the product of the N-th choice on the speaker's screen before
        this step), `{named:N}` / `{asked:N}` (the product named first / last in the speaker's
        reply at step N)."""

        def one(match: re.Match[str]) -> str:
            kind, arg = match.group(1), match.group(2)
            if kind == "order":
                ids = [o["id"] for o in self.orders() if o["sku"] == self.key(arg)]
                if not ids:
                    raise StepFailed([f"an order for {arg} (none exists)"])
                return str(ids[-1])
            if kind == "offered":
                n = int(arg)
                if not 0 < n <= len(self.offered):
                    titles = [c.title for c in self.offered]
                    raise StepFailed([f"a choice number {n} on screen (offered: {titles})"])
                sku = self.sku_of_title(self.offered[n - 1].title)
                if sku is None:
                    raise StepFailed(
                        [f"choice {n} ({self.offered[n - 1].title!r}) to be a product"]
                    )
                return sku
            if kind in ("named", "asked"):
                reply = self.replies.get(int(arg), "")
                sku = self.sku_named_in(reply, last=kind == "asked")
                if sku is None:
                    raise StepFailed([f"a product named in the reply of step {arg}"])
                return sku
            raise DialogueError(f"unknown placeholder {match.group(0)}")

        return re.sub(r"\{(order|offered|named|asked):([^}]+)\}", one, text)

    def resolve_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.resolve(value)
        if isinstance(value, list):
            return [self.resolve_value(v) for v in value]
        if isinstance(value, dict):
            return {self.resolve(str(k)): self.resolve_value(v) for k, v in value.items()}
        return value

    # --- acting ---

    def post(self, who: str, message: dict[str, Any]) -> None:
        assert self.client is not None
        phone = self.handsets[who].phone
        message = {
            "from": phone[1:],
            "id": f"wamid.dialogue{next(_ids)}",
            "timestamp": str(int(time.time())),
            **message,
        }
        body = delivery(phone, message)
        response = self.client.post(
            "/webhooks/whatsapp", content=body, headers=signed_headers(body)
        )
        if response.status_code != 200:
            raise StepFailed([f"the webhook to be accepted (got HTTP {response.status_code})"])
        self.drain()

    def drain(self) -> None:
        self.line.drain(self.settings, self.engine)
        for handset in self.handsets.values():
            handset.collect(self.line.graph)

    def tap(self, who: str, wanted: str | int, *, optional: bool = False) -> str:
        handset = self.handsets[who]
        choice = handset.find(wanted)
        if choice is None:
            if optional:
                for h in self.handsets.values():
                    h.new = []
                return ""
            titles = [c.title for c in handset.on_screen()]
            raise StepFailed([f"a choice {wanted!r} to tap (on screen: {titles})"])
        if choice.kind == "row":
            reply = {"type": "list_reply", "list_reply": {"id": choice.id, "title": choice.title}}
            self.post(who, {"type": "interactive", "interactive": reply})
        elif choice.kind == "button":
            reply = {
                "type": "button_reply",
                "button_reply": {"id": choice.id, "title": choice.title},
            }
            self.post(who, {"type": "interactive", "interactive": reply})
        else:
            self.post(
                who, {"type": "button", "button": {"payload": choice.id, "text": choice.title}}
            )
        return f"[{choice.title}]"

    def api(self, step: dict[str, Any]) -> str:
        assert self.client is not None
        method, _, path = self.resolve(str(step["api"])).partition(" ")
        payload = self.resolve_value(step.get("json"))
        response = self.client.request(
            method,
            path,
            json=payload,
            headers={"Authorization": f"Bearer {TEST_ADMIN_TOKEN}"},
        )
        allowed = step.get("status", [200, 201])
        allowed = allowed if isinstance(allowed, list) else [allowed]
        self.drain()
        if response.status_code not in allowed:
            got = f"{response.status_code}: {response.text}"
            raise StepFailed([f"{method} {path} to answer {allowed} (got {got})"])
        return f"HTTP {response.status_code} {response.text[:200]}"

    def do(self, number: int, step: dict[str, Any]) -> tuple[str, str]:
        """Play one step; return (what was done, what the speaker's phone received)."""
        who = step.get("as", self.speaker)
        handset = self.handsets[who]
        self.offered = handset.on_screen()
        for h in self.handsets.values():
            h.new = []
        if "say" in step:
            text = self.resolve(str(step["say"]))
            action = f"{who}> {text}"
            self.post(who, {"type": "text", "text": {"body": text}})
        elif "tap" in step or "pick" in step:
            wanted = step.get("tap", step.get("pick"))
            action = f"{who} taps {self.tap(who, wanted)}"
        elif "tap_if_asked" in step:
            tapped = self.tap(who, step["tap_if_asked"], optional=True)
            action = f"{who} taps {tapped}" if tapped else f"({who}: nothing to confirm)"
        elif "wait" in step:
            raw = str(step["wait"])
            self.traveller.shift(_duration(raw))
            action = f"... {raw} later"
        elif "api" in step:
            action = f"admin API {step['api']}"
            answered = self.api(step)
            self.transcript.append(action)
            self.transcript.append(f"  -> {answered}")
            return action, answered
        else:
            if step["run"] == "digest":
                send_due_digests(self.engine, self.settings, now=utcnow())
                action = "the daily digest runs"
            elif step["run"] == "reminders":
                renotify_all(self.engine, self.settings, now=utcnow())
                action = "the alert reminders run"
            else:
                raise DialogueError(f"unknown run {step['run']!r}")
            self.drain()
        reply = handset.reply
        self.replies[number] = reply
        first = self.handsets[self.speaker]
        self.last_reply = first.reply or self.last_reply
        self.transcript.append(action)
        for h in self.handsets.values():
            if h.new:
                prefix = "bot> " if h.member.who == who else f"bot to {h.member.who}> "
                self.transcript.append(prefix + h.reply.replace("\n", "\n     "))
        return action, reply

    # --- checking ---

    def check(self, expect: dict[str, Any], who: str) -> list[str]:
        expect = self.resolve_value(expect)
        problems = self.check_reply(expect, self.handsets[who].reply, self.handsets[who].new)
        for other, checks in (expect.get("to") or {}).items():
            handset = self.handsets.get(other)
            if handset is None:
                problems.append(f"a manager {other} in the dialogue")
                continue
            found = self.check_reply(checks, handset.reply, handset.new)
            answered = handset.reply.replace("\n", " / ") or "(nothing)"
            problems += [f"{other} receives: {p} [{other} got: {answered}]" for p in found]
        for other, patterns in (expect.get("seen") or {}).items():
            everything = "\n".join(render(b) for b in self.handsets[other].inbox)
            for raw in patterns:
                if not mentions(everything, str(raw)):
                    problems.append(f"{other} was told /{raw}/ at some point (never was)")
        problems += self.check_state(expect)
        return problems

    def check_reply(
        self, expect: dict[str, Any], reply: str, bodies: list[dict[str, Any]]
    ) -> list[str]:
        problems = []
        for raw in listed(expect.get("mentions")):
            if not mentions(reply, str(raw)):
                problems.append(f"the reply mentions /{raw}/")
        for raw in listed(expect.get("not_mentions")):
            if mentions(reply, str(raw)):
                problems.append(f"the reply does not mention /{raw}/")
        if "choices" in expect:
            offered = any(choices_of(b) for b in bodies)
            if offered != bool(expect["choices"]):
                problems.append("the reply offers choices" if expect["choices"] else "no choices")
        if "max_chars" in expect and len(reply) > int(expect["max_chars"]):
            problems.append(
                f"a short reply (at most {expect['max_chars']} characters, got {len(reply)})"
            )
        if expect.get("no_product_named"):
            sku = self.sku_named_in(reply)
            if sku is not None:
                problems.append(f"no product named (the reply names {sku})")
        return problems

    def check_state(self, expect: dict[str, Any]) -> list[str]:
        problems: list[str] = []
        if "stock" in expect or "change" in expect:
            now = self.stock()
            for raw, wanted in (expect.get("stock") or {}).items():
                key = self.key(raw)
                if now.get(key) != int(wanted):
                    problems.append(f"stock of {key} = {wanted} (it is {now.get(key)})")
            for raw, wanted in (expect.get("change") or {}).items():
                key = self.key(raw)
                delta = now.get(key, 0) - self.start_stock.get(key, 0)
                if delta != int(wanted):
                    problems.append(
                        f"stock of {key} changed by {int(wanted):+d} (it changed by {delta:+d})"
                    )
        if "movements" in expect or expect.get("no_movements"):
            wanted = [] if expect.get("no_movements") else list(expect.get("movements") or [])
            problems += movements_problems(self.keyed(wanted), self.movements())
        if "orders" in expect:
            problems += orders_problems(self.keyed(list(expect["orders"] or [])), self.orders())
        if "new_orders" in expect:
            created = [o for o in self.orders() if o["id"] > self.start_order]
            if len(created) != int(expect["new_orders"]):
                shown = [describe_order(o) for o in created]
                problems.append(f"{expect['new_orders']} orders created (created: {shown})")
        for raw, wanted in (expect.get("open_orders") or {}).items():
            key = self.key(raw)
            is_open = any(
                o["sku"] == key and o["status"] == OrderStatus.CONFIRMED for o in self.orders()
            )
            if is_open != bool(wanted):
                problems.append(f"an open order for {key}: {bool(wanted)} (it is {is_open})")
        for who, wanted in (expect.get("language") or {}).items():
            with Session(self.engine) as session:
                manager = session.exec(
                    select(Manager).where(Manager.phone == self.dialogue.world.people[who].phone)
                ).one()
            if manager.language != wanted:
                problems.append(f"{who}'s language stored as {wanted} (it is {manager.language})")
        if "same" in expect:
            values = list(expect["same"])
            if len(set(values)) != 1:
                problems.append(f"the same product {values}")
        if "distinct" in expect:
            values = list(expect["distinct"])
            if len(set(values)) != len(values):
                problems.append(f"different products {values}")
        return problems


def play(dialogue: Dialogue, line: Line, engine: Engine, database_url: str) -> Outcome:
    """Play `dialogue` on the database at `database_url` (its schema created), emptied first."""
    started = time.perf_counter()
    empty_database(engine)
    settings = line.settings(database_url, **dialogue.settings)
    line.graph.reset()
    with time_machine.travel(BASE_TIME, tick=True) as traveller:
        scene = Scene(dialogue, line, engine, settings, traveller)
        try:
            scene.setup()
        except DialogueError:
            raise
        except Exception as exc:  # the bot refused the setup (e.g. a language it lacks)
            failure = Failure("setup", "managers and catalogue", [f"setup works ({exc!r})"], "")
            return Outcome(dialogue, failure, [], time.perf_counter() - started)
        app = create_app(settings, engine=engine, run_background=False)
        failure = None
        with TestClient(app) as client:
            scene.client = client
            for number, step in enumerate(dialogue.steps, 1):
                who = step.get("as", scene.speaker)
                action, answered = "", ""
                try:
                    action, answered = scene.do(number, step)
                    problems = scene.bot_errors() + scene.check(step.get("expect") or {}, who)
                except StepFailed as exc:
                    problems = exc.problems
                    answered = answered or scene.handsets[who].reply
                    action = action or json.dumps(
                        {k: v for k, v in step.items() if k != "expect"}, ensure_ascii=False
                    )
                if problems:
                    failure = Failure(str(number), action, problems, answered)
                    break
            if failure is None:
                last = scene.last_reply
                try:
                    problems = scene.check(dialogue.expect, scene.speaker) + scene.ledger_problems()
                except StepFailed as exc:
                    problems = exc.problems
                if problems:
                    failure = Failure("end", "(the whole dialogue)", problems, last)
    return Outcome(dialogue, failure, scene.transcript, time.perf_counter() - started)
