"""IntentMatcher: one message in, one :class:`ParsedIntent` out, by the guide's precedence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial

from intents.because import before_reason
from intents.catalog import ProductIndex, alias_keys
from intents.coverage import PARTIAL
from intents.cue_phrases import FINISHED_WORDS
from intents.cue_words import EDIT_WORDS
from intents.fuzzy import FuzzyVocabulary, truncated_first
from intents.item_verbs import (
    borrowed_verb,
    courtesy_positions,
    customer_of,
    customer_takes,
    has_content,
    verb_of,
)
from intents.items import counted_cuts, single_item, split_items
from intents.keywords import (
    KEYWORD_VOCABULARY,
    PHRASE_WORDS,
    SINGLE_WORD_CUES,
    STOPWORDS,
    TYPING_VERBS,
    Cue,
    Cues,
    correctable_keywords,
    detect_cues,
    extends_keyword,
)
from intents.missing import tells_missing
from intents.models import PRODUCT_INTENTS, QUANTITY_INTENTS, Intent, ParsedIntent, Product
from intents.normalize import (
    MAX_CHARS,
    NameNumbers,
    Token,
    is_decimal,
    is_number,
    is_size,
    size_unit,
    tokenize,
    wolof_respelling,
    word_key,
)
from intents.numbers import (
    DOZEN_WORDS,
    FRACTION_WORDS,
    NUMBER_WORDS,
    VAGUE_WORDS,
    Quantity,
    code_positions,
    find_quantity,
    is_number_word,
    is_numeric,
    ordinal_digits,
)
from intents.owned import named_alone
from intents.people import people_positions
from intents.plans import tells_plan
from intents.precedence import Reading, decide, only_numbers, small_talk_about
from intents.remarks import tells_remark
from intents.second_thoughts import without_replaced
from intents.sounds import by_sound, sound, unglued
from intents.stopwords import LINK_WORDS
from intents.units import UNITS, canonical_unit
from intents.word_pairs import counterparts

# The keys of a message, the unknown words that may be product typos, and its cues.
_CuePass = tuple[list[str], frozenset[int], Cues]
_NUMBER_JOINERS = frozenset({"et", "and", "ak"})
_NAME_LINKS = frozenset({"de", "d", "of"})  # `fer de 10`: the number of a name after "de"
_GROUPED = re.compile(r"\s*\d{1,3}[ \u00a0\u202f]\d{3}(?!\d)")  # `3 750`: thousands, or two numbers
_ELIDED = frozenset({"d", "l"})  # `driz`, `lhuile`: d' and l' typed without the apostrophe
# Wolof person markers glued to the verb before them (`jotna`, `agsina`, `desna`, `yokknaa`).
_WOLOF_PERSONS = ("nanu", "naa", "na")
_GLUED_VERBS = KEYWORD_VOCABULARY | {"des"}  # `des` (remains) is read before `na` only
_SPELLED_AS_HEARD = frozenset({Cue.SELL, Cue.RECEIVE, Cue.ORDER, Cue.STOCK, Cue.CANCEL, Cue.LOW})


def own_copy(parsed: ParsedIntent) -> ParsedIntent:
    """`parsed` with a list of candidates of its own (the caller may change it); field by field,
    a third of what `dataclasses.replace` costs (three readings of every message)."""
    return ParsedIntent(
        parsed.intent,
        parsed.product,
        list(parsed.candidates),
        parsed.quantity,
        parsed.score,
        parsed.quantity_issue,
        parsed.text,
        parsed.planned,
    )


class IntentMatcher:
    """Reads stock messages against one store's catalog.

    >>> matcher = IntentMatcher([Product(sku="RIZ", name="Riz brisé", aliases=["ceeb"])])
    >>> matcher.parse("ceeb bi ñaata la des?").product
    'RIZ'
    """

    def __init__(self, products: Iterable[Product]) -> None:
        self._index = ProductIndex(list(products))
        self._last: tuple[str, ParsedIntent, Reading] | None = None
        self._skus = tuple(product.sku for product in self._index.products)
        self._by_sku: dict[str, Product] = {}
        for product in self._index.products:
            self._by_sku.setdefault(product.sku, product)
        # Stricter than for products: two typos only from 9 letters ("famille" is not "faible").
        self._keyword_typos = FuzzyVocabulary(correctable_keywords(), two_typos_from=9)
        # Verbs spelled as heard (`vandou`, `komander`): too far for typos, same sound.
        self._keyword_sounds = by_sound(
            {w: c for w, c in SINGLE_WORD_CUES.items() if c in _SPELLED_AS_HEARD and len(w) >= 4}
        )
        self._known = (
            KEYWORD_VOCABULARY
            | EDIT_WORDS
            | STOPWORDS
            | TYPING_VERBS
            | LINK_WORDS
            | frozenset(NUMBER_WORDS)
            | VAGUE_WORDS
            | FINISHED_WORDS
            | self._index.unit_vocabulary
        )

    @property
    def products(self) -> tuple[Product, ...]:
        return self._index.products

    def entry(self, sku: str) -> Product | None:
        """The catalog's product of that sku (the first, were two given one)."""
        return self._by_sku.get(sku)

    @property
    def unit_vocabulary(self) -> frozenset[str]:
        """Every unit word known: the usual ones and the catalog's own (`botte`, `tas`)."""
        return self._index.unit_vocabulary

    def knows(self, key: str) -> bool:
        """Whether a word's key is a word of the keywords, the function words, the units or
        the catalog (not a typo of one)."""
        return key in self._known or key in self._index.vocabulary

    @property
    def name_words(self) -> frozenset[str]:
        """The keys of the words of the catalog's names and aliases."""
        return self._index.vocabulary

    @property
    def name_numbers(self) -> NameNumbers:
        """The numbers of the catalog's names, with the word before: ``("fleur", "11")``."""
        return self._index.name_numbers

    def parse(self, text: str) -> ParsedIntent:
        """Intent, product (or candidates), quantity and confidence of one message.

        The last message's reading is kept: a message is read several times in a row while it
        is answered (its intent counted, the conversation's step, its items)."""
        last = self._last
        if last is not None and last[0] == text:
            return own_copy(last[1])
        reading = self._read(text)
        parsed = self._result(reading, text.strip()[:MAX_CHARS])
        self._last = (text, parsed, reading)  # one assignment: safe for threads sharing it
        return own_copy(parsed)

    def _whole(self, text: str) -> Reading:
        """The reading of `text` as `parse` made it (kept with its result), or made now: cutting
        a message apart starts from the reading its parse just made, not a second one."""
        last = self._last
        if last is not None and last[0] == text:
            return last[2]
        return self._read(text)

    def parse_many(self, text: str) -> list[ParsedIntent]:
        """One reading per item of a message that lists several, in the order written.

        ``vendu 2 savon et 3 café`` is two sales: the verb written once applies to every item
        that has none of its own, each item keeps its own quantity and unit (never carried
        from one item to another), and ``stock riz et sucre`` is two stock questions. A piece
        that only adds an amount (``commande de riz, 40 sacs``) belongs to the item before; a
        heading (``vendu :``) or a greeting is no item; a piece naming an unknown product is
        an item without product, for the caller to ask about. A message with one item, or that
        is no stock command, gives a list of one: the same reading as :meth:`parse`.

        Each item is read once, so a 5-item message costs about five short parses.
        """
        if single_item(text):
            # `vendu 2 voile fil`: one count, yet two products named side by side; `stock coca
            # fanta`: two questions
            pieces = self._named_apart(text) if self._records(text) else self._asked_apart(text)
            if len(pieces) < 2:
                return [self.parse(text)]
        else:
            pieces = split_items(text, self._keeps_together)
            asked = self.parse(text).intent is Intent.STOCK_QUERY
            pieces = [part for piece in pieces for part in self._by_count(piece, asked)]
        if len(pieces) < 2:
            return [self.parse(text)]
        tokens = [self._piece_tokens(pieces, index) for index in range(len(pieces))]
        cues = [self._cues(piece) for piece in tokens]
        verbs = [
            verb_of(piece, found[2], partial(self._may_name, piece, found[1]))
            for piece, found in zip(tokens, cues, strict=True)
        ]
        delivered = any(Cue.RECEIVE in found[2] for found in cues)
        customer = customer_of(tokens, [found[2] for found in cues])
        items: list[tuple[list[Token], Reading, str]] = []  # tokens, reading, text as typed
        waiting: list[Token] = []  # a first piece that only adds an amount to the next one
        waiting_text = ""
        # the items of someone's plan: tokens, text as typed, the piece's index
        plans: list[tuple[list[Token], str, int]] = []
        missing = 0  # pieces telling goods that did not come
        remarks = 0  # pieces telling something else (`le camion est passé`)
        for index, piece in enumerate(tokens):
            found = cues[index][2]
            if not has_content(piece, found, self._index.vocabulary):
                continue  # "vendu :" heading a list: no item of its own
            if self._courtesy(piece, found):
                continue  # "bonjour le bot": no item either
            if verbs[index] is None and self._remark(piece, cues[index]):
                remarks += 1  # "vendu 3 riz, le camion est passé": no line of the sale
                continue
            if delivered and tells_missing([t.key for t in piece]):
                missing += 1  # "reçu 10 riz, il manque 2 savons": nothing of it arrived
                continue
            typed = f"{waiting_text} {pieces[index].strip()}".strip()
            if customer is not None and not waiting and customer_takes(piece, found):
                # "le client a rendu 2 savons et pris 2 sucres": what the customer took, sold
                items.append((piece, self._read_tokens([customer, *piece]), typed))
                continue
            borrowed = None if verbs[index] else borrowed_verb(verbs, index)
            before, after = borrowed or ((), ())
            in_plan = verbs[index] is None and plans and plans[-1][2] == index - 1
            if in_plan or self._tells_plan([*before, *piece, *after]):
                # "… et il reviendra prendre 2 bidons d'huile demain": no item of the sale; "le
                # client va prendre 2 riz et 3 savons": the soap, with no verb of its own, too
                plans.append(([*before, *piece, *after], pieces[index].strip(), index))
                continue
            if borrowed is not None or waiting:
                piece = [*waiting, *before, *piece, *after]
                reading = self._read_tokens(piece)
            else:
                reading = self._read_tokens(piece, cues[index])
            waiting, waiting_text = [], ""
            if (
                items
                and reading.match is not None
                and verbs[index] is None
                and not self._names_by_words(piece)
            ):
                # `vendu 2 savon et 3 de 5`: the soap of 5 before any product of 5
                sibling = self._sibling(items[-1][0], piece)
                if sibling is not None:
                    items.append((sibling[0], sibling[1], typed))
                    continue
            if reading.match is None and reading.leftover == 0:  # "commande de riz, 40 sacs"
                sibling = self._sibling(items[-1][0], piece) if items else None
                if sibling is not None:  # "2 huile 1l et 3 de 5l": 3 of the oil in 5 L
                    items.append((sibling[0], sibling[1], typed))
                    continue
                if not items:
                    waiting, waiting_text = piece, typed
                    continue
                if self._counts_again(items[-1][1:], (reading, typed)):
                    # `reçu 2 huile 20l, 3 bidons`: the oil has its count, the 3 are another
                    # line, of a product to ask about
                    items.append((piece, reading, typed))
                    continue
                joined = [*items[-1][0], *piece]
                items[-1] = (joined, self._read_tokens(joined), f"{items[-1][2]}, {typed}")
                continue
            items.append((piece, reading, typed))
        results = [self._result(reading, typed) for _, reading, typed in items]
        if plans and not results:  # the whole message is someone's plan: each item alike
            planned = [self._result(self._read_tokens(p), typed, True) for p, typed, _ in plans]
            if sum(r.intent in PRODUCT_INTENTS for r in planned) > 1:
                return planned
            return [self.parse(text)]
        if (
            (plans or missing or remarks)
            and len(results) == 1
            and results[0].intent in PRODUCT_INTENTS
        ):
            return results  # the item told with someone's plan, or with goods that did not come
        if len(results) < 2 or all(r.intent not in PRODUCT_INTENTS for r in results):
            return [self.parse(text)]  # "comment vendre du riz et du sucre ?" is one question
        return results

    def _piece_tokens(self, pieces: Sequence[str], index: int) -> list[Token]:
        """The tokens of one piece; one that starts with digit groups (`3 750` of `vendu 2 lait
        400 et 3 750`) read after the pieces before it, whose words tell whether the groups are
        a thousands number or a count and a name's number (`normalize`)."""
        piece = pieces[index]
        if not index or not _GROUPED.match(piece):
            return self._tokens(piece)
        before = " , ".join(p.strip() for p in pieces[:index])
        return self._tokens(f"{before} , {piece}")[len(self._tokens(before)) :]

    def _remark(self, piece: Sequence[Token], found: _CuePass) -> bool:
        keys, typos, cues = found
        return tells_remark(keys, cues.positions, self._index.vocabulary, typos)

    def _tells_plan(self, tokens: Sequence[Token]) -> bool:
        return tells_plan([t.key for t in tokens], self._index.vocabulary)

    def _may_name(self, piece: Sequence[Token], typos: frozenset[int], position: int) -> bool:
        """Whether the word at ``position`` of ``piece`` may be a product's or a count: a word
        of the catalog or a typo of one, a number, a size."""
        key = piece[position].key
        return key in self._index.vocabulary or position in typos or is_number(key) or is_size(key)

    def _courtesy(self, piece: Sequence[Token], cues: Cues) -> bool:
        """A greeting or thanks with words around it and nothing of the catalog, no number and
        no command (`bonjour le bot`, `j'espère que vous allez bien`): no item of its own."""
        courtesy = courtesy_positions(cues)
        if not courtesy or cues.positions - courtesy:
            return False
        return not any(
            is_number(t.key) or is_size(t.key) or t.key in self._index.vocabulary for t in piece
        )

    def _sibling(
        self, before: list[Token], piece: list[Token]
    ) -> tuple[list[Token], Reading] | None:
        """A piece of an amount and a size only (`3 de 5l`, `1 de 12kg`, or the bare number of
        a size, `1 de 750` or `1 750` after `2 lait 400`) after an item naming a product: the same
        product's words in that size, its own item, when they name one."""
        keys = [t.key for t in piece]
        digits = [i for i, k in enumerate(keys) if k.isdigit()]
        bare = (
            len(digits) == 2
            and (
                digits[1] == digits[0] + 1
                or (digits[1] == digits[0] + 2 and keys[digits[0] + 1] in _NAME_LINKS)
            )
            and not any(k in self._index.vocabulary and not k.isdigit() for k in keys)
        )
        units = self._index.unit_vocabulary
        counted = (  # `2 douzaines` after `1 plateau d'oeufs`: the eggs sold by the dozen
            len(digits) == 1
            and digits[0] + 1 < len(keys)
            and keys[digits[0] + 1] in units
            and not any(k in self._index.vocabulary and k not in units for k in keys)
        )
        sized = any(is_size(k) for k in keys) and any(is_number(k) for k in keys)
        if not (bare or counted or sized):
            return None
        named = [t for t in before if not is_size(t.key) and not is_number(t.key)]
        if counted:  # the item's own unit words left out: the piece says its unit
            named = [t for t in named if t.key not in units]
        if bare and digits[1] == digits[0] + 1:  # `3 750`: read as `3 de 750`
            piece = [*piece[: digits[1]], Token("de"), *piece[digits[1] :]]
        joined = [*named, *piece]
        reading = self._read_tokens(joined)
        if reading.match is None:
            return None
        size = keys[digits[-1]] if bare else ""
        if bare and not self._index.sizes.having(size).issuperset(reading.match.products):
            return None  # `2 riz et 3 de 5`: no size of the rice's
        if counted and not sized and self._same_product(before, reading):
            return None  # `riz, 40 sacs`: an amount of the same product, not another line
        return joined, reading

    def _counts_again(self, before: tuple[Reading, str], piece: tuple[Reading, str]) -> bool:
        """Whether an amount with no product (`3 bidons`) follows an item counted already
        (each a reading and its text)."""
        return all(self._quantity(*each).value is not None for each in (before, piece))

    def _same_product(self, before: list[Token], reading: Reading) -> bool:
        """Whether `reading` names a product of the item read from `before`."""
        previous = self._read_tokens(before).match
        return reading.match is None or (
            previous is not None and bool(set(previous.products) & set(reading.match.products))
        )

    def _result(self, reading: Reading, text: str, planned: bool | None = None) -> ParsedIntent:
        """The reading's values; `planned` unless said: a movement told as someone's plan, with
        no verb saying it was done (`le client va prendre 2 riz`, not `vendu 2 riz au client qui
        reviendra demain`)."""
        intent, score = decide(reading)
        if planned is None:
            planned = (
                intent in QUANTITY_INTENTS
                and Cue.SELL not in reading.cues.found
                and self._tells_plan(reading.tokens)
            )
        match = reading.match
        quantity = Quantity()
        if intent in QUANTITY_INTENTS or (intent is Intent.UNKNOWN and only_numbers(reading)):
            quantity = self._quantity(reading, text)
        product: str | None = None
        candidates: list[str] = []
        if intent in PRODUCT_INTENTS and match is not None:
            skus = list(map(self._skus.__getitem__, match.products))
            if len(skus) == 1:
                product = skus[0]
                # counted with no count but a size: the size may be the amount (`3 kg de riz`)
                sized = intent not in QUANTITY_INTENTS or quantity.value is not None
                if self._contradicted(reading, match.products[0], sized):
                    score *= 0.85  # asked "Vouliez-vous dire … ?", as a typo's product is
            else:
                candidates = skus
            if not match.exact and not named_alone(self._index, reading):
                score *= 0.85
        return ParsedIntent(
            intent,
            product,
            candidates,
            quantity.value,
            round(min(score, 1.0), 3),
            quantity.issue,
            text,
            planned,
        )

    def _by_count(self, piece: str, asked: bool = False) -> list[str]:
        """``vendu 2 riz 3 sucre``: the piece cut into one item per count when it records or
        orders stock and every part then names a product (not ``vendu 2 fer de 10``). A number
        may end a name (``recu 10 riz 5 gaz 6``): the first cut whose every part names a product
        and keeps a quantity wins (no name swallows a count), else the first naming products.
        `asked`: the message asks stock, and so does a piece naming two products side by side
        (`stock riz, coca fanta`)."""
        if not self._records(piece):
            return self._asked_apart(piece) if asked else [piece]
        return (
            self.counted_parts(piece, counted_only=False)
            or self._named_apart(piece)
            or self._unknown_apart(piece)
            or [piece]
        )

    def _names_by_words(self, piece: Sequence[Token]) -> bool:
        """Whether a piece holds a word of the catalog's names or a unit, not only numbers."""
        names, units = self._index.vocabulary, self._index.unit_vocabulary
        return any(t.key.isalpha() and (t.key in names or t.key in units) for t in piece)

    def _records(self, piece: str) -> bool:
        """Whether `piece` records or orders stock (an amount of products)."""
        return self.parse(piece).intent in QUANTITY_INTENTS

    def _asked_apart(self, piece: str) -> list[str]:
        """``stock cocaa fantta``: the stock of two products named side by side, each a question
        of its own (the second, misspelt, was left out of the first's reading)."""
        if self.parse(piece).intent is not Intent.STOCK_QUERY or self._whole(piece).leftover == 0:
            return [piece]  # products that tie (`stock coca`) are all answered as they are
        return self._named_apart(piece) or [piece]

    def _named_apart(self, piece: str) -> list[str]:
        """``vendu 3 savon lait 400``: two products named side by side, no separator and one
        count, which one reading cannot hold both of (a product word left out): cut where each
        part names its product with no word left out; [] when no cut does."""
        whole = self._whole(piece)
        # `vendu 2 voile fil`: no product named by both words, each naming its own
        tied = whole.match is not None and len(whole.match.products) > 1
        if whole.leftover == 0 and not tied:
            return []
        words = piece.split()
        for cut in range(len(words) - 1, 0, -1):  # a number after a name stays its own
            parts = [" ".join(words[:cut]), " ".join(words[cut:])]
            readings = [self._read(part) for part in parts]
            if all(r.match is not None and r.leftover == 0 for r in readings) and (
                not tied or self._apart(readings)
            ):
                return parts
        return []

    def _apart(self, readings: Sequence[Reading]) -> bool:
        """Whether the readings name products none of the others names, by words of none of the
        others' names (`riz` and `sucre`; not `huile` and `jadida`, nor `eau sans` and `gaz` of
        "Eau minérale sans gaz")."""
        products = [set(r.match.products) for r in readings if r.match is not None]
        if len(products) != len(readings) or set.intersection(*products):
            return False
        products_ = self._index.products
        for index, reading in enumerate(readings):
            others = {p for i, each in enumerate(products) if i != index for p in each}
            names = {
                key
                for p in others
                for name in (products_[p].name, *products_[p].aliases)
                for key in alias_keys(name)
                if len(key) > 1 and not is_number(key) and key not in LINK_WORDS
            }
            if names.intersection(reading.keys):
                return False
        return True

    def _unknown_apart(self, piece: str) -> list[str]:
        """``vendu 1 brouette 2 pelles`` (no shovel sold here): a count of words naming nothing
        after an item is an item of its own, to be asked about, never dropped; [] when no cut
        gives each part its count, the first a product and the others a product or unknown
        words."""
        for parts in counted_cuts(piece, self._ends_name, self._inside_name):
            readings = [self._read(part) for part in parts]
            if readings[0].match is None or not all(map(self._counted, readings, parts)):
                continue
            if all(r.leftover == 0 if r.match is not None else r.leftover > 0 for r in readings):
                return parts
        return []

    def counted_parts(self, piece: str, *, counted_only: bool = True) -> list[str]:
        """``riz 40 sucre 12`` (no separator): one part per count, each naming a product and
        keeping its count (``counted_only``; else, failing that, the first cut whose parts all
        name a product); [] when no cut does."""
        first: list[str] = []
        for parts in counted_cuts(piece, self._ends_name, self._inside_name):
            readings = [self._read(part) for part in parts]
            if any(reading.match is None for reading in readings):
                continue
            if all(map(self._counted, readings, parts)):
                return parts
            first = first or parts
        return [] if counted_only else first

    def _ends_name(self, words: Sequence[str], index: int) -> bool:
        """Whether the number at ``index`` of ``words`` may end a product's name: it follows a
        word of the catalog (``gaz 6``), or ``de`` after one (``fer de 10``)."""
        before = [word_key(word) for word in words[max(0, index - 2) : index]]
        if len(before) == 2 and before[1] in _NAME_LINKS:
            before = before[:1]
        return bool(before) and before[-1] in self._index.vocabulary and not is_number(before[-1])

    def _inside_name(self, words: Sequence[str], index: int) -> bool:
        """Whether the number at ``index`` of ``words`` is inside a product's name, never a
        count cutting it in two: the word before it (or before ``de``) and the word after it
        name a product whose name holds it (``vendu 2 carte 1000 orange``, ``sold 2 orange 1000
        cards``), or it comes between a count and such a word (``vendu 3 sucre 2 1000 orange``:
        English order), a count that ends no name before it (``vendu 2 tôle 3 3 tôle``: the
        3 m sheet, then 3 sheets)."""
        if not 0 < index < len(words) - 1:
            return False
        keys = [word_key(word) for word in words[max(0, index - 3) : index + 2]]
        number, after, before = keys.pop(-2), keys.pop(), keys.pop()
        if before in _NAME_LINKS and keys:
            before = keys.pop()
        if not before.isdigit():
            return self._index.numbers_name(number, before, after)
        ends_name = bool(keys) and self._index.numbers_name(before, keys[-1])
        return not ends_name and self._index.numbers_name(number, after)

    def _counted(self, reading: Reading, part: str) -> bool:
        """Whether a part cut out of a message keeps a quantity beside its product."""
        quantity = self._quantity(reading, part)
        return quantity.value is not None or quantity.issue is not None

    def _keeps_together(self, left: str, separator: str, right: str) -> bool:
        """``vingt et un``, ``fukk ak juróom``: one number; ``sel et poivre``: one product.
        Digits are never joined (``riz 4 et 27 sucre``: two items; ``entre 5 et 10 sacs``
        names one product, so it is one item anyway), nor is anything across ``+`` or ``,``."""
        if self._index.joins(left, separator, right):
            return True
        return separator in _NUMBER_JOINERS and is_number_word(left) and is_number_word(right)

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Skus of the products closest to ``text``, best first (for "Vouliez-vous dire … ?").

        Looser than :meth:`parse`: any word resembling a product word counts.
        """
        reading = self._read(text)
        keys = reading.keys
        typos = frozenset(range(len(keys)))
        coverage = self._index.scores(reading.tokens, reading.cues.positions, typos)
        ranked = dict(coverage.totals)
        for position, key in enumerate(keys):
            if position in reading.cues.positions or key in self._known or not key.isalpha():
                continue
            for product, similarity in self._index.resembling(key):
                ranked[product] = max(ranked.get(product, 0.0), similarity * PARTIAL)
        best = sorted(ranked.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self._index.products[p].sku for p, _ in best]

    def _read(self, text: str) -> Reading:
        reading = self._read_tokens(self._tokens(text))
        return replace(reading, asked=True) if text.rstrip().endswith("?") else reading

    def _tokens(self, text: str) -> list[Token]:
        tokens = without_replaced(before_reason(tokenize(text, self._index.name_numbers)))
        return [
            part
            for token in tokens
            for part in self._unglued(self._respell(self._unstretch(token)))
        ]

    def _unglued(self, token: Token) -> tuple[Token, ...]:
        """``driz`` -> ``d`` ``riz``, ``lhuile``, ``leau``: an article typed without its
        apostrophe (or SMS `d` for du), glued to a word of the catalog; ``jotna`` -> ``jot``
        ``na``: a Wolof person marker glued to a keyword; never a word known as is (`lait`,
        `dentifrice`, `dans`)."""
        key = token.key
        if key in self._known or key in self._index.vocabulary:
            return (token,)
        for person in _WOLOF_PERSONS:
            verb = key[: -len(person)]
            if key.endswith(person) and len(verb) >= 3 and verb in _GLUED_VERBS:
                return Token(verb), Token(person)
        if key[:1] not in _ELIDED:
            return (token,)
        rest = unglued(key)
        if rest is None or rest not in self._index.vocabulary:
            return (token,)
        return Token(key[0]), Token(rest, token.written)

    def _respell(self, token: Token) -> Token:
        """``dieund`` -> ``jend``, ``souba`` -> ``suba``, ``ndokh`` -> ``ndox``: a Wolof word
        written the French or SMS way, respelled by wolof-normalizer when that lands on a word
        of the keywords, their phrases or the catalog."""
        key = token.key
        if key in self._known or key in self._index.vocabulary or not key.isalpha():
            return token
        respelled = wolof_respelling(key)
        if respelled is not None and (
            respelled in self._known
            or respelled in PHRASE_WORDS
            or respelled in self._index.vocabulary
        ):
            return Token(respelled, token.written)
        return token

    def _read_tokens(self, tokens: Sequence[Token], found: _CuePass | None = None) -> Reading:
        keys, product_typos, cues = found or self._cues(tokens)
        counting = bool(cues.found & {Cue.ORDER, Cue.SELL, Cue.RECEIVE, Cue.CLIENT})
        people = people_positions(keys, self._names_goods)  # `mon fils a vendu`: who, not what
        # Off-topic words are no commands: they may name a product ("Glue Contact").
        reserved = people | cues.positions - {
            h.position for h in cues.hits if h.cue is Cue.OFFTOPIC and " " not in h.word
        }
        product_typos -= people
        coverage = self._index.scores(tokens, reserved, product_typos, counting, prune=True)
        if (
            not coverage
            and (counting or Cue.STOCK in cues.found)
            and not self._unexplained(keys, cues.positions | people)
        ):  # `stock 2000`, `vendu 6 de 12`; not `stock 5l dentelle`
            coverage = self._index.sizes.by_number_alone(keys, counting)
        units = {UNITS.get(k, k) for k in keys if k in self._index.unit_vocabulary}
        measures = {unit for unit in map(size_unit, keys) if unit}
        match = self._index.best(coverage, units, measures, tokens)
        if match is not None and small_talk_about(match, tokens, cues, keys):
            match = None  # "Hello from the field" is no question about green tea
        used = cues.positions | people | (match.positions if match else frozenset())
        return Reading(tokens, cues, match, len(self._unexplained(keys, used)))

    def _names_goods(self, key: str) -> bool:
        """Whether `key` is a word of the catalogue's products, not a command word or a unit
        (`grossiste de riz`: the rice)."""
        if key in self._known or key in self._index.unit_vocabulary:
            return False
        return any(k in self._index.vocabulary for k in (key, *counterparts(key)))

    def _unexplained(self, keys: Sequence[str], used: frozenset[int]) -> list[int]:
        """Where the words recognised as nothing at all are (no cue, product, number, fraction,
        size)."""
        return [
            position
            for position, key in enumerate(keys)
            if position not in used
            and key not in self._known
            and key != "?"
            and not is_numeric(key)
            and not is_number_word(key)  # `ñaar`, `fukk`: Wolof numbers
            and key not in FRACTION_WORDS  # `un casier et demi`
            and not is_size(key)
            and not _times(keys, position)
        ]

    def _contradicted(self, reading: Reading, product: int, sized: bool) -> bool:
        """Whether the only product found is contradicted by a size typed beside its words that
        it does not come in (``fanta 1.5`` for Fanta 33cl; only when ``sized``, the count being
        another number), as an unknown size among several products leaves them all to choose
        from. An unknown word is not enough (``riz cash``, ``riz pour moussa``: a manager's
        words after a product are mostly not another brand)."""
        match = reading.match
        assert match is not None
        used = reading.cues.positions | match.positions
        sizes = self._index.sizes
        return sized and any(
            i not in used and (is_size(key) or is_decimal(key)) and sizes.contradicts(product, key)
            for i, key in enumerate(reading.keys)
        )

    def _cues(self, tokens: Sequence[Token]) -> _CuePass:
        """Keys, the unknown words that may be product typos, and the cues (keyword typos
        corrected): the cheap half of a reading, before products are scored."""
        keys = [t.key for t in tokens]
        keyword_fixes: dict[int, str] = {}
        product_typos: set[int] = set()
        people = people_positions(keys, self._names_goods)  # `chez Sall`: no typo of `sell`
        for position, key in enumerate(keys):
            if key in self._known or key in self._index.vocabulary or not key.isalpha():
                continue
            if position in people:
                continue
            words, keyword_distance = self._keyword_typos.closest(key)
            counted = _counted_at(keys, position)
            if counted is not None and _said_before(keys, counted):
                # `sold 30 chicks`: the goods counted, not `check` (`3 vnedu riz`: sold); so
                # after a measure too (`vendu 2m de voil`: the voile, not `voila`)
                words = ()
            if extends_keyword(key, words if keyword_distance == 1 else ()):
                words, keyword_distance = (), -1
            heard = self._keyword_sounds.get(sound(key)) if len(key) >= 4 else None
            if not words and heard is not None and not extends_keyword(key):
                words, keyword_distance = (heard,), 2
            product_distance = self._index.typo_distance(key)
            if words and (product_distance < 0 or keyword_distance <= product_distance):
                keyword_fixes[position] = truncated_first(key, words)
            elif product_distance >= 0 or self._index.sounds_like(key):
                product_typos.add(position)
        return keys, frozenset(product_typos), detect_cues(keys, keyword_fixes)

    def _unstretch(self, token: Token) -> Token:
        """``ouii`` -> ``oui``, ``stpp`` -> ``stp``: a doubled last letter of an unknown word
        (never a digit: ``100`` is not ``10``; never a number word: ``benn`` is one, not
        ``ben``)."""
        key = token.key
        if (
            len(key) < 3
            or key[-1] != key[-2]
            or not key[-1].isalpha()
            or key in self._known
            or key in self._index.vocabulary
            or is_number_word(key)
        ):
            return token
        shorter = key[:-1]
        if shorter in self._known or shorter in self._index.vocabulary:
            return Token(shorter, token.written)
        return token

    def _quantity(self, reading: Reading, text: str) -> Quantity:
        keys = reading.keys
        used = reading.match.positions if reading.match else frozenset()
        vocabulary = self._index.vocabulary
        units = self._index.unit_vocabulary
        # `pile 9v 2`: a number glued to a name's letters is no count when another is there
        named = set(code_positions(keys, text))

        measure = self._index.sizes.measure(reading.match.products) if reading.match else None
        if measure is not None:
            # sold by the kg or the litre: "3 kg d'arachides" is 3 (unless 3kg is a size of it);
            # beside another number the size is the product's (`50kg ciment 3`: 3), unless that
            # one is a number of a name (`25 kg mil souna 3`: 25)
            measured = {i for i, k in enumerate(keys) if i not in used and size_unit(k) == measure}
            pairs = self._index.name_numbers
            named |= measured | {i for i in range(1, len(keys)) if (keys[i - 1], keys[i]) in pairs}
            keys = [key[: -len(measure)] if i in measured else key for i, key in enumerate(keys)]

        def is_anchor(position: int) -> bool:
            key = keys[position]
            if key in LINK_WORDS and position + 1 < len(keys):  # "10 de riz", "3 d'huile"
                key = keys[position + 1]
            return key in units or key in vocabulary or position in used

        skip = used | ordinal_digits(keys, text)  # `vendu 2 le 3e`: 2, the 3 is a place
        dozens = not self._by_the_dozen(reading)  # `2 douzaines d'oeufs` sold by the dozen: 2
        return find_quantity(
            keys, skip=skip, is_anchor=is_anchor, units=units, named=named, dozens=dozens
        )

    def _by_the_dozen(self, reading: Reading) -> bool:
        """Whether the products read are all counted by the dozen."""
        if reading.match is None:
            return False
        products = [self._index.products[p] for p in reading.match.products]
        return all(p.unit and word_key(canonical_unit(p.unit)) in DOZEN_WORDS for p in products)


def _times(keys: Sequence[str], position: int) -> bool:
    """Whether the word at `position` is the ``x`` of a count beside it (``x3``, ``3x``, ``x
    3``): a word of the amount, not an unknown one."""
    if keys[position] != "x":
        return False
    beside = (*keys[position - 1 : position], *keys[position + 1 : position + 2])
    return any(key.isdigit() for key in beside)


def _counted_at(keys: Sequence[str], position: int) -> int | None:
    """Where the count or measure typed right before `position` is (`30 chicks`, `2m voil`,
    `2m de voil`), if one is."""
    before = position - 1
    if before > 0 and keys[before] in _NAME_LINKS:
        before -= 1
    if before >= 0 and (is_number(keys[before]) or is_size(keys[before])):
        return before
    return None


def _said_before(keys: Sequence[str], position: int) -> bool:
    """A keyword typed right before `position` (`sold 30 chicks`): the words after its count
    are the goods, not another keyword mistyped."""
    return any(key in KEYWORD_VOCABULARY for key in keys[:position])
