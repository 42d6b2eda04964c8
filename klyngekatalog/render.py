"""Render page views to HTML with the Jinja templates in klyngekatalog/templates/.

Catalogue text is data: the environment autoescapes everything, and no catalogue value is
ever used as a template, so `<script>` or `{{ … }}` in a description comes out as text.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .problems import Problem
from .views import PageView

TEMPLATES = Path(__file__).resolve().parent / "templates"

_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]


def dk_number(value: float | int | None, decimals: int | None = None) -> str:
    """A number the Danish way: 16.520 and 316,6. None (not measured) is shown as a dash."""
    if value is None:
        return "–"
    if decimals is None:
        # As many decimals as the figure has (repr is the shortest exact form), at most 6.
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
        decimals = min(6, max(0, -exponent)) if isinstance(exponent, int) else 0
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".").replace("-", "−")


def dk_date(value: str) -> str:
    """2016-12-31 → 31. december 2016; 2013-05 → maj 2013; 2013 → 2013."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])}. {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value


def root_prefix(page_url: str) -> str:
    """The relative path from the page at `page_url` (e.g. "klynger/x/") up to the site's root
    ("../../"): computed once per page, so each link costs a concatenation, not a relpath."""
    return "../" * page_url.count("/")


def relative_url(target: str, page_url: str) -> str:
    """Link from the page at `page_url` to site path `target` (e.g. "temaer/energi/")."""
    return root_prefix(page_url) + target or "./"


def _linker(page_url: str):
    prefix = root_prefix(page_url)
    return lambda target: prefix + target or "./"


@functools.cache
def make_environment() -> Environment:
    """One environment per process: templates compile once, also across `make serve` rebuilds
    (the loader still notices a template that changed)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dk_number"] = dk_number
    env.filters["dk_date"] = dk_date
    return env


class Renderer:
    """Renders views; one per build (templates are compiled once)."""

    def __init__(self) -> None:
        self.env = make_environment()

    def render(self, view: PageView, edit=None, correction_url: str | None = None) -> str:
        template = self.env.get_template(view.template)
        return template.render(view.context, link=_linker(view.url), page_url=view.url, edit=edit, correction_url=correction_url)

    def render_block(self, name: str, page_url: str, context: dict) -> str:
        template = self.env.get_template(f"blocks/{name}.html")
        return template.render(context, link=_linker(page_url), page_url=page_url)


def error_page(problems: tuple[Problem, ...]) -> str:
    """The page `make serve` shows while the data has problems (every value escaped)."""
    return make_environment().get_template("error.html").render(problems=problems)
