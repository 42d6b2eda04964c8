"""Open-data exports: the catalogue as JSON (same shape as the data files) and CSV."""

from __future__ import annotations

import csv
import io
import json

from .catalogue import Catalogue
from .model import DATA_FILES
from .views import Index

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


def csv_columns(catalogue: Catalogue) -> list[str]:
    """One theme column per year in which a list places clusters under themes."""
    years = sorted({source_list.year for source_list in catalogue.lists if source_list.themed})
    return [
        "id", "navn", "andre_navne", "beskrivelse", "beskrivelse_kilde", "websted", "websted_kilde",
        *(f"fagomraader_{year}" for year in years),
        "innovationsnetvaerk", "certificeringer", "omfatter", "viderefoert", "lister", "note", "kilder",
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
            " | ".join(r.cluster for r in cluster.relations if r.kind == "omfatter"),
            # Continuations, stated or probable, by kind: "formodet-videreført-som: dansk-lyd".
            " | ".join(f"{r.kind}: {r.cluster}" for r in cluster.relations if r.kind != "omfatter"),
            " | ".join(f"{l.list}: {l.printed_name}" + (f" [{l.theme}]" if l.theme else "") for l in cluster.listings),
            cluster.note or "",
            " | ".join(cluster.sources),
        ]
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def all_exports(catalogue: Catalogue, index: Index | None = None) -> dict[str, str]:
    files = json_exports(catalogue)
    files["clusters.csv"] = clusters_csv(catalogue, index)
    return files
