"""Orientation and sharing in a real browser: the active tab and the breadcrumb on generated
pages, the skip link, the site's name in the phone header, the share tags and JSON-LD as a
browser reads them, and the 404 page served the way GitHub Pages serves it, at the root and
under /<repository>/. Every page a test lands on also passes `Visit.check()`.
"""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_support import VIEWPORTS, Visit, browser, open_visit, real_site, site_server  # noqa: F401
from sitebuild import SUBPATH, subpath_site  # noqa: F401

pytestmark = pytest.mark.browser

BOTH = pytest.mark.parametrize("viewport", list(VIEWPORTS))
SECTIONS = [
    ("klynger/robocluster/", "Klynger", "klynger/"),
    ("temaer/energi/", "Fagområder", "temaer/"),
    ("cases/robocluster-bygger-broer/", "Cases", "cases/"),
]


# --- a server that behaves like GitHub Pages ------------------------------------------------


class _PagesHandler(SimpleHTTPRequestHandler):
    """Serves the site under `mount` and answers a missing path with /404.html and status 404."""

    mount = "/"
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "nothing-here")
        return super().translate_path("/" + path[len(self.mount) :])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class PagesServer:
    def __init__(self, root: Path, mount: str):
        handler = type("Handler", (_PagesHandler,), {"mount": mount})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        host, port = self.httpd.server_address[:2]
        self.origin = f"http://{host}:{port}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def root_pages(real_site):  # noqa: F811
    server = PagesServer(real_site.require().root, "/")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def subpath_pages(subpath_site):  # noqa: F811
    server = PagesServer(subpath_site.require().root, SUBPATH)
    yield server
    server.stop()


@pytest.fixture
def visit_server(browser):  # noqa: F811
    """visit_server(server, viewport) -> a Visit of `server` (requests elsewhere are refused)."""
    contexts = []

    def open_(server: PagesServer, viewport: str) -> Visit:
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="da-DK")
        contexts.append(context)
        origin = server.origin
        context.route(lambda url: not (url == origin or url.startswith(origin + "/")), lambda route: route.abort())
        return Visit(context.new_page(), origin, viewport)

    yield open_
    for context in contexts:
        context.close()


# --- orientation --------------------------------------------------------------------------


@pytest.mark.parametrize("path, tab, _", SECTIONS)
def test_section_tab_is_active_on_generated_pages(open_visit, path, tab, _):
    visit = open_visit("desktop")
    visit.goto(path)
    active = visit.page.locator(".md-tabs__item--active")
    assert active.count() == 1
    assert active.inner_text().strip() == tab
    visit.check("fane-" + path.strip("/").replace("/", "-"))


def test_section_tab_after_following_a_link(open_visit):
    visit = open_visit("desktop")
    visit.goto("temaer/")
    visit.page.locator("article a[href$='energi/']").first.click()
    visit.page.wait_for_url("**/temaer/energi/")
    visit.settle()
    assert visit.page.locator(".md-tabs__item--active").inner_text().strip() == "Fagområder"
    assert visit.page.locator("nav.kk-breadcrumb").count() == 1


@BOTH
@pytest.mark.parametrize("path, section, target", SECTIONS)
def test_breadcrumb_leads_back_to_the_section(open_visit, viewport, path, section, target):
    visit = open_visit(viewport)
    visit.goto(path)
    crumb = visit.page.locator("nav.kk-breadcrumb")
    assert crumb.is_visible()
    items = [t.strip() for t in crumb.locator("li").all_inner_texts()]
    heading = visit.page.locator("article h1").inner_text().strip()
    assert items == ["Forside", section, heading]
    assert crumb.get_attribute("aria-label")
    visit.check("broedkrumme-" + path.strip("/").replace("/", "-"))
    crumb.locator("a", has_text=section).click()
    visit.page.wait_for_url(visit.url(target))
    assert visit.page.locator("article h1").count() == 1


@pytest.mark.parametrize("path", ["", "klynger/", "klynger/robocluster/", "temaer/energi/", "tal/", "om/", "sog/"])
def test_skip_link_is_the_first_stop_and_reaches_the_heading(open_visit, path):
    visit = open_visit("desktop")
    visit.goto(path)
    page = visit.page
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert focused, page.evaluate("document.activeElement.outerHTML")
    target = page.evaluate("document.activeElement.hash")
    assert target.startswith("#")
    assert page.locator(f"article h1{target}").count() == 1


@pytest.mark.parametrize("path", ["", "klynger/robocluster/"])
def test_phone_header_names_the_site_and_keeps_search(open_visit, path):
    visit = open_visit("phone")
    visit.goto(path)
    page = visit.page
    name = page.locator(".md-header__topic").first
    assert name.is_visible()
    assert name.inner_text().strip() == "Klyngekataloget"
    box = name.bounding_box()
    # Not cut off: the whole name fits in its box.
    assert page.evaluate("el => el.scrollWidth <= el.clientWidth + 1", name.locator(".md-ellipsis").element_handle())
    assert box and box["x"] + box["width"] <= VIEWPORTS["phone"]["width"]
    assert page.locator("#kk-q").is_visible()
    visit.check("telefon-sidehoved-" + (path.strip("/").replace("/", "-") or "forside"))


# --- sharing --------------------------------------------------------------------------------


def test_share_tags_and_json_ld_as_a_browser_reads_them(open_visit):
    visit = open_visit("desktop")
    visit.goto("klynger/robocluster/")
    head = visit.page.evaluate(
        """() => {
          const m = (sel) => (document.querySelector(sel) || {}).content;
          return {
            canonical: document.querySelector('link[rel=canonical]').href,
            ogTitle: m('meta[property="og:title"]'), ogUrl: m('meta[property="og:url"]'),
            ogImage: m('meta[property="og:image"]'), ogDescription: m('meta[property="og:description"]'),
            twitterCard: m('meta[name="twitter:card"]'), twitterTitle: m('meta[name="twitter:title"]'),
            ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent),
            h1: document.querySelector('article h1').textContent.trim(),
          };
        }"""
    )
    assert head["ogTitle"] == head["twitterTitle"] == head["h1"]
    assert head["ogUrl"] == head["canonical"] and head["canonical"].endswith("/klynger/robocluster/")
    assert head["ogImage"].endswith("/assets/delingsbillede.png")
    assert head["ogDescription"]
    assert head["twitterCard"] == "summary_large_image"
    (ld,) = [json.loads(text) for text in head["ld"]]
    assert ld["@type"] == "Organization" and ld["name"] == head["h1"] and ld["url"] == head["canonical"]


# --- the 404 page ---------------------------------------------------------------------------


def _check_404(visit: Visit, prefix: str) -> None:
    page = visit.page
    response = page.goto(visit.url(prefix + "findes/ikke/her/"), wait_until="load")
    assert response is not None and response.status == 404
    visit.settle()
    assert page.locator("article h1").inner_text().strip() == "Siden findes ikke"
    assert page.title().startswith("Siden findes ikke")
    # Styled: Material's stylesheet and ours loaded (the header is Material's fixed bar, the
    # form our flex row).
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    assert page.evaluate("getComputedStyle(document.querySelector('.kk-notfound-search')).display") == "flex"
    hrefs = page.eval_on_selector_all("article a", "links => links.map((a) => a.pathname)")
    assert prefix + "klynger/" in hrefs and prefix in hrefs
    # Both languages: the English part (lang="en") leads into the English edition.
    assert page.locator("article [lang=en] h2").inner_text().strip() == "Page not found"
    assert prefix + "en/klynger/" in hrefs and prefix + "en/" in hrefs
    # The browser logs the page's own 404 status as an error; any other error still counts.
    missing = visit.url(prefix + "findes/ikke/her/")
    visit.console_errors[:] = [e for e in visit.console_errors if not ("status of 404" in e and f"({missing}:" in e)]
    visit.check("404-" + (prefix.strip("/") or "rod"))
    # The search leads to results, under the same prefix.
    box = page.locator("#kk-404-q")
    box.fill("RoboCluster")
    with page.expect_navigation():
        box.press("Enter")
    visit.settle()
    assert urlsplit(page.url).path == prefix + "sog/"
    page.wait_for_selector(".kk-search-results li", timeout=15_000)
    # And a link leads to a page that exists.
    response = page.goto(visit.url(prefix + "findes-ikke"), wait_until="load")
    assert response.status == 404
    with page.expect_navigation():
        page.locator("article a", has_text="Alle klynger").click()
    assert urlsplit(page.url).path == prefix + "klynger/"
    assert page.locator("article h1").inner_text().strip() == "Alle klynger"


@BOTH
def test_404_page_at_the_root(visit_server, root_pages, viewport):
    _check_404(visit_server(root_pages, viewport), "/")


@BOTH
def test_404_page_under_a_sub_path(visit_server, subpath_pages, viewport):
    _check_404(visit_server(subpath_pages, viewport), SUBPATH)
