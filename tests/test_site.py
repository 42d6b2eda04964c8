"""Hand-written pages reach the catalogue's numbers and nothing else: `{{ katalog.NAME }}` is
filled in by one pattern (no template engine), and anything else that looks like a template
fails the build (mkdocs-macros once let `{{ cycler.__init__.__globals__.os.popen('id').read() }}`
in a page of docs/ print the build user into the site)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import REPO
from klyngekatalog.site import PageTemplateError, SiteBuild


@pytest.fixture(scope="module")
def build() -> SiteBuild:
    return SiteBuild.load(REPO / "data" / "clusters.yaml")


def test_the_numbers_are_filled_in(build: SiteBuild) -> None:
    numbers = build.macro_variables()
    page = "- **{{ katalog.antal_klynger }}** klynger, {{katalog.antal_cases}} cases\n## Kilder {#kilder}\n"
    assert build.fill_numbers(page, "docs/x.md") == (
        f"- **{numbers['antal_klynger']}** klynger, {numbers['antal_cases']} cases\n## Kilder {{#kilder}}\n"
    )


def test_every_number_the_pages_use_is_there(build: SiteBuild) -> None:
    assert set(build.macro_variables()) == {
        "antal_klynger", "antal_fagomraader", "antal_cases", "antal_kilder",
        "antal_beskrevne", "antal_med_websted", "antal_certificerede",
    }
    assert all(type(value) is int for value in build.macro_variables().values())


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        ("A\n{{ cycler.__init__.__globals__.os.popen('id').read() }}\n",
         "docs/x.md: linje 2 efter forsiden: '{{ cycler.__init__.__globals__.os.popen(' er ikke tilladt; en side kan kun bruge katalogets tal, fx {{ katalog.antal_klynger }}"),
        ("{% for x in range(10**9) %}{% endfor %}",
         "docs/x.md: linje 1 efter forsiden: '{% for x in range(10**9) %}{% endfor %}' er ikke tilladt; en side kan kun bruge katalogets tal, fx {{ katalog.antal_klynger }}"),
        ("{{ katalog.antal_klynger.__class__ }}",
         "docs/x.md: linje 1 efter forsiden: '{{ katalog.antal_klynger.__class__ }}' er ikke tilladt; en side kan kun bruge katalogets tal, fx {{ katalog.antal_klynger }}"),
        ("{{ katalog.antal_klynger | e }}",
         "docs/x.md: linje 1 efter forsiden: '{{ katalog.antal_klynger | e }}' er ikke tilladt; en side kan kun bruge katalogets tal, fx {{ katalog.antal_klynger }}"),
        ("{{ katalog.findes_ikke }}",
         "docs/x.md: linje 1 efter forsiden: 'katalog.findes_ikke' findes ikke; brug en af: katalog.antal_klynger, katalog.antal_fagomraader, katalog.antal_cases, katalog.antal_kilder, katalog.antal_beskrevne, katalog.antal_med_websted, katalog.antal_certificerede"),
    ],
)
def test_anything_but_a_number_fails(build: SiteBuild, page: str, problem: str) -> None:
    with pytest.raises(PageTemplateError) as caught:
        build.fill_numbers(page, "docs/x.md")
    assert str(caught.value) == problem


def test_no_template_engine_reads_the_pages() -> None:
    """mkdocs-macros is neither configured nor a dependency: a page cannot opt in to it."""
    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml's own tags (!ENV, !!python/name:…) are read as plain values here.
    _Loader.add_multi_constructor("", lambda loader, tag, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, tag, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "macros" not in names
    assert "mkdocs-macros" not in (REPO / "requirements.in").read_text("utf-8")


def test_the_hand_written_pages_use_only_numbers(build: SiteBuild) -> None:
    for path in sorted((REPO / "docs").glob("*.md")):
        text = path.read_text("utf-8")
        if "render_macros: true" in text:
            build.fill_numbers(text.split("---", 2)[2], str(path))  # raises on anything else


def test_links_and_pipes_are_found_and_named_as_given(tmp_path: Path) -> None:
    from klyngekatalog.site import not_plain_files

    docs = tmp_path / "docs"
    (docs / "under").mkdir(parents=True)
    (docs / "side.md").write_text("# Side\n")
    (docs / "link.md").symlink_to("/etc/hostname")
    (docs / "mappe-link").symlink_to(tmp_path)
    (docs / "under" / "lokal.md").symlink_to("../side.md")
    import os

    os.mkfifo(docs / "under" / "pipe.md")
    assert not_plain_files(docs, "docs") == [
        "docs/link.md: er et symbolsk link; læg en almindelig fil her",
        "docs/mappe-link: er et symbolsk link; læg en almindelig fil her",
        "docs/under/lokal.md: er et symbolsk link; læg en almindelig fil her",
        "docs/under/pipe.md: er ikke en almindelig fil (fx en pipe eller en enhed); læg en almindelig fil her",
    ]
    assert not_plain_files(REPO / "docs", "docs") == []
