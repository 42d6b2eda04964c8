"""The real catalogue in data/: it loads cleanly and holds what the sources say."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import run_validate

from klyngekatalog.catalogue import Catalogue, load_catalogue

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO / "data" / "clusters.yaml", display_root=REPO)


def test_cluster_count(catalogue: Catalogue) -> None:
    assert len(catalogue.clusters) == 72


@pytest.mark.parametrize(
    ("list_id", "count"),
    [("innovationsnetvaerk-2013", 22), ("klynger-2013", 54), ("innovationsnetvaerk-2014-2018", 22)],
)
def test_clusters_per_list(catalogue: Catalogue, list_id: str, count: int) -> None:
    listed = [c.id for c in catalogue.clusters if any(listing.list == list_id for listing in c.listings)]
    assert len(listed) == count
    # These lists print one name per organisation, so the count is also the printed count.
    assert catalogue.list_by_id[list_id].printed_count == count


def test_theme_count(catalogue: Catalogue) -> None:
    assert len(catalogue.themes) == 10


def test_cases(catalogue: Catalogue) -> None:
    assert len(catalogue.cases) == 11
    for case in catalogue.cases:
        assert case.cluster in catalogue.cluster_by_id, case.id
        assert all(partner in catalogue.cluster_by_id for partner in case.partner_clusters), case.id


def test_every_cluster_has_a_source(catalogue: Catalogue) -> None:
    assert [c.id for c in catalogue.clusters if not c.sources] == []
    assert all(source in catalogue.source_by_id for c in catalogue.clusters for source in c.sources)


def test_certifications(catalogue: Catalogue) -> None:
    named = Counter(cert.level for cluster in catalogue.clusters for cert in cluster.certifications)
    assert named == {"guld": 8, "soelv": 5, "eu-kvalitetsmaerke": 2}
    unnamed = {(h.level, h.count) for h in catalogue.unnamed_holders}
    assert unnamed == {("bronze", 20)}


def test_a_cluster_holds_each_level_once(catalogue: Catalogue) -> None:
    for cluster in catalogue.clusters:
        levels = [cert.level for cert in cluster.certifications]
        assert len(levels) == len(set(levels)), cluster.id


def test_relations(catalogue: Catalogue) -> None:
    relations = {(c.id, r.kind, r.cluster, r.source) for c in catalogue.clusters for r in c.relations}
    assert relations == {
        ("vifu", "omfatter", "foodnetwork", "pr-2017"),
        ("censec", "omfatter", "inno-pro", "pr-2017"),
        ("welfare-tech", "omfatter", "sundhed-og-velfaerdsteknologi", "pr-2017"),
        ("clean", "omfatter", "inno-se", "pr-2017"),
        ("clean", "omfatter", "inno-mt", "pr-2017"),
    }


def test_ids_are_unique(catalogue: Catalogue) -> None:
    for items in (catalogue.clusters, catalogue.themes, catalogue.cases, catalogue.sources, catalogue.lists):
        ids = [item.id for item in items]
        assert len(ids) == len(set(ids))


def test_validate_command_succeeds_with_one_summary_line() -> None:
    result = run_validate()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"data/clusters\.yaml: OK — 72 klynger, 10 fagområder, 11 cases, \d+ certificeringer, \d+ tal, \d+ kilder", lines[0])
