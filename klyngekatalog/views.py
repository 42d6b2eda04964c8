"""Page views: everything a page shows, computed once per build from the catalogue.

A view is plain data (no markup). Templates in klyngekatalog/templates/ turn views into
HTML; nothing here knows about MkDocs. Each view's `path` is the page's source path in
the site (e.g. "klynger/robocluster.md" → /klynger/robocluster/).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .catalogue import Catalogue
from .charts import bar_chart
from .model import Case, Cluster, Level, Source, SourceList, Table, Theme


@dataclass(frozen=True)
class PageView:
    path: str  # source path, e.g. "klynger/robocluster.md"
    title: str
    template: str
    context: dict[str, Any] = field(hash=False)
    description: str | None = None  # for <meta name="description">
    in_nav: bool = False
    hide: tuple[str, ...] = ("navigation",)  # Material's sidebars to leave out

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


@dataclass(frozen=True)
class Placement:
    """Where one list places a cluster: the list, its year and the theme (if any)."""

    list: SourceList
    source: Source
    printed_name: str
    theme: Theme | None


class Index:
    """Derived lookups over the whole catalogue, built once and shared by all views."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        c = catalogue
        self.placements: dict[str, list[Placement]] = {}
        self.clusters_by_theme: dict[str, dict[int, list[Cluster]]] = defaultdict(lambda: defaultdict(list))
        self.parents: dict[str, list[Cluster]] = defaultdict(list)
        self.cases_by_cluster: dict[str, list[Case]] = defaultdict(list)
        self.cases_by_theme: dict[str, list[Case]] = defaultdict(list)
        self.holders: dict[str, list[tuple[Cluster, str]]] = defaultdict(list)
        for cluster in c.clusters:
            placements = [
                Placement(c.list_by_id[l.list], c.source_by_id[c.list_by_id[l.list].source], l.printed_name, c.theme_by_id.get(l.theme) if l.theme else None)
                for l in cluster.listings
            ]
            placements.sort(key=lambda p: (p.list.year, p.list.id))
            self.placements[cluster.id] = placements
            for year, theme_ids in self.themes_by_year(cluster).items():
                for theme_id in theme_ids:
                    self.clusters_by_theme[theme_id][year].append(cluster)
            for relation in cluster.relations:
                self.parents[relation.cluster].append(cluster)
            for certification in cluster.certifications:
                self.holders[certification.level].append((cluster, certification.as_of))
        for case in c.cases:
            self.cases_by_cluster[case.cluster].append(case)
            for partner in case.partner_clusters:
                self.cases_by_cluster[partner].append(case)
            for theme_ids in self.themes_by_year(c.cluster_by_id[case.cluster]).values():
                for theme_id in theme_ids:
                    if case not in self.cases_by_theme[theme_id]:
                        self.cases_by_theme[theme_id].append(case)

    def themes_by_year(self, cluster: Cluster) -> dict[int, list[str]]:
        result: dict[int, list[str]] = {}
        for listing in cluster.listings:
            if listing.theme:
                year = self.catalogue.list_by_id[listing.list].year
                ids = result.setdefault(year, [])
                if listing.theme not in ids:
                    ids.append(listing.theme)
        return dict(sorted(result.items()))

    def latest_themes(self, cluster: Cluster) -> list[str]:
        by_year = self.themes_by_year(cluster)
        return by_year[max(by_year)] if by_year else []

    def programmes(self, cluster: Cluster) -> list[SourceList]:
        return [p.list for p in self.placements[cluster.id] if p.list.programme]

    def best_level(self, cluster: Cluster) -> Level | None:
        levels = [self.catalogue.level_by_id[c.level] for c in cluster.certifications]
        ranked = [level for level in levels if level.rank is not None]
        return min(ranked, key=lambda level: level.rank) if ranked else (levels[0] if levels else None)


def sort_key(name: str) -> str:
    return name.casefold().replace("æ", "z{").replace("ø", "z|").replace("å", "z}")


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
            {"cluster": c.cluster_by_id[r.cluster], "source": c.source_by_id[r.source]} for r in cluster.relations
        ],
        "included_in": [
            {"cluster": parent, "source": c.source_by_id[r.source]}
            for parent in index.parents.get(cluster.id, [])
            for r in parent.relations
            if r.cluster == cluster.id
        ],
        "cases": index.cases_by_cluster.get(cluster.id, []),
        "areas": c.area_by_id,
        "sources": [c.source_by_id[s] for s in cluster.sources],
        "description_source": c.source_by_id.get(cluster.description_source or ""),
        "website_source": c.source_by_id.get(cluster.website_source or ""),
    }
    return PageView(f"klynger/{cluster.id}.md", cluster.name, "cluster.html", context, description=cluster.description)


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
    }
    return PageView(f"temaer/{theme.id}.md", theme.name, "theme.html", context, description=theme.description)


def case_page(index: Index, case: Case) -> PageView:
    c = index.catalogue
    context = {
        "case": case,
        "cluster": c.cluster_by_id[case.cluster],
        "partner_clusters": [c.cluster_by_id[p] for p in case.partner_clusters],
        "area": c.area_by_id[case.activity_area],
        "source": c.source_by_id[case.source],
    }
    return PageView(f"cases/{case.id}.md", case.title, "case.html", context, description=case.summary)


# Up to this many rows the catalogue table is plain HTML (works without JavaScript); a larger
# catalogue loads its rows from /data/klynger-tabel.json, so the page stays light.
TABLE_INLINE_LIMIT = 1000
TABLE_ROWS_FILE = "klynger-tabel.json"


def _table_rows(index: Index) -> list[dict[str, Any]]:
    return sorted((_cluster_row(index, cl) for cl in index.catalogue.clusters), key=lambda r: sort_key(r["name"]))


def catalogue_table_page(index: Index) -> PageView:
    c = index.catalogue
    inline = len(c.clusters) <= TABLE_INLINE_LIMIT
    context = {
        "rows": _table_rows(index) if inline else [],
        "total": len(c.clusters),
        "rows_src": None if inline else f"data/{TABLE_ROWS_FILE}",
        "themes": sorted(c.themes, key=lambda t: sort_key(t.name)),
    }
    return PageView("klynger/index.md", "Alle klynger", "clusters.html", context, in_nav=True)


def table_rows_data(index: Index) -> dict[str, Any]:
    """The catalogue table as compact data for the browser (see TABLE_INLINE_LIMIT)."""
    return {
        "columns": ["id", "navn", "andre_navne", "fagomraader", "certificering", "niveau", "innovationsnetvaerk", "websted"],
        "themes": {t.id: t.name for t in index.catalogue.themes},
        "rows": [
            [
                row["id"],
                row["name"],
                " | ".join(row["aliases"]),
                [t.id for t in row["themes"]],
                row["level"].name if row["level"] else "",
                (row["level"].rank or 9) if row["level"] else 99,
                ", ".join(str(p.period or p.year) for p in row["programmes"]),
                row["website"] or "",
            ]
            for row in _table_rows(index)
        ],
    }


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
    return PageView("temaer/index.md", "Fagområder", "themes.html", {"themes": themes, "years": years}, in_nav=True)


def certifications_page(index: Index) -> PageView:
    c = index.catalogue
    levels = []
    for level in sorted(c.levels, key=lambda l: (l.rank is None, l.rank or 0, l.id)):
        holders = sorted(index.holders.get(level.id, []), key=lambda h: sort_key(h[0].name))
        unnamed = [u for u in c.unnamed_holders if u.level == level.id]
        levels.append({"level": level, "holders": holders, "unnamed": unnamed, "source": c.source_by_id[level.source]})
    return PageView("certificeringer.md", "Certificeringer", "certifications.html", {"levels": levels, "sources": c.source_by_id}, in_nav=True)


def cases_index_page(index: Index) -> PageView:
    c = index.catalogue
    areas = [
        {"area": area, "cases": [case for case in c.cases if case.activity_area == area.id]}
        for area in c.activity_areas
    ]
    return PageView("cases/index.md", "Cases", "cases.html", {"areas": areas, "clusters": c.cluster_by_id}, in_nav=True)


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
                    "chart": bar_chart(ind.values, table.years, ind.unit, ind.decimals, table.measured, table.population, ind.name),
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
    }
    period = f"{table.years[0]}–{table.years[-1]}" if len(table.years) > 1 else str(table.years[0])
    # One catalogue text only, first: the description is cut at 200 characters.
    description = f"{table.title}. Grafer og tal {period}, med kilde."
    return PageView(f"tal/{table.id}.md", table.title, "figures_table.html", context, description=description, hide=FIGURES_HIDE)


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
        "headlines": [{"headline": h, "source": c.source_by_id[h.source]} for h in c.headlines],
        "tables": tables,
        "catalogue_url": figures_table_url(CATALOGUE_FIGURES_ID),
        "moved": MOVED_ANCHORS,
    }
    description = "Nøgletal om danske klynger og innovationsnetværk med år og kilde, og performanceregnskabernes tabeller som grafer."
    return PageView("tal.md", "Tal", "figures.html", context, description=description, in_nav=True, hide=FIGURES_HIDE)


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
            {"level": l, "named": len(index.holders.get(l.id, [])), "unnamed": sum(u.count for u in c.unnamed_holders if u.level == l.id)}
            for l in sorted(c.levels, key=lambda l: (l.rank is None, l.rank or 0))
        ],
        "lists": [
            {"list": l, "count": sum(1 for cl in c.clusters if any(x.list == l.id for x in cl.listings))} for l in c.lists
        ],
    }
    context = {"themes": themes, "years": themed_years, "again": again, "counts": counts, "sources": c.source_by_id}
    description = "Klynger og innovationsnetværk pr. fagområde i kildernes lister, og hvor mange der går igen fra år til år."
    return PageView(f"tal/{CATALOGUE_FIGURES_ID}.md", "Kataloget over tid", "figures_catalogue.html", context, description=description, hide=FIGURES_HIDE)


_TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(name: str) -> str:
    """A URL slug the way the catalogue's ids are made: æ→ae, ø→oe, å→aa, accents dropped."""
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATION))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def redirects(catalogue: Catalogue) -> dict[str, str]:
    """Old addresses that lead to a cluster: its name and every alias as a slug, e.g.
    /klynger/offshore-center-danmark/ → /klynger/offshoreenergy-dk/. A slug that two
    clusters could claim, or that is another cluster's id, gets no redirect."""
    # "index" is the catalogue table itself.
    ids = {cluster.id for cluster in catalogue.clusters} | {"index"}
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


def build_views(catalogue: Catalogue, index: Index | None = None) -> list[PageView]:
    """Every generated page of the site."""
    index = index or Index(catalogue)
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
