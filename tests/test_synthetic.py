"""benchmarks.synthetic: the benchmark's catalogue is deterministic, valid and shaped like the real one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from klyngekatalog.catalogue import load_catalogue
from klyngekatalog.checks import name_key
from benchmarks.synthetic import slugify, write_catalogue

FILES = ("clusters.yaml", "sources.yaml", "themes.yaml", "certifications.yaml", "cases.yaml", "figures.yaml")


def _bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILES}


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "a", 50, seed=7)
    write_catalogue(tmp_path / "b", 50, seed=7)
    assert _bytes(tmp_path / "a") == _bytes(tmp_path / "b")


def test_another_seed_gives_another_catalogue(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "a", 50, seed=1)
    write_catalogue(tmp_path / "b", 50, seed=2)
    assert (tmp_path / "a" / "clusters.yaml").read_bytes() != (tmp_path / "b" / "clusters.yaml").read_bytes()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory):
    """Catalogues of 50 and 500 clusters, written and loaded once for the module."""
    cache: dict[int, tuple] = {}

    def get(n: int):
        if n not in cache:
            folder = tmp_path_factory.mktemp(f"synthetic-{n}")
            path = write_catalogue(folder, n)
            cache[n] = (folder, path, load_catalogue(path))  # raises CatalogueError on any problem
        return cache[n]

    return get


@pytest.mark.parametrize("n", [50, 500])
def test_catalogue_is_valid_with_the_right_counts(written, n: int) -> None:
    folder, path, catalogue = written(n)
    assert path == folder / "clusters.yaml"
    assert len(catalogue.clusters) == n
    assert len({c.id for c in catalogue.clusters}) == n
    # About one case per seven clusters, as in the real catalogue, each on a generated cluster.
    assert n / 10 <= len(catalogue.cases) <= n / 4
    assert all(case.cluster in catalogue.cluster_by_id for case in catalogue.cases)
    keys = [name_key(name) for c in catalogue.clusters for name in (c.name, *c.aliases)]
    assert len(keys) == len(set(keys))


def test_catalogue_is_shaped_like_the_real_one(written) -> None:
    _, _, catalogue = written(500)
    clusters = catalogue.clusters
    share = lambda items: sum(1 for item in items if item) / len(clusters)  # noqa: E731
    assert 0.25 <= share(c.description for c in clusters) <= 0.5
    assert 0.1 <= share(c.aliases for c in clusters) <= 0.6
    assert 0.15 <= share(c.website for c in clusters) <= 0.5
    assert 0.05 <= share(c.certifications for c in clusters) <= 0.4
    assert 0 < share(c.relations for c in clusters) <= 0.2
    # Nearly every cluster stands in a list; a few (Biologue, BioSys) are only named in a text.
    assert share(c.listings for c in clusters) >= 0.9
    assert share(any(ch in c.name.casefold() for ch in "æøå") for c in clusters) >= 0.3
    lengths = sorted(len(c.description) for c in clusters if c.description)
    assert 150 <= lengths[len(lengths) // 2] <= 400
    assert {l.theme for c in clusters for l in c.listings if l.theme} == {t.id for t in catalogue.themes}


def test_texts_survive_the_yaml_round_trip(tmp_path: Path) -> None:
    """Folded (>-) texts come back exactly as generated: no stray newline or trailing space."""
    from benchmarks.synthetic import generate

    clusters, _, _ = generate(50, seed=3)
    loaded = load_catalogue(write_catalogue(tmp_path, 50, seed=3))
    for record, cluster in zip(clusters["clusters"], loaded.clusters):
        assert cluster.name == record["name"]
        assert cluster.description == record.get("description")
        assert cluster.note == record.get("note")


def test_slugify_spells_danish_letters_out() -> None:
    assert slugify("Fødevarer på Ærø – Åben Klynge") == "foedevarer-paa-aeroe-aaben-klynge"


def test_command_line_writes_a_valid_catalogue(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.synthetic", "20", str(tmp_path), "--seed", "5"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "20 klynger" in result.stdout
    assert len(load_catalogue(tmp_path / "clusters.yaml").clusters) == 20


def test_every_text_is_translated_as_in_the_real_catalogue(written) -> None:
    """Like data/translations.en.yaml, the synthetic one translates every text, so the English
    pages the benchmark builds are as long as real English pages."""
    assert not load_catalogue(Path(__file__).resolve().parents[1] / "data" / "clusters.yaml").untranslated
    _, _, catalogue = written(500)
    assert not catalogue.untranslated
    english = catalogue.translations["en"]
    described = [c for c in catalogue.clusters if c.description]
    assert len(english.clusters) >= len(described) > 0
    for cluster in described:
        translated = english.clusters[cluster.id].description
        assert translated != cluster.description and 0.7 < len(translated) / len(cluster.description) < 1.4
    assert all(english.cases[case.id].summary for case in catalogue.cases)
