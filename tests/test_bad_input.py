"""Bad input: every file in tests/bad_input/ is a data file an editor (or an attacker) could
write, with its exact outcome in its header:

    # expect: exit 1
    # expect: clusters.yaml:6:11: skal være tekst

The file name says which data file it replaces (`clusters--….yaml` replaces clusters.yaml in
a copy of the catalogue cut down by conftest's Workspace.shrink, see `small`); the folder is
the category. Cases
whose outcome is "exit 0" are text that is data, not an error (HTML, Jinja, javascript: links):
test_output_safety.py checks that it comes out inert.

How a file is read and refused (syntax, encoding, size, aliases, tags, numbers) and the inert cases
run through the command line, as `make validate` does, and must never print a traceback; the
rest call load_catalogue in-process, which is the same code and much faster.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import DATA_FILES, REPO, Workspace
from klyngekatalog import yamlsource
from klyngekatalog.problems import MAX_REPORTED, CatalogueError
from klyngekatalog.yamlsource import load_yaml, parse_yaml

CORPUS = Path(__file__).resolve().parent / "bad_input"
CASES = sorted(path.relative_to(CORPUS).as_posix() for path in CORPUS.rglob("*.yaml"))
VIA_COMMAND = {"syntax", "encoding", "limits", "aliases", "tags", "inert", "numbers"}
EXPECT = b"# expect: "


# The catalogue a case is written into: conftest's `mini` with figures.yaml cut down to one
# small table too (figures.yaml is otherwise most of the parsing), so a case costs little.
SMALL_FIGURES = """\
tables:
  - id: test-tabel
    title: Testtabel
    source: pr-2013
    location: Bilag 1
    population: innovationsnetværk
    years: [2011, 2012]
    measured: {2011: 22, 2012: 22}
    sections:
      - title: Afsnit
        indicators:
          - {id: test-indikator, name: Testindikator, unit: virksomheder, values: {2011: 1, 2012: 2}}
headlines: []
"""


def small(folder: Path) -> Workspace:
    workspace = Workspace(folder).shrink()
    workspace.write("figures.yaml", SMALL_FIGURES)
    return workspace


def target_of(case: str) -> str:
    return case.split("/")[-1].split("--")[0] + ".yaml"


def via_command(case: str) -> bool:
    return case.split("/")[0] in VIA_COMMAND


def expectations(raw: bytes) -> tuple[int, list[str]]:
    """The exit status and the printed problems a corpus file states in its header."""
    lines = [line[len(EXPECT) :].decode("utf-8") for line in raw.splitlines() if line.startswith(EXPECT)]
    assert lines and lines[0] in ("exit 0", "exit 1"), "a corpus file starts its expectations with '# expect: exit N'"
    status = int(lines[0].removeprefix("exit "))
    assert (status == 0) == (len(lines) == 1), "exit 1 needs the problems, exit 0 has none"
    return status, lines[1:]


def validate_command(folder: Path) -> subprocess.CompletedProcess:
    """`python -m klyngekatalog validate clusters.yaml` run in `folder`, as `make validate` runs it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "klyngekatalog", "validate", "clusters.yaml"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_command_outcome(result: subprocess.CompletedProcess, status: int, problems: list[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == status, result.stdout + result.stderr
    if status:
        assert result.stdout.splitlines() == problems
        assert result.stderr == f"{len(problems)} fejl i kataloget\n"
    else:
        assert result.stdout.startswith("clusters.yaml: OK — "), result.stdout
        assert result.stderr == ""


@pytest.fixture
def base(tmp_path: Path) -> Workspace:
    return small(tmp_path / "data")


def test_the_base_catalogue_is_valid(base: Workspace) -> None:
    assert base.problems() == []


def test_corpus_is_large_and_mostly_run_through_the_command_line() -> None:
    assert len(CASES) >= 30
    assert len([case for case in CASES if via_command(case)]) * 3 >= len(CASES)
    assert {target_of(case) for case in CASES} <= set(DATA_FILES)


@pytest.fixture(scope="module")
def command_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[subprocess.CompletedProcess, Path]]:
    """Every command-line case, run side by side (each is a fresh Python process, which is
    most of its cost); the tests below then only look at the outcome."""
    root = tmp_path_factory.mktemp("bad-input")
    folders = {}
    for number, case in enumerate(case for case in CASES if via_command(case)):
        workspace = small(root / str(number))
        workspace.path(target_of(case)).write_bytes((CORPUS / case).read_bytes())
        folders[case] = workspace.folder
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = dict(zip(folders, pool.map(validate_command, folders.values())))
    return {case: (results[case], folders[case]) for case in folders}


@pytest.mark.parametrize("case", CASES)
def test_corpus_case(case: str, request: pytest.FixtureRequest) -> None:
    raw = (CORPUS / case).read_bytes()
    status, problems = expectations(raw)
    if via_command(case):
        result, folder = request.getfixturevalue("command_outcomes")[case]
        assert_command_outcome(result, status, problems)
    else:
        workspace = small(request.getfixturevalue("tmp_path") / "data")
        workspace.path(target_of(case)).write_bytes(raw)
        assert workspace.problems() == problems
        folder = workspace.folder
    # The python/… tag cases would create these files with an unsafe loader.
    assert not list(folder.glob("pwned*"))


def test_the_python_tag_payload_is_live(tmp_path: Path) -> None:
    """The control for the tags cases: PyYAML's unsafe loader does run the os.system payload,
    so the missing marker file in test_corpus_case means the catalogue's loader refused it."""
    text = (CORPUS / "tags" / "clusters--python-os-system.yaml").read_text("utf-8")
    script = "import sys, yaml; yaml.unsafe_load(sys.stdin.read())"
    subprocess.run([sys.executable, "-c", script], input=text, cwd=tmp_path, text=True, capture_output=True, timeout=60)
    assert (tmp_path / "pwned-os-system").exists()
    (tmp_path / "pwned-os-system").unlink()
    with pytest.raises(CatalogueError):
        parse_yaml(text, "clusters.yaml")
    assert not (tmp_path / "pwned-os-system").exists()


# --- files made at test time ------------------------------------------------------------------


def test_empty_file(base: Workspace) -> None:
    base.path("clusters.yaml").write_bytes(b"")
    assert_command_outcome(validate_command(base.folder), 1, ["clusters.yaml:1:1: filen er tom"])


def test_fifty_megabyte_file_is_refused_by_its_size(base: Workspace) -> None:
    # A valid start and 50 MiB in all (the rest a sparse hole of NUL bytes: nothing reaches the disk).
    path = base.path("clusters.yaml")
    with path.open("r+b") as stream:
        stream.truncate(50 * 1024 * 1024)
    assert_command_outcome(
        validate_command(base.folder), 1, ["clusters.yaml:1:1: filen er for stor (52.428.800 bytes; højst 20.971.520)"]
    )


def test_a_missing_sibling_file(base: Workspace) -> None:
    base.path("figures.yaml").unlink()
    assert_command_outcome(validate_command(base.folder), 1, ["figures.yaml:1:1: filen findes ikke"])


def test_a_folder_where_a_file_should_be(base: Workspace) -> None:
    base.path("themes.yaml").unlink()
    base.path("themes.yaml").mkdir()
    assert base.problems() == ["themes.yaml:1:1: er en mappe, ikke en fil"]


# --- the limits themselves (yamlsource.MAX_FILE_BYTES and MAX_DEPTH) ------------------------------


def test_size_limit_is_inclusive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "f.yaml"
    body = b"a: 1\n# "
    path.write_bytes(body + b"x" * (1000 - len(body) - 1) + b"\n")
    assert load_yaml(path, "f.yaml").data == {"a": 1}
    path.write_bytes(body + b"x" * (1000 - len(body)) + b"\n")
    with pytest.raises(CatalogueError) as caught:
        load_yaml(path, "f.yaml")
    assert [str(p) for p in caught.value.problems] == ["f.yaml:1:1: filen er for stor (1.001 bytes; højst 1.000)"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_file_without_end_is_not_read(tmp_path: Path) -> None:
    """A device says its size is 0: it is refused by what it is, before any byte is read."""
    path = tmp_path / "f.yaml"
    path.symlink_to("/dev/zero")
    assert path.stat().st_size == 0
    with pytest.raises(CatalogueError) as caught:
        load_yaml(path, "f.yaml")
    assert [str(p) for p in caught.value.problems] == ["f.yaml:1:1: er et symbolsk link; læg en almindelig fil her"]


# --- files that are not plain files (links, pipes) -----------------------------------------------

LINK = "er et symbolsk link; læg en almindelig fil her"
NOT_A_FILE = "er ikke en almindelig fil (fx en pipe eller en enhed); læg en almindelig fil her"


def test_a_sibling_that_links_to_itself(base: Workspace) -> None:
    base.path("themes.yaml").unlink()
    base.path("themes.yaml").symlink_to("themes.yaml")
    result = validate_command(base.folder)
    assert_command_outcome(result, 1, [f"themes.yaml:1:1: {LINK}"])


def test_a_link_out_of_the_data_folder_is_refused_and_not_named(base: Workspace, tmp_path: Path) -> None:
    """A link can lead anywhere on the machine that builds: neither read nor its target named."""
    secret = tmp_path / "hemmelig-mappe" / "sources.yaml"
    secret.parent.mkdir()
    secret.write_bytes(base.path("sources.yaml").read_bytes())
    base.path("sources.yaml").unlink()
    base.path("sources.yaml").symlink_to(secret)
    result = validate_command(base.folder)
    assert_command_outcome(result, 1, [f"sources.yaml:1:1: {LINK}"])
    assert "hemmelig" not in result.stdout + result.stderr


def test_the_clusters_file_itself_as_a_link(base: Workspace) -> None:
    real = base.path("rigtig.yaml")
    base.path("clusters.yaml").rename(real)
    base.path("clusters.yaml").symlink_to(real.name)
    assert_command_outcome(validate_command(base.folder), 1, [f"clusters.yaml:1:1: {LINK}"])


def test_a_pipe_is_refused_without_waiting_for_it(base: Workspace) -> None:
    """Nothing ever writes to this pipe: opening it to read would wait for ever (the command's
    timeout in validate_command would fail the test)."""
    base.path("cases.yaml").unlink()
    os.mkfifo(base.path("cases.yaml"))
    assert_command_outcome(validate_command(base.folder), 1, [f"cases.yaml:1:1: {NOT_A_FILE}"])


def test_messages_name_the_data_file_as_given_not_resolved(tmp_path: Path) -> None:
    """The folder is reached through a link: messages name it by the path given."""
    workspace = small(tmp_path / "rigtig-mappe")
    workspace.path("themes.yaml").unlink()
    (tmp_path / "via-link").symlink_to(workspace.folder)
    problems = load_problems(tmp_path / "via-link" / "clusters.yaml", tmp_path)
    assert problems == ["via-link/themes.yaml:1:1: filen findes ikke"]


def load_problems(clusters: Path, root: Path) -> list[str]:
    from klyngekatalog.catalogue import load_catalogue

    with pytest.raises(CatalogueError) as caught:
        load_catalogue(clusters, display_root=root)
    return [str(p) for p in caught.value.problems]


def nested(levels: int) -> str:
    """A mapping (one level) holding `levels - 1` nested lists."""
    return "a: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"


def test_nesting_limit_is_inclusive() -> None:
    assert parse_yaml(nested(yamlsource.MAX_DEPTH), "f.yaml").data is not None
    with pytest.raises(CatalogueError) as caught:
        parse_yaml(nested(yamlsource.MAX_DEPTH + 1), "f.yaml")
    column = 3 + yamlsource.MAX_DEPTH
    assert [str(p) for p in caught.value.problems] == [f"f.yaml:1:{column}: for dybt indlejret (mere end 20 niveauer)"]


def test_very_deep_nesting_is_refused_before_python_recursion_fails() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_yaml(nested(100_000), "f.yaml")
    assert [p.message for p in caught.value.problems] == ["for dybt indlejret (mere end 20 niveauer)"]


def test_alias_bomb_is_refused_at_its_first_anchor() -> None:
    """Nothing is expanded: the first anchor ends the parse (PyYAML's own safe_load would build
    the 10^9 references of this document before any check could run)."""
    text = (CORPUS / "aliases" / "clusters--billion-laughs.yaml").read_text("utf-8")
    with pytest.raises(CatalogueError) as caught:
        parse_yaml(text, "clusters.yaml")
    assert [p.message for p in caught.value.problems] == ["YAML-ankre (&x0) er ikke tilladt; skriv værdien ud"]
    assert text.count("*x") == 81  # 9 levels of 9 aliases: 9^9 "lol"s if expanded


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: 1\nb: x\x07y\n", "f.yaml:2:5: tegnet U+0007 er ikke tilladt i YAML"),
        ("a: \x7f\n", "f.yaml:1:4: tegnet U+007F er ikke tilladt i YAML"),
        ("a: \ufffe\n", "f.yaml:1:4: tegnet U+FFFE er ikke tilladt i YAML"),
        ("a: !!float abc\n", "f.yaml:1:4: værdien 'abc' kan ikke læses som et tal"),
        ('"a\\nb": 1\n"a\\nb": 2\n', "f.yaml:2:1: nøglen 'a\\x0ab' står to gange (første gang i linje 1)"),
    ],
)
def test_text_the_yaml_reader_refuses_is_a_located_problem(text: str, problem: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_yaml(text, "f.yaml")
    assert str(caught.value.problems[0]) == problem


def test_a_refused_key_is_not_then_called_a_duplicate() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_yaml("!!int x: 1\n!!int y: 2\n", "f.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "f.yaml:1:1: værdien 'x' kan ikke læses som et helt tal",
        "f.yaml:2:1: værdien 'y' kan ikke læses som et helt tal",
    ]


def test_safe_load_would_have_lost_data() -> None:
    """Why the loader is not yaml.safe_load: it keeps the last of two equal keys without a word."""
    text = (CORPUS / "duplicates" / "clusters--top-level-key.yaml").read_text("utf-8")
    assert [c["id"] for c in yaml.safe_load(text)["clusters"]] == ["anden-klynge"]
    with pytest.raises(CatalogueError):
        parse_yaml(text, "clusters.yaml")


# --- limits on what is reported --------------------------------------------------------------


def test_what_is_reported_is_capped_and_the_cap_is_said(base: Workspace) -> None:
    """1,200 records with four problems each: the first 1,000 are printed, and stderr says there
    are more (a million unknown keys once printed a million lines from 2 GB of memory)."""
    base.write("clusters.yaml", "clusters:\n" + "  - x: 1\n" * 1200)
    result = validate_command(base.folder)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == MAX_REPORTED == 1000
    assert lines[:4] == [
        "clusters.yaml:2:5: mangler det påkrævede felt 'id'",
        "clusters.yaml:2:5: mangler det påkrævede felt 'name'",
        "clusters.yaml:2:5: mangler det påkrævede felt 'sources'",
        "clusters.yaml:2:5: ukendt felt 'x' (stavefejl?); se de tilladte felter i CONTRIBUTING.md",
    ]
    assert result.stderr == "1000 fejl i kataloget\nder er flere fejl: kun de første 1000 er vist; ret dem, og kør igen\n"


def test_a_mapping_with_more_keys_than_any_collection_is_refused_where_it_passes_the_limit() -> None:
    text = "a:\n" + "".join(f"  k{i}: 1\n" for i in range(yamlsource.MAX_KEYS + 5))
    with pytest.raises(CatalogueError) as caught:
        parse_yaml(text, "f.yaml")
    assert [str(p) for p in caught.value.problems] == [f"f.yaml:{yamlsource.MAX_KEYS + 2}:3: for mange nøgler i én samling (mere end 100.000)"]


def test_a_translations_collection_of_thousands_of_records_is_read() -> None:
    """translations.en.yaml maps each cluster by its id: 5,000 clusters, 5,000 keys."""
    text = "clusters:\n" + "".join(f"  k{i}:\n    note: x\n" for i in range(5000))
    assert len(parse_yaml(text, "translations.en.yaml").data["clusters"]) == 5000


def test_the_yaml_reader_stops_at_the_cap_too() -> None:
    text = "- !!int x\n" * (MAX_REPORTED + 50)
    with pytest.raises(CatalogueError) as caught:
        parse_yaml(text, "f.yaml")
    assert len(caught.value.problems) == MAX_REPORTED and caught.value.truncated
