"""Fixtures and helpers for the browser tests (tests/test_browser.py).

The site is built once per session (tests/sitebuild.py's `real_site`, shared with the build
tests), served from a local HTTP server thread, and driven with Playwright in Debian's
Chromium (/usr/bin/chromium; `make test` installs it through scripts/install-chromium).
Playwright's own browser download is never used.

Every page a test opens is watched from the first request on: console errors, uncaught
exceptions and any request that leaves the site are collected, and `Visit.check()` asserts
that there were none, that axe-core finds no serious or critical violation, and that the
page does not scroll sideways at phone width. It also saves screenshots to /tmp/kk-shots/.
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from sitebuild import real_site  # noqa: F401  (a fixture; the build is shared with test_build.py)

CHROMIUM = Path("/usr/bin/chromium")
# Keep Chromium quiet and local: no GPU (headless, containers), and none of its own
# background traffic (component updates, sync, QUIC probes) that could reach the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SHOTS = Path(os.environ.get("KK_SHOTS", "/tmp/kk-shots"))

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 375, "height": 740},
}
BLOCKING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 10_000


# --- the site over HTTP -------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    # The served site is static, so an extension map is all the server has to get right:
    # Pagefind's .pagefind/.pf_* files are binary, and wasm needs its own type to stream.
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@dataclass
class SiteServer:
    root: Path
    httpd: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.origin + "/" + path.lstrip("/")

    @classmethod
    def start(cls, root: Path) -> "SiteServer":
        handler = functools.partial(_QuietHandler, directory=str(root))
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        httpd.daemon_threads = True
        thread = threading.Thread(target=httpd.serve_forever, name="kk-site-server", daemon=True)
        thread.start()
        return cls(root, httpd, thread)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_server(real_site) -> Iterator[SiteServer]:  # noqa: F811
    server = SiteServer.start(real_site.require().root)
    yield server
    server.stop()


# --- the browser --------------------------------------------------------------------------


# One Playwright and one Chromium for the session, however many test modules import the
# fixture (pytest makes a session fixture per importing module; a second sync Playwright in
# the same thread fails).
_shared: dict = {"users": 0}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-chromium (make test does)")
    from playwright.sync_api import sync_playwright

    if not _shared["users"]:
        _shared["playwright"] = sync_playwright().start()
        _shared["browser"] = _shared["playwright"].chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if not _shared["users"]:
            _shared.pop("browser").close()
            _shared.pop("playwright").stop()


@dataclass
class Visit:
    """One browser tab at one viewport, watched for errors and for requests off the site."""

    page: object  # playwright.sync_api.Page
    origin: str
    viewport: str
    scheme: str = "light"
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    shots: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        self.page.on("request", self._on_request)

    def _on_console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            where = f" ({location.get('url')}:{location.get('lineNumber')})" if location.get("url") else ""
            self.console_errors.append(f"console.error: {message.text}{where}")

    def _on_request(self, request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:")) or url == self.origin or url.startswith(self.origin + "/"):
            return
        self.foreign_requests.append(url)

    @property
    def width(self) -> int:
        return VIEWPORTS[self.viewport]["width"]

    def url(self, path: str) -> str:
        return self.origin + "/" + path.lstrip("/")

    def goto(self, path: str) -> None:
        response = self.page.goto(self.url(path), wait_until="load")
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        self.settle()

    def settle(self) -> None:
        """Wait until the page and its scripts have finished loading (Material's bundle runs
        after `load`; Pagefind fetches its index fragments afterwards)."""
        self.page.wait_for_load_state("networkidle")

    # -- the checks every visited page must pass --------------------------------------------

    def axe_violations(self) -> list[dict]:
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        # Colours are judged at rest: on a loaded machine a tab can still be fading in (Material's
        # transitions), and axe would read its contrast half-way.
        self.page.evaluate(
            """() => Promise.all(document.getAnimations()
                 .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                 .map((a) => a.finished.catch(() => null)))"""
        )
        results = self.page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
        return json.loads(results)["violations"]

    def horizontal_overflow(self) -> dict | None:
        """The page's scroll width if it scrolls sideways, with the widest offenders."""
        return self.page.evaluate(
            """(limit) => {
              const width = document.documentElement.scrollWidth;
              if (width <= limit) return null;
              const wide = [];
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > limit && r.width > 0) {
                  // Report the outermost offender only (its children overflow with it).
                  let p = el.parentElement, inside = false;
                  while (p) { if (wide.includes(p)) { inside = true; break; } p = p.parentElement; }
                  if (!inside) wide.push(el);
                }
              }
              const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
                ' right=' + Math.round(el.getBoundingClientRect().right);
              return {scrollWidth: width, offenders: wide.slice(0, 8).map(describe)};
            }""",
            self.width + 1,
        )

    def screenshot(self, name: str) -> list[Path]:
        """Two shots: the first screen (what a visitor sees on arrival, readable at full size)
        and the whole page (`-full`)."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        stem = f"{_slug(name)}-{self.viewport}" + ("" if self.scheme == "light" else f"-{self.scheme}")
        first = SHOTS / f"{stem}.png"
        whole = SHOTS / f"{stem}-full.png"
        self.page.screenshot(path=str(first))
        # Chromium leaves content-visibility:auto content off screen unpainted in a capture
        # (the table's phone cards, tabel.css), which a visitor sees by scrolling: paint it all.
        painted = self.page.add_style_tag(content="* { content-visibility: visible !important; }")
        self.page.screenshot(path=str(whole), full_page=True)
        painted.evaluate("(style) => style.remove()")
        self.shots += [first, whole]
        return [first, whole]

    def check(self, name: str) -> None:
        """Screenshot the current page as `name` and assert every site-wide rule on it."""
        self.screenshot(name)
        problems = []
        if self.console_errors:
            problems.append("console errors:\n  " + "\n  ".join(self.console_errors))
        if self.foreign_requests:
            problems.append("requests off the site:\n  " + "\n  ".join(self.foreign_requests))
        blocking = [v for v in self.axe_violations() if v.get("impact") in BLOCKING_IMPACTS]
        if blocking:
            problems.append("axe-core violations:\n  " + "\n  ".join(format_violation(v) for v in blocking))
        if self.viewport == "phone" and (overflow := self.horizontal_overflow()):
            problems.append(
                f"the page scrolls sideways at {self.width} px (scrollWidth {overflow['scrollWidth']}); widest: "
                + ", ".join(overflow["offenders"])
            )
        assert not problems, f"{name} at {self.viewport}, {self.scheme} ({self.page.url}):\n" + "\n".join(problems)


def format_violation(violation: dict) -> str:
    nodes = violation.get("nodes", [])
    targets = "; ".join(" ".join(map(str, n.get("target", []))) for n in nodes[:5])
    more = f" (+{len(nodes) - 5} more)" if len(nodes) > 5 else ""
    summary = nodes[0].get("failureSummary", "").replace("\n", " ") if nodes else ""
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} — {targets}{more}. {summary}"


def _slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "page"


@pytest.fixture
def open_visit(browser, site_server):
    """open_visit(viewport, scheme="light") -> a fresh Visit in its own browser context (no
    state leaks between tests). `scheme` is the visitor's system setting, which Material's
    palette follows: "light" (the default scheme) or "dark" (slate)."""
    contexts = []

    def open_(viewport: str, scheme: str = "light") -> Visit:
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="da-DK", color_scheme=scheme)
        contexts.append(context)
        # A request off the site is recorded by the Visit (and fails the check); aborting it
        # as well keeps the tests off the network whatever the page tries.
        origin = site_server.origin
        context.route(lambda url: not (url == origin or url.startswith(origin + "/")), lambda route: route.abort())
        return Visit(context.new_page(), site_server.origin, viewport, scheme)

    yield open_
    for context in contexts:
        context.close()
