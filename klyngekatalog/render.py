"""Render page views to HTML with the Jinja templates in klyngekatalog/templates/.

Catalogue text is data: the environment autoescapes everything, and no catalogue value is
ever used as a template, so `<script>` or `{{ … }}` in a description comes out as text.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup

from .formatting import dk_date, dk_number
from .labels import LABELS
from .translations import FIRST_LANGUAGE, DanishOnly
from .problems import Problem
from .views import PageContent, PageView

TEMPLATES = Path(__file__).resolve().parent / "templates"


def root_prefix(page_url: str) -> str:
    """The relative path from the page at `page_url` (e.g. "klynger/x/") up to the site's root
    ("../../"): computed once per page, so each link costs a concatenation, not a relpath."""
    return "../" * page_url.count("/")


def relative_url(target: str, page_url: str) -> str:
    """Link from the page at `page_url` to site path `target` (e.g. "temaer/energi/")."""
    return root_prefix(page_url) + target or "./"


# Site paths every language shares (stylesheets, scripts, open data).
_SHARED = ("assets/", "data/")


def _linker(page_url: str, language: str = FIRST_LANGUAGE):
    """Links from a page: within its language's edition (below `en/` for English), except to
    the shared assets and data."""
    prefix = root_prefix(page_url)
    if language == FIRST_LANGUAGE:
        return lambda target: prefix + target or "./"
    edition = f"{prefix}{language}/"
    return lambda target: prefix + target if target.startswith(_SHARED) else edition + target


def _text(value):
    """A catalogue text inline: marked Danish on another language's page when untranslated."""
    if isinstance(value, DanishOnly):
        return Markup('<span lang="da">%s</span>') % value
    return value


@pass_context
def _printed(context, value):
    """A name or place as printed in a source: Danish, marked so on another language's page."""
    if context.get("lang", FIRST_LANGUAGE) != FIRST_LANGUAGE and value:
        return Markup('<span lang="da">%s</span>') % value
    return value


@pass_context
def _number(context, value, decimals=None):
    return dk_number(value, decimals, context.get("lang", FIRST_LANGUAGE))


@pass_context
def _date(context, value):
    return dk_date(value, context.get("lang", FIRST_LANGUAGE))


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
    env.filters["number"] = _number
    env.filters["date"] = _date
    env.tests["danish_only"] = lambda value: isinstance(value, DanishOnly)
    env.globals["text"] = _text
    env.globals["printed"] = _printed
    return env


def template_fields(content: PageContent) -> dict[str, Any]:
    """A page's content as its template reads it: each field by its name (not asdict, which
    would copy every nested record)."""
    return {f.name: getattr(content, f.name) for f in dataclasses.fields(content)}


class Renderer:
    """Renders views; one per build (templates are compiled once)."""

    def __init__(self) -> None:
        self.env = make_environment()

    def render(self, view: PageView, edit=None, correction_url: str | None = None) -> str:
        template = self.env.get_template(view.template)
        return template.render(template_fields(view.content), **view_globals(view, edit, correction_url))

    def render_block(self, name: str, page_url: str, context: dict, language: str = FIRST_LANGUAGE) -> str:
        template = self.env.get_template(f"blocks/{name}.html")
        return template.render(context, **page_globals(page_url, language), counterpart="")


def csv_file(language: str) -> str:
    """The site path of the catalogue's CSV in a language (English headers below en/)."""
    return "data/clusters.csv" if language == FIRST_LANGUAGE else f"{language}/data/clusters.csv"


def view_globals(view: PageView, edit=None, correction_url: str | None = None) -> dict[str, Any]:
    """What the template of a generated page gets besides its content: the page's globals, the
    link to the page in the other language, its "Ret denne side" link and correction form."""
    counterpart = root_prefix(view.url) + view.counterpart or "./"
    return {**page_globals(view.url, view.lang), "counterpart": counterpart, "edit": edit, "correction_url": correction_url}


def page_globals(page_url: str, language: str) -> dict:
    """What every template of a page gets: its links, language, labels and CSV."""
    return {
        "link": _linker(page_url, language),
        # A site path as it is, in no language's edition (e.g. another language's data file).
        "root": lambda target, prefix=root_prefix(page_url): prefix + target,
        "page_url": page_url,
        "lang": language,
        "t": LABELS[language],
        "csv_href": root_prefix(page_url) + csv_file(language),
    }


def error_page(problems: tuple[Problem, ...]) -> str:
    """The page `make serve` shows while the data has problems (every value escaped)."""
    return make_environment().get_template("error.html").render(problems=problems)
