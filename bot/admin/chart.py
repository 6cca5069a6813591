"""A product's quantity over time as an SVG step chart, drawn on the server (no script): the
threshold as a dashed line, receipts marked. Pure: points in, markup out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

WIDTH = 400
HEIGHT = 220
LEFT = 36
RIGHT = 12
TOP = 12
BOTTOM = 28


@dataclass(frozen=True, slots=True)
class Point:
    at: datetime
    quantity: int  # after the movement
    receipt: bool = False
    label: str = ""


def quantity_chart(
    points: list[Point],
    *,
    start: datetime,
    end: datetime,
    start_quantity: int,
    threshold: int,
    title: str,
    date_format: str = "%d/%m",
) -> str:
    """The chart from `start` to `end`: the quantity is `start_quantity` until the first point,
    then each point's quantity until the next."""
    span = max((end - start).total_seconds(), 1.0)
    top_value = max([start_quantity, threshold, 1, *(p.quantity for p in points)])
    top_value = int(top_value * 1.1) + 1
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM

    def x(moment: datetime) -> float:
        return LEFT + inner_w * min(max((moment - start).total_seconds() / span, 0.0), 1.0)

    def y(value: int) -> float:
        return TOP + inner_h * (1 - value / top_value)

    path = [f"M{x(start):.1f},{y(start_quantity):.1f}"]
    for point in points:
        path.append(f"H{x(point.at):.1f}V{y(point.quantity):.1f}")
    path.append(f"H{x(end):.1f}")
    marks = "".join(
        f'<circle cx="{x(p.at):.1f}" cy="{y(p.quantity):.1f}" r="4.5" class="receipt">'
        f"<title>{escape(p.label)}</title></circle>"
        for p in points
        if p.receipt
    )
    middle = start + (end - start) / 2
    grid = "".join(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
        f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>'
        for v in sorted({0, top_value // 2, top_value - 1})
    )
    labels = "".join(
        f'<text x="{x(moment):.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
        f"{moment.strftime(date_format)}</text>"
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
