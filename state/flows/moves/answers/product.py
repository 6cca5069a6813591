"""Answers to "Quel produit ?" for a line: a product among those offered (`le petit`, `2`),
several with their amounts (`3 sirop toux et 2 sirop enfant`), a correction of the line
(`non c'est 4`, `c'est pas du sucre, c'est du café`), or none of them (`non`, `aucun`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from intents import CONFIDENT, MIDDLING, Intent
from intents.answers import (
    Answer,
    Correction,
    correction,
    keys_of,
    orders_all,
    position,
    quantity_fix,
    says_none,
    size_wish,
)
from intents.normalize import as_typed
from intents.units import UNIT_WORDS
from state.drafts import COUNTED, Draft, Line
from state.flows.moves.acts import decline, drop_line
from state.flows.moves.answers.replies import amount_added, edit_again, named_product, skips
from state.flows.moves.corrections.correct import correct, noted
from state.flows.moves.corrections.itemwise import ITEMWISE, commanded
from state.flows.moves.corrections.siblings import siblings_of
from state.flows.moves.packs import name_words
from state.flows.moves.settle import (
    ORDER_ALL,
    TRANSACTIONS,
    action_of,
    advance,
    asks_stock,
    new_line,
    product_words,
    worded_as,
)
from state.flows.moves.sized import quantity_of_pick, sized_pick
from state.flows.moves.units import foreign
from state.matching import Offered, unit_amount
from state.messages import shorten
from state.quantities import MAX_QUANTITY
from state.turn import Reading, Turn

_PRODUCT_COMMANDS = frozenset({*TRANSACTIONS, Intent.STOCK_QUERY})


def answer_product(turn: Turn, draft: Draft, reading: Reading) -> bool:
    index = int(turn.ctx.get("line", 0))
    if _designated(turn, draft, reading, index) or _count_of_size(turn, draft, reading, index):
        return True
    offer = [str(s) for s in turn.ctx.get("offer", ())]
    if orders_all(reading.text) and offer and _orders_all(turn, draft, offer):
        return True  # `oui commande`, `on commande tout` to "Commander maintenant ?" (`ALERTES`)
    parsed = reading.parsed
    if (
        parsed is not None
        and reading.request is None  # `mes commandes` lists the orders
        and action_of(parsed.intent) == draft.action
        and not (parsed.product or parsed.candidates or parsed.quantity)
    ):
        turn.repeat_question()  # `commander` while "Commander maintenant ?" offers products
        return True
    if (
        parsed is not None
        and parsed.intent in TRANSACTIONS
        and (action_of(parsed.intent) != draft.action)
    ):
        return False  # `vente huile 5l 2` while "Quel produit ?" asks for a stock: a new command
    if _items_offered(turn, draft, reading, index) or _pieces_offered(turn, draft, reading, index):
        return True
    fix = quantity_fix(reading.text)
    # `non c'est 4 savon`: that line's quantity; `non c'est 4`: the line asked about's.
    at = None if fix is None or fix.rest else index
    if fix is not None and correct(turn, draft, fix, index=at, text=reading.text):
        return True  # the question comes again
    if not turn.ctx.get("anything") and _names_others(reading, offer):
        return False  # `vendu 3 tôle bac et 2 ciment` while "Quel ciment ?": a new command
    if turn.ctx.get("anything") and _asks_stock_of(reading):
        return False  # `stock sucre` while "Quel produit ?" asks any product: a question
    picked = Offered(offer, turn.view.matcher).pick(reading.text)
    if picked and _names_one_not_offered(turn, reading, offer):
        return False  # `mets 100 bazin rouge` while « Quel fil ? » waits: not the red thread
    if not picked and _fixes_other_line(turn, draft, index, reading, offer):
        return True  # `parfumé` at « Ligne 2 (sucre) : Quel produit ? »: line 1's rice
    if (not picked or set(picked) == set(offer)) and _names_instead(turn, draft, reading, index):
        return True  # `c'est pas du sucre, c'est du café` while "Quel sucre ?" waits
    if (not picked or set(picked) == set(offer)) and _amount_told(turn, draft, reading, index):
        return True  # `6 barres`, `il en a pris 6` while "Quel fer ?" waits: noted, asked again
    if not picked:
        picked = named_product(turn, reading)  # `café` while "Quel sucre ?" waits: that line's
    if len(picked) == 1:
        line = draft.lines[index]
        quantity = line.quantity
        if _restated(reading, draft) and parsed is not None:
            quantity = parsed.quantity  # `vendu 2 grand gaz` while "which gas?" waits for 1
        elif quantity is not None or line.issue is None:
            quantity = amount_added(turn, reading, offer, picked[0]) or quantity
        if quantity is None and picked[0] not in offer:  # `5 litres` of the oil sold by litre
            quantity = unit_amount(line.words, turn.unit(picked[0]))
        _choose(turn, draft, index, picked[0], quantity)
        return True
    if len(picked) > 1:
        if set(picked) == set(offer):
            turn.repeat_question(turn.t("which_one"))
            return True
        narrowed = replace(draft.lines[index], candidates=picked)
        turn.answered()
        advance(turn, draft.with_line(index, narrowed))
        return True
    if len(draft.lines) > 1 and skips(reading):
        drop_line(turn, draft, index)
        return True
    if reading.answer is Answer.NO or says_none(reading.text):
        _none_of_them(turn, draft, index)  # `non`, `aucun`: nothing of what is offered
        return True
    if reading.answer is Answer.YES and offer and _orders_all(turn, draft, offer):
        return True  # `oui` to "Commander maintenant ?" under the list of what to reorder
    if reading.answer is Answer.YES and offer:  # `oui` picks none: say how to pick
        if turn.offered_as_list():
            turn.remind_question()  # one short line: the list is above
        else:
            turn.repeat_question(turn.t("which_one"))
        return True
    return edit_again(turn, reading, turn.t("which_one"))


def _count_of_size(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`2` to « Quel produit ? (20 : la quantité, ou la taille de Huile 20L ?) »: another number
    alone says the 20 was the size, 2 of Huile 20L (`sized_pick`)."""
    line = draft.lines[index]
    sized = sized_pick(turn, line)
    keys = keys_of(reading.text)
    if sized is None or len(keys) != 1 or not keys[0].isdigit():
        return False
    told = int(keys[0])
    if told == line.quantity or not 0 < told <= MAX_QUANTITY:
        return False
    _choose(turn, draft, index, sized, told)
    return True


def _fixes_other_line(
    turn: Turn, draft: Draft, index: int, reading: Reading, offer: Sequence[str]
) -> bool:
    """`parfumé`, `non le riz parfumé` while « Ligne 2 (sucre) : Quel produit ? » waits
    (`vendu 2 riz et 3 sucre`): no sugar, but the other rice than the one line 1 was read as;
    that line corrected, the question asked again (the sugar sold was recorded as the scented
    rice). Not when the reply says the line's own words (`pas du sucre, du riz parfumé`)."""
    named = named_product(turn, reading)
    own = set(keys_of(draft.lines[index].words))
    if len(named) != 1 or own & set(keys_of(reading.text)):
        return False
    sku = named[0]
    others = [
        i
        for i, line in enumerate(draft.lines)
        if i != index and line.sku not in (None, sku) and sku in siblings_of(turn, line)
    ]
    if len(others) != 1:
        return False
    line = draft.lines[others[0]]
    if worded_as(turn, line.sku, reading.text):
        # `4 riz`, `le riz c'est 4` with line 1 made the scented rice: its words, its amount
        amount = amount_added(turn, reading, offer, line.sku or "")
        if amount is None or amount == line.quantity:  # `le riz`: which line's product, unsaid
            turn.repeat_question()
            return True
        fix = Correction(quantity=amount, rest=" ".join(product_words(reading.text)))
        return correct(turn, draft, fix, index=others[0], text=reading.text)
    line = replace(line, sku=sku, candidates=(), guessed=False)
    turn.answered()
    since = len(turn.conv.actions)
    advance(turn, draft.with_line(others[0], line))
    if line.quantity is not None and turn.conv.waiting:
        turn.lead(noted(turn, line, line.quantity), since=since)
    return True


def _amount_told(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`6 barres`, `il en a pris 6`, `he took 6` while "Quel produit ?" waits, naming none: the
    line's amount, noted (« C'est noté : 6 barres pour « fer ». ») above the same question; not
    a bare number nor a place (`6`, `le 2`, `c'est 3` may pick one), nor a yes, a no, or none
    of them (`aucun des trois`)."""
    offer = [str(s) for s in turn.ctx.get("offer", ())]
    if (
        set(named_product(turn, reading)) - set(offer)  # `6 cadenas`: another product's
        or draft.action not in COUNTED
        or reading.request is not None
        or reading.answer is not None
        or says_none(reading.text)  # `aucun des trois`
        or len(keys_of(reading.text)) < 2
        or position(reading.text, len(offer)) is not None
    ):
        return False
    found = correction(reading.text)
    if found is None or found.quantity is None or found.was is not None or found.other:
        return False
    unknown = as_typed(reading.text, _unknown_name(turn, found.rest, offer))
    if unknown:  # `test 1`, `bidule 3`: a product the shop does not have, no amount of the line
        turn.repeat_question(turn.t("fix_unknown", text=shorten(unknown, 40)))
        return True
    fix = Correction(quantity=found.quantity, marked=True)
    return correct(turn, draft, fix, index=index, text=reading.text)


def _unknown_name(turn: Turn, rest: str, offer: Sequence[str]) -> str:
    """The one word said beside an amount when it is no word the bot knows, nor a typo of the
    products offered (`test` of `test 1`), or "". Alone, it names something: `x` of `x3` is a
    sign (times 3), and words that tell (`il en a pris 6`, `he took 6`) are several."""
    matcher = turn.view.matcher
    words = keys_of(rest)
    if matcher is None or len(words) != 1:
        return ""
    word = words[0]
    if len(word) < 2 or not word.isalpha() or matcher.knows(word):
        return ""
    return "" if Offered(offer, matcher).names(word) else word


def _orders_all(turn: Turn, draft: Draft, offer: Sequence[str]) -> bool:
    """`oui`, `waaw`, `yes` to "Commander maintenant ?" under the products to reorder (`ALERTES`):
    one order of them all, each its reorder quantity, confirmed as any order."""
    token = turn.ctx.get("token")
    if draft.action != "restock" or token is None or turn.ctx.get(ORDER_ALL) != token:
        return False
    turn.answered()  # `oui et vendu 2 savon`: placed at once, the sale read next (`Turn.then`)
    advance(turn, Draft("restock", tuple(Line(sku=sku) for sku in offer), agreed=bool(turn.then)))
    return True


def _choose(turn: Turn, draft: Draft, index: int, sku: str, quantity: int | None) -> None:
    """The line asked about is `sku`'s, `quantity` of it: the draft goes on."""
    line = draft.lines[index]
    offer = tuple(str(s) for s in turn.ctx.get("offer", ()))
    candidates = line.candidates or offer
    quantity = quantity_of_pick(turn, line, sku, quantity)
    chosen = replace(line, sku=sku, quantity=quantity, candidates=candidates, guessed=False)
    turn.answered()
    advance(turn, draft.with_line(index, chosen))


def _designated(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`le 2e`, `vendu 3 le 2e`, `le 2e, 3 paquets`, `sold 2 of the second one`, `jaay naa 3
    bi gëna mag` while "Quel produit ?" waits: the reply read as the draft's command, whose
    words left (no verb, no amount) pick one of those offered by its place or size; its amount,
    if it says one, is the line's (the 2 of `2e` is a place, never an amount)."""
    offer = [str(s) for s in turn.ctx.get("offer", ())]
    words = product_words(reading.text)
    place = " ".join(w for w in words.split() if w not in UNIT_WORDS)  # `le 2e, 3 paquets`
    if position(place, len(offer)):
        words = place
    elif not size_wish(words):
        return False
    picked = Offered(offer, turn.view.matcher).pick(words)
    matcher = turn.view.matcher
    if len(picked) != 1 or matcher is None:
        return False
    quantity = draft.lines[index].quantity
    if draft.action in COUNTED:
        said = matcher.parse(f"{turn.t('verb_' + draft.action)} {reading.text}")
        if action_of(said.intent) != draft.action:
            return False
        if said.quantity is not None and said.quantity_issue is None:
            quantity = said.quantity
    _choose(turn, draft, index, picked[0], quantity)
    return True


def _items_offered(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`12 fer 8`, `non 12 fer 8`, `3 sirop toux et 2 sirop enfant` while "Quel produit ?" waits
    for a line: the reply read as the action's command, item by item (a number of a product's
    name is its name's, not an amount); when each item is one of the products offered, the line
    becomes them. One item needs its amount; several need none (`bleu et 2 rouge` under "vendu 3
    seaux": a line each, the blue one what is left of the 3; `bleu et rouge`: a line each, each
    amount asked). Anything else is read the other ways (`fer 8`, `le 2`, `non c'est 4
    savon`)."""
    offer = [str(s) for s in turn.ctx.get("offer", ())]
    if draft.action not in ITEMWISE or not offer:
        return False
    items = commanded(turn, draft.action, reading.text)
    others = {line.sku for i, line in enumerate(draft.lines) if i != index}
    skus = [item.product for item in items]
    if not items or any(
        item.quantity_issue is not None or item.product not in offer or item.product in others
        for item in items
    ):
        return False
    amounts = [item.quantity for item in items if item.quantity is not None]
    if not amounts and len(items) < 2:
        return False  # `bleu`: read the other ways
    if len(set(skus)) != len(skus):
        return False  # `2 fer 8 et 3 fer 8`: not one line each
    old = draft.lines[index]
    alone = len(items) - len(amounts) == 1
    lines: list[Line] = []
    for item in items:
        line = replace(
            new_line(turn, item, item.text, draft.action),
            candidates=old.candidates or tuple(offer),
            guessed=False,
        )
        if item.quantity is None and alone:  # `bleu` of `bleu et 2 rouge`: the rest of the 3
            line = replace(line, quantity=_left_of(turn, old, item.product, amounts))
        lines.append(line)
    turn.answered()
    advance(turn, replace(draft, lines=(*draft.lines[:index], *lines, *draft.lines[index + 1 :])))
    return True


# What parts the products of one reply (`le petit et 2 grand`, `1l, 2 5l`), and an amount
# before the words that pick one (`2 grand`).
_BETWEEN = re.compile(r",(?!\d)|[;+&]|\b(?:et|and|ak)\b", re.IGNORECASE)
_AMOUNT_FIRST = re.compile(r"^(\d+)\s+(.+)$")
# `le 20`, not `20l` nor `de 32` (`10 de 32 et 10 de 64`: of the 32 Go, as `bidon de 20`)
_LONE_NUMBER = re.compile(r"(?<!\w)(?<!\bde )(?<!\bof )\d+(?!\w)")


def _pieces_offered(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`le petit et 2 grand`, `1l et 2 5l` while "Quel produit ?" offers sizes the catalog's
    matcher does not name alone: each piece picks one product offered, by its size or its
    place among them, with its amount before it, or none (then asked), as `_items_offered`
    gives them."""
    offer = [str(s) for s in turn.ctx.get("offer", ())]
    pieces = [piece.strip() for piece in _BETWEEN.split(reading.text)]
    if draft.action not in ITEMWISE or not offer or len(pieces) < 2 or not all(pieces):
        return False
    offered = Offered(offer, turn.view.matcher)
    others = {line.sku for i, line in enumerate(draft.lines) if i != index}
    chosen: list[tuple[str, int | None]] = []
    for piece in pieces:
        found = _AMOUNT_FIRST.match(piece)
        amount, words = (int(found[1]), found[2]) if found else (None, piece)
        picked = offered.pick(words)
        if _LONE_NUMBER.search(words) or len(picked) != 1 or picked[0] in others:
            return False  # `bleu 2`, `le 20`: whose number is it?
        chosen.append((picked[0], amount))
    amounts = [amount for _, amount in chosen if amount is not None]
    if len({sku for sku, _ in chosen}) != len(chosen):
        return False
    old = draft.lines[index]
    alone = len(chosen) - len(amounts) == 1
    lines = tuple(
        replace(
            old,
            sku=sku,
            quantity=_left_of(turn, old, sku, amounts) if amount is None and alone else amount,
            candidates=old.candidates or tuple(offer),
            unit=None,
            issue=None,
            guessed=False,
        )
        for sku, amount in chosen
    )
    turn.answered()
    advance(turn, replace(draft, lines=(*draft.lines[:index], *lines, *draft.lines[index + 1 :])))
    return True


def _left_of(turn: Turn, line: Line, sku: str | None, amounts: Sequence[int]) -> int | None:
    """What is left of the line's amount for `sku` once `amounts` are taken out (`vendu 3
    seaux`, then `bleu et 2 rouge`: 1 blue); None when it has none, in another unit than the
    product's, or nothing is left (then asked)."""
    if line.quantity is None or line.issue is not None or foreign(turn, replace(line, sku=sku)):
        return None
    left = line.quantity - sum(amounts)
    return left if left > 0 else None


def _none_of_them(turn: Turn, draft: Draft, index: int) -> None:
    """`non`, `aucun` while "Quel produit ?" waits: that line goes (the others are settled),
    or the whole action when it was the only one, said as a no to its confirmation is."""
    if len(draft.lines) > 1:
        drop_line(turn, draft, index)
    elif draft.action == "stock":
        turn.answered()
        turn.finish()
        turn.say("cancelled")
    else:
        decline(turn, draft)


def _names_instead(turn: Turn, draft: Draft, reading: Reading, index: int) -> bool:
    """`c'est pas du sucre, c'est du café`, `plutôt le café` while "Quel sucre ?" waits: the
    product said instead is the line's (`correct`, as under its confirmation)."""
    fix = correction(reading.text)
    if fix is None or not fix.marked or not fix.rest or fix.other or fix.quantity is not None:
        return False
    return correct(turn, draft, fix, index=index, text=reading.text)


def _restated(reading: Reading, draft: Draft) -> bool:
    """The same command typed again, one item with its own quantity (`vendu 2 grand gaz`)."""
    parsed = reading.parsed
    return (
        parsed is not None
        and len(reading.many) == 1
        and draft.action in COUNTED
        and action_of(parsed.intent) == draft.action
        and parsed.quantity is not None
        and parsed.quantity_issue is None
    )


def _names_others(reading: Reading, offer: Sequence[str]) -> bool:
    """A command (a verb or a stock word, not a bare description: `the cubes`) whose items
    name products, one of them none of those offered."""
    items = [i for i in reading.many if i.intent in _PRODUCT_COMMANDS and i.score >= MIDDLING]
    commanded = asks_stock(reading) or any(i.intent in TRANSACTIONS for i in items)
    if not items or not commanded:
        return False
    offered = set(offer)
    named = [{item.product} if item.product else set(item.candidates) for item in items]
    return any(found and found.isdisjoint(offered) for found in named)


def _names_one_not_offered(turn: Turn, reading: Reading, offer: Sequence[str]) -> bool:
    """The reply names outright one product not offered (`bazin rouge` while « Quel fil ? »
    offers the threads: the matcher is confident of it) by the word its name opens with, what
    it is (`bazin`), that no offered one is called, though another word is an offered one's
    (`rouge`): it is about that product, no pick among those offered (`en morceaux` under the
    sugars still picks the cubes of sugar, `taille L` under the T-shirts the L, though the
    bouillon cubes and a « Jean taille 32 » have those words)."""
    parsed = reading.parsed
    if (
        parsed is None
        or parsed.product is None
        or parsed.product in offer
        or parsed.score < CONFIDENT
        or len(reading.many) > 1
        or turn.product(parsed.product) is None
    ):
        return False
    head = name_words(turn, parsed.product)[:1]
    return bool(head) and head[0] in Offered(offer, turn.view.matcher).unnamed(reading.text)


def _asks_stock_of(reading: Reading) -> bool:
    """A stock question naming products (`stock sucre`, `how much sugar is left`), not a
    product alone (the answer)."""
    parsed = reading.parsed
    return (
        asks_stock(reading)
        and parsed is not None
        and parsed.intent is Intent.STOCK_QUERY
        and parsed.score >= MIDDLING
        and any(item.product or item.candidates for item in reading.many)
    )
