"""Shared helpers: a copy of the real catalogue in a temporary folder that a test can edit
as text, and exact positions of what the test wrote, so expected problems can be stated
as `FILE:LINE:COL: message` without hard-coding line numbers of the real data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from klyngekatalog.catalogue import Catalogue, load_catalogue
from klyngekatalog.index import Index
from klyngekatalog.model import DATA_FILES as MODELS
from klyngekatalog.problems import CatalogueError

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
DATA_FILES = tuple(MODELS)


class Workspace:
    """A catalogue folder (a copy of data/) that tests edit as text."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        for name in DATA_FILES:
            shutil.copyfile(DATA / name, folder / name)

    def path(self, name: str) -> Path:
        return self.folder / name

    def text(self, name: str) -> str:
        return self.path(name).read_text("utf-8")

    def write(self, name: str, text: str) -> None:
        self.path(name).write_text(text, encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        """Replace text that occurs exactly once (so the edit cannot land in the wrong place)."""
        text = self.text(name)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        self.write(name, text.replace(old, new))

    def append(self, name: str, text: str) -> None:
        """Add list items at the end of the file's last list (an empty `key: []` at the end is opened)."""
        current = self.text(name)
        assert current.endswith("\n")
        if current.endswith(": []\n"):
            current = current[: -len(" []\n")] + "\n"
        self.write(name, current + text)

    def where(self, name: str, token: str, shift: int = 0) -> tuple[int, int]:
        """1-based line and column of `token` (which must occur once in the file), plus `shift` columns."""
        text = self.text(name)
        assert text.count(token) == 1, f"{token!r} occurs {text.count(token)} times in {name}"
        index = text.index(token) + shift
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        return line, column

    def at(self, name: str, token: str, message: str, shift: int = 0) -> str:
        """The printed problem expected at `token` in file `name`."""
        line, column = self.where(name, token, shift)
        return f"{name}:{line}:{column}: {message}"

    def shrink(self) -> "Workspace":
        """Keep only the first cluster and the first table, and no cases: the same files, a tenth
        of the parsing, for tests that only need a valid catalogue to start from."""
        clusters = self.text("clusters.yaml")
        second = clusters.index("\n  - id: ", clusters.index("\n  - id: ") + 1)
        self.write("clusters.yaml", clusters[: second + 1])
        cases = self.text("cases.yaml")
        self.write("cases.yaml", cases[: cases.index("\ncases:\n")] + "\ncases: []\n")
        figures = self.text("figures.yaml")
        tables = figures.index("\ntables:\n")
        second = figures.index("\n  - id: ", figures.index("\n  - id: ", tables) + 1)
        self.write("figures.yaml", figures[: second + 1] + figures[figures.index("\nheadlines:\n") + 1 :])
        return self

    def load(self) -> Catalogue:
        return load_catalogue(self.path("clusters.yaml"), display_root=self.folder)

    def problems(self) -> list[str]:
        """Every problem as printed (file names relative to the folder); [] if the catalogue loads."""
        try:
            self.load()
        except CatalogueError as error:
            return [str(problem) for problem in error.problems]
        return []


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The real catalogue, loaded once for every test module that reads it (it is immutable)."""
    return load_catalogue(DATA / "clusters.yaml")


@pytest.fixture(scope="session")
def index(catalogue: Catalogue) -> Index:
    return Index(catalogue)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "data")


@pytest.fixture
def mini(tmp_path: Path) -> Workspace:
    """A copy of data/ cut down to one cluster, one table and no cases (see Workspace.shrink)."""
    return Workspace(tmp_path / "data").shrink()


def run_validate(data: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m klyngekatalog validate [DATA]` from the repository root, as `make validate` runs it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "klyngekatalog", "validate", *([data] if data else [])],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
