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
import signal
import subprocess
import sys
import time
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


# --- the swap, the lock and a kill (scripts/build-site with a stand-in for MkDocs) ------------
#
# What is tested here is the script around MkDocs, so MkDocs is replaced by a small script that
# writes one page, can be told to wait, and fails if a second build runs beside it.

FAKE_MKDOCS = """#!/usr/bin/env bash
set -e
site=$4  # mkdocs build --strict --site-dir SITE
if ! mkdir "$FAKE_STATE/running" 2>/dev/null; then echo "two builds at once" >&2; exit 3; fi
touch "$FAKE_STATE/started"
sleep "${FAKE_SLEEP:-0}"
printf '%s' "$FAKE_CONTENT" > "$site/index.html"
rmdir "$FAKE_STATE/running"
"""


def fake_build(tmp_path: Path, site: Path, content: str, sleep: float = 0, **popen) -> subprocess.Popen:
    state = tmp_path / "state"
    state.mkdir(exist_ok=True)
    fake = tmp_path / "fake-mkdocs"
    if not fake.exists():
        fake.write_text(FAKE_MKDOCS)
        fake.chmod(0o755)
    env = {**os.environ, "MKDOCS": str(fake), "FAKE_STATE": str(state), "FAKE_SLEEP": str(sleep), "FAKE_CONTENT": content}
    venv = REPO / ".venv"
    return subprocess.Popen(
        ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.installed", "build", f"SITE={site}"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen,
    )


def finished(process: subprocess.Popen) -> subprocess.CompletedProcess:
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_the_swap_is_one_exchange_of_folders(tmp_path: Path) -> None:
    old, new = tmp_path / "site", tmp_path / ".site-build.x"
    old.mkdir()
    (old / "index.html").write_text("gammel")
    new.mkdir()
    (new / "index.html").write_text("ny")
    inode = new.stat().st_ino
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "swap-dirs"), str(new), str(old)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert old.stat().st_ino == inode  # the new folder itself, not a copy
    assert (old / "index.html").read_text() == "ny"
    assert (new / "index.html").read_text() == "gammel"  # the old site, for the caller to remove


def test_the_swap_refuses_a_link_as_target(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "site").symlink_to("elsewhere")
    (tmp_path / "new").mkdir()
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "swap-dirs"), str(tmp_path / "new"), str(tmp_path / "site")], capture_output=True, text=True)
    assert result.returncode == 1
    assert (tmp_path / "site").is_symlink() and (tmp_path / "new").is_dir()


def test_a_killed_build_leaves_the_site_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    site = tmp_path / "out" / "site"
    assert finished(fake_build(tmp_path, site, "første")).returncode == 0
    started = tmp_path / "state" / "started"
    started.unlink()
    process = fake_build(tmp_path, site, "dræbt", sleep=60, start_new_session=True)
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # make, the script and MkDocs: no trap runs
    process.communicate(timeout=60)
    (tmp_path / "state" / "running").rmdir()
    assert (site / "index.html").read_text() == "første"
    assert len(list(site.parent.glob(".site-build.*"))) == 1  # what the killed build left
    result = finished(fake_build(tmp_path, site, "anden"))
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").read_text() == "anden"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_two_builds_at_once_take_turns(tmp_path: Path) -> None:
    """The stand-in fails when a second build runs beside it: with the lock, both succeed."""
    site = tmp_path / "out" / "site"
    first = fake_build(tmp_path, site, "a", sleep=1)
    second = fake_build(tmp_path, site, "b", sleep=1)
    results = [finished(first), finished(second)]
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert (site / "index.html").read_text() in ("a", "b")
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_site_and_data_are_paths_not_shell(tmp_path: Path) -> None:
    """SITE with spaces, quotes, $(…) and backquotes is one folder, and runs nothing."""
    site = tmp_path / 'u d$(touch pwned-make)"; touch pwned-shell; "`touch pwned-tick`' / "si te"
    result = finished(fake_build(tmp_path, site, "ok"))
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").read_text() == "ok"
    assert not list(REPO.glob("pwned*")) and not list(tmp_path.glob("pwned*"))


def test_a_template_in_a_hand_written_page_fails_the_build_and_runs_nothing(project: Path, previous: Previous) -> None:
    """Issue 10, class 7: with mkdocs-macros this printed the build user into the page."""
    marker = project / "PWNED"
    (project / "docs" / "angreb.md").write_text(
        f"---\nrender_macros: true\n---\n# Angreb\n\n{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}\n",
        encoding="utf-8",
    )
    result = make_build(project / "data" / "clusters.yaml", previous.site, project=project)
    assert_failed_and_untouched(result, previous)
    assert "docs/angreb.md: linje 3 efter forsiden: '{{ cycler.__init__.__globals__.os.popen(' er ikke tilladt" in result.stderr
    assert not marker.exists()


def test_a_linked_page_in_docs_fails_the_build_and_is_not_published(project: Path, previous: Previous, tmp_path: Path) -> None:
    """MkDocs follows links in docs/: a link to any file on the building machine would be
    published as a page."""
    secret = tmp_path / "hemmelig.md"
    secret.write_text("# Hemmeligt\n\nBYGGEMASKINENS-HEMMELIGHED\n", encoding="utf-8")
    (project / "docs" / "laek.md").symlink_to(secret)
    os.mkfifo(project / "docs" / "vent.md")
    result = make_build(project / "data" / "clusters.yaml", previous.site, project=project)
    assert_failed_and_untouched(result, previous)
    assert "docs/laek.md: er et symbolsk link; læg en almindelig fil her" in result.stderr
    assert "docs/vent.md: er ikke en almindelig fil (fx en pipe eller en enhed); læg en almindelig fil her" in result.stderr
    assert "BYGGEMASKINENS-HEMMELIGHED" not in result.stdout + result.stderr
    assert str(secret) not in result.stdout + result.stderr


def test_a_build_reports_at_most_the_cap_of_problems_and_says_so(previous: Previous, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    (data / "clusters.yaml").write_text("clusters:\n" + "  - x: 1\n" * 1200, encoding="utf-8")
    result = make_build(data / "clusters.yaml", previous.site)
    assert_failed_and_untouched(result, previous)
    assert "der er flere fejl: kun de første 1000 er vist" in result.stderr
    assert result.stderr.count("clusters.yaml:") == 1000


def test_make_validate_takes_data_as_one_path(tmp_path: Path) -> None:
    """DATA with spaces, quotes, $(…) and backquotes is one path, and runs nothing."""
    data = tmp_path / 'mine data $(shell touch pwned-make)"; touch pwned-shell; "`touch pwned-tick`'
    shutil.copytree(REPO / "data", data)
    venv = REPO / ".venv"
    result = subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.installed", "validate", f"DATA={data / 'clusters.yaml'}"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"{data / 'clusters.yaml'}: OK — ")
    assert not list(REPO.glob("pwned*")) and not list(tmp_path.glob("pwned*"))
