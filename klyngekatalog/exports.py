"""Open-data exports: the catalogue as JSON (same shape as the data files) and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

import xlsxwriter

from .catalogue import Catalogue
from .model import DATA_FILES, Table
from .index import Index
from .translations import FIRST_LANGUAGE

# A spreadsheet would run a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _json(model) -> str:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def json_exports(catalogue: Catalogue) -> dict[str, str]:
    """File name → content. Each JSON file has the shape of the YAML file it comes from,
    so it loads back with the same model."""
    return {
        name.removesuffix(".yaml") + ".json": _json(model(**{field: getattr(catalogue, field) for field in model.model_fields}))
        for name, model in DATA_FILES.items()
    }


def csv_columns(catalogue: Catalogue, index: Index | None = None) -> list[str]:
    """The CSV's header: the keys of the columns marked `csv` in klyngekatalog/columns.py
    (one theme column per year in which a list places clusters under themes)."""
    index = index or Index(catalogue)
    return [column.key for column in index.rows.csv_columns]


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def clusters_csv(catalogue: Catalogue, index: Index | None = None, language: str = FIRST_LANGUAGE) -> str:
    """One row per cluster, in catalogue order; lists inside a cell are separated by ' | '.
    Comma-separated UTF-8 without a BOM: the form data tools and portals read (described by
    datapackage.json). Spreadsheet users get klynger.xlsx."""
    index = index or Index(catalogue)
    columns = index.rows.csv_columns
    out = io.StringIO()
    # Another language's CSV (beside the Danish one, below /<language>/data/) has that
    # language's headers and texts; ids, names as printed and values stay as they are.
    headers = [column.csv_header(language) for column in columns]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    for row in index.rows.rows:
        writer.writerow([_cell(column.text(row[column.key])) for column in columns])
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


# Fixed, so the same catalogue gives the same file byte for byte (XlsxWriter stores the
# creation time, and zip entries carry it too).
_XLSX_CREATED = datetime(2000, 1, 1, tzinfo=timezone.utc)


def clusters_xlsx(catalogue: Catalogue, index: Index | None = None) -> bytes:
    """The CSV's columns and rows as an Excel workbook with Danish headers: Danish Excel opens
    it with its columns and æøå intact (it reads a CSV in the local encoding, split on `;`).
    Every cell is written as text, so nothing in the data becomes a formula or a number."""
    index = index or Index(catalogue)
    columns = index.rows.csv_columns
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
    workbook.set_properties({"title": "Klyngekataloget: klynger", "created": _XLSX_CREATED})
    sheet = workbook.add_worksheet("Klynger")
    bold = workbook.add_format({"bold": True})
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.header, bold)
        sheet.set_column(col, col, 40 if column.key in ("navn", "beskrivelse", "note", "lister") else 18)
    for r, row in enumerate(index.rows.rows, start=1):
        for col, column in enumerate(columns):
            sheet.write_string(r, col, column.text(row[column.key]))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(index.rows.rows), len(columns) - 1)
    workbook.close()
    return out.getvalue()


def datapackage(catalogue: Catalogue, index: Index | None = None) -> str:
    """A Frictionless (Tabular) Data Package describing clusters.csv with a Table Schema, so a
    data portal can list the data and a tool can read it with the right types."""
    index = index or Index(catalogue)
    fields = []
    for column in index.rows.csv_columns:
        field: dict = {"name": column.key, "title": column.header, "type": "string"}
        if column.key == "id":
            field["constraints"] = {"required": True, "unique": True}
        elif column.key == "navn":
            field["constraints"] = {"required": True}
        if column.kind == "url":
            field["format"] = "uri"
        if column.kind in ("ids", "names") or column.key in ("certificeringer", "omfatter", "lister", "kilder"):
            field["description"] = "Flere værdier adskilles med ' | '."
        fields.append(field)
    package = {
        "profile": "tabular-data-package",
        "name": "klyngekataloget",
        "title": "Klyngekataloget",
        "description": "Åbent katalog over danske klynger og innovationsnetværk – med kilder til hvert faktum.",
        "sources": [{"title": source.title} for source in catalogue.sources],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "klynger",
                "title": "Klynger og innovationsnetværk",
                "path": "clusters.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "doubleQuote": True, "header": True},
                "schema": {"fields": fields, "primaryKey": "id", "missingValues": [""]},
            }
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def all_exports(catalogue: Catalogue, index: Index | None = None) -> dict[str, str | bytes]:
    index = index or Index(catalogue)
    files: dict[str, str | bytes] = dict(json_exports(catalogue))
    files["clusters.csv"] = clusters_csv(catalogue, index)
    files["klynger.xlsx"] = clusters_xlsx(catalogue, index)
    files["datapackage.json"] = datapackage(catalogue, index)
    files.update(figure_table_exports(catalogue))
    return files
