"""The committed JSON Schemas in schema/ (editor completion) and the data files' link to them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from klyngekatalog import schema
from klyngekatalog.yamlsource import load_yaml

REPO = Path(__file__).resolve().parent.parent
DATA_FILES = ("clusters.yaml", "sources.yaml", "themes.yaml", "certifications.yaml", "cases.yaml", "figures.yaml")


def as_json(data: object) -> object:
    """The data as an editor's YAML language server sees it: JSON, so keys are text."""
    return json.loads(json.dumps(data))


def test_schema_folder_is_the_one_in_the_repository() -> None:
    assert schema.SCHEMA_FOLDER == REPO / "schema"


# Each data file's schema, and one for the translations files of every other language.
SCHEMA_OF = {name: name.removesuffix(".yaml") + ".schema.json" for name in DATA_FILES} | {"translations.en.yaml": "translations.schema.json"}


def test_one_schema_per_data_file() -> None:
    expected = set(SCHEMA_OF.values())
    assert set(schema.schemas()) == expected
    assert {p.name for p in (REPO / "schema").glob("*.json")} == expected


def test_committed_schemas_are_up_to_date() -> None:
    assert schema.stale_files() == []


def test_stale_files_sees_a_changed_or_missing_schema(tmp_path: Path) -> None:
    schema.write(tmp_path)
    assert schema.stale_files(tmp_path) == []
    (tmp_path / "themes.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "cases.schema.json").unlink()
    assert sorted(schema.stale_files(tmp_path)) == ["cases.schema.json", "themes.schema.json"]


def test_rendering_is_stable_and_readable() -> None:
    for name, content in schema.schemas().items():
        text = schema.render(content)
        assert text.endswith("}\n")
        assert json.loads(text) == content
        assert content["$id"] == name
        assert content["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", SCHEMA_OF)
def test_data_file_links_its_schema(name: str) -> None:
    first_line = (REPO / "data" / name).read_text("utf-8").splitlines()[0]
    schema_name = SCHEMA_OF[name]
    assert first_line == f"# yaml-language-server: $schema=../schema/{schema_name}"
    assert (REPO / "data" / "../schema" / schema_name).resolve().is_file()


@pytest.fixture(scope="module")
def documents() -> dict[str, object]:
    """Each data file as JSON data (parsed once for all the tests below)."""
    return {name: as_json(load_yaml(REPO / "data" / name).data) for name in SCHEMA_OF}


@pytest.mark.parametrize("name", SCHEMA_OF)
def test_real_data_validates_against_the_committed_schema(documents: dict[str, object], name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    content = json.loads((REPO / "schema" / SCHEMA_OF[name]).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(content)
    validator = jsonschema.Draft202012Validator(content)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(documents[name])]
    assert errors == []


def test_committed_schema_refuses_what_the_model_refuses() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    content = json.loads((REPO / "schema" / "clusters.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(content)
    good = {"clusters": [{"id": "alfa", "name": "Alfa", "sources": ["pr-2013"]}]}
    assert list(validator.iter_errors(good)) == []
    for bad in (
        {"clusters": [{"id": "Alfa", "name": "Alfa", "sources": ["pr-2013"]}]},
        {"clusters": [{"id": "alfa", "name": 123, "sources": ["pr-2013"]}]},
        {"clusters": [{"id": "alfa", "name": "Alfa", "sources": []}]},
        {"clusters": [{"id": "alfa", "name": "Alfa", "sources": ["pr-2013"], "beskrivelse": "x"}]},
        {"clusters": [{"id": "alfa", "name": "Alfa", "sources": ["pr-2013"], "website": "javascript:alert(1)"}]},
    ):
        assert list(validator.iter_errors(bad)) != [], bad
