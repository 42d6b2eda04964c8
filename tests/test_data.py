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
    assert len(catalogue.clusters) == 78


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
        ("biologue", "videreført-i", "biopeople", "pr-2013"),
        ("biosys", "videreført-i", "biopeople", "pr-2013"),
        ("dansk-lydteknologi", "formodet-videreført-som", "dansk-lyd", None),
        ("livsstil-bolig-og-beklaedning", "formodet-videreført-som", "lifestyle-design-cluster", None),
        ("it-forum-midtjylland", "formodet-videreført-som", "it-forum", None),
        ("medtech-innovation-center", "formodet-videreført-som", "medtech-innovation", None),
    }


# --- the merge policy (CONTRIBUTING.md, rule 3) ---------------------------------------------------
# Two names are one entry only where a source says they are the same organisation. Where no
# source says so, they are two entries linked by a probable continuation that carries its
# evidence. These pairs were once merged on judgement alone.
PROBABLE_CONTINUATIONS = {
    # earlier entry (its printed names) → later entry (its printed names)
    ("dansk-lydteknologi", ("Innovationsnetværket Dansk Lydteknologi", "Innovationsnetværk for Dansk Lydteknologi")):
        ("dansk-lyd", ("Innovationsnetværket Dansk Lyd",)),
    ("livsstil-bolig-og-beklaedning", ("Innovationsnetværket Livsstil - Bolig og Beklædning", "Innovationsnetværket for Livsstil")):
        ("lifestyle-design-cluster", ("Innovationsnetværket Lifestyle & Design Cluster",)),
    ("it-forum-midtjylland", ("It forum midtjylland",)): ("it-forum", ("IT Forum",)),
    ("medtech-innovation-center", ("MedTech Innovation Center, Fonden MTIC",)):
        ("medtech-innovation", ("MedTech Innovation, Innovationsnetværket for medicoteknik",)),
}


def _printed_names(cluster) -> set[str]:
    return {cluster.name, *cluster.aliases, *(l.printed_name for l in cluster.listings), *(c.printed_name for c in cluster.certifications if c.printed_name)}


@pytest.mark.parametrize(("earlier", "later"), PROBABLE_CONTINUATIONS.items(), ids=lambda pair: pair[0])
def test_pairs_merged_on_judgement_are_two_linked_entries(catalogue: Catalogue, earlier, later) -> None:
    (earlier_id, earlier_names), (later_id, later_names) = earlier, later
    first, second = catalogue.cluster_by_id[earlier_id], catalogue.cluster_by_id[later_id]
    # Each name stays with its own entry and only there.
    assert set(earlier_names) <= _printed_names(first) and not set(earlier_names) & _printed_names(second)
    assert set(later_names) <= _printed_names(second) and not set(later_names) & _printed_names(first)
    # The link: on the earlier entry, to the later one, as an assessment with its evidence.
    [link] = [r for r in first.relations if r.cluster == later_id]
    assert link.kind == "formodet-videreført-som"
    assert link.evidence and link.source is None
    assert not [r for r in second.relations if r.cluster == earlier_id]
    # Facts stay with the entry whose source printed them: 2013 lists with the earlier, 2016 with the later.
    assert {catalogue.list_by_id[l.list].year for l in first.listings} == {2013}
    assert {catalogue.list_by_id[l.list].year for l in second.listings} == {2016}


def test_the_2013_quality_label_belongs_to_the_2013_network(catalogue: Catalogue) -> None:
    livsstil = catalogue.cluster_by_id["livsstil-bolig-og-beklaedning"]
    assert [(c.level, c.source, c.printed_name) for c in livsstil.certifications] == [
        ("eu-kvalitetsmaerke", "strategi-2013", "Innovationsnetværket for Livsstil")
    ]
    assert [c.level for c in catalogue.cluster_by_id["lifestyle-design-cluster"].certifications] == ["guld"]


def test_every_probable_continuation_carries_evidence(catalogue: Catalogue) -> None:
    probable = [(c.id, r) for c in catalogue.clusters for r in c.relations if r.kind == "formodet-videreført-som"]
    assert len(probable) == len(PROBABLE_CONTINUATIONS)
    assert all(r.evidence and len(r.evidence) > 40 for _, r in probable)


def test_networks_named_in_bilag_2_have_entries(catalogue: Catalogue) -> None:
    # Bilag 2: BioPeople gathers the activities that were carried out by the networks Biologue and BioSys.
    for cluster_id, name in [("biologue", "Biologue"), ("biosys", "BioSys")]:
        cluster = catalogue.cluster_by_id[cluster_id]
        assert cluster.name == name and cluster.sources == ("pr-2013",)
        assert [(r.kind, r.cluster, r.source) for r in cluster.relations] == [("videreført-i", "biopeople", "pr-2013")]


# Figures the sources print without a year: no year, so the site shows "uden dato".
UNDATED = {
    "nyhed-2012-netvaerk", "nyhed-2012-deltagende-virksomheder", "nyhed-2012-andel-smaa-virksomheder",
    "ced-resultater-klynger", "ced-resultater-virksomheder-aarligt",
    "ced-resultater-innovationssandsynlighed", "ced-resultater-produktivitetsvaekst",
    "pr-2013-oeget-omsaetning",
    *(f"pr-2013-videninstitutioner-{k}" for k in ("gts", "universiteter", "professionshoejskoler", "erhvervsskoler", "erhvervsakademier", "udenlandske")),
}


def test_undated_figures_have_no_year(catalogue: Catalogue) -> None:
    assert {h.id for h in catalogue.headlines if h.year is None} == UNDATED
    # The web page of Cluster Excellence Denmark has no date at all: none of its undated figures gets one.
    assert catalogue.source_by_id["ced-resultater"].published is None


def test_every_headline_says_where_in_the_source_it_stands(catalogue: Catalogue) -> None:
    assert [h.id for h in catalogue.headlines if not h.location] == []


@pytest.mark.parametrize(
    ("headline_id", "other"),
    [("ced-resultater-deltagere", "16.520"), ("ced-resultater-virksomheder-aarligt", "16.520"), ("pr-2017-deltagere", "16.500"), ("pr-2017-klynger", "41")],
)
def test_disagreeing_sources_are_noted_beside_the_figure(catalogue: Catalogue, headline_id: str, other: str) -> None:
    headline = next(h for h in catalogue.headlines if h.id == headline_id)
    assert headline.note and other in headline.note


@pytest.mark.parametrize(
    ("source", "location", "values"),
    [
        ("pr-2013", "Afsnit 3.2, Figur 3.6", [40, 34, 7, 7, 5, 1, 3, 3]),
        ("pr-2013", "Afsnit 4, Tabel 4.1–4.3", [22, 5932, 20, 1256, 15, 915, 14, 393, 22, 1258, 20, 724, 11, None]),
    ],
)
def test_one_year_tables_of_pr_2013(catalogue: Catalogue, source: str, location: str, values: list) -> None:
    [table] = [t for t in catalogue.tables if t.location == location]
    assert table.source == source and table.years == (2012,)
    assert [i.values[2012] for s in table.sections for i in s.indicators] == values


@pytest.mark.parametrize(
    ("headline_id", "year", "qualifier", "value"),
    [
        ("pr-2013-dedikerede", 2012, None, 3011),
        ("pr-2013-dedikerede-pr-netvaerk", 2012, None, 137),
        ("pr-2013-kontaktet-pr-netvaerk-2012", 2012, None, 105),
        ("pr-2013-kontaktet-pr-netvaerk-2011", 2011, None, 78),
        ("pr-2013-deltagere-2006", 2006, "ca", 2200),
        ("pr-2013-smv-deltagere", 2012, "ca", 4700),
        ("pr-2013-oeget-omsaetning", None, None, 1.1),
        ("pr-2017-analyse-virksomheder", 2017, None, 888),
        ("pr-2017-analyse-klynger", 2017, None, 42),
        ("pr-2017-omsaetning-laveste", 2016, "under", 300000),
        ("pr-2017-omsaetning-hoejeste", 2016, "over", 35),
        ("pr-2017-analyse-smv-kompetencer", 2017, "naesten", 50),
    ],
)
def test_figures_from_the_reports_text(catalogue: Catalogue, headline_id: str, year, qualifier, value) -> None:
    headline = next(h for h in catalogue.headlines if h.id == headline_id)
    assert (headline.year, headline.qualifier, headline.value) == (year, qualifier, value)


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
    assert re.fullmatch(r"data/clusters\.yaml: OK — 78 klynger, 10 fagområder, 11 cases, \d+ certificeringer, \d+ tal, \d+ kilder", lines[0])
