"""The stress section of `make bench`: each collection of the catalogue grown tenfold.

A catalogue that validates must build quickly into a site of sensible size. For each collection
(clusters, relations, cases, partners, aliases, listings, certifications, sources, figures), a
base catalogue is copied with only that collection ten times larger (distinct entries: repeated
ones are an error), built with exactly `make build`'s MkDocs command, and compared with the base:

- time: the build's CPU time, ×10 data at most ×11 (TIME_TARGET);
- size: the site's bytes per byte of the catalogue's YAML, at most SITE_BYTES_PER_INPUT_BYTE.

    python -m benchmarks.stress [--base 200] [--no-write]

`grow` is also what tests/test_stress.py uses, at small sizes, to count output and operations.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.synthetic import write_catalogue

from .measure import ROOT, build_catalogue_site

FACTOR = 10
TIME_TARGET = 11.0  # ×10 data costs at most ×11 time
# A site is pages (with the theme's ~25 KB of chrome each), redirect pages for old names, the
# search index and the exports: about 15–45 bytes per byte of YAML at every size measured. The
# cap leaves room for that and none for a collection whose output grows faster than its data.
SITE_BYTES_PER_INPUT_BYTE = 100
COLLECTIONS = ("clusters", "relations", "cases", "partners", "aliases", "listings", "certifications", "sources", "figures")
FILES = ("clusters.yaml", "sources.yaml", "themes.yaml", "certifications.yaml", "cases.yaml", "figures.yaml")
START, END = "<!-- bench:stress:start -->", "<!-- bench:stress:end -->"

Data = dict[str, dict]


def read(folder: Path) -> Data:
    return {name: yaml.load((folder / name).read_text("utf-8"), Loader=yaml.CSafeLoader) for name in FILES}


class _Dumper(yaml.CSafeDumper):
    """Copies share their unchanged parts: written out each time (anchors are refused)."""

    def ignore_aliases(self, data) -> bool:
        return True


def write(data: Data, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in data.items():
        (folder / name).write_text(yaml.dump(content, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return folder / "clusters.yaml"


def grow(data: Data, collection: str, factor: int = FACTOR) -> Data:
    """A copy of `data` with `collection` `factor` times as large, every new entry distinct and
    valid (new ids, names and references the catalogue accepts)."""
    data = copy.deepcopy(data)
    clusters = data["clusters.yaml"]["clusters"]
    cases = data["cases.yaml"].get("cases") or []
    ids = [c["id"] for c in clusters]
    copies = range(1, factor)
    if collection == "clusters":
        extra = []
        for j in copies:
            for cluster in clusters:
                twin = copy.deepcopy(cluster)
                twin["id"] = f"{cluster['id'][:70]}-k{j}"
                twin["name"] = f"{cluster['name']} (kopi {j})"
                twin["aliases"] = [f"{alias} (kopi {j})" for alias in cluster.get("aliases", [])]
                twin.pop("relations", None)
                extra.append(twin)
        clusters.extend(extra)
    elif collection == "relations":
        for position, cluster in enumerate(clusters):
            relations = cluster.get("relations") or []
            taken = {r["cluster"] for r in relations} | {cluster["id"]}
            step = 0
            for relation in list(relations):
                for _ in copies:
                    while ids[(position + 1 + step) % len(ids)] in taken:
                        step += 1
                    target = ids[(position + 1 + step) % len(ids)]
                    taken.add(target)
                    relations.append({**relation, "cluster": target})
    elif collection == "cases":
        originals = list(cases)
        cases.extend({**case, "id": f"{case['id'][:70]}-c{j}", "title": f"{case['title']} ({j})"} for j in copies for case in originals)
    elif collection == "partners":
        for position, case in enumerate(cases):
            for key in ("companies", "partners"):
                if case.get(key):
                    case[key] = case[key] + [f"{name} {j}" for j in copies for name in case[key]]
            if case.get("partner_clusters"):
                taken = set(case["partner_clusters"]) | {case["cluster"]}
                wanted = len(case["partner_clusters"]) * factor
                for candidate in ids[position % len(ids):] + ids[: position % len(ids)]:
                    if len(case["partner_clusters"]) >= wanted:
                        break
                    if candidate not in taken:
                        case["partner_clusters"].append(candidate)
                        taken.add(candidate)
    elif collection == "aliases":
        for cluster in clusters:
            if cluster.get("aliases"):
                cluster["aliases"] = cluster["aliases"] + [f"{alias} {j}" for j in copies for alias in cluster["aliases"]]
    elif collection == "listings":
        lists = data["sources.yaml"]["lists"]
        originals = list(lists)
        lists.extend({**item, "id": f"{item['id'][:70]}-l{j}"} for j in copies for item in originals)
        for cluster in clusters:
            if cluster.get("listings"):
                cluster["listings"] = cluster["listings"] + [
                    {**listing, "list": f"{listing['list'][:70]}-l{j}"} for j in copies for listing in cluster["listings"]
                ]
    elif collection == "certifications":
        for cluster in clusters:
            if cluster.get("certifications"):
                cluster["certifications"] = cluster["certifications"] + [
                    {**cert, "printed_name": f"{cluster['name']} ({j})"} for j in copies for cert in cluster["certifications"]
                ]
    elif collection == "sources":
        sources = data["sources.yaml"]["sources"]
        originals = list(sources)
        sources.extend({**source, "id": f"{source['id'][:70]}-s{j}"} for j in copies for source in originals)
        for cluster in clusters:
            cluster["sources"] = cluster["sources"] + [f"{source[:70]}-s{j}" for j in copies for source in cluster["sources"]]
    elif collection == "figures":
        figures = data["figures.yaml"]
        tables, headlines = list(figures["tables"]), list(figures.get("headlines") or [])
        figures["tables"] = tables + [{**table, "id": f"{table['id'][:70]}-t{j}"} for j in copies for table in tables]
        figures["headlines"] = headlines + [{**headline, "id": f"{headline['id'][:70]}-h{j}"} for j in copies for headline in headlines]
    else:
        raise ValueError(f"unknown collection {collection!r}")
    return data


def input_bytes(folder: Path) -> int:
    return sum((folder / name).stat().st_size for name in FILES)


def site_bytes(site: Path) -> int:
    return sum(path.stat().st_size for path in site.rglob("*") if path.is_file())


@dataclass
class Run:
    label: str
    input_bytes: int
    cpu_seconds: float
    wall_seconds: float
    site_bytes: int
    largest_page: int
    returncode: int
    output: str


def measure(label: str, folder: Path, site: Path) -> Run:
    build = build_catalogue_site(folder / "clusters.yaml", site)
    size = site_bytes(site) if build.returncode == 0 else 0
    largest = max((p.stat().st_size for p in site.rglob("*.html")), default=0) if build.returncode == 0 else 0
    shutil.rmtree(site, ignore_errors=True)
    return Run(label, input_bytes(folder), build.cpu_seconds, build.seconds, size, largest, build.returncode, build.output)


def run(base_clusters: int, seed: int = 1, say=print) -> tuple[Run, list[Run]]:
    with tempfile.TemporaryDirectory(prefix="kk-stress-") as tmp:
        work = Path(tmp)
        base_data = read(write_catalogue(work / "synthetic", base_clusters, seed).parent)
        # Written the same way as the grown copies, so that their sizes compare.
        base_folder = write(base_data, work / "base").parent
        say(f"[stress] base: {base_clusters} clusters, building …")
        base = measure("grundlag", base_folder, work / "site")
        grown = []
        for collection in COLLECTIONS:
            folder = write(grow(base_data, collection), work / collection).parent
            say(f"[stress] {collection} ×{FACTOR}: building …")
            grown.append(measure(collection, folder, work / "site"))
            shutil.rmtree(folder, ignore_errors=True)
    return base, grown


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f}"


def render(base: Run, grown: list[Run], base_clusters: int, context: str) -> str:
    lines = [
        f"Base: a synthetic catalogue of {base_clusters} clusters (seed 1); each row grows one collection ×{FACTOR} "
        f"(distinct entries) and builds it with `make build`'s MkDocs command. {context}",
        "",
        "| collection ×10 | YAML (MB) | × data | build CPU (s) | × time | target ≤ ×11 | site (MB) | site bytes / YAML byte | cap ≤ "
        f"{SITE_BYTES_PER_INPUT_BYTE} | largest page (KB) |",
        "|---|---:|---:|---:|---:|:---:|---:|---:|:---:|---:|",
        f"| (base) | {_mb(base.input_bytes)} | 1.0 | {base.cpu_seconds:.1f} | 1.0 | – | {_mb(base.site_bytes)} | "
        f"{base.site_bytes / base.input_bytes:.0f} | {'✓' if base.site_bytes <= SITE_BYTES_PER_INPUT_BYTE * base.input_bytes else '✗'} | {base.largest_page / 1000:.0f} |",
    ]
    for r in grown:
        if r.returncode:
            lines.append(f"| {r.label} | {_mb(r.input_bytes)} | | build FAILED ({r.returncode}) | | ✗ | | | ✗ | |")
            continue
        time_ratio = r.cpu_seconds / base.cpu_seconds
        per_byte = r.site_bytes / r.input_bytes
        lines.append(
            f"| {r.label} | {_mb(r.input_bytes)} | {r.input_bytes / base.input_bytes:.1f} | {r.cpu_seconds:.1f} | {time_ratio:.1f} | "
            f"{'✓' if time_ratio <= TIME_TARGET else '✗'} | {_mb(r.site_bytes)} | {per_byte:.0f} | "
            f"{'✓' if per_byte <= SITE_BYTES_PER_INPUT_BYTE else '✗'} | {r.largest_page / 1000:.0f} |"
        )
    return "\n".join(lines)


def met(base: Run, grown: list[Run]) -> bool:
    return all(
        r.returncode == 0
        and r.cpu_seconds <= TIME_TARGET * base.cpu_seconds
        and r.site_bytes <= SITE_BYTES_PER_INPUT_BYTE * r.input_bytes
        for r in grown
    )


def write_report(path: Path, text: str) -> None:
    """Replace the stress results between their markers (appended with them the first time)."""
    current = path.read_text("utf-8")
    block = f"{START}\n{text.rstrip()}\n{END}"
    if START in current and END in current:
        head, rest = current.split(START, 1)
        current = head + block + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n## Stress: every collection ×10\n\n" + block + "\n"
    path.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stress", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=int, default=200, help="clusters in the base catalogue")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md as it is")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    base, grown = run(args.base, say=lambda m: print(m, flush=True))
    context = f"Whole section: {time.perf_counter() - started:.0f} s."
    text = render(base, grown, args.base, context)
    print()
    print(text)
    if not args.no_write:
        write_report(ROOT / "BENCHMARKS.md", text)
    for r in grown:
        if r.returncode:
            print(f"[stress] {r.label}: build FAILED:\n{r.output[-3000:]}", file=sys.stderr)
    return 0 if met(base, grown) else 1


if __name__ == "__main__":
    sys.exit(main())
