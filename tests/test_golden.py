"""Golden test: what `python -m klyngekatalog validate` prints for deliberately broken catalogues.

tests/fixtures/broken/        shape and reference errors in all six files (every file can be read)
tests/fixtures/broken-syntax/ files that cannot be read at all (duplicate keys, a Python tag, a merge
                              key, a tab); each stops only itself: the readable files are still
                              cross-checked, except references into the unreadable ones
tests/fixtures/mixed/         a new editor's first try: records with shape errors and cross-record
                              errors at once, all reported in one run, each with its suggested fix
Every line where a problem is expected is marked `# FEJL` in the fixture.

The expected output is in tests/golden/<name>.txt, with paths relative to the repository root.
After a deliberate change to messages or fixtures, regenerate it and review the diff by eye:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_validate

REPO = Path(__file__).resolve().parent.parent
FIXTURES = ("broken", "broken-syntax", "mixed")


@pytest.fixture(scope="module", params=FIXTURES)
def run(request: pytest.FixtureRequest) -> tuple[str, subprocess.CompletedProcess[str]]:
    name = request.param
    return name, run_validate(f"tests/fixtures/{name}/clusters.yaml")


def test_output_matches_golden_file(run: tuple[str, subprocess.CompletedProcess[str]]) -> None:
    name, result = run
    golden = REPO / "tests" / "golden" / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text("utf-8")


def test_exit_status_and_no_traceback(run: tuple[str, subprocess.CompletedProcess[str]]) -> None:
    _, result = run
    assert result.returncode == 1
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    count = len(result.stdout.splitlines())
    assert result.stderr == f"{count} fejl i kataloget\n"


def test_every_line_is_a_located_problem_in_the_fixture(run: tuple[str, subprocess.CompletedProcess[str]]) -> None:
    name, result = run
    for line in result.stdout.splitlines():
        assert re.fullmatch(rf"tests/fixtures/{re.escape(name)}/[a-z]+\.yaml:[1-9][0-9]*:[1-9][0-9]*: \S.*", line), line


def test_marked_lines_and_reported_lines_agree(run: tuple[str, subprocess.CompletedProcess[str]]) -> None:
    """Each `# FEJL` line gets at least one problem, and no problem lands on an unmarked line."""
    name, result = run
    folder = REPO / "tests" / "fixtures" / name
    marked = {
        (path.name, number)
        for path in folder.glob("*.yaml")
        for number, text in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if "# FEJL" in text
    }
    reported = set()
    for line in result.stdout.splitlines():
        file, number, _ = line.split(":", 2)
        reported.add((Path(file).name, int(number)))
    assert reported == marked


def test_enough_distinct_errors() -> None:
    stdout = (REPO / "tests" / "golden" / "broken.txt").read_text("utf-8")
    lines = stdout.splitlines()
    assert len(set(lines)) == len(lines) >= 15
    files = {line.split(":", 1)[0].rsplit("/", 1)[1] for line in lines}
    assert files == {"clusters.yaml", "sources.yaml", "themes.yaml", "certifications.yaml", "cases.yaml", "figures.yaml"}


def test_contributing_quotes_real_messages() -> None:
    """The table of messages in CONTRIBUTING.md quotes what the validator really says: each
    message (up to a '…', and after a date, which differs from case to case) is one that the
    golden files or the tests expect verbatim."""
    contributing = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    table = contributing.split("## Beskeder, du kan møde", 1)[1].split("\n## ", 1)[0]
    quoted = [cell for row in table.splitlines() if row.startswith("| `") for cell in re.findall(r"`([^`]+)`", row.split(" | ")[0])]
    assert len(quoted) >= 20
    sources = [*(REPO / "tests" / "golden").glob("*.txt"), *(REPO / "tests").glob("test_*.py"), *(REPO / "tests" / "bad_input").rglob("*.yaml")]
    expected = "\n".join(path.read_text("utf-8", errors="replace") for path in sources).replace("{P}", "YAML-syntaksfejl: ").replace("\\'", "'")
    unquoted = [m for m in quoted if re.split(r"\d{4}-\d{2}-\d{2}", m.split("…")[0])[-1].strip() not in expected]
    assert unquoted == []
