"""Bar charts of the figures, computed at build time as plain data for an SVG template.

Why our own ~100 lines and not a chart library: the charts are one kind only (a value per
year, bars from zero), and a page of the performance accounts carries up to ~70 of them
within a budget of 1,500 DOM elements. Python's SVG libraries (matplotlib, pygal, plotly's
static export) draw every tick, bar, label and style as its own element, often with ids and
embedded styles: several hundred elements per chart. Here a chart is one <svg> with two or
three <path>s (grid, bars, missing years) and three <text>s (the top of the value axis with
the unit, the first and the last year): ~8 elements, styled by the site's CSS, so it follows
the light/dark scheme and prints. The geometry is here; the markup is in templates/_charts.html.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .formatting import dk_number
from .labels import LABELS

# The viewBox. The SVG is scaled to its box's width (CSS), so these are proportions and the
# size of the axis text relative to the chart; 320 units ≈ the chart's width at 1280 px.
WIDTH = 320
HEIGHT = 92
LEFT = 4  # plot area inside the viewBox
RIGHT = WIDTH - 4
TOP = 18  # room above the plot for the value axis label
BOTTOM = HEIGHT - 18  # room below for the years


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"  # SVG text-anchor


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    grid: str  # path: the baseline and the top gridline
    bars: str  # path: one rectangle per year with a figure
    missing: str  # path: a dashed outline where a year has no figure ("" if none)
    labels: tuple[Label, ...]
    description: str  # the whole series in words: the accessible name of the chart
    tips: tuple[str, ...]  # per year slot, what hover/focus shows (docs/assets/tal.js)
    slot: float  # width of one year's slot, for the script that maps a pointer to a year
    left: float


def nice_ceiling(value: float) -> float:
    """The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k) at or above `value`:
    the top of the value axis, so the tallest bar nearly fills the chart."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= value * (1 - 1e-9):
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _fmt(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def bar_chart(
    values: dict[int, float | None],
    years: tuple[int, ...],
    unit: str,
    decimals: int | None = None,
    measured: dict[int, int] | None = None,
    measured_label: str = "",
    title: str = "",
    language: str = "da",
) -> Chart | None:
    """A bar per year from zero; a year without a figure is an outlined gap, never a 0 bar.
    None when fewer than two years have a figure (a single number needs no chart)."""
    present = [values[y] for y in years if values.get(y) is not None]
    if len(present) < 2:
        return None
    top = nice_ceiling(max(present))
    slot = (RIGHT - LEFT) / len(years)
    bar = slot * 0.62
    plot = BOTTOM - TOP
    bars, missing, tips, spoken = [], [], [], []

    labels = LABELS[language]

    def number(value: float) -> str:
        return dk_number(value, decimals, language)

    for i, year in enumerate(years):
        x = LEFT + i * slot + (slot - bar) / 2
        value = values.get(year)
        counted = (measured or {}).get(year)
        count_text = f" ({dk_number(counted, None, language)} {measured_label} {labels.measured_lower})" if counted is not None and measured_label else ""
        if value is None:
            missing.append(f"M{_fmt(x)} {TOP}h{_fmt(bar)}V{BOTTOM}h{_fmt(-bar)}z")
            tips.append(f"{year}: {labels.not_measured}")
            spoken.append(f"{year}: {labels.not_measured}")
            continue
        # A zero is a hairline, so it reads as 0 and not as a missing year.
        height = max(plot * value / top, 0.8)
        bars.append(f"M{_fmt(x)} {BOTTOM - height:.1f}h{_fmt(bar)}V{BOTTOM}h{_fmt(-bar)}z")
        tips.append(f"{year}: {number(value)} {unit}{count_text}")
        spoken.append(f"{year}: {number(value)}{count_text}")
    labels = (
        Label(LEFT, TOP - 6, f"{dk_number(top, None, language)} {unit}"),
        Label(LEFT + slot / 2, HEIGHT - 4, str(years[0]), "middle"),
        Label(RIGHT - slot / 2, HEIGHT - 4, str(years[-1]), "middle"),
    )
    lead = f"{title}, {years[0]}–{years[-1]}, {unit}. " if title else f"{unit}, {years[0]}–{years[-1]}. "
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        grid=f"M{LEFT} {TOP}H{RIGHT}M{LEFT} {BOTTOM}H{RIGHT}",
        bars="".join(bars),
        missing="".join(missing),
        labels=labels,
        description=lead + "; ".join(spoken) + ".",
        tips=tuple(tips),
        slot=round(slot, 3),
        left=LEFT,
    )
