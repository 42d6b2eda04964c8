"""MkDocs' future: the same site builds with ProperDocs, the maintained fork of MkDocs 1.6.

ProperDocs reads mkdocs.yml as it is (given with `-f`, or found as a fallback name), loads
Material, the plugins and hooks/catalogue.py unchanged (it redirects every `mkdocs.*` import to
`properdocs.*`), and writes the same site: the only difference from the MkDocs build is the
`<meta name="generator">` line. So a move away from MkDocs is one step: swap the command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import DATA, ROOT, real_site  # noqa: F401  (real_site: the MkDocs build, shared with test_build.py)

PROPERDOCS = Path(sys.executable).parent / "properdocs"
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
PAGES = ("", "klynger/robocluster/", "tal/", "data/clusters.json")

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    if not PROPERDOCS.exists():
        pytest.fail(f"{PROPERDOCS} is missing: properdocs is pinned in requirements.txt (run make)")
    out = tmp_path_factory.mktemp("properdocs-site")
    env = dict(os.environ)
    env["KLYNGEKATALOG_DATA"] = str(DATA / "clusters.yaml")
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner
    env["DISABLE_MKDOCS_2_WARNING"] = "true"  # ProperDocs' banner (as the Makefile sets)
    result = subprocess.run(
        [str(PROPERDOCS), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"properdocs build --strict failed:\n{result.stderr}\n{result.stdout}"
    return out


def _file(root: Path, url: str) -> Path:
    return root / url / "index.html" if url == "" or url.endswith("/") else root / url


@pytest.mark.parametrize("url", PAGES, ids=lambda url: "/" + url)
def test_properdocs_builds_the_page(properdocs_site, url):
    path = _file(properdocs_site, url)
    assert path.is_file(), f"/{url} is missing from the ProperDocs build"
    assert path.stat().st_size > 0


def test_the_site_really_came_from_properdocs(properdocs_site):
    html = _file(properdocs_site, "").read_text("utf-8")
    assert "ProperDocs 1.6" in GENERATOR.search(html).group()
    robocluster = _file(properdocs_site, "klynger/robocluster/").read_text("utf-8")
    # The generated page went through the hook and the catalogue's templates.
    assert "Robocluster" in robocluster


def test_properdocs_and_mkdocs_build_the_same_site(properdocs_site, real_site):
    mkdocs_root = real_site.require().root
    mkdocs_files = {p.relative_to(mkdocs_root).as_posix() for p in mkdocs_root.rglob("*") if p.is_file()}
    properdocs_files = {p.relative_to(properdocs_site).as_posix() for p in properdocs_site.rglob("*") if p.is_file()}
    assert properdocs_files == mkdocs_files, {
        "only MkDocs": sorted(mkdocs_files - properdocs_files)[:20],
        "only ProperDocs": sorted(properdocs_files - mkdocs_files)[:20],
    }
    different = []
    for name in sorted(mkdocs_files):
        if not name.endswith((".html", ".json", ".csv", ".xml", ".js", ".css")):
            continue
        ours = (properdocs_site / name).read_bytes()
        theirs = (mkdocs_root / name).read_bytes()
        if ours != theirs and GENERATOR.sub("", ours.decode("utf-8")) != GENERATOR.sub("", theirs.decode("utf-8")):
            different.append(name)
    assert not different, f"ProperDocs and MkDocs differ in: {different[:20]}"
