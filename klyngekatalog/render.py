"""Render page views to HTML with the Jinja templates in klyngekatalog/templates/.

Catalogue text is data: the environment autoescapes everything, and no catalogue value is
ever used as a template, so `<script>` or `{{ … }}` in a description comes out as text.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .formatting import dk_date, dk_number
from .views import PageView

TEMPLATES = Path(__file__).resolve().parent / "templates"


def relative_url(target: str, page_url: str) -> str:
    """Link from the page at `page_url` (e.g. "klynger/x/") to site path `target`."""
    base = "/" + page_url
    path = posixpath.relpath("/" + target, base if base.endswith("/") else posixpath.dirname(base))
    if target.endswith("/") and not path.endswith("/"):
        path += "/"
    return "./" if path == "./" or path == "." else path


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

    def render(self, view: PageView) -> str:
        template = self.env.get_template(view.template)
        return template.render(view.context, link=lambda target: relative_url(target, view.url), page_url=view.url)

    def render_block(self, name: str, page_url: str, context: dict) -> str:
        template = self.env.get_template(f"blocks/{name}.html")
        return template.render(context, link=lambda target: relative_url(target, page_url), page_url=page_url)
