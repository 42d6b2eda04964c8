"""Measurements: a build (wall time, peak memory), a built site (page sizes), and the search
payload a visitor downloads before the first result."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from klyngekatalog.translations import FIRST_LANGUAGE, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
PROBE = Path(__file__).resolve().parent / "pagefind_probe.mjs"


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # `make bench` exports the real catalogue's path; each build names its own (and its languages).
    env.pop("KLYNGEKATALOG_DATA", None)
    env.pop("KLYNGEKATALOG_LANGUAGES", None)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner
    env["DISABLE_MKDOCS_2_WARNING"] = "true"  # properdocs' banner (it ignores the variable above)
    env.update(extra)
    return env


# --- builds ----------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the build and every process it waited for
    peak_rss_mb: float  # the largest resident set of any process of the build (mkdocs, pagefind)
    returncode: int
    output: str


def run_build(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 900) -> Build:
    """Run one build as a child and wait for it with wait4, which returns that child's own
    resource usage: its ru_maxrss covers the child and the descendants it waited for
    (Pagefind's binary), with nothing left over from earlier builds of this process."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        # A hung build is stopped: its whole process group, which this process started.
        watchdog = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL))
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return Build(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, output)


def build_catalogue_site(clusters_yaml: Path, site_dir: Path, languages: str | None = None) -> Build:
    """What `make build` runs (strict), into `site_dir`; --quiet only keeps the log short.
    `languages`: KLYNGEKATALOG_LANGUAGES (e.g. "da" for the Danish edition alone); None: all."""
    args = [str(MKDOCS), "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    extra = {"KLYNGEKATALOG_LANGUAGES": languages} if languages else {}
    return run_build(args, ROOT, child_env(KLYNGEKATALOG_DATA=str(clusters_yaml.resolve()), **extra))


def build_floor_site(config: Path, site_dir: Path) -> Build:
    args = [str(MKDOCS), "build", "--strict", "--quiet", "-f", str(config), "--site-dir", str(site_dir)]
    return run_build(args, config.parent, child_env())


# --- sites -----------------------------------------------------------------------------


@dataclass
class Site:
    pages: int
    cluster_pages: int
    median_cluster_page: int  # bytes
    median_page: int
    largest_page: int
    largest_page_url: str
    total_bytes: int
    files: int
    # The median cluster page per language built (the first language's is median_cluster_page).
    median_cluster_page_by_language: dict[str, int] = field(default_factory=dict)


def measure_site(site_dir: Path, cluster_ids: set[str]) -> Site:
    """Sizes of the built site. Cluster pages are /klynger/<id>/ of the catalogue's own ids
    (not the small redirect pages that former names get); another language's are below its
    folder (/en/klynger/<id>/)."""
    html: dict[str, int] = {}
    total = files = 0
    for path in site_dir.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            files += 1
            if path.suffix == ".html":
                html[path.relative_to(site_dir).as_posix()] = size
    by_language = {}
    for language in LANGUAGES:
        prefix = "" if language == FIRST_LANGUAGE else f"{language}/"
        pages = [html[f"{prefix}klynger/{cid}/index.html"] for cid in cluster_ids if f"{prefix}klynger/{cid}/index.html" in html]
        if pages:
            by_language[language] = int(statistics.median(pages))
    clusters = [html[f"klynger/{cid}/index.html"] for cid in cluster_ids if f"klynger/{cid}/index.html" in html]
    largest = max(html, key=html.get)
    return Site(
        pages=len(html),
        cluster_pages=len(clusters),
        median_cluster_page=int(statistics.median(clusters)) if clusters else 0,
        median_page=int(statistics.median(html.values())),
        largest_page=html[largest],
        largest_page_url="/" + largest.removesuffix("index.html"),
        total_bytes=total,
        files=files,
        median_cluster_page_by_language=by_language,
    )


# --- search payload --------------------------------------------------------------------


def transfer_size(path: Path) -> int:
    """Bytes over the wire with gzip (level 6, gzip's default). Pagefind writes its index,
    fragments and wasm already gzip-compressed; those go out as they are."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        return len(raw)
    return len(gzip.compress(raw, compresslevel=6, mtime=0))


@dataclass
class Payload:
    query: str
    results: int
    files: dict[str, int] = field(default_factory=dict)  # path under the bundle → gzip bytes

    @property
    def total(self) -> int:
        return sum(self.files.values())


# What the search page loads before Pagefind itself fetches anything: docs/assets/sog.js (our
# small search UI, on every page with the other extra_javascript) imports pagefind.js, which
# (in a browser with workers, i.e. every current one) starts pagefind-worker.js.
PAGEFIND_STATIC = ("pagefind.js", "pagefind-worker.js")
SITE_STATIC = ("assets/sog.js",)
SEARCH_UI = Path(__file__).resolve().parent.parent / "docs" / "assets" / "sog.js"


def search_terms(query: str) -> str:
    """The query as the site's search UI sends it to Pagefind: without the stop words listed
    in docs/assets/sog.js (each would fetch an index chunk and narrow nothing)."""
    stop = set(re.findall(r'"([^"]+)"', re.search(r"var STOP = \[(.*?)\];", SEARCH_UI.read_text("utf-8")).group(1)))
    words = query.split()
    kept = [w for w in words if w.lower() not in stop]
    return " ".join(kept or words)


def pagefind_payloads(site_dir: Path, queries: list[str]) -> list[Payload] | None:
    """One payload per query, each for a first visit (nothing cached): the static files,
    what start-up fetches, the index chunks the query needs and the fragments of the first
    five results, as the site's own pagefind.js fetches them. None without Node.js."""
    bundle = site_dir / "pagefind"
    node = shutil.which("node")
    if node is None:
        return None
    payloads = []
    for query in queries:
        # A new process per query: a first visit, with no chunk loaded by an earlier query.
        result = subprocess.run([node, str(PROBE), str(bundle), search_terms(query)], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"pagefind probe failed:\n{result.stderr}")
        probe = json.loads(result.stdout)
        seen = probe["queries"][search_terms(query)]
        payload = Payload(query, seen["results"])
        for name in SITE_STATIC:
            payload.files[name] = transfer_size(site_dir / name)
        for name in (*PAGEFIND_STATIC, *probe["startup"], *seen["files"]):
            payload.files.setdefault(name, transfer_size(bundle / name))
        payloads.append(payload)
    return payloads


def material_payload(site_dir: Path, language: str = "da") -> Payload:
    """Material's search downloads the whole index (search/search_index.json) into its web
    worker, with lunr's stemmer support and the language's stemmer, before any result."""
    scripts = site_dir / "assets" / "javascripts"
    names = ["search/search_index.json"]
    names += [p.relative_to(site_dir).as_posix() for p in sorted((scripts / "workers").glob("search.*.min.js"))]
    names += [f"assets/javascripts/lunr/min/lunr.stemmer.support.min.js", f"assets/javascripts/lunr/min/lunr.{language}.min.js"]
    payload = Payload("(any query)", 0)
    for name in names:
        payload.files[name] = transfer_size(site_dir / name)
    return payload
