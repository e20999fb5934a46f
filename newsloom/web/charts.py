"""Chart geometry for the desk's inline SVG: numbers in, shapes out, no markup.

Charts are drawn on the server so the pages need no charting script; the
templates turn these shapes into ``<rect>``/``<circle>`` elements, escaping
every label like any other text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta


def parse_day(value: object) -> tuple[date, bool] | None:
    """``YYYY-MM-DD[...]`` -> (day, True); ``YYYY-MM`` -> (mid-month, False); else None.

    The flag says whether the day is known: a month-precise date is drawn at
    the middle of its month and marked as approximate.
    """
    if not isinstance(value, str):
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value[:10]), True
        if len(value) == 7 and value[4] == "-":
            return date(int(value[:4]), int(value[5:7]), 15), False
    except ValueError:
        return None
    return None


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str


@dataclass
class Sparkline:
    """Documents per day (or per bin of days) over a story's span."""

    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    baseline: float = 0.0


def sparkline(
    days: Iterable[object], width: int = 140, height: int = 28, max_bins: int = 30
) -> Sparkline | None:
    """Bars of how many documents came out on each day of the span they cover.

    Spans longer than ``max_bins`` days are cut into ``max_bins`` equal bins so
    a long story keeps readable bars. None when no document has a date.
    """
    known = [d for d, _ in filter(None, (parse_day(v) for v in days))]
    if not known:
        return None
    first, last = min(known), max(known)
    span = (last - first).days + 1
    bins = min(span, max_bins)
    per_bin = span / bins
    counts = Counter(min(int((d - first).days / per_bin), bins - 1) for d in known)
    top = max(counts.values())
    slot = width / bins
    gap = min(2.0, slot * 0.2)
    chart = Sparkline(width, height, baseline=height - 0.5)
    for b in range(bins):
        n = counts.get(b, 0)
        start = first + timedelta(days=int(b * per_bin))
        end = first + timedelta(days=max(int((b + 1) * per_bin) - 1, int(b * per_bin)))
        label = start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
        h = (height - 2) * n / top if n else 0.0
        chart.bars.append(
            Bar(round(b * slot + gap / 2, 2), round(height - 1 - h, 2), round(slot - gap, 2),
                round(h, 2), n, f"{label}: {n} document{'s' if n != 1 else ''}")
        )  # fmt: skip
    return chart


@dataclass
class Point:
    x: float
    y: float
    exact: bool
    """False for a month-precise date (drawn hollow)."""
    index: int
    """Position of the event in the list under the chart (its anchor)."""
    label: str


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class TimelineChart:
    """Events on a date axis, those of one date stacked upwards."""

    width: int
    height: int
    axis_y: float
    left: float
    right: float
    points: list[Point] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)


def timeline_chart(
    events: Sequence[dict[str, object]], width: int = 1100, step: int = 12, pad: int = 30
) -> TimelineChart | None:
    """Place timeline entries (``date``, ``text``) on an axis; None when none has a date.

    Events closer than ``step`` units on the axis share a column and stack
    upwards, so neighbouring days never draw one dot over another.
    """
    placed = []
    for i, event in enumerate(events):
        parsed = parse_day(event.get("date"))
        if parsed:
            placed.append((parsed[0], parsed[1], i, event))
    if not placed:
        return None
    placed.sort(key=lambda item: (item[0], item[2]))
    first, last = placed[0][0], placed[-1][0]
    span = max((last - first).days, 1)
    left, right = float(pad), float(width - pad)

    def x_of(day: date) -> float:
        return round(left + (right - left) * (day - first).days / span, 2)

    columns: list[tuple[float, int]] = []  # (x, height so far)
    rows = []
    for day, exact, i, event in placed:
        x = x_of(day)
        if columns and x - columns[-1][0] < step:
            x, level = columns[-1]
            columns[-1] = (x, level + 1)
        else:
            level = 0
            columns.append((x, 1))
        rows.append((x, level, exact, i, f"{event.get('date')}: {event.get('text')}"))
    tallest = max(height for _, height in columns)
    axis_y = float(10 + tallest * step)
    chart = TimelineChart(width, int(axis_y + 28), axis_y, left, right)
    for x, level, exact, i, label in rows:
        chart.points.append(Point(x, axis_y - 7 - level * step, exact, i, label))
    chart.ticks = [Tick(x_of(d), text) for d, text in _ticks(first, last)]
    return chart


def _ticks(first: date, last: date, most: int = 7) -> list[tuple[date, str]]:
    """Axis labels: days for a span of weeks, months for longer, years beyond that."""
    days = (last - first).days
    if days <= 45:
        step = max(1, days // (most - 1) or 1)
        out = []
        d = first
        while d <= last:
            out.append((d, d.strftime("%d %b")))
            d += timedelta(days=step)
        return out
    months = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    months = [d for d in months if first <= d <= last] or [first]
    if len(months) <= most:
        return [(d, d.strftime("%b %Y")) for d in months]
    if days > 3 * 365:
        years = [d for d in months if d.month == 1]
        every = max(1, -(-len(years) // most))
        return [(d, str(d.year)) for d in years[::every]]
    every = -(-len(months) // most)
    return [(d, d.strftime("%b %Y")) for d in months[::every]]
