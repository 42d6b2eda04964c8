"""From a page to its line: every generated page links ("Ret denne side") to the line of its
entry in data/*.yaml on the repository's site; overview pages to their file; hand-written
pages get Material's edit button for their Markdown file. The repository is overridable."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from klyngekatalog.site import SiteBuild
from sitebuild import ROOT, real_site  # noqa: F401  (session fixture)

REPO_URL = "https://github.com/klyngekataloget/klyngekataloget"
BLOB = f"{REPO_URL}/blob/main/"
EDIT_LINK = re.compile(r'<p class="kk-edit"[^>]*><a href="([^"]+)" rel="edit">Ret denne side</a>')
MATERIAL_EDIT = re.compile(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"[^>]*rel="edit"')


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def _sample(items, n=8):
    items = sorted(items)
    return random.Random(14).sample(items, min(n, len(items)))


@pytest.fixture(scope="module")
def site(real_site):  # noqa: F811
    assert real_site.result.returncode == 0, real_site.result.stderr
    return real_site.root


@pytest.fixture(scope="module")
def data():
    return {name: (ROOT / "data" / f"{name}.yaml").read_text("utf-8").splitlines() for name in ("clusters", "themes", "cases")}


@pytest.mark.parametrize(("folder", "file", "key"), [("klynger", "clusters", "clusters"), ("temaer", "themes", "themes"), ("cases", "cases", "cases")])
def test_entry_pages_link_to_the_line_of_their_entry(site, data, folder, file, key) -> None:
    ids = [item["id"] for item in yaml.safe_load((ROOT / "data" / f"{file}.yaml").read_text("utf-8"))[key]]
    assert ids
    for entry_id in _sample(ids):
        html = _page(site, f"{folder}/{entry_id}")
        [href] = EDIT_LINK.findall(html)
        prefix = f"{BLOB}data/{file}.yaml#L"
        assert href.startswith(prefix), href
        line = int(href.removeprefix(prefix))
        # The line the link points at is where the entry starts: its id.
        assert re.fullmatch(rf"\s*-?\s*\{{?\s*id: {re.escape(entry_id)}\b.*", data[file][line - 1]), (entry_id, data[file][line - 1])
        # Material's edit button goes to the same line.
        assert MATERIAL_EDIT.findall(html) == [href]


ENGLISH_EDIT_LINK = re.compile(r'<p class="kk-edit"[^>]*><a href="([^"]+)" rel="edit">Edit this page</a>')


@pytest.mark.parametrize(("folder", "key"), [("klynger", "clusters"), ("temaer", "themes"), ("cases", "cases")])
def test_english_pages_link_to_the_line_of_their_translation(site, folder, key) -> None:
    translations_file = ROOT / "data" / "translations.en.yaml"
    lines = translations_file.read_text("utf-8").splitlines()
    translated = yaml.safe_load("\n".join(lines))[key]
    assert translated
    for entry_id in _sample(translated):
        [href] = ENGLISH_EDIT_LINK.findall(_page(site, f"en/{folder}/{entry_id}"))
        prefix = f"{BLOB}data/translations.en.yaml#L"
        assert href.startswith(prefix), href
        assert lines[int(href.removeprefix(prefix)) - 1].strip() == f"{entry_id}:", (entry_id, href)


def test_an_english_page_without_translated_text_links_to_its_danish_entry(site) -> None:
    data = yaml.safe_load((ROOT / "data" / "clusters.yaml").read_text("utf-8"))
    translated = yaml.safe_load((ROOT / "data" / "translations.en.yaml").read_text("utf-8")).get("clusters", {})
    untranslated = [c["id"] for c in data["clusters"] if c["id"] not in translated]
    if not untranslated:
        pytest.skip("every cluster has English text")
    [href] = ENGLISH_EDIT_LINK.findall(_page(site, f"en/klynger/{untranslated[0]}"))
    assert href.startswith(f"{BLOB}data/clusters.yaml#L"), href


@pytest.mark.parametrize(("url", "file"), [("klynger", "clusters"), ("temaer", "themes"), ("certificeringer", "certifications"), ("cases", "cases"), ("tal", "figures")])
def test_overview_pages_link_to_their_file(site, url, file) -> None:
    assert MATERIAL_EDIT.findall(_page(site, url)) == [f"{BLOB}data/{file}.yaml"]


@pytest.mark.parametrize(("url", "file"), [("", "index.md"), ("om", "om.md")])
def test_hand_written_pages_get_materials_edit_button(site, url, file) -> None:
    html = (site / url / "index.html").read_text("utf-8")
    assert MATERIAL_EDIT.findall(html) == [f"{REPO_URL}/edit/main/docs/{file}"]


def test_no_page_asks_github_for_repository_facts(site) -> None:
    # Material fetches stars and forks from api.github.com for data-md-component="source".
    assert 'data-md-component="source"' not in _page(site, "om")


def test_a_fork_sets_its_own_repository() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "repo_url: !ENV [KLYNGEKATALOG_REPO_URL," in config
    assert "edit_uri: !ENV [KLYNGEKATALOG_EDIT_URI," in config
    build = SiteBuild.load(ROOT / "data" / "clusters.yaml", display_root=ROOT, source_url="https://github.com/fork/kopi/blob/rettelser/")
    link = build.edit_link("klynger/ve-net.md")
    assert link.url.startswith("https://github.com/fork/kopi/blob/rettelser/data/clusters.yaml#L")
    assert build.render("klynger/ve-net.md").count(link.url) == 1


def test_without_a_repository_or_outside_it_there_is_no_link(tmp_path) -> None:
    assert SiteBuild.load(ROOT / "data" / "clusters.yaml", display_root=ROOT).edit_link("klynger/ve-net.md") is None
    outside = SiteBuild.load(ROOT / "data" / "clusters.yaml", display_root=tmp_path, source_url=BLOB)
    assert outside.edit_link("klynger/ve-net.md") is None
    assert "Ret denne side" not in outside.render("klynger/ve-net.md")
