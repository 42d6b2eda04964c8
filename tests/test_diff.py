"""`make diff`: what a change does to the catalogue and the site, as the Danish summary the
pull-request workflow writes to its job page. Tested on two catalogues (a copy of the real one
changed as an editor would) and against a git ref, as `make diff BASE=…` runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA_FILES, REPO, Workspace
from klyngekatalog.diff import diff

NEW_CLUSTER = (
    "  - id: test-foedevareklyngen\n"
    "    name: Test Fødevareklyngen\n"
    "    listings:\n"
    "      - {list: klynger-2016, printed_name: Test Fødevareklyngen, theme: foedevarer}\n"
    "    sources: [pr-2017]\n"
)


@pytest.fixture
def two(tmp_path: Path) -> tuple[Workspace, Workspace]:
    base = Workspace(tmp_path / "base")
    head = Workspace(tmp_path / "head")
    head.append("clusters.yaml", NEW_CLUSTER)
    head.replace("clusters.yaml", '    website: "http://www.ve-net.eu"\n', '    website: "https://www.ve-net.eu"\n')
    return base, head


def test_summary_of_an_editors_change(two) -> None:
    base, head = two
    text = diff(head.path("clusters.yaml"), base_path=base.path("clusters.yaml"))
    assert text.startswith("## Ændringer i kataloget i forhold til ")
    assert f"**Validering:** ✅ kataloget er i orden – {len(base.load().clusters) + 1} klynger" in text
    assert "- Tilføjet: `test-foedevareklyngen` `Test Fødevareklyngen`" in text
    assert "- Ændret: `ve-net` `Innovationsnetværket VE-NET` – felter: website" in text
    # The pages that change: the new cluster's, the changed one's, its theme, the table, the exports.
    for page in ("- Ny: `/klynger/test-foedevareklyngen/`", "- Ændret: `/klynger/ve-net/`", "- Ændret: `/temaer/foedevarer/`",
                 "- Ændret: `/klynger/`", "- Ændret: `/data/clusters.json`"):
        assert page in text, page
    # Pages the change does not touch are not listed.
    assert "`/klynger/offshoreenergy-dk/`" not in text and "`/cases/`" not in text


def test_a_changed_figure_is_named_with_old_and_new_value(tmp_path: Path) -> None:
    base, head = Workspace(tmp_path / "base"), Workspace(tmp_path / "head")
    text = head.text("figures.yaml")
    old = next(line for line in text.splitlines() if "values: {" in line and ": null" not in line)
    year, value = old.split("values: {", 1)[1].split(",")[0].split(": ")
    head.replace("figures.yaml", old, old.replace(f"{{{year}: {value}", f"{{{year}: {value}1", 1))
    summary = diff(head.path("clusters.yaml"), base_path=base.path("clusters.yaml"))
    assert "### Tabeller (tal)" in summary
    assert f": {value} → {value}1`" in summary and "`/tal/" in summary


def test_removed_records_and_no_change(tmp_path: Path) -> None:
    base, head = Workspace(tmp_path / "base"), Workspace(tmp_path / "head")
    assert "Ingen sider ændres." in diff(head.path("clusters.yaml"), base_path=base.path("clusters.yaml"))
    base.append("clusters.yaml", NEW_CLUSTER)
    text = diff(head.path("clusters.yaml"), base_path=base.path("clusters.yaml"))
    assert "- Fjernet: `test-foedevareklyngen`" in text and "- Fjernet: `/klynger/test-foedevareklyngen/`" in text


def test_a_head_with_errors_gets_the_validation_result(tmp_path: Path) -> None:
    base, head = Workspace(tmp_path / "base"), Workspace(tmp_path / "head")
    head.append("clusters.yaml", NEW_CLUSTER.replace("theme: foedevarer", "theme: fodevarer"))
    text = diff(head.path("clusters.yaml"), base_path=base.path("clusters.yaml"))
    assert "**Validering:** ❌ 1 fejl" in text
    assert "fagområdet 'fodevarer' findes ikke; mente du 'foedevarer'?" in text
    assert "### Sider" not in text


def test_catalogue_text_cannot_break_the_summary(tmp_path: Path) -> None:
    base, head = Workspace(tmp_path / "base"), Workspace(tmp_path / "head")
    head.append("clusters.yaml", NEW_CLUSTER.replace("name: Test Fødevareklyngen", "name: \"Test `x` <b>y</b>\""))
    text = diff(head.path("clusters.yaml"), base_path=base.path("clusters.yaml"))
    assert "`Test 'x' <b>y</b>`" in text  # inside a code span: GitHub shows it as text


def test_make_diff_against_a_git_ref(tmp_path: Path) -> None:
    """`make diff BASE=<ref>` in a repository: the catalogue at the ref against the working tree."""
    repo = tmp_path / "repo"
    workspace = Workspace(repo / "data")
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    (repo / "docs").mkdir()
    (repo / "docs" / "om.md").write_text("# Om\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "add", "data", "docs"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], cwd=repo, check=True)
    workspace.append("clusters.yaml", NEW_CLUSTER)
    (repo / "docs" / "om.md").write_text("# Om kataloget\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "klyngekatalog", "diff", "--base", "main", "data/clusters.yaml"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Ændringer i kataloget i forhold til `main`")
    assert "- Tilføjet: `test-foedevareklyngen`" in result.stdout
    # A hand-written page changed in the same branch is listed too.
    assert "- Ændret: `/om/ (håndskrevet side)`" in result.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "klyngekatalog", "diff", "--base", "findes-ikke", "data/clusters.yaml"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=120,
    )
    assert missing.returncode == 2 and "git kunne ikke finde 'findes-ikke'" in missing.stderr


def test_the_makefile_has_the_target() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert "BASE ?= origin/main" in makefile and '-m klyngekatalog diff --base "$$BASE" "$$DATA"' in makefile
