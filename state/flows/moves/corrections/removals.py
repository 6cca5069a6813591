"""Lines named removed at any question about the draft (`enlève le savon`, `sans le riz`,
`annule le sucre`, `no sugar`); the rest is settled again."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from intents.answers import NOT_WORDS, keys_of, numbers_in, position
from intents.keywords import WORDS, Cue
from intents.normalize import word_keys
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS
from state.drafts import Draft
from state.flows.moves.acts import drop_lines
from state.flows.moves.corrections.additions import OPENING
from state.flows.moves.corrections.lines import lines_picked
from state.flows.moves.corrections.siblings import products_named
from state.flows.moves.settle import SKIP_WORDS
from state.matching import Offered
from state.messages import shorten
from state.turn import Turn

# `sans le riz`, `enlève le riz`, `annule le riz`, `cancel the rice`, `bayyi ceeb bi`, `pas le
# riz` drop the lines named, at any question about the draft (its confirmation, which product or
# how many for a line, which line to change); `annule`, `cancel` alone still drop the whole.
_DROPPING = SKIP_WORDS | word_keys("sans without")


_CANCELLING = WORDS[Cue.CANCEL]


# `pas le sucre`, `not the sugar`, `no sugar`: only when it names lines and nothing else, of a
# draft of several (`pas le riz, le sucre` corrects the product; `pas celui-là` asks for the
# other; `pas le sucre` under the sugar alone names another product). English `no` right before
# the words (`no sugar`; not `no, coffee`, an answer) names what is not wanted, the only line
# too; French `non` is a no, then a correction (`non le riz parfumé`).


_NO = word_keys("no")


_REMOVING = _DROPPING | _CANCELLING | NOT_WORDS


# Words that do not name what is removed; `et` is kept, it separates lines named together.
_NOT_NAMING = _REMOVING | (OPENING - word_keys("et and"))


def removed(turn: Turn, draft: Draft, text: str, offer: Sequence[str] | None = None) -> bool:
    """`enlève le savon`, `non sans le riz`, `annule le sucre`, `remove the soap and the rice`:
    the lines named go, the rest settled again (the next question, or the confirmation of what
    is left; nothing left: said so, nothing recorded). Words that fit several lines remove them
    all (`annule le riz` under the broken and the scented rice: the manager said "the rice",
    both are; the rest is shown again, a rice to keep is added back with `et 2 riz parfumé`).
    A product named that is no line changes nothing and is said so (`enlève le sucre` does not
    drop the sale for a question about sugar). Only when the message opens with the removing
    word and has no number: `eau sans gaz 4` and `oui sans problème` are a correction and a
    yes. A cancel, `pas`, `not` or `no` removes only lines named by their products (`annule le
    dernier`, `annule la vente`, `pas le riz, le sucre` are something else). While products are
    offered (`offer`), `sans` or `pas` that picks some of them but not all is an answer (`sans
    gaz` among the waters), not a removal."""
    keys = keys_of(text)
    opening = list(itertools.dropwhile(lambda k: k in OPENING, keys))
    if not opening or turn.view.matcher is None:
        return False
    first = opening[0]
    if first not in _REMOVING:
        if not _says_no_to(text, keys, opening):
            return False
        first = "no"  # `no sugar`: as `not the sugar`, the only line too
    if numbers_in(keys).values:
        return False
    strict = first not in _DROPPING  # a cancel, `pas`, `not`
    soft = first not in SKIP_WORDS and first not in _CANCELLING  # `sans`, `pas`
    if soft and offer and _narrows(turn, offer, text):
        return False
    words = " ".join(w for w in text.split() if not set(keys_of(w)) & _NOT_NAMING)
    pieces = [item.text for item in turn.view.matcher.parse_many(words)] if words else []
    if len(pieces) < 2:
        pieces = [words]
    if strict and any(position(piece, len(draft.lines)) for piece in pieces):
        return False  # `annule le dernier`: not a line named by its product
    found = [_lines_designated(turn, draft, piece) for piece in pieces]
    lines = set().union(*found)
    alone = len(draft.lines) < 2 and first not in _NO
    if first in NOT_WORDS | _NO and (alone or len(found) > 1 or not all(found)):
        return False  # `pas le sucre` under the sugar alone: another product, not none
    drafted = {*draft.skus, *(sku for line in draft.lines for sku in line.candidates)}
    if first in NOT_WORDS | _NO and set(products_named(turn, words)) - drafted:
        return False  # `pas le riz le café`: the rice swapped for coffee, not removed
    if lines and all(found):  # `enlève le café et le savon`: both go
        drop_lines(turn, draft, lines)
        return True
    if lines:  # `enlève le café et le sucre`, the sugar no line: nothing is removed
        words = " ".join(piece for piece, index in zip(pieces, found, strict=True) if not index)
    named = products_named(turn, words)
    offered = {sku for line in draft.lines for sku in line.candidates}
    if not named or set(named) & (set(draft.skus) | offered):
        return False  # a line's product, or one offered for a line (`annule le lait` of an offer)
    if len(named) == 1:
        what = turn.name(named[0])
    else:  # `sucre`, not `le sucre`
        plain = " ".join(w for w in words.split() if not set(keys_of(w)) <= STOPWORDS)
        what = shorten(plain or words, 30)
    turn.repeat_question(turn.t("remove_unknown", text=what))
    return True


def _says_no_to(text: str, keys: Sequence[str], opening: Sequence[str]) -> bool:
    """`no sugar`, `no rice please`: English `no` opening the message, right before the words of
    what is not wanted (`no, coffee` answers a question: the comma says so)."""
    return (
        len(keys) > 1
        and keys[0] in _NO
        and len(opening) == len(keys) - 1
        and _NO_THEN_WORDS.match(text) is not None
    )


_NO_THEN_WORDS = re.compile(r"\s*no\s+\w", re.IGNORECASE)


def _narrows(turn: Turn, offer: Sequence[str], text: str) -> bool:
    """`text` picks some of the products offered, not all (`sans gaz` among the waters)."""
    picked = Offered(offer, turn.view.matcher).pick(text)
    return bool(picked) and set(picked) != set(offer)


def _lines_designated(turn: Turn, draft: Draft, words: str) -> set[int]:
    """The lines `words` designate: those settled whose products the words fit (`lines_picked`:
    both rices for `riz`), or their position, and those still to settle that were typed with
    words of their own (not a mere offer, "which product to order?"), by them (`banane`, which
    the shop does not have) or their candidates (`sucre` for the line "which sugar?")."""
    settled = lines_picked(turn, draft, words)
    keys = {k for k in keys_of(words) if k.isalpha() and k not in STOPWORDS | UNIT_WORDS}
    unsettled = {
        index
        for index, line in enumerate(draft.lines)
        if line.sku is None
        and line.words
        and keys
        and (
            bool(keys & set(keys_of(line.words)))
            or bool(Offered(line.candidates, turn.view.matcher).pick(words))
        )
    }
    return unsettled | settled
