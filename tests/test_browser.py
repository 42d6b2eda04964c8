"""The built site in a real browser (Debian's Chromium through Playwright), at desktop and
phone width: the table's sorting and filtering (its filters in the address, its cards on a
phone), the Pagefind search with a set of realistic queries, and the pages a visitor reads.
Every page a test lands on must also pass `Visit.check()` (tests/browser_support.py):
no console error, no request off the site, no serious or critical axe-core violation, no
sideways scrolling at 375 px. Screenshots go to /tmp/kk-shots/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

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
    from klyngekatalog.index import Index

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
    state = visit.page.evaluate(
        """() => {
          const table = document.querySelector('[data-kk-table]');
          const rows = [...table.tBodies[0].rows];
          const visible = rows.filter((row) => !row.hidden && row.offsetParent !== null);
          // .href: resolved (the attribute is relative, e.g. "robocluster/").
          const id = (row) => (row.cells[0].querySelector('a').href.match(/klynger\\/([^/]+)\\/?$/) || [])[1];
          return {
            total: rows.length,
            rows: visible.map((row) => ({id: id(row), name: row.cells[0].textContent.trim()})),
            count: document.querySelector('[data-kk-count]').textContent.trim(),
          };
        }"""
    )
    # The themes /klynger/ files each row under (its latest placement), from the catalogue.
    for row in state["rows"]:
        row["themes"] = latest_themes()[row["id"]]
    return state


def open_table(visit: Visit) -> dict:
    visit.goto("klynger/")
    # tabel.js marks the table once its rows are in place and the controls are wired.
    visit.page.wait_for_selector("[data-kk-table][data-kk-ready]", state="attached")
    return table_state(visit)


def sort_by_name(visit: Visit, direction: str) -> dict:
    """Click the Navn header until the table is sorted `direction` ("ascending"/"descending")."""
    header = visit.page.locator("[data-kk-table] th", has=visit.page.locator("button[data-kk-sort='navn']"))
    for _ in range(3):
        if header.get_attribute("aria-sort") == direction:
            return table_state(visit)
        header.locator("button").click()
    raise AssertionError(f"Navn never became {direction}: aria-sort={header.get_attribute('aria-sort')!r}")


def result_count(visit: Visit) -> int:
    """The number of results /sog/'s status line counts, once it has counted them."""
    status = "[data-kk-search-status]"
    visit.page.wait_for_function(
        f"() => /^(\\d+ resultat|Ingen resultater)/.test(document.querySelector('{status}')?.textContent.trim() || '')",
        timeout=15_000,
    )
    text = visit.page.locator(status).inner_text().strip()
    return 0 if text.startswith("Ingen") else int(text.split()[0])


def search_results(visit: Visit) -> list[dict]:
    """Wait for the results on /sog/, load all of them, and return [{title, href}].

    Results arrive in pages of ten ("Vis flere resultater"); each page is drawn once all its
    fragments have arrived, so this waits until every result the status line counts is shown."""
    page = visit.page
    total = result_count(visit)
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


# A table of one year has no development to draw: its page is the numbers only.
ONE_YEAR_TABLES = {f"tal/{table.id}/" for table in catalogue().tables if len(table.years) < 2}


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
    if path.count("/") == 2 and path != "tal/kataloget/" and path not in ONE_YEAR_TABLES:
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
    # From outside the chart, in steps: the pointer may already rest where the chart now is
    # (an earlier test's page), and a move without a step in between fires no pointermove.
    page.mouse.move(1, 1)
    page.mouse.move(box["x"] + box["width"] - 20, box["y"] + box["height"] / 2, steps=5)
    tip = page.locator(".kk-tip")
    tip.wait_for(state="visible", timeout=5_000)
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


# --- the table's filters, in the address ----------------------------------------------------

# /klynger/ as a large catalogue serves it (above TABLE_INLINE_LIMIT in klyngekatalog/views.py):
# an empty body and the rows from /data/klynger-tabel.json, which every build writes. The real
# page is rewritten on its way to the browser, so both forms are tested on the same catalogue.
ROW_FORMS = pytest.mark.parametrize("rows", ["html", "json"])


def serve_rows_as_json(visit: Visit) -> None:
    def rewrite(route):
        response = route.fetch()
        html = re.sub(r"(<tbody>).*?(</tbody>)", r"\1\2", response.text(), flags=re.S)
        html = html.replace("<table data-kk-table", '<table data-kk-table data-kk-rows-src="../data/klynger-tabel.json"', 1)
        route.fulfill(response=response, body=html)

    visit.page.route(re.compile(r".*/klynger/(\?.*)?$"), rewrite)


def wait_ready(visit: Visit) -> None:
    """After a load or a step back: the rows are in and the filters of the address applied.
    A step back may be a fresh load, or Material's instant navigation fetching the page again
    and swapping the table for a new one: first let the network settle, then wait for it."""
    visit.page.wait_for_load_state("load")
    visit.settle()
    visit.page.wait_for_selector("[data-kk-table][data-kk-ready]", state="attached")


def shows(visit: Visit, **wanted: str) -> set[str]:
    """The ids the table shows once it shows as many rows as `wanted` should give (a step back
    may swap in a fresh table a moment later; Material's instant navigation fetches it again)."""
    expected = expected_ids(**wanted)
    total = len(catalogue().clusters)
    try:
        visit.page.wait_for_function(
            """(count) => {
              const table = document.querySelector('[data-kk-table]');
              const counter = document.querySelector('[data-kk-count]');
              return table && table.dataset.kkReady && counter && counter.textContent.trim() === count;
            }""",
            arg=f"{len(expected)} af {total} klynger",
            timeout=30_000,  # the swapped-in table fetches its rows again (json) on a busy machine
        )
    except Exception:
        pass  # the assertion below says what was shown instead
    return {row["id"] for row in table_state(visit)["rows"]}


def open_filtered(visit: Visit, query: str = "", rows: str = "html") -> dict:
    if rows == "json":
        serve_rows_as_json(visit)
    visit.goto("klynger/" + query)
    visit.page.wait_for_selector("[data-kk-table][data-kk-ready]", state="attached")
    if rows == "json":
        assert visit.page.locator("[data-kk-table]").get_attribute("data-kk-rows-src"), "the page was not rewritten"
    return table_state(visit)


def _fold(text: str) -> str:
    import unicodedata

    text = text.lower().replace("æ", "a").replace("ø", "o").replace("å", "a")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return text.replace("ae", "a").replace("oe", "o").replace("aa", "a")


def expected_ids(**f: str) -> set[str]:
    """What the filters must show, worked out from the catalogue (independently of tabel.js)."""
    from klyngekatalog.index import Index

    c = catalogue()
    index = Index(c)
    shown = set()
    for cl in c.clusters:
        by_year = {str(y): ids for y, ids in index.themes_by_year(cl).items()}
        levels = {x.level for x in cl.certifications}
        programmes = {p.id for p in index.programmes(cl)}
        lists = {l.list for l in cl.listings}
        years = {str(c.list_by_id[l].year) for l in lists}
        checks = [
            not f.get("q") or _fold(f["q"]) in _fold(" ".join((cl.name, *cl.aliases))),
            not f.get("tema") or f["tema"] in (by_year.get(f["aar"], []) if f.get("aar") else index.latest_themes(cl)),
            f.get("tema") or not f.get("aar") or f["aar"] in years,
            not f.get("certificering") or {"ja": bool(levels), "nej": not levels}.get(f["certificering"], f["certificering"] in levels),
            not f.get("program") or {"ja": bool(programmes), "nej": not programmes}.get(f["program"], f["program"] in programmes),
            not f.get("liste") or f["liste"] in lists,
            not f.get("beskrivelse") or (f["beskrivelse"] == "ja") == bool(cl.description),
            not f.get("websted") or (f["websted"] == "ja") == bool(cl.website),
        ]
        if all(checks):
            shown.add(cl.id)
    return shown


def controls(visit: Visit) -> dict:
    return visit.page.evaluate(
        """() => Object.fromEntries([...document.querySelector('[data-kk-filters]').elements]
              .filter((e) => e.name).map((e) => [e.name, e.value]))"""
    )


# Links other pages may send (issue 12's figures link to ?tema=<id>&aar=<year>).
SHARED_LINKS = [
    {"tema": "foedevarer"},
    {"tema": "energi", "aar": "2013"},
    {"tema": "ikt", "aar": "2016"},
    {"aar": "2016"},
    {"certificering": "guld"},
    {"certificering": "ja", "websted": "nej"},
    {"program": "ja", "beskrivelse": "nej"},
    {"program": "innovationsnetvaerk-2014-2018", "tema": "energi"},
    {"liste": "klynger-2013", "beskrivelse": "ja", "websted": "ja"},
    {"q": "fodevare"},
    {"q": "foedevare", "program": "ja"},
    {"q": "Offshore Center", "certificering": "guld"},
]


@ROW_FORMS
def test_shared_links_restore_the_filters(open_visit, rows):
    from urllib.parse import urlencode

    visit = open_visit("desktop")
    for n, wanted in enumerate(SHARED_LINKS):
        state = open_filtered(visit, "?" + urlencode(wanted), rows)
        ids = {row["id"] for row in state["rows"]}
        assert ids == expected_ids(**wanted), wanted
        assert state["count"] == f"{len(ids)} af {state['total']} klynger", wanted
        assert {k: v for k, v in controls(visit).items() if v} == wanted
        if n == 0:
            visit.check(f"klynger-link-{rows}")
    # Not every link finds nothing or everything: the filters narrow.
    assert all(0 < len(expected_ids(**w)) < len(catalogue().clusters) for w in SHARED_LINKS)


@ROW_FORMS
def test_filters_apply_go_into_the_address_reload_and_go_back(open_visit, rows):
    visit = open_visit("desktop")
    page = visit.page
    open_filtered(visit, "", rows)
    page.select_option("select[name=tema]", "energi")
    assert page.url.endswith("/klynger/?tema=energi")
    page.select_option("select[name=aar]", "2013")
    page.locator("[data-kk-more] summary").click()
    page.select_option("select[name=certificering]", "ja")
    page.select_option("select[name=websted]", "ja")
    wanted = {"tema": "energi", "aar": "2013", "certificering": "ja", "websted": "ja"}
    assert page.url.endswith("/klynger/?tema=energi&aar=2013&certificering=ja&websted=ja"), page.url
    state = table_state(visit)
    assert {r["id"] for r in state["rows"]} == expected_ids(**wanted)
    assert state["rows"], "the combination shows no cluster: the test checks little"

    # A reload (or the link sent to someone) shows the same.
    page.reload()
    wait_ready(visit)
    assert {r["id"] for r in table_state(visit)["rows"]} == expected_ids(**wanted)
    assert {k: v for k, v in controls(visit).items() if v} == wanted
    assert page.locator("[data-kk-more]").get_attribute("open") is not None

    # Back, one choice at a time.
    page.go_back()
    page.wait_for_url("**/klynger/?tema=energi&aar=2013&certificering=ja")
    wait_ready(visit)
    assert shows(visit, tema="energi", aar="2013", certificering="ja") == expected_ids(tema="energi", aar="2013", certificering="ja")
    assert controls(visit)["websted"] == ""
    page.go_back()
    page.wait_for_url("**/klynger/?tema=energi&aar=2013")
    page.go_back()
    page.wait_for_url("**/klynger/?tema=energi")
    wait_ready(visit)
    assert shows(visit, tema="energi") == expected_ids(tema="energi")

    # Typing narrows at once and keeps the text in the address; "Nulstil filtre" clears all.
    page.fill("[data-kk-filter-text]", "offshore")
    address = page.evaluate("location.href")
    assert address.endswith("/klynger/?q=offshore&tema=energi"), address
    assert {r["id"] for r in table_state(visit)["rows"]} == expected_ids(q="offshore", tema="energi")
    page.locator("[data-kk-reset]").click()
    assert page.evaluate("location.href").endswith("/klynger/")
    state = table_state(visit)
    assert len(state["rows"]) == state["total"] == len(catalogue().clusters)
    assert page.locator("[data-kk-reset]").is_hidden()
    visit.check(f"klynger-filtre-{rows}")


@ROW_FORMS
def test_table_on_a_phone_is_one_card_per_row(open_visit, rows):
    """At 375 px every field of a row is shown, with its header as the label, inside the
    screen: nothing is clipped or hidden behind a sideways scroll."""
    visit = open_visit("phone")
    open_filtered(visit, "?tema=energi", rows)
    cards = visit.page.evaluate(
        """() => [...document.querySelectorAll('[data-kk-table] tbody tr:not([hidden])')].map((tr) => ({
              right: tr.getBoundingClientRect().right,
              cells: [...tr.cells].map((td) => ({
                key: td.dataset.key,
                shown: td.offsetParent !== null && td.getBoundingClientRect().width > 0,
                right: td.getBoundingClientRect().right,
                label: getComputedStyle(td, '::before').content,
                text: td.textContent.trim(),
              })),
            }))"""
    )
    headers = visit.page.eval_on_selector_all("[data-kk-table] thead th", "ths => ths.map((th) => [th.dataset.key, th.dataset.label])")
    assert len(cards) == len(expected_ids(tema="energi")) > 0
    for card in cards:
        assert card["right"] <= 375, card
        assert [cell["key"] for cell in card["cells"]] == [key for key, _ in headers]
        for cell, (_, label) in zip(card["cells"], headers):
            assert cell["shown"] and cell["right"] <= 375, cell
            if cell["key"] != "navn":  # the name is the card's heading
                assert cell["label"] == f'"{label}"', cell
    # Sorting still works from the header row above the cards.
    sort_by_name(visit, "descending")
    visit.check(f"klynger-kort-{rows}")


# --- the search, as visitors type it ----------------------------------------------------------
# A set of realistic queries and what each must return, through the site's own search page:
# what the index adds (views.py SearchTerms: folded spellings, compound tails, weights, result
# kinds) and what docs/assets/sog.js adds (the typo fallback, theme pages first for their name,
# the clean excerpt with the Danish words marked).


@dataclass(frozen=True)
class Query:
    text: str
    first: str | None = None  # the page that must come first ("temaer/ikt")
    top: tuple[str, ...] = ()  # pages that must be on the first screen of results (top 10)
    top3: tuple[str, ...] = ()  # pages that must be among the first three
    not_first: tuple[str, ...] = ()  # a stray hit that must not lead
    why: str = field(default="", compare=False)


FOOD = ("klynger/foodnetwork", "klynger/danish-food-cluster", "klynger/vifu", "klynger/nordjysk-foedevarererhverv")

QUERIES = [
    Query("fødevarer", first="temaer/foedevarer", top=FOOD, why="the theme's own name"),
    Query("fodevarer", first="temaer/foedevarer", top=FOOD, why="ø typed as o"),
    Query("foedevarer", first="temaer/foedevarer", top=FOOD, why="ø typed as oe"),
    Query("FØDEVARER", first="temaer/foedevarer", top=FOOD, why="capitals"),
    Query("velfærdsteknolgi", top3=("klynger/sundhed-og-velfaerdsteknologi", "klynger/welfare-tech"), not_first=("klynger/lev-vel",), why="a typo"),
    Query("velfaerdsteknologi", first="klynger/sundhed-og-velfaerdsteknologi", top=("temaer/sundhed", "klynger/welfare-tech")),
    Query("vindmøller", first="klynger/vindmoelleindustrien", top3=("cases/havvind-standarder", "klynger/offshoreenergy-dk"), why="“havvindmøller” in its case"),
    Query("vindmoller", first="klynger/vindmoelleindustrien", top=("klynger/offshoreenergy-dk",)),
    Query("ikt", first="temaer/ikt", top=("klynger/infinit", "klynger/brainsbusiness"), why="the theme's id and abbreviation"),
    Query("energi", first="temaer/energi", top=("klynger/fleksenergi", "klynger/ve-net")),
    Query("miljø", first="temaer/miljoe", top=("klynger/inno-mt",)),
    Query("miljo", first="temaer/miljoe", top=("klynger/inno-mt",)),
    Query("sundhed", first="temaer/sundhed", top=("klynger/sundhed-og-velfaerdsteknologi",)),
    Query("byggeri", first="temaer/byggeri", top3=("klynger/innobyg",)),
    Query("oplevelsesokonomi", first="temaer/oplevelsesoekonomi", top=("klynger/invio",)),
    Query("Offshore Center Danmark", first="klynger/offshoreenergy-dk", why="a former name (alias)"),
    Query("offshore", first="klynger/offshoreenergy-dk"),
    Query("havvind", top3=("cases/havvind-standarder", "klynger/offshoreenergy-dk")),
    Query("biomasse", first="klynger/inbiom", top=("cases/inbiom-innobooster",)),
    Query("robot", first="klynger/robocluster", top3=("cases/robocluster-bygger-broer",)),
    Query("maritim", top=("klynger/marcod", "klynger/det-maritime-danmark", "klynger/fyns-maritime-klynge")),
    Query("VIFU", first="klynger/vifu"),
    Query("welfare tech", first="klynger/welfare-tech"),
    Query("vand i byer", first="klynger/vand-i-byer", why="a stop word in the query"),
    Query("klimatilpasning", first="klynger/vand-i-byer"),
    Query("medico", top=("temaer/sundhed", "klynger/medico-innovation", "klynger/medtech-innovation")),
]

KINDS = {"klynger": "Klynge", "temaer": "Fagområde", "cases": "Case", "tal": "Tal"}


def first_screen(visit: Visit) -> tuple[int, list[dict]]:
    """The result count and the first page of results (up to ten): kind, title, page, excerpt."""
    page = visit.page
    total = result_count(visit)
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-kk-search-results] li').length >= {min(total, 10)}", timeout=15_000
    )
    results = page.eval_on_selector_all(
        "[data-kk-search-results] li",
        """items => items.map((li) => ({
              kind: li.querySelector('.kk-result-kind').textContent.trim(),
              title: li.querySelector('h2 a').textContent.trim(),
              href: li.querySelector('h2 a').getAttribute('href'),
              excerpt: li.querySelector('p').textContent,
              marked: [...li.querySelectorAll('p mark')].map((m) => m.textContent),
            }))""",
    )
    for result in results:
        match = re.search(r"/((?:klynger|temaer|cases|tal)/[^/]+|tal)/?$", result["href"])
        result["page"] = match.group(1) if match else result["href"]
    return total, results


def test_the_query_set_is_large_enough():
    assert len(QUERIES) >= 20
    assert {"fodevarer", "foedevarer", "velfærdsteknolgi", "vindmøller", "ikt"} <= {q.text for q in QUERIES}


def test_queries_find_what_visitors_look_for(open_visit):
    visit = open_visit("desktop")
    failures = []
    for query in QUERIES:
        visit.page.goto(visit.url("sog/?q=" + quote(query.text)))
        total, results = first_screen(visit)
        pages = [r["page"] for r in results]
        problems = []
        if query.first and (not pages or pages[0] != query.first):
            problems.append(f"first should be {query.first}")
        problems += [f"{p} not in the top 10" for p in query.top if p not in pages]
        problems += [f"{p} not in the top 3" for p in query.top3 if p not in pages[:3]]
        problems += [f"{p} must not come first" for p in query.not_first if pages[:1] == [p]]
        for r in results:
            # Every result says what it is, and shows the page's own words only.
            section = r["page"].split("/")[0]
            if r["kind"] != KINDS.get(section, "Side"):
                problems.append(f"{r['page']} labelled {r['kind']}")
            if "kkfold" in r["excerpt"] or not r["excerpt"].strip():
                problems.append(f"{r['page']} excerpt: {r['excerpt']!r}")
        if problems:
            failures.append(f"{query.text!r} ({total} results: {pages}): " + "; ".join(problems))
    assert not failures, "\n".join(failures)


def test_an_ascii_query_marks_the_danish_words(open_visit):
    visit = open_visit("phone")
    visit.goto("sog/?q=fodevarer")
    _, results = first_screen(visit)
    theme = results[0]
    assert theme["kind"] == "Fagområde" and theme["title"] == "Fødevarer"
    assert "fødevaresektoren" in theme["marked"], theme  # marked though typed without ø
    assert all(any(ch in "æøå" for ch in word.lower()) for r in results for word in r["marked"]), results
    visit.check("sog-fodevarer")
