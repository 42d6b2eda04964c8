"""Page views: everything a page shows, computed once per build from the catalogue.

A view is plain data (no markup): the page's common fields (`PageView`: path, title, language …)
and its content, one frozen dataclass per kind of page (`ClusterPage`, `ThemePage` …), whose
fields are the names its template reads (render.py passes them by name) and whose `template`
names the template. Templates in klyngekatalog/templates/ turn views into HTML; nothing here
knows about MkDocs. Each view's `path` is the page's source path in the site (e.g.
"klynger/robocluster.md" → /klynger/robocluster/).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Union

from .catalogue import Catalogue
from .charts import Chart, bar_chart
from .columns import Column, Value
from .fields import sourced_facts
from .index import HistoryMember, Index, Placement, sort_key
from .labels import LABELS
from .model import (
    ActivityArea, Case, Cluster, Headline, Indicator, Level, Relation, Source, SourceList, Table, Theme, UnnamedHolders,
)
from .slugs import TRANSLITERATION, RESERVED, slugify
from .translations import FIRST_LANGUAGE, OTHER_LANGUAGES, localized_catalogue


@dataclass(frozen=True)
class PageView:
    path: str  # source path, e.g. "klynger/robocluster.md"
    title: str
    content: PageContent = field(hash=False)  # what the page shows: one dataclass per kind of page (below)
    description: str | None = None  # for <meta name="description">
    in_nav: bool = False
    # The navigation page this page belongs under (its tab and breadcrumb), e.g. "klynger/index.md".
    section: str | None = None
    hide: tuple[str, ...] = ("navigation",)  # Material's sidebars to leave out
    lang: str = FIRST_LANGUAGE
    # The URL path of the same page in the other language (e.g. "en/klynger/x/" ↔ "klynger/x/").
    counterpart: str = ""

    @property
    def template(self) -> str:
        return self.content.template

    @property
    def meta_description(self) -> str:
        """The description cut to what a search engine shows, on one line."""
        text = " ".join((self.description or "").split())
        return text if len(text) <= 200 else text[:199].rsplit(" ", 1)[0] + "…"

    @property
    def url(self) -> str:
        """The page's URL path with directory URLs, e.g. "klynger/robocluster/"."""
        stem = self.path.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


# The navigation pages generated pages belong under: (source path, URL, label of its tab title).
SECTIONS = {
    "klynger": ("klynger/index.md", "klynger/", "clusters"),
    "temaer": ("temaer/index.md", "temaer/", "fields"),
    "cases": ("cases/index.md", "cases/", "cases"),
    "tal": ("tal.md", "tal/", "figures"),
}


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str  # a site path within the page's language ("" for its home page)


def breadcrumb(section: str, language: str = FIRST_LANGUAGE) -> tuple[Crumb, ...]:
    """The trail above a generated page: the home page, then its section (URLs within the
    page's language: the templates' links add the language's folder)."""
    _, url, label = SECTIONS[section]
    t = LABELS[language]
    return (Crumb(t.home, ""), Crumb(getattr(t, label), url))


@dataclass(frozen=True)
class Period:
    """The years a cluster page's facts come from: its dated sources' publication years, its
    lists' years and its certifications' dates. `undated` counts cited sources without a date."""

    first: int | None
    last: int | None
    undated: int

    @property
    def text(self) -> str:
        if self.first is None:
            return ""
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


def _year(date: str) -> int:
    return int(date[:4])


_SHORT = str.maketrans({"æ": "a", "ø": "o", "å": "a", "Æ": "a", "Ø": "o", "Å": "a"})


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _folded(word: str) -> tuple[str, ...]:
    if word.isascii():
        return ()
    return (_ascii(word.translate(TRANSLITERATION)), _ascii(word.translate(_SHORT)))


# Cached by word: the catalogue repeats its words, and a theme's description is folded for
# every cluster page of the theme (a frozenset caches its own hash, so `heads` is cheap as a key).
@functools.lru_cache(maxsize=1 << 16)
def _word_forms(word: str, heads: frozenset[str]) -> tuple[str, ...]:
    forms = list(_folded(word))
    for start in range(3, len(word) - 5) if heads else ():
        tail = word[start:]
        if tail[:5] in heads:
            forms += (tail, *_folded(tail))
    return tuple(forms)


def folded_forms(text: str, heads: frozenset[str] = frozenset()) -> str:
    """Extra words for the search index from `text`: each word with Danish letters or accents
    spelt the two ways people type it without them ("Fødevarer" → "foedevarer fodevarer"), and,
    given `heads` (the first five letters of the catalogue's words), the tails of compounds that
    start like another word of the catalogue ("havvindmøller" → "vindmøller"), because Danish
    writes compounds as one word and Pagefind matches words from their start."""
    forms: dict[str, None] = {}
    for word in re.findall(r"\w+", text.lower()):
        forms.update(dict.fromkeys(_word_forms(word, heads)))
    return " ".join(forms)


@dataclass(frozen=True)
class SearchTerms:
    """Text for the search index only (hidden on the page): the folded forms of the page's
    words, and words it answers to without showing them, each with a Pagefind weight."""

    weight: float
    text: str


def _terms(*pairs: tuple[float, str]) -> tuple[SearchTerms, ...]:
    return tuple(SearchTerms(weight, text) for weight, text in pairs if text)


def cluster_period(index: Index, cluster: Cluster) -> Period:
    c = index.catalogue
    sources = [c.source_by_id[s] for s in cluster.sources]
    years = {_year(s.published) for s in sources if s.published}
    years |= {p.list.year for p in index.placements[cluster.id]}
    years |= {_year(cert.as_of) for cert in cluster.certifications}
    undated = sum(1 for s in sources if not s.published)
    return Period(min(years, default=None), max(years, default=None), undated)



# --- /klynger/<id>/: a cluster --------------------------------------------------------------


@dataclass(frozen=True)
class YearThemes:
    year: int
    themes: tuple[Theme, ...]


@dataclass(frozen=True)
class HeldCertification:
    level: Level
    as_of: str
    source: Source
    printed_name: str | None


@dataclass(frozen=True)
class Inclusion:
    """An "omfatter" relation seen from one of its two clusters: the other one, and the source."""

    cluster: Cluster
    source: Source


@dataclass(frozen=True)
class Continuation:
    """A continuation seen from one of its two clusters. A probable one carries its evidence
    (and a source, if any); a stated one its source."""

    cluster: Cluster  # the other cluster
    kind: str
    probable: bool
    source: Source | None
    evidence: str | None


def _continuation(c: Catalogue, other: Cluster, relation: Relation) -> Continuation:
    return Continuation(
        other, relation.kind, relation.kind == "formodet-videreført-som", c.source_by_id.get(relation.source or ""), relation.evidence
    )


@dataclass(frozen=True)
class ClusterPage:
    template: ClassVar[str] = "cluster.html"
    cluster: Cluster
    themes_by_year: tuple[YearThemes, ...]
    placements: tuple[Placement, ...]
    programmes: tuple[SourceList, ...]
    certifications: tuple[HeldCertification, ...]
    includes: tuple[Inclusion, ...]
    included_in: tuple[Inclusion, ...]
    # Continuations both ways: what this cluster was (probably) continued as, and what it
    # (probably) continues.
    continued_as: tuple[Continuation, ...]
    continues: tuple[Continuation, ...]
    history: tuple[tuple[HistoryMember, ...], ...]
    cases: tuple[Case, ...]
    areas: Mapping[str, ActivityArea]
    sources: tuple[Source, ...]
    # The source of each sourced fact ("description", "website" …), as the model declares it:
    # keyed by the model's field names, so a new sourced field needs no change here.
    fact_sources: dict[str, Source]
    period: Period
    breadcrumb: tuple[Crumb, ...]
    search_terms: tuple[SearchTerms, ...]


def cluster_page(index: Index, cluster: Cluster) -> PageView:
    c = index.catalogue
    by_year = index.themes_by_year(cluster)
    themes = [c.theme_by_id[t] for t in dict.fromkeys(t for ids in by_year.values() for t in ids)]
    heads = index.word_heads
    cases = tuple(index.cases_by_cluster.get(cluster.id, ()))
    content = ClusterPage(
        cluster=cluster,
        themes_by_year=tuple(YearThemes(year, tuple(c.theme_by_id[t] for t in ids)) for year, ids in by_year.items()),
        placements=tuple(index.placements[cluster.id]),
        programmes=tuple(index.programmes(cluster)),
        certifications=tuple(
            HeldCertification(c.level_by_id[cert.level], cert.as_of, c.source_by_id[cert.source], cert.printed_name)
            for cert in cluster.certifications
        ),
        includes=tuple(
            Inclusion(c.cluster_by_id[r.cluster], c.source_by_id[r.source or ""]) for r in cluster.relations if r.kind == "omfatter"
        ),
        included_in=tuple(
            Inclusion(parent, c.source_by_id[r.source or ""]) for parent, r in index.included_in.get(cluster.id, [])
        ),
        continued_as=tuple(_continuation(c, other, r) for other, r in index.successors(cluster)),
        continues=tuple(_continuation(c, other, r) for other, r in index.predecessors.get(cluster.id, [])),
        history=index.history(cluster),
        cases=cases,
        areas=c.area_by_id,
        sources=tuple(c.source_by_id[s] for s in cluster.sources),
        fact_sources={
            fact: c.source_by_id[source_id]
            for fact, sourced_by in sourced_facts(Cluster).items()
            if (source_id := getattr(cluster, sourced_by.field)) in c.source_by_id
        },
        period=cluster_period(index, cluster),
        breadcrumb=breadcrumb("klynger", index.language),
        # What the cluster is (its names, themes, description) outranks what its page only
        # mentions; its themes' descriptions and its cases let a word of its field find it
        # ("vindmøller").
        search_terms=_terms(
            (10, folded_forms(cluster.name, heads)),
            (5, folded_forms(" ".join(cluster.aliases), heads)),
            (3, " ".join([t.id.replace("-", " ") for t in themes] + [folded_forms(t.name) for t in themes])),
            (2, folded_forms(cluster.description or "", heads)),
            (1, " ".join(f"{case.summary} {folded_forms(case.summary, heads)}" for case in cases)),
            (0.5, " ".join(f"{t.description} {folded_forms(t.description)}" for t in themes if t.description)),
        ),
    )
    return PageView(f"klynger/{cluster.id}.md", cluster.name, content, description=cluster.description, section="klynger")


# --- /temaer/<id>/: a theme -----------------------------------------------------------------


@dataclass(frozen=True)
class PlacedCluster:
    """A cluster as a theme's page lists it: its link and its best certification."""

    id: str
    name: str
    level: Level | None


@dataclass(frozen=True)
class YearClusters:
    year: int
    clusters: tuple[PlacedCluster, ...]


@dataclass(frozen=True)
class ThemePage:
    template: ClassVar[str] = "theme.html"
    theme: Theme
    placements: tuple[YearClusters, ...]  # newest year first
    cases: tuple[Case, ...]
    areas: Mapping[str, ActivityArea]
    sources: Mapping[str, Source]
    search_terms: tuple[SearchTerms, ...]
    breadcrumb: tuple[Crumb, ...]


def theme_page(index: Index, theme: Theme) -> PageView:
    years = index.clusters_by_theme.get(theme.id, {})
    placements = tuple(
        YearClusters(
            year,
            tuple(
                sorted((PlacedCluster(cl.id, cl.name, index.best_level(cl)) for cl in years[year]), key=lambda r: sort_key(r.name))
            ),
        )
        for year in sorted(years, reverse=True)
    )
    content = ThemePage(
        theme=theme,
        placements=placements,
        cases=tuple(index.cases_by_theme.get(theme.id, ())),
        areas=index.catalogue.area_by_id,
        sources=index.catalogue.source_by_id,
        # A theme's page comes first for its name, also as its id ("ikt") or typed without æøå.
        search_terms=_terms(
            (10, f"{theme.id.replace('-', ' ')} {folded_forms(theme.name)}"),
            (5, folded_forms(" ".join(p.name for p in theme.printed_names))),
            (2, folded_forms(theme.description or "", index.word_heads)),
        ),
        breadcrumb=breadcrumb("temaer", index.language),
    )
    return PageView(f"temaer/{theme.id}.md", theme.name, content, description=theme.description, section="temaer")


# --- /cases/<id>/: a case -------------------------------------------------------------------


@dataclass(frozen=True)
class CasePage:
    template: ClassVar[str] = "case.html"
    case: Case
    cluster: Cluster
    partner_clusters: tuple[Cluster, ...]
    area: ActivityArea
    source: Source
    search_terms: tuple[SearchTerms, ...]
    breadcrumb: tuple[Crumb, ...]


def case_page(index: Index, case: Case) -> PageView:
    c = index.catalogue
    content = CasePage(
        case=case,
        cluster=c.cluster_by_id[case.cluster],
        partner_clusters=tuple(c.cluster_by_id[p] for p in case.partner_clusters),
        area=c.area_by_id[case.activity_area],
        source=c.source_by_id[case.source],
        search_terms=_terms((5, folded_forms(case.title, index.word_heads)), (1, folded_forms(case.summary, index.word_heads))),
        breadcrumb=breadcrumb("cases", index.language),
    )
    return PageView(f"cases/{case.id}.md", case.title, content, description=case.summary, section="cases")


# --- /klynger/: the catalogue table ---------------------------------------------------------

# Up to this many rows the catalogue table is plain HTML (works without JavaScript); a larger
# catalogue loads its rows from /data/klynger-tabel.json, so the page stays light.
TABLE_INLINE_LIMIT = 1000
TABLE_ROWS_FILE = "klynger-tabel.json"


@dataclass(frozen=True)
class TableRow:
    """A cluster's row: its values by column key (columns.py) and the sort key of each column
    that has its own."""

    values: dict[str, Value]
    sort: dict[str, int]


@dataclass(frozen=True)
class TableFilters:
    """The choices of the table's filters."""

    themes: tuple[Theme, ...]
    years: tuple[int, ...]  # newest first
    levels: tuple[Level, ...]  # those held by a named cluster
    programmes: tuple[SourceList, ...]
    lists: tuple[SourceList, ...]


@dataclass(frozen=True)
class CatalogueTablePage:
    template: ClassVar[str] = "clusters.html"
    rows: tuple[TableRow, ...]  # empty above TABLE_INLINE_LIMIT: the browser loads `rows_src`
    total: int
    rows_src: str | None
    cells: list[Column]
    data_columns: list[Column]
    filters: TableFilters


def _table_rows(index: Index) -> tuple[TableRow, ...]:
    """The table's rows in name order."""
    table = index.rows
    order = sorted(range(len(table.rows)), key=lambda i: sort_key(str(table.rows[i]["navn"])))
    return tuple(TableRow(table.rows[i], table.sort_keys[i]) for i in order)


def _filter_options(index: Index) -> TableFilters:
    c = index.catalogue
    levels = sorted(c.levels, key=lambda l: (l.rank is None, l.rank or 0, l.id))
    return TableFilters(
        themes=tuple(sorted(c.themes, key=lambda t: sort_key(t.name))),
        years=tuple(sorted({source_list.year for source_list in c.lists}, reverse=True)),
        levels=tuple(level for level in levels if level.id in index.holders),
        programmes=tuple(l for l in c.lists if l.programme),
        lists=tuple(sorted(c.lists, key=lambda l: (-l.year, l.title))),
    )


def catalogue_table_page(index: Index) -> PageView:
    c = index.catalogue
    inline = len(c.clusters) <= TABLE_INLINE_LIMIT
    content = CatalogueTablePage(
        rows=_table_rows(index) if inline else (),
        total=len(c.clusters),
        rows_src=None if inline else table_rows_path(index.language),
        cells=index.rows.cells,
        data_columns=index.rows.data_columns,
        filters=_filter_options(index),
    )
    return PageView("klynger/index.md", index.labels.all_clusters, content, in_nav=True)


def table_rows_path(language: str) -> str:
    """The site path of the table's rows in a language (other languages below their folder)."""
    return f"data/{TABLE_ROWS_FILE}" if language == FIRST_LANGUAGE else f"{language}/data/{TABLE_ROWS_FILE}"


def table_rows_data(index: Index) -> dict[str, list[dict[str, Value | dict[str, int]]]]:
    """The catalogue table as data for the browser (see TABLE_INLINE_LIMIT): one object per
    row, keyed by column; a sort key only where a column has its own."""
    keys = [col.key for col in index.rows.table_columns]
    rows = []
    for row in _table_rows(index):
        # Empty values are left out: at 5,000 clusters they would be a third of the file.
        data: dict[str, Value | dict[str, int]] = {key: row.values[key] for key in keys if row.values[key]}
        if row.sort:
            data["_sort"] = row.sort
        rows.append(data)
    return {"rows": rows}


# --- /temaer/, /certificeringer/, /cases/: the overviews --------------------------------------


@dataclass(frozen=True)
class ThemeCounts:
    theme: Theme
    counts: dict[int, int]  # clusters placed under the theme, by year
    cases: int


@dataclass(frozen=True)
class ThemesIndexPage:
    template: ClassVar[str] = "themes.html"
    themes: tuple[ThemeCounts, ...]
    years: tuple[int, ...]


def themes_index_page(index: Index) -> PageView:
    c = index.catalogue
    themes = tuple(
        ThemeCounts(
            theme,
            {year: len(cl) for year, cl in sorted(index.clusters_by_theme.get(theme.id, {}).items())},
            len(index.cases_by_theme.get(theme.id, [])),
        )
        for theme in c.themes
    )
    years = tuple(sorted({year for t in themes for year in t.counts}))
    return PageView("temaer/index.md", index.labels.fields, ThemesIndexPage(themes, years), in_nav=True)


@dataclass(frozen=True)
class LevelHolders:
    level: Level
    holders: tuple[tuple[Cluster, str], ...]  # (cluster, as of), by name
    unnamed: tuple[UnnamedHolders, ...]
    source: Source


@dataclass(frozen=True)
class CertificationsPage:
    template: ClassVar[str] = "certifications.html"
    levels: tuple[LevelHolders, ...]
    sources: Mapping[str, Source]


def certifications_page(index: Index) -> PageView:
    c = index.catalogue
    levels = tuple(
        LevelHolders(
            level,
            tuple(sorted(index.holders.get(level.id, []), key=lambda h: sort_key(h[0].name))),
            tuple(index.unnamed_by_level.get(level.id, ())),
            c.source_by_id[level.source],
        )
        for level in sorted(c.levels, key=lambda l: (l.rank is None, l.rank or 0, l.id))
    )
    return PageView("certificeringer.md", index.labels.certifications, CertificationsPage(levels, c.source_by_id), in_nav=True)


@dataclass(frozen=True)
class AreaCases:
    area: ActivityArea
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class CasesIndexPage:
    template: ClassVar[str] = "cases.html"
    areas: tuple[AreaCases, ...]
    clusters: Mapping[str, Cluster]


def cases_index_page(index: Index) -> PageView:
    c = index.catalogue
    areas = tuple(AreaCases(area, tuple(index.cases_by_area.get(area.id, ()))) for area in c.activity_areas)
    return PageView("cases/index.md", index.labels.cases, CasesIndexPage(areas, c.cluster_by_id), in_nav=True)


# --- figures: /tal/ (overview), /tal/<table-id>/ (one page per source table), /tal/kataloget/ ---

FIGURES_HIDE = ("navigation", "toc")  # the figures pages use the whole width
CATALOGUE_FIGURES_ID = "kataloget"
# Anchors of the single /tal/ page before it was split whose content moved to /tal/kataloget/
# (the overview keeps #noegletal, #kataloget-i-tal and one id per table; the indicator and
# section anchors keep their ids on the table pages; docs/assets/tal.js follows them all).
MOVED_ANCHORS = ("pr-fagomraade", "pr-certificering", "pr-liste")


def figures_table_url(table_id: str) -> str:
    return f"tal/{table_id}/"


@dataclass(frozen=True)
class Downloads:
    """A table's downloads, as site paths (written by exports.figure_table_exports)."""

    csv: str
    json: str


def figures_table_files(table_id: str) -> Downloads:
    return Downloads(csv=f"data/tal/{table_id}.csv", json=f"data/tal/{table_id}.json")


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    chart: Chart | None  # None: fewer than two years with a figure


@dataclass(frozen=True)
class FigureSection:
    title: str
    anchor: str
    rows: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class FiguresTablePage:
    template: ClassVar[str] = "figures_table.html"
    table: Table
    source: Source
    sections: tuple[FigureSection, ...]
    has_charts: bool
    notes: tuple[Indicator, ...]  # the indicators with a note, in table order
    downloads: Downloads
    breadcrumb: tuple[Crumb, ...]


def _figures_table_view(index: Index, table: Table) -> PageView:
    sections = tuple(
        FigureSection(
            section.title,
            f"afsnit-{number}",
            tuple(
                IndicatorRow(
                    ind,
                    bar_chart(ind.values, table.years, ind.unit, ind.decimals, table.measured, table.population, ind.name, index.language),
                )
                for ind in section.indicators
            ),
        )
        for number, section in enumerate(table.sections, start=1)
    )
    content = FiguresTablePage(
        table=table,
        source=index.catalogue.source_by_id[table.source],
        sections=sections,
        has_charts=any(row.chart for s in sections for row in s.rows),
        notes=tuple(ind for section in table.sections for ind in section.indicators if ind.note),
        downloads=figures_table_files(table.id),
        breadcrumb=breadcrumb("tal", index.language),
    )
    period = f"{table.years[0]}–{table.years[-1]}" if len(table.years) > 1 else str(table.years[0])
    # One catalogue text only, first: the description is cut at 200 characters.
    description = index.labels.figures_table_description.format(title=table.title, period=period)
    return PageView(f"tal/{table.id}.md", table.title, content, description=description, hide=FIGURES_HIDE, section="tal")


def figures_table_pages(index: Index) -> list[PageView]:
    return [_figures_table_view(index, table) for table in index.catalogue.tables]


@dataclass(frozen=True)
class HeadlineEntry:
    headline: Headline
    source: Source
    unit: str  # the Danish unit, which decides whether the unit is printed (figures.html)


@dataclass(frozen=True)
class TableSummary:
    """A table as /tal/ leads to it."""

    table: Table
    url: str
    source: Source
    indicators: int
    sections: tuple[str, ...]  # their titles


@dataclass(frozen=True)
class FiguresPage:
    template: ClassVar[str] = "figures.html"
    headlines: tuple[HeadlineEntry, ...]
    tables: tuple[TableSummary, ...]
    catalogue_url: str
    moved: tuple[str, ...]  # anchors now on /tal/kataloget/ (MOVED_ANCHORS)


def figures_page(index: Index) -> PageView:
    """/tal/: the key figures with year and source, and a way into each table's page."""
    c = index.catalogue
    content = FiguresPage(
        headlines=tuple(
            HeadlineEntry(h, c.source_by_id[h.source], first.unit) for h, first in zip(c.headlines, index.first.headlines)
        ),
        tables=tuple(
            TableSummary(
                table,
                figures_table_url(table.id),
                c.source_by_id[table.source],
                sum(len(section.indicators) for section in table.sections),
                tuple(section.title for section in table.sections),
            )
            for table in c.tables
        ),
        catalogue_url=figures_table_url(CATALOGUE_FIGURES_ID),
        moved=MOVED_ANCHORS,
    )
    description = index.labels.figures_description
    return PageView("tal.md", index.labels.figures, content, description=description, in_nav=True, hide=FIGURES_HIDE)


def _listed_years(index: Index, cluster: Cluster) -> set[int]:
    return {index.catalogue.list_by_id[listing.list].year for listing in cluster.listings}


@dataclass(frozen=True)
class ThemeTrend:
    theme: Theme
    counts: dict[int, int]  # clusters placed under the theme, by themed list's year
    shares: dict[int, float]  # the counts relative to the largest count of any theme and year


@dataclass(frozen=True)
class Recurrence:
    """How many clusters of the first list's year are in the last list's year again."""

    first: int
    last: int
    in_first: int
    in_both: int
    in_last: int


@dataclass(frozen=True)
class LevelCount:
    level: Level
    named: int
    unnamed: int


@dataclass(frozen=True)
class ListCount:
    list: SourceList
    count: int  # the clusters of the catalogue the list places


@dataclass(frozen=True)
class ListingCounts:
    levels: tuple[LevelCount, ...]
    lists: tuple[ListCount, ...]


@dataclass(frozen=True)
class CatalogueFiguresPage:
    template: ClassVar[str] = "figures_catalogue.html"
    themes: tuple[ThemeTrend, ...]
    years: tuple[int, ...]  # the themed lists' years
    again: Recurrence | None  # None with a single year of lists
    counts: ListingCounts
    sources: Mapping[str, Source]
    breadcrumb: tuple[Crumb, ...]


def catalogue_figures_page(index: Index) -> PageView:
    """/tal/kataloget/: what the catalogue's own listings show over time. The links into
    /klynger/ carry the table's filters in the query (?tema=…&aar=…)."""
    c = index.catalogue
    themed_years = tuple(sorted({source_list.year for source_list in c.lists if source_list.themed}))
    counts_by_theme = [
        (theme, {year: len(index.clusters_by_theme.get(theme.id, {}).get(year, [])) for year in themed_years})
        for theme in c.themes
    ]
    largest = max((n for _, counts in counts_by_theme for n in counts.values()), default=0) or 1
    themes = tuple(ThemeTrend(theme, counts, {year: n / largest for year, n in counts.items()}) for theme, counts in counts_by_theme)
    all_years = sorted({source_list.year for source_list in c.lists})
    listed = [_listed_years(index, cluster) for cluster in c.clusters]
    again = None
    if all_years and all_years[0] != all_years[-1]:
        first, last = all_years[0], all_years[-1]
        in_first = sum(1 for years in listed if first in years)
        in_both = sum(1 for years in listed if first in years and last in years)
        again = Recurrence(first, last, in_first, in_both, sum(1 for years in listed if last in years))
    counts = ListingCounts(
        levels=tuple(
            LevelCount(l, len(index.holders.get(l.id, [])), sum(u.count for u in index.unnamed_by_level.get(l.id, [])))
            for l in sorted(c.levels, key=lambda l: (l.rank is None, l.rank or 0))
        ),
        lists=tuple(ListCount(l, index.clusters_by_list.get(l.id, 0)) for l in c.lists),
    )
    content = CatalogueFiguresPage(themes, themed_years, again, counts, c.source_by_id, breadcrumb("tal", index.language))
    description = index.labels.over_time_description
    return PageView(
        f"tal/{CATALOGUE_FIGURES_ID}.md", index.labels.catalogue_over_time, content,
        description=description, hide=FIGURES_HIDE, section="tal",
    )


# Every kind of generated page: a view's content is one of these.
PageContent = Union[
    ClusterPage, ThemePage, CasePage, CatalogueTablePage, ThemesIndexPage, CertificationsPage, CasesIndexPage,
    FiguresPage, FiguresTablePage, CatalogueFiguresPage,
]


def redirects(catalogue: Catalogue) -> dict[str, str]:
    """Old addresses that lead to a cluster: its name and every alias as a slug, e.g.
    /klynger/offshore-center-danmark/ → /klynger/offshoreenergy-dk/. A slug that two
    clusters could claim, or that is another cluster's id, gets no redirect."""
    # "index" is the catalogue table itself.
    ids = {cluster.id for cluster in catalogue.clusters} | RESERVED["klynger"]
    claims: dict[str, set[str]] = defaultdict(set)
    for cluster in catalogue.clusters:
        for name in (cluster.name, *cluster.aliases):
            slug = slugify(name)
            if slug and slug != cluster.id:
                claims[slug].add(cluster.id)
    return {
        f"klynger/{slug}.md": f"klynger/{owners.pop()}.md"
        for slug, owners in sorted(claims.items())
        if len(owners) == 1 and slug not in ids
    }


def language_indexes(
    catalogue: Catalogue, index: Index | None = None, languages: tuple[str, ...] = (FIRST_LANGUAGE, *OTHER_LANGUAGES)
) -> dict[str, Index]:
    """The derived lookups of each language built: the Danish index, and per other language the
    index of the localized catalogue (built once per build and language; a language not built
    costs nothing: no localized copy, no index, no views)."""
    first = index or Index(catalogue)
    indexes = {FIRST_LANGUAGE: first}
    for language in OTHER_LANGUAGES:
        if language in languages:
            indexes[language] = Index(localized_catalogue(catalogue, language), language, first=catalogue)
    return indexes


def build_views(catalogue: Catalogue, index: Index | None = None, indexes: dict[str, Index] | None = None) -> list[PageView]:
    """Every generated page of the site, once per language: another language's page has the
    Danish page's path below `<language>/` (en/klynger/x.md) and each knows the other's URL."""
    indexes = indexes or language_indexes(catalogue, index)
    views = []
    for language, language_index in indexes.items():
        for view in _views(language_index):
            if language == FIRST_LANGUAGE:
                # A site of two languages: the counterpart of a Danish page is the English one.
                other = OTHER_LANGUAGES[0] if OTHER_LANGUAGES else FIRST_LANGUAGE
                views.append(dataclasses.replace(view, counterpart=f"{other}/{view.url}"))
            else:
                views.append(
                    dataclasses.replace(view, path=f"{language}/{view.path}", lang=language, counterpart=view.url)
                )
    return views


def _views(index: Index) -> list[PageView]:
    catalogue = index.catalogue
    views = [
        catalogue_table_page(index),
        themes_index_page(index),
        certifications_page(index),
        cases_index_page(index),
        figures_page(index),
        catalogue_figures_page(index),
    ]
    views += figures_table_pages(index)
    views += [cluster_page(index, cluster) for cluster in catalogue.clusters]
    views += [theme_page(index, theme) for theme in catalogue.themes]
    views += [case_page(index, case) for case in catalogue.cases]
    return views
