"""`vendu 2m50 bazin blanc` (2,50 m of fabric sold by the metre) records no sale of 50 metres:
the decimal is asked about, as `2,5 m` is (the stock counts whole metres)."""

from __future__ import annotations

from state import RecordMovement
from tests.state.conftest import Row, Runner, make_view, texts

FABRIC: list[Row] = [
    ("BAZIN-BLANC", "Bazin riche blanc", [], "mètre", 120, 30, 30),
    ("BAZIN-BLEU", "Bazin riche bleu", [], "mètre", 45, 30, 30),
]


def test_two_metres_fifty_is_not_fifty_metres() -> None:
    runner = Runner(make_view(rows=FABRIC))
    outs = [runner.say(typed) for typed in ("vendu 2m50 bazin blanc", "oui", "oui")]
    said = [texts(out) for out in outs]
    assert not any("50" in text for text in said), said
    assert not any(isinstance(e, RecordMovement) for out in outs for e in out.effects), said
