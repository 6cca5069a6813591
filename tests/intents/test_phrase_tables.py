"""Phrase tables are compared with the keys of a message (`word_key`: `this` reads `thi`,
`suis` reads `sui`, `plus` reads `plu`), so they are written as keys (`phrase_keys`): written
as plain words, `not this`, `me suis trompé`, `en cours`, `à plus`, `plus que` never matched."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import intents
import state
from intents.answers import wants_other
from intents.normalize import word_key


@pytest.mark.parametrize("typed", ["not this one", "not this", "non, pas celui-là"])
def test_not_this_one_wants_the_other(typed: str) -> None:
    assert wants_other(typed)


def test_every_phrase_table_is_written_as_keys() -> None:
    """Any module-level table of phrases (a tuple of tuples of words) holds keys only."""
    plain: list[str] = []
    for package in (intents, state):
        for found in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(found.name)
            for name, value in vars(module).items():
                if not (isinstance(value, tuple) and value):
                    continue
                if not all(
                    isinstance(p, tuple) and p and all(isinstance(w, str) for w in p) for p in value
                ):
                    continue
                if any(word_key(w) != w for p in value for w in p):
                    plain.append(f"{found.name}.{name}")
    assert plain == []
