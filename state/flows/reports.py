"""Questions about what moved and what runs out: `ventes du jour`, `bilan`, `combien de riz j'ai
vendu hier ?`, `qu'est-ce qui se vend le plus ?`, `arrivages de la semaine`, `rapport du jour`
(both), `historique riz`, `qu'est-ce qui va manquer ?`. They record nothing and ask nothing."""

from __future__ import annotations

from collections.abc import Mapping

from intents.answers import keys_of
from intents.requests import Request, RequestKind
from intents.requests.reports import read_follow_up
from state.effects import FindHistory, FindPace, Summarize
from state.events import HistoryFound, PaceFound, SummaryFound
from state.machine import REPORT_KEY
from state.matching import Offered
from state.summaries import running_out_text, summary_text
from state.turn import Reading, Turn
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


def followed(turn: Turn, reading: Reading) -> bool:
    """`et hier ?`, `et cette semaine`, `et le sucre ?`, `et les arrivages ?` right after a
    report: the same report of that period, product or movement. Any other message ends the
    thread (the report is forgotten)."""
    asked = turn.ctx.pop(REPORT_KEY, None)
    if not isinstance(asked, Mapping) or not turn.lately(asked):
        return False
    request = reading.request
    if request is not None and request.kind not in (RequestKind.SUMMARY, RequestKind.THANKS):
        return False  # `et la commande de riz ?`, `et le riz est fini`: a request of its own
    follow = read_follow_up(keys_of(reading.text))
    if follow is None:
        if request is not None and request.kind is RequestKind.THANKS:
            turn.ctx[REPORT_KEY] = asked  # `merci`, then `et hier ?`: the thread goes on
        return False
    sku = asked.get("sku") or None
    if follow.rest:
        sku = _product(turn, follow.rest)
        if sku is None or not Offered([sku], turn.view.matcher).describes_all(follow.rest):
            # `et le sucre` of two sugars; `et le riz il reste combien`: read as it is
            return False
    movement = follow.movement or str(asked.get("movement") or "sale")
    period = follow.period or str(asked.get("period") or "day")
    turn.do(Summarize(movement, period, sku, top=bool(asked.get("top"))))
    return True


def found(turn: Turn, event: SummaryFound) -> None:
    turn.ctx[REPORT_KEY] = {
        "movement": event.movement,
        "period": event.period,
        "sku": event.sku or "",
        "top": event.top,
        "at": turn.conv.now.isoformat(),
    }
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
