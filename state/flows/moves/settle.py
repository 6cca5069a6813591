"""Drafts settled one line at a time: which product, how many, a guess or a large quantity to
check, an order to tie a receipt to; then the whole draft confirmed (or, for a stock question,
answered)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from intents import CONFIDENT, Intent, ParsedIntent
from intents.answers import keys_of, numbers_in, position, size_wish
from intents.because import reason_start
from intents.cue_words import KEYWORD_VOCABULARY, SUPPLIER_WORDS
from intents.item_verbs import CUSTOMER_TAKES
from intents.missing import short_words_out
from intents.normalize import SIZE_UNITS, as_typed, has_phrase, is_size, word_keys
from intents.numbers import is_number_word, ordinal_digits
from intents.people import people_positions
from intents.requests import Readings, read_counts
from intents.requests.base import WANTING
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS, canonical_unit
from intents.whole_stock import all_of_it
from state.answers import family_line, stock_text
from state.choices import choice_id
from state.drafts import COUNTED, Action, Draft, Line, Reason
from state.effects import FindPace
from state.events import (
    Pace,
    PaceFound,
)
from state.flows.moves.packs import packed_together
from state.flows.moves.reasons import (
    REASON_WORDS,
    asks_loss,
    item_reasons,
    reason_of,
    said_lost,
    say_above_stock,
)
from state.flows.moves.record import record
from state.flows.moves.sized import size_typed, sized_pick
from state.flows.moves.units import (
    dozens_counted,
    dozens_of_a_group,
    dozens_of_the_unit,
    eggs_by_the_dozen,
    foreign,
    heads_name,
    held_as_typed,
    held_by_name,
    kin_counted_in,
    load_said,
    measure_named,
    measured,
    typed_unit,
    unit_said,
)
from state.machine import State
from state.matching import Offered
from state.messages import shorten, typed_amount
from state.quantities import ISSUE_KEYS
from state.summaries import cover_text
from state.turn import Reading, Turn
from state.values import Choice, ProductView, Reply

FLOW = "move"
_ACTION_OF: dict[Intent, Action] = {
    Intent.STOCK_QUERY: "stock",
    Intent.SALE: "sale",
    Intent.RECEIPT: "receipt",
    Intent.RESTOCK: "restock",
}
TRANSACTIONS = frozenset({Intent.SALE, Intent.RECEIPT, Intent.RESTOCK})
PLANNED = frozenset({"sale", "receipt"})  # told as someone's plan: asked whether it was done
# What the question waiting is about (`ask` in the context).
PRODUCT, QUANTITY, UNIT, GUESS, CONFIRM, IS_ORDER, WHICH_LINE = (
    "product",
    "quantity",
    "unit",  # how many of the product's unit a quantity typed in another makes
    "guess",
    "confirm",
    "is_order",
    "which_line",
)
# The question's token when a yes to it orders every product it offers ("Commander maintenant ?"
# under the products to reorder).
ORDER_ALL = "order_all"
LARGE_CHECK = "large"  # a quantity far above the usual, confirmed before anything
AWAITED = "awaited"  # the product asked as an order's was picked for it among several
OVERSOLD = "oversold"  # a sale over the stock, insisted on: sell what is left, or count
# A quantity above this, and above 10 times the product's largest movement of the last 30 days
# (its reorder quantity when it has none), is confirmed with a warning first.
LARGE = 100
# A stock question naming a family lists this many of its products at most.
FAMILY_SHOWN = 6
# Choice kinds of this flow: a product offered, a line to change, a yes/no/edit.
KINDS = frozenset({"product", "line", "move"})
QUANTITY_WORDS = word_keys("quantite quantity qte nombre number combien")
SKIP_WORDS = word_keys(
    "passer passe skip enlever enleve enleves retirer retire retires supprimer supprime "
    "remove drop delete dindi dindil"
)
STOCK_WORDS = word_keys("stock stok combien cb reste naata many much")
COMMAND_WORDS = word_keys(
    "stock stok stocks vente vendu vendre vends recu reception arrivage arrive commander "
    "commande cmd combien naata reste il me de du des la le les un une sale sold sell order "
    "received delivery how much many j ai on a jaay jaaye jaayna jaaynaa naa jend jenda jendna "
    "dama danuy dinaa agsi agsina komande komandeel"
)


def action_of(intent: Intent) -> Action | None:
    return _ACTION_OF.get(intent)


def worded_as(turn: Turn, sku: str | None, typed: str) -> bool:
    """Whether the goods `typed` names are all in words of `sku`'s product: `5 riz` answers
    « Riz parfumé 25kg : combien ? », `il manque 5 riz` its order's arrival, though `riz`
    alone names the broken rice."""
    if sku is None:
        return False
    words = " ".join(short_words_out(keys_of(product_words(typed))))
    return Offered([sku], turn.view.matcher).describes_all(words)


def names_other(turn: Turn, reading: Reading, sku: str | None) -> bool:
    """Whether `reading` names products other than `sku`'s, in words not all `sku`'s (`commande
    20 riz` under the scented rice's question names its own: `riz` is a word of both)."""
    parsed = reading.parsed
    named = set() if parsed is None else {s for s in (parsed.product, *parsed.candidates) if s}
    if not named or sku in named:
        return False
    return not worded_as(turn, sku, reading.text) or _numbered_apart(turn, named, sku, reading.text)


def _numbered_apart(turn: Turn, named: set[str], sku: str | None, typed: str) -> bool:
    """`2 spark 10` at « Tecno Spark 20 : combien ? »: a number typed is one of the names of
    the products named and not of `sku`'s (the Spark 10, though `spark` is a word of both)."""
    if sku is None:
        return False
    offered = Offered([*sorted(named), sku], turn.view.matcher)
    return any(
        (found := offered.numbered(value)) and sku not in found
        for _, _, value in numbers_in(keys_of(typed)).values
    )


def product_words(typed: str) -> str:
    """What is left of a message once the command words and numbers are taken out; nothing when
    that only says the manager wants to (`je veux vendre`, `I want to sell`, `dama bëgg jaay`)."""
    keys = keys_of(typed)
    ordinals = ordinal_digits(keys, typed)  # `vendu 2 le 2e`: the 2 of `2e` picks, it stays
    told = reason_start(keys)  # `… pcq ils étaient mouillés`: no product's words
    people = people_positions(keys)  # `mon fils a vendu …`: who, no product's words
    words = [
        k
        for i, k in enumerate(keys[:told])
        if k not in COMMAND_WORDS
        and i not in people
        and k not in CUSTOMER_TAKES  # `pris 2 sucre` of a customer's return: no product's
        and (not k.isdigit() or i in ordinals)
    ]
    if all(k in WANTING for k in words):
        return ""
    return " ".join(words)


def shown_words(words: str) -> str:
    """The words of a line worth naming back when no product has them (`naata banaana moo
    des` → « banaana », not « naata banaana moo »; `10m dentelle`, `10m of lace`, `2 kg de
    poivre`, `3 pièces dentelle`, `benn diwlin` → « dentelle », « lace », « poivre »,
    « diwlin »: the amount typed before the product's words is no product's): all of them if
    nothing else is left. A size after them stays (`huile 2l`: the product asked for is a
    2-litre one)."""
    kept = [k for k in words.split() if k not in STOPWORDS and k not in KEYWORD_VOCABULARY]
    if len(kept) > 1 and kept[0] in UNIT_WORDS:
        # `5 bags of starter feed`, `3 sacs de piment`, `le camion a amené 5 cartons de tissus`
        # (the verb before it is no product's word either): the amount's unit
        kept = kept[1:]
    start = 0  # the amount: `2kg`, a unit that measures, a number word (`benn diwlin`, `one oil`)
    while start < len(kept) and (_measured_amount(kept[start]) or is_number_word(kept[start])):
        start += 1
    return " ".join(kept[start:]) or " ".join(kept) or words


def typed_words(line: Line, action: Action) -> str:
    """The product words typed for a line with no product, as typed and without the amount
    (`3 pièces de dentelle brodée`: « dentelle brodée »; `vendu dentelle 10m`, counted by
    nothing else: « dentelle »), for the texts that quote them."""
    kept = shown_words(line.words) if line.words else ""
    if action in COUNTED and line.quantity is None and line.issue is None:
        kept = _without_amount_after(kept)
    if not kept:
        return line.shown
    return as_typed(line.said, kept) if line.said else kept


def line_label(turn: Turn, line: Line, action: Action) -> str:
    """How a line is named in a text: its product, else its words as typed, else its amount
    (`vendu 2 riz, 3`: « 3 »)."""
    if line.sku:
        return turn.name(line.sku)
    typed = typed_words(line, action) or (str(line.quantity) if line.quantity else "?")
    return shorten(typed, 30)


def _without_amount_after(words: str) -> str:
    """`dentelle 10m` of a movement with no count: the size typed after the product's words is
    the amount, no word of the product (a stock question's `huile 2l` keeps it, and so does
    `vendu 3 huile 5l`, counted apart). Only shown so: the line keeps it, to count the product
    picked instead if it is sold by that measure."""
    kept = words.split()
    while len(kept) > 1 and _measured_amount(kept[-1]):
        kept.pop()
    return " ".join(kept)


# Units that only say how much (`pièces`, `kg`, `litres`), never name a product as a container
# word may (`Bouteille de gaz`, `Sac de jute`).
_AMOUNT_UNITS = frozenset({"piece", "kg", "litre", "tonne"})


def _measured_amount(key: str) -> bool:
    """A word of the amount typed: a number glued to a measure (`10m`, `2kg`, `33cl`, `2.5l`) or
    a unit that only measures (`kg`, `metres`, `pièces`)."""
    return is_size(key) or key in SIZE_UNITS or canonical_unit(key) in _AMOUNT_UNITS


# Words that refer to a product without naming it, or say nothing of one, besides the
# function words (`STOPWORDS`: `j'en ai vendu 3`, `sold 2 of them`, `jaay naa ko 3`): `we
# received 4 more`, `those`, `jaay nanu leen`.
_REFERRING = word_keys("one ones those these more again leen nanu danu")


# `il en reste combien ?`, `how many of them are left`, `naata ko des`: a pronoun for a product.
# `en` only as one, next to its verb (`il en reste`, `j'en ai`, `en reste-t-il`): not `en tout`,
# `en stock`, `en ce moment`.
_OF_IT = word_keys("it them ko")
_EN_SUBJECTS = word_keys("il j on y nous vous tu ils")
_EN_VERBS = word_keys("reste restent ai a as avons avez ont")


def refers(typed: str) -> bool:
    """`typed` names a product by a pronoun (`il en reste`, `of them`, `ko`)."""
    keys = keys_of(typed)
    en = any(has_phrase(keys, (who, "en")) for who in _EN_SUBJECTS) or any(
        has_phrase(keys, ("en", verb)) for verb in _EN_VERBS
    )
    return en or any(k in _OF_IT for k in keys)


def referred(turn: Turn, typed: str) -> str | None:
    """The product just talked about, when `typed` names it by a pronoun only."""
    return turn.subject() if refers(typed) else None


def start(
    turn: Turn,
    action: Action,
    items: Sequence[ParsedIntent],
    typed: str,
    *,
    agreed: bool = False,
    then: str = "",
) -> None:
    """A new draft from the readings of a message (one per item, in the order written). A
    single line that names no product is about the product just talked about, if any (the
    confirmation names it, so nothing is recorded on that reading unless the manager agrees).
    An order `agreed` to with its quantity (`oui commande 20`) is placed without asking. `then`:
    what the message says of another movement, read once this one is done (`Draft.then`)."""
    single = len(items) == 1
    lines = tuple(new_line(turn, item, typed if single else item.text, action) for item in items)
    if single and lines[0].sku is None and not lines[0].candidates:
        lines = (_on_subject(turn, lines[0]),)
    elif not single:
        lines = tuple(_by_unit(turn, line) for line in lines)
    agreed = agreed and action == "restock" and all(line.quantity for line in lines)
    # `le client va prendre 2 riz et 3 savons`: every line told as a plan, asked if it was done
    planned = action in PLANNED and all(item.planned for item in items)
    reason = item_reasons(action, items, typed)[0] if items else reason_of(action, typed)
    draft = Draft(action, lines, agreed=agreed, reason=reason, planned=planned, then=then)
    advance(turn, draft)


def names_something(words: str, more: frozenset[str] = frozenset()) -> bool:
    """Whether `words` hold more than pronouns, amounts, units and function words (`j'en ai
    vendu 3`, `sold two bags`, `kiliyaan bi delloo na 1`), and `more`."""
    return any(
        k not in _REFERRING and k not in STOPWORDS and not _amount_word(k) and k not in more
        for k in keys_of(words)
    )


# Who brought the goods (`le fournisseur a livré 10 sacs`, `the truck dropped 5 cartons`): no
# product's words, as the command's words are not.
_BRINGERS = SUPPLIER_WORDS | word_keys(
    "livreur livreurs camion camions chauffeur chauffeurs transporteur truck driver drivers "
    "dropped brought came venu venus apporte apportes depose deposes"
)


def _on_subject(turn: Turn, line: Line) -> Line:
    """A line naming no product: the product just talked about, else one of the family just
    listed (`vendu 2` after `stock sucre`), else one of the products sold by the unit typed
    (`vendu 3 sachets`, `vendu 3 cubes` where bouillon is sold by the cube)."""
    if names_something(line.words, REASON_WORDS | _BRINGERS | KEYWORD_VOCABULARY | _units(turn)):
        return _one_listed(turn, line)  # words of a product: they are read as such
    subject = turn.subject()
    if subject is None:  # `vendu 2` after `stock sucre` listed the sugars: which of them
        everything = tuple(p.sku for p in turn.view.products)
        listed = _sold_by(turn, turn.listed() or everything, line.words)
        if len(listed) == 1:  # `vendu 2 paquets`: the one sugar counted in packets
            return replace(dozens_of_the_unit(turn, replace(line, sku=listed[0])), words="")
        every = listed == everything  # else every product, asked as such
        return replace(line, candidates=() if every else listed, words="")
    return replace(line, sku=subject, words="")


def _by_unit(turn: Turn, line: Line) -> Line:
    """A line of a count and a unit only among others (`reçu 2 huile 20l, 3 bidons`): of one of
    the products counted in that unit, asked among them."""
    if line.sku or line.candidates or names_something(line.words, _units(turn)):
        return line
    everything = tuple(p.sku for p in turn.view.products)
    sold = _sold_by(turn, everything, line.words)
    if len(sold) == 1:  # `vendu 2 voile, 3 bobines`: the thread, the one counted in bobines
        return replace(dozens_of_the_unit(turn, replace(line, sku=sold[0])), words="")
    return line if sold == everything else replace(line, candidates=sold)


def _units(turn: Turn) -> frozenset[str]:
    """The unit words of the shop: the usual ones and its products' units of sale."""
    matcher = turn.view.matcher
    return frozenset(matcher.unit_vocabulary) if matcher is not None else UNIT_WORDS


def _one_listed(turn: Turn, line: Line) -> Line:
    """`vendu 2 du grand`, `reçu 3 le 2e` right after a family was listed (`stock huile`): the
    one of them its words pick by size or place; else the line as it is."""
    listed = turn.listed()
    words = line.words
    if len(listed) < 2 or not (size_wish(words) or position(words, len(listed))):
        return line
    picked = Offered(listed, turn.view.matcher).pick(words)
    return replace(line, sku=picked[0], words="") if len(picked) == 1 else line


def _sold_by(turn: Turn, skus: tuple[str, ...], words: str) -> tuple[str, ...]:
    """Those of `skus` counted in a unit `words` names; all of them when it names none or
    none is counted so."""
    units = {canonical_unit(k) for k in keys_of(words) if k in _units(turn)}
    if not units:
        return skus
    kept = tuple(
        sku
        for sku in skus
        if (product := turn.product(sku)) is not None
        and any(canonical_unit(u) in units for u in (product.unit, product.unit_en) if u)
    )
    return kept or skus


def _amount_word(key: str) -> bool:
    return is_number_word(key) or key in UNIT_WORDS


def start_count(
    turn: Turn,
    counts: Sequence[Readings],
    text: str = "",
    *,
    change: bool = False,
    out: Reason | None = None,
    then: str = "",
) -> None:
    """`inventaire riz 30`, `j'ai compté 40 riz et 10 savon`: a line to set to its count for
    each product counted (`counts`: the readings of each, `count_line`; `text`: as typed).
    `change`: the numbers are changes from the stock (`inventaire riz 2 de plus`); `out`:
    why goods left, said so (`j'ai perdu 2 savons`, `retour fournisseur 2 savons`); `then`: as
    for `start`."""
    lines = count_lines(turn, counts, text, split=not change)
    if len(lines) == 1 and lines[0].sku is None and not lines[0].candidates:
        lines = (_on_subject(turn, lines[0]),)  # `j'ai perdu 3 bouteilles`: of which product?
    if change:
        lines = tuple(replace(line, quantity=None, change=line.quantity) for line in lines)
    advance(turn, Draft("count", lines, reason=out, then=then))


def from_stock(turn: Turn, action: str, line: Line, change: int) -> int | None:
    """The quantity `change` more (fewer, when negative) than the line's own (a count offered,
    a sale refused), else than the stock recorded, for a count (`inventaire riz 2 de plus`: 42
    → 44). None when there is neither, or it falls below zero."""
    product = turn.product(line.sku)
    if line.quantity is not None:
        base = line.quantity
    elif action == "count" and product is not None:
        base = product.quantity
    else:
        return None
    total = base + change
    return total if total >= 0 else None


def changed(turn: Turn, draft: Draft, index: int) -> Draft | None:
    """The draft with its line at `index` said relative (`Line.change`) set to its quantity
    (`from_stock`); None, the manager told to type the whole number, when that makes no sense
    (in another unit than the product's, below zero, nothing to count from)."""
    line = draft.lines[index]
    assert line.change is not None
    product = turn.product(line.sku)
    total = from_stock(turn, draft.action, line, line.change)
    if product is None or total is None or foreign(turn, line):
        if product is not None and line.quantity is None and draft.action == "count":
            stock = turn.amount(product.quantity, product.sku)
            if total is None and not foreign(turn, line) and asks_loss(draft):
                turn.reply(
                    Reply(say_above_stock(turn, product.sku, why=draft.wording))
                )  # 50 lost of 7 sacs
                return None
            if total is None and not foreign(turn, line):  # `riz 50 de moins` of 44 sacs
                turn.say("count_relative_below", name=product.name, quantity=stock)
                return None
        name = product.name if product is not None else line.shown
        turn.say("relative_unknown", unit=turn.units(line.sku or ""), name=name)
        return None
    return draft.with_line(index, replace(line, quantity=total, change=None, unit=None))


def count_lines(
    turn: Turn, counts: Sequence[Readings], text: str, *, split: bool = True
) -> tuple[Line, ...]:
    """The lines of the counts `text` lists. Without a separator (`compté riz 40 sucre 12`,
    `40 riz 12 sucre`) the one piece read is cut into one count per product when every part
    names a product of its own and keeps its count (`inventaire fer de 10 : 140` stays one);
    never when `split` is False (a change from the stock is of one product)."""
    lines = tuple(
        dozens_counted(turn, _spelled(count_line(turn, readings), text), text)
        for readings in counts
    )
    matcher = turn.view.matcher
    if len(counts) != 1 or matcher is None or not text or not split:
        return lines
    parts = [counts_of(turn, part) for part in matcher.counted_parts(text)]
    if len(parts) < 2 or any(len(part) != 1 for part in parts):
        return lines
    cut = tuple(_spelled(count_line(turn, part[0]), text) for part in parts)
    named = [frozenset([line.sku] if line.sku else line.candidates) for line in cut]
    if not all(named) or any(a & b for i, a in enumerate(named) for b in named[i + 1 :]):
        return lines  # a part naming nothing, or the same product twice: one count after all
    return cut


def _spelled(line: Line, text: str) -> Line:
    return replace(line, said=as_typed(text, line.words))


def counts_of(turn: Turn, text: str) -> tuple[Readings, ...]:
    """The counts `text` lists (`read_counts`), its numbers read with the catalogue's numbers of
    names (`fer 10 140`: 140 of Fer 10)."""
    matcher = turn.view.matcher
    return read_counts(
        text, name_numbers=matcher.name_numbers if matcher is not None else frozenset()
    )


def count_line(turn: Turn, readings: Readings) -> Line:
    """The line of one count. Each reading is (the words naming the product, the count); the
    first whose words name one product and whose other numbers are all of that product wins,
    else the first naming one product (in `inventaire fer de 10 : 140` the 10 names the bars,
    140 is the count; in `we counted 280 kg of fleur 11 seed` the 11 names the seed, 280 is the
    count)."""
    matcher = turn.view.matcher
    parsed = [
        (matcher.parse(words) if matcher is not None and words else None, words, counted)
        for words, counted in readings
    ]
    named = [
        (item, words, counted)
        for item, words, counted in parsed
        if item is not None and item.product is not None and turn.product(item.product)
    ]
    item, words, counted = next(
        (r for r in named if Offered([str(r[0].product)], matcher).holds_numbers(r[1])),
        named[0] if named else parsed[0],
    )
    # `compté 2 cartons de flag`, Flag counted in casiers: how many casiers, asked (`advance`)
    line = Line(quantity=counted, words=words, unit=unit_said(turn, words))
    if item is not None:
        line = replace(
            new_line(turn, item, "", "count"),
            quantity=counted,
            words=words,
            issue=None,
            unit=line.unit,
        )
    return line


def add_counts(turn: Turn, draft: Draft, words: str) -> bool:
    """`et savon 12` while a count waits for its yes: more lines (a product already counted
    there takes the new count), the whole offered again. Only when each count names a
    product (`et 12` is no line to add)."""
    counts = counts_of(turn, words)
    if not counts or not all(readings[0][0] for readings in counts):
        return False
    lines = list(draft.lines)
    for line in count_lines(turn, counts, words):
        same = next((i for i, old in enumerate(lines) if line.sku and old.sku == line.sku), None)
        if same is None:
            lines.append(line)
        else:
            lines[same] = line
    turn.answered()
    advance(turn, replace(draft, lines=tuple(lines)))
    return True


def new_line(turn: Turn, item: ParsedIntent, typed: str, action: Action) -> Line:
    sku = item.product if turn.product(item.product) else None
    candidates = tuple(s for s in item.candidates if turn.product(s))
    if sku is None and len(candidates) > 1:  # `ciment blan`: a descriptor with a typo narrows
        narrowed = Offered(candidates, turn.view.matcher).narrow(typed or item.text)
        if len(narrowed) == 1:
            sku = narrowed[0]
        else:
            candidates = narrowed
    if sku is None and len(candidates) == 1:
        sku = candidates[0]
    issue = item.quantity_issue if action in COUNTED else None
    quantity = item.quantity if issue is None and action in COUNTED else None
    unit = typed_unit(turn, typed, quantity)
    if heads_name(turn, (sku,) if sku else candidates, unit):
        unit = None  # `25 crayons de couleur 24`: its name, not the unit of Crayon HB
    if unit is None:  # `2 douzaines d'oeufs plateau`: 2 dozens, asked as trays
        quantity, unit = dozens_of_a_group(turn, sku, typed, quantity) or (
            eggs_by_the_dozen(turn, sku, typed, quantity) or (quantity, unit)
        )
    unit = unit or load_said(turn, typed, quantity)  # `2 camions de sable`
    converted = None
    total = held_as_typed(turn, sku, typed, quantity, unit)
    if total is not None and quantity is not None and unit is not None:
        converted, quantity, unit = (quantity, unit, total), total, None  # `2 cartons de 24`
    if quantity is None and issue is None and action in COUNTED:
        quantity, unit = measured(turn, sku, typed) or (None, None)  # `vendu 3 kg de riz`
        if quantity is None:  # `vendu 2 metres ruban`: 2 of Mètre ruban, counted in pièces
            quantity = measure_named(turn, sku, typed)
    words = product_words(typed) if typed else ""
    whole = action == "sale" and quantity is None and issue is None and bool(typed)
    if whole:  # `vendu tout le riz`, `sold all the coke`: the whole stock, once its product known
        offered = Offered((sku,) if sku else candidates, turn.view.matcher)
        whole = all_of_it(typed, names=offered.names)
    sized = size_typed(turn, typed, quantity, candidates) if sku is None else None
    if sized is not None and action == "sale" and _over_every_stock(turn, candidates, quantity):
        sku, quantity, sized = sized, None, None  # `vendu lait 400` of 20 and 10 left: the size
    return Line(
        sku=sku,
        quantity=quantity,
        candidates=candidates,
        words=words,
        # as typed, without the words around the product's (`le client a ramené 2 coca`,
        # `mon frère a vendu 2 huile`: « coca », « huile »), for the texts that quote it
        said=as_typed(typed, shown_words(words)) if words else "",
        issue=issue,
        unit=unit,
        whole=whole,
        sized=sized,
        converted=converted,
        guessed=sku is not None
        and item.score < CONFIDENT
        and not candidates
        and not Offered([sku], turn.view.matcher).describes_all(typed or item.text),
    )


def _over_every_stock(turn: Turn, skus: Sequence[str], quantity: int | None) -> bool:
    """Whether `quantity` is more than any of `skus` has in stock: no sale of that many."""
    products = [turn.product(sku) for sku in skus]
    return quantity is not None and all(p is not None and p.quantity < quantity for p in products)


def _awaited_one(turn: Turn, draft: Draft, line: Line) -> str | None:
    """An arrival of one line naming goods of several products (`j'ai reçu l'huile`) of which
    one only is awaited (an order open): that one, asked as its order (`ask_is_order`)."""
    if draft.action != "receipt" or len(draft.lines) != 1 or draft.order_id is not None:
        return None
    if line.quantity is None or turn.ctx.get("not_order"):
        return None
    awaited = [s for s in line.candidates if (p := turn.product(s)) and p.order_id is not None]
    return awaited[0] if len(awaited) == 1 else None


def far_above(quantity: int, usual: int | None) -> bool:
    """Whether `quantity` is large and over ten times what usually moves at a time (`usual`;
    None when nothing is known): checked with the manager before it is recorded."""
    return quantity > LARGE and (usual is None or quantity > 10 * usual)


def advance(turn: Turn, draft: Draft, paces: Mapping[str, Pace] | None = None) -> None:
    """Ask about the first line that needs something; when none does, confirm (or answer).

    A stock answer, and a quantity over `LARGE`, need the products' pace first (`paces`): it
    is asked for (`FindPace`) and the draft settled again with it (`paced`). A stock question
    naming a family (`stock ciment`) is answered for each of its products, not asked about."""
    if draft.action == "stock":
        draft = _families(turn, draft)
    for index, line in enumerate(draft.lines):
        if line.sku is None and (ordered := _awaited_one(turn, draft, line)) is not None:
            advance(turn, draft.with_line(index, replace(line, sku=ordered, guessed=False)), paces)
            turn.ctx[AWAITED] = True  # « est-ce la commande n°2 ? »: a no asks which product
            return
        if line.sku is None:
            ask_product(turn, draft, index)
            return
        if line.guessed and not line.checked and not _read_only_guess(turn, draft, line):
            ask_guess(turn, draft, index)
            return
        if draft.action not in COUNTED:
            continue
        product = turn.product(line.sku)
        assert product is not None
        if asks_loss(draft) and line.change is None and line.quantity == 0 >= product.quantity:
            # `tout le lait a tourné`, `renvoyé tout le lait au fournisseur`, none in stock
            turn.say(f"{draft.wording}_out", name=product.name)
            turn.finish()
            if draft.then:  # the other movement of the message is asked all the same
                turn.replay = draft.then
            return
        if line.issue is not None:
            turn.say_problem(ISSUE_KEYS.get(line.issue, "quantity_invalid"))
            ask_quantity(turn, draft, index)
            return
        if line.change is not None:
            if _lost_in_other_unit(turn, draft, line):
                # `3 bouteilles cassées` of a beer counted in casiers: how many casiers they
                # make is asked, as for a sale; the answer is the amount lost
                lost = replace(line, quantity=-line.change, change=None)
                ask_unit(turn, draft.with_line(index, lost), index)
                return
            settled = changed(turn, draft, index)
            if settled is None:
                draft = draft.with_line(index, replace(line, quantity=None, change=None))
                ask_quantity(turn, draft, index)
                return
            advance(turn, settled, paces)  # the line now as any count
            return
        if _takes_stock(line, draft.action):
            if product.quantity <= 0:  # nothing to sell: said so, as for any sale of it
                ask_quantity(turn, draft, index, refused=True)
                return
            # `vendu tout le riz`: its stock (the new product's, when another was chosen)
            whole = replace(line, quantity=product.quantity, stock_of=line.sku)
            advance(turn, draft.with_line(index, whole), paces)  # the line now as any sale
            return
        if line.quantity is None:
            if draft.action == "restock":
                draft = draft.with_line(index, replace(line, quantity=product.reorder_quantity))
                continue
            ask_quantity(turn, draft, index)
            return
        sold = draft.action == "sale" and not line.returned  # goods brought back come in
        out = sold and product.quantity <= 0  # refused whatever the unit
        if line.unit is not None and not out:  # `10 cartons` of milk counted in boîtes: in boîtes?
            made = held_by_name(turn, line) if foreign(turn, line) else line.quantity
            kin = kin_counted_in(turn, line) if made is None else None
            if kin is not None:  # `vendu 5 m fil 2.5`: the wire sold by the metre
                kin_line = replace(line, sku=kin, candidates=(), unit=None, guessed=False)
                advance(turn, draft.with_line(index, kin_line), paces)
                return
            if made is None:
                ask_unit(turn, draft, index)
                return
            draft = draft.with_line(index, replace(line, quantity=made, unit=None))
            if made != line.quantity:  # `24 bouteilles` of a « pack de 24 »: 1 pack, as typed
                advance(turn, draft, paces)
                return
        if sold and line.quantity > _left_to_sell(turn, draft, line.sku):
            ask_quantity(turn, draft, index, refused=True)
            return
        if line.quantity > LARGE and not line.checked and not _whole_stock(line, product):
            if paces is None:
                turn.settle(FindPace((line.sku,)), then="draft", draft=draft.to_dict())
                return
            usual = paces[line.sku].usual_max if line.sku in paces else None
            if usual is None:  # no movement for 30 days: what the store orders at a time
                usual = product.reorder_quantity or None
            if draft.action == "count":  # a count far above the stock and what moves at a time
                usual = max(usual or 0, product.quantity) or None
            if far_above(line.quantity, usual):
                ask_large(turn, draft, index)
                return
    if draft.action == "stock":  # several products: one message
        skus = tuple(dict.fromkeys(draft.skus))
        if paces is None:
            turn.settle(FindPace(skus), then="draft", draft=draft.to_dict())
            return
        turn.answered()
        turn.finish()
        turn.reply(Reply(_stock_answer(turn, draft, paces)))
        turn.note_subject(skus)
        if draft.then:  # `stock riz et vendu 2 huile`: the sale is asked next, as announced
            turn.replay = draft.then
        return
    if draft.action == "receipt" and draft.order_id is None and len(draft.lines) == 1:
        product = turn.product(draft.lines[0].sku)
        if product is not None and product.order_id is not None and not turn.ctx.get("not_order"):
            ask_is_order(turn, draft)
            return
    confirm(turn, draft)


def _takes_stock(line: Line, action: str) -> bool:
    """A sale's line of the whole stock whose amount is not yet its product's stock: none yet,
    or another product's (`non c'est le riz parfumé` under a sale of all the rice)."""
    if not line.whole or action != "sale" or line.sku is None:
        return False
    return line.quantity is None or (line.stock_of is not None and line.stock_of != line.sku)


def _whole_stock(line: Line, product: ProductView) -> bool:
    """A line of the whole stock said without a number, still the stock (no typo to check)."""
    return line.whole and line.stock_of == product.sku and line.quantity == product.quantity


def _left_to_sell(turn: Turn, draft: Draft, sku: str) -> int:
    """The stock of `sku` a sale may take: what the store holds, and what the customer brings
    back of it in the same draft (`échangé 1 riz contre 1 riz`: the one back is sold again)."""
    product = turn.product(sku)
    held = product.quantity if product is not None else 0
    return held + sum(
        line.quantity or 0 for line in draft.lines if line.returned and line.sku == sku
    )


def _lost_in_other_unit(turn: Turn, draft: Draft, line: Line) -> bool:
    """Whether `line` is an amount lost typed in another unit than its product's (`j'ai perdu
    3 bouteilles` of a product counted in casiers)."""
    return (
        asks_loss(draft)
        and line.change is not None
        and line.change < 0
        and line.unit is not None
        and foreign(turn, line)
    )


def _read_only_guess(turn: Turn, draft: Draft, line: Line) -> bool:
    """A stock question whose words are a typo of one product's and of no other's (`stock
    sucr`): answered at once, saying what was understood, since a wrong guess costs nothing
    there. A sale, a delivery, an order or a count still asks "Vouliez-vous dire … ?"."""
    matcher = turn.view.matcher
    if draft.action != "stock" or matcher is None or line.sku is None or not line.words:
        return False
    if not Offered([line.sku], matcher).resembles_all(line.words):
        return False
    others = [sku for sku in matcher.suggest(line.words, 2) if sku != line.sku]
    return not any(Offered([sku], matcher).resembles_all(line.words) for sku in others)


def _families(turn: Turn, draft: Draft) -> Draft:
    """Each stock line naming several products (`stock tôle`) becomes a line per product, the
    closest first, at most `FAMILY_SHOWN` (`FAMILY_SHOWN - 1` and a hint when more match)."""
    lines: list[Line] = []
    split = False
    for line in draft.lines:
        if line.sku is not None and not line.family and not line.guessed:
            together = packed_together(turn, line.sku, line.words)
            if together:  # `stock savon dermo`: the pieces and the cartons
                line = replace(line, sku=None, candidates=(line.sku, *together))
        family = [s for s in line.candidates if turn.product(s)] if line.sku is None else []
        if len(family) < 2:
            lines.append(line)
            continue
        split = True
        ranked = Offered(family, turn.view.matcher).ranked(line.words)
        shown = ranked if len(ranked) <= FAMILY_SHOWN else ranked[: FAMILY_SHOWN - 1]
        lines += [Line(sku=sku, candidates=ranked, words=line.words, family=True) for sku in shown]
    return replace(draft, lines=tuple(lines)) if split else draft


def _stock_answer(turn: Turn, draft: Draft, paces: Mapping[str, Pace]) -> str:
    """One message: a product's stock, or a family's one line each, with the cover."""
    texts: list[str] = []
    family: list[str] = []  # the lines of the family being listed
    done: set[str] = set()
    for index, line in enumerate(draft.lines):
        product = turn.product(line.sku)
        if product is None or line.sku in done:
            continue
        done.add(product.sku)
        pace = paces.get(product.sku)
        per_day = pace.per_day if pace is not None else None
        cover = cover_text(turn.lang, product.quantity, per_day, product.unit, product.unit_en)
        if not line.family:
            shown = stock_text(turn.lang, product)
            if line.guessed and not line.checked:  # `stock sucr`: answered for the guess
                shown = turn.t("understood", typed=line.words, name=product.name) + "\n" + shown
            texts.append(f"{shown}\n{cover}" if cover else shown)
            continue
        family.append(family_line(turn.lang, product, cover))
        following = draft.lines[index + 1] if index + 1 < len(draft.lines) else None
        if following is None or not following.family or following.candidates != line.candidates:
            rest = [s for s in line.candidates if s not in done]
            if rest:
                family.append(
                    turn.t("stock_family_more", count=len(rest), example=turn.name(rest[0]))
                )
            texts.append("\n".join(family))
            family = []
    return "\n\n".join(texts)


def ask(
    turn: Turn, state: State, draft: Draft, ask: str, reply: Reply, token: str, **more: object
) -> None:
    turn.ask(state, reply, flow=FLOW, token=token, draft=draft.to_dict(), ask=ask, **more)


def _prefix(turn: Turn, draft: Draft, index: int) -> str:
    """ "Ligne 2 (sucre) : " when a draft has several lines, else ""."""
    if len(draft.lines) < 2:
        return ""
    line = draft.lines[index]
    what = line_label(turn, line, draft.action)
    return turn.t("line_prefix", number=index + 1, what=what)


def ask_product_for(turn: Turn, draft: Draft, body: str, *, yes_orders_all: bool = False) -> None:
    """Offer the candidates of the draft's only line under the text of key `body`
    (`alerts_order`: `Commander maintenant ?`); `yes_orders_all`: a yes to it is an order of
    every product offered."""
    ask_product(turn, draft, 0, body_key=body)
    if yes_orders_all:
        turn.ctx[ORDER_ALL] = turn.ctx.get("token")


def offers_order(turn: Turn) -> bool:
    """Whether the question waiting is « Commander maintenant ? » under the products to reorder
    (`ALERTES`): a yes or a no answers it (`ask_product_for`)."""
    token = turn.ctx.get("token")
    return turn.flow == FLOW and token is not None and turn.ctx.get(ORDER_ALL) == token


def ask_product(turn: Turn, draft: Draft, index: int, *, body_key: str | None = None) -> None:
    line = draft.lines[index]
    matcher = turn.view.matcher
    offer = [s for s in line.candidates if turn.product(s)]
    anything = False
    body: str | None = None
    sized = sized_pick(turn, line) if offer and body_key is None else None
    if sized is not None:  # `vendu huile 20`: 20 of which oil, or the 20 L one?
        body = turn.t("which_product_or_size", number=line.quantity, name=turn.name(sized))
    elif offer:
        body = turn.t(body_key or "which_product")
    elif line.words and matcher is not None:
        offer = [s for s in matcher.suggest(line.words, 3) if turn.product(s)]
        shown = shorten(typed_words(line, draft.action), 40)
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
    ask(
        turn,
        State.AWAITING_PRODUCT,
        draft,
        PRODUCT,
        reply,
        token,
        line=index,
        offer=offer,
        anything=anything,
        body=body_key,
    )


def ask_guess(turn: Turn, draft: Draft, index: int) -> None:
    line = draft.lines[index]
    assert line.sku is not None
    token = turn.new_token()
    if len(draft.lines) == 1:
        guess = _command_text(turn, draft.action, line.sku, line.quantity)
    else:
        guess = turn.name(line.sku)
    body = _prefix(turn, draft, index) + turn.t("did_you_mean", guess=guess)
    reply = Reply(body, buttons=turn.yes_no("move", token))
    ask(turn, State.AWAITING_CONFIRMATION, draft, GUESS, reply, token, line=index)


def _command_text(turn: Turn, action: str, sku: str, quantity: int | None) -> str:
    """The command that does `action` again: `VENTE Riz brisé 50kg 3`."""
    words = [turn.t(f"verb_{action}"), turn.name(sku)]
    if quantity:
        words.append(str(quantity))
    return " ".join(words)


def ask_quantity(
    turn: Turn, draft: Draft, index: int, *, refused: bool = False, again: bool = False
) -> None:
    """How many; `refused`: a sale over the stock (how many, of what is left; said twice, the
    stock may be wrong: `ask_oversold`, unless it is this question `again`)."""
    line = draft.lines[index]
    assert line.sku is not None
    product = turn.product(line.sku)
    assert product is not None
    token = turn.new_token()
    units = turn.units(line.sku)
    if refused:
        if product.quantity > 0 and turn.ctx.get("over") == line.sku and not again:
            ask_oversold(turn, draft, index)  # the stock was said twice: it may be wrong
            return
        if product.quantity <= 0:
            turn.say("sale_refused_out", name=product.name)
            rest = draft.without_line(index)
            if not rest.lines:
                turn.finish()
                return
            turn.answered()  # the other lines go on: this one is said to be left out
            advance(turn, rest)
            return
        body = turn.t(
            "sale_too_many",
            available=turn.amount(product.quantity, line.sku),
            name=product.name,
            unit=units,
        )
    elif draft.action == "count" and asks_loss(draft):  # `Modifier` under a loss: how many lost
        body = turn.t(f"{draft.wording}_how_many", unit=units, name=product.name)
    elif draft.action == "count" and len(draft.lines) > 1:  # "Ligne 2 (Sucre …) : " names it
        body = turn.t("count_how_many_line", unit=units)
    elif draft.action == "count":
        body = turn.t("count_how_many", unit=units, name=product.name)
    elif len(draft.lines) > 1:  # "Ligne 2 (Café Touba 250g) : " names it
        body = turn.t("how_many", unit=units)
    else:
        body = turn.t("how_many_of", unit=units, name=product.name)
    reply = Reply(_prefix(turn, draft, index) + body)
    over = line.sku if refused else None
    ask(turn, State.AWAITING_QUANTITY, draft, QUANTITY, reply, token, line=index, over=over)


def ask_oversold(turn: Turn, draft: Draft, index: int) -> None:
    """A sale over the stock typed again (or a yes to "Il ne reste que 2…"): the stock noted
    may be wrong (an arrival not recorded). [Vendre 2] [Compter le stock] [Annuler], rather than
    the same question again and again."""
    line = draft.lines[index]
    assert line.sku is not None and line.quantity is not None
    product = turn.product(line.sku)
    assert product is not None
    token = turn.new_token()
    body = turn.t(
        "sale_oversold",
        available=turn.amount(product.quantity, line.sku),
        name=product.name,
        quantity=turn.amount(line.quantity, line.sku),
    )
    choices = (
        Choice(choice_id("move", token, "all"), turn.t("button_sell_left", n=product.quantity)),
        Choice(choice_id("move", token, "count"), turn.t("button_count_stock")),
        Choice(choice_id("move", token, "no"), turn.t("button_cancel")),
    )
    reply = Reply(_prefix(turn, draft, index) + body, buttons=choices)
    ask(turn, State.AWAITING_CONFIRMATION, draft, OVERSOLD, reply, token, line=index)


def ask_unit(turn: Turn, draft: Draft, index: int) -> None:
    """ "10 cartons de Lait en poudre 400g, ça fait combien de boîtes ?": the answer is the
    quantity, as to "Combien ?"."""
    line = draft.lines[index]
    assert line.sku is not None and line.quantity is not None and line.unit is not None
    token = turn.new_token()
    body = turn.t(
        "unit_how_many_line" if len(draft.lines) > 1 else "unit_how_many",  # the prefix names it
        quantity=typed_amount(turn.lang, line.quantity, line.unit),
        name=turn.name(line.sku),
        unit=turn.units(line.sku),
    )
    reply = Reply(_prefix(turn, draft, index) + body)
    ask(turn, State.AWAITING_QUANTITY, draft, UNIT, reply, token, line=index)


def ask_large(turn: Turn, draft: Draft, index: int) -> None:
    """ "100 000 sacs de riz, c'est beaucoup : vous confirmez ?" [Oui] [Non]."""
    line = draft.lines[index]
    assert line.sku is not None and line.quantity is not None
    token = turn.new_token()
    product = turn.product(line.sku)
    body = turn.t(
        "large_count" if draft.action == "count" else "large_quantity",
        quantity=turn.amount(line.quantity, line.sku),
        name=turn.name(line.sku),
        before=turn.amount(product.quantity if product is not None else 0, line.sku),
    )
    reply = Reply(body, buttons=turn.yes_no("move", token))
    ask(turn, State.AWAITING_CONFIRMATION, draft, LARGE_CHECK, reply, token, line=index)


def paced(turn: Turn, event: PaceFound, memo: Mapping[str, Any]) -> None:
    """The paces asked for by `advance`: settle the draft again with them."""
    draft = Draft.from_dict(memo.get("draft") or {})
    if draft is None:
        return
    advance(turn, draft, {pace.sku: pace for pace in event.paces})


def ask_is_order(turn: Turn, draft: Draft) -> None:
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
    ask(turn, State.AWAITING_CONFIRMATION, draft, IS_ORDER, reply, token, order_id=product.order_id)


def confirm(turn: Turn, draft: Draft) -> None:
    """Ask yes before doing the draft; done at once when the manager already agreed to the same
    command (an order whose product has another on its way is asked: that is news)."""
    on_its_way = draft.action == "restock" and _on_its_way(turn, draft)
    if draft.agreed and not on_its_way and not draft.planned:  # a plan: was it done, asked
        record(turn, draft)
        return
    token = turn.new_token()
    lines = [(line.sku, line.quantity) for line in draft.lines]
    assert all(sku and quantity is not None for sku, quantity in lines)
    pairs = [(str(sku), int(quantity or 0)) for sku, quantity in lines]
    turn.note_subject([sku for sku, _ in pairs])  # what `add 10` is about, declined or not
    loss = said_lost(turn, draft)
    if draft.wording == "exchange":  # "Enregistrer le retour client de … et la vente de … ?"
        back = [(str(line.sku), int(line.quantity or 0)) for line in draft.lines if line.returned]
        sold = [
            (str(line.sku), int(line.quantity or 0)) for line in draft.lines if not line.returned
        ]
        body = turn.t("confirm_exchange", back=turn.lines_text(back), sold=turn.lines_text(sold))
    elif loss is not None:  # `j'ai perdu 2 savons`: "Enregistrer la perte de 2 cartons … ?"
        body = turn.t(f"confirm_{draft.wording}", **loss)
    elif draft.action == "count":
        body = "\n".join(_count_line(turn, sku, counted) for sku, counted in pairs)
        body += "\n" + turn.t("confirm_count")
    elif len(pairs) == 1:
        sku, quantity = pairs[0]
        name = turn.name(sku)
        product = turn.product(sku)
        if product is not None and _whole_stock(draft.lines[0], product):
            name += turn.t("whole_stock")  # « … de Riz brisé 50kg (tout le stock) ? »
        body = turn.t(f"confirm_{draft.wording}", quantity=turn.amount(quantity, sku), name=name)
    else:
        body = turn.t(f"confirm_{draft.wording}_many", lines=turn.lines_text(pairs))
    if draft.action == "restock":  # no second order unawares
        for sku, _ in pairs:
            product = turn.product(sku)
            if product is not None and product.order_id is not None:
                left = product.order_quantity - product.order_received
                body += "\n" + turn.t(
                    "order_pending", order=product.order_id, quantity=turn.amount(left, sku)
                )
    if draft.planned:  # `le client va prendre 2 riz`: done already, or only to come?
        body = turn.t(f"planned_{draft.action}") + "\n" + body
    middle = "other" if draft.action == "restock" and len(pairs) == 1 else "edit"
    reply = Reply(body, buttons=turn.yes_no("move", token, middle=middle))
    ask(turn, State.AWAITING_CONFIRMATION, draft, CONFIRM, reply, token)


def asks_confirmation(turn: Turn) -> bool:
    """Whether the question waiting is this flow's last one: record the draft, yes or no."""
    return turn.flow == FLOW and turn.ctx.get("ask") == CONFIRM


def rewording(turn: Turn) -> Callable[[], None] | None:
    """How the question waiting is asked, from the draft and what it asks (`ask`, `line`), for
    `Turn.reword_question`; None when it is not one of these."""
    draft = turn.draft
    asked = turn.ctx.get("ask")
    index = int(turn.ctx.get("line") or 0)
    if draft is None or not 0 <= index < len(draft.lines):
        return None
    if any(sku and turn.product(sku) is None for sku in draft.skus):
        return None  # a product gone from the catalogue: the question is another now
    body = turn.ctx.get("body")
    builds: dict[str, Callable[[], None]] = {
        PRODUCT: lambda: ask_product(turn, draft, index, body_key=str(body) if body else None),
        GUESS: lambda: ask_guess(turn, draft, index),
        QUANTITY: lambda: ask_quantity(
            turn, draft, index, refused=bool(turn.ctx.get("over")), again=True
        ),
        OVERSOLD: lambda: ask_oversold(turn, draft, index),
        UNIT: lambda: ask_unit(turn, draft, index),
        LARGE_CHECK: lambda: ask_large(turn, draft, index),
        IS_ORDER: lambda: ask_is_order(turn, draft),
        CONFIRM: lambda: confirm(turn, draft),
    }
    return builds.get(str(asked))


def _on_its_way(turn: Turn, draft: Draft) -> bool:
    return any(
        (product := turn.product(sku)) is not None and product.order_id is not None
        for sku in draft.skus
    )


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


def asks_stock(reading: Reading) -> bool:
    return says_stock(reading.text)


def says_stock(text: str) -> bool:
    """Whether a stock word is typed (`stock`, `combien`, `reste`, `naata`)."""
    return any(k in STOCK_WORDS for k in keys_of(text))
