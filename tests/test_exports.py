"""Open-data exports: the JSON files load back with the model of the file they mirror, the
CSV has one safe row per cluster, and the built site serves exactly these files."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import jsonschema

import pytest

from klyngekatalog import model
from klyngekatalog.exports import all_exports, clusters_csv, clusters_xlsx, csv_columns, datapackage, figure_table_exports, json_exports
from klyngekatalog.site import SiteBuild
from klyngekatalog.index import Index

from sitebuild import DATA, real_site  # noqa: F401  (real_site: a fixture)

JSON_FILES = {
    "clusters.json": (model.ClustersFile, lambda c: model.ClustersFile(clusters=c.clusters)),
    "themes.json": (model.ThemesFile, lambda c: model.ThemesFile(themes=c.themes)),
    "certifications.json": (
        model.CertificationsFile,
        lambda c: model.CertificationsFile(levels=c.levels, unnamed_holders=c.unnamed_holders),
    ),
    "cases.json": (model.CasesFile, lambda c: model.CasesFile(activity_areas=c.activity_areas, cases=c.cases)),
    "figures.json": (model.FiguresFile, lambda c: model.FiguresFile(tables=c.tables, headlines=c.headlines)),
    "sources.json": (model.SourcesFile, lambda c: model.SourcesFile(sources=c.sources, lists=c.lists)),
}

@pytest.fixture(scope="module")
def exports(catalogue):
    return json_exports(catalogue)


def test_the_json_files(exports):
    assert set(exports) == set(JSON_FILES)


@pytest.mark.parametrize(
    "name",
    JSON_FILES,
)
def test_json_export_loads_back_with_its_model(exports, catalogue, name):
    file_model, expected = JSON_FILES[name]
    loaded = file_model.model_validate(json.loads(exports[name]))
    assert loaded == expected(catalogue)


def test_clusters_json_loads_back_to_the_catalogue_clusters(exports, catalogue):
    loaded = model.ClustersFile.model_validate(json.loads(exports["clusters.json"]))
    assert loaded.clusters == catalogue.clusters
    assert [c.id for c in loaded.clusters] == [c.id for c in catalogue.clusters]


@pytest.mark.parametrize("name", list(JSON_FILES))
def test_json_export_loads_back_from_json_text(exports, catalogue, name):
    """Through pydantic's JSON parser every file, figures.json included, loads back."""
    file_model, expected = JSON_FILES[name]
    assert file_model.model_validate_json(exports[name]) == expected(catalogue)


def test_json_keeps_danish_letters_and_dates_as_written(exports, catalogue):
    text = exports["clusters.json"]
    assert "æ" in text or "ø" in text or "å" in text
    assert "\\u00e6" not in text and "\\u00f8" not in text
    data = json.loads(text)
    certification_dates = [cert["as_of"] for c in data["clusters"] for cert in c["certifications"]]
    assert certification_dates and all(isinstance(d, str) for d in certification_dates)


# --- CSV ------------------------------------------------------------------------------------


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_a_header_and_one_row_per_cluster(catalogue):
    rows = _rows(clusters_csv(catalogue))
    assert rows[0] == csv_columns(catalogue)
    assert len(rows) == 1 + len(catalogue.clusters)
    assert [r[0] for r in rows[1:]] == [c.id for c in catalogue.clusters]
    assert all(len(r) == len(csv_columns(catalogue)) for r in rows)


def test_csv_cells_match_the_catalogue(catalogue):
    index = Index(catalogue)
    rows = {r[0]: dict(zip(csv_columns(catalogue), r)) for r in _rows(clusters_csv(catalogue, index))[1:]}
    for cluster in catalogue.clusters:
        row = rows[cluster.id]
        assert row["navn"] == cluster.name
        assert row["andre_navne"] == " | ".join(cluster.aliases)
        assert row["beskrivelse"] == (cluster.description or "")
        assert row["websted"] == (cluster.website or "")
        assert row["kilder"] == " | ".join(cluster.sources)
        by_year = index.themes_by_year(cluster)
        assert row["fagomraader_2013"] == " | ".join(by_year.get(2013, []))
        assert row["fagomraader_2016"] == " | ".join(by_year.get(2016, []))
        assert row["omfatter"] == " | ".join(r.cluster for r in cluster.relations if r.kind == "omfatter")
        assert row["viderefoert"] == " | ".join(f"{r.kind}: {r.cluster}" for r in cluster.relations if r.kind != "omfatter")
    assert rows["clean"]["omfatter"] == "inno-se | inno-mt"
    assert rows["dansk-lydteknologi"]["viderefoert"] == "formodet-videreført-som: dansk-lyd"
    assert rows["biologue"]["viderefoert"] == "videreført-i: biopeople"
    assert rows["clean"]["fagomraader_2016"] == "energi | miljoe"


def _with_cluster(catalogue, **update):
    cluster = catalogue.clusters[0].model_copy(update=update)
    return dataclasses.replace(catalogue, clusters=(cluster, *catalogue.clusters[1:])), cluster


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_defuses_formulas(catalogue, start):
    name = f"{start}HYPERLINK(\"http://example.org\",\"klik\")"
    changed, cluster = _with_cluster(catalogue, name=name, description=f"{start}1+1")
    rows = _rows(clusters_csv(changed))
    row = dict(zip(csv_columns(catalogue), next(r for r in rows if r[0] == cluster.id)))
    assert row["navn"] == "'" + name
    assert row["beskrivelse"] == f"'{start}1+1"


def test_csv_leaves_ordinary_text_alone(catalogue):
    changed, cluster = _with_cluster(catalogue, name="Klynge = god, \"citat\"\nny linje")
    rows = _rows(clusters_csv(changed))
    assert next(r for r in rows if r[0] == cluster.id)[1] == "Klynge = god, \"citat\"\nny linje"


def test_all_exports_adds_the_csv_the_spreadsheet_and_the_data_package(catalogue):
    files = all_exports(catalogue)
    tables = {f"tal/{t.id}.{ext}" for t in catalogue.tables for ext in ("csv", "json")}
    assert set(files) == set(JSON_FILES) | {"clusters.csv", "klynger.xlsx", "datapackage.json"} | tables
    assert files["clusters.csv"] == clusters_csv(catalogue)


# --- the spreadsheet --------------------------------------------------------------------------

_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _xlsx_rows(content: bytes) -> list[list[str]]:
    """The first sheet's cells as text (every cell is a shared string)."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        strings = [
            "".join(t.text or "" for t in si.iter(f"{_SHEET}t"))
            for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{_SHEET}si")
        ]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{_SHEET}row"):
        cells = []
        for cell in row.iter(f"{_SHEET}c"):
            assert cell.get("t") == "s", "every cell is text"
            cells.append(strings[int(cell.find(f"{_SHEET}v").text)])
        rows.append(cells)
    return rows


def test_xlsx_holds_the_csv_rows_with_danish_headers(catalogue):
    index = Index(catalogue)
    rows = _xlsx_rows(clusters_xlsx(catalogue, index))
    assert rows[0][:3] == ["Id", "Navn", "Andre navne"]
    assert len(rows[0]) == len(csv_columns(catalogue))
    assert len(rows) == 1 + len(catalogue.clusters)
    names = {row[0]: row[1] for row in rows[1:]}
    assert names == {c.id: c.name for c in catalogue.clusters}
    assert any(ch in "".join(names.values()) for ch in "æøå")


def test_xlsx_keeps_a_formula_as_text(catalogue):
    changed, cluster = _with_cluster(catalogue, name='=HYPERLINK("http://example.org","klik")')
    rows = _xlsx_rows(clusters_xlsx(changed))
    assert next(r for r in rows if r[0] == cluster.id)[1] == cluster.name
    with zipfile.ZipFile(io.BytesIO(clusters_xlsx(changed))) as book:
        assert b"<f>" not in book.read("xl/worksheets/sheet1.xml")


def test_xlsx_is_the_same_for_the_same_catalogue(catalogue):
    assert clusters_xlsx(catalogue) == clusters_xlsx(catalogue)


# --- the data package -------------------------------------------------------------------------

PROFILE = Path(__file__).resolve().parent / "vendor" / "tabular-data-package.schema.json"


def test_datapackage_is_a_valid_tabular_data_package(catalogue):
    package = json.loads(datapackage(catalogue))
    schema = json.loads(PROFILE.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(package), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_datapackage_describes_the_csv(catalogue):
    (resource,) = json.loads(datapackage(catalogue))["resources"]
    assert resource["path"] == "clusters.csv"
    fields = [f["name"] for f in resource["schema"]["fields"]]
    assert fields == csv_columns(catalogue)
    rows = _rows(clusters_csv(catalogue))
    assert rows[0] == fields
    ids = [r[0] for r in rows[1:]]
    assert len(ids) == len(set(ids)) and all(ids)  # the primary key holds


def test_the_data_package_profile_rejects_a_broken_package(catalogue):
    """The vendored profile does check: a resource without a schema is refused."""
    package = json.loads(datapackage(catalogue))
    del package["resources"][0]["schema"]
    schema = json.loads(PROFILE.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft4Validator(schema).iter_errors(package))


def test_each_figures_table_as_csv_and_json(catalogue):
    """/data/tal/<id>.csv: a row per indicator, a column per year, plain numbers; the JSON
    loads back as the table it came from."""
    from klyngekatalog.model import Table

    files = figure_table_exports(catalogue)
    for table in catalogue.tables:
        assert Table.model_validate(json.loads(files[f"tal/{table.id}.json"])) == table
        rows = list(csv.DictReader(io.StringIO(files[f"tal/{table.id}.csv"])))
        measured, *indicators = rows
        assert measured["indikator_id"] == "antal-maalt"
        assert [float(measured[str(y)]) for y in table.measured] == [float(v) for v in table.measured.values()]
        expected = [ind for section in table.sections for ind in section.indicators]
        assert [row["indikator_id"] for row in indicators] == [ind.id for ind in expected]
        for row, ind in zip(indicators, expected):
            for year in table.years:
                value = ind.values.get(year)
                assert row[str(year)] == ("" if value is None else row[str(year)]), (ind.id, year)
                if value is not None:
                    assert float(row[str(year)]) == value, (ind.id, year)


# --- the exports on the built site ------------------------------------------------------------


@pytest.mark.build
def test_site_serves_exactly_the_exports(real_site):
    site = real_site.require()
    expected = SiteBuild.load(DATA / "clusters.yaml").data_files()
    assert "clusters.json" in expected and "clusters.csv" in expected
    for name, content in expected.items():
        path = site.root / "data" / name
        assert path.is_file(), name
        if isinstance(content, bytes):
            assert path.read_bytes() == content, name
        else:
            assert path.read_text(encoding="utf-8") == content, name
    served = {p.relative_to(site.root / "data").as_posix() for p in (site.root / "data").rglob("*") if p.is_file()}
    assert served == set(expected)


@pytest.mark.build
def test_site_clusters_json_loads_back(real_site, catalogue):
    site = real_site.require()
    loaded = model.ClustersFile.model_validate(json.loads((site.root / "data" / "clusters.json").read_text(encoding="utf-8")))
    assert loaded.clusters == catalogue.clusters


def test_csv_has_a_theme_column_per_themed_list_year(catalogue):
    themed_years = sorted({l.year for l in catalogue.lists if l.themed})
    assert [c for c in csv_columns(catalogue) if c.startswith("fagomraader_")] == [f"fagomraader_{y}" for y in themed_years]
