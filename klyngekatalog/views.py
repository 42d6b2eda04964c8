"""Page views: everything a page shows, computed once per build from the catalogue.

A view is plain data (no markup). Templates in klyngekatalog/templates/ turn views into
HTML; nothing here knows about MkDocs. Each view's `path` is the page's source path in
the site (e.g. "klynger/robocluster.md" → /klynger/robocluster/).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .catalogue import Catalogue
from .charts import bar_chart
from .fields import sourced_facts
from .index import Index, sort_key
from .labels import LABELS
from .model import Case, Cluster, Relation, Table, Theme
from .slugs import TRANSLITERATION, RESERVED, slugify
from .translations import FIRST_LANGUAGE, OTHER_LANGUAGES, localized_catalogue


@dataclass(frozen=True)
class PageView:
    path: str  # source path, e.g. "klynger/robocluster.md"
    title: str
    template: str
    context: dict[str, Any] = field(hash=False)
    description: str | None = None  # for <meta name="description">
    in_nav: bool = False
    # The navigation page this page belongs under (its tab and breadcrumb), e.g. "klynger/index.md".
    section: str | None = None
    hide: tuple[str, ...] = ("navigation",)  # Material's sidebars to leave out
    lang: str = FIRST_LANGUAGE
    # The URL path of the same page in the other language (e.g. "en/klynger/x/" ↔ "klynger/x/").
    counterpart: str = ""

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


def cluster_url(cluster_id: str) -> str:
    return f"klynger/{cluster_id}/"


# The navigation pages generated pages belong under: (source path, URL, label of its tab title).
SECTIONS = {
    "klynger": ("klynger/index.md", "klynger/", "clusters"),
    "temaer": ("temaer/index.md", "temaer/", "fields"),
    "cases": ("cases/index.md", "cases/", "cases"),
    "tal": ("tal.md", "tal/", "figures"),
}


def breadcrumb(section: str, language: str = FIRST_LANGUAGE) -> list[dict[str, str]]:
    """The trail above a generated page: the home page, then its section (URLs within the
    page's language: the templates' links add the language's folder)."""
    _, url, label = SECTIONS[section]
    t = LABELS[language]
    return [{"title": t.home, "url": ""}, {"title": getattr(t, label), "url": url}]


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


def _cluster_row(index: Index, cluster: Cluster) -> dict[str, Any]:
    c = index.catalogue
    level = index.best_level(cluster)
    return {
        "id": cluster.id,
        "name": cluster.name,
        "url": cluster_url(cluster.id),
        "themes": [c.theme_by_id[t] for t in index.latest_themes(cluster)],
        "level": level,
        "programmes": index.programmes(cluster),
        "website": cluster.website,
        "aliases": cluster.aliases,
    }


def _continuation(c: Catalogue, other: Cluster, relation: Relation) -> dict[str, Any]:
    return {
        "cluster": other,
        "kind": relation.kind,
        "probable": relation.kind == "formodet-videreført-som",
        "source": c.source_by_id.get(relation.source or ""),
        "evidence": relation.evidence,
    }


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


def _terms(*pairs: tuple[float, str]) -> list[SearchTerms]:
    return [SearchTerms(weight, text) for weight, text in pairs if text]


def cluster_period(index: Index, cluster: Cluster) -> Period:
    c = index.catalogue
    sources = [c.source_by_id[s] for s in cluster.sources]
    years = {_year(s.published) for s in sources if s.published}
    years |= {p.list.year for p in index.placements[cluster.id]}
    years |= {_year(cert.as_of) for cert in cluster.certifications}
    undated = sum(1 for s in sources if not s.published)
    return Period(min(years, default=None), max(years, default=None), undated)


def cluster_page(index: Index, cluster: Cluster) -> PageView:
    c = index.catalogue
    themes_by_year = [
        {"year": year, "themes": [c.theme_by_id[t] for t in ids]} for year, ids in index.themes_by_year(cluster).items()
    ]
    context = {
        "cluster": cluster,
        "themes_by_year": themes_by_year,
        "placements": index.placements[cluster.id],
        "programmes": index.programmes(cluster),
        "certifications": [
            {"level": c.level_by_id[cert.level], "as_of": cert.as_of, "source": c.source_by_id[cert.source], "printed_name": cert.printed_name}
            for cert in cluster.certifications
        ],
        "includes": [
            {"cluster": c.cluster_by_id[r.cluster], "source": c.source_by_id[r.source]}
            for r in cluster.relations
            if r.kind == "omfatter"
        ],
        "included_in": [
            {"cluster": parent, "source": c.source_by_id[r.source]} for parent, r in index.included_in.get(cluster.id, [])
        ],
        # Continuations both ways: what this cluster was (probably) continued as, and what it
        # (probably) continues. A probable one carries its evidence; a stated one its source.
        "continued_as": [_continuation(c, other, r) for other, r in index.successors(cluster)],
        "continues": [_continuation(c, other, r) for other, r in index.predecessors.get(cluster.id, [])],
        "history": index.history(cluster),
        "cases": index.cases_by_cluster.get(cluster.id, []),
        "areas": c.area_by_id,
        "sources": [c.source_by_id[s] for s in cluster.sources],
        # The source of each sourced fact ("description", "website" …), as the model declares it.
        "fact_sources": {
            fact: c.source_by_id[source_id]
            for fact, sourced_by in sourced_facts(Cluster).items()
            if (source_id := getattr(cluster, sourced_by.field)) in c.source_by_id
        },
        "period": cluster_period(index, cluster),
        "breadcrumb": breadcrumb("klynger", index.language),
    }
    themes = [c.theme_by_id[t] for t in dict.fromkeys(t for ids in index.themes_by_year(cluster).values() for t in ids)]
    heads = index.word_heads
    cases = context["cases"]
    # What the cluster is (its names, themes, description) outranks what its page only mentions;
    # its themes' descriptions and its cases let a word of its field find it ("vindmøller").
    context["search_terms"] = _terms(
        (10, folded_forms(cluster.name, heads)),
        (5, folded_forms(" ".join(cluster.aliases), heads)),
        (3, " ".join([t.id.replace("-", " ") for t in themes] + [folded_forms(t.name) for t in themes])),
        (2, folded_forms(cluster.description or "", heads)),
        (1, " ".join(f"{case.summary} {folded_forms(case.summary, heads)}" for case in cases)),
        (0.5, " ".join(f"{t.description} {folded_forms(t.description)}" for t in themes if t.description)),
    )
    return PageView(
        f"klynger/{cluster.id}.md", cluster.name, "cluster.html", context, description=cluster.description, section="klynger"
    )


def theme_page(index: Index, theme: Theme) -> PageView:
    years = index.clusters_by_theme.get(theme.id, {})
    placements = [
        {
            "year": year,
            "clusters": sorted((_cluster_row(index, cl) for cl in years[year]), key=lambda r: sort_key(r["name"])),
        }
        for year in sorted(years, reverse=True)
    ]
    context = {
        "theme": theme,
        "placements": placements,
        "cases": index.cases_by_theme.get(theme.id, []),
        "areas": index.catalogue.area_by_id,
        "sources": index.catalogue.source_by_id,
        # A theme's page comes first for its name, also as its id ("ikt") or typed without æøå.
        "search_terms": _terms(
            (10, f"{theme.id.replace('-', ' ')} {folded_forms(theme.name)}"),
            (5, folded_forms(" ".join(p.name for p in theme.printed_names))),
            (2, folded_forms(theme.description or "", index.word_heads)),
        ),
        "breadcrumb": breadcrumb("temaer", index.language),
    }
    return PageView(f"temaer/{theme.id}.md", theme.name, "theme.html", context, description=theme.description, section="temaer")


def case_page(index: Index, case: Case) -> PageView:
    c = index.catalogue
    context = {
        "case": case,
        "cluster": c.cluster_by_id[case.cluster],
        "partner_clusters": [c.cluster_by_id[p] for p in case.partner_clusters],
        "area": c.area_by_id[case.activity_area],
        "source": c.source_by_id[case.source],
        "search_terms": _terms((5, folded_forms(case.title, index.word_heads)), (1, folded_forms(case.summary, index.word_heads))),
        "breadcrumb": breadcrumb("cases", index.language),
    }
    return PageView(f"cases/{case.id}.md", case.title, "case.html", context, description=case.summary, section="cases")


# Up to this many rows the catalogue table is plain HTML (works without JavaScript); a larger
# catalogue loads its rows from /data/klynger-tabel.json, so the page stays light.
TABLE_INLINE_LIMIT = 1000
TABLE_ROWS_FILE = "klynger-tabel.json"


def _table_rows(index: Index) -> list[dict[str, Any]]:
    """The table's rows in name order: each row's values by column key and its sort keys."""
    table = index.rows
    order = sorted(range(len(table.rows)), key=lambda i: sort_key(table.rows[i]["navn"]))
    return [{"values": table.rows[i], "sort": table.sort_keys[i]} for i in order]


def _filter_options(index: Index) -> dict[str, Any]:
    c = index.catalogue
    years = sorted({source_list.year for source_list in c.lists}, reverse=True)
    levels = sorted(c.levels, key=lambda l: (l.rank is None, l.rank or 0, l.id))
    return {
        "themes": sorted(c.themes, key=lambda t: sort_key(t.name)),
        "years": years,
        "levels": [level for level in levels if level.id in index.holders],
        "programmes": [l for l in c.lists if l.programme],
        "lists": sorted(c.lists, key=lambda l: (-l.year, l.title)),
    }


def catalogue_table_page(index: Index) -> PageView:
    c = index.catalogue
    inline = len(c.clusters) <= TABLE_INLINE_LIMIT
    context = {
        "rows": _table_rows(index) if inline else [],
        "total": len(c.clusters),
        "rows_src": None if inline else table_rows_path(index.language),
        "cells": index.rows.cells,
        "data_columns": index.rows.data_columns,
        "filters": _filter_options(index),
    }
    return PageView("klynger/index.md", index.labels.all_clusters, "clusters.html", context, in_nav=True)


def table_rows_path(language: str) -> str:
    """The site path of the table's rows in a language (other languages below their folder)."""
    return f"data/{TABLE_ROWS_FILE}" if language == FIRST_LANGUAGE else f"{language}/data/{TABLE_ROWS_FILE}"


def table_rows_data(index: Index) -> dict[str, Any]:
    """The catalogue table as data for the browser (see TABLE_INLINE_LIMIT): one object per
    row, keyed by column; a sort key only where a column has its own."""
    keys = [col.key for col in index.rows.table_columns]
    rows = []
    for row in _table_rows(index):
        values = row["values"]
        # Empty values are left out: at 5,000 clusters they would be a third of the file.
        data = {key: values[key] for key in keys if values[key]}
        if row["sort"]:
            data["_sort"] = row["sort"]
        rows.append(data)
    return {"rows": rows}


def themes_index_page(index: Index) -> PageView:
    c = index.catalogue
    themes = [
        {
            "theme": theme,
            "counts": {year: len(cl) for year, cl in sorted(index.clusters_by_theme.get(theme.id, {}).items())},
            "cases": len(index.cases_by_theme.get(theme.id, [])),
        }
        for theme in c.themes
    ]
    years = sorted({year for t in themes for year in t["counts"]})
    return PageView("temaer/index.md", index.labels.fields, "themes.html", {"themes": themes, "years": years}, in_nav=True)


def certifications_page(index: Index) -> PageView:
    c = index.catalogue
    levels = []
    for level in sorted(c.levels, key=lambda l: (l.rank is None, l.rank or 0, l.id)):
        holders = sorted(index.holders.get(level.id, []), key=lambda h: sort_key(h[0].name))
        unnamed = index.unnamed_by_level.get(level.id, [])
        levels.append({"level": level, "holders": holders, "unnamed": unnamed, "source": c.source_by_id[level.source]})
    return PageView("certificeringer.md", index.labels.certifications, "certifications.html", {"levels": levels, "sources": c.source_by_id}, in_nav=True)


def cases_index_page(index: Index) -> PageView:
    c = index.catalogue
    areas = [
        {"area": area, "cases": index.cases_by_area.get(area.id, [])}
        for area in c.activity_areas
    ]
    return PageView("cases/index.md", index.labels.cases, "cases.html", {"areas": areas, "clusters": c.cluster_by_id}, in_nav=True)


# --- figures: /tal/ (overview), /tal/<table-id>/ (one page per source table), /tal/kataloget/ ---

FIGURES_HIDE = ("navigation", "toc")  # the figures pages use the whole width
CATALOGUE_FIGURES_ID = "kataloget"
# Anchors of the single /tal/ page before it was split whose content moved to /tal/kataloget/
# (the overview keeps #noegletal, #kataloget-i-tal and one id per table; the indicator and
# section anchors keep their ids on the table pages; docs/assets/tal.js follows them all).
MOVED_ANCHORS = ("pr-fagomraade", "pr-certificering", "pr-liste")


def figures_table_url(table_id: str) -> str:
    return f"tal/{table_id}/"


def figures_table_files(table_id: str) -> dict[str, str]:
    """The table's downloads, as site paths (written by exports.figure_table_exports)."""
    return {"csv": f"data/tal/{table_id}.csv", "json": f"data/tal/{table_id}.json"}


def _figures_table_view(index: Index, table: Table) -> PageView:
    source = index.catalogue.source_by_id[table.source]
    sections = [
        {
            "title": section.title,
            "anchor": f"afsnit-{number}",
            "rows": [
                {
                    "indicator": ind,
                    "chart": bar_chart(ind.values, table.years, ind.unit, ind.decimals, table.measured, table.population, ind.name, index.language),
                }
                for ind in section.indicators
            ],
        }
        for number, section in enumerate(table.sections, start=1)
    ]
    context = {
        "table": table,
        "source": source,
        "sections": sections,
        "has_charts": any(row["chart"] for s in sections for row in s["rows"]),
        "notes": [ind for section in table.sections for ind in section.indicators if ind.note],
        "downloads": figures_table_files(table.id),
        "breadcrumb": breadcrumb("tal", index.language),
    }
    period = f"{table.years[0]}–{table.years[-1]}" if len(table.years) > 1 else str(table.years[0])
    # One catalogue text only, first: the description is cut at 200 characters.
    description = index.labels.figures_table_description.format(title=table.title, period=period)
    return PageView(
        f"tal/{table.id}.md", table.title, "figures_table.html", context, description=description, hide=FIGURES_HIDE, section="tal"
    )


def figures_table_pages(index: Index) -> list[PageView]:
    return [_figures_table_view(index, table) for table in index.catalogue.tables]


def figures_page(index: Index) -> PageView:
    """/tal/: the key figures with year and source, and a way into each table's page."""
    c = index.catalogue
    tables = [
        {
            "table": table,
            "url": figures_table_url(table.id),
            "source": c.source_by_id[table.source],
            "indicators": sum(len(section.indicators) for section in table.sections),
            "sections": [section.title for section in table.sections],
        }
        for table in c.tables
    ]
    context = {
        # `unit`: the Danish unit, which decides whether the unit is printed (figures.html).
        "headlines": [
            {"headline": h, "source": c.source_by_id[h.source], "unit": first.unit}
            for h, first in zip(c.headlines, index.first.headlines)
        ],
        "tables": tables,
        "catalogue_url": figures_table_url(CATALOGUE_FIGURES_ID),
        "moved": MOVED_ANCHORS,
    }
    description = index.labels.figures_description
    return PageView("tal.md", index.labels.figures, "figures.html", context, description=description, in_nav=True, hide=FIGURES_HIDE)


def _listed_years(index: Index, cluster: Cluster) -> set[int]:
    return {index.catalogue.list_by_id[listing.list].year for listing in cluster.listings}


def catalogue_figures_page(index: Index) -> PageView:
    """/tal/kataloget/: what the catalogue's own listings show over time. The links into
    /klynger/ carry the table's filters in the query (?tema=…&aar=…)."""
    c = index.catalogue
    themed_years = sorted({source_list.year for source_list in c.lists if source_list.themed})
    themes = [
        {
            "theme": theme,
            "counts": {year: len(index.clusters_by_theme.get(theme.id, {}).get(year, [])) for year in themed_years},
        }
        for theme in c.themes
    ]
    largest = max((n for t in themes for n in t["counts"].values()), default=0) or 1
    for t in themes:
        t["shares"] = {year: n / largest for year, n in t["counts"].items()}
    all_years = sorted({source_list.year for source_list in c.lists})
    first, last = (all_years[0], all_years[-1]) if all_years else (None, None)
    listed = [_listed_years(index, cluster) for cluster in c.clusters]
    again = None
    if first is not None and first != last:
        in_first = sum(1 for years in listed if first in years)
        in_both = sum(1 for years in listed if first in years and last in years)
        again = {"first": first, "last": last, "in_first": in_first, "in_both": in_both, "in_last": sum(1 for years in listed if last in years)}
    counts = {
        "levels": [
            {"level": l, "named": len(index.holders.get(l.id, [])), "unnamed": sum(u.count for u in index.unnamed_by_level.get(l.id, []))}
            for l in sorted(c.levels, key=lambda l: (l.rank is None, l.rank or 0))
        ],
        "lists": [
            {"list": l, "count": index.clusters_by_list.get(l.id, 0)} for l in c.lists
        ],
    }
    context = {
        "themes": themes, "years": themed_years, "again": again, "counts": counts, "sources": c.source_by_id, "breadcrumb": breadcrumb("tal", index.language)
    }
    description = index.labels.over_time_description
    return PageView(
        f"tal/{CATALOGUE_FIGURES_ID}.md", index.labels.catalogue_over_time, "figures_catalogue.html", context,
        description=description, hide=FIGURES_HIDE, section="tal",
    )


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


def language_indexes(catalogue: Catalogue, index: Index | None = None) -> dict[str, Index]:
    """The derived lookups per language: the Danish index, and per other language the index of
    the localized catalogue (built once per build and language)."""
    first = index or Index(catalogue)
    indexes = {FIRST_LANGUAGE: first}
    for language in OTHER_LANGUAGES:
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
