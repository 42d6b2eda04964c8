"""The benchmark's table, its targets and BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .__main__ import SizeResult, Validation
    from .serve import ServeResult

KB = 1024
MB = 1024 * 1024
# Issue 15: both languages cost at most this many times the Danish edition alone.
SECOND_LANGUAGE_LIMIT = 2.1
START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"


def machine_context() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    node = shutil.which("node")
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else "not installed"
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "ram": ram,
        "cpu": cpu,
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "pagefind": version("pagefind"),
        "node": node_version,
        "load_before": os.getloadavg(),
    }


# --- formatting ------------------------------------------------------------------------


def _kb(n: float) -> str:
    return f"{n / KB:,.1f} KB"


def _mb(n: float) -> str:
    return f"{n / MB:,.1f} MB"


def _ratio(value: float | None, floor: float | None) -> str:
    if value is None or not floor:
        return ""
    return f" ({value / floor:.2f}× floor)"


def _cell(value: float | None, floor: float | None, fmt) -> str:
    if value is None:
        return "failed"
    text = fmt(value)
    if floor is not None:
        text += f" · floor {fmt(floor)}" + _ratio(value, floor)
    return text


def _search_total(result: SizeResult) -> int | None:
    return max(p.total for p in result.search) if result.search else None


def _heading(result: SizeResult) -> str:
    return f"real ({result.clusters})" if result.label == "real" else f"{result.clusters:,}"


def results_table(results: list[SizeResult]) -> str:
    rows = [
        ("Build, wall time", lambda r: r.build.seconds, lambda r: r.floor_build.seconds, lambda v: f"{v:.1f} s"),
        ("Build, CPU time (user + sys, all processes)", lambda r: r.build.cpu_seconds, lambda r: r.floor_build.cpu_seconds, lambda v: f"{v:.1f} s"),
        ("Build per cluster page", lambda r: r.build.seconds * 1000 / r.clusters, lambda r: r.floor_build.seconds * 1000 / r.clusters, lambda v: f"{v:.1f} ms"),
        ("Peak memory (largest process)", lambda r: r.build.peak_rss_mb, lambda r: r.floor_build.peak_rss_mb, lambda v: f"{v:.0f} MB"),
        ("Median cluster page (HTML)", lambda r: r.site and r.site.median_cluster_page, lambda r: r.floor_site and r.floor_site.median_cluster_page, _kb),
        ("Largest page (HTML)", lambda r: r.site and r.site.largest_page, lambda r: r.floor_site and r.floor_site.largest_page, _kb),
        ("Total site size", lambda r: r.site and r.site.total_bytes, lambda r: r.floor_site and r.floor_site.total_bytes, _mb),
        ("Search payload before the first result (gzip)", _search_total, lambda r: r.floor_search and r.floor_search.total, _kb),
    ]
    lines = ["| Measure | " + " | ".join(_heading(r) for r in results) + " |", "|---" * (len(results) + 1) + "|"]
    for name, value, floor, fmt in rows:
        lines.append(f"| {name} | " + " | ".join(_cell(value(r), floor(r), fmt) for r in results) + " |")
    largest = " | ".join(f"`{r.site.largest_page_url}`" if r.site else "–" for r in results)
    lines.append(f"| Largest page is | {largest} |")
    pages = " | ".join(f"{r.site.pages:,} · floor {r.floor_site.pages:,}" if r.site and r.floor_site else "–" for r in results)
    lines.append(f"| HTML files | {pages} |")
    return "\n".join(lines)


def targets(results: list[SizeResult], validation: Validation | None, serve: ServeResult | None) -> list[tuple[str, str, str, bool | None]]:
    """(target, measured, limit, met) for each target of issue 4."""
    by = {r.label: r for r in results}
    big, mid, real = by.get("5000"), by.get("500"), by.get("real")
    out: list[tuple[str, str, str, bool | None]] = []

    def add(name: str, measured: str, limit: str, met: bool | None) -> None:
        out.append((name, measured, limit, met))

    if big:
        ratio = big.build.seconds / big.floor_build.seconds
        cpu = big.build.cpu_seconds / big.floor_build.cpu_seconds
        add(
            "Build (5,000), Danish alone, vs floor (one language each)",
            f"{ratio:.2f}× ({big.build.seconds:.1f} s vs {big.floor_build.seconds:.1f} s); CPU time {cpu:.2f}×", "≤ 1.15×", ratio <= 1.15,
        )
        wall, cpu = _second_language(big)
        add(
            "Second language (5,000): both languages / Danish alone",
            f"{wall:.2f}× wall ({big.both_build.seconds:.1f} s vs {big.build.seconds:.1f} s); CPU time {cpu:.2f}× "
            f"({big.both_build.cpu_seconds:.1f} s vs {big.build.cpu_seconds:.1f} s)",
            # CPU time decides: the wall times of two builds minutes apart on a shared machine
            # differ by whatever else ran meanwhile (see "The machine is shared").
            f"≤ {SECOND_LANGUAGE_LIMIT}× (CPU time)", cpu <= SECOND_LANGUAGE_LIMIT,
        )
    if big and mid:
        ratio = big.both_build.seconds / mid.both_build.seconds
        cpu = big.both_build.cpu_seconds / mid.both_build.cpu_seconds
        alone = big.build.seconds / mid.build.seconds
        floor = big.floor_build.seconds / mid.floor_build.seconds
        add(
            "Build (5,000) / build (500), both languages",
            f"{ratio:.1f} ({big.both_build.seconds:.1f} s / {mid.both_build.seconds:.1f} s); CPU time {cpu:.1f}; Danish alone {alone:.1f}; floor {floor:.1f}",
            "≤ 11", ratio <= 11,
        )
    if big and big.site:
        median = big.site.median_cluster_page
        grows = f"; 500: {_kb(mid.site.median_cluster_page)}" if mid and mid.site else ""
        steady = median <= 1.05 * mid.site.median_cluster_page if mid and mid.site else None
        add("Median cluster page (5,000), not growing with N", f"{_kb(median)}{grows}", "≤ 30 KB, ≤ +5 % from 500", median <= 30 * KB and steady is not False)
        add("Largest page (5,000)", f"{_kb(big.site.largest_page)} (`{big.site.largest_page_url}`)", "≤ 1 MB", big.site.largest_page <= MB)
    if big and big.both_site:
        medians = big.both_site.median_cluster_page_by_language
        before = mid.both_site.median_cluster_page_by_language if mid and mid.both_site else {}
        shown = " / ".join(f"{code} {_kb(size)}" for code, size in medians.items())
        then = " / ".join(f"{code} {_kb(size)}" for code, size in before.items())
        steady = all(size <= 1.05 * before[code] for code, size in medians.items() if code in before) if before else None
        add(
            "Median cluster page per language (5,000), both languages built, not growing with N",
            shown + (f"; 500: {then}" if then else ""), "≤ 30 KB, ≤ +5 % from 500",
            bool(medians) and max(medians.values()) <= 30 * KB and steady is not False,
        )
    if big and big.search:
        total = _search_total(big)
        add("Search payload (5,000), gzip", _kb(total), "≤ 300 KB", total <= 300 * KB)
    elif big:
        add("Search payload (5,000), gzip", "not measured (Node.js missing)", "≤ 300 KB", None)
    if validation:
        add(f"Validation of {validation.clusters:,} clusters (best of 3)", f"{validation.best:.2f} s", "≤ 1 s", validation.best <= 1.0)
    if serve:
        worst = max(serve.samples)
        add(f"`mkdocs serve` rebuild, real data (median of {len(serve.samples)})", f"{serve.median:.2f} s (max {worst:.2f} s)", "≤ 2 s", serve.median <= 2.0)
    elif real:
        add("`mkdocs serve` rebuild, real data", "not measured", "≤ 2 s", None)
    return out


def _second_language(result: SizeResult) -> tuple[float, float]:
    """Both languages / the Danish edition alone: wall time, CPU time."""
    return result.both_build.seconds / result.build.seconds, result.both_build.cpu_seconds / result.build.cpu_seconds


def second_language_table(results: list[SizeResult]) -> str:
    def cell(r: SizeResult, alone: float, both: float, fmt) -> str:
        return f"{fmt(alone)} · both {fmt(both)} ({both / alone:.2f}×)" if alone else "–"

    def sites(r: SizeResult, measure, fmt) -> str:
        return f"{fmt(measure(r.site))} · both {fmt(measure(r.both_site))}" if r.site and r.both_site else "–"

    def medians(r: SizeResult) -> str:
        if not r.both_site:
            return "–"
        return " · ".join(f"{code} {_kb(size)}" for code, size in r.both_site.median_cluster_page_by_language.items())

    rows = [
        ("Build, wall time", lambda r: cell(r, r.build.seconds, r.both_build.seconds, lambda v: f"{v:.1f} s")),
        ("Build, CPU time (user + sys, all processes)", lambda r: cell(r, r.build.cpu_seconds, r.both_build.cpu_seconds, lambda v: f"{v:.1f} s")),
        ("Peak memory (largest process)", lambda r: cell(r, r.build.peak_rss_mb, r.both_build.peak_rss_mb, lambda v: f"{v:.0f} MB")),
        ("HTML files", lambda r: sites(r, lambda s: s.pages, lambda v: f"{v:,}")),
        ("Total site size", lambda r: sites(r, lambda s: s.total_bytes, _mb)),
        ("Largest page (HTML)", lambda r: sites(r, lambda s: s.largest_page, _kb)),
        ("Median cluster page per language, both built", medians),
    ]
    lines = ["| Measure | " + " | ".join(_heading(r) for r in results) + " |", "|---" * (len(results) + 1) + "|"]
    for name, value in rows:
        lines.append(f"| {name} | " + " | ".join(value(r) for r in results) + " |")
    return "\n".join(lines)


def targets_table(rows) -> str:
    lines = ["| Target | Measured | Limit | Met |", "|---|---|---|---|"]
    for name, measured, limit, met in rows:
        lines.append(f"| {name} | {measured} | {limit} | {'yes' if met else 'n/a' if met is None else '**NO**'} |")
    return "\n".join(lines)


def search_details(results: list[SizeResult]) -> str:
    lines = []
    for r in results:
        if not r.search:
            continue
        heading = _heading(r)
        for payload in r.search:
            lines.append(f"- **{heading}**, query “{payload.query}” ({payload.results} results): {_kb(payload.total)} — "
                         + ", ".join(f"`{name}` {_kb(size)}" for name, size in payload.files.items()))
        if r.floor_search:
            lines.append(f"- **{heading}**, floor (Material search, any query): {_kb(r.floor_search.total)} — "
                         + ", ".join(f"`{name}` {_kb(size)}" for name, size in r.floor_search.files.items()))
    return "\n".join(lines)


def render(results: list[SizeResult], validation: Validation | None, serve: ServeResult | None, context: dict) -> str:
    c = context
    load_before = ", ".join(f"{x:.2f}" for x in c["load_before"])
    load_after = ", ".join(f"{x:.2f}" for x in c["load_after"])
    parts = [
        f"Run {c['date']} on {c['cores']} cores, {c['ram']} RAM, {c['cpu']}; Python {c['python']}, MkDocs {c['mkdocs']}, "
        f"Material {c['material']}, Pagefind {c['pagefind']}, Node.js {c['node']}. "
        f"Load average before {load_before}, after {load_after}; the whole run took {c['duration'] / 60:.1f} min.",
        "",
        "### Targets",
        "",
        targets_table(targets(results, validation, serve)),
        "",
        "### Builds",
        "",
        "Each cell: the catalogue's site, its Danish edition alone (`KLYNGEKATALOG_LANGUAGES=da`: one language, as the floor) · "
        "the floor (× the floor). KB and MB are 1,024 and 1,024² bytes. "
        "Builds: the fastest of " + ", ".join(f"{r.runs} ({_heading(r)})" for r in results) + " runs of each kind, "
        "Danish alone, both languages and floor alternating; peak memory is the highest of those runs.",
        "",
        results_table(results),
        "",
        "### Second language",
        "",
        "What the English edition costs (issue 15): each cell is the Danish edition alone · both languages (× Danish alone), "
        "the same builds as above. Every text of the synthetic catalogues is translated, as in the real one, so English "
        "pages carry as much text as Danish ones. Median cluster pages are of the build of both languages: "
        "`/klynger/<id>/` (da) and `/en/klynger/<id>/` (en).",
        "",
        second_language_table(results),
        "",
        "### Search payload, file by file",
        "",
        search_details(results) or "Not measured (Node.js is needed to run Pagefind's own search code).",
        "",
    ]
    if validation:
        samples = ", ".join(f"{s:.2f} s" for s in validation.samples)
        parts += ["### Validation", "", f"`load_catalogue` of {validation.clusters:,} synthetic clusters, in-process: {samples}.", ""]
    if serve:
        samples = ", ".join(f"{s:.2f} s" for s in serve.samples)
        builds = ", ".join(f"{s:.2f} s" for s in serve.builds) or "–"
        parts += [
            "### `mkdocs serve`",
            "",
            f"Save → new page served, {len(serve.samples)} edits: {samples}. MkDocs' own “Documentation built in” for the same rebuilds: {builds}. "
            f"First build after start: {serve.startup:.1f} s.",
            "",
        ]
    return "\n".join(parts)


def write(path: Path, text: str) -> None:
    """Replace the results between the markers; keep the hand-written rest of the file."""
    block = f"{START}\n{text.rstrip()}\n{END}"
    if path.exists() and START in (current := path.read_text("utf-8")) and END in current:
        head, rest = current.split(START, 1)
        _, tail = rest.split(END, 1)
        path.write_text(head + block + tail, encoding="utf-8")
    else:
        path.write_text(f"# Benchmarks\n\nResults of `make bench` (written by it).\n\n{block}\n", encoding="utf-8")
