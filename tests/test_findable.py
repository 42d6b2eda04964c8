"""What makes the site findable and shareable, and pages that say where they are and how old
their facts are: site_url and what derives from it (canonical links, share tags, sitemap,
robots.txt, the 404 page), the breadcrumb and active tab, the period and the correction link."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from klyngekatalog.site import ISSUE_FORM, SiteAddress, SiteBuild, correction_url
from klyngekatalog.index import Index
from klyngekatalog.views import build_views, cluster_period

from sitebuild import DATA, ROOT, SUBPATH, SUBPATH_SITE_URL, parse_html, real_site, resolve, subpath_site  # noqa: F401

SITE_URL = "https://klyngekataloget.github.io/"  # mkdocs.yml's default
REPO = "https://github.com/eksempel/klyngekatalog"


@pytest.fixture(scope="module")
def site(real_site):
    return real_site.require()


def meta(html: str) -> dict[str, str]:
    """<meta property|name=… content=…> of a page's head."""
    head = parse_html(html).first("head")
    return {
        (m.attrs.get("property") or m.attrs.get("name")): m.attrs.get("content", "")
        for m in head.iter("meta")
        if m.attrs.get("property") or m.attrs.get("name")
    }


def pages(site) -> list[str]:
    """URL paths of every real page of the site (not redirect stubs, not the 404 page)."""
    found = []
    for path in sorted(site.root.rglob("index.html")):
        html = path.read_text("utf-8")
        if '<meta http-equiv="refresh"' in html or "pagefind" in path.parts[0]:
            continue
        rel = path.parent.relative_to(site.root).as_posix()
        found.append("" if rel == "." else rel + "/")
    return found


# --- the period and the correction link (views, site) ---------------------------------------


def test_period_comes_from_the_sources_lists_and_certifications(catalogue):
    index = Index(catalogue)
    years_of = {l.id: l.year for l in catalogue.lists}
    published = {s.id: int(s.published[:4]) for s in catalogue.sources if s.published}
    seen_span = False
    for cluster in catalogue.clusters:
        years = {published[s] for s in cluster.sources if s in published}
        years |= {years_of[l.list] for l in cluster.listings}
        years |= {int(c.as_of[:4]) for c in cluster.certifications}
        period = cluster_period(index, cluster)
        assert (period.first, period.last) == (min(years), max(years)), cluster.id
        assert period.undated == sum(1 for s in cluster.sources if s not in published)
        seen_span |= period.first != period.last
    assert seen_span


def test_correction_url_fills_in_the_issue_form():
    url = correction_url(REPO + "/", "Fødevarer & Co", SITE_URL + "klynger/x/")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPO + "/issues/new"
    query = parse_qs(parts.query)
    assert query == {
        "template": [ISSUE_FORM],
        "title": ["Klynge: Fødevarer & Co"],
        "klynge": ["Fødevarer & Co"],
        "side": [SITE_URL + "klynger/x/"],
    }
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / ISSUE_FORM).is_file()
    form = (ROOT / ".github" / "ISSUE_TEMPLATE" / ISSUE_FORM).read_text("utf-8")
    assert "id: klynge" in form and "id: side" in form


def test_cluster_pages_link_the_issue_form_when_the_repository_is_known(catalogue):
    build = SiteBuild.load(DATA / "clusters.yaml", address=SiteAddress(SITE_URL, REPO))
    cluster = catalogue.clusters[0]
    html = build.render(f"klynger/{cluster.id}.md")
    aside = parse_html(html).first("aside")
    links = [a.attrs["href"] for a in aside.iter("a")]
    assert any(href.startswith(REPO + "/issues/new?") for href in links), links
    assert any(href.endswith("om/#bidrag") for href in links), links
    # Without a repository there is no form to link to, only the guide.
    html = SiteBuild.load(DATA / "clusters.yaml").render(f"klynger/{cluster.id}.md")
    assert "issues/new" not in html


# --- the built pages --------------------------------------------------------------------


def test_cluster_pages_state_their_period_near_the_top(site, catalogue):
    index = Index(catalogue)
    for cluster in catalogue.clusters:
        url = f"klynger/{cluster.id}/"
        article = site.content(url)
        (period,) = [p for p in article.iter("p") if "kk-period" in p.attrs.get("class", "")]
        assert f"Oplysningerne er fra {cluster_period(index, cluster).text}." in period.text(), url
        # Before the first section of facts.
        html = site.html(url)
        assert html.index("kk-period") < html.index('id="formaal"'), url


def test_empty_fields_are_explained_in_words(site, catalogue):
    no_website = next(c for c in catalogue.clusters if not c.website)
    text = site.content(f"klynger/{no_website.id}/").text()
    assert "Kilderne nævner ikke klyngens websted" in text
    assert "Ikke oplyst i kilderne" not in text


def test_generated_pages_have_a_breadcrumb_and_a_section(site, catalogue):
    from klyngekatalog.labels import LABELS

    for view in build_views(catalogue):
        t = LABELS[view.lang]
        expected = {"klynger": t.clusters, "temaer": t.fields, "cases": t.cases, "tal": t.figures}
        edition = "" if view.lang == "da" else f"{view.lang}/"
        page = site.page(view.url)
        tabs = [li for li in page.iter("li") if "md-tabs__item--active" in li.attrs.get("class", "")]
        crumbs = [n for n in page.iter("nav") if "kk-breadcrumb" in n.attrs.get("class", "")]
        if view.section is None:
            assert not crumbs, view.url
            continue
        (tab,) = tabs
        assert tab.text().strip() == expected[view.section], view.url
        (crumb,) = crumbs
        items = list(crumb.iter("li"))
        assert [li.text() for li in items] == [t.home, expected[view.section], view.title], view.url
        targets = [resolve(view.url, a.attrs["href"])[0] for a in crumb.iter("a")]
        assert targets == [edition, f"{edition}{view.section}/"], view.url
        assert items[-1].attrs.get("aria-current") == "page"


def test_only_one_tab_is_active(site):
    for url in pages(site):
        html = site.html(url)
        assert html.count("md-tabs__item--active") <= 1, url


def test_every_page_has_a_skip_link_to_its_heading(site):
    for url in pages(site) + ["404.html"]:
        page = site.page(url)
        skips = [a for a in page.iter("a") if "md-skip" in a.attrs.get("class", "")]
        assert len(skips) == 1, url
        target = skips[0].attrs["href"]
        assert target.startswith("#"), url
        assert page.by_id(target[1:]) is not None, url


def test_canonical_and_share_tags(site, catalogue):
    cluster = next(c for c in catalogue.clusters if c.description)
    for url, title in [("", "Klyngekataloget"), ("om/", "Om kataloget"), (f"klynger/{cluster.id}/", cluster.name)]:
        html = site.html(url)
        head = parse_html(html).first("head")
        (canonical,) = [l.attrs["href"] for l in head.iter("link") if l.attrs.get("rel") == "canonical"]
        assert canonical == SITE_URL + url
        tags = meta(html)
        assert tags["og:url"] == canonical
        assert tags["og:title"] == tags["twitter:title"] == title, url
        assert tags["og:description"] == tags["twitter:description"] == tags["description"]
        assert tags["og:image"] == tags["twitter:image"] == SITE_URL + "assets/delingsbillede.png"
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["og:locale"] == "da_DK"
    assert site.file("assets/delingsbillede.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_project_has_its_own_favicon_and_logo(site):
    head = parse_html(site.html("")).first("head")
    (icon,) = [l.attrs["href"] for l in head.iter("link") if l.attrs.get("rel") == "icon"]
    assert icon.endswith("assets/favicon.svg")
    for name in ("favicon.svg", "logo.svg"):
        assert site.file(f"assets/{name}").read_text("utf-8").lstrip().startswith("<svg")
    assert 'src="assets/logo.svg"' in site.html("")


def test_sitemap_lists_every_page(site):
    tree = ET.parse(site.file("sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    assert sorted(listed) == sorted(SITE_URL + url for url in pages(site))
    assert any("/klynger/robocluster/" in url for url in listed)


def test_robots_txt_names_the_sitemap(site):
    robots = site.file("robots.txt").read_text("utf-8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    assert not any(line.startswith("Disallow: /") and line != "Disallow:" for line in robots)


def test_404_page_is_danish_and_links_from_the_root(site):
    html = site.html("404.html")
    page = parse_html(html)
    assert "Siden findes ikke" in page.first("title").text()
    assert page.first("h1").text() == "Siden findes ikke"
    forms = [f for f in page.iter("form") if f.attrs.get("role") == "search"]
    assert any(f.attrs.get("action") == "/sog/" for f in forms)
    hrefs = {a.attrs.get("href") for a in page.iter("a")}
    assert {"/", "/klynger/", "/temaer/"} <= hrefs
    # Every stylesheet and script is addressed from the site's root: the page is served at any depth.
    for tag, attr in (("link", "href"), ("script", "src")):
        for el in page.iter(tag):
            if el.attrs.get(attr) and not el.attrs[attr].startswith("#"):
                assert el.attrs[attr].startswith("/"), el.attrs[attr]
    assert meta(html).get("robots") == "noindex"


@pytest.mark.build
def test_site_url_from_the_environment(subpath_site):
    """A fork or preview sets KLYNGEKATALOG_SITE_URL; a GitHub project site lives under /<repository>/."""
    out = subpath_site.require()
    html = out.html("klynger/robocluster/")
    assert f'<link rel="canonical" href="{SUBPATH_SITE_URL}klynger/robocluster/">' in html
    assert f"Sitemap: {SUBPATH_SITE_URL}sitemap.xml" in out.file("robots.txt").read_text("utf-8")
    notfound = out.html("404.html")
    assert f'href="{SUBPATH}assets/katalog.css"' in notfound
    assert f'action="{SUBPATH}sog/"' in notfound
    assert f'href="{SUBPATH}klynger/"' in notfound
