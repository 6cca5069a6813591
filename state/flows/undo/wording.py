"""What a movement taken back is called: by the reason its note says (a loss, a return to the
supplier, a customer's return: `state.effects.NOTES`), else by its kind; and the lines of an
exchange by what each was (the goods brought back leave the stock again, the goods sold come
back), in the exchange's own words (« Rendu », « Vendu »)."""

from __future__ import annotations

from collections.abc import Sequence

from state.turn import Turn

KIND_WORD = {"sale": "sale", "receipt": "receipt", "adjustment": "count", "loss": "loss"}
SOLD = "sale"  # the kind of an exchange's goods sold; the goods brought back are a receipt


def kind_word(kind: str, why: str = "") -> str:
    """The word the texts name a movement by (`undo_what_…`, `undone_…`, `fixed_…`): the
    reason its note says (`loss`, `supplier`, `return`), else its kind's (`sale`, `receipt`,
    `count`)."""
    return why or KIND_WORD.get(kind, "sale")


def exchange_lines(turn: Turn, lines: Sequence[tuple[str, str, int, int | None]]) -> str:
    """The lines `(kind, sku, quantity, after)` of an exchange taken back, the goods brought
    back first as the exchange said them: to leave the stock again or to come back (`after`
    None: asked), or left or back with the stock after (once done)."""
    done = "undone" if any(after is not None for *_, after in lines) else "undo"
    return "\n".join(
        turn.t(
            f"{done}_{'sold' if kind == SOLD else 'back'}_line",
            line=turn.line_text(sku, quantity),
            after=turn.amount(after, sku) if after is not None else "",
        )
        for kind, sku, quantity, after in sorted(lines, key=lambda line: line[0] == SOLD)
    )
