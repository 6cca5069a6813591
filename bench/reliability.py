"""The reliability suite: stockbot under attack and faults, as figures (issue 19).

    python bench/reliability.py --short      # CI (.ci/run): about 2 minutes
    python bench/reliability.py              # the full run of docs/reliability.md
    python bench/reliability.py --database-url postgresql://postgres@127.0.0.1:5432/bench_x

On a scratch database (PostgreSQL by default: its `public` schema is dropped and recreated), all
on 127.0.0.1 (`--port` and the two following): two `stockbot serve` processes, one
`stockbot worker`, the fake Graph API (`tests/fakes/graph.py`) in this process. Each section
prints its figures; the run exits 1 when one shows a guarantee broken: a forged delivery
accepted, a 5xx answer to a fuzzed body, a message lost, a message processed twice, a reply lost,
a stock that is not its movements' sum. Replies duplicated by kill -9 are reported, not failed:
a send whose answer never came back cannot be known (Meta's API has no idempotency key).

Sections: forged deliveries (Meta and Twilio signatures); fuzzed bodies (hypothesis: signed
Meta and Twilio webhooks; schemathesis: the admin API from its own OpenAPI description);
re-deliveries split across the two web processes; 429 and 5xx storms from the Graph API; random
concurrent stock operations through the API of both processes; PostgreSQL connections cut
mid-run (`pg_terminate_backend` on the scratch database's connections: what a database restart
does to the app, without disturbing anything else on the cluster); kill -9 of the web processes
and the worker at random moments while messages flow.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import _paths  # noqa: F401  (first: the repository root on sys.path)
import httpx
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from bench._stack import (
    META_PATH,
    PRODUCTS,
    PUBLIC_URL,
    STORE,
    TWILIO_TOKEN,
    Sender,
    Stack,
    reset_database,
    seed,
    wait_for_replies,
)
from bot.db.engine import create_db_engine
from bot.inbound.twilio import MESSAGES_PATH as TWILIO_PATH
from bot.inbound.twilio import STATUS_PATH as TWILIO_STATUS_PATH
from bot.inbound.twilio import twilio_signature
from bot.settings import normalize_database_url
from tests.bot.inbound.helpers import sign, text_webhook
from tests.bot.webhooks.test_property import bodies as meta_bodies
from tests.conftest import TEST_ADMIN_TOKEN, TEST_PHONE_NUMBER_ID, TEST_VERIFY_TOKEN
from tests.fakes.graph import FakeGraph

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bench_reliability"
AUTH = {"Authorization": f"Bearer {TEST_ADMIN_TOKEN}"}


@dataclass(frozen=True)
class Sizes:
    forged: int  # forged deliveries of each kind
    fuzz_meta: int
    fuzz_twilio: int
    api_examples: int  # schemathesis examples per operation and mode
    redelivered: int  # messages, each delivered `copies` times
    copies: int
    storm_messages: int
    stock_ops: int
    stock_threads: int
    cut_messages: int
    cuts: int
    kills: int
    kill_every: float  # mean seconds between kills
    kill_rate: float  # messages per second while killing


SHORT = Sizes(
    forged=4,
    fuzz_meta=60,
    fuzz_twilio=40,
    api_examples=2,
    redelivered=15,
    copies=3,
    storm_messages=16,
    stock_ops=100,
    stock_threads=4,
    cut_messages=15,
    cuts=2,
    kills=2,
    kill_every=3.0,
    kill_rate=3.0,
)
FULL = Sizes(
    forged=40,
    fuzz_meta=800,
    fuzz_twilio=400,
    api_examples=10,
    redelivered=100,
    copies=4,
    storm_messages=100,
    stock_ops=1000,
    stock_threads=8,
    cut_messages=100,
    cuts=4,
    kills=10,
    kill_every=4.0,
    kill_rate=4.0,
)


@dataclass
class Figure:
    name: str
    value: int
    out_of: str
    guarantee: bool = True  # a non-zero value breaks a guarantee

    def line(self) -> str:
        flag = "  ✘" if self.guarantee and self.value else ""
        return f"  {self.name}: {self.value} {self.out_of}{flag}"


@dataclass
class Run:
    stack: Stack
    engine: Engine
    numbers: list[str]
    sizes: Sizes
    rng: random.Random
    short: bool
    figures: list[Figure] = field(default_factory=list)
    _next_number: int = 0

    def take_numbers(self, count: int) -> list[str]:
        """Managers not used by an earlier section (each writes once: replies count per number)."""
        taken = self.numbers[self._next_number : self._next_number + count]
        self._next_number += count
        if len(taken) < count:
            raise RuntimeError("not enough managers seeded")
        return taken

    def report(self, name: str, value: int, out_of: str, *, guarantee: bool = True) -> None:
        figure = Figure(name, value, out_of, guarantee)
        self.figures.append(figure)
        print(figure.line(), flush=True)


# --- forged deliveries -----------------------------------------------------------------------


def forged(run: Run) -> None:
    """Deliveries whose signature is missing or wrong, of every kind; none may be accepted
    (answered 2xx) or stored."""
    web = run.stack.webs[0].url
    accepted = 0
    total = 0
    ids: list[str] = []
    with httpx.Client(base_url=web, timeout=10) as client:
        for n in range(run.sizes.forged):
            wamid = f"wamid.FORGED{n}{uuid.uuid4().hex[:8]}"
            ids.append(wamid)
            body = text_webhook(wamid, sender="221771234567", phone_number_id=TEST_PHONE_NUMBER_ID)
            other = text_webhook(wamid + "x", phone_number_id=TEST_PHONE_NUMBER_ID)
            good = sign(body)
            variants = [
                {},
                {"X-Hub-Signature-256": ""},
                {"X-Hub-Signature-256": "sha256="},
                {"X-Hub-Signature-256": sign(body, "wrong-secret")},
                {"X-Hub-Signature-256": sign(other)},  # a real signature of another body
                {"X-Hub-Signature-256": good[:-2]},
                {"X-Hub-Signature-256": good.replace("sha256=", "sha1=")},
                {"X-Hub-Signature-256": good.upper()},
                {"X-Hub-Signature": good},
                {"X-Hub-Signature-256": good + "00"},
            ]
            for headers in variants:
                total += 1
                answer = client.post(META_PATH, content=body, headers=headers)
                accepted += answer.is_success
            # the body changed after signing: one byte, or a field added
            for tampered in (body + b" ", body.replace(b"STOCK", b"STOCk", 1)):
                total += 1
                answer = client.post(
                    META_PATH, content=tampered, headers={"X-Hub-Signature-256": good}
                )
                accepted += answer.is_success
            # the verification handshake with a wrong token must not echo the challenge
            total += 1
            answer = client.get(
                META_PATH,
                params={
                    "hub.mode": "subscribe",
                    "hub.verify_token": TEST_VERIFY_TOKEN + "x",
                    "hub.challenge": "1158201444",
                },
            )
            accepted += answer.is_success or "1158201444" in answer.text
            # Twilio
            sid = f"SMforged{n}{uuid.uuid4().hex[:10]}"
            ids.append(sid)
            params = [
                ("MessageSid", sid),
                ("From", "whatsapp:+221771234567"),
                ("To", "whatsapp:+221785550100"),
                ("Body", "stock riz"),
                ("NumMedia", "0"),
            ]
            url = PUBLIC_URL + TWILIO_PATH
            good_twilio = twilio_signature(TWILIO_TOKEN, url, params)
            twilio_variants: list[tuple[list[tuple[str, str]], str | None]] = [
                (params, None),
                (params, ""),
                (params, twilio_signature("wrong-token", url, params)),
                (
                    params,
                    twilio_signature(TWILIO_TOKEN, "https://evil.example" + TWILIO_PATH, params),
                ),
                ([*params[:-1], ("Body", "stock sucre")], good_twilio),
                ([*params, ("Extra", "1")], good_twilio),
                (params, good_twilio[:-3]),
            ]
            for form, signature in twilio_variants:
                total += 1
                headers = {"Content-Type": "application/x-www-form-urlencoded"}
                if signature is not None:
                    headers["X-Twilio-Signature"] = signature
                answer = client.post(TWILIO_PATH, content=urlencode(form), headers=headers)
                accepted += answer.is_success
    with run.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT count(*) FROM inbound_message WHERE provider_message_id = ANY(:ids)")
            if run.engine.dialect.name == "postgresql"
            else text(
                "SELECT count(*) FROM inbound_message WHERE provider_message_id IN "
                f"({','.join(repr(i) for i in ids)})"
            ),
            {"ids": ids},
        ).scalar_one()
    run.report("forged deliveries accepted", accepted + stored, f"of {total} (stored: {stored})")


# --- fuzzed bodies ---------------------------------------------------------------------------

_TWILIO_KEYS = [
    "MessageSid",
    "SmsMessageSid",
    "AccountSid",
    "From",
    "To",
    "Body",
    "NumMedia",
    "MediaUrl0",
    "MediaContentType0",
    "ButtonPayload",
    "ButtonText",
    "Latitude",
    "Longitude",
    "ProfileName",
    "WaId",
    "OriginalRepliedMessageSid",
    "Forwarded",
    "MessageStatus",
    "ErrorCode",
    "ChannelPrefix",
]
_any_text = st.text(st.characters(exclude_categories=()), max_size=30)
_twilio_value = (
    _any_text
    | st.sampled_from(["whatsapp:+221771234567", "whatsapp:+221785550100", "0", "1", "", "2"])
    | st.from_regex(r"\ASM[0-9a-f]{32}\Z")
    | st.integers().map(str)
    | st.floats().map(str)
)
twilio_forms = st.lists(
    st.tuples(st.sampled_from(_TWILIO_KEYS) | _any_text, _twilio_value), max_size=12
)


def _fuzz(strategy: st.SearchStrategy[Any], examples: int, seed: int, check: Callable[..., None]):
    """Run `check` on `examples` values drawn from `strategy` (no shrinking, no database)."""

    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def each(value: Any) -> None:
        check(value)

    each._hypothesis_internal_use_seed = seed  # type: ignore[attr-defined]
    each()


def fuzz_webhooks(run: Run) -> None:
    answers: Counter[str] = Counter()
    errors: list[str] = []
    webs = [w.url for w in run.stack.webs]
    client = httpx.Client(timeout=30)

    def post(kind: str, url: str, body: bytes, headers: dict[str, str]) -> None:
        try:
            code = client.post(url, content=body, headers=headers).status_code
        except httpx.HTTPError as exc:
            code = 0
            errors.append(f"{kind}: {type(exc).__name__}")
        answers[f"{kind} {code // 100}xx" if code else f"{kind} no answer"] += 1
        if code >= 500 and len(errors) < 5:
            errors.append(f"{kind} {code}: {body[:200]!r}")

    def meta(body: bytes) -> None:
        headers = {"Content-Type": "application/json", "X-Hub-Signature-256": sign(body)}
        post("meta", run.rng.choice(webs) + META_PATH, body, headers)

    def twilio(form: list[tuple[str, str]]) -> None:
        path = run.rng.choice([TWILIO_PATH, TWILIO_PATH, TWILIO_STATUS_PATH])
        body = urlencode(form, encoding="utf-8", errors="surrogatepass").encode("ascii")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": twilio_signature(TWILIO_TOKEN, PUBLIC_URL + path, form),
        }
        post("twilio", run.rng.choice(webs) + path, body, headers)

    started = time.monotonic()
    _fuzz(meta_bodies, run.sizes.fuzz_meta, run.rng.randrange(2**32), meta)
    _fuzz(twilio_forms, run.sizes.fuzz_twilio, run.rng.randrange(2**32), twilio)
    client.close()
    for kind in ("meta", "twilio"):
        fives = answers[f"{kind} 5xx"] + answers[f"{kind} no answer"]
        total = sum(v for k, v in answers.items() if k.startswith(kind))
        detail = ", ".join(
            f"{k[len(kind) + 1 :]} {v}" for k, v in sorted(answers.items()) if k.startswith(kind)
        )
        run.report(f"5xx over fuzzed signed {kind} webhooks", fives, f"of {total} ({detail})")
    for line in errors[:5]:
        print("    e.g.", line)
    print(f"    ({time.monotonic() - started:.0f} s)")


def fuzz_api(run: Run) -> None:
    """The admin API driven from its own OpenAPI description (schemathesis): valid and invalid
    requests for every operation, authenticated; no answer may be a 5xx."""
    import schemathesis
    from schemathesis import GenerationMode

    base = run.stack.webs[0].url
    spec = httpx.get(base + "/api/openapi.json", headers=AUTH, timeout=30).json()
    spec["servers"] = [{"url": base + "/api"}] if not spec.get("servers") else spec["servers"]
    schema = schemathesis.openapi.from_dict(spec)
    api = base + _api_prefix(spec)
    answers: Counter[int] = Counter()
    failures: list[str] = []
    started = time.monotonic()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)

            def call(case: Any) -> None:
                try:
                    response = case.call(base_url=api, headers=AUTH, timeout=30)
                    code = response.status_code
                except Exception as exc:  # a connection reset is as bad as a 500
                    code = 0
                    failures.append(f"{case.method} {case.path}: {type(exc).__name__}")
                answers[code] += 1
                if (code >= 500 or code == 0) and len(failures) < 5:
                    failures.append(f"{case.method} {case.formatted_path} -> {code}")

            _fuzz(strategy, run.sizes.api_examples, run.rng.randrange(2**32), call)
    fives = sum(v for k, v in answers.items() if k >= 500 or k == 0)
    detail = ", ".join(f"{k} {v}" for k, v in sorted(answers.items()))
    run.report(
        "5xx over admin API requests (schemathesis)",
        fives,
        f"of {sum(answers.values())} on {operations} operations ({detail})",
    )
    for line in failures[:5]:
        print("    e.g.", line)
    print(f"    ({time.monotonic() - started:.0f} s)")


def _api_prefix(spec: dict[str, Any]) -> str:
    """The API's mount point when the description's paths do not carry it."""
    paths = list(spec.get("paths", {}))
    return "" if paths and all(p.startswith("/api/") for p in paths) else "/api"


# --- re-deliveries across two processes --------------------------------------------------------


def redeliveries(run: Run) -> None:
    """Each message delivered `copies` times at once, the copies split across both web
    processes: stored once, processed once, answered once."""
    numbers = run.take_numbers(run.sizes.redelivered)
    sender = Sender(run.stack, run.rng)
    wamids = {n: f"wamid.REDELIVER{n}{uuid.uuid4().hex[:6]}" for n in numbers}
    webs = run.stack.webs
    for number in numbers:
        payload = text_webhook(wamids[number], sender=number, phone_number_id=TEST_PHONE_NUMBER_ID)
        start = threading.Barrier(run.sizes.copies)

        def deliver(index: int, payload: bytes = payload, start: threading.Barrier = start) -> None:
            start.wait()
            sender.deliver(payload, to=webs[index % len(webs)].url)

        threads = [threading.Thread(target=deliver, args=(i,)) for i in range(run.sizes.copies)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    replies = wait_for_replies(run.stack.graph, set(numbers), timeout=90)
    with run.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT i.provider_message_id, count(DISTINCT i.id), count(o.id) "
                "FROM inbound_message i LEFT JOIN outbound_message o "
                "ON o.inbound_message_id = i.id "
                "WHERE i.provider_message_id LIKE 'wamid.REDELIVER%' "
                "GROUP BY i.provider_message_id"
            )
        ).all()
    stored_twice = sum(r[1] - 1 for r in rows)
    replied_twice = sum(max(0, r[2] - 1) for r in rows)
    sent_twice = sum(max(0, c - 1) for c in replies.values())
    lost = len(numbers) - len(replies)
    total = len(numbers) * run.sizes.copies
    run.report(
        "duplicates processed",
        stored_twice + replied_twice + sent_twice,
        f"over {total} deliveries of {len(numbers)} messages split across 2 processes "
        f"(stored twice {stored_twice}, replies queued twice {replied_twice}, sent twice "
        f"{sent_twice})",
    )
    run.report("messages lost (re-deliveries)", lost, f"of {len(numbers)}")


# --- Graph API storms ------------------------------------------------------------------------


def storms(run: Run) -> None:
    """Replies sent while the Graph API answers bursts of 429 (130429), 500 (131000) and bare
    502/503: each must arrive once in the end."""
    numbers = run.take_numbers(run.sizes.storm_messages)
    graph = run.stack.graph
    sender = Sender(run.stack, run.rng)
    before = len(graph.requests)
    burst = max(2, len(numbers) // 8)  # small enough for the replies to meet every burst
    bursts = [
        lambda: graph.fail_next(burst, 130429),
        lambda: graph.fail_next(burst, 131000),
        lambda: graph.fail_next(burst, None, status=502),
        lambda: graph.fail_next(burst, None, status=503),
    ]
    for index, number in enumerate(numbers):
        # Bursts at 0, 1/5, 2/5 and 3/5 of the flow: messages enough after the last one.
        if bursts and index >= (4 - len(bursts)) * len(numbers) // 5:
            bursts.pop(0)()
        sender.message(f"wamid.STORM{index}{uuid.uuid4().hex[:6]}", number)
        time.sleep(0.05)
    replies = wait_for_replies(graph, set(numbers), timeout=150)
    refused = Counter(r.status for r in graph.requests[before:] if r.status != 200)
    _drain_errors(graph)
    lost = len(numbers) - len(replies)
    duplicated = sum(c - 1 for c in replies.values())
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(refused.items()))
    run.report(
        "replies lost under 429/5xx storms", lost, f"of {len(numbers)} (errors answered: {detail})"
    )
    run.report("replies duplicated under storms", duplicated, f"of {len(numbers)}")


def _drain_errors(graph: FakeGraph) -> None:
    """Uses up the scripted errors no reply met (sends to a number nobody else writes to)."""
    url = f"{graph.api_url}/{graph.phone_number_id}/messages"
    body = {"messaging_product": "whatsapp", "to": "221700000000", "type": "text"}
    headers = {"Authorization": f"Bearer {graph.token}"}
    for _ in range(1000):
        if httpx.post(url, json=body, headers=headers, timeout=10).status_code == 200:
            return


# --- stock under concurrent operations ---------------------------------------------------------


def stock(run: Run) -> None:
    """Random sales, receipts and adjustments from several threads through both processes'
    API (some retried with their Idempotency-Key): every product's stock must equal its initial
    stock plus the sum of its movements, and plus what the API acknowledged."""
    from bench._stack import INITIAL_STOCK

    webs = [w.url for w in run.stack.webs]
    acknowledged: Counter[str] = Counter()
    answers: Counter[int] = Counter()
    lock = threading.Lock()
    per_thread = run.sizes.stock_ops // run.sizes.stock_threads

    def worker(seed_value: int) -> None:
        rng = random.Random(seed_value)
        with httpx.Client(timeout=30, headers=AUTH) as client:
            for _ in range(per_thread):
                sku = rng.choice(PRODUCTS[:3])  # few products: contention
                kind = rng.choice(["sale", "sale", "receipt", "adjustment"])
                quantity = rng.randint(1, 40)
                if kind == "adjustment":
                    quantity = rng.choice([-1, 1]) * quantity
                body = {"store": STORE, "sku": sku, "kind": kind, "quantity": quantity}
                if kind == "sale" and rng.random() < 0.05:
                    body["quantity"] = 10**5  # beyond the stock: 409, nothing recorded
                key = uuid.uuid4().hex if rng.random() < 0.3 else None
                headers = {"Idempotency-Key": key} if key else {}
                tries = 2 if key else 1  # a retried POST with the same key records once
                for _ in range(tries):
                    response = client.post(
                        rng.choice(webs) + "/api/movements", json=body, headers=headers
                    )
                    with lock:
                        answers[response.status_code] += 1
                if response.is_success:
                    delta = -body["quantity"] if kind == "sale" else body["quantity"]
                    with lock:
                        acknowledged[sku] += delta

    threads = [
        threading.Thread(target=worker, args=(run.rng.randrange(2**32),))
        for _ in range(run.sizes.stock_threads)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with run.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT p.sku, p.quantity, COALESCE(sum(m.delta), 0) FROM product p "
                "JOIN store s ON s.id = p.store_id LEFT JOIN stock_movement m "
                "ON m.product_id = p.id WHERE s.code = :store GROUP BY p.sku, p.quantity"
            ),
            {"store": STORE},
        ).all()
    mismatches = 0
    for sku, quantity, moved in rows:
        if quantity != INITIAL_STOCK + moved or moved != acknowledged[sku] or quantity < 0:
            mismatches += 1
            print(
                f"    {sku}: stock {quantity}, initial + movements {INITIAL_STOCK + moved},"
                f" initial + acknowledged {INITIAL_STOCK + acknowledged[sku]}"
            )
    fives = sum(v for k, v in answers.items() if k >= 500)
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(answers.items()))
    run.report(
        "stock mismatches after concurrent operations",
        mismatches,
        f"of {len(rows)} products ({sum(answers.values())} requests: {detail};"
        f" {time.monotonic() - started:.0f} s)",
    )
    run.report("5xx during concurrent stock operations", fives, f"of {sum(answers.values())}")


# --- database connections cut ----------------------------------------------------------------


def database_cut(run: Run) -> None:
    """While messages flow, every connection of the app's processes to the database is
    terminated (`pg_terminate_backend`, what a PostgreSQL restart does to them), `cuts` times:
    the processes recover by themselves, nothing is lost."""
    if run.engine.dialect.name != "postgresql":
        print("  (database cuts: PostgreSQL only, skipped)")
        return
    numbers = run.take_numbers(run.sizes.cut_messages)
    sender = Sender(run.stack, run.rng)
    cut_times: list[float] = []
    terminated = 0

    def cut() -> int:
        with run.engine.connect() as connection:
            count = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
            connection.commit()
        return int(count)

    def flow() -> None:
        for index, number in enumerate(numbers):
            sender.message(f"wamid.CUT{index}{uuid.uuid4().hex[:6]}", number)
            time.sleep(0.1)

    flowing = threading.Thread(target=flow)
    flowing.start()
    for _ in range(run.sizes.cuts):
        time.sleep(run.rng.uniform(0.5, 2.0))
        terminated += cut()
        cut_times.append(time.monotonic())
    flowing.join()
    replies = wait_for_replies(run.stack.graph, set(numbers), timeout=120)
    recovered = all(
        httpx.get(w.url + "/healthz", timeout=10).status_code == 200 for w in run.stack.webs
    )
    lost = len(numbers) - len(replies)
    failed_answers = sum(v for k, v in sender.answers.items() if k != 200)
    run.report(
        "messages lost across database cuts",
        lost,
        f"of {len(numbers)} ({run.sizes.cuts} cuts, {terminated} connections terminated; "
        f"{failed_answers} deliveries answered 503 or not at all, then delivered again)",
    )
    run.report(
        "processes not recovered after database cuts",
        int(not recovered or not run.stack.alive()),
        "(health answered 200 by both web processes, no restart)",
    )


# --- kill -9 -----------------------------------------------------------------------------------


def kills(run: Run) -> None:
    """Messages flow while a web process or the worker, at random, is killed with SIGKILL and
    started again at once (`kills` times); each message must be answered (lost: none), and the
    replies sent twice are counted (a send in flight at a kill can go out again)."""
    stack = run.stack
    count = run.sizes.kills
    duration = count * run.sizes.kill_every
    numbers = run.take_numbers(int(duration * run.sizes.kill_rate) + 10)
    sender = Sender(stack, run.rng)
    stop = threading.Event()
    killed: Counter[str] = Counter()
    sent: list[str] = []

    def flow() -> None:
        for index, number in enumerate(numbers):
            if stop.is_set():
                return
            sent.append(number)
            threading.Thread(
                target=sender.message, args=(f"wamid.KILL{index}{uuid.uuid4().hex[:6]}", number)
            ).start()
            time.sleep(1 / run.sizes.kill_rate)

    flowing = threading.Thread(target=flow)
    flowing.start()
    # Web processes and the worker alike, in a random order (both kinds from 2 kills on).
    kinds = ["web", "worker"] + [run.rng.choice(["web", "worker"]) for _ in range(count - 2)]
    run.rng.shuffle(kinds)
    for kind in kinds[:count]:
        time.sleep(run.rng.uniform(0.5, 1.5) * run.sizes.kill_every)
        target = "worker"
        if kind == "web":
            # Never both web processes down at once: the one killed last must be up again.
            for web in stack.webs:
                stack.wait_ready(web)
            target = run.rng.choice(stack.webs).name
        stack.kill(target)
        killed[target] += 1
    stop.set()
    flowing.join()
    for web in stack.webs:
        stack.wait_ready(web)
    answered = set(sent)
    replies = wait_for_replies(stack.graph, answered, timeout=150, settle=8)
    lost = len(answered) - len(replies)
    duplicated = sum(c - 1 for c in replies.values())
    per = ", ".join(f"{k} {v}" for k, v in sorted(killed.items()))
    run.report("messages lost over kill -9", lost, f"of {len(answered)} ({count} kills: {per})")
    run.report(
        "replies duplicated over kill -9",
        duplicated,
        f"of {len(replies)} ({duplicated / max(count, 1):.2f} per kill; by design not zero:"
        " a send in flight at a kill)",
        guarantee=False,
    )


def outbox_kills(run: Run) -> None:
    """The outbox worker alone killed while it sends queued replies: `bench/kills.py` (issue 19
    §3, its own scratch database and processes), when that script is there; full mode only."""
    if run.short:
        print("  (full mode only)")
        return
    try:
        from bench import kills as kill_bench
    except ImportError:
        print("  (bench/kills.py not there: skipped)")
        return
    url = run.engine.url.set(database=f"{run.engine.url.database}_outbox")
    reset_database(url.render_as_string(hide_password=False))
    options = kill_bench.KillOptions(
        database_url=url.render_as_string(hide_password=False),
        kills=run.sizes.kills,
        port=run.stack.port + 50,
    )
    report = kill_bench.run(options)
    for line in report.lines():
        print("   ", line)
    run.report("replies lost over outbox worker kills", report.lost, f"of {report.queued}")
    run.report(
        "replies duplicated over outbox worker kills",
        report.duplicates,
        f"({report.duplicates / max(report.kills, 1):.2f} per kill)",
        guarantee=False,
    )


# --- the run ---------------------------------------------------------------------------------

SECTIONS: list[tuple[str, Callable[[Run], None]]] = [
    ("forged deliveries", forged),
    ("fuzzed webhooks (hypothesis)", fuzz_webhooks),
    ("admin API (schemathesis)", fuzz_api),
    ("re-deliveries across two processes", redeliveries),
    ("Graph API storms", storms),
    ("concurrent stock operations", stock),
    ("database connections cut", database_cut),
    ("kill -9 of web and worker", kills),
    ("kill -9 of the outbox worker (bench/kills.py)", outbox_kills),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="the CI size (about 2 minutes)")
    parser.add_argument("--database-url", default=DEFAULT_URL, help="a scratch database")
    parser.add_argument("--port", type=int, default=19300, help="web processes: +1 and +2")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--only", default="", help="comma-separated section numbers (1-9)")
    args = parser.parse_args()
    sizes = SHORT if args.short else FULL
    url = normalize_database_url(args.database_url)
    rng = random.Random(args.seed)
    started = time.monotonic()
    print(f"reliability suite ({'short' if args.short else 'full'}), database {url.split('@')[-1]}")
    reset_database(url)
    engine = create_db_engine(url)
    managers = sizes.redelivered + sizes.storm_messages + sizes.cut_messages
    managers += int(sizes.kills * sizes.kill_every * sizes.kill_rate) + 20
    numbers = seed(engine, managers)
    log = Path(tempfile.gettempdir()) / "stockbot-reliability.log"
    log.write_bytes(b"")
    only = {int(n) for n in args.only.split(",") if n.strip()}
    with FakeGraph.start() as graph:
        stack = Stack(url, args.port, graph, log)
        try:
            stack.start_all()
            print(f"  (processes ready in {time.monotonic() - started:.0f} s; their log: {log})")
            run = Run(stack, engine, numbers, sizes, rng, args.short)
            for index, (title, section) in enumerate(SECTIONS, start=1):
                if only and index not in only:
                    continue
                print(f"{index}. {title}", flush=True)
                section(run)
        finally:
            stack.stop_all()
            engine.dispose()
    broken = [f for f in run.figures if f.guarantee and f.value]
    print(f"{len(run.figures)} figures in {time.monotonic() - started:.0f} s: ", end="")
    print(
        "every guarantee held"
        if not broken
        else f"{len(broken)} broken: " + "; ".join(f.name for f in broken)
    )
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
