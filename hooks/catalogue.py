"""MkDocs hooks: the catalogue becomes pages. Each hook is a guard and one call into
klyngekatalog; the catalogue code itself knows nothing of MkDocs."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from klyngekatalog.cssprune import prune_stylesheets
from klyngekatalog.labels import LABELS
from klyngekatalog.problems import CatalogueError, Problem
from klyngekatalog.render import error_page
from klyngekatalog.search import Indexing, SearchIndexError, wait_for_indexing
from klyngekatalog.templatecache import bytecode_cache
from klyngekatalog.site import PageTemplateError, SiteAddress, SiteBuild, not_plain_files
from klyngekatalog.translations import parse_languages

_build: SiteBuild | None = None
# Under `mkdocs serve`, while the data has problems: shown on every page instead of the site.
_problems: tuple[Problem, ...] = ()
# MkDocs loads this module anew for each rebuild of `mkdocs serve` but calls on_startup once:
# the command is kept where the next load finds it.
_SERVING = "KLYNGEKATALOG_SERVING"
_ID = re.compile(r'\bid="([^"]+)"')
log = logging.getLogger("mkdocs.hooks.catalogue")
# The navigation page marked active for the page being rendered (see on_page_context).
_active_section: list[Page] = []
# Every generated template gives its <h1> this id: the target of Material's skip link.
_HEADING_ID = "indhold"


def _data_path(config: MkDocsConfig) -> Path:
    root = Path(config.config_file_path).parent
    return Path(os.environ.get("KLYNGEKATALOG_DATA") or root / "data" / "clusters.yaml")


def _languages() -> tuple[str, ...]:
    """The editions to build: KLYNGEKATALOG_LANGUAGES (e.g. "da"), every language when unset."""
    try:
        return parse_languages(os.environ.get("KLYNGEKATALOG_LANGUAGES"))
    except ValueError as error:
        raise PluginError(f"KLYNGEKATALOG_LANGUAGES: {error}") from None


def on_startup(*, command: str, dirty: bool) -> None:
    os.environ[_SERVING] = "1" if command == "serve" else ""


def _source_url(config: MkDocsConfig) -> str | None:
    """The repository's address of its files ("…/blob/<branch>/"), from repo_url and edit_uri."""
    parts = (config.edit_uri or "").strip("/").split("/")
    if not config.repo_url or len(parts) < 2 or parts[0] not in ("edit", "blob"):
        return None
    return f"{config.repo_url.rstrip('/')}/blob/{parts[1]}/"


# First: the catalogue is loaded (and refused) before anything else looks at the site.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _problems
    # The previous rebuild's search index is complete before this build empties the site.
    wait_for_indexing()
    _build, _problems = None, ()
    # The interface's labels per language, for the theme's templates (header, footer, 404).
    config.extra["kk_labels"] = LABELS
    languages = _languages()
    # The editions built (the 404 page offers each).
    config.extra["kk_languages"] = languages
    root = Path(config.config_file_path).parent
    # Hand-written pages and theme overrides come from pull requests too: no links, no pipes.
    folders = {"docs": Path(config.docs_dir)}
    if config.theme.custom_dir:
        folders["overrides"] = Path(config.theme.custom_dir)
    if found := [problem for name, folder in folders.items() for problem in not_plain_files(folder, name)]:
        raise PluginError("Filer, der ikke er almindelige filer:\n" + "\n".join(sorted(set(found))))
    try:
        address = SiteAddress(config.site_url or "", config.repo_url or "", config.site_name, config.site_description or "")
        _build = SiteBuild.load(
            _data_path(config), display_root=root, address=address, source_url=_source_url(config), languages=languages
        )
    except CatalogueError as error:
        more = [f"der er flere fejl: kun de første {len(error.problems)} er vist"] if error.truncated else []
        message = "Kataloget har fejl:\n" + "\n".join([str(p) for p in error.problems] + more)
        if os.environ.get(_SERVING) != "1":
            raise PluginError(message) from None
        # `mkdocs serve`: every page shows the problems until the data is fixed. That build
        # must not abort (--strict would count the problems and the links to generated pages
        # that are missing meanwhile), or the server would hang until the next save.
        mkdocs_log = logging.getLogger("mkdocs")
        for handler in [h for h in mkdocs_log.handlers if isinstance(h, CountHandler)]:
            mkdocs_log.removeHandler(handler)
        log.error(message)
        _problems = error.problems
        for group in (config.validation.nav, config.validation.links):
            for option in group:
                group[option] = logging.DEBUG
        return config
    # Former names and aliases keep working as addresses (mkdocs-redirects writes the pages).
    config.plugins["redirects"].config["redirect_maps"].update(_build.redirects())
    return config


# Before other plugins look at the files (mkdocs-redirects checks that targets exist).
@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _build is None:
        return files
    # The hand-written files of an edition not built (docs/en/… in a Danish-only build).
    for file in [file for file in files if not _build.builds(file.src_uri)]:
        files.remove(file)
    for view in _build.views.values():
        inclusion = InclusionLevel.INCLUDED if view.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, view.path, content="", inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is None:
        return markdown
    if (view := _build.views.get(page.file.src_uri)) is None:
        if page.meta.get("render_macros") is not True:
            return markdown
        try:
            return _build.fill_numbers(markdown, f"docs/{page.file.src_uri}")
        except PageTemplateError as error:
            raise PluginError(str(error)) from None
    # Material prints these unescaped (MkDocs' theme templates do not autoescape).
    page.meta["title"] = escape(view.title)
    page.meta["hide"] = list(view.hide)
    # Material's edit button: to the entry's line in the data, not to a Markdown file.
    link = _build.edit_link(page.file.src_uri)
    page.edit_url = link.url if link else None
    if view.description:
        page.meta["description"] = escape(view.meta_description)
    return ""


# Generated pages skip Markdown: their HTML comes from the templates, with catalogue text escaped.
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is None:
        return html
    if page.file.src_uri in _build.views:
        # Material's skip link goes to the first heading of the table of contents, which a
        # page without Markdown does not have.
        page.toc = get_toc([{"level": 1, "id": _HEADING_ID, "name": page.title or "", "children": []}])
        return _build.render(page.file.src_uri)
    filled = _build.fill_blocks(html, page.url)
    if filled is not html and page.present_anchor_ids is not None:
        # The blocks come after Markdown: their ids are made known so MkDocs checks links to them.
        page.present_anchor_ids |= set(_ID.findall(filled))
    return filled




def on_env(env, *, config: MkDocsConfig, files: Files):
    # The theme's templates compiled once per process, not once per rebuild of `mkdocs serve`
    # (this module is loaded anew for each; the cache lives in klyngekatalog, which is not).
    env.bytecode_cache = bytecode_cache(env)
    return env


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # The 404 page too: a generated page's address shows the problems, not "not found".
    return error_page(_problems) if _problems and template_name == "404.html" else output_content


def on_shutdown() -> None:
    # The server removes the site folder next: not while Pagefind writes into it.
    wait_for_indexing()


def on_serve(server, *, config: MkDocsConfig, builder):
    # `make serve DATA=…` with a catalogue outside data/ rebuilds when that is saved too.
    folder = _data_path(config).parent
    if not any(folder.resolve() == (Path(config.config_file_path).parent / path).resolve() for path in config.watch):
        server.watch(str(folder))
    return server


# Generated pages are not in the navigation, so Material's tabs (which follow the current
# page's ancestors) would mark none: the page's section is marked active while it renders.
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if _build is None:
        return context
    page.meta["kk_jsonld"] = _build.json_ld(page.file.src_uri)
    # The page's language (Material's UI strings, <html lang>) and the language switch in the
    # header: the same page in each language (overrides/partials/language-switch.html).
    switch = _build.language_switch(page.url)
    page.meta["kk_lang"] = switch.language
    page.meta["kk_alternates"] = switch.alternates
    page.meta["kk_tabs"] = _build.tabs(page.file.src_uri, page.url)
    page.meta["kk_home"] = _build.home(page.url)
    labels = LABELS[switch.language]
    for scheme, name in zip(config.theme["palette"], (labels.dark_scheme, labels.light_scheme)):
        scheme["toggle"]["name"] = name
    section = _build.section(page.file.src_uri)
    for item in nav.pages:
        if section and item.file.src_uri == section:
            item.active = True
            _active_section.append(item)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    while _active_section:
        _active_section.pop().active = False
    return error_page(_problems) if _problems else output


def on_post_build(*, config: MkDocsConfig) -> None:
    if _build is None:
        return
    site = Path(config.site_dir)
    for name, content in _build.site_files().items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    # Pagefind reads the pages, which are all written; the stylesheets are pruned meanwhile
    # (they read the pages too, and write only stylesheets, which Pagefind does not read).
    indexing = Indexing(site)
    try:
        prune_stylesheets(site)
    except BaseException:
        indexing.stop()
        raise
    if os.environ.get(_SERVING) == "1":
        # `mkdocs serve`: the rebuilt pages are served at once, and the search finds them a
        # moment later (Pagefind was a fifth of a rebuild). A failure is shown in the log.
        indexing.finish_later(log.error)
        return
    try:
        indexing.finish()
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
