"""`step`: one event in, the next snapshot, the replies and the stock operations out.

Pure: the catalog is read from the `CatalogView` given, the time is `now`, and everything that
must happen in the database comes out as effects, whose results come back as events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from intents import CONFIDENT, MIDDLING, Intent, ParsedIntent
from state.answers import alerts_text, overview_text, stock_text, to_reorder
from state.choices import by_number, by_value, by_words, choice_id, fold, parse_choice_id
from state.effects import (
    ChangeOrderQuantity,
    DecideOrder,
    Effect,
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
    StockFull,
    StoreSwitched,
    TextIn,
)
from state.machine import LEFT_KEY, Conversation, Left, State, running
from state.messages import amount, number, plural_unit, shorten, text
from state.quantities import MAX_QUANTITY, quantity_problem, read_answer
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
_QUANTITY_ACTIONS = frozenset({Intent.SALE, Intent.RECEIPT, Intent.RESTOCK})
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
# The quantity of a command whose number is not one (`COMMANDER SUCRE -5`): asked for, never
# replaced by a default.
_ASK = 0


def step(
    snapshot: ConversationSnapshot,
    event: Event,
    view: CatalogView,
    now: datetime,
    *,
    timeout: timedelta = DEFAULT_TIMEOUT,
) -> Outcome:
    """The conversation after `event`. A waiting question older than `timeout` is dropped first
    when the event comes from the manager, so the message is read as a new command (an answer
    to the dropped question is told it expired and that nothing was done)."""
    with running(snapshot, now, timeout) as conversation:
        just_expired = isinstance(event, TextIn | ChoiceIn | OtherIn) and conversation.expired
        if just_expired:
            conversation.leaving = Left.EXPIRED
            conversation.expire()
        turn = _Turn(conversation, view, just_expired=just_expired)
        turn.handle(event)
        return Outcome(
            snapshot=conversation.snapshot(),
            actions=tuple(conversation.actions),
            replay=turn.replay,
        )


class _Turn:
    """One step's decisions over the restored conversation."""

    def __init__(
        self,
        conversation: Conversation,
        view: CatalogView,
        *,
        just_expired: bool = False,
    ) -> None:
        self.conv = conversation
        self.view = view
        self.lang = view.language
        self.just_expired = just_expired
        self.replay: str | None = None

    # --- helpers -------------------------------------------------------------------------

    @property
    def ctx(self) -> dict[str, Any]:
        return self.conv.context

    def left(self, kind: str, key: str) -> Mapping[str, Any] | None:
        """The question left unanswered that a tap on `kind:v1:key:…` answers, if remembered."""
        for old in reversed(self.ctx.get(LEFT_KEY, ())):
            if kind == "restock":
                if old.get("action") == "restock" and str(old.get("order_id")) == key:
                    return dict(old)
            elif old.get("token") == key:
                return dict(old)
        return None

    def reply(self, reply: Reply) -> None:
        self.conv.actions.append(reply)

    def say(self, key: str, **values: Any) -> None:
        self.reply(Reply(text(self.lang, key, **values)))

    def do(self, effect: Effect) -> None:
        self.conv.actions.append(effect)

    def say_problem(self, key: str) -> None:
        """What is wrong with the number typed (a key of `state.quantities.ISSUE_KEYS`)."""
        self.say(key, max=number(self.lang, MAX_QUANTITY))

    def new_token(self) -> str:
        asked = int(self.ctx.get("asked", 0)) + 1
        self.ctx["asked"] = asked
        return f"{self.view.manager_id}-{asked}"

    def ask(self, trigger: Any, reply: Reply, **context: Any) -> None:
        """Move to the waiting state `trigger` leads to, remember the question, send it."""
        trigger()
        self.ctx.update(context)
        self.ctx["question"] = reply.to_dict()
        self.reply(reply)

    def repeat_question(self) -> None:
        self.reply(Reply.from_dict(self.ctx["question"]))

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

    def command_text(self, action: str, sku: str, quantity: Any = None) -> str:
        """The command that does `action` again: `VENTE Riz brisé 50kg 3`, `SELL …` in English."""
        words = [text(self.lang, f"verb_{action}"), self.name(sku)]
        if quantity:
            words.append(str(quantity))
        return " ".join(words)

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
        if self.just_expired and self.expired_answer(parsed, typed):
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
        """Read `typed` as the answer to the question waiting; False when it is not one (a
        sale, receipt or order naming an offered product while the question is for another
        action is a new command: `COMMANDER SUCRE 20` while "Quel produit ?" asks for a stock)."""
        choices = self.offered()
        other_action = parsed.intent in _QUANTITY_ACTIONS and (
            _ACTIONS[parsed.intent] != self.ctx.get("action")
        )
        if choices and not other_action:
            choice = by_number(choices, typed) or self.choice_by_meaning(choices, parsed, typed)
            if choice is not None:
                self.on_choice(choice.id)
                return True
        if self.conv.state == State.AWAITING_QUANTITY:
            answer = read_answer(parsed, typed)
            if isinstance(answer, int):
                self.got_quantity(answer)
                return True
            if answer is not None:
                self.say_problem(answer)
                self.repeat_question()
                return True
        return False

    def expired_answer(self, parsed: ParsedIntent, typed: str) -> bool:
        """`oui`, `non` or a number answering the question that just expired: say it expired."""
        old = dict(self.ctx[LEFT_KEY][-1])  # the question that just expired
        state = old.get("state")
        if state == State.AWAITING_CONFIRMATION and parsed.intent in (Intent.YES, Intent.NO):
            self.say_left(old, "yes" if parsed.intent is Intent.YES else "no")
            return True
        if state == State.AWAITING_QUANTITY:
            answer = read_answer(parsed, typed)
            if isinstance(answer, int):
                self.say_left(old, None, answer)
                return True
        return False

    def say_left(
        self, old: Mapping[str, Any], chosen: str | None, quantity: int | None = None
    ) -> None:
        """Answer a reply to a question left unanswered (`old`): nothing was done, why, and the
        command that does it now. `chosen` is the value of the choice (yes, no, a sku, a store
        code)."""
        state, action, why = old.get("state"), str(old.get("action")), old.get("why")
        if state == State.AWAITING_STORE:
            command = f"{text(self.lang, 'verb_store')} {chosen}"
        elif state == State.AWAITING_PRODUCT:
            command = self.command_text(action, str(chosen), old.get("quantity"))
        elif action == "order_quantity":
            sku = str(old["sku"])
            kept = self.amount(int(old["quantity"]), sku)
            self.say("expired_order", order=old["order_id"], quantity=kept)
            return
        elif chosen == "no":  # what they wanted: nothing was done
            if action in ("sale", "receipt"):
                self.say(f"{action}_no")
            elif action == "guess":
                self.say("guess_no")
            elif not self.conv.effects:  # a restock proposal, cancelled at an earlier step
                sku = str(old["sku"])
                ordered = self.amount(int(old["quantity"]), sku)
                self.say(
                    "order_cancelled", order=old["order_id"], quantity=ordered, name=self.name(sku)
                )
            return
        elif action == "guess":
            command = self.command_text(str(old["then"]), str(old["sku"]), old.get("quantity"))
        else:
            command = self.command_text(action, str(old["sku"]), quantity or old.get("quantity"))
        self.say(f"left_{why}", command=command)

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
            problem = quantity_problem(parsed) if intent in _QUANTITY_ACTIONS else None
            if problem is not None:  # `VENTE RIZ -3`, `VENTE RIZ 2.5`: asked again, not guessed
                self.say_problem(problem)
                parsed = replace(parsed, quantity=_ASK)
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
            self.reply(Reply(overview_text(self.lang, self.view.store.name, self.view.products)))
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
        if not self.conv.waiting:
            self.say("nothing_to_cancel")
            return
        self.conv.leaving = Left.CANCELLED
        if self.ctx.get("action") == "order_quantity":  # the order itself was confirmed
            order, sku = self.ctx["order_id"], str(self.ctx["sku"])
            quantity = self.amount(int(self.ctx["quantity"]), sku)
            self.conv.finish()
            self.say("order_kept", order=order, quantity=quantity, name=self.name(sku))
            return
        self.conv.finish()  # a proposed order left unanswered is cancelled on the way out
        if not self.conv.effects:
            self.say("cancelled")

    def alerts(self) -> None:
        low = to_reorder(self.view.products)
        if not low:
            self.say("alerts_none")
            return
        self.reply(Reply(alerts_text(self.lang, low)))
        to_order = [p for p in low if p.order_id is None]  # the others are on their way
        if to_order:
            body = text(self.lang, "alerts_order")
            self.ask_product("restock", to_order[:BUTTONS_MAX], None, body)

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
        guess = self.command_text(action, sku, quantity)
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
        """Do `action` on `sku`; a missing quantity is asked for (an order's defaults to the
        reorder quantity, unless the number typed was wrong: `_ASK`)."""
        product = self.product(sku)
        if product is None:
            self.conv.finish()
            self.say("already_handled")
            return
        if action == "stock":
            self.conv.finish()
            self.reply(Reply(stock_text(self.lang, product)))
        elif action == "restock" and quantity != _ASK:
            self.conv.finish()
            self.do(ProposeOrder(sku, quantity or product.reorder_quantity))
        elif not quantity:
            self.ask_quantity(action, product)
        else:
            self.confirm(action, product, quantity)

    def confirm(self, action: str, product: ProductView, quantity: int) -> None:
        if action == "sale" and quantity > product.quantity:
            self.conv.finish()
            self.refuse_sale(product.sku, product.quantity)
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

    def refuse_sale(self, sku: str, available: int) -> None:
        if available <= 0:
            self.say("sale_refused_out", name=self.name(sku))
        else:
            self.say("sale_refused", available=self.amount(available, sku), name=self.name(sku))

    def ask_quantity(self, action: str, product: ProductView) -> None:
        body = text(self.lang, "how_many", unit=plural_unit(self.lang, product.unit))
        self.ask(self.conv.ask_quantity, Reply(body), action=action, sku=product.sku)

    def ask_order_quantity(self, event: OrderQuantityAsked, product: ProductView) -> None:
        unit = plural_unit(self.lang, product.unit)
        body = text(self.lang, "order_how_many", unit=unit, order=event.order_id, name=product.name)
        self.ask(
            self.conv.ask_quantity,
            Reply(body),
            action="order_quantity",
            sku=product.sku,
            order_id=event.order_id,
            quantity=event.quantity,
        )

    def got_quantity(self, quantity: int) -> None:
        action, sku = str(self.ctx["action"]), str(self.ctx["sku"])
        self.conv.leaving = Left.ANSWERED
        if action == "order_quantity":
            order_id = int(self.ctx["order_id"])
            self.conv.finish()
            self.do(ChangeOrderQuantity(order_id, quantity))
        else:
            self.act(action, sku, quantity)

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
                self.do(SwitchStoreEffect(store.code))
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
            self.on_old_choice(chosen.kind, chosen.key, chosen.value)
            return
        action = self.ctx.get("action")
        state = self.conv.state
        self.conv.leaving = Left.ANSWERED
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
                self.do(RecordMovement(kind, sku, quantity, f"whatsapp:{token}"))
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

    def on_old_choice(self, kind: str, key: str, value: str) -> None:
        """A tap on a question no longer waiting: why nothing was done if it was left
        unanswered, else (it was answered, or is not this manager's) that it was handled."""
        old = self.left(kind, key)
        if old is None:
            self.say("already_handled")
        else:
            self.say_left(old, value)

    def on_order_choice(self, key: str, value: str) -> None:
        current = (
            self.conv.state == State.AWAITING_CONFIRMATION
            and self.ctx.get("action") == "restock"
            and str(self.ctx.get("order_id")) == key
        )
        if value not in ("yes", "no"):
            self.say("already_handled")
            return
        if not current:
            self.on_old_choice("restock", key, value)
            return
        self.conv.leaving = Left.ANSWERED
        self.conv.finish()
        self.do(DecideOrder(int(key), confirm=value == "yes"))

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
            self.refuse_sale(event.sku, event.available)
        elif isinstance(event, StockFull):
            self.say(
                "receipt_refused",
                quantity=self.amount(event.quantity, event.sku),
                name=self.name(event.sku),
                maximum=number(self.lang, event.maximum),
            )
        elif isinstance(event, OrderProposed):
            body = text(
                self.lang,
                "confirm_order",
                quantity=self.amount(event.quantity, event.sku),
                name=self.name(event.sku),
                order=event.order_id,
            )
            product = self.product(event.sku)
            if product is not None and product.order_id is not None:  # no double order unawares
                pending = self.amount(product.order_quantity, event.sku)
                body += "\n" + text(
                    self.lang, "order_pending", order=product.order_id, quantity=pending
                )
            reply = Reply(body, buttons=self.yes_no("restock", event.order_id))
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
                self.ask_order_quantity(event, product)
        elif isinstance(event, StoreSwitched):
            self.say("store_switched", name=event.name, code=event.code)
        elif isinstance(event, AlreadyHandled):
            self.say("already_handled")


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
