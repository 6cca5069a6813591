from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.admin.chart import BOTTOM, HEIGHT, TOP, Point, quantity_chart

START = datetime(2026, 11, 1, tzinfo=UTC)
END = START + timedelta(days=30)


def test_steps_threshold_and_receipts() -> None:
    points = [
        Point(START + timedelta(days=5), 5),
        Point(START + timedelta(days=10), 25, receipt=True, label="+20 <b>"),
        Point(START + timedelta(days=20), 8),
    ]
    svg = quantity_chart(
        points, start=START, end=END, start_quantity=10, threshold=6, title="Riz & co"
    )
    assert svg.startswith("<svg") and 'aria-label="Riz &amp; co"' in svg
    assert svg.count('class="receipt"') == 1 and "+20 &lt;b&gt;" in svg
    top = int(25 * 1.1) + 1
    inner = HEIGHT - TOP - BOTTOM
    threshold_y = TOP + inner * (1 - 6 / top)
    assert f'y1="{threshold_y:.1f}"' in svg and "stroke-dasharray" in svg
    path = re.search(r'<path d="([^"]+)"', svg)
    assert path is not None
    assert path.group(1).count("V") == 3  # one step per movement
    assert "01/11" in svg and "01/12" in svg


def test_no_movement_is_a_flat_line() -> None:
    svg = quantity_chart([], start=START, end=END, start_quantity=0, threshold=0, title="x")
    path = re.search(r'<path d="([^"]+)"', svg)
    assert path is not None and "V" not in path.group(1)
