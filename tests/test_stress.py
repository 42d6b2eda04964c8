"""Cost that grows faster than the data, caught by counting (never by timing): each collection
of the real catalogue grown tenfold (benchmarks/stress.py's `grow`, as `make bench` does at
scale) must give at most eleven times the output, the largest page at most eleven times as
large, and at most eleven times the comparisons of records (a membership test on a list of
models is one comparison per element: the lookups of ten thousand cases once took minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.stress import COLLECTIONS, FACTOR, grow, input_bytes, read, write
from conftest import DATA
from klyngekatalog.model import Record
from klyngekatalog.site import SiteBuild
from klyngekatalog.translations import LANGUAGES

RATIO = FACTOR + 1
# Rendered page bodies and exports (no theme chrome, no search index) per byte of YAML, in
# each of the site's languages (every generated page is made once per language).
OUTPUT_BYTES_PER_INPUT_BYTE = 20 * len(LANGUAGES)


class Counted:
    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch):
        comparisons = [0]
        original = Record.__eq__

        def counting(self, other):
            comparisons[0] += 1
            return original(self, other)

        with monkeypatch.context() as patch:
            patch.setattr(Record, "__eq__", counting)
            build = SiteBuild.load(folder / "clusters.yaml")
            pages = [len(build.render(path).encode("utf-8")) for path in build.views]
            exports = sum(len(c if isinstance(c, bytes) else c.encode("utf-8")) for c in build.data_files().values())
            redirects = len(build.redirects())
        self.comparisons = comparisons[0]
        self.largest_page = max(pages)
        self.output = sum(pages) + exports + redirects * 300  # a redirect page is a few hundred bytes
        self.input = input_bytes(folder)


@pytest.fixture(scope="module")
def real_data() -> dict:
    return read(DATA)


@pytest.fixture(scope="module")
def base(real_data: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Written as the grown copies are, so that sizes compare.
    return write(real_data, tmp_path_factory.mktemp("base")).parent


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_a_collection_ten_times_larger_costs_at_most_eleven_times(
    collection: str, real_data: dict, base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = Counted(base, monkeypatch)
    after = Counted(write(grow(real_data, collection), tmp_path / collection).parent, monkeypatch)
    assert after.output <= RATIO * before.output
    assert after.largest_page <= RATIO * before.largest_page
    assert after.comparisons <= RATIO * max(before.comparisons, 1)
    assert after.output <= OUTPUT_BYTES_PER_INPUT_BYTE * after.input


def test_growing_really_grows_the_collection(real_data: dict) -> None:
    def count(data: dict, collection: str) -> int:
        clusters = data["clusters.yaml"]["clusters"]
        cases = data["cases.yaml"]["cases"]
        return {
            "clusters": len(clusters),
            "relations": sum(len(c.get("relations", [])) for c in clusters),
            "cases": len(cases),
            "partners": sum(len(c.get("partners", [])) + len(c.get("companies", [])) + len(c.get("partner_clusters", [])) for c in cases),
            "aliases": sum(len(c.get("aliases", [])) for c in clusters),
            "listings": sum(len(c.get("listings", [])) for c in clusters),
            "certifications": sum(len(c.get("certifications", [])) for c in clusters),
            "sources": len(data["sources.yaml"]["sources"]) + sum(len(c["sources"]) for c in clusters),
            "figures": len(data["figures.yaml"]["tables"]) + len(data["figures.yaml"]["headlines"]),
        }[collection]

    for collection in COLLECTIONS:
        assert count(grow(real_data, collection), collection) == FACTOR * count(real_data, collection) > 0, collection


def test_the_counter_would_catch_a_membership_test_on_a_list_of_models(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: the quadratic way the lookups were once built does show in the count."""
    build = SiteBuild.load(base / "clusters.yaml")
    cases = list(build.catalogue.cases)
    comparisons = [0]
    original = Record.__eq__

    def counting(self, other):
        comparisons[0] += 1
        return original(self, other)

    monkeypatch.setattr(Record, "__eq__", counting)
    seen: list = []
    for case in cases:
        if case not in seen:
            seen.append(case)
    assert comparisons[0] == len(cases) * (len(cases) - 1) // 2
