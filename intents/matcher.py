"""IntentMatcher: one message in, one :class:`ParsedIntent` out, by the guide's precedence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from intents.catalog import LINK_WORDS, PARTIAL, ProductIndex, ProductMatch
from intents.fuzzy import FuzzyVocabulary
from intents.items import split_items
from intents.keywords import (
    ENGLISH_MARKERS,
    INFINITIVES,
    KEYWORD_VOCABULARY,
    PHRASE_WORDS,
    SINGLE_WORD_CUES,
    STOPWORDS,
    TYPING_VERBS,
    Cue,
    Cues,
    Hit,
    Strength,
    detect_cues,
)
from intents.models import (
    MIDDLING,
    PRODUCT_INTENTS,
    QUANTITY_INTENTS,
    Intent,
    ParsedIntent,
    Product,
)
from intents.normalize import MAX_CHARS, Token, is_size, size_unit, tokenize, wolof_respelling
from intents.numbers import (
    ARTICLES,
    NUMBER_WORDS,
    VAGUE_WORDS,
    Quantity,
    find_quantity,
    is_number_word,
    is_numeric,
)
from intents.units import UNIT_WORDS, UNITS

_TRANSACTION_INTENT: Mapping[Cue, Intent] = MappingProxyType({
    Cue.RECEIVE: Intent.RECEIPT,
    Cue.SELL: Intent.SALE,
    Cue.ORDER: Intent.RESTOCK,
})  # fmt: skip
_SMALL_TALK = frozenset({Cue.GREET, Cue.THANKS, Cue.POLITE})
# The words that place a yes or a no in a message, to tell which comes first.
_ANSWER_WORDS: Mapping[Cue, frozenset[str]] = MappingProxyType({
    Cue.YES: frozenset({"oui", "yes", "ok", "waaw", "daccord", "yep", "yeah", "c"}),
    Cue.NO: frozenset({"non", "no", "deet", "nan", "pas", "nope", "jamais", "mukk"}),
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Reading:
    """Everything recognised in one message, before deciding the intent."""

    tokens: Sequence[Token]
    cues: Cues
    match: ProductMatch | None
    leftover: int  # words recognised as nothing at all

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]


class IntentMatcher:
    """Reads stock messages against one store's catalog.

    >>> matcher = IntentMatcher([Product(sku="RIZ", name="Riz brisé", aliases=["ceeb"])])
    >>> matcher.parse("ceeb bi ñaata la des?").product
    'RIZ'
    """

    def __init__(self, products: Iterable[Product]) -> None:
        self._index = ProductIndex(list(products))
        self._last: tuple[str, ParsedIntent] | None = None
        self._skus = tuple(product.sku for product in self._index.products)
        # Stricter than for products: two typos only from 9 letters ("famille" is not "faible").
        self._keyword_typos = FuzzyVocabulary(_correctable_keywords(), two_typos_from=9)
        self._known = (
            KEYWORD_VOCABULARY
            | STOPWORDS
            | TYPING_VERBS
            | LINK_WORDS
            | frozenset(NUMBER_WORDS)
            | VAGUE_WORDS
            | self._index.unit_vocabulary
        )

    @property
    def products(self) -> tuple[Product, ...]:
        return self._index.products

    def parse(self, text: str) -> ParsedIntent:
        """Intent, product (or candidates), quantity and confidence of one message.

        The last message's reading is kept: a message is read several times in a row while it
        is answered (its intent counted, the conversation's step, its items)."""
        last = self._last
        if last is not None and last[0] == text:
            return replace(last[1], candidates=list(last[1].candidates))
        parsed = self._result(self._read(text), text.strip()[:MAX_CHARS])
        self._last = (text, parsed)  # one assignment: safe for threads sharing the matcher
        return replace(parsed, candidates=list(parsed.candidates))

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
        pieces = split_items(text, self._keeps_together)
        if len(pieces) < 2:
            return [self.parse(text)]
        tokens = [self._tokens(piece) for piece in pieces]
        cues = [self._cues(piece) for piece in tokens]
        verbs = [_verb(piece, found[2]) for piece, found in zip(tokens, cues, strict=True)]
        items: list[tuple[list[Token], _Reading, str]] = []  # tokens, reading, text as typed
        waiting: list[Token] = []  # a first piece that only adds an amount to the next one
        waiting_text = ""
        for index, piece in enumerate(tokens):
            if not _has_content(piece, cues[index][2]):
                continue  # "vendu :" heading a list, "bonjour": no item of their own
            typed = f"{waiting_text} {pieces[index].strip()}".strip()
            borrowed = None if verbs[index] else _borrowed_verb(verbs, index)
            if borrowed is not None or waiting:
                before, after = borrowed or ((), ())
                piece = [*waiting, *before, *piece, *after]
                reading = self._read_tokens(piece)
            else:
                reading = self._read_tokens(piece, cues[index])
            waiting, waiting_text = [], ""
            if reading.match is None and reading.leftover == 0:  # "commande de riz, 40 sacs"
                if not items:
                    waiting, waiting_text = piece, typed
                    continue
                joined = [*items[-1][0], *piece]
                items[-1] = (joined, self._read_tokens(joined), f"{items[-1][2]}, {typed}")
                continue
            items.append((piece, reading, typed))
        results = [self._result(reading, typed) for _, reading, typed in items]
        if len(results) < 2 or all(r.intent not in PRODUCT_INTENTS for r in results):
            return [self.parse(text)]  # "comment vendre du riz et du sucre ?" is one question
        return results

    def _result(self, reading: _Reading, text: str) -> ParsedIntent:
        intent, score = _decide(reading)
        match = reading.match
        product: str | None = None
        candidates: list[str] = []
        if intent in PRODUCT_INTENTS and match is not None:
            skus = list(map(self._skus.__getitem__, match.products))
            if len(skus) == 1:
                product = skus[0]
            else:
                candidates = skus
            if not match.exact:
                score *= 0.85
        quantity = Quantity()
        if intent in QUANTITY_INTENTS or (intent is Intent.UNKNOWN and _only_numbers(reading)):
            quantity = self._quantity(reading)
        return ParsedIntent(
            intent,
            product,
            candidates,
            quantity.value,
            round(min(score, 1.0), 3),
            quantity.issue,
            text,
        )

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

    def _read(self, text: str) -> _Reading:
        return self._read_tokens(self._tokens(text))

    def _tokens(self, text: str) -> list[Token]:
        return [self._respell(self._unstretch(token)) for token in tokenize(text)]

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
            return Token(respelled, token.accented)
        return token

    def _read_tokens(self, tokens: Sequence[Token], found: _CuePass | None = None) -> _Reading:
        keys, product_typos, cues = found or self._cues(tokens)
        counting = bool(cues.found & {Cue.ORDER, Cue.SELL, Cue.RECEIVE, Cue.CLIENT})
        # Off-topic words are no commands: they may name a product ("Glue Contact").
        reserved = cues.positions - {
            h.position for h in cues.hits if h.cue is Cue.OFFTOPIC and " " not in h.word
        }
        coverage = self._index.scores(tokens, reserved, product_typos, counting, prune=True)
        units = {UNITS.get(k, k) for k in keys if k in self._index.unit_vocabulary}
        measures = {unit for unit in map(size_unit, keys) if unit}
        match = self._index.best(coverage, units, measures)
        if match is not None and (
            (_weak(match, tokens) and _small_talk(cues, keys)) or _thanks_for(cues, keys)
        ):
            match = None  # "Hello from the field" is no question about green tea
        used = cues.positions | (match.positions if match else frozenset())
        leftover = sum(
            1
            for position, key in enumerate(keys)
            if position not in used
            and key not in self._known
            and key != "?"
            and not is_numeric(key)
            and not is_size(key)
        )
        return _Reading(tokens, cues, match, leftover)

    def _cues(self, tokens: Sequence[Token]) -> _CuePass:
        """Keys, the unknown words that may be product typos, and the cues (keyword typos
        corrected): the cheap half of a reading, before products are scored."""
        keys = [t.key for t in tokens]
        keyword_fixes: dict[int, str] = {}
        product_typos: set[int] = set()
        for position, key in enumerate(keys):
            if key in self._known or key in self._index.vocabulary or not key.isalpha():
                continue
            words, keyword_distance = (
                ((), -1) if _extends_keyword(key) else self._keyword_typos.closest(key)
            )
            product_distance = self._index.typo_distance(key)
            if words and (product_distance < 0 or keyword_distance <= product_distance):
                keyword_fixes[position] = words[0]
            elif product_distance >= 0:
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
            return Token(shorter, token.accented)
        return token

    def _quantity(self, reading: _Reading) -> Quantity:
        keys = reading.keys
        used = reading.match.positions if reading.match else frozenset()
        vocabulary = self._index.vocabulary
        units = self._index.unit_vocabulary

        measure = self._index.measure(reading.match.products) if reading.match else None
        if measure is not None:
            # sold by the kg or the litre: "3 kg d'arachides" is 3 (unless 3kg is a size of it)
            keys = [
                key[: -len(measure)] if i not in used and size_unit(key) == measure else key
                for i, key in enumerate(keys)
            ]

        def is_anchor(position: int) -> bool:
            key = keys[position]
            if key in LINK_WORDS and position + 1 < len(keys):  # "10 de riz", "3 d'huile"
                key = keys[position + 1]
            return key in units or key in vocabulary or position in used

        return find_quantity(keys, skip=used, is_anchor=is_anchor, units=units)


def _correctable_keywords() -> list[str]:
    """Keywords worth correcting typos towards; short yes/no/hello words are too easy to hit,
    and so are short off-topic words, which would veto a stock question ("pies" for "piles"
    is not "pire", "poire" is not "pire" either)."""
    chatty = {Cue.YES, Cue.NO, Cue.GREET, Cue.THANKS, Cue.POLITE, Cue.WHAT}
    shortest = {cue: 5 if cue in chatty else 4 for cue in Cue} | {Cue.OFFTOPIC: 6}
    return [word for word, cue in SINGLE_WORD_CUES.items() if len(word) >= shortest[cue]]


def _extends_keyword(key: str) -> bool:
    """``livreur``, ``vendeur``, ``vendredi``: a keyword and two more letters is another word
    (one more is a typo: ``vendut``)."""
    longest = next((end for end in range(len(key), 3, -1) if key[:end] in KEYWORD_VOCABULARY), 0)
    return bool(longest) and len(key) - longest >= 2


def _only_numbers(reading: _Reading) -> bool:
    return not reading.cues.found and reading.match is None and reading.leftover == 0


def _decide(reading: _Reading) -> tuple[Intent, float]:
    """Apply the guide's precedence to what was recognised; returns (intent, confidence)."""
    cues, match = reading.cues, reading.match
    sure = 0.85 if cues.fuzzy else 1.0
    wordy = max(0.7, 1.0 - 0.05 * reading.leftover)  # unexplained words lower confidence
    hit = cues.transaction(lambda hit: not _not_an_act(reading, hit))
    transaction = hit.cue if hit else None
    if hit and hit.needs_backing and _not_a_movement(reading, hit):
        transaction = None
    off_topic = _off_topic(reading)
    # A transaction word that turns out to report nothing explains nothing either.
    unexplained = reading.leftover + (transaction is None and cues.transaction() is not None)
    if Cue.CLIENT in cues and (transaction is not None or _has_number(reading)):
        transaction = Cue.SELL  # "le client a pris 3 sacs", "acheté par un client"

    if Cue.HOWTO in cues or (
        Cue.HELP in cues and not (match and (transaction or Cue.STOCK in cues))
    ):
        return Intent.HELP, 0.95 * sure
    if Cue.CANCEL in cues:
        return Intent.CANCEL, 0.95 * sure * wordy
    if match is None and not _has_amount(reading) and _names_the_commands(reading):
        return Intent.HELP, 0.8 * sure  # "c'est quoi les commandes ?" asks for the bot's commands
    asks_low = Cue.LOW in cues or (Cue.ORDER in cues and _asks_which(cues))
    if match is None and asks_low and transaction in (None, Cue.ORDER):
        return Intent.LOW_STOCK, 0.9 * sure * wordy
    vague = match is None and not _has_number(reading) and reading.leftover >= 2
    if (
        transaction is not None
        and not vague
        and not (off_topic and match and not _has_number(reading))
    ):
        return _TRANSACTION_INTENT[transaction], (0.9 if match else 0.7) * sure * wordy
    if off_topic and (match or Cue.STOCK in cues):
        return Intent.UNKNOWN, 0.3
    if match is not None:
        if cues.found & {Cue.STOCK, Cue.LOOK, Cue.LOW, Cue.OVERVIEW}:
            return Intent.STOCK_QUERY, 0.9 * sure * wordy
        if unexplained == 0 or (unexplained == 1 and match.exact):
            return Intent.STOCK_QUERY, 0.85 * wordy
        return Intent.UNKNOWN, 0.3
    if Cue.OVERVIEW in cues or (Cue.LIST in cues and Cue.GOODS in cues):
        return Intent.STOCK_OVERVIEW, 0.9 * sure * wordy
    if Cue.GOODS in cues and (Cue.ALL in cues or reading.leftover == 0):
        return Intent.STOCK_OVERVIEW, 0.8 * sure * wordy  # "tous les produits", "mes produits"
    if cues.found & {Cue.STOCK, Cue.LOOK}:
        whole = cues.found & {Cue.ALL, Cue.WHAT, Cue.GOODS} or reading.leftover == 0
        if whole and cues.found & {Cue.STOCK, Cue.ALL}:
            return Intent.STOCK_OVERVIEW, 0.85 * sure * wordy
        if Cue.STOCK in cues:
            # A stock question about a word we do not know: ask which product was meant.
            return Intent.STOCK_QUERY, MIDDLING
    for cue, intent in ((Cue.YES, Intent.YES), (Cue.NO, Intent.NO)):
        if cue in cues and reading.leftover <= 2:
            other = Cue.NO if cue is Cue.YES else Cue.YES
            if other not in cues or _first(reading, cue) < _first(reading, other):
                return intent, 0.95 * sure * wordy
    chat = cues.found & _SMALL_TALK
    only_polite = chat == {Cue.POLITE} and len(cues.positions) < len(reading.tokens)
    if chat and not only_polite and reading.leftover <= 1:
        return Intent.GREETING, 0.9 * sure * wordy
    recognised = bool(cues.found) or reading.leftover == 0
    return Intent.UNKNOWN, 0.3 if recognised else 0.1


def _asks_which(cues: Cues) -> bool:
    return bool(cues.found & {Cue.WHAT, Cue.GOODS})


def _off_topic(reading: _Reading) -> bool:
    """Market talk, opinions, someone else's business; not when the off-topic word is part of
    the product's name ("riz qualité supérieure", a "Contact" brand)."""
    cues, match = reading.cues, reading.match
    if Cue.OFFTOPIC not in cues:
        return False
    hits = [hit for hit in cues.hits if hit.cue is Cue.OFFTOPIC]
    return match is None or not hits or any(hit.position not in match.positions for hit in hits)


def _has_number(reading: _Reading) -> bool:
    """Digits or a number word; ``un``/``une`` only as the count of a unit or a product
    ("un sac", "une dizaine", "un riz"), not as an article ("je cherche un chauffeur")."""
    keys = reading.keys
    used = reading.match.positions if reading.match else frozenset()
    for position, key in enumerate(keys):
        if is_numeric(key) or (key in NUMBER_WORDS and key not in ARTICLES):
            return True
        if key in ARTICLES and position + 1 < len(keys):
            following = keys[position + 1]
            if following in UNIT_WORDS or following in VAGUE_WORDS or position + 1 in used:
                return True
    return False


def _not_a_movement(reading: _Reading, hit: Hit) -> bool:
    """A weak transaction word (a typo fixed, an everyday word) says nothing moved when no
    product or amount backs it ("le livre est sur la table", "où est le commandant ?"), or when
    the message asks about stock ("il reste entre 5 et 10 sacs", "stok bouillon aggi")."""
    if reading.match is None and not _has_amount(reading):
        return True
    return reading.cues.asks_stock or (hit.corrected and Cue.STOCK in reading.cues)


def _not_an_act(reading: _Reading, hit: Hit) -> bool:
    """Words that name a movement without reporting or ordering one: a hint word with no
    amount ("le numéro du fournisseur de riz"), "entre X et Y" (between), or an infinitive
    with no product nor amount that serves another verb ("je cherche un chauffeur pour
    livrer"; "je veux commander" still orders)."""
    keys = reading.keys
    if hit.strength is Strength.HINT:
        return not _has_amount(reading)
    raw = keys[hit.position]
    between = raw == "entre" and not reading.tokens[hit.position].accented
    if between and "et" in keys[hit.position + 2 : hit.position + 6]:
        return True
    return (
        raw in INFINITIVES
        and reading.match is None
        and not _has_amount(reading)
        and reading.leftover >= 1
    )


def _names_the_commands(reading: _Reading) -> bool:
    """The bot's commands: "c'est quoi les commandes ?", "les commandes ?", "vos commandes"."""
    keys = reading.keys
    for position, key in enumerate(keys):
        if key == "commande" and (
            Cue.WHAT in reading.cues
            or (position and keys[position - 1] in _YOUR_OR_THE and reading.leftover == 0)
        ):
            return True
    return False


_YOUR_OR_THE = frozenset({"les", "tes", "vos"})


def _has_amount(reading: _Reading) -> bool:
    """A number or a size: what a stock movement is about."""
    return _has_number(reading) or any(is_size(k) for k in reading.keys)


def _first(reading: _Reading, cue: Cue) -> int:
    words = _ANSWER_WORDS[cue]
    return next((i for i, k in enumerate(reading.keys) if k in words), len(reading.keys))


# Words that surround a command without being one ("bonjour", "stp", "merci"): an item whose
# only cues are these borrows the verb of another item.
_COURTESY = frozenset({Cue.GREET, Cue.THANKS, Cue.POLITE, Cue.YES, Cue.NO})
_Verb = tuple[Sequence[Token], Sequence[Token]]  # the words before an item, the words after it
_CuePass = tuple[list[str], frozenset[int], Cues]


def _is_filler(key: str) -> bool:
    """A word that can stand around a command without naming what it is about."""
    return key in STOPWORDS or key in LINK_WORDS or key == "?"


def _has_content(tokens: Sequence[Token], cues: Cues) -> bool:
    """Whether a piece says something besides command and courtesy words (``vendu :``,
    ``bonjour`` say nothing of their own)."""
    return any(i not in cues.positions and not _is_filler(t.key) for i, t in enumerate(tokens))


def _verb(tokens: Sequence[Token], cues: Cues) -> _Verb | None:
    """The command words of a piece, for the pieces written without one: those before what it
    is about (``j'ai vendu``, ``stock``, ``il reste combien de``, ``comment vendre du``), or
    after it (``3 café vendus aujourd'hui``), with the courtesy and function words between.
    None when the piece has no command of its own."""
    courtesy = {
        h.position + offset
        for h in cues.hits
        if h.cue in _COURTESY
        for offset in range(h.word.count(" ") + 1)
    }
    commands = sorted(cues.positions - courtesy)
    if not commands:
        return None
    content = [i for i, t in enumerate(tokens) if i not in cues.positions and not _is_filler(t.key)]
    if not content:
        return tokens, ()  # a heading: "vendu :"
    before = tokens[: content[0]] if commands[0] < content[0] else ()
    after = tokens[content[-1] + 1 :] if commands[-1] > content[-1] else ()
    return before, after


def _borrowed_verb(verbs: list[_Verb | None], index: int) -> _Verb | None:
    """The verb of the closest item before, else of the first item after that has one."""
    for verb in reversed(verbs[:index]):
        if verb is not None:
            return verb
    return next((verb for verb in verbs[index + 1 :] if verb is not None), None)


_CHAT = frozenset({Cue.GREET, Cue.THANKS})
_NUMBER_JOINERS = frozenset({"et", "and", "ak"})
_COMMANDS = frozenset(Cue) - _COURTESY - {Cue.WHAT, Cue.ALL}


def _weak(match: ProductMatch, tokens: Sequence[Token]) -> bool:
    """A product found only through a corrected typo (``team`` for tea) or through function
    words typed plain (``the`` for thé): a weak reading."""
    plain = all(tokens[p].key in STOPWORDS and not tokens[p].accented for p in match.positions)
    return plain or not match.exact


def _small_talk(cues: Cues, keys: Sequence[str]) -> bool:
    """A greeting or thanks, or a sentence in English, with no command in it."""
    if cues.found & _COMMANDS:
        return False
    return bool(cues.found & _CHAT) or sum(k in ENGLISH_MARKERS for k in keys) >= 2


def _thanks_for(cues: Cues, keys: Sequence[str]) -> bool:
    """``merci pour le thé``, ``thanks for the tea``: thanks, not a question about tea."""
    return (
        any(
            hit.cue is Cue.THANKS
            and keys[hit.position + 1 : hit.position + 2] in (["pour"], ["for"])
            for hit in cues.hits
        )
        and not cues.found & _COMMANDS
    )
