"""What moved and how long the stock lasts, as managers read it: sales or receipts per product
over a period, and the stock cover at the current pace. Pure: the totals and paces come in."""

from __future__ import annotations

from collections.abc import Sequence

from state.events import Pace, SummaryRow
from state.messages import amount, text
from state.values import ProductView

TOP = 5  # best sellers shown
SOON = 7  # days: `qu'est-ce qui va manquer ?` lists what runs out within a week


def counted(language: str, count: int, movement: str) -> str:
    """`1 vente`, `4 ventes`, `2 arrivages`."""
    single = count == 1 or (language == "fr" and count == 0)
    return text(language, f"{movement}s_{'one' if single else 'many'}", count=count)


def summary_text(
    language: str,
    movement: str,
    period: str,
    rows: Sequence[SummaryRow],
    *,
    named: str | None = None,
    top: bool = False,
) -> str:
    """The totals of `movement` (sale, receipt) over `period`, biggest first; one product's
    line when the question named it (`named`: its name), the best few when `top`."""
    when = text(language, f"period_{period}")
    if named is not None:
        if not rows:
            return text(language, f"summary_none_of_{movement}", name=named, period=when)
        row = rows[0]
        return text(
            language,
            f"summary_of_{movement}",
            name=row.name,
            quantity=amount(language, row.quantity, row.unit, row.unit_en),
            period=when,
            count=counted(language, row.count, movement),
        )
    if not rows:
        return text(language, f"summary_none_{movement}", period=when)
    shown = rows[:TOP] if top else rows
    title = text(language, "summary_top" if top else f"summary_title_{movement}", period=when)
    lines = [
        text(
            language,
            "summary_line",
            name=row.name,
            quantity=amount(language, row.quantity, row.unit, row.unit_en),
            count=counted(language, row.count, movement),
        )
        for row in shown
    ]
    total = sum(row.count for row in rows)
    footer = text(language, "summary_total", count=counted(language, total, movement))
    return "\n".join([title, *lines, footer])


def cover_days(quantity: int, per_day: float | None) -> int | None:
    """Whole days `quantity` lasts at `per_day`, when there is a pace and some stock."""
    if not per_day or quantity <= 0:
        return None
    return int(quantity / per_day)


def cover_text(
    language: str, quantity: int, per_day: float | None, unit: str, unit_en: str = ""
) -> str | None:
    """`≈ 10 jours au rythme actuel (3 sacs/jour)`, or None without enough history."""
    days = cover_days(quantity, per_day)
    if days is None or per_day is None:
        return None
    if per_day >= 1:
        rate = text(language, "rate_day", quantity=_rounded(language, per_day, unit, unit_en))
    else:
        weekly = _rounded(language, per_day * 7, unit, unit_en)
        rate = text(language, "rate_week", quantity=weekly)
    key = "cover_one" if days <= 1 else "cover_days"
    return text(language, key, days=days, rate=rate)


def _rounded(language: str, quantity: float, unit: str, unit_en: str) -> str:
    return amount(language, max(round(quantity), 1), unit, unit_en)


def running_out_text(language: str, products: Sequence[ProductView], paces: Sequence[Pace]) -> str:
    """The products already out, then those that run out within `SOON` days at the current
    pace, soonest first; when none does, how many are already at or below their threshold."""
    by_sku = {pace.sku: pace for pace in paces}
    out = sorted((p for p in products if p.quantity <= 0), key=lambda p: p.name.casefold())
    soon = []
    for product in products:
        pace = by_sku.get(product.sku)
        days = cover_days(product.quantity, pace.per_day if pace else None)
        if days is not None and days < SOON:
            soon.append((days, product))
    if not out and not soon:
        none = text(language, "running_out_none", days=SOON)
        low = sum(1 for p in products if p.level != "ok")
        return f"{none}\n{text(language, 'running_out_low', count=low)}" if low else none
    soon.sort(key=lambda pair: (pair[0], pair[1].name.casefold()))
    lines = [text(language, "running_out_empty", name=product.name) for product in out]
    lines += [
        text(
            language,
            "running_out_line",
            name=product.name,
            days=days,
            quantity=amount(language, product.quantity, product.unit, product.unit_en),
        )
        for days, product in soon
    ]
    return "\n".join([text(language, "running_out_title", days=SOON), *lines])
