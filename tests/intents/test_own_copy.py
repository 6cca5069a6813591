"""A reading given again (`IntentMatcher.parse` keeps the last one) is a copy of every field."""

from __future__ import annotations

from dataclasses import fields

from intents import Intent
from intents.matcher import own_copy
from intents.models import ParsedIntent


def test_a_copy_keeps_every_field_and_has_its_own_candidates() -> None:
    # A distinct value for every field, whatever fields come later: one left out of the copy
    # takes its default and differs.
    values = {f.name: object() for f in fields(ParsedIntent)}
    values["intent"] = Intent.SALE
    values["candidates"] = ["RIZ", "RIZ-P"]
    parsed = ParsedIntent(**values)  # type: ignore[arg-type]
    copy = own_copy(parsed)
    for f in fields(ParsedIntent):
        assert getattr(copy, f.name) == getattr(parsed, f.name), f.name
    assert copy.candidates is not parsed.candidates
