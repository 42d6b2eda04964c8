"""`make serve` with problems in the data: every served page is a Danish page listing them
(FILE:LINE:COL and message, escaped), and the site comes back by itself once the data is
fixed. The server is `mkdocs serve` as `make serve` runs it, on a free local port, with a
copy of the catalogue that the test breaks and fixes."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import Workspace

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
PORTS = range(8160, 8170)
MARKER = "data-kk-error-page"


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8160–8169")


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(url: str, condition, seconds: float = 120) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body = _fetch(url)
        if status and condition(body):
            return status, body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not get there in {seconds} s: {status} {body[:300]!r}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    workspace = Workspace(tmp_path_factory.mktemp("serve") / "data")
    port = _free_port()
    env = {
        **os.environ,
        "KLYNGEKATALOG_DATA": str(workspace.path("clusters.yaml")),
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
    }
    log = (workspace.folder.parent / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [str(MKDOCS), "serve", "--strict", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    try:
        yield workspace, f"http://127.0.0.1:{port}/", log
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


BROKEN = (
    "  - id: test-fejl\n"
    "    name: Testklyngen <b>fed</b>\n"
    "    website: www.test.dk\n"
    "    '<script>alert(1)</script>': x\n"
    "    sources: [pr-2013]\n"
)


def test_errors_are_shown_on_every_page_and_the_site_comes_back(served) -> None:
    workspace, base, log = served
    _wait_for(base, lambda body: "Klyngekataloget" in body and MARKER not in body)
    original = workspace.text("clusters.yaml")

    workspace.append("clusters.yaml", BROKEN)
    status, page = _wait_for(base, lambda body: MARKER in body)
    website_at = workspace.where("clusters.yaml", "www.test.dk")
    key_at = workspace.where("clusters.yaml", "'<script>")
    file = workspace.path("clusters.yaml")
    assert f"{file}:{website_at[0]}:{website_at[1]}</code><br>webadressen skal starte med http:// eller https://" in page
    assert f"{file}:{key_at[0]}:{key_at[1]}</code><br>ukendt felt &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;" in page
    assert "<script>alert(1)</script>" not in page
    assert "Kataloget har 3 fejl" in page  # the website also lacks its source
    # Every page: a hand-written one, and a generated one (not built meanwhile: the 404 page).
    for path in ("om/", "klynger/ve-net/"):
        _, other = _fetch(base + path)
        assert MARKER in other and "webadressen skal starte med http://" in other, path
    # The page reloads itself: MkDocs' live-reload script is in it.
    assert "livereload" in page

    workspace.write("clusters.yaml", original)
    _, fixed = _wait_for(base + "klynger/ve-net/", lambda body: MARKER not in body and "VE-NET" in body)
    assert "md-header" in fixed  # the real site again, in its theme
    log.seek(0)
    output = re.sub(r"\x1b\[[0-9;]*m", "", log.read())
    # The clean rebuild is quiet: no notices about links or anchors that look like errors.
    assert not [line for line in output.splitlines() if "contains a link" in line or "anchor" in line.lower()], output
