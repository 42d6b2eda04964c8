"""Lighthouse's mobile performance score of every figures page (/tal/ and the pages below it).

    python -m benchmarks.lighthouse [--site DIR] [--port 8131] [--runs 3] [--no-write]

Builds the site (unless --site is given), serves it on 127.0.0.1 the way a static host does
(gzip for text, as GitHub Pages sends it), and runs Lighthouse from tools/node_modules
(`npm ci --prefix tools`, which `make test` does) with Debian's Chromium (CHROME_PATH,
headless, no sandbox): the default mobile profile (Moto G-class phone, 4× CPU slowdown,
simulated slow 4G), performance category only. Each page is measured `--runs` times and
the median score counts (the 2-core machine is shared, so single runs scatter). The table
goes into BENCHMARKS.md between the lighthouse markers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from klyngekatalog.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
START, END = "<!-- lighthouse:results:start -->", "<!-- lighthouse:results:end -->"
_TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".mjs")


class _StaticHost(SimpleHTTPRequestHandler):
    """Files from the site folder, text gzip-compressed when the browser accepts it."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in _TEXT
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not self.path.split("?")[0].endswith(("/", *_TEXT))
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)
        return None


def figures_paths(data: Path) -> list[str]:
    catalogue = load_catalogue(data / "clusters.yaml")
    return ["tal/", "tal/kataloget/", *(f"tal/{table.id}/" for table in catalogue.tables)]


def run_lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    command = [
        "node", str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", f"--output-path={out}", "--quiet",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run",
    ]
    subprocess.run(command, env=env, check=True, cwd=ROOT)
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "elements": audits["dom-size"]["numericValue"],
    }


def table(results: dict[str, list[dict]], load_before: tuple[float, ...], load_after: tuple[float, ...]) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    loads = ", ".join(f"{x:.2f}" for x in load_before), ", ".join(f"{x:.2f}" for x in load_after)
    lines = [
        f"Run {when} on {os.cpu_count()} cores; load average before {loads[0]}, after {loads[1]}.",
        "",
        "| page | score (median) | runs | FCP | LCP | TBT | CLS | DOM elements |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for path, runs in results.items():
        best = sorted(runs, key=lambda r: r["score"])[len(runs) // 2]
        lines.append(
            f"| `/{path}` | **{best['score']}** | {', '.join(str(r['score']) for r in runs)} | {best['fcp']:.1f} s | {best['lcp']:.1f} s "
            f"| {best['tbt']:.0f} ms | {best['cls']:.3f} | {best['elements']:.0f} |"
        )
    return "\n".join(lines)


def write_results(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    content = path.read_text(encoding="utf-8")
    start, end = content.index(START) + len(START), content.index(END)
    path.write_text(content[:start] + "\n" + text + "\n" + content[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        print(f"{LIGHTHOUSE} is missing: run `npm ci --prefix tools`", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            built = subprocess.run(["make", "--no-print-directory", "build", f"SITE={site}"], cwd=ROOT, capture_output=True, text=True)
            if built.returncode != 0:
                print(built.stdout + built.stderr, file=sys.stderr)
                return 1
        server = ThreadingHTTPServer(("127.0.0.1", args.port), partial(_StaticHost, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        results: dict[str, list[dict]] = {}
        load_before = os.getloadavg()
        try:
            for path in figures_paths(Path(os.environ.get("KLYNGEKATALOG_DATA", ROOT / "data" / "clusters.yaml")).parent):
                results[path] = []
                for run in range(args.runs):
                    results[path].append(run_lighthouse(f"http://127.0.0.1:{args.port}/{path}", Path(tmp) / f"lh-{run}.json"))
                print(f"/{path}: {[r['score'] for r in results[path]]}", flush=True)
        finally:
            server.shutdown()
    text = table(results, load_before, os.getloadavg())
    print(text)
    if not args.no_write:
        write_results(text)
    return 0 if all(sorted(r["score"] for r in runs)[len(runs) // 2] >= 95 for runs in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
