"""The columns of a cluster row, declared once.

One list of column definitions drives the CSV export (/data/clusters.csv, in list order),
the catalogue table on /klynger/ (its visible cells, in `cell` order, and the data its filters
read) and the table's JSON rows for a large catalogue (/data/klynger-tabel.json, keyed by
column). A field of the cluster becomes a column by one marker on the model (model.AsColumn);
a column derived from the whole catalogue (themes by year, certifications …) is one entry here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Literal, Union

from .fields import declared_fields
from .model import Cluster
from .translations import FIRST_LANGUAGE

if TYPE_CHECKING:  # index imports this module; the Index is only passed in
    from .index import Index

# A cell: text, a list (ids or names), or a yes/no flag.
Value = Union[str, tuple[str, ...], bool]

# How a value is shown and carried: "text" a string; "names" a list shown with commas;
# "ids" a list of ids (space-separated in an HTML attribute); "flag" yes/no;
# "link" the cluster's name, linking to its page; "url" a website, as a link.
Kind = Literal["text", "names", "ids", "flag", "link", "url"]


@dataclass(frozen=True)
class Column:
    key: str  # CSV header, JSON key and HTML data attribute
    header: str  # Danish, for visitors (table header and card label)
    value: Callable[["Index", Cluster], Value]
    kind: Kind = "text"
    csv: bool = True  # a column of /data/clusters.csv
    table: bool = False  # carried by the catalogue table's rows (a visible cell or filter data)
    cell: int = 0  # position among the table's visible cells (1, 2, …); 0: not shown
    # The table's one sort rule: this key where given, otherwise the cell's text (Danish collation).
    sort: Callable[["Index", Cluster], int] | None = None

    def title(self, language: str) -> str:
        """The header visitors see in `language`."""
        return self.header if language == FIRST_LANGUAGE else english_column(self.key)[1]

    def csv_header(self, language: str) -> str:
        """The column's header in the CSV of `language` (the key in Danish)."""
        return self.key if language == FIRST_LANGUAGE else english_column(self.key)[0]

    def text(self, value: Value) -> str:
        """The value as one CSV cell: lists joined with ' | ', flags as ja/nej."""
        if isinstance(value, bool):
            return "ja" if value else "nej"
        return " | ".join(value) if isinstance(value, tuple) else value


# Each derived column's English CSV header (/en/data/clusters.csv) and English header for
# visitors, by its key (a field's column declares its own: model.AsColumn); a theme column per
# year is "fagomraader_<year>". tests/test_english.py checks that every column has one.
ENGLISH: dict[str, tuple[str, str]] = {
    "fagomraader_": ("fields_", "Field "),
    "fagomraade": ("field", "Field (latest)"),
    "innovationsnetvaerk": ("innovation_network", "Innovation network (lists)"),
    "netvaerksperiode": ("network_period", "Innovation network"),
    "certificeringer": ("certifications", "Certifications"),
    "certificering": ("certification", "Certification"),
    "niveauer": ("levels", "Certification levels"),
    "omfatter": ("includes", "Includes"),
    "viderefoert": ("continued", "Continued"),
    "lister": ("lists", "Lists"),
    "liste": ("source_lists", "Source lists"),
    "aar": ("years", "Years in the source lists"),
    "har_beskrivelse": ("has_description", "Has a description"),
}


def english_column(key: str) -> tuple[str, str]:
    """(English CSV header, English header) of the column `key`."""
    if key.startswith("fagomraader_"):
        year = key.removeprefix("fagomraader_")
        return f"fields_{year}", f"Field {year}"
    return _declared_english().get(key) or ENGLISH[key]


@functools.cache
def _declared_english() -> dict[str, tuple[str, str]]:
    return {f.column.key: f.column.english for f in declared_fields(Cluster) if f.column is not None}


def _level_rank(index: "Index", cluster: Cluster) -> int:
    level = index.best_level(cluster)
    # Ranked levels first (1 is the highest), then unranked ones, then clusters without any.
    return (level.rank or 9) if level else 99


def cluster_columns(index: "Index") -> tuple[Column, ...]:
    """Every column; one theme column per year in which a list places clusters under themes."""
    c = index.catalogue
    years = sorted({source_list.year for source_list in c.lists if source_list.themed})

    def themes_in(year: int) -> Callable[["Index", Cluster], Value]:
        return lambda index, cluster: tuple(index.themes_by_year(cluster).get(year, ()))

    derived = (
        *(Column(f"fagomraader_{year}", f"Fagområde {year}", themes_in(year), kind="ids", table=True) for year in years),
        Column(
            "fagomraade", "Fagområde (seneste)",
            lambda i, cl: tuple(c.theme_by_id[t].name for t in i.latest_themes(cl)),
            kind="names", csv=False, table=True, cell=2,
        ),
        Column("innovationsnetvaerk", "Innovationsnetværk (lister)", lambda i, cl: tuple(p.id for p in i.programmes(cl)), kind="ids", table=True),
        Column(
            "netvaerksperiode", "Innovationsnetværk",
            lambda i, cl: tuple(str(p.period or p.year) for p in i.programmes(cl)),
            kind="names", csv=False, table=True, cell=4,
        ),
        Column("certificeringer", "Certificeringer", lambda i, cl: tuple(f"{x.level} ({x.as_of}, {x.source})" for x in cl.certifications)),
        Column(
            "certificering", "Certificering",
            lambda i, cl: level.name if (level := i.best_level(cl)) else "",
            csv=False, table=True, cell=3, sort=_level_rank,
        ),
        Column("niveauer", "Certificeringsniveauer", lambda i, cl: tuple(dict.fromkeys(x.level for x in cl.certifications)), kind="ids", csv=False, table=True),
        Column("omfatter", "Omfatter", lambda i, cl: tuple(r.cluster for r in cl.relations if r.kind == "omfatter")),
        # Continuations, stated or probable, by kind: "formodet-videreført-som: dansk-lyd".
        Column("viderefoert", "Videreført", lambda i, cl: tuple(f"{r.kind}: {r.cluster}" for r in cl.relations if r.kind != "omfatter")),
        Column(
            "lister", "Lister",
            lambda i, cl: tuple(f"{l.list}: {l.printed_name}" + (f" [{l.theme}]" if l.theme else "") for l in cl.listings),
        ),
        Column("liste", "Kildelister", lambda i, cl: tuple(dict.fromkeys(l.list for l in cl.listings)), kind="ids", csv=False, table=True),
        Column(
            "aar", "År i kildelisterne",
            lambda i, cl: tuple(dict.fromkeys(str(p.list.year) for p in i.placements[cl.id])),
            kind="ids", csv=False, table=True,
        ),
        Column("har_beskrivelse", "Har beskrivelse", lambda i, cl: bool(cl.description), kind="flag", csv=False, table=True),
    )
    # The fields' own columns, declared on the model (model.AsColumn), in the model's order;
    # the derived ones stand where the fields they come from (listings …) begin.
    columns: list[Column] = []
    declared = {f.name: f.column for f in declared_fields(Cluster) if f.column is not None}
    for name in Cluster.model_fields:
        if name == DERIVED_AT:
            columns += derived
        if (marker := declared.get(name)) is not None:
            columns.append(Column(marker.key, marker.header, _field_value(name), kind=marker.kind, table=marker.table, cell=marker.cell))
    return tuple(columns)


# The model field before which the derived columns stand.
DERIVED_AT = "listings"


def _field_value(name: str) -> Callable[["Index", Cluster], Value]:
    def value(index: "Index", cluster: Cluster) -> Value:
        field = getattr(cluster, name)
        if field is None:
            return ""
        # A number or a date is a cell's text, as typed.
        return field if isinstance(field, (str, tuple, bool)) else str(field)

    return value


@dataclass(frozen=True)
class ClusterRows:
    """The columns and every cluster's row (catalogue order), computed once per build."""

    columns: tuple[Column, ...]
    rows: tuple[dict[str, Value], ...]
    sort_keys: tuple[dict[str, int], ...]  # per row: the sort key of each column that has one

    @classmethod
    def of(cls, index: "Index") -> "ClusterRows":
        columns = cluster_columns(index)
        clusters = index.catalogue.clusters
        rows = tuple({col.key: col.value(index, cl) for col in columns} for cl in clusters)
        sort_keys = tuple({col.key: col.sort(index, cl) for col in columns if col.sort} for cl in clusters)
        return cls(columns, rows, sort_keys)

    @property
    def csv_columns(self) -> list[Column]:
        return [col for col in self.columns if col.csv]

    @property
    def table_columns(self) -> list[Column]:
        return [col for col in self.columns if col.table]

    @property
    def cells(self) -> list[Column]:
        """The table's visible columns, in their order."""
        return sorted((col for col in self.columns if col.cell), key=lambda col: col.cell)

    @property
    def data_columns(self) -> list[Column]:
        """What the table's filters read besides the visible cells."""
        return [col for col in self.columns if col.table and not col.cell]
