"""The product words the help, the greeting and "not understood" show as examples: words of the
store's own catalogue that the bot reads back as its products (`STOCK RIZ` in a grocery,
`STOCK CIMENT` in a hardware shop), the language's usual ones when the catalogue has none.

Chosen once per matcher and language: a matcher is built once per catalogue's words (`bot`
keeps it until names or aliases change) and reads a text the same way every time, so the words
it would choose again are the same."""

from __future__ import annotations

from collections.abc import Iterator
from weakref import WeakKeyDictionary

from intents import IntentMatcher

_DEFAULTS = {"fr": ("RIZ", "SUCRE"), "en": ("RICE", "SUGAR"), "wo": ("CEEB", "SUUKAR")}
_SCANNED = 30  # products looked at, at most: this runs on the turns that show an example
# Per matcher (forgotten with it), per language: the words chosen.
_CHOSEN: WeakKeyDictionary[IntentMatcher, dict[str, tuple[str, str]]] = WeakKeyDictionary()


def example_words(language: str, matcher: IntentMatcher | None) -> dict[str, str]:
    """`example` and `example2`, two words that each name products of the catalogue."""
    defaults = _DEFAULTS.get(language, _DEFAULTS["fr"])
    if matcher is None or not matcher.products:
        return {"example": defaults[0], "example2": defaults[1]}
    known = _CHOSEN.setdefault(matcher, {})
    words = known.get(language)
    if words is None:
        words = known[language] = _choose(matcher, defaults)
    return {"example": words[0], "example2": words[1]}


def _choose(matcher: IntentMatcher, defaults: tuple[str, str]) -> tuple[str, str]:
    chosen: list[str] = []
    for word in (*defaults, *_catalogue_words(matcher)):
        if word not in chosen and _names_products(matcher, word):
            chosen.append(word)
            if len(chosen) == 2:
                break
    chosen += [d for d in defaults if d not in chosen]
    return chosen[0], chosen[1]


def _catalogue_words(matcher: IntentMatcher) -> Iterator[str]:
    """Per product, its first one-word alias, else the first word of its name (letters only)."""
    for product in matcher.products[:_SCANNED]:
        words = [a for a in product.aliases if _plain(a)]
        words += [w for w in product.name.split() if _plain(w)]
        if words:
            yield words[0].upper()


def _plain(word: str) -> bool:
    return len(word) >= 3 and word.isalpha()


def _names_products(matcher: IntentMatcher, word: str) -> bool:
    parsed = matcher.parse(f"stock {word}")
    return parsed.product is not None or bool(parsed.candidates)
