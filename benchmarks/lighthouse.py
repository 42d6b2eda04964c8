"""Lighthouse mobile performance of the built site (`make lighthouse`).

The site is served the way GitHub Pages serves it (gzip for text, 404.html for a missing
path) from 127.0.0.1, and Lighthouse 12 (tools/lighthouse, pinned, npm) drives Debian's
Chromium with its default mobile settings (emulated phone, simulated slow 4G, 4× CPU
slowdown). Scores vary with the machine's load: each page is run several times and the
median is reported, with the load average before and after.

    python -m benchmarks.lighthouse [--site DIR] [--runs N] [PATH ...]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .measure import ROOT

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
PAGES = ["", "klynger/", "klynger/robocluster/", "temaer/energi/", "sog/"]
_GZIP = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs"}


class _PagesHandler(SimpleHTTPRequestHandler):
    """Static files with gzip for text types, as GitHub Pages sends them."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}

    def send_head(self):  # noqa: D401 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in _GZIP and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            if os.path.isdir(self.translate_path(self.path)) and not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, format, *args):  # noqa: A002
        pass


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(root)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    return httpd, f"http://{host}:{port}/"


def run_once(url: str, out: Path, cpu_slowdown: float | None = None) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROME}
    calibration = [f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}"] if cpu_slowdown else []
    subprocess.run(
        [
            str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", f"--output-path={out}", *calibration,
            "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
            "--disable-component-update --no-first-run",
        ],
        env=env, check=True, timeout=300,
    )
    report = json.loads(out.read_text("utf-8"))
    audits = report["audits"]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "si": audits["speed-index"]["numericValue"],
        # Lighthouse's measure of the host's speed: its default 4× CPU slowdown assumes a fast
        # desktop; a busy or slow host scores lower, and its TBT is inflated accordingly.
        "benchmark": report["environment"]["benchmarkIndex"],
    }


def figures_pages() -> list[str]:
    """/tal/, the catalogue over time and one page per table of the real catalogue."""
    from klyngekatalog.catalogue import load_catalogue

    tables = load_catalogue(ROOT / "data" / "clusters.yaml").tables
    return ["tal/", "tal/kataloget/", *(f"tal/{table.id}/" for table in tables)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cpu-slowdown", type=float, help="instead of Lighthouse's 4× (calibration for a slow host)")
    parser.add_argument("--figures", action="store_true", help="every figures page (/tal/ and below) instead of the default pages")
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args(argv)
    if args.figures:
        args.pages = figures_pages()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: npm ci --prefix tools/lighthouse (make lighthouse does)", file=sys.stderr)
        return 1
    httpd, origin = serve(args.site)
    load_before = os.getloadavg()[0]
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for page in args.pages:
                runs = [run_once(origin + page, Path(tmp) / "report.json", args.cpu_slowdown) for _ in range(args.runs)]
                median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
                rows.append((page, [r["score"] for r in runs], median))
                print(
                    f"/{page:<24} scores {', '.join(str(r['score']) for r in runs):<12} median {median['score']:>4.0f}  "
                    f"FCP {median['fcp'] / 1000:.1f} s  LCP {median['lcp'] / 1000:.1f} s  "
                    f"TBT {median['tbt']:.0f} ms  CLS {median['cls']:.3f}  SI {median['si'] / 1000:.1f} s  "
                    f"benchmarkIndex {median['benchmark']:.0f}",
                    flush=True,
                )
    finally:
        httpd.shutdown()
    print(f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
