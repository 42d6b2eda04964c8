"""Time from saving clusters.yaml to the rebuilt page under `mkdocs serve` (as `make serve`).

The server runs in a temporary copy of the project (so its `watch:` folders are the copy's,
and editing the copy's data/ is what a contributor's save is), on 127.0.0.1 with a free port.
Each of five edits renames the first cluster; the time counted runs from the moment the file is
written until the served page of that cluster shows the new name.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from .measure import MKDOCS, ROOT, child_env

_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "klyngekatalog", "data")


@dataclass
class ServeResult:
    samples: list[float]  # seconds from save to the new page, one per edit
    builds: list[float]  # what MkDocs itself reports per rebuild ("Documentation built in …")
    startup: float  # seconds until the first page was served

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def measure_serve(edits: int = 5, budget: float = 60.0) -> ServeResult:
    """Start the server, save `edits` changes one after another, and time each rebuild.
    Everything is bounded by `budget` seconds; the server is stopped in every case."""
    deadline = time.monotonic() + budget
    with tempfile.TemporaryDirectory(prefix="kk-serve-") as tmp:
        project = Path(tmp)
        for part in PROJECT_PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copyfile(source, project / part)
        data = project / "data" / "clusters.yaml"
        first = yaml.safe_load(data.read_text("utf-8"))["clusters"][0]
        port = _free_port()
        url = f"http://127.0.0.1:{port}/klynger/{first['id']}/"
        log = open(project / "serve.log", "wb")
        started = time.monotonic()
        server = subprocess.Popen(
            [str(MKDOCS), "serve", "--strict", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=child_env(KLYNGEKATALOG_DATA=str(data)),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            while _get(url) is None:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("mkdocs serve did not start:\n" + (project / "serve.log").read_text("utf-8", "replace"))
                time.sleep(0.1)
            startup = time.monotonic() - started
            time.sleep(1.0)  # let the watcher settle after the first build
            samples = []
            text = data.read_text("utf-8")
            line = f"    name: {first['name']}\n"
            if text.count(line) != 1:
                raise RuntimeError(f"cannot find the first cluster's name line in {data}")
            for k in range(1, edits + 1):
                marker = f"kk-bench-{k}"
                changed = text.replace(line, f"    name: {first['name']} {marker}\n")
                saved = time.monotonic()
                data.write_text(changed, encoding="utf-8")
                while True:
                    page = _get(url)
                    if page is not None and marker in page:
                        samples.append(time.monotonic() - saved)
                        break
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"no rebuild within the {budget:.0f} s budget")
                    time.sleep(0.02)
                time.sleep(0.5)
            log.flush()
            reported = [float(m) for m in _BUILT.findall((project / "serve.log").read_text("utf-8", "replace"))]
            return ServeResult(samples, reported[1:], startup)
        finally:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            log.close()
