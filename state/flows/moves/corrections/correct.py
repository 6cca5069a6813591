"""One correction applied (`non c'est 4`, `l'autre`, `c'est le riz parfumé`, `pas le 8, le
12`): the line it is about takes it, and the same action is offered again."""

from __future__ import annotations

from dataclasses import replace

from intents.answers import Correction, keys_of
from intents.normalize import as_typed
from intents.remarks import says_clause, tells_remark
from intents.stopwords import STOPWORDS
from state.drafts import Draft, Line
from state.flows.moves.corrections.editing import ask_which_line
from state.flows.moves.corrections.lines import line_denied, line_named, line_worded
from state.flows.moves.corrections.siblings import (
    is_near,
    packed_sibling,
    products_named,
    resized_sibling,
    sibling_named,
    siblings_of,
    sized_itself,
    sized_sibling,
)
from state.flows.moves.packs import name_words
from state.flows.moves.reasons import lost_to_count, say_above_stock
from state.flows.moves.settle import CONFIRM, UNIT, advance, product_words, worded_as
from state.flows.moves.units import by_the_dozen, counted_in_unit, foreign, typed_unit
from state.matching import Offered
from state.messages import number, shorten
from state.quantities import MAX_QUANTITY
from state.turn import Turn

_SAYS_IT = (CONFIRM, UNIT)  # questions that show the quantity corrected


def correct(
    turn: Turn, draft: Draft, found: Correction, *, index: int | None = None, text: str = ""
) -> bool:
    """Apply a correction (`non c'est 4`, `l'autre`, `c'est le riz parfumé`): the same action
    offered again; False when the reply corrects nothing that can be found. `text`, the whole
    reply, says which line a quantity is for when its words did not name a product on their own
    (`non c'est 3 thé`: "thé" is also the English article)."""
    if found.quantity is None and not found.other and _remark(turn, text or found.rest):
        return False  # `le camion est passé` under "Enregistrer … ?": no product sounding alike
    products = products_named(turn, found.rest, draft) if found.rest else ()
    if found.rest and not products and found.quantity is None and not found.other:
        return False
    unknown = _unknown_words(turn, draft, found, text) if not products else ""
    if unknown:  # `non c'est 3 banane` in a shop without bananas: nothing changes
        turn.repeat_question(turn.t("fix_unknown", text=shorten(unknown, 40)))
        return True
    # A bare product name corrects a near product (`riz parfumé` for `riz brisé`), or one the
    # manager did not name (`vendu 5` after `stock riz`: the rice was the bot's reading); another
    # product alone is a new stock question.
    bare = not (found.marked or found.quantity is not None or found.other)
    if bare and len(products) == 1 and any(line.sku == products[0] for line in draft.lines):
        turn.repeat_question()  # `la 1L` under "arrivage de 24 bouteilles d'Huile 1L ?"
        return True
    if (
        products
        and bare
        and not any(_open_to(turn, draft, line, products, text) for line in draft.lines)
    ):
        return False
    if index is None and found.place is not None and found.place <= len(draft.lines):
        index = found.place - 1  # `non le 2e c'est 5`: the second line
    if index is None and (numbered := _line_by_number(turn, draft, found)) is not None:
        index, found = numbered  # `non le fer 10 c'est 12`, `non 8 pas 2` under two lines
    if index is None:
        index = line_named(draft, products)
    if index is None and text and found.quantity is not None and not found.other:
        index = line_worded(turn, draft, text)
    if index is None and text and products and found.negated:
        index = line_denied(turn, draft, text, found.rest)  # `pas le sucre, le café`
    if index is None and products:
        index = _line_near(turn, draft, products)  # `non l'huile c'est 20l`: the 5 L line
    if index is None and found.quantity is not None and not products:
        index = _line_in_unit(turn, draft, text, found.quantity)  # `non c'était 12 mètres`
    if index is None:
        if len(draft.lines) > 1:
            turn.answered()
            ask_which_line(turn, draft, found)
            return True
        index = 0
    line = draft.lines[index]
    if not products and sized_itself(turn, line, found):
        turn.repeat_question()  # `le 500` under "2 boîtes de Paracétamol 500mg ?": that one
        return True
    resized = resized_sibling(turn, line, found) or sized_sibling(turn, line, found)
    if resized is None and not products and _more_than_left(turn, draft, line, found):
        # `non 40` under "3 paires de Sandales 42" with 4 left: the 40 pair, not 40 sold
        resized = sized_sibling(turn, line, replace(found, sized=True))
    if resized is not None:  # `pas le 8, le 12` under "40 barres de Fer 8mm": sizes, not counts
        line, found = resized, replace(found, quantity=None)
    elif found.other:
        others = (
            tuple(s for s in line.candidates if s != line.sku)
            or tuple(s for s in products if s != line.sku)
            or siblings_of(turn, line)
        )
        if not others:
            return False
        if len(others) == 1:
            line = replace(line, sku=others[0], guessed=False)
        else:
            line = replace(line, sku=None, candidates=others, guessed=False)
    elif products and line.sku not in products and not _own_amount(turn, line, found):
        products = _sibling_first(turn, line, products, text)
        line = replace(
            line,
            sku=products[0] if len(products) == 1 else None,
            candidates=products if len(products) > 1 else line.candidates,
            words=product_words(found.rest) or line.words,  # "C'est noté : 3 sucre"
            said=as_typed(text, product_words(found.rest)) or line.said,
            guessed=False,
        )
    if _sold_out_instead(turn, draft, draft.lines[index], line):
        # `lait 2` under « vente de 2 savons ? » with no milk left: refused, the sale as it was
        turn.repeat_question(turn.t("sale_refused_out", name=turn.name(line.sku or "")))
        return True
    confirming = turn.ctx.get("ask") == CONFIRM
    if found.quantity is not None:
        issue = "too_big" if found.quantity > MAX_QUANTITY else None
        unit = typed_unit(turn, text, found.quantity)  # `non c'est 3 cartons`: asked about
        quantity = by_the_dozen(turn, line.sku, text, found.quantity) or found.quantity
        own = unit is None or not foreign(turn, replace(line, unit=unit))
        packed = packed_sibling(turn, line, unit) if not own else None
        if packed is not None:  # `non c'est 3 cartons` under 3 pièces of Savon Dermo 125g
            line, unit, own = replace(line, sku=packed, candidates=(), guessed=False), None, True
        if confirming and line.sku is not None and own:  # under a loss: that many lost
            counted = lost_to_count(turn, draft, line.sku, quantity)
            if counted is None:  # more lost than the stock: the loss offered again, said why
                turn.repeat_question(say_above_stock(turn, line.sku, why=draft.wording))
                return True
            quantity = counted
        line = replace(line, quantity=quantity, issue=issue, unit=unit)
    turn.answered()
    draft = draft.with_line(index, line)
    if (
        draft.action == "restock"
        and found.quantity is not None
        and confirming
        and len(draft.lines) == 1
        and line.sku is not None
        and line.issue is None
        and not foreign(turn, line)
    ):
        # "commande 30 seulement" under the one order shown: ordered as said, once what any
        # order is asked about is (a quantity far above the usual, another on its way). A
        # line of several corrected shows the whole order again.
        advance(turn, replace(draft, agreed=True))
        return True
    asked_from = len(turn.conv.actions)
    advance(turn, draft)
    # Another question comes first (which product, for another line): it says what changed
    # (the unit question says it itself: "2 cartons de Lait, ça fait combien de boîtes ?").
    if found.quantity is not None and turn.conv.waiting and turn.ctx.get("ask") not in _SAYS_IT:
        turn.lead(noted(turn, line, found.quantity), since=asked_from)
    return True


def _sibling_first(turn: Turn, line: Line, products: tuple[str, ...], text: str) -> tuple[str, ...]:
    """`non le noir` under white thread, black voile and black thread named: the black thread,
    the product near the line's (`sibling_named`), as right after it was recorded."""
    if len(products) < 2 or line.sku is None or not text:
        return products
    near = sibling_named(turn, line.sku, text)
    return (near,) if near in products else products


def _own_amount(turn: Turn, line: Line, found: Correction) -> bool:
    """Whether a new amount's words only name the line's own product: `non c'est 4 pour le
    riz` under 3 sacs de Riz parfumé is that line's amount, not the broken rice's (whose
    name `riz` is too). The same amount with them (`non c'est 2 riz`) can only be about the
    product."""
    return (
        found.quantity is not None
        and found.quantity != line.quantity
        and worded_as(turn, line.sku, found.rest)
    )


def _sold_out_instead(turn: Turn, draft: Draft, was: Line, line: Line) -> bool:
    """Whether a sale's product is corrected to another with nothing left to sell: refused
    before the line is changed (else the line was dropped, and with it the sale asked)."""
    if draft.action != "sale" or line.sku is None or line.sku == was.sku:
        return False
    product = turn.product(line.sku)
    return product is not None and product.quantity <= 0


def noted(turn: Turn, line: Line, quantity: int) -> str:
    """ "C'est noté : 25 sacs de Sucre en poudre 50kg." for a line's new quantity; its product
    still to be chosen: the words it was typed with, the unit when every product it may be is
    counted in the same ("C'est noté : 25 sacs pour « riz »."), never a bare "25 sucre"."""
    if line.sku is not None:
        return turn.t("fix_noted", what=turn.line_text(line.sku, quantity))
    amounts = {turn.amount(quantity, sku) for sku in line.candidates}
    said = amounts.pop() if len(amounts) == 1 else number(turn.lang, quantity)
    if not line.words:
        return turn.t("fix_noted", what=said)
    return turn.t("fix_noted_for", quantity=said, words=line.shown)


def _line_by_number(turn: Turn, draft: Draft, found: Correction) -> tuple[int, Correction] | None:
    """The line of two or more that a correction's two numbers tell (`3 pas 5`): the one line
    whose amount is the wrong one (`non 8 pas 2`: the line of 2), else, when neither is a
    line's amount, the one line whose product one of them names by its size, the other its
    amount (`non le fer 10 c'est 12`, `non 12 pour le 10` under Fer 8mm and Fer 10mm: 12 of
    the 10); None otherwise (it was the first line, or « Quelle ligne modifier ? »)."""
    skus = [line.sku for line in draft.lines]
    if len(skus) < 2 or None in skus or found.quantity is None or found.was is None:
        return None
    amounts = [line.quantity for line in draft.lines]
    if amounts.count(found.was) == 1:
        return amounts.index(found.was), found
    if found.was in amounts or found.quantity in amounts:
        return None
    offered = Offered([str(sku) for sku in skus], turn.view.matcher)
    for size, amount in ((found.was, found.quantity), (found.quantity, found.was)):
        named = offered.sized(size) or offered.numbered(size)
        if len(named) == 1 and not (offered.sized(amount) or offered.numbered(amount)):
            return skus.index(named[0]), replace(found, quantity=amount, was=None)
    return None


def _line_near(turn: Turn, draft: Draft, products: tuple[str, ...]) -> int | None:
    """The one line whose product `products` may be meant for (a size or kind of the same name:
    `huile 20l` for the line of Huile 5L), or None; of several, the one sharing the most words
    of their names (`non beige 20l` under paints blue 1 L and beige 4 L: the beige one)."""
    near = [i for i, line in enumerate(draft.lines) if is_near(turn, line, products)]
    if len(near) > 1:
        shared = {i: _shared_words(turn, draft.lines[i], products) for i in near}
        most = max(shared.values())
        near = [i for i in near if shared[i] == most]
    return near[0] if len(near) == 1 else None


def _shared_words(turn: Turn, line: Line, products: tuple[str, ...]) -> int:
    """The most words of its name the line's product shares with one of `products`."""
    if line.sku is None:
        return 0
    words = set(name_words(turn, line.sku))
    return max(len(words.intersection(name_words(turn, sku))) for sku in products)


def _line_in_unit(turn: Turn, draft: Draft, text: str, quantity: int) -> int | None:
    """The one line counted in the unit an amount is said in (`c'était 12 mètres` under metres
    of bazin and zips by the piece), or None."""
    skus = [line.sku for line in draft.lines if line.sku is not None]
    kept = counted_in_unit(turn, skus, text, quantity) if len(skus) == len(draft.lines) else []
    return skus.index(kept[0]) if len(kept) == 1 and len(kept) < len(skus) else None


def _unknown_words(turn: Turn, draft: Draft, found: Correction, text: str) -> str:
    """The words of a correction that name a product the shop does not have (`banane` in `non
    c'est 3 banane`), or "": words that designate a line (`thé`, or a line's own unknown words)
    are no unknown product."""
    words = " ".join(k for k in keys_of(found.rest) if k not in STOPWORDS)
    words = product_words(words)
    if not words or (text and line_worded(turn, draft, text) is not None):
        return ""
    if any(line.words and set(keys_of(line.words)) & set(keys_of(words)) for line in draft.lines):
        return ""
    return words


def _more_than_left(turn: Turn, draft: Draft, line: Line, found: Correction) -> bool:
    """A sale corrected to more than the stock of its product (no sale can be)."""
    product = turn.product(line.sku) if line.sku is not None else None
    return (
        draft.action == "sale"
        and found.quantity is not None
        and product is not None
        and found.quantity > product.quantity
    )


def _remark(turn: Turn, text: str) -> bool:
    """A reply telling something else (`le camion est passé`, `il pleut`): no number, no word
    of the catalog, a clause said."""
    matcher = turn.view.matcher
    keys = keys_of(text)
    if matcher is None or not says_clause(keys):
        return False
    return tells_remark(keys, (), matcher.name_words, range(len(keys)))


def _open_to(turn: Turn, draft: Draft, line: Line, products: tuple[str, ...], text: str) -> bool:
    """Whether a bare product name may replace the line's product: one near it, or, in a sale
    or an arrival the manager typed without naming any (`vendu 2` right after `stock cartable`:
    the product just talked about), any; not with a question (`calculatrice ?`), nor in what
    the bot itself proposed (an alert's order, a count asked)."""
    if is_near(turn, line, products):
        return True
    typed_bare = line.sku is not None and not line.words.strip() and "?" not in text
    return typed_bare and draft.action in _TYPED_BARE and draft.reason is None


_TYPED_BARE = frozenset({"sale", "receipt"})
