"""The guide's precedence: which intent, and how sure, from what a message was read to hold.

:class:`Reading` is everything recognised in one message (cues, the best product match, the
words left unexplained); :func:`decide` turns it into an intent and a confidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from intents.coverage import ProductMatch
from intents.cue_phrases import FINISHED_WORDS, GONE_WORDS, HOW_MUCH
from intents.cue_words import COURTESY, says_return
from intents.keywords import INFINITIVES, Cue, Cues, Hit, Strength
from intents.models import MIDDLING, Intent
from intents.normalize import MODAL_CAN, Token, is_size, word_keys
from intents.numbers import ARTICLES, EVERYDAY_NUMBERS, NUMBER_WORDS, VAGUE_WORDS, is_numeric
from intents.people import carried
from intents.stopwords import ENGLISH_MARKERS, STOPWORDS
from intents.units import UNIT_WORDS

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
class Reading:
    """Everything recognised in one message, before deciding the intent."""

    tokens: Sequence[Token]
    cues: Cues
    match: ProductMatch | None
    leftover: int  # words recognised as nothing at all
    asked: bool = False  # the message ends with a question mark

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.tokens]


def only_numbers(reading: Reading) -> bool:
    """Nothing but numbers: ``4`` may answer "how many?"."""
    return not reading.cues.found and reading.match is None and reading.leftover == 0


def decide(reading: Reading) -> tuple[Intent, float]:
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
    unexplained = reading.leftover + (
        transaction is None
        and cues.transaction(lambda hit: not _sold_out(reading.keys, hit)) is not None
    )
    if says_return(cues.found) and (
        transaction is not None
        or has_number(reading)
        or _one_said(reading)
        # "le client a rendu le riz": how many? (not "le client veut rendre le riz")
        or (match is not None and Cue.CLIENT in cues and not _only_wanted(reading))
        or (Cue.CLIENT in cues and _said_of_it(reading) and not _only_wanted(reading))
    ):
        # "le client a rendu 2 savons", "retour client 3 riz": back in stock, never a sale
        transaction = Cue.RECEIVE
    elif Cue.CLIENT in cues and (transaction is not None or _has_measure(reading)):
        transaction = Cue.SELL  # "le client a pris 3 sacs", "acheté par un client"
    elif Cue.BROUGHT in cues and transaction is None and _asked_to_bring(reading.keys):
        transaction = Cue.ORDER  # Wolof `indi ma 10 ceeb` (bring me 10 rice): an order
    elif (
        Cue.BROUGHT in cues
        and transaction is None
        and (has_number(reading) or carried(reading.keys))
    ):
        # "j'ai ramené 20 sacs du marché", "le camion a amené le riz": goods brought in
        transaction = Cue.RECEIVE
    elif hit is not None and transaction is Cue.ORDER and _bought_by_someone(reading, hit):
        transaction = Cue.SELL  # "un monsieur a acheté 2 bouteilles de gaz": a customer
    elif hit is not None and transaction is Cue.ORDER and _bought_by_manager(reading, hit):
        transaction = Cue.RECEIVE  # "j'ai acheté 10 sacs", "I bought 10 bags": they came in
    elif transaction is None and _gone_with_amount(reading):
        transaction = Cue.SELL  # "2 sugar finish", "3 rice gone": that many went out
    elif transaction is None and _got_with_amount(reading):
        transaction = Cue.RECEIVE  # "we get 10 bags rice", "i don get 5 cartons of milo"

    if Cue.HOWTO in cues or (
        Cue.HELP in cues and not (match and (transaction or Cue.STOCK in cues))
    ):
        return Intent.HELP, 0.95 * sure
    if Cue.CANCEL in cues and not _forgot_something(reading):
        return Intent.CANCEL, 0.95 * sure * wordy
    if match is None and not _has_amount(reading) and _names_the_commands(reading):
        return Intent.HELP, 0.8 * sure  # "c'est quoi les commandes ?" asks for the bot's commands
    asks_low = Cue.LOW in cues or (Cue.ORDER in cues and _asks_which(cues))
    if match is None and asks_low and transaction in (None, Cue.ORDER):
        return Intent.LOW_STOCK, 0.9 * sure * wordy
    vague = match is None and not has_number(reading) and reading.leftover >= 2
    if (
        transaction is not None
        and not vague
        and not (off_topic and match and not has_number(reading))
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


# "Forgot": `oublie` cancels (`oublie ça`), but `j'ai oublié 1 savon` tells a line left out.
_FORGOT = frozenset({"oublie", "forgot"})


def _forgot_something(reading: Reading) -> bool:
    """The only cancel word is a "forgot" with a product and an amount: no cancel."""
    hits = [hit for hit in reading.cues.hits if hit.cue is Cue.CANCEL]
    return (
        bool(hits)
        and all(hit.word in _FORGOT for hit in hits)
        and reading.match is not None
        and has_number(reading)
    )


def _asks_which(cues: Cues) -> bool:
    return bool(cues.found & {Cue.WHAT, Cue.GOODS})


def _off_topic(reading: Reading) -> bool:
    """Market talk, opinions, someone else's business; not when the off-topic word is part of
    the product's name ("riz qualité supérieure", a "Contact" brand)."""
    cues, match = reading.cues, reading.match
    if Cue.OFFTOPIC not in cues:
        return False
    hits = [hit for hit in cues.hits if hit.cue is Cue.OFFTOPIC]
    if hits and all(_does_not_work(reading.keys, hit.position) for hit in hits):
        return False  # `le client a rendu l'écouteur, il marche pas`: why, no market
    if hits and Cue.STOCK in cues and all(hit.word in _HOW_MUCH for hit in hits):
        return False  # "c'est combien le stock de riz": how much is in stock, no price
    return match is None or not hits or any(hit.position not in match.positions for hit in hits)


# `il marche pas`, `ne marche plus`: it does not work (a reason), not the market
_MARCHE = "marche"
_NOT = word_keys("pas plus jamais")
_NE = word_keys("ne n")


def _does_not_work(keys: Sequence[str], position: int) -> bool:
    if keys[position] != _MARCHE:
        return False
    after = keys[position + 1] if position + 1 < len(keys) else ""
    before = keys[position - 1] if position else ""
    return after in _NOT or before in _NE


# "How much" phrases that ask a price unless the stock is named: "c'est combien le sac ?".
_HOW_MUCH = frozenset(" ".join(phrase) for phrase in HOW_MUCH)


# Someone else than the manager who bought (`un monsieur a acheté 2 gaz`, `elle a acheté 3
# savons`): a sale, as `le client a pris` is; the manager who bought (`j'ai acheté`, `on a
# acheté`, `I bought`, Wolof `jënd naa`) got goods in; `il faut acheter`, `buy` are orders.
_BOUGHT = word_keys("achete achetee achetes achetees achetent bought")
_BUYERS = word_keys(
    "il elle ils elles quelqu quelquun monsieur madame dame femme homme gars mec voisin voisine "
    "maman tonton tata he she they man woman lady somebody someone person"
)


def _bought_by_someone(reading: Reading, hit: Hit) -> bool:
    """A bought said (not `acheter`) with a buyer before it, no `je` nor `on` among them."""
    keys = reading.keys
    if keys[hit.position] not in _BOUGHT or not has_number(reading):
        return False
    before = keys[: hit.position]
    return any(k in _BUYERS for k in before) and not any(k in _MANAGER for k in before)


_MANAGER = word_keys("je j on nous moi faut i we")
_HAVE = word_keys("ai a avons avez as")  # `j'ai acheté`: done, `j'achète`, `achète` are not


def _bought_by_manager(reading: Reading, hit: Hit) -> bool:
    """A purchase done (`bought`, `acheté` after `ai`/`a`/`avons`), nobody else's."""
    keys = reading.keys
    word, before = keys[hit.position], keys[: hit.position]
    done = word == "bought" or (
        word in _BOUGHT and word != "achetent" and any(k in _HAVE for k in before[-2:])
    )
    return done and not any(k in _BUYERS for k in before)


def has_number(reading: Reading) -> bool:
    """Digits or a number word; ``un``/``une`` only as the count of a unit or a product
    ("un sac", "une dizaine", "un riz"), not as an article ("je cherche un chauffeur")."""
    keys = reading.keys
    used = reading.match.positions if reading.match else frozenset()
    for position, key in enumerate(keys):
        ambiguous = key in ARTICLES or key in EVERYDAY_NUMBERS
        if is_numeric(key) or (key in NUMBER_WORDS and not ambiguous):
            return True
        if ambiguous and position + 1 < len(keys):
            following = keys[position + 1]
            if following in UNIT_WORDS or following in VAGUE_WORDS or position + 1 in used:
                return True
    return False


# `le sac`, `son bidon`, `his bag`: one of a unit, said with no number (`le client a rendu le
# sac de riz`).
_THE_ONE = word_keys("le la l son sa mon ma the his her my")


# A return only wanted or asked about (`le client veut rendre le riz`, `returned for rice`)
_WANTED = word_keys(
    "veut veulent voudrait voulait demande demandent want wants wanted asks pour for"
)


def _only_wanted(reading: Reading) -> bool:
    return any(key in _WANTED for key in reading.keys)


# What was just talked about, said as a pronoun: `customer returned it`, Pidgin `return am`,
# `le client l'a rendu`, Wolof `delloo na ko`.
_IT = word_keys("it them am ko")
_HAVE_AFTER_IT = word_keys("a ont")


def _said_of_it(reading: Reading) -> bool:
    keys = reading.keys
    return any(k in _IT for k in keys) or any(
        k == "l" and following in _HAVE_AFTER_IT
        for k, following in zip(keys, keys[1:], strict=False)
    )


def _one_said(reading: Reading) -> bool:
    """A definite or possessive article right before a unit word: one of it."""
    keys = reading.keys
    return any(
        key in _THE_ONE and following in UNIT_WORDS
        for key, following in zip(keys, keys[1:], strict=False)
    )


# Wolof `indi` (bring) said to someone for the speaker: `indi ma 10 ceeb`, `indil nu 5 saabu`
# (bring me, bring us): goods asked for, an order; `indi na`, `indi nañu` (brought) came in.
_BRING = word_keys("indi indil")
_FOR_US = word_keys("ma nu")


def _asked_to_bring(keys: Sequence[str]) -> bool:
    return any(
        k in _BRING and following in _FOR_US for k, following in zip(keys, keys[1:], strict=False)
    )


def _not_a_movement(reading: Reading, hit: Hit) -> bool:
    """A weak transaction word (a typo fixed, an everyday word) says nothing moved when no
    product or amount backs it ("le livre est sur la table", "où est le commandant ?"), or when
    the message asks about stock ("il reste entre 5 et 10 sacs", "stok bouillon aggi")."""
    if reading.match is None and not _has_amount(reading):
        return True
    return reading.cues.asks_stock or (hit.corrected and Cue.STOCK in reading.cues)


def _gone_with_amount(reading: Reading) -> bool:
    """A product said gone with an amount (`2 sugar finish`, `3 rice gone`, `5 milo don
    finish`): that many sold. Without one (`sugar finish`), none is left: a stock stated, which
    the conversation offers as a count of 0."""
    return (
        reading.match is not None
        and has_number(reading)
        and bool(_unnamed(reading, GONE_WORDS))
        and not reading.cues.found & {Cue.STOCK, Cue.WHAT, Cue.LOW}
    )


def _unnamed(reading: Reading, words: frozenset[str]) -> list[int]:
    """Where `words` stand that are no words of the product named: the `finish` of `Finish
    tablets` (`we get 10 finish`, `2 finish`) names it, it says nothing went. Products that
    tie leave it unsaid which words name which: any may be the verb (`2 sugar finish`)."""
    match = reading.match
    used = match.positions if match and len(match.products) == 1 else frozenset()
    return [i for i, k in enumerate(reading.keys) if k in words and i not in used]


# Someone getting goods, as traders write English (`we get 10 bags rice`, `i don get 5 cartons`,
# `we just get 20 gallons oil`): an arrival, with an amount and a product only.
_GET = frozenset({"get"})
_GETTERS = word_keys("we i don just")
_ASKING_TO_GET = word_keys(f"can could may want wan need {MODAL_CAN}")
# Asked, not told: `did we get 10 bags rice`, `have we get 10 rice`, `when we get 10 rice`,
# `we get 10 bags rice?` (a question mark: `get` is Pidgin for have).
_ASKING_FIRST = word_keys("did do does have has will when if")
# Pidgin `we get 10 bags rice for store`, `i get 5 milo for shop`, `we get 4 in the store`:
# that many are there (we have), no arrival.
_KEPT_IN = word_keys("for in inside")
_STORE = word_keys("store shop shelf warehouse")


def _got_with_amount(reading: Reading) -> bool:
    keys = reading.keys
    return (
        reading.match is not None
        and has_number(reading)
        and any(i and keys[i - 1] in _GETTERS for i in _unnamed(reading, _GET))
        and not any(k in _ASKING_TO_GET for k in keys)
        and keys[0] not in _ASKING_FIRST
        and not reading.asked  # Pidgin `we get 10 bags rice?`: do we have them
        and not _kept_in_store(reading)
        and not reading.cues.found & {Cue.STOCK, Cue.WHAT, Cue.LOW}
    )


def _kept_in_store(reading: Reading) -> bool:
    """`for store`, `in the shop`: where the goods are, not where they came (a word of the
    product named is none: `Shop Rite` rice)."""
    keys = reading.keys
    return any(
        any(k in _KEPT_IN for k in keys[max(0, i - 3) : i]) for i in _unnamed(reading, _STORE)
    )


def _sold_out(keys: Sequence[str], hit: Hit) -> bool:
    """`sold out of milk`, `rice sold out`: none left, no sale (and no word unexplained)."""
    return keys[hit.position] == "sold" and keys[hit.position + 1 : hit.position + 2] == ["out"]


def _not_an_act(reading: Reading, hit: Hit) -> bool:
    """Words that name a movement without reporting or ordering one: a hint word with no
    amount ("le numéro du fournisseur de riz"), "entre X et Y" (between), "sold out" (none
    left, no sale), or an infinitive with no product nor amount that serves another verb ("je
    cherche un chauffeur pour livrer"; "je veux commander" still orders)."""
    keys = reading.keys
    if hit.strength is Strength.HINT:
        return not _has_amount(reading)
    raw = keys[hit.position]
    if _sold_out(keys, hit):
        return True
    between = raw == "entre" and not reading.tokens[hit.position].accented
    if between and "et" in keys[hit.position + 2 : hit.position + 6]:
        return True
    return (
        raw in INFINITIVES
        and reading.match is None
        and not _has_amount(reading)
        and reading.leftover >= 1
    )


def _names_the_commands(reading: Reading) -> bool:
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


def _has_amount(reading: Reading) -> bool:
    """A number or a size: what a stock movement is about."""
    return has_number(reading) or any(is_size(k) for k in reading.keys)


def _has_measure(reading: Reading) -> bool:
    """A number, or a size that is no word of the product's name (`le client a pris 5 kg de
    pointes`; not the `50kg` of `le client cherche du riz 50kg`)."""
    used = reading.match.positions if reading.match else frozenset()
    return has_number(reading) or any(
        is_size(k) and i not in used for i, k in enumerate(reading.keys)
    )


def _first(reading: Reading, cue: Cue) -> int:
    words = _ANSWER_WORDS[cue]
    return next((i for i, k in enumerate(reading.keys) if k in words), len(reading.keys))


# Words that surround a command without being one ("bonjour", "stp", "merci"): an item whose


_CHAT = frozenset({Cue.GREET, Cue.THANKS})
_COMMANDS = frozenset(Cue) - COURTESY - {Cue.WHAT, Cue.ALL}


def small_talk_about(
    match: ProductMatch, tokens: Sequence[Token], cues: Cues, keys: Sequence[str]
) -> bool:
    """Whether the product found is only words of small talk: a weak match in a greeting or an
    English sentence ("Hello from the field" is no question about green tea), or the thing
    thanked for ("merci pour le thé")."""
    return (_weak(match, tokens) and _small_talk(cues, keys)) or _thanks_for(cues, keys)


def _weak(match: ProductMatch, tokens: Sequence[Token]) -> bool:
    """A product found only through a corrected typo (``team`` for tea) or through function
    words typed plain (``the`` for thé): a weak reading."""
    plain = all(tokens[p].key in STOPWORDS and not tokens[p].accented for p in match.positions)
    return plain or not match.exact


def _small_talk(cues: Cues, keys: Sequence[str]) -> bool:
    """A greeting or thanks, or a sentence in English, with no command in it nor a product
    said finished (`the gazelle is finished`)."""
    if cues.found & _COMMANDS or any(k in FINISHED_WORDS for k in keys):
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
