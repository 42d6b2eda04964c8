"""Property tests (Hypothesis) of the loader and validator.

1. Whatever text a data file holds — random characters, or YAML made from random data and then
   mangled — loading it either gives the catalogue or raises CatalogueError whose problems are
   located (FILE:LINE:COL inside the file, a one-line Danish message). Nothing else escapes.
2. A valid catalogue survives dump → load: yaml.safe_dump of model_dump(mode="json"), read back
   with load_catalogue, is the same model (generated clusters, and the whole real catalogue).
"""

from __future__ import annotations

import copy
import datetime
import re
from pathlib import Path
from typing import Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from conftest import DATA, DATA_FILES, Workspace
from test_bad_input import small
from klyngekatalog.catalogue import Catalogue, load_catalogue
from klyngekatalog.checks import name_key
from klyngekatalog.model import DATA_FILES as MODELS, ClustersFile, Name, Text
from klyngekatalog.problems import CatalogueError
from klyngekatalog.yamlsource import load_yaml, parse_yaml

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
FEWER = settings(SETTINGS, max_examples=50)  # each example loads all six files


def assert_located(error: CatalogueError, texts: dict[str, str]) -> None:
    """Every problem names a data file, a place inside it and a one-line message in Danish."""
    assert error.problems
    for problem in error.problems:
        assert problem.file in texts, problem
        lines = re.split(r"\r\n|\r|\n", texts[problem.file])  # as editors count lines
        assert 1 <= problem.line <= len(lines) + 1, problem
        assert problem.column >= 1, problem
        assert problem.message and "\n" not in problem.message and "\r" not in problem.message, problem
        # pydantic's own (English) messages mean a type of error without a Danish one.
        assert not problem.message.startswith(("Input should", "Value error", "Field required")), problem
        str(problem).encode("utf-8")  # printable: no lone surrogates


def parse(text: str) -> None:
    try:
        parse_yaml(text, "f.yaml")
    except CatalogueError as error:
        assert_located(error, {"f.yaml": text})


# --- 1a. random text into the YAML parser -----------------------------------------------------------

YAMLISH = st.sampled_from(
    [":", "- ", "\n", "  ", "\t", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!!python/object/apply:os.system ['x']",
     "!!int ", "!!binary ", "<<: ", "? ", "|\n", ">-\n", "'", '"', "\\", "\\ud800", "\\U00110000", "\\x", "---\n", "...\n", "%YAML 1.1\n",
     "\ufeff", "\x00", "\x07", "\x85", "\u2028", "\ud800", "é", "ø", "9" * 5000, ".nan", ".inf", "~", "yes", "2016-02-30"]
)


@SETTINGS
@given(st.text())
def test_random_text_is_parsed_or_refused_with_located_problems(text: str) -> None:
    parse(text)


@SETTINGS
@given(st.lists(st.one_of(YAMLISH, st.text(max_size=5)), max_size=40).map("".join))
def test_yaml_like_text_is_parsed_or_refused_with_located_problems(text: str) -> None:
    parse(text)


# --- 1b. random data as YAML, then mangled, into the whole loader -----------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
    st.sampled_from(["pr-2013", "klynger-2013", "energi", "guld", "2016-12-31", "https://x.dk", "omfatter"]),
)
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4), max_leaves=20)


def mangle(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply (position, characters to delete, text to insert) edits."""
    for position, delete, insert in edits:
        position %= len(text) + 1
        text = text[:position] + insert + text[position + delete :]
    return text


EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3), st.one_of(YAMLISH, st.text(max_size=3))), max_size=4)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A small valid catalogue (one cluster, one small table, no cases); each example rewrites
    one file of it and puts it back."""
    workspace = small(tmp_path_factory.mktemp("fuzz") / "data")
    assert workspace.problems() == []
    return workspace


def load(workspace: Workspace, name: str, text: str) -> Catalogue | None:
    original = workspace.text(name)
    workspace.path(name).write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        return workspace.load()
    except CatalogueError as error:
        assert_located(error, {n: workspace.path(n).read_bytes().decode("utf-8", errors="replace") for n in DATA_FILES})
        return None
    finally:
        workspace.write(name, original)


@FEWER
@given(name=st.sampled_from(DATA_FILES), content=data, edits=EDITS)
def test_random_data_in_any_file_is_loaded_or_refused_with_located_problems(folder: Workspace, name: str, content, edits) -> None:
    text = yaml.safe_dump(content, allow_unicode=True, default_flow_style=None, sort_keys=False)
    load(folder, name, mangle(text, edits))


def _paths(node, prefix: tuple = ()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


@st.composite
def mutated_file(draw, base: dict[str, object]) -> tuple[str, object]:
    """One of the small catalogue's files as data, with one to three random changes: a value
    replaced by random data, a key or item deleted, or a random key or item added."""
    name = draw(st.sampled_from(DATA_FILES))
    content = copy.deepcopy(base[name])
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from([p for p in _paths(content) if p] or [()]))
        if not path:
            break
        parent = content
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(data)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=6) | st.integers(1890, 2110))] = draw(data)
        else:
            parent.append(draw(data))
    return name, content


@pytest.fixture(scope="module")
def contents(folder: Workspace) -> dict[str, object]:
    return {name: load_yaml(folder.path(name)).data for name in DATA_FILES}


@FEWER
@given(st.data())
def test_mutated_files_are_loaded_or_refused_with_located_problems(folder: Workspace, contents: dict[str, object], drawn) -> None:
    name, content = drawn.draw(mutated_file(contents))
    load(folder, name, yaml.safe_dump(content, allow_unicode=True, sort_keys=False))


# --- 2. valid catalogues: dump → load is the same model -------------------------------------------

REAL = load_catalogue(DATA / "clusters.yaml")
LISTS = REAL.lists
THEMES = [theme.id for theme in REAL.themes]
LEVELS = [level.id for level in REAL.levels]
SOURCES = [source.id for source in REAL.sources]


def valid(kind: object) -> Callable[[str], bool]:
    adapter = TypeAdapter(kind)

    def check(value: str) -> bool:
        try:
            adapter.validate_python(value)
        except ValidationError:
            return False
        return True

    return check


# Any text the model accepts, built to be valid (no control or format characters — the model
# refuses those — and no space at either end), with YAML's own troublemakers mixed in so that
# quoting is exercised; the filter then only drops the rare remaining refusal.
TRICKY = st.sampled_from(["yes", "no", "null", "~", "2016", "2016-12-31", "1:30", "0x1F", ".inf", "- x", "a: b", "#x", "&a", "*a", "!x", "'", '"', "é\u2028ø", "{{ x }}", "<b>"])
TEXT_CHARACTERS = st.characters(exclude_categories=("Cc", "Cf", "Cs"))
names = st.one_of(TRICKY, st.text(TEXT_CHARACTERS, min_size=1, max_size=40).map(str.strip)).filter(valid(Name))
texts = st.one_of(TRICKY, st.text(TEXT_CHARACTERS | st.sampled_from("\n\t"), min_size=1, max_size=300).map(str.strip)).filter(valid(Text))
dates = st.builds(
    lambda d, parts: d.isoformat()[: {1: 4, 2: 7, 3: 10}[parts]], st.dates(min_value=datetime.date(1900, 1, 1)), st.integers(1, 3)
)
websites = st.from_regex(r"https?://[a-z0-9]{1,10}(\.[a-z]{2,6}){1,2}(/[a-z0-9_-]{0,12})?", fullmatch=True)


@st.composite
def clusters_file(draw) -> ClustersFile:
    count = draw(st.integers(1, 6))
    ids = draw(st.lists(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,2}", fullmatch=True).filter(lambda s: len(s) <= 80), min_size=count, max_size=count, unique=True))
    all_names = draw(st.lists(names, min_size=count * 3, max_size=count * 3, unique_by=name_key))
    clusters = []
    for number, cluster_id in enumerate(ids):
        name, *aliases = all_names[number * 3 : number * 3 + 3]
        aliases = aliases[: draw(st.integers(0, 2))]
        used: set[str] = set()
        listings, seen = [], set()
        for source_list in draw(st.lists(st.sampled_from(LISTS), max_size=3)):
            theme = draw(st.sampled_from(THEMES)) if source_list.themed else None
            if (source_list.id, theme) in seen:
                continue
            seen.add((source_list.id, theme))
            used.add(source_list.source)
            listings.append({"list": source_list.id, "printed_name": draw(names), "theme": theme})
        certifications = []
        for level in draw(st.lists(st.sampled_from(LEVELS), max_size=2)):
            source = draw(st.sampled_from(SOURCES))
            certification = {"level": level, "as_of": draw(dates), "source": source, "printed_name": draw(st.none() | names)}
            if certification in certifications:
                continue  # the same entry twice in a list is an error
            used.add(source)
            certifications.append(certification)
        relations = []
        others = [other for other in ids if other != cluster_id]
        for other in draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else []:
            source = draw(st.sampled_from(SOURCES))
            used.add(source)
            relations.append({"kind": "omfatter", "cluster": other, "source": source})
        cluster = {"id": cluster_id, "name": name, "aliases": aliases, "listings": listings, "certifications": certifications, "relations": relations}
        if draw(st.booleans()):
            cluster["description"] = draw(texts)
            cluster["description_source"] = draw(st.sampled_from(SOURCES))
            used.add(cluster["description_source"])
        if draw(st.booleans()):
            cluster["website"] = draw(websites)
            cluster["website_source"] = draw(st.sampled_from(SOURCES))
            used.add(cluster["website_source"])
        if draw(st.booleans()):
            cluster["note"] = draw(texts)
        extra = draw(st.lists(st.sampled_from(SOURCES), max_size=2))
        cluster["sources"] = sorted(used | set(extra)) or [SOURCES[0]]
        clusters.append(cluster)
    return ClustersFile.model_validate({"clusters": clusters})


def dump(record) -> str:
    return yaml.safe_dump(record.model_dump(mode="json"), allow_unicode=True, sort_keys=False)


@FEWER
@given(generated=clusters_file())
def test_generated_clusters_survive_dump_and_load(folder: Workspace, generated: ClustersFile) -> None:
    original = folder.text("clusters.yaml")
    folder.write("clusters.yaml", dump(generated))
    try:
        catalogue = folder.load()
    finally:
        folder.write("clusters.yaml", original)
    assert ClustersFile(clusters=catalogue.clusters) == generated


@FEWER
@given(generated=clusters_file(), edits=EDITS)
def test_mangled_valid_clusters_are_loaded_or_refused_with_located_problems(folder: Workspace, generated: ClustersFile, edits) -> None:
    load(folder, "clusters.yaml", mangle(dump(generated), edits))


def test_the_real_catalogue_survives_dump_and_load(tmp_path: Path) -> None:
    for name in MODELS:
        (tmp_path / name).write_text(dump_of(REAL, name), encoding="utf-8")
    assert load_catalogue(tmp_path / "clusters.yaml") == REAL


def dump_of(catalogue: Catalogue, name: str) -> str:
    """The file `name` of the catalogue as YAML (the catalogue keeps the records, not the files)."""
    model = MODELS[name]
    return dump(model(**{field: getattr(catalogue, field) for field in model.model_fields}))
