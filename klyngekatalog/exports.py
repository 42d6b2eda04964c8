"""Open-data exports: the catalogue as JSON (same shape as the data files) and CSV."""

from __future__ import annotations

import csv
import io
import json

from .catalogue import Catalogue
from .model import CasesFile, CertificationsFile, ClustersFile, FiguresFile, SourcesFile, Table, ThemesFile
from .views import Index

# A spreadsheet would run a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _json(model) -> str:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def json_exports(catalogue: Catalogue) -> dict[str, str]:
    """File name → content. Each JSON file has the shape of the YAML file it comes from,
    so it loads back with the same model."""
    c = catalogue
    return {
        "clusters.json": _json(ClustersFile(clusters=c.clusters)),
        "themes.json": _json(ThemesFile(themes=c.themes)),
        "certifications.json": _json(CertificationsFile(levels=c.levels, unnamed_holders=c.unnamed_holders)),
        "cases.json": _json(CasesFile(activity_areas=c.activity_areas, cases=c.cases)),
        "figures.json": _json(FiguresFile(tables=c.tables, headlines=c.headlines)),
        "sources.json": _json(SourcesFile(sources=c.sources, lists=c.lists)),
    }


def csv_columns(catalogue: Catalogue) -> list[str]:
    """One theme column per year in which a list places clusters under themes."""
    years = sorted({source_list.year for source_list in catalogue.lists if source_list.themed})
    return [
        "id", "navn", "andre_navne", "beskrivelse", "beskrivelse_kilde", "websted", "websted_kilde",
        *(f"fagomraader_{year}" for year in years),
        "innovationsnetvaerk", "certificeringer", "omfatter", "lister", "note", "kilder",
    ]


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def clusters_csv(catalogue: Catalogue, index: Index | None = None) -> str:
    """One row per cluster; lists inside a cell are separated by ' | '."""
    index = index or Index(catalogue)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = csv_columns(catalogue)
    years = [int(column.removeprefix("fagomraader_")) for column in columns if column.startswith("fagomraader_")]
    writer.writerow(columns)
    for cluster in catalogue.clusters:
        by_year = index.themes_by_year(cluster)
        row = [
            cluster.id,
            cluster.name,
            " | ".join(cluster.aliases),
            cluster.description or "",
            cluster.description_source or "",
            cluster.website or "",
            cluster.website_source or "",
            *(" | ".join(by_year.get(year, [])) for year in years),
            " | ".join(p.id for p in index.programmes(cluster)),
            " | ".join(f"{c.level} ({c.as_of}, {c.source})" for c in cluster.certifications),
            " | ".join(r.cluster for r in cluster.relations),
            " | ".join(f"{l.list}: {l.printed_name}" + (f" [{l.theme}]" if l.theme else "") for l in cluster.listings),
            cluster.note or "",
            " | ".join(cluster.sources),
        ]
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def figure_table_csv(table: Table) -> str:
    """One row per indicator (and one for the number measured), one column per year; figures
    as plain numbers (a dot for decimals) for spreadsheets and scripts, empty where the source
    has NA."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    change = ["aendring_pct"] if table.change_label else []
    writer.writerow(["afsnit", "indikator_id", "indikator", "enhed", *map(str, table.years), *change])

    def number(value) -> str:
        if value is None:
            return ""
        return str(int(value)) if float(value).is_integer() else repr(float(value))

    writer.writerow(["", "antal-maalt", f"Antal målt ({table.population})", table.population, *(number(table.measured.get(y)) for y in table.years), *([""] if change else [])])
    for section in table.sections:
        for ind in section.indicators:
            row = [section.title, ind.id, ind.name, ind.unit, *(number(ind.values.get(y)) for y in table.years), *([number(ind.change)] if change else [])]
            writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def figure_table_exports(catalogue: Catalogue) -> dict[str, str]:
    """Each summary table on its own (linked from its page under /tal/): tal/<id>.csv and
    tal/<id>.json, the JSON in the shape of a table in figures.yaml."""
    files = {}
    for table in catalogue.tables:
        files[f"tal/{table.id}.csv"] = figure_table_csv(table)
        files[f"tal/{table.id}.json"] = _json(table)
    return files


def all_exports(catalogue: Catalogue, index: Index | None = None) -> dict[str, str]:
    files = json_exports(catalogue)
    files["clusters.csv"] = clusters_csv(catalogue, index)
    files.update(figure_table_exports(catalogue))
    return files
