"""A product's quantity over time as an SVG step chart, drawn on the server (no script): the
threshold as a dashed line, receipts marked. Pure: points in, markup out.

A product with thousands of movements is thinned to what a pixel column can show (`thin`): per
column its first, lowest, highest and last quantity, so the line looks the same, and one receipt
marker whose label counts the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

WIDTH = 400
HEIGHT = 220
LEFT = 36
RIGHT = 12
TOP = 12
BOTTOM = 28


@dataclass(frozen=True, slots=True)
class Point:
    at: datetime  # aware
    quantity: int  # after the movement
    receipt: bool = False
    delta: int = 0
    more: int = 0  # receipts of the same pixel column folded into this marker


def thin(points: list[Point], column: Callable[[Point], int]) -> tuple[list[Point], list[Point]]:
    """The line's points and the receipt markers a pixel column can show."""
    line: list[Point] = []
    marks: list[Point] = []
    group: list[Point] = []
    current: int | None = None

    def flush() -> None:
        if len(group) <= 4:
            line.extend(group)
        else:
            low = min(range(len(group)), key=lambda i: group[i].quantity)
            high = max(range(len(group)), key=lambda i: group[i].quantity)
            line.extend(group[i] for i in sorted({0, low, high, len(group) - 1}))
        receipts = [p for p in group if p.receipt]
        if receipts:
            first = receipts[0]
            marks.append(Point(first.at, first.quantity, True, first.delta, len(receipts) - 1))
        group.clear()

    for point in points:
        where = column(point)
        if where != current and group:
            flush()
        current = where
        group.append(point)
    if group:
        flush()
    return line, marks


def quantity_chart(
    points: list[Point],
    *,
    start: datetime,
    end: datetime,
    start_quantity: int,
    threshold: int,
    title: str,
    zone: ZoneInfo | None = None,
    date_format: str = "%d/%m",
) -> str:
    """The chart from `start` to `end` (dates shown in `zone`): the quantity is `start_quantity`
    until the first point, then each point's quantity until the next."""
    first = start.timestamp()
    span = max(end.timestamp() - first, 1.0)
    top_value = max([start_quantity, threshold, 1, *(p.quantity for p in points)])
    top_value = int(top_value * 1.1) + 1
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM

    def x_of(stamp: float) -> float:
        return LEFT + inner_w * min(max((stamp - first) / span, 0.0), 1.0)

    def y(value: int) -> float:
        return TOP + inner_h * (1 - value / top_value)

    line, receipts = thin(points, lambda point: int(x_of(point.at.timestamp())))
    path = [f"M{LEFT:.1f},{y(start_quantity):.1f}"]
    for point in line:
        path.append(f"H{x_of(point.at.timestamp()):.1f}V{y(point.quantity):.1f}")
    path.append(f"H{x_of(end.timestamp()):.1f}")

    def label(point: Point) -> str:
        shown = point.at.astimezone(zone) if zone else point.at
        more = f" (+{point.more})" if point.more else ""
        return f"+{point.delta} {shown:%d/%m %H:%M}{more}"

    marks = "".join(
        f'<circle cx="{x_of(p.at.timestamp()):.1f}" cy="{y(p.quantity):.1f}" r="4.5" '
        f'class="receipt"><title>{escape(label(p))}</title></circle>'
        for p in receipts
    )
    grid = "".join(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
        f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>'
        for v in sorted({0, top_value // 2, top_value - 1})
    )
    middle = start + (end - start) / 2
    labels = "".join(
        f'<text x="{x_of(moment.timestamp()):.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
        f"{(moment.astimezone(zone) if zone else moment).strftime(date_format)}</text>"
        for moment, anchor in ((start, "start"), (middle, "middle"), (end, "end"))
    )
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg" font-size="13" font-family="system-ui, sans-serif">'
        f"<title>{escape(title)}</title>"
        "<style>.grid{stroke:#eaeef2}.receipt{fill:#1a7f37;stroke:#fff;stroke-width:1.5}"
        "text{fill:#57606a}</style>"
        f"{grid}"
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(threshold):.1f}" y2="{y(threshold):.1f}" '
        'stroke="#cf222e" stroke-width="1.5" stroke-dasharray="6 4"/>'
        f'<path d="{"".join(path)}" fill="none" stroke="#075e54" stroke-width="2.5"/>'
        f"{marks}{labels}</svg>"
    )
