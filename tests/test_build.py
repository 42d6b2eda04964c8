"""The built site: every page there, every link resolving, every figure and count as in the
data, and catalogue text that stays text (the payload tests).

The site is built at most twice per session (real data, and a copy with payloads injected);
see tests/sitebuild.py.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict

import pytest

from klyngekatalog.catalogue import load_catalogue
from klyngekatalog.render import dk_date, dk_number
from klyngekatalog.views import build_views

from sitebuild import (  # noqa: F401  (payload_site, payload_targets, real_site: fixtures)
    PAYLOAD,
    PAYLOAD_ALIAS,
    PAYLOAD_NAME,
    cluster_links,
    payload_site,
    payload_targets,
    real_site,
    parse_html,
    resolve,
    search_documents,
    section,
)

pytestmark = pytest.mark.build

SITE_NAME = "Klyngekataloget"


@pytest.fixture(scope="module")
def site(real_site):
    return real_site.require()


def raw_placements(catalogue) -> dict[tuple[str, int], set[str]]:
    """(theme, year) → ids of the clusters a list of that year places under the theme,
    straight from the listings."""
    years = {l.id: l.year for l in catalogue.lists}
    result: dict[tuple[str, int], set[str]] = defaultdict(set)
    for cluster in catalogue.clusters:
        for listing in cluster.listings:
            if listing.theme:
                result[(listing.theme, years[listing.list])].add(cluster.id)
    return result


# --- the build and its pages ----------------------------------------------------------------


def test_build_succeeds(real_site):
    result = real_site.result
    assert result.returncode == 0, result.stderr
    # MkDocs' own log lines ("WARNING -  …"); end-of-life banners of plugins are not build problems.
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stderr)
    problems = [line for line in plain.splitlines() if re.match(r"^\s*(WARNING|ERROR)\s+-", line)]
    assert problems == [], result.stderr


def test_every_page_exists(site, catalogue):
    expected = ["", "klynger/", "temaer/", "certificeringer/", "cases/", "tal/", "tal/kataloget/", "om/", "data/clusters.json", "data/clusters.csv"]
    expected += [f"tal/{t.id}/" for t in catalogue.tables]
    expected += [f"klynger/{c.id}/" for c in catalogue.clusters]
    expected += [f"temaer/{t.id}/" for t in catalogue.themes]
    expected += [f"cases/{c.id}/" for c in catalogue.cases]
    missing = [url for url in expected if not site.file(url).is_file()]
    assert missing == []

    def pages(folder):  # generated pages, not the redirect stubs for former names
        return [p for p in (site.root / folder).glob("*/index.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]

    assert len(pages("klynger")) == len(catalogue.clusters)
    assert len(pages("temaer")) == len(catalogue.themes)
    assert len(pages("cases")) == len(catalogue.cases)


def test_former_names_redirect_to_their_cluster(site, catalogue):
    from klyngekatalog.views import redirects

    for old, new in redirects(catalogue).items():
        old_url = old.removesuffix(".md") + "/"
        html = site.html(old_url)
        assert 'http-equiv="refresh"' in html, old_url
        target = resolve(old_url, re.search(r'url=([^"]+)"', html).group(1))
        assert target == (new.removesuffix(".md") + "/", ""), old_url


def test_every_generated_page_has_its_heading(site, catalogue):
    for view in build_views(catalogue):
        headings = [h.text() for h in site.content(view.url).iter("h1")]
        assert headings == [view.title], view.url


def test_titles_and_descriptions_of_generated_pages(site, catalogue):
    """<title> and <meta name=description> carry the page's own title and text (as text)."""
    for view in build_views(catalogue):
        page = site.page(view.url)
        assert page.first("title").text() == f"{view.title} - {SITE_NAME}", view.url
        meta = next(m for m in page.iter("meta") if m.attrs.get("name") == "description")
        if view.description:
            assert meta.attrs["content"] == view.meta_description, view.url


# --- themes -----------------------------------------------------------------------------------


def test_theme_pages_list_their_clusters_per_year(site, catalogue):
    placements = raw_placements(catalogue)
    for theme in catalogue.themes:
        url = f"temaer/{theme.id}/"
        article = site.content(url)
        expected_years = sorted((year for (t, year) in placements if t == theme.id), reverse=True)
        sections = [h for h in article.iter("h2") if (h.attrs.get("id") or "").startswith("klynger-")]
        assert [h.attrs["id"] for h in sections] == [f"klynger-{year}" for year in expected_years], url
        for heading in sections:
            year = int(heading.attrs["id"].removeprefix("klynger-"))
            expected = placements[(theme.id, year)]
            links = cluster_links(url, section(heading))
            assert len(links) == len(expected), (url, year)
            assert set(links) == expected, (url, year)
            assert f"({len(expected)})" in heading.text(), (url, year)
        if not expected_years:
            assert "Ingen klynger er placeret" in article.text(), url


def test_every_cluster_is_on_the_page_of_each_of_its_themes(site, catalogue):
    years = {l.id: l.year for l in catalogue.lists}
    missing = []
    for cluster in catalogue.clusters:
        for listing in cluster.listings:
            if not listing.theme:
                continue
            url = f"temaer/{listing.theme}/"
            heading = site.content(url).by_id(f"klynger-{years[listing.list]}")
            if heading is None or cluster.id not in cluster_links(url, section(heading)):
                missing.append((cluster.id, listing.theme, years[listing.list]))
    assert missing == []


def test_themes_index_counts(site, catalogue):
    placements = raw_placements(catalogue)
    years = sorted({year for (_, year) in placements})
    table = site.content("temaer/").first("table")
    header = [th.text().strip() for th in table.first("thead").iter("th")]
    assert header[1 : 1 + len(years)] == [f"Klynger {year}" for year in years]
    rows = list(table.first("tbody").iter("tr"))
    assert len(rows) == len(catalogue.themes)
    for theme, row in zip(catalogue.themes, rows):
        cells = [td.text().strip() for td in row.iter("td")]
        assert cells[0] == theme.name
        assert cells[1 : 1 + len(years)] == [str(len(placements.get((theme.id, y), ()))) for y in years], theme.id


# --- certifications ---------------------------------------------------------------------------


def test_certified_clusters_are_under_their_level(site, catalogue):
    url = "certificeringer/"
    article = site.content(url)
    for level in catalogue.levels:
        heading = article.by_id(level.id)
        assert heading is not None and heading.tag == "h2", level.id
        body = section(heading)
        expected = Counter(c.id for c in catalogue.clusters for cert in c.certifications if cert.level == level.id)
        assert Counter(cluster_links(url, body)) == expected, level.id
        count = sum(expected.values())
        text = re.sub(r"\s+", " ", body.text())
        if count:
            assert f"{count} navngivne {'indehaver' if count == 1 else 'indehavere'}" in text, level.id
        for unnamed in (u for u in catalogue.unnamed_holders if u.level == level.id):
            assert f"{unnamed.count} klynger havde {level.name.lower()} pr. {dk_date(unnamed.as_of)}" in text, level.id


def test_bronze_count_of_unnamed_holders_is_shown(site, catalogue):
    bronze = [u for u in catalogue.unnamed_holders if u.level == "bronze"]
    assert bronze, "the data counts unnamed bronze holders"
    text = re.sub(r"\s+", " ", section(site.content("certificeringer/").by_id("bronze")).text())
    for unnamed in bronze:
        assert f"{unnamed.count} klynger" in text


# --- the catalogue table ----------------------------------------------------------------------


def test_clusters_table_has_one_row_per_cluster(site, catalogue):
    table = next(t for t in site.content("klynger/").iter("table") if "data-kk-table" in t.attrs)
    rows = list(table.first("tbody").iter("tr"))
    assert len(rows) == len(catalogue.clusters)
    first_links = [cluster_links("klynger/", row)[0] for row in rows]
    assert sorted(first_links) == sorted(c.id for c in catalogue.clusters)
    names = {c.id: c.name for c in catalogue.clusters}
    assert [row.first("a").text() for row in rows] == [names[i] for i in first_links]


# --- links ------------------------------------------------------------------------------------


def _all_links(site):
    """(page file, attribute value) for every href, src and form action in every HTML file."""
    for path in sorted(site.root.rglob("*.html")):
        page = path.relative_to(site.root).as_posix()
        for element in parse_html(path.read_text(encoding="utf-8")).iter():
            for attribute in ("href", "src", "action"):
                value = element.attrs.get(attribute)
                if value is not None:
                    yield page, element.tag, value


def _target_file(site, path: str):
    target = site.root / path
    return target / "index.html" if path == "" or path.endswith("/") or target.is_dir() else target


def test_every_internal_link_resolves(site):
    broken = []
    checked = 0
    for page, tag, value in _all_links(site):
        if value.startswith("#"):
            continue
        if value.lower().startswith("javascript:"):
            broken.append((page, tag, value))
            continue
        target = resolve(page, value)
        if target is None:
            continue
        checked += 1
        path, _ = target
        if path.startswith("../") or not _target_file(site, path).is_file():
            broken.append((page, tag, value))
    assert checked > 1000
    assert broken == []


def test_no_protocol_relative_links(site):
    """No link or form on the site points at another host by accident ("//x" is a host)."""
    found = [(page, tag, value) for page, tag, value in _all_links(site) if value.startswith("//")]
    assert found == []


def test_resolve_helper():
    """The link resolution the tests above rely on."""
    assert resolve("klynger/x/index.html", "../../om/#kilde-a") == ("om/", "kilde-a")
    assert resolve("klynger/x/", "../y/") == ("klynger/y/", "")
    assert resolve("", "klynger/") == ("klynger/", "")
    assert resolve("404.html", "/assets/a.css") == ("assets/a.css", "")
    assert resolve("klynger/x/", "../..") == ("", "")
    assert resolve("cases/", "./") == ("cases/", "")
    assert resolve("tal/", "#noegletal") == ("tal/", "noegletal")
    assert resolve("klynger/x/", "../../../om/")[0].startswith("../")  # above the site root
    assert resolve("klynger/x/", "https://example.org/") is None
    assert resolve("klynger/x/", "mailto:a@example.org") is None


def test_links_into_other_pages_hit_an_element_id(site):
    """A link such as ../../om/#kilde-pr-2017 or ../#matchmaking lands on an existing id."""
    ids: dict[str, set[str]] = {}
    missing = []
    for page, tag, value in _all_links(site):
        if tag != "a" or value.startswith("#"):
            continue
        target = resolve(page, value)
        if target is None or not target[1]:
            continue
        path, fragment = target
        file = _target_file(site, path)
        if file.suffix != ".html" or not file.is_file():
            continue
        if path not in ids:
            ids[path] = {e.attrs["id"] for e in parse_html(file.read_text(encoding="utf-8")).iter() if e.attrs.get("id")}
        if fragment not in ids[path]:
            missing.append((page, value))
    assert missing == []


# --- figures ----------------------------------------------------------------------------------


def _cells(row):
    return [c for c in row.children if not isinstance(c, str) and c.tag in ("td", "th")]


def test_figures_table_pages_carry_every_figure(site, catalogue):
    """Each source table has its page /tal/<table-id>/; each indicator its row there, under the
    id it had on the former one-page /tal/ (<table-id>--<indicator-id>)."""
    problems = []
    for table in catalogue.tables:
        article = site.content(f"tal/{table.id}/")
        for section_ in table.sections:
            for indicator in section_.indicators:
                row_id = f"{table.id}--{indicator.id}"
                row = article.by_id(row_id)
                if row is None:
                    problems.append((row_id, "row missing"))
                    continue
                header = [c.text().strip() for c in _cells(row.parent.parent.first("thead").first("tr"))]
                cells = [c.text().strip() for c in _cells(row)]
                assert len(cells) == len(header), row_id
                for year, value in indicator.values.items():
                    if str(year) not in header:
                        problems.append((row_id, year, "no column"))
                        continue
                    shown = cells[header.index(str(year))]
                    expected = dk_number(value, indicator.decimals) if value is not None else "–"
                    if shown != expected:
                        problems.append((row_id, year, shown, expected))
    assert problems == []


def test_figures_table_pages_measured_counts_and_downloads(site, catalogue):
    for table in catalogue.tables:
        article = site.content(f"tal/{table.id}/")
        row = next(r for r in article.iter("tr") if "kk-measured" in (r.attrs.get("class") or ""))
        header = [c.text().strip() for c in _cells(row.parent.parent.first("thead").first("tr"))]
        cells = [c.text().strip() for c in _cells(row)]
        for year, count in table.measured.items():
            assert cells[header.index(str(year))] == dk_number(count), (table.id, year)
        links = {a.attrs.get("href") for a in article.iter("a")}
        for ext in ("csv", "json"):
            assert f"../../data/tal/{table.id}.{ext}" in links, (table.id, ext)
            assert site.file(f"data/tal/{table.id}.{ext}").is_file()


def test_figures_overview_headlines_with_year_and_source(site, catalogue):
    article = site.content("tal/")
    boxes = {li.attrs["id"]: re.sub(r"\s+", " ", li.text()) for li in section(article.by_id("noegletal")).iter("li")}
    for headline in catalogue.headlines:
        text = boxes[headline.id]
        assert dk_number(headline.value) in text, headline.id
        assert (str(headline.year) if headline.year is not None else "uden dato") in text, headline.id
        assert catalogue.source_by_id[headline.source].short_title in text, headline.id
        if headline.location:
            assert headline.location in text, headline.id
        if headline.note:
            assert headline.note in text, headline.id


def test_continuations_show_both_ways_on_cluster_pages(site):
    def relations(cluster_id):
        return re.sub(r"\s+", " ", site.content(f"klynger/{cluster_id}/").text())

    earlier, later = relations("dansk-lydteknologi"), relations("dansk-lyd")
    assert "Sandsynligvis videreført som Innovationsnetværket Dansk Lyd (vurdering" in earlier
    assert "Sandsynligvis tidligere Innovationsnetværket Dansk Lydteknologi (vurdering" in later
    assert "Samme navnestamme" in earlier and "Samme navnestamme" in later
    assert "Historik" in later and "Innovationsnetværket Dansk Lyd (denne side)" in later
    assert "Aktiviteterne videreført i Innovationsnetværket BioPeople (kilde: Innovationsnetværk Danmark – Performanceregnskab 2013)" in relations("biologue")
    assert "Har overtaget aktiviteterne fra BioSys" in relations("biopeople")


def test_figures_overview_keeps_the_former_anchors(site, catalogue):
    """/tal/#<table-id>, #noegletal and #kataloget-i-tal still land on content; the table's
    entry links to its page (docs/assets/tal.js follows #<table-id>--<indicator-id> there)."""
    article = site.content("tal/")
    for id_ in ("noegletal", "kataloget-i-tal", *(t.id for t in catalogue.tables)):
        assert article.by_id(id_) is not None, id_
    for table in catalogue.tables:
        assert article.by_id(table.id).attrs["data-kk-side"] == f"../tal/{table.id}/"


def test_figures_pages_use_the_danish_number_format(site):
    text = site.content("tal/klynger-2012-2016/").text()
    assert "16.520" in text
    assert "316,6" in site.content("tal/innovationsnetvaerk-2007-2012/").text() + text


def test_figures_charts_have_axes_and_describe_every_value(site, catalogue):
    for table in catalogue.tables:
        article = site.content(f"tal/{table.id}/")
        for section_ in table.sections:
            for indicator in section_.indicators:
                row = article.by_id(f"{table.id}--{indicator.id}")
                svg = row.first("svg")
                if sum(v is not None for v in indicator.values.values()) < 2:
                    assert svg is None
                    continue
                labels = [t.text() for t in svg.iter("text")]
                assert labels[1:] == [str(table.years[0]), str(table.years[-1])], indicator.id
                assert labels[0].endswith(indicator.unit), indicator.id
                description = svg.attrs["aria-label"]
                for year, value in indicator.values.items():
                    expected = dk_number(value, indicator.decimals) if value is not None else "ikke opgjort"
                    assert f"{year}: {expected}" in description, (indicator.id, year)


def test_catalogue_over_time(site, catalogue):
    article = site.content("tal/kataloget/")
    for id_ in ("pr-fagomraade", "gaar-igen", "pr-certificering", "pr-liste"):
        assert article.by_id(id_) is not None, id_
    links = {a.attrs.get("href") for a in article.iter("a")}
    assert "../../klynger/?tema=foedevarer&aar=2016" in links
    assert "../../klynger/?aar=2013,2016" in links
    listed = {c.id: {l.list for l in c.listings} for c in catalogue.clusters}
    years = {l.id: l.year for l in catalogue.lists}
    both = sum(1 for lists in listed.values() if {years[l] for l in lists} >= {2013, 2016})
    text = re.sub(r"\s+", " ", article.text())
    assert f"{both} af de " in text


# --- cluster pages ----------------------------------------------------------------------------


def test_clusters_without_description_invite_a_contribution(site, catalogue):
    undescribed = [c for c in catalogue.clusters if not c.description]
    assert undescribed, "the data has clusters without a description"
    om_ids = {e.attrs.get("id") for e in site.page("om/").iter()}
    assert "bidrag" in om_ids
    for cluster in undescribed:
        url = f"klynger/{cluster.id}/"
        article = site.content(url)
        missing = [p for p in article.iter("p") if "Kilderne beskriver endnu ikke" in p.text()]
        assert len(missing) == 1, url
        targets = [resolve(url, a.attrs["href"]) for a in missing[0].iter("a")]
        assert ("om/", "bidrag") in targets, url


def test_described_clusters_show_their_description(site, catalogue):
    for cluster in catalogue.clusters:
        if not cluster.description:
            continue
        url = f"klynger/{cluster.id}/"
        article = site.content(url)
        paragraphs = [p.text() for p in section(article.by_id("formaal")).iter("p")]
        for paragraph in cluster.description.split("\n\n"):
            assert paragraph in paragraphs, url
        assert "Kilderne beskriver endnu ikke" not in article.text(), url


def test_cluster_pages_are_small(site, catalogue):
    sizes = [site.file(f"klynger/{c.id}/").stat().st_size for c in catalogue.clusters]
    median = statistics.median(sizes)
    print(f"\nmedian cluster page: {median / 1024:.1f} KB ({median:.0f} bytes; min {min(sizes)}, max {max(sizes)}, n={len(sizes)})")
    assert median < 60 * 1024


def _scripts(site, url):
    found = []
    for script in site.page(url).iter("script"):
        if script.attrs.get("type") == "application/ld+json":
            continue  # data (schema.org), not script: see test_structured.py
        if script.attrs.get("src"):
            target = resolve(url, script.attrs["src"])
            found.append(("src", target[0] if target else script.attrs["src"]))
        else:
            found.append(("inline", script.attrs.get("id"), script.attrs.get("type")))
    return sorted(found, key=repr)


def test_generated_pages_carry_no_scripts_of_their_own(site, catalogue):
    """The same scripts as on the hand-written /om/: Material's own and the site's assets (the
    figures pages under /tal/ add the site's own assets/tal.js, and nothing else)."""
    reference = _scripts(site, "om/")
    assert all(s[1].startswith("assets/") for s in reference if s[0] == "src")
    count = lambda url: site.html(url).count("<script") - site.html(url).count('<script type="application/ld+json">')
    expected_count = count("om/")
    figures = sorted(reference + [("src", "assets/tal.js")], key=repr)
    for view in build_views(catalogue):
        on_figures = view.url.removeprefix("en/").startswith("tal/")
        assert _scripts(site, view.url) == (figures if on_figures else reference), view.url
        assert count(view.url) == expected_count + on_figures, view.url


# --- payloads: catalogue text stays text -----------------------------------------------------


@pytest.fixture(scope="module")
def psite(payload_site):
    return payload_site.require()


def _article_html(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_payload_is_written_and_read_back_exactly(payload_site, payload_targets, catalogue):
    """The YAML written for the payload test holds the payload verbatim, and nothing else changed."""
    loaded = load_catalogue(payload_site.data / "clusters.yaml")
    cluster = loaded.cluster_by_id[payload_targets.cluster]
    assert cluster.name == PAYLOAD_NAME
    assert cluster.description == PAYLOAD
    assert cluster.aliases[-1] == PAYLOAD_ALIAS
    assert loaded.case_by_id[payload_targets.case].summary == PAYLOAD
    assert loaded.theme_by_id[payload_targets.theme].description == PAYLOAD
    original = catalogue.cluster_by_id[payload_targets.cluster]
    assert cluster.model_copy(update={"name": original.name, "description": original.description, "aliases": original.aliases}) == original
    assert [c for c in loaded.clusters if c.id != cluster.id] == [c for c in catalogue.clusters if c.id != cluster.id]
    assert [c for c in loaded.cases if c.id != payload_targets.case] == [c for c in catalogue.cases if c.id != payload_targets.case]
    assert loaded.tables == catalogue.tables and loaded.sources == catalogue.sources and loaded.lists == catalogue.lists


def test_payload_build_succeeds(payload_site):
    assert payload_site.result.returncode == 0, payload_site.result.stderr


def _payload_pages(targets):
    return {
        "cluster": f"klynger/{targets.cluster}/",
        "theme": f"temaer/{targets.theme}/",
        "case": f"cases/{targets.case}/",
        "table": "klynger/",
    }


def _assert_inert(html: str, where: str) -> None:
    assert "<script>alert" not in html, where
    assert "<img src=x" not in html, where
    assert 'href="javascript:' not in html.replace("'", '"'), where
    assert "<b>fed</b>" not in html, where
    assert 'onmouseover="alert' not in html, where
    assert "{{ 7*7 }}" in html, where  # left as text, not evaluated (no "49" in its place)
    assert "Test 49" not in html and "49 {% raw" not in html, where


@pytest.mark.parametrize("kind", ["cluster", "theme", "case", "table"])
def test_payload_is_text_in_page_content(psite, payload_targets, kind):
    url = _payload_pages(payload_targets)[kind]
    html = psite.html(url)
    _assert_inert(_article_html(html), url)
    article = psite.content(url)
    texts = [e.text() for e in article.iter() if e.tag in ("p", "h1", "a", "td", "li")]
    # The name is shown, as text, wherever it appears.
    assert any(t.strip() == PAYLOAD_NAME for t in texts), url
    if kind != "table":
        assert PAYLOAD in texts, url  # the description / summary paragraph, character for character
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    assert not any(a.attrs.get("href", "").lower().startswith("javascript:") for a in article.iter("a")), url
    assert not any(e.tag in ("script", "img", "b") for e in article.iter()), url


def test_payload_cluster_page_shows_escaped_script(psite, payload_targets):
    html = psite.html(f"klynger/{payload_targets.cluster}/")
    assert "&lt;script&gt;" in html
    article = psite.content(f"klynger/{payload_targets.cluster}/")
    assert article.first("h1").text() == PAYLOAD_NAME
    aliases = [span.text() for span in article.iter("span") if "kk-alias" in (span.attrs.get("class") or "")]
    assert PAYLOAD_ALIAS in aliases


def test_payload_alias_stays_inside_its_attribute(psite, payload_targets):
    html = psite.html("klynger/")
    row = next(tr for tr in parse_html(html).iter("tr") if cluster_links("klynger/", tr)[:1] == [payload_targets.cluster])
    assert PAYLOAD_ALIAS in row.attrs["data-andre_navne"]
    assert "onmouseover" not in row.attrs


# hooks/catalogue.py on_page_markdown puts the raw cluster name and the raw description or
# summary into page.meta["title"] / page.meta["description"]. MkDocs renders the theme with
# autoescape off, so Material's base.html (<title>{{ page.meta.title }} …</title>,
# <meta name="description" content="{{ page.meta.description }}">) and overrides/partials/
# header.html (header topic: {{ page.meta.title }}) print catalogue text as HTML.
@pytest.mark.parametrize(
    "kind",
    [
        "cluster",
        "theme",
        "case",
        "table",
    ],
)
def test_payload_is_inert_on_the_whole_page(psite, payload_targets, kind):
    url = _payload_pages(payload_targets)[kind]
    _assert_inert(psite.html(url), url)


def test_payload_page_title_has_no_markup(psite, payload_targets):
    html = psite.html(f"klynger/{payload_targets.cluster}/")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<b>" not in title
    assert "{{ 7*7 }}" in title


def test_payload_header_topic_has_no_markup(psite, payload_targets):
    page = psite.page(f"klynger/{payload_targets.cluster}/")
    topic = next(e for e in page.iter("div") if e.attrs.get("data-md-component") == "header-topic")
    assert not any(e.tag == "b" for e in topic.iter())
    assert topic.text().strip() == PAYLOAD_NAME


@pytest.mark.parametrize("kind", ["cluster", "theme", "case"])
def test_payload_meta_description_has_no_markup(psite, payload_targets, kind):
    html = psite.html(_payload_pages(payload_targets)[kind])
    meta = re.search(r'<meta name="description" content="[^"]*"\s*/?>', html)
    assert meta is not None
    assert "<" not in meta.group(0)[1:-1]


def test_payload_in_search_index(psite, payload_targets):
    documents = search_documents(psite)
    urls = _payload_pages(payload_targets)
    wanted = {urls["cluster"], urls["theme"], urls["case"]}
    found = [d for d in documents if d["url"].lstrip("/").split("#")[0] in wanted]
    assert {d["url"].lstrip("/").split("#")[0] for d in found} == wanted
    if documents[0]["format"] == "html":
        # MkDocs' search index holds HTML that the search UI inserts as HTML.
        for document in documents:
            for field in ("title", "text"):
                _assert_no_markup_in_search(document[field], document["url"])
    else:
        # Pagefind holds the page's text and escapes it when showing a result: the payload
        # must be there character for character (it was text on the page, not markup).
        for document in found:
            assert PAYLOAD in document["text"], document["url"]
        by_url = {d["url"].lstrip("/").split("#")[0]: d for d in documents}
        # The cluster's name is found through its own page (and the case page that names it).
        cluster_doc = by_url[urls["cluster"]]
        assert cluster_doc["title"] == PAYLOAD_NAME
        assert PAYLOAD_NAME in cluster_doc["text"]
        assert PAYLOAD_NAME in by_url[urls["case"]]["text"]
        # A theme page keeps its cluster lists out of the index (data-pagefind-ignore): the
        # payload cluster is listed on its theme page, but its name is not in that page's entry.
        theme_lists = _theme_cluster_lists(psite.content(urls["theme"]), urls["theme"])
        assert any(payload_targets.cluster in cluster_links(urls["theme"], ul) for ul in theme_lists)
        assert PAYLOAD_NAME in "".join(ul.text() for ul in theme_lists)
        assert PAYLOAD_NAME not in by_url[urls["theme"]]["text"]
        # On every theme page: a cluster name listed there reaches the index only where the
        # page names it outside its cluster lists too (in its description or cases).
        themes = [url for url in by_url if re.fullmatch(r"temaer/[a-z0-9-]+/", url)]
        assert urls["theme"] in themes
        for url in themes:
            article = psite.content(url)
            lists = _theme_cluster_lists(article, url)
            elsewhere = _text_outside(article, lists)
            for name in {a.text().strip() for ul in lists for a in ul.iter("a")}:
                assert name not in by_url[url]["text"] or name in elsewhere, (url, name)
    assert not any("49" in d["title"] for d in found)


def _theme_cluster_lists(article, url: str) -> list:
    """The lists of clusters placed under a theme ("Klynger placeret her i …") in the theme
    page's article; each must be marked for Pagefind to skip."""
    lists = [ul for ul in article.iter("ul") if "kk-columns" in (ul.attrs.get("class") or "").split()]
    for ul in lists:
        assert "data-pagefind-ignore" in ul.attrs, url
    return lists


def _text_outside(element, skipped: list) -> str:
    """The text of `element` without the elements in `skipped`."""
    if any(element is e for e in skipped):
        return ""
    return "".join(c if isinstance(c, str) else _text_outside(c, skipped) for c in element.children)


def _assert_no_markup_in_search(value: str, where: str) -> None:
    assert "<script>alert" not in value, where
    assert "<img src=x" not in value, where
    assert 'href="javascript:' not in value, where


def test_a_clean_build_prints_no_notices_about_links(real_site):
    """The anchors of blocks filled in after Markdown (om.md's #kilde-…) are known to MkDocs,
    which checks links to them instead of printing INFO lines that look like errors."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", real_site.result.stderr)
    assert [line for line in plain.splitlines() if "contains a link" in line or "anchor" in line.lower()] == []
