"""Everything the site build needs from the catalogue, computed once per build.

The MkDocs hook (hooks/catalogue.py) is the only caller; this module does not know MkDocs.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin

from .catalogue import Catalogue, load_catalogue
from .exports import all_exports
from .render import Renderer
from .schema import rendered_schemas
from .structured import cluster_organization, dataset, script_json
from .exports import clusters_csv
from .index import Index
from .labels import LABELS
from .render import csv_file
from .translations import FIRST_LANGUAGE, LANGUAGES
from .views import (
    SECTIONS, TABLE_INLINE_LIMIT, TABLE_ROWS_FILE, ClusterPage, PageView, build_views, language_indexes, redirects, table_rows_data,
    table_rows_path,
)


_BLOCK_MARKER = "<!-- katalog:"
_BLOCK = re.compile(r"<!-- katalog:([a-z]+) -->")
# The issue form editors use (.github/ISSUE_TEMPLATE/); its fields can be filled from the URL.
ISSUE_FORM = "ret-eller-tilfoej-klynge.yml"
# Hand-written pages that describe the open data carry the Dataset.
_DATASET_PAGES = {"index.md", "om.md"}


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is published (`site_url`, e.g. https://x.github.io/klyngekatalog/) and
    where its repository is (`repo_url`, optional): from the MkDocs configuration."""

    site_url: str = ""
    repo_url: str = ""
    name: str = "Klyngekataloget"
    description: str = ""

    def page(self, url: str) -> str:
        return urljoin(self.site_url, url)


def correction_url(repo_url: str, cluster_name: str, page_url: str, language: str = FIRST_LANGUAGE) -> str:
    """The issue form, with the cluster's name and page filled in."""
    title = LABELS[language].correction_title.format(name=cluster_name)
    query = urlencode({"template": ISSUE_FORM, "title": title, "klynge": cluster_name, "side": page_url})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"

# A hand-written page's numbers: `{{ katalog.antal_klynger }}`, filled in by this one pattern,
# with no template engine (mkdocs-macros let a page run any Python at build time).
_NUMBER = re.compile(r"\{\{-?[ \t]*katalog\.([A-Za-z0-9_]+)[ \t]*-?\}\}")
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%")


class PageTemplateError(ValueError):
    """A hand-written page asks for something other than the catalogue's numbers."""


def not_plain_files(folder: Path, shown_as: str) -> list[str]:
    """Every symbolic link and every entry that is neither a folder nor a regular file under
    `folder`, as `shown_as/…: reason`. MkDocs follows links in docs/ (a link to a file anywhere
    on the building machine would be published) and would wait for ever on a pipe."""
    found = []
    for parent, folders, files in os.walk(folder, followlinks=False):
        for name in sorted(folders + files):
            path = Path(parent) / name
            shown = f"{shown_as}/{path.relative_to(folder).as_posix()}"
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found.append(f"{shown}: er et symbolsk link; læg en almindelig fil her")
            elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                found.append(f"{shown}: er ikke en almindelig fil (fx en pipe eller en enhed); læg en almindelig fil her")
    return found


# The generated pages of one record: folder of the page → the list in the data it comes from.
_ENTRY_PAGES = {"klynger": "clusters", "temaer": "themes", "cases": "cases"}
# The generated overview pages → the data file they show.
_FILE_PAGES = {
    "klynger/index.md": "clusters.yaml",
    "temaer/index.md": "themes.yaml",
    "cases/index.md": "cases.yaml",
    "certificeringer.md": "certifications.yaml",
    "tal.md": "figures.yaml",
}


# The tabs of mkdocs.yml's nav, in order: (label in labels.py, URL path in an edition).
NAV_TABS = (
    ("home", ""), ("clusters", "klynger/"), ("fields", "temaer/"), ("certifications", "certificeringer/"),
    ("cases", "cases/"), ("figures", "tal/"), ("about", "om/"), ("search", "sog/"),
)


@dataclass(frozen=True)
class LanguageSwitch:
    language: str
    alternates: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class EditLink:
    """Where a page's data stands, on the repository's web site."""

    url: str
    file: str
    line: int | None


@dataclass
class SiteBuild:
    catalogue: Catalogue
    index: Index  # the derived lookups, shared by the views and the exports
    views: dict[str, PageView]  # by source path
    address: SiteAddress = field(default_factory=SiteAddress)
    renderer: Renderer = field(default_factory=Renderer)
    # The repository's address of the files, e.g. "https://github.com/o/r/blob/main/": with
    # it, each generated page links to the line of its entry ("Ret denne side").
    source_url: str | None = None
    # The derived lookups per language built; `index` is the Danish one.
    indexes: dict[str, Index] = field(default_factory=dict)
    # The editions this build makes (translations.parse_languages): every language by default;
    # a build of the Danish edition alone has no pages, files or links of another.
    languages: tuple[str, ...] = tuple(LANGUAGES)

    @classmethod
    def load(
        cls,
        clusters_path: Path,
        display_root: Path | None = None,
        address: SiteAddress | None = None,
        source_url: str | None = None,
        languages: tuple[str, ...] = tuple(LANGUAGES),
    ) -> "SiteBuild":
        catalogue = load_catalogue(clusters_path, display_root=display_root)
        indexes = language_indexes(catalogue, languages=languages)
        views = {view.path: view for view in build_views(catalogue, indexes=indexes)}
        return cls(
            catalogue, indexes[FIRST_LANGUAGE], views, address or SiteAddress(), source_url=source_url, indexes=indexes,
            languages=tuple(indexes),
        )

    def builds(self, path: str) -> bool:
        """Whether a page (by source path or URL) belongs to an edition this build makes: the
        hand-written pages of a language not built (docs/en/…) are left out."""
        return self.language_of(path) in self.languages

    @staticmethod
    def language_of(path: str) -> str:
        """The language of a page by its source path (or URL): another language's pages are
        below its folder ("en/…")."""
        head = path.split("/", 1)[0]
        return head if head in LANGUAGES and head != FIRST_LANGUAGE else FIRST_LANGUAGE

    def render(self, path: str) -> str:
        view = self.views[path]
        correction = None
        if self.address.repo_url and isinstance(view.content, ClusterPage):
            correction = correction_url(self.address.repo_url, view.title, self.address.page(view.url), view.lang)
        return self.renderer.render(view, edit=self.edit_link(path), correction_url=correction)

    def language_switch(self, url: str) -> "LanguageSwitch":
        """The language of the page at `url` and the same page in every language (site paths,
        with the language's name in itself)."""
        language = self.language_of(url)
        danish = url if language == FIRST_LANGUAGE else url.removeprefix(f"{language}/")
        # One edition alone: no switch (it would lead to pages that are not built).
        alternates = tuple(
            {"name": LABELS[code].language_name, "link": danish if code == FIRST_LANGUAGE else f"{code}/{danish}", "lang": code}
            for code in self.languages
        ) if len(self.languages) > 1 else ()
        return LanguageSwitch(language, alternates)

    def home(self, url: str) -> str | None:
        """The home page of the page's language (None: the site's, Material's default)."""
        language = self.language_of(url)
        return None if language == FIRST_LANGUAGE else f"{language}/"

    def tabs(self, path: str, url: str) -> list[dict] | None:
        """The navigation tabs of a page of another language (None for a Danish page, whose
        tabs are Material's from mkdocs.yml): the same tabs in order, titles from its labels,
        URLs in its edition, the page's own tab or section active."""
        language = self.language_of(url)
        if language == FIRST_LANGUAGE:
            return None
        t = LABELS[language]
        here = url.removeprefix(f"{language}/")
        view = self.views.get(path)
        section = SECTIONS[view.section][1] if view and view.section else None
        return [
            {"title": getattr(t, label), "url": f"{language}/{target}", "active": target in (here, section) and (target or not here)}
            for label, target in NAV_TABS
        ]

    def edit_link(self, path: str) -> EditLink | None:
        """The link from a generated page to the line of its entry in the data (an English
        page: in its translations file, where it has one there; an overview page: to its
        file); None without a repository or for data outside it."""
        if not self.source_url:
            return None
        language = self.language_of(path)
        if language != FIRST_LANGUAGE:
            path = path.removeprefix(f"{language}/")
        folder, _, name = path.partition("/")
        record = (_ENTRY_PAGES.get(folder, ""), name.removesuffix(".md"))
        # Another language's page leads to its translated texts where it has any; its facts
        # (names, figures, sources) are the Danish entry's, the fallback.
        entry = self.catalogue.translation_origins.get(language, {}).get(record) or self.catalogue.origins.get(record)
        if entry is None and path in _FILE_PAGES:
            entry = (self.catalogue.files.get(_FILE_PAGES[path], ""), None)
        if entry is None or not entry[0] or Path(entry[0]).is_absolute() or entry[0].startswith(".."):
            return None
        file, line = entry
        return EditLink(f"{self.source_url}{file}" + (f"#L{line}" if line else ""), file, line)

    def section(self, path: str) -> str | None:
        """The source path of the navigation page (tab) a generated page belongs under."""
        view = self.views.get(path)
        if not view or not view.section:
            return None
        prefix = "" if view.lang == FIRST_LANGUAGE else f"{view.lang}/"
        return prefix + SECTIONS[view.section][0]

    def json_ld(self, path: str) -> str | None:
        """The page's schema.org data, ready for a <script type="application/ld+json">."""
        if not self.address.site_url:
            return None
        view = self.views.get(path)
        if view is not None and isinstance(view.content, ClusterPage):
            return script_json(cluster_organization(view.content.cluster, self.address.page(view.url)))
        if path in _DATASET_PAGES or path.split("/", 1)[-1] in _DATASET_PAGES and self.language_of(path) != FIRST_LANGUAGE:
            a = self.address
            return script_json(dataset(self.catalogue, a.site_url, a.name, a.description))
        return None

    def robots_txt(self) -> str:
        """Everything may be crawled; the sitemap is named when the site knows its address."""
        lines = ["User-agent: *", "Allow: /"]
        if self.address.site_url:
            lines.append(f"Sitemap: {self.address.page('sitemap.xml')}")
        return "\n".join(lines) + "\n"

    def fill_blocks(self, html: str, page_url: str) -> str:
        """Replace `<!-- katalog:NAME -->` markers in a hand-written page with the rendered
        block templates/blocks/NAME.html (after Markdown, so catalogue text stays text), in
        the page's language."""
        if _BLOCK_MARKER not in html:
            return html
        language = self.language_of(page_url)
        context = self.block_context(language)
        return _BLOCK.sub(lambda match: self.renderer.render_block(match.group(1), page_url, context, language), html)

    def block_context(self, language: str = FIRST_LANGUAGE) -> dict:
        index = self.indexes.get(language, self.index)
        return {"sources": index.catalogue.sources}

    def redirects(self) -> dict[str, str]:
        return redirects(self.catalogue)

    def fill_numbers(self, markdown: str, page: str) -> str:
        """`{{ katalog.NAME }}` in a hand-written page (one with `render_macros: true`) becomes
        that number; any other `{{ … }}` or `{% … %}` fails the build, so a page can reach
        nothing but the numbers."""
        numbers = self.macro_variables()

        def number(match: re.Match) -> str:
            name = match.group(1)
            if name not in numbers:
                line = markdown.count("\n", 0, match.start()) + 1
                raise PageTemplateError(
                    f"{page}: linje {line} efter forsiden: 'katalog.{name}' findes ikke; brug en af: "
                    + ", ".join(f"katalog.{known}" for known in numbers)
                )
            return str(numbers[name])

        filled = _NUMBER.sub(number, markdown)
        if other := _TEMPLATE_SYNTAX.search(filled):
            line = filled.count("\n", 0, other.start()) + 1
            shown = filled[other.start() : other.start() + 40].split("\n")[0]
            raise PageTemplateError(
                f"{page}: linje {line} efter forsiden: '{shown}' er ikke tilladt; "
                "en side kan kun bruge katalogets tal, fx {{ katalog.antal_klynger }}"
            )
        return filled

    def macro_variables(self) -> dict:
        """What hand-written pages in docs/ may use (see fill_numbers): numbers only, never
        catalogue text (the page is Markdown, so text could become markup)."""
        c = self.catalogue
        counts = c.counts()
        return {
            "antal_klynger": counts["klynger"],
            "antal_fagomraader": counts["fagområder"],
            "antal_cases": counts["cases"],
            "antal_kilder": counts["kilder"],
            "antal_beskrevne": sum(1 for cluster in c.clusters if cluster.description),
            "antal_med_websted": sum(1 for cluster in c.clusters if cluster.website),
            "antal_certificerede": sum(1 for cluster in c.clusters if cluster.certifications),
        }

    def site_files(self) -> dict[str, str | bytes]:
        """Every file the build writes beside the pages, by site path: robots.txt, the open
        data (data_files, below data/) and the other languages' (language_files)."""
        files: dict[str, str | bytes] = {"robots.txt": self.robots_txt()}
        files.update(self.language_files())
        files.update({f"data/{name}": content for name, content in self.data_files().items()})
        return files

    def language_files(self) -> dict[str, str]:
        """Open data of the other languages, by site path: the CSV with that language's
        headers and texts (en/data/clusters.csv). JSON keeps its English keys for all."""
        files = {}
        for language, index in self.indexes.items():
            if language != FIRST_LANGUAGE:
                files[csv_file(language)] = clusters_csv(index.catalogue, index, language)
                # The catalogue table's rows above TABLE_INLINE_LIMIT, with that language's texts.
                if len(index.catalogue.clusters) > TABLE_INLINE_LIMIT:
                    files[table_rows_path(language)] = _table_rows_json(index)
        return files

    def data_files(self) -> dict[str, str | bytes]:
        """Files under /data/ of the site: exports and the JSON Schemas (text, or bytes for the
        spreadsheet)."""
        files = all_exports(self.catalogue, self.index)
        files[TABLE_ROWS_FILE] = _table_rows_json(self.index)
        files.update({f"schema/{name}": text for name, text in rendered_schemas().items()})
        return files


def _table_rows_json(index: Index) -> str:
    return json.dumps(table_rows_data(index), ensure_ascii=False, separators=(",", ":"))


def empty_macro_variables() -> dict:
    """The macro variables, all 0: while `make serve` shows the data's problems, the
    hand-written pages still render (and are then replaced by the problem page)."""
    return dict.fromkeys(MACRO_NAMES, 0)


MACRO_NAMES = (
    "antal_klynger",
    "antal_fagomraader",
    "antal_cases",
    "antal_kilder",
    "antal_beskrevne",
    "antal_med_websted",
    "antal_certificerede",
)
