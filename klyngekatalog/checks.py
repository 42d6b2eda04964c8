"""Checks across records and files: unique ids and names, and references that resolve.

Each file's own shape is checked by its model; what needs the whole catalogue is here.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Iterable

from .problems import Problem
from .yamlsource import LocatedDocument, shown

if TYPE_CHECKING:
    from .catalogue import Catalogue


# A table gets the page /tal/<id>/; these addresses under /tal/ are other pages (views.py).
RESERVED_TABLE_IDS = frozenset({"kataloget"})


def name_key(name: str) -> str:
    """How two names are compared: case, width, dashes and spacing do not tell names apart."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    folded = re.sub(r"[\u2010-\u2015\u2212]", "-", folded)
    return re.sub(r"\s+", " ", folded).strip()


class _Checker:
    def __init__(self, catalogue: Catalogue, documents: dict[str, LocatedDocument], broken_ids: set[str], kept_at: dict):
        self.catalogue = catalogue
        self.broken_ids = broken_ids
        self.kept_at = kept_at
        self.documents = documents
        self.problems: list[Problem] = []

    def in_file(self, file: str, path: tuple) -> tuple:
        """The path in the file of a record's path in the catalogue: after a broken record
        was left out, the records that follow it stand one place further on in the file."""
        positions = self.kept_at.get(file, {}).get(path[0]) if len(path) > 1 else None
        if positions is not None and isinstance(path[1], int):
            return (path[0], positions[path[1]]) + path[2:]
        return path

    def report(self, file: str, path: tuple, message: str) -> None:
        self.problems.append(self.documents[file].problem(self.in_file(file, path), message))

    def unique_ids(self, file: str, key: str, items: Iterable, what: str) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                line = self.documents[file].locate(self.in_file(file, (key, seen[item.id], "id")))[0]
                self.report(file, (key, index, "id"), f"{what}-id '{item.id}' findes allerede (linje {line})")
            else:
                seen[item.id] = index

    def reference(self, file: str, path: tuple, value: str, known, what: str) -> None:
        if value not in known and value not in self.broken_ids:
            self.report(file, path, f"{what} '{value}' findes ikke")

    def run(self) -> list[Problem]:
        c = self.catalogue
        self.unique_ids("sources.yaml", "sources", c.sources, "kilde")
        self.unique_ids("sources.yaml", "lists", c.lists, "liste")
        self.unique_ids("themes.yaml", "themes", c.themes, "fagområde")
        self.unique_ids("certifications.yaml", "levels", c.levels, "niveau")
        self.unique_ids("cases.yaml", "activity_areas", c.activity_areas, "aktivitetsområde")
        self.unique_ids("cases.yaml", "cases", c.cases, "case")
        self.unique_ids("figures.yaml", "tables", c.tables, "tabel")
        self.unique_ids("figures.yaml", "headlines", c.headlines, "nøgletal")
        self.unique_ids("clusters.yaml", "clusters", c.clusters, "klynge")
        self.sources_and_lists()
        self.themes_and_levels()
        self.clusters()
        self.cases()
        self.figures()
        return self.problems

    def sources_and_lists(self) -> None:
        for i, source_list in enumerate(self.catalogue.lists):
            self.reference("sources.yaml", ("lists", i, "source"), source_list.source, self.catalogue.source_by_id, "kilden")

    def themes_and_levels(self) -> None:
        c = self.catalogue
        for i, theme in enumerate(c.themes):
            for j, printed in enumerate(theme.printed_names):
                self.reference("themes.yaml", ("themes", i, "printed_names", j, "source"), printed.source, c.source_by_id, "kilden")
        for i, level in enumerate(c.levels):
            self.reference("certifications.yaml", ("levels", i, "source"), level.source, c.source_by_id, "kilden")
        for i, holders in enumerate(c.unnamed_holders):
            self.reference("certifications.yaml", ("unnamed_holders", i, "level"), holders.level, c.level_by_id, "niveauet")
            self.reference("certifications.yaml", ("unnamed_holders", i, "source"), holders.source, c.source_by_id, "kilden")

    def clusters(self) -> None:
        c = self.catalogue
        file = "clusters.yaml"
        names: dict[str, tuple[str, tuple]] = {}
        for i, cluster in enumerate(c.clusters):
            at = ("clusters", i)
            for path, name in [(at + ("name",), cluster.name)] + [
                (at + ("aliases", j), alias) for j, alias in enumerate(cluster.aliases)
            ]:
                key = name_key(name)
                if key in names:
                    owner, _ = names[key]
                    where = "navnet på" if owner != cluster.id else "allerede brugt i"
                    self.report(file, path, f"navnet '{shown(name)}' er {where} klyngen '{owner}'")
                else:
                    names[key] = (cluster.id, path)

            used: dict[str, tuple] = {}
            if cluster.description is not None and cluster.description_source is None:
                self.report(file, at + ("description",), "en beskrivelse kræver 'description_source' (kilden bag den)")
            if cluster.website is not None and cluster.website_source is None:
                self.report(file, at + ("website",), "en webadresse kræver 'website_source' (kilden bag den)")
            for field in ("description_source", "website_source"):
                value = getattr(cluster, field)
                if value is not None:
                    used.setdefault(value, at + (field,))
            seen_listings: set[tuple[str, str | None]] = set()
            for j, listing in enumerate(cluster.listings):
                path = at + ("listings", j)
                source_list = c.list_by_id.get(listing.list)
                if source_list is None:
                    self.reference(file, path + ("list",), listing.list, c.list_by_id, "listen")
                    continue
                used.setdefault(source_list.source, path + ("list",))
                if (listing.list, listing.theme) in seen_listings:
                    self.report(file, path + ("list",), f"klyngen står allerede i listen '{listing.list}'")
                seen_listings.add((listing.list, listing.theme))
                if listing.theme is not None:
                    if not source_list.themed:
                        self.report(file, path + ("theme",), f"listen '{listing.list}' placerer ikke klynger under fagområder")
                    self.reference(file, path + ("theme",), listing.theme, c.theme_by_id, "fagområdet")
                elif source_list.themed:
                    self.report(file, path, f"listen '{listing.list}' placerer klyngen under et fagområde: angiv 'theme'")
            for j, certification in enumerate(cluster.certifications):
                path = at + ("certifications", j)
                self.reference(file, path + ("level",), certification.level, c.level_by_id, "niveauet")
                used.setdefault(certification.source, path + ("source",))
            for j, relation in enumerate(cluster.relations):
                path = at + ("relations", j)
                self.reference(file, path + ("cluster",), relation.cluster, c.cluster_by_id, "klyngen")
                if relation.cluster == cluster.id:
                    self.report(file, path + ("cluster",), "en klynge kan ikke omfatte sig selv")
                used.setdefault(relation.source, path + ("source",))
            for j, source in enumerate(cluster.sources):
                self.reference(file, at + ("sources", j), source, c.source_by_id, "kilden")
            for source, path in used.items():
                if source not in c.source_by_id:
                    self.reference(file, path, source, c.source_by_id, "kilden")
                elif source not in cluster.sources:
                    self.report(file, path, f"kilden '{source}' bruges her, men står ikke i klyngens 'sources'")

    def cases(self) -> None:
        c = self.catalogue
        for i, case in enumerate(c.cases):
            at = ("cases", i)
            self.reference("cases.yaml", at + ("cluster",), case.cluster, c.cluster_by_id, "klyngen")
            self.reference("cases.yaml", at + ("activity_area",), case.activity_area, c.area_by_id, "aktivitetsområdet")
            self.reference("cases.yaml", at + ("source",), case.source, c.source_by_id, "kilden")
            for j, partner in enumerate(case.partner_clusters):
                self.reference("cases.yaml", at + ("partner_clusters", j), partner, c.cluster_by_id, "klyngen")
        for i, area in enumerate(c.activity_areas):
            self.reference("cases.yaml", ("activity_areas", i, "source"), area.source, c.source_by_id, "kilden")

    def figures(self) -> None:
        c = self.catalogue
        file = "figures.yaml"
        for i, table in enumerate(c.tables):
            at = ("tables", i)
            if table.id in RESERVED_TABLE_IDS:
                self.report(file, at + ("id",), f"tabel-id '{table.id}' er optaget: /tal/{table.id}/ er en anden side")
            self.reference(file, at + ("source",), table.source, c.source_by_id, "kilden")
            years = set(table.years)
            if len(years) != len(table.years):
                self.report(file, at + ("years",), "et år står flere gange i 'years'")
            for year in sorted(set(table.measured) - years):
                self.report(file, at + ("measured", year), f"{year} er ikke et af tabellens år")
            seen: dict[str, tuple] = {}
            for j, section in enumerate(table.sections):
                for k, indicator in enumerate(section.indicators):
                    path = at + ("sections", j, "indicators", k)
                    if indicator.id in seen:
                        self.report(file, path + ("id",), f"indikator-id '{indicator.id}' findes allerede i tabellen")
                    seen[indicator.id] = path
                    for year in sorted(set(indicator.values) - years):
                        self.report(file, path + ("values", year), f"{year} er ikke et af tabellens år")
                    for year in sorted(years - set(indicator.values)):
                        self.report(file, path + ("values",), f"mangler en værdi for {year} (skriv null, hvis kilden ikke har tallet)")
        for i, headline in enumerate(c.headlines):
            self.reference(file, ("headlines", i, "source"), headline.source, c.source_by_id, "kilden")


def cross_check(
    catalogue: Catalogue,
    documents: dict[str, LocatedDocument],
    broken_ids: set[str] = frozenset(),
    kept_at: dict | None = None,
) -> list[Problem]:
    """Problems across records; ids in `broken_ids` belong to records already reported as
    invalid, and `kept_at` says where the records that were kept stand in their files."""
    return _Checker(catalogue, documents, set(broken_ids), kept_at or {}).run()
