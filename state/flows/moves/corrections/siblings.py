"""The products near a line's — sharing the words of its name, or its candidates — and the one a
correction names among them: `l'autre`, `le 12`, `c'est le bidon`, `le 25kg`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from intents import ParsedIntent
from intents.answers import Correction, correction, keys_of, size_wish
from intents.normalize import spelled_initial, word_key
from intents.quantity_units import counts_in
from intents.units import UNIT_WORDS
from intents.word_pairs import counterparts
from state.drafts import Draft, Line
from state.flows.moves.packs import name_words
from state.flows.moves.settle import advance
from state.matching import Offered
from state.turn import Turn


def sibling_by_unit(turn: Turn, draft: Draft, text: str) -> bool:
    """`c'est le bidon` under "5 flacons d'Herbicide glyphosate 1L" (unit words and nothing
    else that corrects): the sibling sold by that unit, or named with it, with the same
    quantity; False when no single other product is."""
    units = " ".join(k for k in keys_of(text) if k in UNIT_WORDS)
    line = draft.lines[0]
    if not units or len(draft.lines) != 1 or line.sku is None:
        return False
    picked = Offered([line.sku, *siblings_of(turn, line)], turn.view.matcher).pick(units)
    if len(picked) != 1 or picked[0] == line.sku:
        return False
    turn.answered()
    advance(turn, draft.with_line(0, replace(line, sku=picked[0], candidates=(), guessed=False)))
    return True


def siblings_of(turn: Turn, line: Line) -> tuple[str, ...]:
    """The other products nearest the line's (`l'autre` when the product was named outright):
    of those whose name starts with the same word, when there are any (the same thing: `Sucre
    morceaux 1kg` for `Sucre en poudre 50kg`, not `Lait en poudre 400g`), those sharing the most
    words of its name (`Lait corporel Nivea 250ml` for the 400ml, not `Lait corporel Carotte`)."""
    if not line.sku:
        return ()
    words = name_words(turn, line.sku)
    alike = _alike(turn, line.sku)
    shared = {sku: len(set(words) & set(name_words(turn, sku))) for sku in alike}
    most = max(shared.values(), default=0)
    return tuple(sku for sku, count in shared.items() if most and count == most)


def _alike(turn: Turn, sku: str) -> list[str]:
    """The other products whose name starts with the same word as `sku`'s, else all others."""
    words = name_words(turn, sku)
    head = words[0] if words else None
    others = [p.sku for p in turn.view.products if p.sku != sku]
    return [other for other in others if name_words(turn, other)[:1] == [head]] or others


def sibling_named(turn: Turn, sku: str, text: str) -> str | None:
    """The product near `sku` a correction with no amount names (`non le 5l`, `la grande`,
    `non l'autre` right after 4 of Huile Jadida 1L): by a size or a word among those whose name
    starts as its own, `l'autre` when one is nearest; None when it names none, or several."""
    found = correction(text)
    if found is None or found.quantity is not None:
        return None
    if found.other:
        near = siblings_of(turn, Line(sku=sku))
        return near[0] if len(near) == 1 else None
    if not found.rest and size_wish(text) is None:
        return None
    picked = Offered([sku, *_alike(turn, sku)], turn.view.matcher).pick(found.rest or text)
    if len(picked) > 1:  # `non le L` after a white T-shirt M: the white L, not the black L
        own = set(name_words(turn, sku))
        shared = {other: len(own & set(name_words(turn, other))) for other in picked}
        picked = tuple(other for other in picked if shared[other] == max(shared.values()))
    return picked[0] if len(picked) == 1 and picked[0] != sku else None


def sibling_among(turn: Turn, sku: str, text: str, items: Sequence[ParsedIntent]) -> str | None:
    """The product near `sku` a correction names (`sibling_named`) when its words, read as a
    command (`items`), name no one product: `non le noir` right after white thread is the black
    thread, though the black voile is black too; None when they name one product, or the near
    one is none of those they may be."""
    if any(item.product for item in items):
        return None
    near = sibling_named(turn, sku, text)
    named = {candidate for item in items for candidate in item.candidates}
    return near if near is not None and (not named or near in named) else None


def resized_sibling(turn: Turn, line: Line, found: Correction) -> Line | None:
    """`pas le 8, le 12`: when the wrong number is not the line's quantity but names its product
    by size among its siblings, and the right one names one sibling, the line on that sibling."""
    if found.was is None or found.quantity is None or line.sku is None:
        return None
    if found.was == line.quantity:
        return None
    offered = Offered([line.sku, *siblings_of(turn, line)], turn.view.matcher)
    if _by_number(offered, found.was) != (line.sku,):
        return None
    picked = _by_number(offered, found.quantity)
    if len(picked) != 1 or picked[0] == line.sku:
        return None
    return replace(line, sku=picked[0], candidates=(), guessed=False)


def _by_number(offered: Offered, number: int) -> tuple[str, ...]:
    """The offered products `number` names: by a size or a bare number of their names first
    (`3` of Couches taille 3 among three products is the size, not the third), else by `pick`."""
    return offered.sized(number) or offered.numbered(number) or offered.pick(str(number))


def sibling_meant(turn: Turn, sku: str, quantity: int, found: Correction) -> str | None:
    """The sibling of `sku` (`quantity` of it recorded) a correction's numbers name rather than
    count (`c'est le 32 pas le 40` after 5 of Tuyau PVC 40: the 32 pipe), or None."""
    line = Line(sku=sku, quantity=quantity)
    meant = resized_sibling(turn, line, found) or sized_sibling(turn, line, found)
    return meant.sku if meant is not None and meant.sku != sku else None


def sized_sibling(turn: Turn, line: Line, found: Correction) -> Line | None:
    """`non le 15` under "2 pièces d'Arrosoir 10L", `plutôt le 32` under "5 barres de Tuyau PVC
    40": a number after an article that is the size of one sibling, or else a bare number of its
    name, names it (the 15 L can, the 32 pipe), not a quantity; `non 15`, `c'est 15` stay
    counts. A number after the word it follows in a sibling's name names it too (`non taille 4`
    under "2 paquets de Couches taille 3": the size 4 diapers, not 4 packets)."""
    if found.quantity is None or line.sku is None:
        return None
    matcher = turn.view.matcher
    words = (found.before, *counterparts(found.before)) if found.before else ()
    if matcher is not None:  # `non t4`: the word of the names the letter stands for
        spelled = spelled_initial(found.before, str(found.quantity), matcher.name_numbers)
        words += (spelled,) if spelled else ()
    named = matcher is not None and any(
        (word, str(found.quantity)) in matcher.name_numbers for word in words
    )  # `no size 5` of Couches taille 5 too
    near = [line.sku, *siblings_of(turn, line)]
    if found.after and not named:  # `non 100 pages` under Cahier 200 pages: Cahier 100 pages
        named = any(_followed(turn, sku, found.quantity, found.after) for sku in near)
    if not (found.sized or named):
        return None
    offered = Offered(near, matcher)
    picked = offered.sized(found.quantity) or offered.numbered(found.quantity)
    if len(picked) != 1 or picked[0] == line.sku:
        return None
    return replace(line, sku=picked[0], candidates=(), guessed=False)


def _followed(turn: Turn, sku: str, number: int, word: str) -> bool:
    """Whether `number` is followed by `word` in the product's name (100 `pages` in "Cahier 100
    pages"): said together, they name it rather than count."""
    keys = keys_of(turn.name(sku))
    return any(a == str(number) and b == word for a, b in zip(keys, keys[1:], strict=False))


def sized_itself(turn: Turn, line: Line, found: Correction) -> bool:
    """`le 500` under "2 boîtes de Paracétamol 500mg", `c'est la 45` under the 45Ah battery: a
    number after an article that is the size (or a bare number of the name) of the line's own
    product, alone among its siblings, names it: no count."""
    if not found.sized or found.quantity is None or line.sku is None:
        return False
    if found.quantity == line.quantity:
        return False  # `non le 5` under 5 of it: the count said again
    offered = Offered([line.sku, *siblings_of(turn, line)], turn.view.matcher)
    return (offered.sized(found.quantity) or offered.numbered(found.quantity)) == (line.sku,)


def packed_sibling(turn: Turn, line: Line, unit: str | None) -> str | None:
    """The one product near the line's that is its goods packed in `unit`, a unit the line's own
    product is not counted in: counted in it and naming it (`non c'est 3 cartons` under "3
    pièces de Savon Dermo 125g": Savon Dermo carton); None when there is not exactly one."""
    matcher = turn.view.matcher
    if matcher is None or line.sku is None or unit is None:
        return None
    near = (set(line.candidates) | set(siblings_of(turn, line))) - {line.sku}
    packed = [
        p.sku
        for p in matcher.products
        if p.sku in near and counts_in(p, unit) and word_key(unit) in keys_of(p.name)
    ]
    return packed[0] if len(packed) == 1 else None


def is_near(turn: Turn, line: Line, products: Sequence[str]) -> bool:
    """Whether `products` may be what `line` meant: among its candidates, or sharing a word of
    its name."""
    if set(line.candidates) & set(products):
        return True
    if not line.sku:
        return False
    words = set(name_words(turn, line.sku))
    return any(words.intersection(name_words(turn, sku)) for sku in products if sku != line.sku)


def products_named(turn: Turn, words: str, draft: Draft | None = None) -> tuple[str, ...]:
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
    own = {line.sku for line in draft.lines}
    # The same thing first (`non le petit` under the big sugar: the small sugar, not the milk
    # powder that shares « poudre »), then anything sharing a word with it.
    siblings = own.union(*(siblings_of(turn, line) for line in draft.lines))
    near = [
        p.sku
        for p in turn.view.products
        if p.sku in own or any(is_near(turn, line, [p.sku]) for line in draft.lines)
    ]
    for pool in ([p.sku for p in turn.view.products if p.sku in siblings], near):
        picked = Offered(pool, matcher).pick(words) if pool else ()
        if picked:
            return picked
    return ()
