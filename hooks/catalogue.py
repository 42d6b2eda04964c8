"""MkDocs hooks: the catalogue becomes pages. Each hook is a guard and one call into
klyngekatalog; the catalogue code itself knows nothing of MkDocs."""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from klyngekatalog.problems import CatalogueError
from klyngekatalog.search import SearchIndexError, index_site
from klyngekatalog.site import SiteBuild

_build: SiteBuild | None = None


def _data_path(config: MkDocsConfig) -> Path:
    root = Path(config.config_file_path).parent
    return Path(os.environ.get("KLYNGEKATALOG_DATA") or root / "data" / "clusters.yaml")


# Before mkdocs-macros reads `extra`, so hand-written pages can use the catalogue's numbers.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).parent
    try:
        _build = SiteBuild.load(_data_path(config), display_root=root)
    except CatalogueError as error:
        raise PluginError("Kataloget har fejl:\n" + "\n".join(str(p) for p in error.problems)) from None
    config.extra["katalog"] = _build.macro_variables()
    # Former names and aliases keep working as addresses (mkdocs-redirects writes the pages).
    config.plugins["redirects"].config["redirect_maps"].update(_build.redirects())
    return config


# Before other plugins look at the files (mkdocs-redirects checks that targets exist).
@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _build is None:
        return files
    for view in _build.views.values():
        inclusion = InclusionLevel.INCLUDED if view.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, view.path, content="", inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is None or (view := _build.views.get(page.file.src_uri)) is None:
        return markdown
    # Material prints these unescaped (MkDocs' theme templates do not autoescape).
    page.meta["title"] = escape(view.title)
    page.meta["hide"] = list(view.hide)
    if view.description:
        page.meta["description"] = escape(view.meta_description)
    return ""


# Generated pages skip Markdown: their HTML comes from the templates, with catalogue text escaped.
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is None:
        return html
    if page.file.src_uri in _build.views:
        return _build.render(page.file.src_uri)
    return _build.fill_blocks(html, page.url)


def on_post_build(*, config: MkDocsConfig) -> None:
    if _build is None:
        return
    target = Path(config.site_dir) / "data"
    for name, content in _build.data_files().items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    try:
        index_site(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
