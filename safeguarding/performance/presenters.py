"""Shaping performance data for pages: trend charts drawn as SVG on the server (no
JavaScript), and the tables that carry the same numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from safeguarding.performance.models import Flag, Indicator, IndicatorValue, Period, Unit

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 20, 56
# Each line differs by its dash pattern and marker as well as its colour, so the chart can
# be read without telling colours apart (WCAG 1.4.1).
STYLES = [
    ("app-chart__series--1", "circle"),
    ("app-chart__series--2", "square"),
    ("app-chart__series--3", "triangle"),
    ("app-chart__series--4", "diamond"),
]


@dataclass
class Point:
    x: float
    y: float
    text: str
    period: str
    marker: str = ""


@dataclass
class Series:
    label: str
    css: str
    shape: str
    path: str
    points: list[Point] = field(default_factory=list)
    legend_y: float = 0


@dataclass
class Chart:
    title: str
    description: str
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    series: list[Series]
    target_y: float | None = None
    target_text: str = ""
    legend_top: float = 0


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    fraction = value / 10**exponent
    for nice in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if fraction <= nice:
            return nice * 10**exponent
    return 10 ** (exponent + 1)


def _polygon(corners: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners) + "Z"


def _marker(shape: str, x: float, y: float) -> str:
    size = 5
    if shape == "square":
        return f"M{x - size:.1f},{y - size:.1f}h{2 * size}v{2 * size}h{-2 * size}Z"
    if shape == "triangle":
        corners = [(x, y - size - 1), (x + size + 1, y + size), (x - size - 1, y + size)]
        return _polygon(corners)
    if shape == "diamond":
        corners = [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)]
        return _polygon(corners)
    return (
        f"M{x - size:.1f},{y:.1f}a{size},{size} 0 1,0 {2 * size},0"
        f"a{size},{size} 0 1,0 {-2 * size},0"
    )


def trend_chart(
    *,
    indicator: Indicator,
    periods: list[Period],
    lines: list[tuple[str, dict[int, IndicatorValue]]],
) -> Chart | None:
    """A line chart of figures over time, one line per area; gaps where there is no figure."""
    numbers = [
        float(v.value) for _, values in lines for v in values.values() if v.value is not None
    ]
    if not periods or not numbers:
        return None
    top_value = max(numbers + ([float(indicator.target)] if indicator.target is not None else []))
    if indicator.unit == Unit.PERCENTAGE:
        top_value = min(100.0, _nice_ceiling(top_value)) if top_value <= 100 else top_value
    scale_max = _nice_ceiling(top_value)
    legend_rows = len(lines)
    height = HEIGHT + legend_rows * 22
    plot_bottom = HEIGHT - BOTTOM
    plot_right = WIDTH - RIGHT
    span_x = plot_right - LEFT
    step = span_x / max(len(periods) - 1, 1)

    def x_of(index: int) -> float:
        return LEFT + (index * step if len(periods) > 1 else span_x / 2)

    def y_of(value: float) -> float:
        return plot_bottom - (value / scale_max) * (plot_bottom - TOP)

    series = []
    for number, (label, values) in enumerate(lines):
        css, shape = STYLES[number % len(STYLES)]
        path, points, pen_down = [], [], False
        for index, period in enumerate(periods):
            value = values.get(period.pk)
            if value is None or value.value is None:
                pen_down = False
                continue
            x, y = x_of(index), y_of(float(value.value))
            path.append(f"{'L' if pen_down else 'M'}{x:.1f},{y:.1f}")
            pen_down = True
            points.append(
                Point(
                    x,
                    y,
                    indicator.format_value(value.value),
                    period.short_label,
                    _marker(shape, x, y),
                )
            )
        series.append(
            Series(label, css, shape, " ".join(path), points, legend_y=HEIGHT + 6 + number * 22)
        )
    ticks = []
    for i in range(5):
        value = scale_max * i / 4
        text = indicator.format_value(Decimal(str(round(value, 4))))
        ticks.append((y_of(value), text))
    every = max(1, math.ceil(len(periods) / 10))
    x_labels = [
        (x_of(i), p.short_label)
        for i, p in enumerate(periods)
        if i % every == 0 or i == len(periods) - 1
    ]
    target_y = y_of(float(indicator.target)) if indicator.target is not None else None
    names = ", ".join(label for label, _ in lines)
    return Chart(
        title=f"{indicator.name}: trend",
        description=(
            f"Line chart of {indicator.name.lower()} from {periods[0].short_label} to "
            f"{periods[-1].short_label} for {names}. The table below gives the same figures."
        ),
        width=WIDTH,
        height=height,
        left=LEFT,
        right=plot_right,
        top=TOP,
        bottom=plot_bottom,
        x_labels=x_labels,
        y_ticks=ticks,
        series=series,
        target_y=target_y,
        target_text=f"Target {indicator.format_value(indicator.target)}"
        if indicator.target is not None
        else "",
        legend_top=HEIGHT,
    )


@dataclass
class TrendRow:
    period: Period
    cells: list[IndicatorValue | None]
    rag: str | None


def trend_rows(
    *,
    indicator: Indicator,
    periods: list[Period],
    lines: list[tuple[str, dict[int, IndicatorValue]]],
) -> list[TrendRow]:
    rows = []
    for period in periods:
        cells = [values.get(period.pk) for _, values in lines]
        home = cells[0] if cells else None
        rows.append(TrendRow(period, cells, indicator.rag(home.value) if home else None))
    return rows


def flag_tag_class(flag: str) -> str:
    if flag in (Flag.SUPPRESSED, Flag.NOT_AVAILABLE, Flag.NOT_APPLICABLE):
        return "govuk-tag--grey"
    if flag in (Flag.INCOMPLETE, Flag.LOW_RELIABILITY):
        return "govuk-tag--orange"
    return "govuk-tag--blue"
