"""The derived lookups over the whole catalogue (`Index`): built once per build and shared by
the page views and the exports, each lookup one pass over the data (a dict, never a scan)."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from .catalogue import Catalogue
from .columns import ClusterRows
from .labels import LABELS
from .model import CONTINUATION_KINDS, Case, Cluster, Level, Relation, Source, SourceList, Theme, UnnamedHolders
from .translations import FIRST_LANGUAGE


@dataclass(frozen=True)
class Placement:
    """Where one list places a cluster: the list, its year and the theme (if any)."""

    list: SourceList
    source: Source
    printed_name: str
    theme: Theme | None


@dataclass(frozen=True)
class Successor:
    """A step in a chain of continuations: the cluster that continues one, and how."""

    cluster: Cluster
    kind: str


@dataclass(frozen=True)
class HistoryMember:
    """One cluster of a chain of continuations (Index.history): whether it is the page's own,
    the years its lists place it, and what continues it."""

    cluster: Cluster
    current: bool
    years: str | None
    next: tuple[Successor, ...]


class Index:
    """Derived lookups over the whole catalogue, built once and shared by all views. Every
    lookup is built in one pass over its records (dicts, never membership tests on lists):
    a catalogue ten times larger costs ten times as much, not a hundred."""

    def __init__(self, catalogue: Catalogue, language: str = FIRST_LANGUAGE, first: Catalogue | None = None):
        self.catalogue = catalogue
        # The language of the catalogue's texts (localized_catalogue), and the Danish catalogue
        # (for what the templates decide by a Danish value, e.g. a headline's unit).
        self.language = language
        self.labels = LABELS[language]
        self.first = first or catalogue
        c = catalogue
        self.placements: dict[str, list[Placement]] = {}
        self.clusters_by_theme: dict[str, dict[int, list[Cluster]]] = defaultdict(lambda: defaultdict(list))
        # "omfatter" by the included cluster's id; continuations (videreført-i,
        # formodet-videreført-som) by the later cluster's id.
        self.included_in: dict[str, list[tuple[Cluster, Relation]]] = defaultdict(list)
        self.predecessors: dict[str, list[tuple[Cluster, Relation]]] = defaultdict(list)
        self.cases_by_cluster: dict[str, list[Case]] = defaultdict(list)
        self.cases_by_theme: dict[str, list[Case]] = defaultdict(list)
        self.cases_by_area: dict[str, list[Case]] = defaultdict(list)
        self.holders: dict[str, list[tuple[Cluster, str]]] = defaultdict(list)
        self.unnamed_by_level: dict[str, list[UnnamedHolders]] = defaultdict(list)
        self.clusters_by_list: dict[str, int] = defaultdict(int)
        self._themes_by_year: dict[str, dict[int, list[str]]] = {}
        for cluster in c.clusters:
            placements = [
                Placement(c.list_by_id[l.list], c.source_by_id[c.list_by_id[l.list].source], l.printed_name, c.theme_by_id.get(l.theme) if l.theme else None)
                for l in cluster.listings
            ]
            placements.sort(key=lambda p: (p.list.year, p.list.id))
            self.placements[cluster.id] = placements
            by_year: dict[int, dict[str, None]] = {}
            for listing in cluster.listings:
                if listing.theme:
                    by_year.setdefault(c.list_by_id[listing.list].year, {})[listing.theme] = None
            self._themes_by_year[cluster.id] = {year: list(ids) for year, ids in sorted(by_year.items())}
            for year, theme_ids in self._themes_by_year[cluster.id].items():
                for theme_id in theme_ids:
                    self.clusters_by_theme[theme_id][year].append(cluster)
            for relation in cluster.relations:
                if relation.kind == "omfatter":
                    self.included_in[relation.cluster].append((cluster, relation))
                else:
                    self.predecessors[relation.cluster].append((cluster, relation))
            for certification in cluster.certifications:
                self.holders[certification.level].append((cluster, certification.as_of))
            for list_id in {listing.list for listing in cluster.listings}:
                self.clusters_by_list[list_id] += 1
        for holders in c.unnamed_holders:
            self.unnamed_by_level[holders.level].append(holders)
        for case in c.cases:
            self.cases_by_cluster[case.cluster].append(case)
            self.cases_by_area[case.activity_area].append(case)
            for partner in case.partner_clusters:
                self.cases_by_cluster[partner].append(case)
            # Each theme once, though the cluster may be placed under it in several years.
            for theme_id in {t: None for ids in self._themes_by_year[case.cluster].values() for t in ids}:
                self.cases_by_theme[theme_id].append(case)

    def successors(self, cluster: Cluster) -> list[tuple[Cluster, Relation]]:
        return [(self.catalogue.cluster_by_id[r.cluster], r) for r in cluster.relations if r.kind in CONTINUATION_KINDS]

    def history(self, cluster: Cluster) -> tuple[tuple[HistoryMember, ...], ...]:
        """The cluster's chain of continuations, earliest first: one list of clusters per
        generation (two networks can continue in one), each with how it leads to the next.
        Empty when the cluster has no predecessor or successor."""
        generation_of: dict[str, int] = {cluster.id: 0}
        order: list[Cluster] = [cluster]
        todo = [cluster]
        while todo:  # the checks rule out loops; generation_of also stops a walk that meets one
            current = todo.pop()
            neighbours = [(p, -1) for p, _ in self.predecessors.get(current.id, [])]
            neighbours += [(s, +1) for s, _ in self.successors(current)]
            for other, step in neighbours:
                if other.id not in generation_of:
                    generation_of[other.id] = generation_of[current.id] + step
                    order.append(other)
                    todo.append(other)
        if len(order) == 1:
            return ()
        generations: dict[int, list[HistoryMember]] = defaultdict(list)
        for member in order:
            years = sorted({p.list.year for p in self.placements[member.id]})
            generations[generation_of[member.id]].append(
                HistoryMember(
                    member,
                    current=member.id == cluster.id,
                    years=f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else None),
                    next=tuple(Successor(s, r.kind) for s, r in self.successors(member)),
                )
            )
        return tuple(tuple(sorted(generations[g], key=lambda m: sort_key(m.cluster.name))) for g in sorted(generations))

    @functools.cached_property
    def word_heads(self) -> frozenset[str]:
        """The first five letters of every word of six or more in the catalogue's names and
        texts: what a compound's tail must start with to be indexed on its own (folded_forms)."""
        c = self.catalogue
        texts = [
            *(t for cl in c.clusters for t in (cl.name, *cl.aliases, cl.description or "")),
            *(t for th in c.themes for t in (th.name, th.description or "")),
            *(t for case in c.cases for t in (case.title, case.summary)),
        ]
        return frozenset(w[:5] for text in texts for w in re.findall(r"\w{6,}", text.lower()))

    @functools.cached_property
    def rows(self) -> ClusterRows:
        """Every cluster's row by column: the CSV and the catalogue table share it."""
        return ClusterRows.of(self)

    def themes_by_year(self, cluster: Cluster) -> dict[int, list[str]]:
        return self._themes_by_year[cluster.id]

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
