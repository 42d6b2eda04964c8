"""Render page views to HTML with the Jinja templates in klyngekatalog/templates/.

Catalogue text is data: the environment autoescapes everything, and no catalogue value is
ever used as a template, so `<script>` or `{{ … }}` in a description comes out as text.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .formatting import dk_date, dk_number
from .problems import Problem
from .views import PageView

TEMPLATES = Path(__file__).resolve().parent / "templates"


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
