"""The charts' geometry and words (klyngekatalog/charts.py); their markup is checked on the
built pages (test_build.py) and in a browser (test_browser.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klyngekatalog.charts import BOTTOM, TOP, bar_chart, nice_ceiling

YEARS = (2012, 2013, 2014, 2015, 2016)


@pytest.mark.parametrize(
    "value, expected",
    [(0, 1), (0.3, 0.3), (0.35, 0.4), (7, 8), (60, 60), (61, 80), (189, 200), (16520, 20000), (100, 100), (2.4, 2.5)],
)
def test_nice_ceiling(value, expected):
    assert nice_ceiling(value) == pytest.approx(expected)


@given(st.floats(min_value=1e-6, max_value=1e12))
def test_nice_ceiling_is_at_or_above_and_close(value):
    top = nice_ceiling(value)
    assert value * (1 - 1e-9) <= top < value * 1.6


def _rects(path: str) -> list[tuple[float, float]]:
    """(x, top) of each rectangle in a bars path."""
    return [(float(x), float(y)) for x, y in re.findall(r"M([\d.]+) ([\d.]+)", path)]


def test_a_bar_per_year_and_a_gap_where_the_figure_is_missing():
    chart = bar_chart({2012: 100, 2013: None, 2014: 50, 2015: 0, 2016: 80}, YEARS, "virksomheder")
    bars = _rects(chart.bars)
    assert len(bars) == 4  # 2013 has no bar ...
    assert len(_rects(chart.missing)) == 1  # ... but an outline
    tops = [top for _, top in bars]
    assert tops[0] == pytest.approx(TOP)  # 100 is the axis top
    assert tops[1] == pytest.approx((TOP + BOTTOM) / 2, abs=0.1)
    assert BOTTOM - 1 < tops[2] < BOTTOM  # zero: a hairline, not nothing
    assert [x for x, _ in bars] == sorted(x for x, _ in bars)


def test_labels_the_axes_with_danish_numbers_and_the_unit():
    chart = bar_chart({2012: 14225, 2016: 16520}, YEARS, "virksomheder")
    assert [label.text for label in chart.labels] == ["20.000 virksomheder", "2012", "2016"]


def test_the_description_and_tips_carry_every_year():
    chart = bar_chart({2012: 4.9, 2013: None, 2014: 4.5, 2015: 5.4, 2016: 7}, YEARS, "årsværk", 1, {2012: 54, 2016: 42}, "klynger", "Medarbejdere")
    assert chart.description == (
        "Medarbejdere, 2012–2016, årsværk. 2012: 4,9 (54 klynger målt); 2013: ikke opgjort; 2014: 4,5; 2015: 5,4; 2016: 7,0 (42 klynger målt)."
    )
    assert chart.tips == (
        "2012: 4,9 årsværk (54 klynger målt)", "2013: ikke opgjort", "2014: 4,5 årsværk", "2015: 5,4 årsværk", "2016: 7,0 årsværk (42 klynger målt)"
    )


def test_no_chart_for_a_single_figure():
    assert bar_chart({2016: 5}, (2016,), "stk") is None
    assert bar_chart({2012: 5, 2013: None}, (2012, 2013), "stk") is None


def test_catalogue_text_is_left_for_the_template_to_escape():
    """The chart is data: a unit with markup stays as written (the template escapes it)."""
    chart = bar_chart({2012: 1, 2013: 2}, (2012, 2013), "<b>stk</b>")
    assert chart.labels[0].text == "2 <b>stk</b>"
