"""Sales, receipts, orders, stock questions and stock counts: a draft of lines, each settled in
turn (which product, how many, a guess to check), then confirmed as a whole and recorded in one
transaction — or, for a stock question, answered.

While a question of this flow waits, a reply is read as its answer first: a product among those
offered, a quantity, a yes or a no, or a correction of what was offered (`non c'est 4`, `l'autre`,
`c'est le riz parfumé`), after which the same action is offered again, corrected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from intents import CONFIDENT, Intent, ParsedIntent, read_quantity
from intents.answers import Answer, Correction, correction, keys_of
from intents.normalize import word_keys
from state.answers import stock_text
from state.choices import ChoiceId
from state.drafts import COUNTED, Action, Draft, Line
from state.effects import Effect, FindPace, PlaceOrder, ReceiveOrder, RecordMovement, SetCount
from state.events import (
    CountRecorded,
    MovementRecorded,
    MovementRefused,
    OrderPlaced,
    Pace,
    PaceFound,
    StockFull,
)
from state.machine import DONE_KEY, State
from state.matching import Offered, unit_amount
from state.messages import number, shorten
from state.quantities import ISSUE_KEYS, MAX_QUANTITY
from state.summaries import cover_text
from state.turn import Reading, Turn
from state.values import Reply

FLOW = "move"
_ACTION_OF: dict[Intent, Action] = {
    Intent.STOCK_QUERY: "stock",
    Intent.SALE: "sale",
    Intent.RECEIPT: "receipt",
    Intent.RESTOCK: "restock",
}
TRANSACTIONS = frozenset({Intent.SALE, Intent.RECEIPT, Intent.RESTOCK})
# What the question waiting is about (`ask` in the context).
PRODUCT, QUANTITY, GUESS, CONFIRM, IS_ORDER, WHICH_LINE = (
    "product",
    "quantity",
    "guess",
    "confirm",
    "is_order",
    "which_line",
)
LARGE_CHECK = "large"  # a quantity far above the usual, confirmed before anything
# A quantity above this, and above 10 times the product's largest movement of the last 30 days,
# is confirmed with a warning first.
LARGE = 100
# Choice kinds of this flow: a product offered, a line to change, a yes/no/edit.
KINDS = frozenset({"product", "line", "move"})
_EDIT_WORDS = word_keys("modifier modifie changer change corriger corrige edit autre other")
_QUANTITY_WORDS = word_keys("quantite quantity qte nombre number combien")
_SKIP_WORDS = word_keys("passer passe skip enlever enleve retirer retire supprimer supprime")
_STOCK_WORDS = word_keys("stock stok combien cb reste naata many much")
_COMMAND_WORDS = word_keys(
    "stock stok stocks vente vendu vendre vends recu reception arrivage arrive commander "
    "commande cmd combien reste il me de du des la le les un une sale sold sell order received "
    "delivery how much many j ai on a"
)


def action_of(intent: Intent) -> Action | None:
    return _ACTION_OF.get(intent)


def product_words(typed: str) -> str:
    """What is left of a message once the command words and numbers are taken out."""
    return " ".join(k for k in keys_of(typed) if k not in _COMMAND_WORDS and not k.isdigit())


# --- starting -----------------------------------------------------------------------------


def start(turn: Turn, action: Action, items: Sequence[ParsedIntent], typed: str) -> None:
    """A new draft from the readings of a message (one per item, in the order written)."""
    single = len(items) == 1
    lines = tuple(_line(turn, item, typed if single else item.text, action) for item in items)
    advance(turn, Draft(action, lines))


def start_count(turn: Turn, item: ParsedIntent | None, words: str, counted: int) -> None:
    """`inventaire riz 30`: one line to set to `counted`."""
    line = Line(quantity=counted, words=words)
    if item is not None:
        line = replace(_line(turn, item, "", "count"), quantity=counted, words=words, issue=None)
    advance(turn, Draft("count", (line,)))


def _line(turn: Turn, item: ParsedIntent, typed: str, action: Action) -> Line:
    sku = item.product if turn.product(item.product) else None
    candidates = tuple(s for s in item.candidates if turn.product(s))
    if sku is None and len(candidates) == 1:
        sku = candidates[0]
    issue = item.quantity_issue if action in COUNTED else None
    return Line(
        sku=sku,
        quantity=item.quantity if issue is None and action in COUNTED else None,
        candidates=candidates,
        words=product_words(typed) if typed else "",
        issue=issue,
        guessed=sku is not None and item.score < CONFIDENT and not candidates,
    )


# --- settling, one line at a time ----------------------------------------------------------


def advance(turn: Turn, draft: Draft, paces: Mapping[str, Pace] | None = None) -> None:
    """Ask about the first line that needs something; when none does, confirm (or answer).

    A stock answer, and a quantity over `LARGE`, need the products' pace first (`paces`): it
    is asked for (`FindPace`) and the draft settled again with it (`paced`)."""
    for index, line in enumerate(draft.lines):
        if line.sku is None:
            _ask_product(turn, draft, index)
            return
        if line.guessed and not line.checked:
            _ask_guess(turn, draft, index)
            return
        if draft.action not in COUNTED:
            continue
        product = turn.product(line.sku)
        assert product is not None
        if line.issue is not None:
            turn.say_problem(ISSUE_KEYS.get(line.issue, "quantity_invalid"))
            _ask_quantity(turn, draft, index)
            return
        if line.quantity is None:
            if draft.action == "restock":
                draft = draft.with_line(index, replace(line, quantity=product.reorder_quantity))
                continue
            _ask_quantity(turn, draft, index)
            return
        if draft.action == "sale" and line.quantity > product.quantity:
            _ask_quantity(turn, draft, index, refused=True)
            return
        if draft.action != "count" and line.quantity > LARGE and not line.checked:
            if paces is None:
                turn.settle(FindPace((line.sku,)), then="draft", draft=draft.to_dict())
                return
            usual = paces[line.sku].usual_max if line.sku in paces else None
            if usual is None or line.quantity > 10 * usual:
                _ask_large(turn, draft, index)
                return
    if draft.action == "stock":  # several products: one message
        skus = tuple(dict.fromkeys(draft.skus))
        if paces is None:
            turn.settle(FindPace(skus), then="draft", draft=draft.to_dict())
            return
        turn.answered()
        turn.finish()
        texts = []
        for sku in skus:
            product = turn.product(sku)
            if product is not None:
                pace = paces.get(sku)
                per_day = pace.per_day if pace is not None else None
                cover = cover_text(
                    turn.lang, product.quantity, per_day, product.unit, product.unit_en
                )
                shown = stock_text(turn.lang, product)
                texts.append(f"{shown}\n{cover}" if cover else shown)
        turn.reply(Reply("\n\n".join(texts)))
        return
    if draft.action == "receipt" and draft.order_id is None and len(draft.lines) == 1:
        product = turn.product(draft.lines[0].sku)
        if product is not None and product.order_id is not None and not turn.ctx.get("not_order"):
            _ask_is_order(turn, draft)
            return
    _confirm(turn, draft)


def _ask(
    turn: Turn, state: State, draft: Draft, ask: str, reply: Reply, token: str, **more: object
) -> None:
    turn.ask(state, reply, flow=FLOW, token=token, draft=draft.to_dict(), ask=ask, **more)


def _prefix(turn: Turn, draft: Draft, index: int) -> str:
    """ "Ligne 2 (sucre) : " when a draft has several lines, else ""."""
    if len(draft.lines) < 2:
        return ""
    line = draft.lines[index]
    what = turn.name(line.sku) if line.sku else shorten(line.words or "?", 30)
    return turn.t("line_prefix", number=index + 1, what=what)


def ask_product_for(turn: Turn, draft: Draft, body: str) -> None:
    """Offer the candidates of the draft's only line under `body` (`Commander maintenant ?`)."""
    _ask_product(turn, draft, 0, body=body)


def _ask_product(turn: Turn, draft: Draft, index: int, *, body: str | None = None) -> None:
    line = draft.lines[index]
    matcher = turn.view.matcher
    offer = [s for s in line.candidates if turn.product(s)]
    anything = False
    if offer:
        body = body or turn.t("which_product")
    elif line.words and matcher is not None:
        offer = [s for s in matcher.suggest(line.words, 3) if turn.product(s)]
        shown = shorten(line.words, 40)
        if offer:
            body = turn.t("not_found_suggest", text=shown)
            anything = True
        elif len(draft.lines) == 1:
            turn.finish()
            turn.say("not_found_none", text=shown)
            return
        else:
            offer = [p.sku for p in turn.view.products]
            body = turn.t("not_found_line", text=shown)
            anything = True
    else:
        offer = [p.sku for p in turn.view.products]
        anything = True
        if not offer:
            turn.finish()
            assert turn.view.store is not None
            turn.say("overview_empty", store=turn.view.store.name)
            return
        count = len(offer)
        body = (
            turn.t("which_product_more", shown=10, count=count)
            if count > 10
            else turn.t("which_product")
        )
    token = turn.new_token()
    items = [
        (sku, turn.name(sku), turn.amount(p.quantity, sku))
        for sku in offer
        if (p := turn.product(sku)) is not None
    ]
    reply = turn.choices_reply(
        _prefix(turn, draft, index) + body, "product", token, items, "products_button"
    )
    _ask(
        turn,
        State.AWAITING_PRODUCT,
        draft,
        PRODUCT,
        reply,
        token,
        line=index,
        offer=offer,
        anything=anything,
    )


def _ask_guess(turn: Turn, draft: Draft, index: int) -> None:
    line = draft.lines[index]
    assert line.sku is not None
    token = turn.new_token()
    if len(draft.lines) == 1:
        guess = _command_text(turn, draft.action, line.sku, line.quantity)
    else:
        guess = turn.name(line.sku)
    body = _prefix(turn, draft, index) + turn.t("did_you_mean", guess=guess)
    reply = Reply(body, buttons=turn.yes_no("move", token))
    _ask(turn, State.AWAITING_CONFIRMATION, draft, GUESS, reply, token, line=index)


def _command_text(turn: Turn, action: str, sku: str, quantity: int | None) -> str:
    """The command that does `action` again: `VENTE Riz brisé 50kg 3`."""
    words = [turn.t(f"verb_{action}"), turn.name(sku)]
    if quantity:
        words.append(str(quantity))
    return " ".join(words)


def _ask_quantity(turn: Turn, draft: Draft, index: int, *, refused: bool = False) -> None:
    line = draft.lines[index]
    assert line.sku is not None
    product = turn.product(line.sku)
    assert product is not None
    token = turn.new_token()
    units = turn.units(line.sku)
    if refused:
        if product.quantity <= 0:
            turn.finish()
            turn.say("sale_refused_out", name=product.name)
            return
        body = turn.t(
            "sale_too_many",
            available=turn.amount(product.quantity, line.sku),
            name=product.name,
            unit=units,
        )
    elif draft.action == "count":
        body = turn.t("count_how_many", unit=units, name=product.name)
    else:
        body = turn.t("how_many_of", unit=units, name=product.name)
    reply = Reply(_prefix(turn, draft, index) + body)
    _ask(turn, State.AWAITING_QUANTITY, draft, QUANTITY, reply, token, line=index)


def _ask_large(turn: Turn, draft: Draft, index: int) -> None:
    """ "100 000 sacs de riz, c'est beaucoup : vous confirmez ?" [Oui] [Non]."""
    line = draft.lines[index]
    assert line.sku is not None and line.quantity is not None
    token = turn.new_token()
    body = turn.t(
        "large_quantity", quantity=turn.amount(line.quantity, line.sku), name=turn.name(line.sku)
    )
    reply = Reply(body, buttons=turn.yes_no("move", token))
    _ask(turn, State.AWAITING_CONFIRMATION, draft, LARGE_CHECK, reply, token, line=index)


def paced(turn: Turn, event: PaceFound, memo: Mapping[str, Any]) -> None:
    """The paces asked for by `advance`: settle the draft again with them."""
    draft = Draft.from_dict(memo.get("draft") or {})
    if draft is None:
        return
    advance(turn, draft, {pace.sku: pace for pace in event.paces})


def _ask_is_order(turn: Turn, draft: Draft) -> None:
    line = draft.lines[0]
    assert line.sku is not None and line.quantity is not None
    product = turn.product(line.sku)
    assert product is not None and product.order_id is not None
    token = turn.new_token()
    left = max(product.order_quantity - product.order_received, 0)
    body = turn.t(
        "is_it_the_order",
        line=turn.line_text(line.sku, line.quantity),
        order=product.order_id,
        quantity=turn.amount(left, line.sku),
    )
    reply = Reply(body, buttons=turn.yes_no("move", token))
    _ask(
        turn, State.AWAITING_CONFIRMATION, draft, IS_ORDER, reply, token, order_id=product.order_id
    )


def _confirm(turn: Turn, draft: Draft) -> None:
    token = turn.new_token()
    lines = [(line.sku, line.quantity) for line in draft.lines]
    assert all(sku and quantity is not None for sku, quantity in lines)
    pairs = [(str(sku), int(quantity or 0)) for sku, quantity in lines]
    if draft.action == "count":
        body = "\n".join(_count_line(turn, sku, counted) for sku, counted in pairs)
        body += "\n" + turn.t("confirm_count")
    elif len(pairs) == 1:
        sku, quantity = pairs[0]
        body = turn.t(
            f"confirm_{draft.action}", quantity=turn.amount(quantity, sku), name=turn.name(sku)
        )
    else:
        body = turn.t(f"confirm_{draft.action}_many", lines=turn.lines_text(pairs))
    if draft.action == "restock":  # no second order unawares
        for sku, _ in pairs:
            product = turn.product(sku)
            if product is not None and product.order_id is not None:
                left = product.order_quantity - product.order_received
                body += "\n" + turn.t(
                    "order_pending", order=product.order_id, quantity=turn.amount(left, sku)
                )
    middle = "other" if draft.action == "restock" and len(pairs) == 1 else "edit"
    reply = Reply(body, buttons=turn.yes_no("move", token, middle=middle))
    _ask(turn, State.AWAITING_CONFIRMATION, draft, CONFIRM, reply, token)


def _count_line(turn: Turn, sku: str, counted: int) -> str:
    product = turn.product(sku)
    assert product is not None
    delta = counted - product.quantity
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return turn.t(
        "count_line",
        name=product.name,
        before=product.quantity,
        after=turn.amount(counted, sku),
        delta=f"{sign}{abs(delta)}",
    )


# --- answers -------------------------------------------------------------------------------


def answer(turn: Turn, reading: Reading) -> bool:
    """Read `reading` as the answer to this flow's question; False when it is not one."""
    draft = turn.draft
    if draft is None:
        return False
    ask = turn.ctx.get("ask")
    if ask == PRODUCT:
        return _answer_product(turn, draft, reading)
    if ask == QUANTITY:
        return _answer_quantity(turn, draft, reading)
    if ask in (GUESS, IS_ORDER, LARGE_CHECK):
        return _answer_yes_no(turn, draft, reading, str(ask))
    if ask == CONFIRM:
        return _answer_confirmation(turn, draft, reading)
    if ask == WHICH_LINE:
        return _answer_which_line(turn, draft, reading)
    return False


def _answer_product(turn: Turn, draft: Draft, reading: Reading) -> bool:
    parsed = reading.parsed
    if (
        parsed is not None
        and parsed.intent in TRANSACTIONS
        and (action_of(parsed.intent) != draft.action)
    ):
        return False  # `vente huile 5l 2` while "Quel produit ?" asks for a stock: a new command
    index = int(turn.ctx.get("line", 0))
    offer = [str(s) for s in turn.ctx.get("offer", ())]
    picked = Offered(offer, turn.view.matcher).pick(reading.text)
    if not picked and turn.ctx.get("anything"):
        picked = _named_product(turn, reading)
    if len(picked) == 1:
        line = draft.lines[index]
        quantity = line.quantity
        if quantity is None and line.issue is None and draft.action in COUNTED:
            found = correction(reading.text)
            if (
                found is not None
                and found.quantity is not None
                and not _is_position(reading, offer)
            ):
                quantity = found.quantity
        candidates = line.candidates or tuple(offer)
        chosen = replace(
            line, sku=picked[0], quantity=quantity, candidates=candidates, guessed=False
        )
        turn.answered()
        advance(turn, draft.with_line(index, chosen))
        return True
    if len(picked) > 1:
        if set(picked) == set(offer):
            turn.repeat_question(turn.t("which_one"))
            return True
        narrowed = replace(draft.lines[index], candidates=picked)
        turn.answered()
        advance(turn, draft.with_line(index, narrowed))
        return True
    if len(draft.lines) > 1 and _skips(reading):
        _drop_line(turn, draft, index)
        return True
    return False


def _is_position(reading: Reading, offer: Sequence[str]) -> bool:
    from intents.answers import position

    return position(reading.text, len(offer)) is not None


def _named_product(turn: Turn, reading: Reading) -> tuple[str, ...]:
    """A product of the catalog named by a reply that is not another command."""
    parsed = reading.parsed
    if parsed is None or parsed.intent not in (Intent.STOCK_QUERY, Intent.UNKNOWN):
        return ()
    if _asks_stock(reading):
        return ()
    if parsed.product is not None:
        return (parsed.product,)
    return tuple(parsed.candidates)


def _asks_stock(reading: Reading) -> bool:
    return any(k in _STOCK_WORDS for k in keys_of(reading.text))


def _skips(reading: Reading) -> bool:
    return any(k in _SKIP_WORDS for k in keys_of(reading.text))


def _drop_line(turn: Turn, draft: Draft, index: int) -> None:
    line = draft.lines[index]
    what = turn.name(line.sku) if line.sku else shorten(line.words or "?", 30)
    turn.say("line_dropped", what=what)
    turn.answered()
    rest = draft.without_line(index)
    if rest.lines:
        advance(turn, rest)
    else:
        turn.finish()


def _answer_quantity(turn: Turn, draft: Draft, reading: Reading) -> bool:
    index = int(turn.ctx.get("line", 0))
    line = draft.lines[index]
    if reading.request is not None:
        return False
    parsed = reading.parsed
    if parsed is not None:
        if parsed.intent not in (Intent.UNKNOWN, Intent.YES, Intent.NO) and not (
            action_of(parsed.intent) == draft.action or parsed.intent is Intent.STOCK_QUERY
        ):
            return False
        named = {parsed.product, *parsed.candidates} - {None}
        if named and line.sku not in named:
            return False
    read = read_quantity(reading.text)
    quantity, issue = read.value, read.issue
    if parsed is not None and parsed.quantity is not None:
        quantity, issue = parsed.quantity, None
    problem = ISSUE_KEYS.get(issue, "quantity_invalid") if issue else None
    if quantity is None and problem is None:
        quantity = unit_amount(reading.text, turn.unit(line.sku or ""))  # `7 kilos` of a kg
    if draft.action == "count" and _zero(reading.text):
        quantity, problem = 0, None
    if problem is not None:
        turn.say_problem(problem)
        turn.repeat_question()
        return True
    if quantity is None:
        if len(draft.lines) > 1 and _skips(reading):
            _drop_line(turn, draft, index)
            return True
        return False
    turn.answered()
    advance(turn, draft.with_line(index, replace(line, quantity=quantity, issue=None)))
    return True


def _zero(typed: str) -> bool:
    return keys_of(typed)[:1] in (["0"], ["zero"], ["rien"], ["none"], ["dara"])


def _answer_yes_no(turn: Turn, draft: Draft, reading: Reading, ask: str) -> bool:
    said = reading.answer
    if said not in (Answer.YES, Answer.NO):
        return False
    _decide(turn, draft, ask, yes=said is Answer.YES)
    return True


def _answer_confirmation(turn: Turn, draft: Draft, reading: Reading) -> bool:
    parsed = reading.parsed
    if parsed is not None and parsed.intent in TRANSACTIONS:
        return _restated(turn, draft, parsed)
    if parsed is not None and parsed.intent is Intent.STOCK_QUERY and _asks_stock(reading):
        return False
    keys = keys_of(reading.text)
    if any(k in _QUANTITY_WORDS for k in keys) and not any(k.isdigit() for k in keys):
        _ask_edit(turn, draft)  # `autre quantité`, `changer la quantité`
        return True
    found = correction(reading.text)
    if found is not None and found.quantity is None and len(draft.lines) == 1:
        counted = unit_amount(reading.text, turn.unit(draft.lines[0].sku or ""))
        if counted is not None:  # `15 kg` for a product sold by the kg
            found = Correction(quantity=counted, negated=found.negated, marked=True)
    if found is not None and _correct(turn, draft, found):
        return True
    said = reading.answer
    if said is Answer.YES:
        _record(turn, draft)
        return True
    if said in (Answer.NO, Answer.LATER):
        _decline(turn, draft)
        return True
    if any(k in _EDIT_WORDS for k in keys_of(reading.text)):
        _ask_edit(turn, draft)
        return True
    return False


def _restated(turn: Turn, draft: Draft, parsed: ParsedIntent) -> bool:
    """The same command typed again with another quantity (`vendu 4 riz` while "vente de 5
    sacs de riz ?" waits, `commande 30 seulement` for an order) corrects it; any other command
    (another action, another product) is a new one."""
    if action_of(parsed.intent) != draft.action or parsed.quantity is None:
        return False
    named = [parsed.product] if parsed.product is not None else parsed.candidates
    if named:
        index = next((i for i, line in enumerate(draft.lines) if line.sku in named), None)
    else:
        index = 0 if len(draft.lines) == 1 else None
    if index is None:
        return False
    return _correct(turn, draft, Correction(quantity=parsed.quantity, rest=""), index=index)


def _correct(turn: Turn, draft: Draft, found: Correction, *, index: int | None = None) -> bool:
    """Apply a correction (`non c'est 4`, `l'autre`, `c'est le riz parfumé`): the same action
    offered again; False when the reply corrects nothing that can be found."""
    products = _products_named(turn, found.rest, draft) if found.rest else ()
    if found.rest and not products and found.quantity is None and not found.other:
        return False
    # A bare product name corrects only a near product (`riz parfumé` for `riz brisé`); another
    # product alone is a new stock question.
    bare = not (found.marked or found.quantity is not None or found.other)
    if products and bare and not any(_near(turn, line, products) for line in draft.lines):
        return False
    if index is None:
        index = _line_named(draft, products)
    if index is None:
        if len(draft.lines) > 1:
            turn.answered()
            _ask_which_line(turn, draft, found)
            return True
        index = 0
    line = draft.lines[index]
    if found.other:
        others = tuple(s for s in line.candidates if s != line.sku) or tuple(
            s for s in products if s != line.sku
        )
        if not others:
            return False
        if len(others) == 1:
            line = replace(line, sku=others[0], guessed=False)
        else:
            line = replace(line, sku=None, candidates=others, guessed=False)
    elif products and line.sku not in products:
        line = replace(
            line,
            sku=products[0] if len(products) == 1 else None,
            candidates=products if len(products) > 1 else line.candidates,
            guessed=False,
        )
    if found.quantity is not None:
        issue = "too_big" if found.quantity > MAX_QUANTITY else None
        line = replace(line, quantity=found.quantity, issue=issue)
    turn.answered()
    draft = draft.with_line(index, line)
    if draft.action == "restock" and found.quantity is not None:
        _record(turn, draft)  # "commande 30 seulement": ordered as said
        return True
    advance(turn, draft)
    return True


def _near(turn: Turn, line: Line, products: Sequence[str]) -> bool:
    """Whether `products` may be what `line` meant: among its candidates, or sharing a word of
    its name."""
    if set(line.candidates) & set(products):
        return True
    if not line.sku:
        return False
    words = set(keys_of(turn.name(line.sku)))
    return any(words & set(keys_of(turn.name(sku))) for sku in products if sku != line.sku)


def _products_named(turn: Turn, words: str, draft: Draft | None = None) -> tuple[str, ...]:
    """The products `words` name: by the catalog's matcher, or else (`le 25kg`, `l'autre en
    poudre`) among the products near those of the draft."""
    matcher = turn.view.matcher
    if matcher is None:
        return ()
    parsed = matcher.parse(words)
    if parsed.product is not None and turn.product(parsed.product):
        return (parsed.product,)
    named = tuple(s for s in parsed.candidates if turn.product(s))
    if named or draft is None:
        return named
    near = [
        p.sku for p in turn.view.products if any(_near(turn, line, [p.sku]) for line in draft.lines)
    ]
    return Offered(near, matcher).pick(words) if near else ()


def _line_named(draft: Draft, products: Sequence[str]) -> int | None:
    """The line a correction is about: the only line, or the one whose product (or candidates)
    it names."""
    if len(draft.lines) == 1:
        return 0
    if not products:
        return None
    for index, line in enumerate(draft.lines):
        if line.sku in products or set(line.candidates) & set(products):
            return index
    return None


def _ask_which_line(turn: Turn, draft: Draft, found: Correction) -> None:
    token = turn.new_token()
    items = [
        (
            str(i),
            turn.name(line.sku) if line.sku else line.words,
            turn.amount(line.quantity or 0, line.sku or ""),
        )
        for i, line in enumerate(draft.lines)
    ]
    reply = turn.choices_reply(turn.t("which_line"), "line", token, items, "lines_button")
    _ask(turn, State.AWAITING_CHOICE, draft, WHICH_LINE, reply, token, fix=found.quantity)


def _ask_edit(turn: Turn, draft: Draft) -> None:
    turn.answered()
    if len(draft.lines) == 1:
        _ask_quantity(turn, draft, 0)
        return
    _ask_which_line(turn, draft, Correction())


def _answer_which_line(turn: Turn, draft: Draft, reading: Reading) -> bool:
    offer = [line.sku or "" for line in draft.lines]
    picked = Offered(offer, turn.view.matcher).pick(reading.text)
    if len(picked) != 1:
        return False
    _edit_line(turn, draft, offer.index(picked[0]))
    return True


def _edit_line(turn: Turn, draft: Draft, index: int) -> None:
    fix = turn.ctx.get("fix")
    turn.answered()
    if fix is not None:
        line = replace(draft.lines[index], quantity=int(fix))
        advance(turn, draft.with_line(index, line))
    else:
        _ask_quantity(turn, draft, index)


def _decide(turn: Turn, draft: Draft, ask: str, *, yes: bool) -> None:
    index = int(turn.ctx.get("line", 0))
    turn.answered()
    if ask == LARGE_CHECK:
        if yes:
            advance(turn, draft.with_line(index, replace(draft.lines[index], checked=True)))
        else:
            _ask_quantity(turn, draft, index)
        return
    if ask == GUESS:
        if yes:
            line = replace(draft.lines[index], checked=True)
            advance(turn, draft.with_line(index, line))
        elif len(draft.lines) > 1:
            _drop_line(turn, draft, index)
        else:
            turn.finish()
            turn.say("guess_no")
        return
    # IS_ORDER
    if yes:
        line = draft.lines[0]
        assert line.quantity is not None
        effect = ReceiveOrder(int(turn.ctx["order_id"]), line.quantity, key=_key(turn))
        turn.finish()
        turn.do(effect)
    else:
        turn.ctx["not_order"] = True
        _confirm(turn, draft)


def _key(turn: Turn) -> str:
    return f"whatsapp:{turn.ctx.get('token')}"


def _record(turn: Turn, draft: Draft) -> None:
    """Do what the draft says; the result is read with the draft kept (`recall`)."""
    pairs = tuple((str(line.sku), int(line.quantity or 0)) for line in draft.lines)
    key = _key(turn)
    effect: Effect
    if draft.action in ("sale", "receipt"):
        effect = RecordMovement(draft.action, pairs, key)
    elif draft.action == "count":
        effect = SetCount(pairs, key)
    else:
        effect = PlaceOrder(pairs, alert_id=draft.alert_id)
    turn.settle(effect, draft=draft.to_dict())


def _decline(turn: Turn, draft: Draft) -> None:
    turn.answered()
    turn.finish()
    turn.say(f"{draft.action}_no")


# --- taps --------------------------------------------------------------------------------


def choose(turn: Turn, chosen: ChoiceId) -> None:
    draft = turn.draft
    ask = turn.ctx.get("ask")
    if draft is None:
        turn.say("already_handled")
        return
    if chosen.kind == "product" and ask == PRODUCT:
        index = int(turn.ctx.get("line", 0))
        line = draft.lines[index]
        offer = tuple(str(s) for s in turn.ctx.get("offer", ()))
        chosen_line = replace(
            line, sku=chosen.value, candidates=line.candidates or offer, guessed=False
        )
        turn.answered()
        advance(turn, draft.with_line(index, chosen_line))
    elif chosen.kind == "line" and ask == WHICH_LINE and chosen.value.isdigit():
        _edit_line(turn, draft, int(chosen.value))
    elif (
        chosen.kind == "move"
        and ask in (GUESS, IS_ORDER, LARGE_CHECK)
        and chosen.value
        in (
            "yes",
            "no",
        )
    ):
        _decide(turn, draft, str(ask), yes=chosen.value == "yes")
    elif chosen.kind == "move" and ask == CONFIRM:
        if chosen.value == "yes":
            _record(turn, draft)
        elif chosen.value == "no":
            _decline(turn, draft)
        else:  # edit, other
            _ask_edit(turn, draft)
    else:
        turn.say("already_handled")


# --- results -----------------------------------------------------------------------------


def recorded(turn: Turn, event: MovementRecorded) -> None:
    turn.recall()
    if len(event.lines) == 1:
        sku, quantity, after = event.lines[0]
        turn.say(
            f"{event.kind}_done",
            quantity=turn.amount(quantity, sku),
            name=turn.name(sku),
            after=turn.amount(after, sku),
        )
    else:
        lines = "\n".join(
            turn.t(
                f"{event.kind}_done_line", line=turn.line_text(sku, q), after=turn.amount(a, sku)
            )
            for sku, q, a in event.lines
        )
        turn.say(f"{event.kind}_done_many", lines=lines)
    turn.ctx[DONE_KEY] = {
        "kind": event.kind,
        "lines": [[sku, quantity] for sku, quantity, _ in event.lines],
        "at": turn.conv.now.isoformat(),
    }


def refused(turn: Turn, event: MovementRefused) -> None:
    """A sale over the stock at the time of recording: nothing recorded; that line is asked
    again (the other lines wait)."""
    data = turn.recall().get("draft")
    draft = Draft.from_dict(data) if data else None
    if draft is None:
        if event.available <= 0:
            turn.say("sale_refused_out", name=turn.name(event.sku))
        else:
            available = turn.amount(event.available, event.sku)
            turn.say("sale_refused", available=available, name=turn.name(event.sku))
        return
    index = next((i for i, line in enumerate(draft.lines) if line.sku == event.sku), 0)
    _ask_quantity(turn, draft, index, refused=True)


def full(turn: Turn, event: StockFull) -> None:
    turn.recall()
    turn.say(
        "receipt_refused",
        quantity=turn.amount(event.quantity, event.sku),
        name=turn.name(event.sku),
        maximum=number(turn.lang, event.maximum),
    )


def counted(turn: Turn, event: CountRecorded) -> None:
    turn.recall()
    lines = "\n".join(
        turn.t(
            "count_done_line",
            name=turn.name(sku),
            after=turn.amount(after, sku),
            delta=_delta(after - before),
        )
        for sku, before, after in event.lines
    )
    turn.say("count_done", lines=lines)


def _delta(delta: int) -> str:
    return f"+{delta}" if delta > 0 else (f"−{-delta}" if delta < 0 else "±0")


def ordered(turn: Turn, event: OrderPlaced) -> None:
    turn.recall()
    for order_id, sku, quantity in event.orders:
        turn.say(
            "order_confirmed",
            order=order_id,
            quantity=turn.amount(quantity, sku),
            name=turn.name(sku),
        )
    if len(event.orders) == 1:
        order_id, sku, quantity = event.orders[0]
        turn.ctx[DONE_KEY] = {
            "kind": "order",
            "order_id": order_id,
            "lines": [[sku, quantity]],
            "at": turn.conv.now.isoformat(),
        }
