"""`make build` is all or nothing: a build that fails — on bad data, on a broken template, or on
a warning under --strict — leaves the previous output byte for byte as it was, and leaves no
temporary folder behind (the Makefile builds in a temporary folder next to the target and only
swaps it in when MkDocs succeeds).

The template and warning cases break a copy of the project (the real one is never touched) and
run the copy's `make build` with this project's virtualenv, the copy's own code first on the path.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from sitebuild import BuiltSite, make_build, real_site  # noqa: F401 - real_site is a fixture

pytestmark = pytest.mark.build

# What a copy of the project needs to build; the rest (the venv, built sites, tests, caches) is left out.
_IGNORE = shutil.ignore_patterns(".venv", ".git", "site", ".hypothesis", ".pytest_cache", "__pycache__", "tests", "node_modules", "tools")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, with a hash of each file's bytes."""
    result = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[key] = "symlink:" + os.readlink(path)
        elif path.is_dir():
            result[key + "/"] = "dir"
        else:
            result[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project, copied again by each test that breaks something."""
    copy = tmp_path_factory.mktemp("project") / "project"
    shutil.copytree(REPO, copy, ignore=_IGNORE)
    return copy


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(pristine, copy, symlinks=True)
    return copy


class Previous:
    """The output of an earlier, good build (a copy of the session's build of the real data),
    shared by the failing builds below: each must leave it exactly as it was."""

    def __init__(self, root: Path, source: Path):
        self.site = root / "out" / "site"
        shutil.copytree(source, self.site, symlinks=True)
        self.before = snapshot(self.site)
        self.inode = self.site.stat().st_ino


@pytest.fixture(scope="module")
def previous(real_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Previous:  # noqa: F811 - the fixture imported above
    return Previous(tmp_path_factory.mktemp("previous"), real_site.require().root)


def assert_failed_and_untouched(result: subprocess.CompletedProcess, previous: Previous) -> None:
    site = previous.site
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"build failed; {site} left as it was" in result.stderr
    assert site.stat().st_ino == previous.inode, "the output folder was replaced"
    assert snapshot(site) == previous.before
    # Nothing left beside it: no .site-build.* temporary folder and no site.previous.
    assert sorted(p.name for p in site.parent.iterdir()) == [site.name]


def test_bad_data_leaves_the_previous_site(previous: Previous, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    clusters = data / "clusters.yaml"
    clusters.write_text(clusters.read_text("utf-8").replace("\n    name: ", "\n    name: [", 1), encoding="utf-8")
    result = make_build(clusters, previous.site)
    assert_failed_and_untouched(result, previous)
    assert "Kataloget har fejl" in result.stderr
    assert "YAML-syntaksfejl" in result.stderr


def test_a_template_error_leaves_the_previous_site(project: Path, previous: Previous) -> None:
    template = project / "klyngekatalog" / "templates" / "cluster.html"
    template.write_text(template.read_text("utf-8") + "\n{{ cluster.name | findes_ikke }}\n", encoding="utf-8")
    result = make_build(project / "data" / "clusters.yaml", previous.site, project=project)
    assert_failed_and_untouched(result, previous)
    assert f"{template}\", line" in result.stderr  # the copy's broken template was the one used


def test_a_strict_warning_leaves_the_previous_site(project: Path, previous: Previous) -> None:
    (project / "docs" / "brudt.md").write_text("# Brudt\n\n[Et brudt link](findes-ikke.md)\n", encoding="utf-8")
    result = make_build(project / "data" / "clusters.yaml", previous.site, project=project)
    assert_failed_and_untouched(result, previous)
    assert "findes-ikke.md" in result.stdout + result.stderr
    assert "strict" in result.stdout + result.stderr


def test_a_first_build_that_fails_leaves_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    (data / "themes.yaml").unlink()
    site = tmp_path / "out" / "site"
    result = make_build(data / "clusters.yaml", site)
    assert result.returncode != 0
    assert "themes.yaml:1:1: filen findes ikke" in result.stderr
    assert list(site.parent.iterdir()) == []
