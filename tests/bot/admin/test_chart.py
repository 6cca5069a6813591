from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.admin.chart import BOTTOM, HEIGHT, TOP, Point, quantity_chart

START = datetime(2026, 11, 1, tzinfo=UTC)
END = START + timedelta(days=30)


def test_steps_threshold_and_receipts() -> None:
    points = [
        Point(START + timedelta(days=5), 5),
        Point(START + timedelta(days=10), 25, receipt=True, delta=20),
        Point(START + timedelta(days=20), 8),
    ]
    svg = quantity_chart(
        points, start=START, end=END, start_quantity=10, threshold=6, title="Riz & co"
    )
    assert svg.startswith("<svg") and 'aria-label="Riz &amp; co"' in svg
    assert svg.count('class="receipt"') == 1 and "<title>+20 11/11 00:00</title>" in svg
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


def test_thousands_of_movements_draw_a_few_hundred_points() -> None:
    points = [
        Point(START + timedelta(minutes=15 * n), 50 + (n % 7) * 3, receipt=n % 2 == 0, delta=n)
        for n in range(2880)  # 30 days, every 15 minutes
    ]
    svg = quantity_chart(points, start=START, end=END, start_quantity=50, threshold=10, title="x")
    path = re.search(r'<path d="([^"]+)"', svg)
    assert path is not None
    steps = path.group(1).count("V")
    assert 300 < steps <= 4 * 400  # four per pixel column at most
    assert f"V{0:.1f}" not in path.group(1)
    marks = svg.count('class="receipt"')
    assert 100 < marks <= 400 and "(+" in svg  # one marker per column, the others counted
    highest = max(p.quantity for p in points)
    top = int(highest * 1.1) + 1
    from bot.admin.chart import BOTTOM, HEIGHT, TOP

    y_max = TOP + (HEIGHT - TOP - BOTTOM) * (1 - highest / top)
    assert f"V{y_max:.1f}" in path.group(1)  # the peaks survive the thinning
