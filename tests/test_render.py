"""Rendering helpers: Danish numbers and dates, relative links, and the escaping templates."""

from __future__ import annotations

import dataclasses
from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klyngekatalog.render import Renderer, dk_date, dk_number, relative_url
from klyngekatalog.index import Index
from klyngekatalog.views import PageView, ThemesIndexPage, build_views, case_page, cluster_page, theme_page

from sitebuild import DATA, PAYLOAD, PAYLOAD_NAME, parse_html

MINUS = "\u2212"


# --- dk_number ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (16520, None, "16.520"),
        (16520.0, None, "16.520"),
        (316.6, None, "316,6"),
        (7.0, 1, "7,0"),
        (7, 1, "7,0"),
        (7.0, None, "7"),
        (0, None, "0"),
        (0.5, 2, "0,50"),
        (118.1, None, "118,1"),
        (1234567, None, "1.234.567"),
        (1234567.25, None, "1.234.567,25"),
        (2.25, 0, "2"),
        (None, None, "–"),
        (None, 2, "–"),
    ],
)
def test_dk_number(value, decimals, expected):
    assert dk_number(value, decimals) == expected


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (-5, None, MINUS + "5"),
        (-16520, None, MINUS + "16.520"),
        (-1234.5, 1, MINUS + "1.234,5"),
        (-0.25, None, MINUS + "0,25"),
    ],
)
def test_dk_number_negative_uses_the_minus_sign(value, decimals, expected):
    assert dk_number(value, decimals) == expected
    assert "-" not in dk_number(value, decimals)


def test_dk_number_dash_for_missing_is_an_en_dash():
    assert dk_number(None) == "\u2013"


@pytest.mark.parametrize("value, expected", [(0.00001, "0,00001"), (0.000015, "0,000015")])
def test_dk_number_small_values(value, expected):
    assert dk_number(value) == expected


# --- dk_date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2016-12-31", "31. december 2016"),
        ("2017-01-01", "1. januar 2017"),
        ("2013-05-07", "7. maj 2013"),
        ("2013-05", "maj 2013"),
        ("2012-03", "marts 2012"),
        ("2013", "2013"),
    ],
)
def test_dk_date(value, expected):
    assert dk_date(value) == expected


def test_dk_date_every_month():
    months = [dk_date(f"2016-{m:02d}") for m in range(1, 13)]
    assert months == [
        f"{name} 2016"
        for name in ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
    ]


# --- relative_url -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target, page_url, expected",
    [
        ("om/", "klynger/robocluster/", "../../om/"),
        ("klynger/clean/", "klynger/inno-se/", "../../klynger/clean/"),
        ("temaer/energi/", "klynger/clean/", "../../temaer/energi/"),
        ("data/clusters.json", "klynger/clean/", "../../data/clusters.json"),
        ("cases/x/", "cases/", "../cases/x/"),
        ("cases/", "cases/", "../cases/"),
        ("klynger/clean/", "klynger/clean/", "../../klynger/clean/"),
        ("", "klynger/clean/", "../../"),
        ("", "", "./"),
        ("certificeringer/", "tal/", "../certificeringer/"),
        ("klynger/clean/", "", "klynger/clean/"),
        ("om/", "", "om/"),
    ],
)
def test_relative_url(target, page_url, expected):
    assert relative_url(target, page_url) == expected


_segment = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,4})?", fullmatch=True)
_dir_url = st.lists(_segment, min_size=0, max_size=3).map(lambda parts: "".join(p + "/" for p in parts))
_file_url = st.tuples(_dir_url, _segment).map(lambda t: f"{t[0]}{t[1]}.json")


@given(target=st.one_of(_dir_url, _file_url), page_url=_dir_url)
def test_relative_url_resolves_to_the_target(target, page_url):
    """Whatever the nesting, a browser on `page_url` following the link lands on `target`."""
    base = "https://example.org/site/"
    link = relative_url(target, page_url)
    assert not link.startswith("/")
    assert urljoin(base + page_url, link) == base + target


# --- templates: catalogue text is text ------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue():
    from klyngekatalog.catalogue import load_catalogue

    return load_catalogue(DATA / "clusters.yaml")


def test_every_view_renders(catalogue):
    renderer = Renderer()
    for view in build_views(catalogue):
        headings = [h.text() for h in parse_html(renderer.render(view)).iter("h1")]
        assert headings == [view.title], view.path


def test_templates_escape_catalogue_text(catalogue):
    """Rendering alone (no MkDocs): the payload in a name, description, summary comes out as text."""
    case = next(c for c in catalogue.cases if catalogue.cluster_by_id[c.cluster].listings)
    cluster = catalogue.cluster_by_id[case.cluster]
    evil = cluster.model_copy(update={"name": PAYLOAD_NAME, "description": PAYLOAD, "description_source": cluster.sources[0]})
    evil_case = case.model_copy(update={"summary": PAYLOAD})
    evil_catalogue = dataclasses.replace(
        catalogue,
        clusters=tuple(evil if c.id == cluster.id else c for c in catalogue.clusters),
        cases=tuple(evil_case if c.id == case.id else c for c in catalogue.cases),
    )
    index = Index(evil_catalogue)
    renderer = Renderer()
    views = [cluster_page(index, evil), case_page(index, evil_case)]
    views += [theme_page(index, evil_catalogue.theme_by_id[t]) for t in index.latest_themes(evil)]
    for view in views:
        html = renderer.render(view)
        assert "<script" not in html and "<img" not in html and "<b>" not in html, view.path
        assert 'href="javascript:' not in html, view.path
        assert "{{ 7*7 }}" in html and "49" not in html, view.path
    cluster_html = renderer.render(views[0])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cluster_html
    page = parse_html(cluster_html)
    assert page.first("h1").text() == PAYLOAD_NAME
    assert PAYLOAD in [p.text() for p in page.iter("p")]


def test_paragraphs_split_on_blank_lines(catalogue):
    cluster = next(c for c in catalogue.clusters if c.description)
    two = cluster.model_copy(update={"description": "Første afsnit.\n\nAndet & sidste afsnit."})
    changed = dataclasses.replace(catalogue, clusters=tuple(two if c.id == two.id else c for c in catalogue.clusters))
    html = Renderer().render(cluster_page(Index(changed), two))
    assert "<p>Første afsnit.</p>" in html
    assert "<p>Andet &amp; sidste afsnit.</p>" in html


def test_links_in_a_rendered_page_are_relative_to_it(catalogue):
    view = next(v for v in build_views(catalogue) if v.path == "klynger/clean.md")
    html = Renderer().render(view)
    hrefs = {a.attrs["href"] for a in parse_html(html).iter("a")}
    assert "../../klynger/inno-se/" in hrefs and "../../klynger/inno-mt/" in hrefs
    assert "../../temaer/energi/" in hrefs
    assert "../../data/clusters.json" in hrefs
    assert not any(h.startswith("/") for h in hrefs)


def test_page_view_for_hand_written_home_has_empty_url():
    assert PageView("index.md", "Forside", ThemesIndexPage((), ())).url == ""
