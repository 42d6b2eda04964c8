"""Nothing in the data is lost on the way to the site: every record and every value of the real
catalogue is on the page that shows it, and in the JSON exports, which load back to the very
model the site was built from.

Pages are compared as text (entities decoded, whitespace collapsed), inside the page's
<article>; the site is the session's one build of the real data (tests/sitebuild.py).
Which text fields the site shows nowhere at all is found by test_output_safety.py.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from klyngekatalog.catalogue import Catalogue, load_catalogue
from klyngekatalog.model import (
    CasesFile,
    CertificationsFile,
    ClustersFile,
    FiguresFile,
    SourcesFile,
    ThemesFile,
)
from klyngekatalog.render import dk_date, dk_number
from klyngekatalog.index import Index
from klyngekatalog.yamlsource import load_yaml

from sitebuild import DATA, BuiltSite, Element, real_site  # noqa: F401 - real_site is a fixture

pytestmark = pytest.mark.build

KIND = {"rapport": "Rapport", "nyhed": "Nyhed", "artikel": "Artikel", "webside": "Webside"}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(DATA / "clusters.yaml")


@pytest.fixture(scope="module")
def site(real_site: BuiltSite) -> BuiltSite:  # noqa: F811 - the fixture imported above
    return real_site.require()


def words(text: str) -> str:
    return " ".join(text.split())


def flat(element: Element) -> str:
    """All text under `element`, each text node kept apart (table cells do not run together)."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        for child in node.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                walk(child)

    walk(element)
    return words(" ".join(parts))


class Page:
    def __init__(self, site: BuiltSite, url: str):
        self.url = url
        self.article = site.content(url)
        self.text = flat(self.article)
        self.missing: list[str] = []

    def has(self, *values: object) -> None:
        for value in values:
            if value is not None and words(str(value)) not in self.text:
                self.missing.append(str(value))


def test_every_cluster_value_is_on_its_page(site: BuiltSite, catalogue: Catalogue) -> None:
    c = catalogue
    index = Index(c)
    lost = {}
    for cluster in c.clusters:
        page = Page(site, f"klynger/{cluster.id}/")
        page.has(cluster.name, *cluster.aliases, cluster.description, cluster.website, cluster.note)
        if cluster.website:
            assert cluster.website in {a.attrs.get("href") for a in page.article.iter("a")}, cluster.id
        for source_id in (*cluster.sources, cluster.description_source, cluster.website_source):
            if source_id:
                page.has(c.source_by_id[source_id].title)
        for listing in cluster.listings:
            source_list = c.list_by_id[listing.list]
            page.has(listing.printed_name, source_list.title, source_list.year, source_list.location)
            if listing.theme:
                page.has(c.theme_by_id[listing.theme].name)
        for source_list in index.programmes(cluster):
            if source_list.period:
                page.has(f"Godkendt for {source_list.period}")
            else:
                page.has(f"Innovationsnetværk pr. {dk_date(source_list.as_of) if source_list.as_of else source_list.year}")
        for certification in cluster.certifications:
            level = c.level_by_id[certification.level]
            page.has(level.name, level.scheme, dk_date(certification.as_of), c.source_by_id[certification.source].title)
        for relation in cluster.relations:
            page.has(c.cluster_by_id[relation.cluster].name, relation.evidence)
            if relation.source:
                page.has(c.source_by_id[relation.source].title)
            other = Page(site, f"klynger/{relation.cluster}/")  # "Indgår i", "Sandsynligvis tidligere" … on the other page
            other.has(cluster.name, relation.evidence)
            if other.missing:
                lost[f"klynger/{relation.cluster}/ (den anden side)"] = other.missing
        for case in index.cases_by_cluster.get(cluster.id, []):
            page.has(case.title)
        if page.missing:
            lost[page.url] = page.missing
    assert lost == {}


def test_every_case_value_is_on_its_page(site: BuiltSite, catalogue: Catalogue) -> None:
    c = catalogue
    lost = {}
    for case in c.cases:
        page = Page(site, f"cases/{case.id}/")
        page.has(case.title, case.summary, *case.companies, *case.partners)
        page.has(c.cluster_by_id[case.cluster].name, c.area_by_id[case.activity_area].name, c.source_by_id[case.source].title)
        page.has(*(c.cluster_by_id[p].name for p in case.partner_clusters))
        if case.page is not None:
            page.has(f"side {case.page}")
        if page.missing:
            lost[page.url] = page.missing
    assert c.cases and lost == {}


def test_every_case_and_area_is_on_the_cases_page(site: BuiltSite, catalogue: Catalogue) -> None:
    page = Page(site, "cases/")
    for area in catalogue.activity_areas:
        page.has(area.name, area.description)
    for case in catalogue.cases:
        page.has(case.title, catalogue.cluster_by_id[case.cluster].name)
    assert page.missing == []


def test_every_theme_value_is_on_its_page(site: BuiltSite, catalogue: Catalogue) -> None:
    c = catalogue
    index = Index(c)
    lost = {}
    for theme in c.themes:
        page = Page(site, f"temaer/{theme.id}/")
        page.has(theme.name, theme.description)
        for printed in theme.printed_names:
            page.has(printed.name, c.source_by_id[printed.source].title)
        for year, clusters in index.clusters_by_theme.get(theme.id, {}).items():
            page.has(f"Klynger placeret her i {year} ({len(clusters)})", *(cluster.name for cluster in clusters))
        if page.missing:
            lost[page.url] = page.missing
    assert lost == {}


def test_every_certification_is_on_the_certifications_page(site: BuiltSite, catalogue: Catalogue) -> None:
    c = catalogue
    page = Page(site, "certificeringer/")
    for level in c.levels:
        page.has(level.name, level.scheme, level.description, c.source_by_id[level.source].title)
    for cluster in c.clusters:
        for certification in cluster.certifications:
            page.has(f"{cluster.name} pr. {dk_date(certification.as_of)}")
    for holders in c.unnamed_holders:
        level = c.level_by_id[holders.level]
        page.has(f"{holders.count} klynger havde {level.name.lower()} pr. {dk_date(holders.as_of)}")
        page.has(c.source_by_id[holders.source].title)
    assert page.missing == []


def test_every_figure_is_in_its_row_on_the_figures_pages(site: BuiltSite, catalogue: Catalogue) -> None:
    """Each table on its page /tal/<table-id>/: a row per indicator with its name (and unit when
    the name does not say it), its chart, the figure of every year and the change."""
    wrong = []
    missing = []
    for table in catalogue.tables:
        article = site.content(f"tal/{table.id}/")
        rows = {e.attrs["id"]: e for e in article.iter("tr") if e.attrs.get("id")}
        page = Page(site, f"tal/{table.id}/")
        page.has(table.title, table.location, table.population, table.change_label, *table.years)
        page.has(*(dk_number(table.measured.get(year)) for year in table.years))
        for section in table.sections:
            page.has(section.title)
            for indicator in section.indicators:
                page.has(indicator.note)
                row = rows.get(f"{table.id}--{indicator.id}")
                if row is None:
                    wrong.append((table.id, indicator.id, "no row"))
                    continue
                cells = [
                    flat(cell)
                    for cell in row.children
                    # The chart's cell (its axis labels) is checked in test_build.
                    if isinstance(cell, Element) and cell.tag in ("th", "td") and "kk-graf-celle" not in (cell.attrs.get("class") or "")
                ]
                unit = "" if indicator.unit in indicator.name else f" ({indicator.unit})"
                name = indicator.name + unit + (" note" if indicator.note else "")
                expected = [name, *(dk_number(indicator.values.get(year), indicator.decimals) for year in table.years)]
                if table.change_label:
                    expected.append("–" if indicator.change is None else f"{dk_number(indicator.change)} %")
                if cells != expected:
                    wrong.append((table.id, indicator.id, cells, expected))
        missing += page.missing
    page = Page(site, "tal/")
    qualifier = {"over": "over ", "under": "under ", "knap": "knap ", "ca": "ca. ", "naesten": "næsten "}
    for headline in catalogue.headlines:
        page.has(headline.label, f"{qualifier.get(headline.qualifier or '', '')}{dk_number(headline.value)}", headline.year)
        page.has(headline.location, headline.note)
    for table in catalogue.tables:
        page.has(table.title, table.location, table.population)
    assert missing + page.missing == [] and wrong == []


def test_every_source_is_on_the_about_page(site: BuiltSite, catalogue: Catalogue) -> None:
    page = Page(site, "om/")
    for source in catalogue.sources:
        page.has(source.title, KIND[source.kind], source.publisher, source.summary, source.file, source.id)
        if source.published:
            page.has(dk_date(source.published))
    assert page.missing == []


def test_every_list_is_counted_on_the_figures_page(site: BuiltSite, catalogue: Catalogue) -> None:
    page = Page(site, "tal/kataloget/")
    for source_list in catalogue.lists:
        page.has(source_list.title, source_list.location, source_list.printed_count)
    assert page.missing == []


def test_every_cluster_is_in_the_table_of_all_clusters(site: BuiltSite, catalogue: Catalogue) -> None:
    page = Page(site, "klynger/")
    page.has(*(cluster.name for cluster in catalogue.clusters), *(theme.name for theme in catalogue.themes))
    page.has(f"Kataloget rummer {len(catalogue.clusters)} klynger")
    assert page.missing == []


# --- the exports ----------------------------------------------------------------------------------

FILES = {
    "clusters": (ClustersFile, lambda c: ClustersFile(clusters=c.clusters)),
    "sources": (SourcesFile, lambda c: SourcesFile(sources=c.sources, lists=c.lists)),
    "themes": (ThemesFile, lambda c: ThemesFile(themes=c.themes)),
    "certifications": (CertificationsFile, lambda c: CertificationsFile(levels=c.levels, unnamed_holders=c.unnamed_holders)),
    "cases": (CasesFile, lambda c: CasesFile(activity_areas=c.activity_areas, cases=c.cases)),
    "figures": (FiguresFile, lambda c: FiguresFile(tables=c.tables, headlines=c.headlines)),
}


@pytest.mark.parametrize("name", FILES)
def test_json_export_loads_back_to_the_same_model(site: BuiltSite, catalogue: Catalogue, name: str) -> None:
    model, of_catalogue = FILES[name]
    exported = model.model_validate(json.loads(site.file(f"data/{name}.json").read_text("utf-8")))
    assert exported == of_catalogue(catalogue)
    # … and to what the YAML file says, read on its own.
    assert exported == model.model_validate(load_yaml(DATA / f"{name}.yaml").data)


def test_figures_export_has_integer_years_after_loading(site: BuiltSite) -> None:
    figures = FiguresFile.model_validate(json.loads(site.file("data/figures.json").read_text("utf-8")))
    keys = {key for table in figures.tables for key in table.measured} | {
        key for table in figures.tables for section in table.sections for i in section.indicators for key in i.values
    }
    assert keys and all(type(key) is int for key in keys)


def test_every_cluster_is_a_row_of_the_csv_export(site: BuiltSite, catalogue: Catalogue) -> None:
    rows = list(csv.DictReader(io.StringIO(site.file("data/clusters.csv").read_text("utf-8"))))
    assert [(row["id"], row["navn"], row["websted"], row["kilder"]) for row in rows] == [
        (c.id, c.name, c.website or "", " | ".join(c.sources)) for c in catalogue.clusters
    ]
