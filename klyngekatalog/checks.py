"""Checks across records and files: unique ids and names, and references that resolve.

Each file's own shape is checked by its model; what needs the whole catalogue is here. The
references and the "every fact names its source" rules are not written out per field: they
are derived from the model's declarations (model.Ref, model.SourcedBy, model.CitesAll) by one
walk over every record (`declared`).
"""

from __future__ import annotations

import re
import typing
import unicodedata
from typing import TYPE_CHECKING, Any, Iterable

from .fields import cites_all_field, references, sourced_fact_pairs
from .model import _HIDDEN, CONTINUATION_KINDS, DATA_FILES, Record, Ref
from .problems import Problem
from .slugs import MAX_SLUG_LENGTH, RESERVED, RESERVED_TABLE_IDS, slugify
from .suggest import id_hint
from .yamlsource import LocatedDocument, shown

if TYPE_CHECKING:
    from .catalogue import Catalogue


# What a relation to the cluster itself would claim, by kind.
SELF_RELATION = {
    "omfatter": "en klynge kan ikke omfatte sig selv",
    "videreført-i": "en klynge kan ikke være videreført i sig selv",
    "formodet-videreført-som": "en klynge kan ikke være videreført som sig selv",
}


# The data file that holds each collection (a reference into an unreadable file is not checked).
_FILE_OF = {collection: file for file, model in DATA_FILES.items() for collection in model.model_fields}


def name_key(name: str) -> str:
    """How two names are compared: case, width, dashes and spacing do not tell names apart."""
    # Invisible characters are refused in names; folded here too, so that one can never make
    # two equal names differ.
    if name.isascii():  # no invisible characters or dashes to fold, and NFKC changes nothing
        folded = name.casefold()
    else:
        folded = _DASHES.sub("-", unicodedata.normalize("NFKC", _HIDDEN.sub("", name)).casefold())
    # Runs of spacing as one space, none at the ends (split() knows the same spaces as \s).
    return " ".join(folded.split())


_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


class _UnreadableText(str):
    pass


class _UnreadableTuple(tuple):
    pass


class _UnreadableDict(dict):
    pass


def placeholder(annotation: Any, number: int) -> Any:
    """What stands in for a field that is missing or broken in a record kept for the
    cross-checks (catalogue._partial): of the field's type, unequal to any other value, and
    skipped by every check here — its problem is already reported by the model."""
    while typing.get_origin(annotation) in (typing.Union, typing.Annotated) or type(annotation).__name__ == "UnionType":
        annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    kind = typing.get_origin(annotation) or annotation
    if kind is str:
        return _UnreadableText(f"\x00{number}")
    if kind is tuple:
        return _UnreadableTuple()
    if kind is dict:
        return _UnreadableDict()
    return None


def unreadable(value: Any) -> bool:
    return value is None or isinstance(value, (_UnreadableText, _UnreadableTuple, _UnreadableDict))


class _Checker:
    def __init__(
        self, catalogue: Catalogue, documents: dict[str, LocatedDocument], broken_ids: set[str], kept_at: dict, unreadable_files: set[str]
    ):
        self.unreadable_files = unreadable_files
        self.catalogue = catalogue
        self.broken_ids = broken_ids
        self.kept_at = kept_at
        self.documents = documents
        self.problems: list[Problem] = []
        # The same ids recur in many records' lists (sources, certifications): folded once each.
        self.name_keys: dict[str, str] = {}

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
            if unreadable(item.id):
                continue
            if item.id in seen:
                line = self.documents[file].locate(self.in_file(file, (key, seen[item.id], "id")))[0]
                self.report(file, (key, index, "id"), f"{what}-id '{item.id}' findes allerede (linje {line})")
            else:
                seen[item.id] = index

    def reference(self, file: str, path: tuple, value: str, ref: Ref) -> None:
        known = self.catalogue.by_id[ref.collection]
        if unreadable(value) or value in known or value in self.broken_ids or _FILE_OF[ref.collection] in self.unreadable_files:
            return
        hint = id_hint(value, [key for key in known if not unreadable(key)], ref.plural)
        self.report(file, path, f"{ref.what} '{shown(value)}' findes ikke" + (f"; {hint}" if hint else ""))

    def run(self) -> list[Problem]:
        c = self.catalogue
        self.declared()
        self.unique_ids("sources.yaml", "sources", c.sources, "kilde")
        self.unique_ids("sources.yaml", "lists", c.lists, "liste")
        self.unique_ids("themes.yaml", "themes", c.themes, "fagområde")
        self.unique_ids("certifications.yaml", "levels", c.levels, "niveau")
        self.unique_ids("cases.yaml", "activity_areas", c.activity_areas, "aktivitetsområde")
        self.unique_ids("cases.yaml", "cases", c.cases, "case")
        self.unique_ids("figures.yaml", "tables", c.tables, "tabel")
        self.unique_ids("figures.yaml", "headlines", c.headlines, "nøgletal")
        self.unique_ids("clusters.yaml", "clusters", c.clusters, "klynge")
        self.reserved_ids()
        self.repeated_items()
        self.clusters()
        self.continuations()
        self.cases()
        self.figures()
        return self.problems

    def reserved_ids(self) -> None:
        """An id that is also the name of a page in its folder would replace that page."""
        c = self.catalogue
        for file, key, folder, items in (
            ("clusters.yaml", "clusters", "klynger", c.clusters),
            ("themes.yaml", "themes", "temaer", c.themes),
            ("cases.yaml", "cases", "cases", c.cases),
        ):
            for i, item in enumerate(items):
                if item.id in RESERVED[folder]:
                    self.report(file, (key, i, "id"), f"id'et '{item.id}' er optaget af en side på webstedet (/{folder}/{item.id}/)")
        ids = {table.id for table in c.tables}
        headline_ids = {headline.id for headline in c.headlines}  # anchors on /tal/ too
        for i, table in enumerate(c.tables):
            # /tal/ gives each table the anchor #<id> and each of its sections #<id>-<n>.
            base, _, number = table.id.rpartition("-")
            if table.id in RESERVED_TABLE_IDS or (number.isdigit() and base in ids) or table.id in headline_ids:
                self.report("figures.yaml", ("tables", i, "id"), f"id'et '{table.id}' er optaget af et afsnit på siden /tal/")

    def repeated_items(self) -> None:
        """The same entry twice in one list: an error where the second stands (it would show
        twice on the page, and a thousand of them made one page 22 MB)."""
        c = self.catalogue
        lists = [
            ("clusters.yaml", "clusters", c.clusters, ("certifications", "sources")),  # relations: clusters()
            ("cases.yaml", "cases", c.cases, ("companies", "partners", "partner_clusters")),
            ("themes.yaml", "themes", c.themes, ("printed_names",)),
        ]
        for file, key, records, fields in lists:
            for i, record in enumerate(records):
                for name in fields:
                    self.repeated(file, (key, i, name), getattr(record, name))
        self.repeated("certifications.yaml", ("unnamed_holders",), c.unnamed_holders)

    def repeated(self, file: str, path: tuple, items: tuple) -> None:
        seen: dict = {}
        for j, item in enumerate(items):
            if isinstance(item, str):
                key = self.name_keys.get(item)
                if key is None:
                    key = self.name_keys[item] = name_key(item)
            else:
                key = item
            if key in seen:
                line = self.documents[file].locate(self.in_file(file, path + (seen[key],)))[0]
                self.report(file, path + (j,), f"står to gange i '{path[-1]}' (første gang i linje {line})")
            else:
                seen[key] = j

    def declared(self) -> None:
        """Every reference the model declares resolves, every sourced fact names its source,
        and a record with a list of sources (model.CitesAll) lists every source it uses."""
        for file, model in DATA_FILES.items():
            for collection in model.model_fields:
                for i, record in enumerate(getattr(self.catalogue, collection)):
                    self.record(file, (collection, i), record)

    def record(self, file: str, at: tuple, record: Record) -> None:
        lookups = self.catalogue.by_id
        cites_all = cites_all_field(type(record))
        used: dict[str, tuple] = {}  # source → where the record first uses it
        for path, value, ref, _ in references(record, at):
            target = lookups[ref.collection].get(value)
            if target is None:
                self.reference(file, path, value, ref)
            elif cites_all is not None and path[len(at)] != cites_all:
                if ref.collection == "sources":
                    used.setdefault(value, path)
                if ref.cites is not None:
                    used.setdefault(getattr(target, ref.cites), path)
        for fact, sourced_by in sourced_fact_pairs(type(record)):
            if getattr(record, fact) is not None and getattr(record, sourced_by.field) is None:
                self.report(file, at + (fact,), f"{sourced_by.what} kræver '{sourced_by.field}' (kilden bag den)")
        if cites_all is not None and not unreadable(getattr(record, cites_all)):
            listed = set(getattr(record, cites_all))
            for source, path in used.items():
                if source not in listed:
                    self.report(file, path, f"kilden '{source}' bruges her, men står ikke i klyngens '{cites_all}'")

    def clusters(self) -> None:
        c = self.catalogue
        file = "clusters.yaml"
        names: dict[str, tuple[str, tuple]] = {}
        for i, cluster in enumerate(c.clusters):
            at = ("clusters", i)
            for path, name in [(at + ("name",), cluster.name)] + [
                (at + ("aliases", j), alias) for j, alias in enumerate(cluster.aliases)
            ]:
                if unreadable(name):
                    continue
                slug = slugify(name)
                if len(slug) > MAX_SLUG_LENGTH:
                    self.report(file, path, f"navnet bliver til adressen /klynger/{slug[:40]}…/ på {len(slug)} tegn (højst {MAX_SLUG_LENGTH}); forkort navnet")
                elif slug in RESERVED["klynger"] and name != cluster.name:
                    self.report(file, path, f"navnet bliver til adressen /klynger/{slug}/, som er optaget af en side på webstedet")
                key = name_key(name)
                if key in names:
                    owner, _ = names[key]
                    where = "navnet på" if owner != cluster.id else "allerede brugt i"
                    self.report(file, path, f"navnet '{shown(name)}' er {where} klyngen '{owner}'")
                else:
                    names[key] = (cluster.id, path)

            seen_listings: set[tuple[str, str | None]] = set()
            for j, listing in enumerate(() if unreadable(cluster.listings) else cluster.listings):
                path = at + ("listings", j)
                source_list = c.list_by_id.get(listing.list)
                if source_list is None:
                    continue  # reported by `declared`
                if (listing.list, listing.theme) in seen_listings:
                    self.report(file, path + ("list",), f"klyngen står allerede i listen '{listing.list}'")
                seen_listings.add((listing.list, listing.theme))
                if listing.theme is not None:
                    if not source_list.themed and not unreadable(listing.theme):
                        self.report(file, path + ("theme",), f"listen '{listing.list}' placerer ikke klynger under fagområder")
                elif source_list.themed:
                    self.report(file, path, f"listen '{listing.list}' placerer klyngen under et fagområde: angiv 'theme'")
            seen_relations: set[tuple[str, str]] = set()
            for j, relation in enumerate(cluster.relations):
                if relation.cluster == cluster.id:
                    self.report(file, at + ("relations", j, "cluster"), SELF_RELATION[relation.kind])
                path = at + ("relations", j)
                if (relation.kind, relation.cluster) in seen_relations:
                    self.report(file, path + ("cluster",), f"relationen '{relation.kind}' til '{relation.cluster}' står allerede på klyngen")
                seen_relations.add((relation.kind, relation.cluster))
                if relation.kind == "formodet-videreført-som":
                    if relation.evidence is None:
                        self.report(file, path, "en formodet videreførelse kræver 'evidence' (begrundelsen for, at sammenhængen er sandsynlig)")
                elif relation.source is None:
                    self.report(file, path, f"relationen '{relation.kind}' kræver 'source' (kilden, der nævner sammenhængen)")

    def continuations(self) -> None:
        """No cluster may, through continuation relations, come after itself. A relation closes
        a loop when its two clusters reach each other: the same strongly connected component
        (Tarjan's algorithm, linear in clusters and relations; a walk from every relation was
        quadratic on a long chain)."""
        c = self.catalogue
        successors = {
            cluster.id: [r.cluster for r in cluster.relations if r.kind in CONTINUATION_KINDS and r.cluster in c.cluster_by_id]
            for cluster in c.clusters
        }
        component = _components(successors)
        for i, cluster in enumerate(c.clusters):
            for j, relation in enumerate(cluster.relations):
                if relation.kind not in CONTINUATION_KINDS or relation.cluster == cluster.id:
                    continue
                if relation.cluster in component and component[relation.cluster] == component[cluster.id]:
                    self.report(
                        "clusters.yaml",
                        ("clusters", i, "relations", j, "cluster"),
                        f"videreførelsen går i ring: '{relation.cluster}' fører tilbage til '{cluster.id}'",
                    )

    def cases(self) -> None:
        for i, case in enumerate(self.catalogue.cases):
            for j, partner in enumerate(case.partner_clusters):
                if partner == case.cluster and partner in self.catalogue.cluster_by_id and partner not in self.broken_ids:
                    # The case would be listed twice on that cluster's page.
                    self.report("cases.yaml", ("cases", i, "partner_clusters", j), f"'{partner}' er casens egen klynge (se 'cluster')")

    def figures(self) -> None:
        c = self.catalogue
        file = "figures.yaml"
        for i, table in enumerate(c.tables):
            at = ("tables", i)
            if unreadable(table.years):
                continue  # the years are what the rest is checked against
            years = set(table.years)
            if len(years) != len(table.years):
                self.report(file, at + ("years",), "et år står flere gange i 'years'")
            for year in sorted(set(table.measured) - years):
                self.report(file, at + ("measured", year), f"{year} er ikke et af tabellens år")
            seen: dict[str, tuple] = {}
            for j, section in enumerate(table.sections):
                for k, indicator in enumerate(section.indicators):
                    path = at + ("sections", j, "indicators", k)
                    if indicator.id in seen and not unreadable(indicator.id):
                        self.report(file, path + ("id",), f"indikator-id '{indicator.id}' findes allerede i tabellen")
                    seen[indicator.id] = path
                    if unreadable(indicator.values):
                        continue
                    for year in sorted(set(indicator.values) - years):
                        self.report(file, path + ("values", year), f"{year} er ikke et af tabellens år")
                    for year in sorted(years - set(indicator.values)):
                        self.report(file, path + ("values",), f"mangler en værdi for {year} (skriv null, hvis kilden ikke har tallet)")


def _components(successors: dict[str, list[str]]) -> dict[str, int]:
    """Strongly connected component of each node (iterative Tarjan: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in successors:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = successors.get(node, [])
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component


def cross_check(
    catalogue: Catalogue,
    documents: dict[str, LocatedDocument],
    broken_ids: set[str] = frozenset(),
    kept_at: dict | None = None,
    unreadable_files: set[str] = frozenset(),
) -> list[Problem]:
    """Problems across records; ids in `broken_ids` belong to records already reported as
    invalid, `kept_at` says where the records that were kept stand in their files, and
    references into `unreadable_files` (files that could not be parsed) are not checked."""
    return _Checker(catalogue, documents, set(broken_ids), kept_at or {}, set(unreadable_files)).run()
