"""The stock stated rather than asked (`il reste 30 riz`, `il y a 30 sacs de riz`, `plus que 5
sucre`, `only 4 left of sugar`, `le lait est fini`, `ceeb bi dafa jeex`): the manager says what
is on the shelf. It is offered as a count (`Riz : 42 → 30 sacs ?`), confirmed as counts are;
before, the stock noted was shown and the figure said was lost. A question (`il reste combien de
riz ?`, `il reste 30 riz ?`) is still answered. Naming no product (`il y a 4 cartons`, `il en
reste 4`) right after an answer about one (a sale of its cartons), it is that product's."""

from __future__ import annotations

from intents.answers import NOT_WORDS, amounts_in, keys_of, numbers_in
from intents.normalize import phrase_keys, word_keys
from intents.requests import Readings, read_counts, says_count
from state.answers import family_line, stock_text
from state.drafts import Draft, Line
from state.flows.moves import advance, count_line
from state.flows.moves.packs import name_words
from state.flows.moves.settle import FAMILY_SHOWN
from state.flows.moves.units import foreign, unit_said
from state.matching import Offered, measure_of
from state.turn import Reading, Turn
from state.values import Reply

# Words that state what is left (`il reste`, `only … left`, `plus que`, Wolof `des na`).
_STATING = word_keys("reste restent restant restants restante left remaining remain remains des")
_ONLY = phrase_keys(
    "plus que",
    "only",
    "que",
    "y a",
    "there are",
    "there is",
    "there s",
    "theres",
    "we have",  # `we have 4 crates of coke`
    "i have",
)
# A product finished: none left (`le lait est fini`, `dafa jeex`, `sugar is finished`, `sugar
# finish`, `rice don finish`, `the milo is gone`).
_FINISHED = word_keys(
    "fini finie finis finies epuise epuisee epuises termine terminee jeex finished finish gone"
)
# `sold out of milk`, `we are out of sugar`, `rice sold out`: none left too, but not `running
# out of rice` (low, not out).
_OUT = "out"
_SOLD_OUT = word_keys("sold")
_RUNNING_OUT = word_keys("run running runs ran almost nearly")
# Before a finished word, not finished yet: `le riz est presque fini`, `rice almost finished`,
# Pidgin `rice dey finish` (is running out).
_NEARLY = word_keys("presque bientot almost nearly soon dey")
# Words that ask rather than state.
_ASKING = word_keys("combien cb how many much naata quel quelle what ndax do does")
# Words that are neither the product nor the figure.
_AROUND = (
    _STATING
    | _FINISHED
    | word_keys(
        "il ils me m nous on y a en plus que only of there are is na dafa est sont it bi yi "
        "ba le la les l du de am them ko s theres we sold out i have"
    )
)


def stated_counts(turn: Turn, reading: Reading) -> tuple[Readings, ...] | None:
    """The count a stock statement says, one product, or None when the message asks."""
    text = reading.text
    keys = keys_of(text)
    parsed = reading.parsed
    if _asks(text, keys) or len(reading.many) > 1 or parsed is None:
        return None
    # the words of the product's name are no statement (`2 finish`: 2 of « Finish tablettes »)
    name = name_words(turn, parsed.product) if parsed.product else []
    finished = _finished(_besides(keys, name))
    if not (finished or _states(keys)):
        return None
    if parsed.product is None and not parsed.candidates:
        return None
    if parsed.product is not None:  # `il reste 40 m de voile`: 40 of fabric sold by the metre
        keys = amounts_in(keys, measure_of(turn.unit(parsed.product)))
    words = " ".join(k for k in keys if k not in _AROUND or k in name)
    if finished and not _figures(turn, keys):
        counts: tuple[Readings, ...] = (((words, 0),),)
    else:
        counts = read_counts(words)
    if len(counts) != 1:
        return None
    line = count_line(turn, counts[0])
    product = turn.product(line.sku) if line.sku else None
    if product is not None and product.quantity == line.quantity:
        return None  # what is noted: the stock answer says so
    return counts


_DONE_BEFORE = word_keys("deja already hier yesterday")


def count_asked(turn: Turn, reading: Reading) -> bool:
    """`inventaire riz`, `je vais compter le riz`, `count the rice`: a count of one product said
    without its number. Its stock is shown and how many were counted asked (nothing recorded
    before the number and a yes); it was the stock alone, and the number typed next was not
    understood. Of a family (`inventaire sucre`, `inventaire fer`: at most `FAMILY_SHOWN`
    products) or of products named (`inventaire riz et savon`), each one's stock, then each
    count, asked in turn (all of them may be typed at once: `answers.counted`); it was their
    stock alone."""
    parsed = reading.parsed
    keys = keys_of(reading.text)
    if parsed is None or "?" in reading.text or _asks(reading.text, keys):
        return False
    if not says_count(keys) or (numbers_in(keys).values and not _its_name(turn, reading)):
        return False  # `inventaire riz 30`: counted; `inventaire fer 8`: the 8 of Fer 8mm
    if any(k in NOT_WORDS or k in _DONE_BEFORE for k in keys):
        return False  # `le riz ne compte pas`, `on a déjà compté le riz hier`: no count asked
    named = [i.product for i in reading.many] if len(reading.many) > 1 else [parsed.product]
    if None in named and len(named) > 1:
        return False
    skus = named if named[0] else Offered(parsed.candidates, turn.view.matcher).ranked(reading.text)
    products = [p for p in map(turn.product, dict.fromkeys(skus)) if p is not None]
    if not products or len(products) != len(skus) or len(products) > FAMILY_SHOWN:
        return False
    if len(products) == 1:
        turn.reply(Reply(stock_text(turn.lang, products[0])))
    else:
        turn.reply(Reply("\n".join(family_line(turn.lang, p, None) for p in products)))
    advance(turn, Draft("count", tuple(Line(sku=p.sku) for p in products)))
    return True


def name_count_asked(turn: Turn, reading: Reading) -> bool:
    """`inventaire fer 8`, `inventaire pvc 32`: a count asked of the product a number of its name
    names (`count_asked`); it was a count of 8 of the four rebars (« Quel produit ? »)."""
    numbered = bool(numbers_in(keys_of(reading.text)).values)
    return numbered and _its_name(turn, reading) and count_asked(turn, reading)


def _its_name(turn: Turn, reading: Reading) -> bool:
    """Whether every number typed is one of the one product named, and tells it from others
    (`fer 8` of Fer 8mm among the rebars); not when its words name it alone (`riz brisé 50` of
    Riz brisé 50kg: 50 counted)."""
    parsed, matcher = reading.parsed, turn.view.matcher
    if parsed is None or parsed.product is None or parsed.quantity is not None or matcher is None:
        return False
    if not Offered([parsed.product], matcher).holds_numbers(reading.text):
        return False
    words = " ".join(k for k in keys_of(reading.text) if not any(c.isdigit() for c in k))
    return matcher.parse(words).product != parsed.product


def of_subject(turn: Turn, reading: Reading) -> Draft | None:
    """`il y a 4 cartons`, `il en reste 4`, `only 4 left`, `dafa jeex` (0), naming no product,
    right after an answer about one (`vendu 2 savon`): a draft of that product's count (it was
    the whole stock, or the products counted in cartons); after an answer about several
    (`vendu 2 riz et 3 savon`), of the one of them counted in the unit said, or which of them
    is asked. Asked (`il y a 4 cartons ?`, `combien de cartons ?`) or the figure noted: its
    stock. Not in another unit than the product's (`il y a 4 sacs` after soap counted in
    cartons may be another product)."""
    keys = keys_of(reading.text)
    asks = _asks(reading.text, keys)
    out = not asks and _out_of_it(keys)
    if not keys or not (asks or out or _states(keys)):
        return None
    words = [k for k in keys if k not in _AROUND and k not in _ASKING]
    numbers = numbers_in(words).values
    if len(numbers) > 1 or not (numbers or asks or out):
        return None
    start, stop, value = numbers[0] if numbers else (0, 0, 0 if out else None)
    unit = unit_said(turn, " ".join(words))
    if any(k != unit for k in words[:start] + words[stop:]):
        return None  # words of a product, or another number
    subject = turn.subject()
    about = [subject] if subject is not None else turn.listed()
    fits = tuple(s for s in about if not foreign(turn, Line(sku=s, quantity=value, unit=unit)))
    product = turn.product(fits[0]) if len(fits) == 1 else None
    if fits and (asks or (product is not None and product.quantity == value)):
        return Draft("stock", tuple(Line(sku=sku) for sku in fits))  # what is noted
    if len(fits) > 1:  # `il reste 30` after rice and soap sold: which of them
        return Draft("count", (Line(quantity=value, candidates=fits),))
    return Draft("count", (Line(sku=fits[0], quantity=value),)) if fits else None


def _besides(keys: list[str], name: list[str]) -> list[str]:
    """`keys` but one of each word of the product's `name` (`finish finish`: Finish is out)."""
    rest = list(keys)
    for word in dict.fromkeys(name):
        if word in rest:
            rest.remove(word)
    return rest


def _figures(turn: Turn, keys: list[str]) -> bool:
    """Whether a number is typed that is no number of a name after its word (`le lait 400 est
    fini`: the 400 of "Lait de corps 400ml", none left of it; not 400 of either milk)."""
    matcher = turn.view.matcher
    named = matcher.name_numbers if matcher is not None else frozenset()
    return any(
        key.isdigit() and not (index and (keys[index - 1], key) in named)
        for index, key in enumerate(keys)
    )


def says_finished(text: str) -> bool:
    """`le lait est fini`, `gazelle bi dafa jeex`: a product said to be out, no question."""
    keys = keys_of(text)
    return _finished(keys) and not _asks(text, keys)


def _finished(keys: list[str]) -> bool:
    """A finished word not said nearly so (`sugar finish`, not `sugar almost finish`), or out of
    it (`sold out of milk`)."""
    return _out_of(keys) or any(
        key in _FINISHED and not (i and keys[i - 1] in _NEARLY) for i, key in enumerate(keys)
    )


def _out_of(keys: list[str]) -> bool:
    """`sold out of milk`, `we are out of sugar`, `rice sold out`; not `running out of rice`."""
    return any(
        key == _OUT
        and (keys[i - 1 : i] and keys[i - 1] in _SOLD_OUT or keys[i + 1 : i + 2] == ["of"])
        and not (keys[i - 1 : i] and keys[i - 1] in _RUNNING_OUT)
        for i, key in enumerate(keys)
    )


# Who is said finished: `dafa jeex`, `jeex na`, `il est fini`, `it's finished`, `they are
# finished` (not `c'est fini`, `fini`: done).
_IT = word_keys("dafa na nanu il elle ils elles it its they is are")


def _out_of_it(keys: list[str]) -> bool:
    """`dafa jeex`, `il est fini`, `it's finished`: only that, of something said finished."""
    return (
        any(k in _FINISHED for k in keys)
        and any(k in _IT for k in keys)
        and all(k in _AROUND for k in keys)
    )


def _asks(text: str, keys: list[str]) -> bool:
    """`il reste combien ?`, `il y a 4 cartons ?`, `est-ce qu'il reste du riz`: a question."""
    return (
        "?" in text
        or any(k in _ASKING for k in keys)
        or any(keys[i : i + 2] == ["est", "ce"] for i in range(len(keys)))
    )


def _states(keys: list[str]) -> bool:
    return any(k in _STATING for k in keys) or any(
        tuple(keys[i : i + len(p)]) == p for p in _ONLY for i in range(len(keys))
    )
