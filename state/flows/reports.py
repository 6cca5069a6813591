"""Questions about what moved and what runs out: `ventes du jour`, `bilan`, `combien de riz j'ai
vendu hier ?`, `qu'est-ce qui se vend le plus ?`, `arrivages de la semaine`, `rapport du jour`
(both), `historique riz`, `qu'est-ce qui va manquer ?`. They record nothing and ask nothing."""

from __future__ import annotations

from intents.requests import Request
from state.effects import FindHistory, FindPace, Summarize
from state.events import HistoryFound, PaceFound, SummaryFound
from state.summaries import running_out_text, summary_text
from state.turn import Turn
from state.values import Reply


def summary(turn: Turn, request: Request) -> None:
    turn.finish()
    sku = _product(turn, request.rest)
    turn.do(Summarize(request.movement or "sale", request.period or "day", sku, top=request.top))


def _product(turn: Turn, words: str) -> str | None:
    matcher = turn.view.matcher
    if not words or matcher is None:
        return None
    parsed = matcher.parse(words)
    if parsed.product is not None and turn.product(parsed.product):
        return parsed.product
    return None


def found(turn: Turn, event: SummaryFound) -> None:
    named = turn.name(event.sku) if event.sku else None
    if event.movement == "all":  # `rapport du jour`: the sales, then the arrivals
        parts = [
            summary_text(turn.lang, "sale", event.period, event.rows, named=named),
            summary_text(turn.lang, "receipt", event.period, event.received, named=named),
        ]
        turn.reply(Reply("\n\n".join(parts)))
        return
    shown = summary_text(
        turn.lang, event.movement, event.period, event.rows, named=named, top=event.top
    )
    turn.reply(Reply(shown))


def history(turn: Turn, request: Request) -> None:
    """`historique riz`: the product's latest movements; which product, when none is named."""
    turn.finish()
    sku = _product(turn, request.rest)
    if sku is None:
        turn.say("history_which")
        return
    turn.do(FindHistory(sku))


def history_found(turn: Turn, event: HistoryFound) -> None:
    product = turn.product(event.sku)
    name = product.name if product is not None else event.sku
    if not event.rows:
        turn.say("history_none", name=name)
        return
    lines = [turn.t("history_title", name=name)]
    for row in event.rows:
        who = turn.t("history_by", who=row.who) if row.who else ""
        # a loss taken back reads « perte annulée », not the count it is recorded as
        what = f"history_{row.why}_undone" if row.undone else f"history_{row.why or row.kind}"
        lines.append(
            turn.t(
                "history_line",
                when=row.when,
                what=turn.t(what),
                delta=f"{row.delta:+d}",
                after=turn.amount(row.after, event.sku),
                who=who,
            )
        )
    turn.reply(Reply("\n".join(lines)))
    turn.note_subject((event.sku,))


def running_out(turn: Turn) -> None:
    """`qu'est-ce qui va manquer ?`: the paces of the store's products first."""
    turn.settle(FindPace(tuple(p.sku for p in turn.view.products)), then="cover")


def paced(turn: Turn, event: PaceFound) -> None:
    turn.reply(Reply(running_out_text(turn.lang, turn.view.products, event.paces)))
