"""The built site in a real browser (Debian's Chromium through Playwright), at desktop and
phone width: the table's sorting and filtering, the Pagefind search, and the pages a visitor
reads. Every page a test lands on must also pass `Visit.check()` (tests/browser_support.py):
no console error, no request off the site, no serious or critical axe-core violation, no
sideways scrolling at 375 px. Screenshots go to /tmp/kk-shots/.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from browser_support import VIEWPORTS, Visit, browser, open_visit, real_site, site_server  # noqa: F401
from sitebuild import DATA

pytestmark = pytest.mark.browser

BOTH = pytest.mark.parametrize("viewport", list(VIEWPORTS))


@lru_cache(maxsize=1)
def catalogue():
    from klyngekatalog.catalogue import load_catalogue

    return load_catalogue(DATA / "clusters.yaml")


@lru_cache(maxsize=1)
def latest_themes() -> dict[str, list[str]]:
    """Each cluster's themes in its latest placement: what /klynger/ files it under."""
    from klyngekatalog.views import Index

    index = Index(catalogue())
    return {cluster.id: index.latest_themes(cluster) for cluster in catalogue().clusters}


def cluster_name(cluster_id: str) -> str:
    return catalogue().cluster_by_id[cluster_id].name


# --- helpers for the pages --------------------------------------------------------------


def headings(visit: Visit, selector: str) -> list[str]:
    """Text of the headings matching `selector`, without the permalink sign (¶) that the
    Markdown pages add."""
    return visit.page.eval_on_selector_all(
        selector,
        """els => els.map((h) => [...h.childNodes]
              .filter((n) => !(n.classList && n.classList.contains('headerlink')))
              .map((n) => n.textContent).join('').trim())""",
    )


def title(visit: Visit) -> str:
    (h1,) = headings(visit, "article h1")
    return h1


def table_state(visit: Visit) -> dict:
    """The /klynger/ table as shown: visible rows in order, and the count text."""
    return visit.page.evaluate(
        """() => {
          const table = document.querySelector('[data-kk-table]');
          const rows = [...table.tBodies[0].rows];
          const visible = rows.filter((row) => !row.hidden && row.offsetParent !== null);
          const id = (row) => (row.cells[0].querySelector('a').getAttribute('href').match(/klynger\\/([^/]+)\\/?$/) || [])[1];
          return {
            total: rows.length,
            rows: visible.map((row) => ({id: id(row), name: row.cells[0].textContent.trim(),
                                         themes: (row.dataset.themes || '').split(' ').filter(Boolean)})),
            count: document.querySelector('[data-kk-count]').textContent.trim(),
          };
        }"""
    )


def open_table(visit: Visit) -> dict:
    visit.goto("klynger/")
    # tabel.js marks the table once its rows are in place and the controls are wired.
    visit.page.wait_for_selector("[data-kk-table][data-kk-ready]", state="attached")
    return table_state(visit)


def sort_by_name(visit: Visit, direction: str) -> dict:
    """Click the Navn header until the table is sorted `direction` ("ascending"/"descending")."""
    header = visit.page.locator("[data-kk-table] th", has=visit.page.locator("button[data-kk-sort='0']"))
    for _ in range(3):
        if header.get_attribute("aria-sort") == direction:
            return table_state(visit)
        header.locator("button").click()
    raise AssertionError(f"Navn never became {direction}: aria-sort={header.get_attribute('aria-sort')!r}")


def search_results(visit: Visit) -> list[dict]:
    """Wait for the results on /sog/, load all of them, and return [{title, href}].

    Results arrive in pages of ten ("Vis flere resultater"); each page is drawn once all its
    fragments have arrived, so this waits until every result the status line counts is shown."""
    page = visit.page
    status = "[data-kk-search-status]"
    page.wait_for_function(
        f"() => /^(\\d+ resultat|Ingen resultater)/.test(document.querySelector('{status}')?.textContent.trim() || '')",
        timeout=15_000,
    )
    text = page.locator(status).inner_text().strip()
    total = 0 if text.startswith("Ingen") else int(text.split()[0])
    more = page.locator("[data-kk-search-more]")
    items = "[data-kk-search-results] li"
    for _ in range(100):  # "Vis flere resultater" adds ten results per click
        page.wait_for_function(
            f"() => document.querySelectorAll('{items}').length >= Math.min({total}, 10)", timeout=15_000
        )
        if not more.is_visible():
            break
        shown = page.locator(items).count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('{items}').length > {shown}", timeout=15_000)
    page.wait_for_function(f"() => document.querySelectorAll('{items}').length === {total}", timeout=15_000)
    visit.settle()
    return page.eval_on_selector_all(
        f"{items} h2 a",
        "links => links.map((a) => ({title: a.textContent.trim(), href: a.getAttribute('href')}))",
    )


def result_ids(results: list[dict]) -> list[str]:
    return [m.group(1) for r in results if (m := re.search(r"/klynger/([^/]+)/", r["href"]))]


# --- pages ------------------------------------------------------------------------------


@BOTH
def test_home(open_visit, viewport):
    visit = open_visit(viewport)
    visit.goto("")
    page = visit.page
    assert title(visit) == "Klyngekataloget"
    numbers = page.locator(".kk-headline strong").all_inner_texts()
    assert numbers[0] == str(len(catalogue().clusters)), numbers
    assert all(n.isdigit() and int(n) > 0 for n in numbers), numbers
    # The header search is there to be used on every width.
    assert page.locator("#kk-q").is_visible()
    visit.check("home")


@BOTH
def test_cluster_table_sorts_by_name(open_visit, viewport):
    visit = open_visit(viewport)
    initial = open_table(visit)
    assert initial["total"] == len(catalogue().clusters)
    descending = sort_by_name(visit, "descending")
    ascending = sort_by_name(visit, "ascending")
    names_up = [row["name"] for row in ascending["rows"]]
    names_down = [row["name"] for row in descending["rows"]]
    assert descending["rows"][0] != ascending["rows"][0], "sorting by name did not change the first row"
    assert names_down == names_up[::-1]
    # Danish order (Intl.Collator "da": æ, ø, å last), checked in the browser that sorted it.
    expected = visit.page.evaluate(
        "(names) => [...names].sort(new Intl.Collator('da', {numeric: true, sensitivity: 'base'}).compare)",
        names_up,
    )
    assert names_up == expected
    assert len(names_up) == initial["total"]
    visit.check("klynger-sorteret")


@BOTH
def test_cluster_table_filters_by_theme(open_visit, viewport):
    visit = open_visit(viewport)
    initial = open_table(visit)
    total = initial["total"]
    assert initial["count"] == f"{total} af {total} klynger"
    visit.page.select_option("[data-kk-filter-theme]", "foedevarer")
    state = table_state(visit)
    shown = {row["id"] for row in state["rows"]}
    assert all("foedevarer" in row["themes"] for row in state["rows"]), state["rows"]
    expected = {cid for cid, themes in latest_themes().items() if "foedevarer" in themes}
    assert shown == expected
    assert {"foodnetwork", "danish-food-cluster"} <= shown
    assert 0 < len(shown) < total
    assert state["count"] == f"{len(shown)} af {total} klynger"
    visit.check("klynger-foedevarer")


@BOTH
def test_cluster_table_filter_finds_alias(open_visit, viewport):
    visit = open_visit(viewport)
    open_table(visit)
    alias = "Offshore Center Danmark"
    assert alias in catalogue().cluster_by_id["offshoreenergy-dk"].aliases
    assert alias.lower() not in cluster_name("offshoreenergy-dk").lower()
    visit.page.fill("[data-kk-filter-text]", alias)
    state = table_state(visit)
    assert [row["id"] for row in state["rows"]] == ["offshoreenergy-dk"], state["rows"]
    assert state["count"].startswith("1 af ")
    visit.check("klynger-alias")


@BOTH
def test_cluster_page(open_visit, viewport):
    visit = open_visit(viewport)
    visit.goto("klynger/robocluster/")
    page = visit.page
    assert title(visit) == cluster_name("robocluster")
    sections = headings(visit, "article h2")
    assert {"Formål", "Fakta", "Cases", "Nævnt i kilderne"} <= set(sections), sections
    assert page.locator("article a.kk-chip[href*='temaer/produktion/']").count() >= 1
    visit.check("klynge-robocluster")


@BOTH
def test_theme_page(open_visit, viewport):
    visit = open_visit(viewport)
    visit.goto("temaer/foedevarer/")
    page = visit.page
    assert title(visit) == "Fødevarer"
    linked = page.eval_on_selector_all("article a[href*='klynger/']", "links => links.map((a) => a.href)")
    for cluster_id in ("foodnetwork", "danish-food-cluster", "vifu"):
        assert any(f"/klynger/{cluster_id}/" in href for href in linked), cluster_id
    visit.check("tema-foedevarer")


@BOTH
def test_certifications_page(open_visit, viewport):
    visit = open_visit(viewport)
    visit.goto("certificeringer/")
    page = visit.page
    assert title(visit) == "Certificeringer"
    for level in ("guld", "soelv", "bronze"):
        assert page.locator(f"article h2#{level}").count() == 1, level
    gold = page.eval_on_selector_all(
        "article h2#guld ~ ul.kk-columns a", "links => links.map((a) => a.getAttribute('href'))"
    )
    assert any("klynger/offshoreenergy-dk/" in href for href in gold), gold
    visit.check("certificeringer")


def figures_paths() -> list[str]:
    """Every page under /tal/: the overview, the catalogue over time and one per source table."""
    return ["tal/", "tal/kataloget/", *(f"tal/{table.id}/" for table in catalogue().tables)]


FIGURES_LAYOUT = """(viewport) => {
  const tables = [...document.querySelectorAll('article table')].map((t) => {
    const box = t.parentElement.getBoundingClientRect(), r = t.getBoundingClientRect();
    return {overflow: t.scrollWidth > t.clientWidth + 1 || r.right > box.right + 1 || r.right > viewport + 1,
            id: t.className};
  });
  const charts = [...document.querySelectorAll('article svg.kk-graf')].map((svg) => {
    const r = svg.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width, labels: [...svg.querySelectorAll('text')].map((t) => t.textContent),
            label: svg.getAttribute('aria-label') || ''};
  });
  return {tables, charts, elements: document.querySelectorAll('*').length,
          sidebar: [...document.querySelectorAll('.md-sidebar--secondary')].some((el) => el.offsetWidth > 0)};
}"""


@BOTH
@pytest.mark.parametrize("path", figures_paths())
def test_figures_pages_fit(open_visit, viewport, path):
    """No table scrolls sideways, every chart lies within the viewport's width with its axis
    labels (at least 280 px wide on a desktop), the page stays under 1,500 elements, and the
    empty right sidebar is gone."""
    visit = open_visit(viewport)
    visit.goto(path)
    assert title(visit)
    layout = visit.page.evaluate(FIGURES_LAYOUT, visit.width)
    assert layout["tables"] or path == "tal/", "no table on a figures page"
    assert [t for t in layout["tables"] if t["overflow"]] == []
    if path.count("/") == 2 and path != "tal/kataloget/":
        assert layout["charts"], f"no chart on {path}"
    for chart in layout["charts"]:
        assert chart["left"] >= -1 and chart["right"] <= visit.width + 1, chart
        if viewport == "desktop":
            assert chart["width"] >= 280, chart
        else:
            assert chart["width"] >= visit.width * 0.8, chart  # fills the column
        assert len(chart["labels"]) == 3 and all(chart["labels"]), chart
        assert re.search(r"\d{4}: ", chart["label"]), chart
    assert layout["elements"] <= 1500, f"{path}: {layout['elements']} elements"
    assert not layout["sidebar"]
    visit.check(path.strip("/").replace("/", "-"))


def test_figures_chart_value_on_hover_and_focus(open_visit):
    visit = open_visit("desktop")
    visit.goto("tal/klynger-2012-2016/")
    page = visit.page
    row = page.locator("tr#klynger-2012-2016--deltagende-i-alt")
    chart = row.locator("svg.kk-graf")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    page.mouse.move(box["x"] + box["width"] - 20, box["y"] + box["height"] / 2)
    tip = page.locator(".kk-tip")
    assert tip.is_visible()
    assert tip.inner_text().startswith("2016: "), tip.inner_text()
    page.mouse.move(5, 5)
    assert not tip.is_visible()
    chart.focus()
    assert tip.is_visible() and tip.inner_text().startswith("2016: ")
    page.keyboard.press("ArrowLeft")
    assert tip.inner_text().startswith("2015: "), tip.inner_text()
    visit.check("tal-hover")


@pytest.mark.parametrize(
    "anchor, path, fragment",
    [
        ("klynger-2012-2016--deltagende-i-alt", "tal/klynger-2012-2016/", "klynger-2012-2016--deltagende-i-alt"),
        ("innovationsnetvaerk-2007-2012-3", "tal/innovationsnetvaerk-2007-2012/", "innovationsnetvaerk-2007-2012-3"),
        ("pr-liste", "tal/kataloget/", "pr-liste"),
    ],
)
def test_former_figures_anchors_lead_to_the_content(open_visit, anchor, path, fragment):
    """Links into the former one-page /tal/ still arrive: the script follows the anchor."""
    visit = open_visit("desktop")
    visit.goto(f"tal/#{anchor}")
    visit.page.wait_for_url(f"**/{path}#{fragment}")
    assert visit.page.locator(f"[id='{fragment}']").count() == 1
    visit.check("tal-anker")


def test_search_finds_a_figure(open_visit):
    visit = open_visit("desktop")
    visit.goto("sog/?q=16.520")
    hrefs = [r["href"] for r in search_results(visit)]
    assert any("tal/klynger-2012-2016/" in href for href in hrefs), hrefs
    visit.goto("sog/?q=deltagende virksomheder 2016")
    hrefs = [r["href"] for r in search_results(visit)]
    assert any("/tal/" in href for href in hrefs), hrefs


@BOTH
@pytest.mark.parametrize("path", ["temaer/", "cases/", "cases/robocluster-bygger-broer/", "om/"])
def test_other_pages(open_visit, viewport, path):
    """The remaining kinds of page: each renders its heading and passes the site-wide checks."""
    visit = open_visit(viewport)
    visit.goto(path)
    assert title(visit)
    visit.check(path.strip("/").replace("/", "-"))


# One page per kind of colouring the site adds: headline boxes (home), chips and badges (a
# cluster page), links around inline code (/om/), and Pagefind's results.
@pytest.mark.parametrize("path", ["", "klynger/offshoreenergy-dk/", "om/", "sog/?q=fødevarer"])
def test_dark_scheme(open_visit, path):
    """Material switches to its dark scheme when the visitor's system asks for it; the pages
    must stay readable there too (axe's colour-contrast rule above all)."""
    visit = open_visit("desktop", scheme="dark")
    visit.goto(path)
    assert visit.page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    if path.startswith("sog/"):
        search_results(visit)
    visit.check("moerk-" + (path.split("?")[0].strip("/").replace("/", "-") or "forside"))


# --- search (Pagefind) ------------------------------------------------------------------


@BOTH
def test_search_for_a_theme_word(open_visit, viewport):
    visit = open_visit(viewport)
    visit.goto("sog/?q=fødevarer")
    results = search_results(visit)
    ids = result_ids(results)
    for cluster_id in ("foodnetwork", "danish-food-cluster", "vifu"):
        assert cluster_id in ids, f"{cluster_id} not among {ids}"
    assert any("VIFU" in r["title"] for r in results), [r["title"] for r in results]
    visit.check("sog-foedevarer")


def test_search_finds_a_cluster_by_alias(open_visit):
    visit = open_visit("desktop")
    visit.goto("sog/?q=Offshore Center Danmark")
    ids = result_ids(search_results(visit))
    assert ids and ids[0] == "offshoreenergy-dk", ids
    visit.check("sog-alias")


@BOTH
def test_header_search_lands_on_results(open_visit, viewport):
    visit = open_visit(viewport)
    visit.goto("klynger/robocluster/")
    page = visit.page
    box = page.locator("#kk-q")
    box.click()
    box.press_sequentially("VIFU")
    with page.expect_navigation():
        box.press("Enter")
    visit.settle()
    assert re.search(r"/sog/\?q=VIFU$", page.url), page.url
    ids = result_ids(search_results(visit))
    assert ids and ids[0] == "vifu", ids
    visit.check("sog-fra-sidehoved")


def test_instant_navigation_sets_up_table_and_search(open_visit):
    """Material's instant navigation swaps pages without a reload: tabel.js and sog.js must
    still wire up the table and the search (through document$) when reached by a click."""
    visit = open_visit("desktop")
    visit.goto("")
    visit.page.locator(".md-tabs__link", has_text="Klynger").click()
    visit.page.wait_for_url("**/klynger/")
    visit.page.wait_for_selector("[data-kk-table][data-kk-ready]", state="attached")
    visit.settle()
    visit.page.select_option("[data-kk-filter-theme]", "energi")
    state = table_state(visit)
    assert state["rows"] and all("energi" in row["themes"] for row in state["rows"])
    assert state["count"] == f"{len(state['rows'])} af {state['total']} klynger"
    visit.check("klynger-via-faneblad")

    visit.page.locator(".md-tabs__link", has_text="Søg").click()
    visit.page.wait_for_url("**/sog/")
    box = visit.page.locator("#kk-search input")
    box.fill("VIFU")
    ids = result_ids(search_results(visit))
    assert ids and ids[0] == "vifu", ids
    visit.check("sog-via-faneblad")
