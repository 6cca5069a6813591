"""Questions about what moved and what runs out: `ventes du jour`, `bilan`, `combien de riz j'ai
vendu hier ?`, `qu'est-ce qui se vend le plus ?`, `arrivages de la semaine`, `rapport du jour`
(both), `historique riz`, `qu'est-ce qui va manquer ?`. They record nothing and ask nothing."""

from __future__ import annotations

from collections.abc import Mapping

from intents.answers import keys_of
from intents.requests import Request, RequestKind
from intents.requests.reports import read_follow_up
from state.effects import FindHistory, FindPace, Summarize
from state.events import HistoryFound, PaceFound, SummaryFound, SummaryRow
from state.machine import REPORT_KEY
from state.matching import Offered
from state.summaries import running_out_text, summary_text
from state.turn import Reading, Turn
from state.values import Reply


def summary(turn: Turn, request: Request) -> None:
    """A report of the store, of the product named, or of each of the family named
    (`combien de sucre j'ai vendu ?` with two sugars)."""
    turn.finish()
    sku = _product(turn, request.rest)
    family = _named(turn, request.rest) if sku is None and request.rest else ()
    turn.do(
        Summarize(
            request.movement or "sale",
            request.period or "day",
            sku,
            top=request.top,
            family=family if len(family) > 1 else (),
        )
    )


def _product(turn: Turn, words: str) -> str | None:
    matcher = turn.view.matcher
    if not words or matcher is None:
        return None
    parsed = matcher.parse(words)
    if parsed.product is not None and turn.product(parsed.product):
        return parsed.product
    return None


# What leaves the thread of a report open: thanks, and a language asked (`english please`,
# then `and yesterday?`).
_KEEPING = (RequestKind.THANKS, RequestKind.LANGUAGE)


def followed(turn: Turn, reading: Reading) -> bool:
    """`et hier ?`, `et cette semaine`, `et le sucre ?`, `et les arrivages ?` right after a
    report: the same report of that period, product or movement. Any other message ends the
    thread (the report is forgotten)."""
    asked = turn.ctx.pop(REPORT_KEY, None)
    if not isinstance(asked, Mapping) or not turn.lately(asked):
        return False
    request = reading.request
    if request is not None and request.kind not in (RequestKind.SUMMARY, *_KEEPING):
        return False  # `et la commande de riz ?`, `et le riz est fini`: a request of its own
    follow = read_follow_up(keys_of(reading.text))
    if follow is None:
        if request is not None and request.kind in _KEEPING:
            turn.ctx[REPORT_KEY] = asked  # `merci`, `wolof`, then `et hier ?`: it goes on
        return False
    sku = asked.get("sku") or None
    family = tuple(str(s) for s in asked.get("family") or () if turn.product(str(s)))
    if follow.rest:
        named = _named(turn, follow.rest)
        if not named:
            return False  # `et le riz il reste combien`, a word of no product: read as it is
        sku, family = (named[0], ()) if len(named) == 1 else (None, named)
    movement = follow.movement or str(asked.get("movement") or "sale")
    period = follow.period or str(asked.get("period") or "day")
    turn.do(Summarize(movement, period, sku, top=bool(asked.get("top")), family=family))
    return True


def _named(turn: Turn, words: str) -> tuple[str, ...]:
    """The product `words` name, or the family they name together (`le sucre` of two sugars:
    both, `sukar` too: a report costs nothing), when they describe each of them; () when they
    name none that way."""
    matcher = turn.view.matcher
    if matcher is None:
        return ()
    parsed = matcher.parse(words)
    if parsed.product is not None and turn.product(parsed.product):
        named: tuple[str, ...] = (parsed.product,)
    else:
        named = tuple(dict.fromkeys(s for s in parsed.candidates if turn.product(s)))
    if len(named) == 1 and Offered(named, matcher).describes_all(words):
        return named
    if len(named) > 1 and all(Offered([sku], matcher).resembles_all(words) for sku in named):
        return named
    return ()


def found(turn: Turn, event: SummaryFound) -> None:
    turn.ctx[REPORT_KEY] = {
        "movement": event.movement,
        "period": event.period,
        "sku": event.sku or "",
        "family": list(event.family),
        "top": event.top,
        "at": turn.conv.now.isoformat(),
    }
    if event.movement == "all":  # `rapport du jour`: the sales, then the arrivals
        parts = [
            _shown(turn, event, "sale", event.rows),
            _shown(turn, event, "receipt", event.received),
        ]
        turn.reply(Reply("\n\n".join(parts)))
        return
    turn.reply(Reply(_shown(turn, event, event.movement, event.rows)))


def _shown(turn: Turn, event: SummaryFound, movement: str, rows: tuple[SummaryRow, ...]) -> str:
    """The totals of `movement`: of the product asked about, of each of the family asked
    about (one line each, those that did not move included), or of the store."""
    if not event.family:
        named = turn.name(event.sku) if event.sku else None
        return summary_text(turn.lang, movement, event.period, rows, named=named, top=event.top)
    of = {row.sku: row for row in rows}
    return "\n".join(
        summary_text(
            turn.lang,
            movement,
            event.period,
            (of[sku],) if sku in of else (),
            named=turn.name(sku),
        )
        for sku in event.family
    )


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
