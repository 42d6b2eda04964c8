"""The English edition in a real browser: the language switch in the header leads to the same
page in the other language and back, English search finds clusters by English words (its own
Pagefind index, chosen by <html lang>), and the English pages pass every site-wide check
(`Visit.check()`: axe, console, requests, no sideways scrolling on a phone)."""

from __future__ import annotations

import re

import pytest

from browser_support import VIEWPORTS, Visit, browser, open_visit, real_site, site_server  # noqa: F401

pytestmark = pytest.mark.browser

BOTH = pytest.mark.parametrize("viewport", list(VIEWPORTS))

# One page of each kind the switch must keep: a cluster, a theme, the table, a figures page.
SWITCH_PAGES = ["klynger/offshoreenergy-dk/", "temaer/energi/", "klynger/", "tal/kataloget/"]


def switch_language(visit: Visit, lang: str) -> None:
    """Follow the header's link to the page in `lang`."""
    page = visit.page
    link = page.locator(f".md-header a.kk-language[hreflang='{lang}']")
    assert link.is_visible()
    link.click()
    page.wait_for_load_state("load")
    visit.settle()


@BOTH
@pytest.mark.parametrize("path", SWITCH_PAGES)
def test_switch_goes_to_the_same_page_and_back(open_visit, viewport, path):
    visit = open_visit(viewport)
    visit.goto(path)
    assert visit.page.evaluate("document.documentElement.lang") == "da"
    switch_language(visit, "en")
    assert visit.page.url == visit.url("en/" + path), visit.page.url
    assert visit.page.evaluate("document.documentElement.lang") == "en"
    visit.check(f"en-{path}")
    switch_language(visit, "da")
    assert visit.page.url == visit.url(path), visit.page.url
    assert visit.page.evaluate("document.documentElement.lang") == "da"


def english_results(visit: Visit) -> list[str]:
    """The result links on /en/sog/ once the status line counts them."""
    page = visit.page
    page.wait_for_function(
        "() => /^(\\d+ results? for|No results)/.test(document.querySelector('[data-kk-search-status]')?.textContent.trim() || '')",
        timeout=15_000,
    )
    text = page.locator("[data-kk-search-status]").inner_text().strip()
    total = 0 if text.startswith("No") else int(text.split()[0])
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-kk-search-results] li').length >= Math.min({total}, 10)", timeout=15_000
    )
    visit.settle()
    return page.eval_on_selector_all("[data-kk-search-results] li a", "els => els.map((a) => a.getAttribute('href'))")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("wind", {"offshoreenergy-dk"}),
        ("health", {"medicoindustrien", "welfare-tech"}),
        ("food", {"foodnetwork", "danish-food-cluster"}),
    ],
)
def test_english_search_finds_clusters_by_english_words(open_visit, query, expected):
    visit = open_visit("desktop")
    visit.goto(f"en/sog/?q={query}")
    hrefs = english_results(visit)
    ids = {m.group(1) for h in hrefs if (m := re.search(r"/en/klynger/([^/]+)/", h))}
    assert expected & ids, f"{query}: {sorted(ids)}"
    assert all("/en/" in h for h in hrefs), hrefs  # the English index holds English pages only
    visit.check(f"en-sog-{query}")


@BOTH
@pytest.mark.parametrize(
    "path", ["en/", "en/om/", "en/certificeringer/", "en/cases/", "en/temaer/", "en/tal/", "en/cases/havvind-standarder/"]
)
def test_english_pages_pass_the_site_checks(open_visit, viewport, path):
    visit = open_visit(viewport)
    visit.goto(path)
    assert visit.page.evaluate("document.documentElement.lang") == "en"
    visit.check(f"en-page-{path}")


def test_header_search_on_an_english_page_stays_english(open_visit):
    visit = open_visit("desktop")
    visit.goto("en/klynger/robocluster/")
    visit.page.fill("#kk-q", "robot")
    visit.page.press("#kk-q", "Enter")
    visit.page.wait_for_url(re.compile(r"/en/sog/\?q=robot"))
    assert english_results(visit)
