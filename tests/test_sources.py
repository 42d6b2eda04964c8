"""Newer sources: a web page (its address and the day it was read) is a source like the
documents; facts from it show the read date on the page; a read date in the future is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from klyngekatalog.render import dk_date
from klyngekatalog.site import SiteBuild

from conftest import Workspace

READ = (date.today() - timedelta(days=2)).isoformat()
WEB_SOURCE = (
    "  - id: ve-net-web\n"
    "    title: VE-NET – om netværket\n"
    "    kind: webside\n"
    "    publisher: VE-NET\n"
    "    url: https://www.ve-net.eu/om\n"
    f"    accessed: {READ}\n"
)


def _with_web_source(workspace: Workspace, accessed: str = READ) -> None:
    workspace.replace("sources.yaml", "\nlists:\n", "\n" + WEB_SOURCE.replace(READ, accessed) + "lists:\n")
    workspace.replace(
        "clusters.yaml",
        '    website: "http://www.ve-net.eu"\n    website_source: pr-2013\n',
        '    website: "https://www.ve-net.eu"\n    website_source: ve-net-web\n',
    )
    text = workspace.text("clusters.yaml")
    start = text.index("  - id: ve-net\n")
    end = text.index("    sources: [pr-2013]\n", start)
    workspace.write("clusters.yaml", text[:end] + "    sources: [pr-2013, ve-net-web]\n" + text[end + len("    sources: [pr-2013]\n"):])


def test_a_web_page_source_validates_and_shows_its_read_date(workspace: Workspace) -> None:
    _with_web_source(workspace)
    assert workspace.problems() == []
    build = SiteBuild.load(workspace.path("clusters.yaml"))
    page = build.render("klynger/ve-net.md")
    assert f'<span class="kk-read-date">(læst {dk_date(READ)})</span>' in page
    sources = build.fill_blocks("<!-- katalog:kilder -->", "om/")
    assert f'<a href="https://www.ve-net.eu/om" rel="nofollow noopener">https://www.ve-net.eu/om</a>, læst {dk_date(READ)}.' in sources


def test_a_read_date_in_the_future_is_refused(workspace: Workspace) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    _with_web_source(workspace, tomorrow)
    assert workspace.problems() == [
        workspace.at("sources.yaml", tomorrow, f"datoen {tomorrow} ligger i fremtiden; skriv den dag, du læste siden")
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace(f"    accessed: {READ}\n", ""), "en webside som kilde kræver 'accessed': den dag, du læste siden (ÅÅÅÅ-MM-DD)"),
        (lambda t: t.replace("    url: https://www.ve-net.eu/om\n", ""), "en kilde skal have 'file' (en fil i kildesamlingen) eller 'url' (en webside)"),
    ],
)
def test_a_web_page_needs_address_and_read_date(workspace: Workspace, change, message: str) -> None:
    _with_web_source(workspace)
    workspace.write("sources.yaml", change(workspace.text("sources.yaml")))
    [problem] = workspace.problems()
    assert problem == workspace.at("sources.yaml", "id: ve-net-web", message)


def test_a_read_date_is_a_whole_date(workspace: Workspace) -> None:
    _with_web_source(workspace, "2016-05")
    assert workspace.problems() == [workspace.at("sources.yaml", "2016-05", "skriv den dag, du læste siden, som ÅÅÅÅ-MM-DD")]
