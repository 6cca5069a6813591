"""`step`: one event in, the next snapshot, the replies and the stock operations out.

Pure: the catalog is read from the `CatalogView` given, the time is `now`, and everything that
must happen in the database comes out as effects, whose results come back as events.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from intents import CONFIDENT, MIDDLING, Intent, ParsedIntent, parse_quantity
from state.answers import alerts_text, overview_text, stock_text, to_reorder
from state.choices import by_number, by_value, by_words, choice_id, fold, parse_choice_id
from state.effects import (
    ChangeOrderQuantity,
    DecideOrder,
    MovementKindName,
    ProposeOrder,
    RecordMovement,
)
from state.effects import SwitchStore as SwitchStoreEffect
from state.events import (
    AlreadyHandled,
    ChoiceIn,
    Event,
    MovementRecorded,
    MovementRefused,
    OrderChanged,
    OrderDecided,
    OrderProposed,
    OrderQuantityAsked,
    OtherIn,
    StoreSwitched,
    TextIn,
)
from state.machine import Conversation, State, running
from state.messages import amount, plural_unit, shorten, text
from state.values import CatalogView, Choice, ConversationSnapshot, Outcome, ProductView, Reply

DEFAULT_TIMEOUT = timedelta(minutes=30)
BUTTON_TITLE_MAX = 20
ROW_TITLE_MAX = 24
ROW_DESCRIPTION_MAX = 72
ROWS_MAX = 10
BUTTONS_MAX = 3

_ACTIONS = {
    Intent.STOCK_QUERY: "stock",
    Intent.SALE: "sale",
    Intent.RECEIPT: "receipt",
    Intent.RESTOCK: "restock",
}
_VERBS = {"stock": "STOCK", "sale": "VENTE", "receipt": "REÇU", "restock": "COMMANDER"}
_NOT_ANSWERS = frozenset({Intent.UNKNOWN, Intent.YES, Intent.NO})
_BARE_STOCK = frozenset({"stock", "stok", "stocks", "stoc"})
# Words of a command, dropped to find which product name was not found.
_COMMAND_WORDS = frozenset(
    {
        "stock",
        "stok",
        "stocks",
        "vente",
        "vendu",
        "vendre",
        "vends",
        "recu",
        "reception",
        "arrivage",
        "arrive",
        "commander",
        "commande",
        "cmd",
        "combien",
        "reste",
        "il",
        "me",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "un",
        "une",
        "sale",
        "sold",
        "sell",
        "order",
        "received",
        "delivery",
        "how",
        "much",
        "many",
    }
)
_STORE_WORDS = frozenset({"magasin", "boutique", "store", "shop"})


def step(
    snapshot: ConversationSnapshot,
    event: Event,
    view: CatalogView,
    now: datetime,
    *,
    timeout: timedelta = DEFAULT_TIMEOUT,
) -> Outcome:
    """The conversation after `event`. A waiting question older than `timeout` is dropped first
    when the event comes from the manager, so the message is read as a new command."""
    with running(snapshot, now, timeout) as conversation:
        turn = _Turn(conversation, view)
        if isinstance(event, TextIn | ChoiceIn | OtherIn) and conversation.expired:
            conversation.expire()
        turn.handle(event)
        return Outcome(
            snapshot=conversation.snapshot(),
            replies=tuple(turn.replies),
            effects=tuple(conversation.effects),
            replay=turn.replay,
        )


class _Turn:
    """One step's decisions over the restored conversation."""

    def __init__(self, conversation: Conversation, view: CatalogView) -> None:
        self.conv = conversation
        self.view = view
        self.lang = view.language
        self.replies: list[Reply] = []
        self.replay: str | None = None

    # --- helpers -------------------------------------------------------------------------

    @property
    def ctx(self) -> dict[str, Any]:
        return self.conv.context

    def say(self, key: str, **values: Any) -> None:
        self.replies.append(Reply(text(self.lang, key, **values)))

    def new_token(self) -> str:
        asked = int(self.ctx.get("asked", 0)) + 1
        self.ctx["asked"] = asked
        return f"{self.view.manager_id}-{asked}"

    def ask(self, trigger: Any, reply: Reply, **context: Any) -> None:
        """Move to the waiting state `trigger` leads to, remember the question, send it."""
        trigger()
        self.ctx.update(context)
        self.ctx["question"] = reply.to_dict()
        self.replies.append(reply)

    def repeat_question(self) -> None:
        self.replies.append(Reply.from_dict(self.ctx["question"]))

    def offered(self) -> tuple[Choice, ...]:
        question = self.ctx.get("question")
        return Reply.from_dict(question).choices if question else ()

    def yes_no(self, kind: str, key: str | int) -> tuple[Choice, ...]:
        return (
            Choice(choice_id(kind, key, "yes"), text(self.lang, "yes")),
            Choice(choice_id(kind, key, "no"), text(self.lang, "no")),
        )

    def product(self, sku: str) -> ProductView | None:
        return self.view.product(sku)

    def amount(self, quantity: int, sku: str) -> str:
        product = self.product(sku)
        return amount(self.lang, quantity, product.unit if product else "")

    def name(self, sku: str) -> str:
        product = self.product(sku)
        return product.name if product else sku

    # --- dispatch ------------------------------------------------------------------------

    def handle(self, event: Event) -> None:
        if isinstance(event, TextIn):
            self.on_text(event.text.strip())
        elif isinstance(event, ChoiceIn):
            self.on_choice(event.id)
        elif isinstance(event, OtherIn):
            if self.conv.waiting:
                self.repeat_question()
            else:
                self.say("unsupported")
        else:
            self.on_result(event)

    def on_text(self, typed: str) -> None:
        if not typed:
            self.on_other()
            return
        store_code = _store_command(typed)
        if store_code is not None:
            self.switch_store(store_code)
            return
        if self.conv.state == State.AWAITING_STORE:
            choice = by_number(self.offered(), typed) or self.store_by_words(typed)
            if choice is not None:
                self.on_choice(choice.id)
                return
        if self.view.store is None or self.view.matcher is None:
            self.ask_store(pending=typed)
            return
        parsed = self.view.matcher.parse(typed)
        if self.conv.waiting and self.answer(parsed, typed):
            return
        if parsed.intent is Intent.CANCEL:
            self.cancel()
        elif parsed.intent in _NOT_ANSWERS or parsed.score < MIDDLING:
            if self.conv.waiting:
                self.repeat_question()
            elif parsed.intent in (Intent.YES, Intent.NO):
                self.say("nothing_pending")
            else:
                self.misunderstood(typed)
        else:
            self.ctx["misses"] = 0
            self.command(parsed, typed)

    def on_other(self) -> None:
        if self.conv.waiting:
            self.repeat_question()
        else:
            self.say("unsupported")

    def answer(self, parsed: ParsedIntent, typed: str) -> bool:
        """Read `typed` as the answer to the question waiting; False when it is not one."""
        choices = self.offered()
        if choices:
            choice = by_number(choices, typed) or self.choice_by_meaning(choices, parsed, typed)
            if choice is not None:
                self.on_choice(choice.id)
                return True
        if self.conv.state == State.AWAITING_QUANTITY:
            quantity = _quantity_answer(parsed, typed)
            if quantity is not None:
                self.got_quantity(quantity)
                return True
        return False

    def choice_by_meaning(
        self, choices: Sequence[Choice], parsed: ParsedIntent, typed: str
    ) -> Choice | None:
        if parsed.intent is Intent.YES:
            return by_value(choices, "yes")
        if parsed.intent is Intent.NO:
            return by_value(choices, "no")
        if parsed.product is not None and (found := by_value(choices, parsed.product)):
            return found
        return by_words(choices, typed)

    def store_by_words(self, typed: str) -> Choice | None:
        folded = fold(typed)
        for store in self.view.stores:
            if fold(store.code) == folded:
                return by_value(self.offered(), store.code)
        return by_words(self.offered(), typed)

    # --- commands ------------------------------------------------------------------------

    def command(self, parsed: ParsedIntent, typed: str) -> None:
        intent = parsed.intent
        if intent is Intent.STOCK_OVERVIEW and fold(typed) in _BARE_STOCK:
            intent = Intent.STOCK_QUERY  # `STOCK` alone: which product?
        if intent in _ACTIONS:
            action = _ACTIONS[intent]
            if parsed.product is not None and parsed.score < CONFIDENT:
                self.guess(action, parsed.product, parsed.quantity)
            else:
                self.with_product(action, parsed, typed)
            return
        self.conv.finish()
        if intent is Intent.HELP:
            self.say("help")
        elif intent is Intent.GREETING:
            self.say("greeting")
        elif intent is Intent.STOCK_OVERVIEW:
            assert self.view.store is not None
            self.replies.append(
                Reply(overview_text(self.lang, self.view.store.name, self.view.products))
            )
        elif intent is Intent.LOW_STOCK:
            self.alerts()
        else:  # pragma: no cover - every other intent is handled before
            self.say("help")

    def misunderstood(self, typed: str) -> None:
        misses = int(self.ctx.get("misses", 0)) + 1
        self.conv.finish()
        if misses >= 2:
            self.ctx["misses"] = 0
            self.say("help")
        else:
            self.ctx["misses"] = misses
            self.say("not_understood", text=shorten(typed, 60))

    def cancel(self) -> None:
        if self.conv.waiting:
            self.conv.finish()  # a proposed order left unanswered is cancelled on the way out
            if not self.conv.effects:
                self.say("cancelled")
        else:
            self.say("nothing_to_cancel")

    def alerts(self) -> None:
        low = to_reorder(self.view.products)
        if not low:
            self.say("alerts_none")
            return
        self.replies.append(Reply(alerts_text(self.lang, low)))
        self.ask_product("restock", low[:BUTTONS_MAX], None, text(self.lang, "alerts_order"))

    def with_product(self, action: str, parsed: ParsedIntent, typed: str) -> None:
        if parsed.product is not None and self.product(parsed.product):
            self.act(action, parsed.product, parsed.quantity)
            return
        candidates = [p for sku in parsed.candidates if (p := self.product(sku))]
        if candidates:
            self.ask_product(action, candidates, parsed.quantity, text(self.lang, "which_product"))
            return
        words = _product_words(typed)
        if words:
            self.not_found(action, words, typed, parsed.quantity)
            return
        self.ask_product(action, list(self.view.products), parsed.quantity, None)

    def not_found(self, action: str, words: str, typed: str, quantity: int | None) -> None:
        assert self.view.matcher is not None
        suggestions = [
            p for sku in self.view.matcher.suggest(typed, BUTTONS_MAX) if (p := self.product(sku))
        ]
        shown = shorten(words, 40)
        if suggestions:
            body = text(self.lang, "not_found_suggest", text=shown)
            self.ask_product(action, suggestions, quantity, body)
        else:
            self.conv.finish()
            self.say("not_found_none", text=shown)

    def guess(self, action: str, sku: str, quantity: int | None) -> None:
        guess = f"{_VERBS[action]} {self.name(sku)}" + (f" {quantity}" if quantity else "")
        token = self.new_token()
        body = text(self.lang, "did_you_mean", guess=guess)
        reply = Reply(body, buttons=self.yes_no("guess", token))
        self.ask(
            self.conv.ask_confirmation,
            reply,
            action="guess",
            then=action,
            sku=sku,
            quantity=quantity,
            token=token,
        )

    def act(self, action: str, sku: str, quantity: int | None) -> None:
        product = self.product(sku)
        if product is None:
            self.conv.finish()
            self.say("already_handled")
            return
        if action == "stock":
            self.conv.finish()
            self.replies.append(Reply(stock_text(self.lang, product)))
        elif action == "restock":
            self.conv.finish()
            self.conv.effects.append(ProposeOrder(sku, quantity or product.reorder_quantity))
        elif quantity is None:
            self.ask_quantity(action, product, None)
        else:
            self.confirm(action, product, quantity)

    def confirm(self, action: str, product: ProductView, quantity: int) -> None:
        if action == "sale" and quantity > product.quantity:
            self.conv.finish()
            self.say(
                "sale_refused",
                available=amount(self.lang, product.quantity, product.unit),
                name=product.name,
            )
            return
        token = self.new_token()
        reply = Reply(
            text(
                self.lang,
                f"confirm_{action}",
                quantity=amount(self.lang, quantity, product.unit),
                name=product.name,
            ),
            buttons=self.yes_no(action, token),
        )
        self.ask(
            self.conv.ask_confirmation,
            reply,
            action=action,
            sku=product.sku,
            quantity=quantity,
            token=token,
        )

    def ask_quantity(self, action: str, product: ProductView, order_id: int | None) -> None:
        unit = plural_unit(self.lang, product.unit)
        if order_id is None:
            body = text(self.lang, "how_many", unit=unit)
        else:
            body = text(self.lang, "order_how_many", unit=unit, order=order_id, name=product.name)
        self.ask(
            self.conv.ask_quantity,
            Reply(body),
            action=action,
            sku=product.sku,
            order_id=order_id,
        )

    def got_quantity(self, quantity: int) -> None:
        action = str(self.ctx["action"])
        product = self.product(str(self.ctx["sku"]))
        order_id = self.ctx.get("order_id")
        if action == "order_quantity" and order_id is not None:
            self.conv.finish()
            self.conv.effects.append(ChangeOrderQuantity(int(order_id), quantity))
        elif product is None:
            self.conv.finish()
            self.say("already_handled")
        else:
            self.confirm(action, product, quantity)

    def ask_product(
        self,
        action: str,
        products: Sequence[ProductView],
        quantity: int | None,
        body: str | None,
    ) -> None:
        if not products:
            self.conv.finish()
            assert self.view.store is not None
            self.say("overview_empty", store=self.view.store.name)
            return
        token = self.new_token()
        shown = products[:ROWS_MAX]
        if body is None:
            if len(products) > ROWS_MAX:
                body = text(self.lang, "which_product_more", shown=len(shown), count=len(products))
            else:
                body = text(self.lang, "which_product")
        titles = [shorten(p.name, BUTTON_TITLE_MAX) for p in shown]
        if len(shown) <= BUTTONS_MAX and len(set(titles)) == len(titles):
            reply = Reply(
                body,
                buttons=tuple(
                    Choice(choice_id("product", token, p.sku), title)
                    for p, title in zip(shown, titles, strict=True)
                ),
            )
        else:
            reply = Reply(
                body,
                rows=tuple(
                    Choice(
                        choice_id("product", token, p.sku),
                        shorten(p.name, ROW_TITLE_MAX),
                        shorten(amount(self.lang, p.quantity, p.unit), ROW_DESCRIPTION_MAX),
                    )
                    for p in shown
                ),
                list_button=text(self.lang, "products_button"),
            )
        self.ask(self.conv.ask_product, reply, action=action, quantity=quantity, token=token)

    # --- stores --------------------------------------------------------------------------

    def ask_store(self, pending: str) -> None:
        if not self.view.stores:
            self.conv.finish()
            self.say("no_store")
            return
        token = self.new_token()
        stores = self.view.stores[:ROWS_MAX]
        titles = [shorten(s.name, BUTTON_TITLE_MAX) for s in stores]
        body = text(self.lang, "which_store")
        if len(stores) <= BUTTONS_MAX and len(set(titles)) == len(titles):
            reply = Reply(
                body,
                buttons=tuple(
                    Choice(choice_id("store", token, s.code), title)
                    for s, title in zip(stores, titles, strict=True)
                ),
            )
        else:
            reply = Reply(
                body,
                rows=tuple(
                    Choice(
                        choice_id("store", token, s.code),
                        shorten(s.name, ROW_TITLE_MAX),
                        shorten(s.code, ROW_DESCRIPTION_MAX),
                    )
                    for s in stores
                ),
                list_button=text(self.lang, "stores_button"),
            )
        self.ask(self.conv.ask_store, reply, pending=pending, token=token)

    def switch_store(self, code: str) -> None:
        self.conv.finish()
        for store in self.view.stores:
            if fold(store.code) == fold(code):
                self.conv.effects.append(SwitchStoreEffect(store.code))
                return
        codes = ", ".join(s.code for s in self.view.stores)
        self.say("store_unknown", code=shorten(code, 32), codes=codes)

    # --- choices -------------------------------------------------------------------------

    def on_choice(self, raw: str) -> None:
        chosen = parse_choice_id(raw)
        if chosen is None:
            self.say("already_handled")
            return
        if chosen.kind == "restock":
            self.on_order_choice(chosen.key, chosen.value)
            return
        if not self.conv.waiting or chosen.key != self.ctx.get("token"):
            self.say("already_handled")
            return
        action = self.ctx.get("action")
        state = self.conv.state
        if state == State.AWAITING_CONFIRMATION and chosen.kind == action == "guess":
            then, sku, quantity = self.ctx["then"], self.ctx["sku"], self.ctx.get("quantity")
            if chosen.value == "yes":
                self.act(str(then), str(sku), quantity)
            else:
                self.conv.finish()
                self.say("guess_no")
        elif state == State.AWAITING_CONFIRMATION and chosen.kind == action in ("sale", "receipt"):
            sku, quantity, token = str(self.ctx["sku"]), int(self.ctx["quantity"]), chosen.key
            self.conv.finish()
            if chosen.value == "yes":
                kind: MovementKindName = "sale" if action == "sale" else "receipt"
                self.conv.effects.append(RecordMovement(kind, sku, quantity, f"whatsapp:{token}"))
            else:
                self.say(f"{action}_no")
        elif state == State.AWAITING_PRODUCT and chosen.kind == "product":
            self.act(str(action), chosen.value, self.ctx.get("quantity"))
        elif state == State.AWAITING_STORE and chosen.kind == "store":
            pending = self.ctx.get("pending")
            self.switch_store(chosen.value)
            self.replay = str(pending) if pending else None
        else:
            self.say("already_handled")

    def on_order_choice(self, key: str, value: str) -> None:
        current = (
            self.conv.state == State.AWAITING_CONFIRMATION
            and self.ctx.get("action") == "restock"
            and str(self.ctx.get("order_id")) == key
        )
        if not current or value not in ("yes", "no"):
            self.say("already_handled")
            return
        self.ctx["decided"] = True
        self.conv.finish()
        self.conv.effects.append(DecideOrder(int(key), confirm=value == "yes"))

    # --- results of effects --------------------------------------------------------------

    def on_result(self, event: Event) -> None:
        if isinstance(event, MovementRecorded):
            self.say(
                f"{event.kind}_done",
                quantity=self.amount(event.quantity, event.sku),
                name=self.name(event.sku),
                after=self.amount(event.quantity_after, event.sku),
            )
        elif isinstance(event, MovementRefused):
            self.say(
                "sale_refused",
                available=self.amount(event.available, event.sku),
                name=self.name(event.sku),
            )
        elif isinstance(event, OrderProposed):
            reply = Reply(
                text(
                    self.lang,
                    "confirm_order",
                    quantity=self.amount(event.quantity, event.sku),
                    name=self.name(event.sku),
                    order=event.order_id,
                ),
                buttons=self.yes_no("restock", event.order_id),
            )
            self.ask(
                self.conv.ask_confirmation,
                reply,
                action="restock",
                order_id=event.order_id,
                sku=event.sku,
                quantity=event.quantity,
            )
        elif isinstance(event, OrderDecided):
            self.say(
                "order_confirmed" if event.confirmed else "order_cancelled",
                order=event.order_id,
                quantity=self.amount(event.quantity, event.sku),
                name=self.name(event.sku),
            )
        elif isinstance(event, OrderChanged):
            self.say(
                "order_changed",
                order=event.order_id,
                quantity=self.amount(event.quantity, event.sku),
                name=self.name(event.sku),
            )
        elif isinstance(event, OrderQuantityAsked):
            product = self.product(event.sku)
            if product is None:
                self.say("already_handled")
            else:
                self.ask_quantity("order_quantity", product, event.order_id)
        elif isinstance(event, StoreSwitched):
            self.say("store_switched", name=event.name, code=event.code)
        elif isinstance(event, AlreadyHandled):
            self.say("already_handled")


def _quantity_answer(parsed: ParsedIntent, typed: str) -> int | None:
    """A number typed to answer "Combien ?" (`3`, `trois`, `3 sacs`), or None."""
    if parsed.product is not None or parsed.candidates:
        return None
    if parsed.intent not in (Intent.UNKNOWN, Intent.SALE, Intent.RECEIPT, Intent.RESTOCK):
        return None
    quantity = parsed.quantity if parsed.quantity is not None else parse_quantity(typed)
    return quantity if quantity is not None and quantity > 0 else None


def _store_command(typed: str) -> str | None:
    """`MAGASIN DK2` → `DK2`."""
    words = typed.split()
    if len(words) == 2 and fold(words[0]) in _STORE_WORDS:
        return words[1]
    return None


def _product_words(typed: str) -> str:
    """What is left of a message once the command words and numbers are taken out."""
    words = [w for w in fold(typed).split() if w not in _COMMAND_WORDS and not w.isdigit()]
    return " ".join(words)
