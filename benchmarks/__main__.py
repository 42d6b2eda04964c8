"""`make bench`: the scale benchmark. Builds the site for the real catalogue and for synthetic
catalogues of 500 and 5,000 clusters, each next to its floor (the same pages as plain
Markdown with plain MkDocs + Material): the Danish edition alone (KLYNGEKATALOG_LANGUAGES=da,
like with like against the one-language floor) and both languages (what the second language
costs). Measures validation and the `mkdocs serve` rebuild, prints the tables and writes them
into BENCHMARKS.md (between its result markers).

    python -m benchmarks [--sizes real,500,5000] [--seed 1] [--no-serve] [--no-write]
                         [--stress-base 200 | --no-stress] [--only validation,serve]

`--only` measures just the named parts (validation of the largest synthetic size, the serve
rebuild) and prints them without writing BENCHMARKS.md: a quick check of those two targets.

Then the stress section (benchmarks/stress.py): each collection grown tenfold, with its own
targets and its own block in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from klyngekatalog.catalogue import load_catalogue
from klyngekatalog.translations import FIRST_LANGUAGE
from benchmarks.synthetic import write_catalogue

from . import report, stress
from .floor import write_floor
from .measure import ROOT, Build, Payload, Site, build_catalogue_site, build_floor_site, material_payload, measure_site, pagefind_payloads
from .serve import ServeResult, measure_serve


@dataclass
class SizeResult:
    label: str
    clusters: int
    build: Build  # the Danish edition alone (one language, as the floor)
    site: Site | None
    search: list[Payload] | None
    floor_build: Build
    floor_site: Site | None
    floor_search: Payload | None
    queries: list[str]
    runs: int  # builds of each kind; the fastest counts
    both_build: Build  # every language: the site as `make build` makes it
    both_site: Site | None


@dataclass
class Validation:
    clusters: int
    samples: list[float]

    @property
    def best(self) -> float:
        return min(self.samples)


def _say(message: str) -> None:
    print(message, flush=True)


def _best(builds: list[Build]) -> Build:
    """The fastest of repeated builds (the least disturbed by anything else on the machine),
    the least CPU time, and the highest peak memory seen in any of them."""
    best = min(builds, key=lambda b: (b.returncode != 0, b.seconds))
    cpu = min(b.cpu_seconds for b in builds if b.returncode == best.returncode)
    return Build(best.seconds, cpu, max(b.peak_rss_mb for b in builds), best.returncode, best.output)


def run_size(label: str, clusters_yaml: Path, work: Path, repeat: int) -> SizeResult:
    catalogue = load_catalogue(clusters_yaml)
    ids = {c.id for c in catalogue.clusters}
    # A typical visitor's query: a theme word, and a cluster's name (the middle one, so it
    # is neither first nor last in any index chunk by accident of sorting).
    queries = ["fødevarer", catalogue.clusters[len(catalogue.clusters) // 2].name]
    site_dir, both_dir, floor_site_dir = work / f"site-{label}", work / f"site-both-{label}", work / f"floor-site-{label}"
    config = write_floor(catalogue, work / f"floor-{label}")
    builds: list[Build] = []
    both_builds: list[Build] = []
    floor_builds: list[Build] = []

    def report(kind: str, done: Build) -> None:
        _say(f"[{label}] {kind}: {done.seconds:.1f} s ({done.cpu_seconds:.1f} s CPU), {done.peak_rss_mb:.0f} MB")

    # The three kinds alternate, so all see the same conditions on a shared machine.
    for attempt in range(1, repeat + 1):
        for target in (site_dir, both_dir, floor_site_dir):
            shutil.rmtree(target, ignore_errors=True)
        _say(f"[{label}] building the site ({len(ids)} clusters), run {attempt}/{repeat}: Danish alone, both languages, the floor …")
        builds.append(build_catalogue_site(clusters_yaml, site_dir, languages=FIRST_LANGUAGE))
        report("site, Danish alone", builds[-1])
        both_builds.append(build_catalogue_site(clusters_yaml, both_dir))
        report("site, both languages", both_builds[-1])
        floor_builds.append(build_floor_site(config, floor_site_dir))
        report("floor", floor_builds[-1])
    build, both_build, floor_build = _best(builds), _best(both_builds), _best(floor_builds)
    site = search = floor_site = floor_search = both_site = None
    if build.returncode == 0:
        site = measure_site(site_dir, ids)
        search = pagefind_payloads(site_dir, queries)
    else:
        _say(f"[{label}] build FAILED ({build.returncode}):\n{build.output[-3000:]}")
    if both_build.returncode == 0:
        both_site = measure_site(both_dir, ids)
    else:
        _say(f"[{label}] build of both languages FAILED ({both_build.returncode}):\n{both_build.output[-3000:]}")
    if floor_build.returncode == 0:
        floor_site = measure_site(floor_site_dir, ids)
        floor_search = material_payload(floor_site_dir)
    else:
        _say(f"[{label}] floor build FAILED ({floor_build.returncode}):\n{floor_build.output[-3000:]}")
    for folder in (site_dir, both_dir, floor_site_dir, work / f"floor-{label}"):
        shutil.rmtree(folder, ignore_errors=True)
    return SizeResult(
        label, len(ids), build, site, search, floor_build, floor_site, floor_search, queries, len(builds), both_build, both_site
    )


def measure_validation(clusters_yaml: Path, runs: int = 3) -> Validation:
    samples = []
    count = 0
    for _ in range(runs):
        started = time.perf_counter()
        catalogue = load_catalogue(clusters_yaml)
        samples.append(time.perf_counter() - started)
        count = len(catalogue.clusters)
    return Validation(count, samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,500,5000", help="comma-separated: real and/or cluster counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat-small", type=int, default=3, help="builds of each kind up to 500 clusters (fastest counts)")
    parser.add_argument("--repeat-large", type=int, default=1, help="builds of each kind above 500 clusters")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md as it is")
    parser.add_argument("--stress-base", type=int, default=200, help="clusters in the stress section's base catalogue")
    parser.add_argument("--no-stress", action="store_true", help="skip the stress section (each collection ×10)")
    parser.add_argument(
        "--only", default="", help="comma-separated subset of validation,serve: measure only these, print, write nothing"
    )
    args = parser.parse_args(argv)
    only = {part.strip() for part in args.only.split(",") if part.strip()}
    if only - {"validation", "serve"}:
        parser.error(f"--only takes validation and/or serve, not {', '.join(sorted(only - {'validation', 'serve'}))}")
    if only:
        args.no_write = args.no_stress = True
        args.no_serve = "serve" not in only
        if "validation" not in only:
            args.sizes = ""
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]

    started = time.perf_counter()
    context = report.machine_context()
    results: list[SizeResult] = []
    validation: Validation | None = None
    serve: ServeResult | None = None
    with tempfile.TemporaryDirectory(prefix="kk-bench-") as tmp:
        work = Path(tmp)
        data_for: dict[int, Path] = {}
        for size in sizes:
            if size == "real":
                if only:
                    continue
                results.append(run_size("real", ROOT / "data" / "clusters.yaml", work, args.repeat_small))
                continue
            n = int(size)
            _say(f"[{n}] writing a synthetic catalogue (seed {args.seed}) …")
            data_for[n] = write_catalogue(work / f"data-{n}", n, args.seed)
            if only:
                continue
            results.append(run_size(str(n), data_for[n], work, args.repeat_small if n <= 500 else args.repeat_large))
        largest = max(data_for, default=None)
        if largest is not None:
            _say(f"validating {largest} clusters (in-process, best of 3) …")
            validation = measure_validation(data_for[largest])
        if not args.no_serve:
            _say("timing the mkdocs serve rebuild on the real catalogue …")
            try:
                serve = measure_serve()
            except RuntimeError as error:
                _say(f"serve measurement failed: {error}")
    context["duration"] = time.perf_counter() - started
    context["load_after"] = os.getloadavg()

    if only:
        load = lambda values: ", ".join(f"{x:.2f}" for x in values)  # noqa: E731
        _say(f"load average before {load(context['load_before'])}, after {load(context['load_after'])}")
        if validation is not None:
            samples = ", ".join(f"{s:.2f}" for s in validation.samples)
            _say(f"validation of {validation.clusters:,} clusters: best {validation.best:.2f} s (runs: {samples} s)")
        if serve is not None:
            samples = ", ".join(f"{s:.2f}" for s in serve.samples)
            builds = ", ".join(f"{s:.2f}" for s in serve.builds)
            _say(f"serve rebuild, real data: median {serve.median:.2f} s (samples: {samples} s; MkDocs reports {builds} s)")
        return 0
    text = report.render(results, validation, serve, context)
    print()
    print(text)
    if not args.no_write:
        report.write(ROOT / "BENCHMARKS.md", text)
        _say(f"wrote {ROOT / 'BENCHMARKS.md'}")
    failed = [r.label for r in results if r.build.returncode or r.both_build.returncode or r.floor_build.returncode]
    if not args.no_stress:
        stress_argv = ["--base", str(args.stress_base)] + (["--no-write"] if args.no_write else [])
        if stress.main(stress_argv):
            failed.append("stress")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
