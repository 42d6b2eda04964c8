"""klyngekatalog.fields: what the model declares is found, and every declared reference is checked.

The reference checks are derived from the model (model.Ref), not written per field; these tests
make that hold: a reference field that the walk misses, or a reference-like field that is not
declared, fails here.
"""

from __future__ import annotations

import pytest

from conftest import DATA, DATA_FILES, Workspace
from klyngekatalog import fields, model
from klyngekatalog.catalogue import Catalogue, load_catalogue
from klyngekatalog.yamlsource import load_yaml

REAL: Catalogue = load_catalogue(DATA / "clusters.yaml")


def _first_use_of_each_reference() -> dict[str, tuple[str, tuple, str]]:
    """"Model.field" → (file, path, id) of its first value in the real catalogue."""
    found: dict[str, tuple[str, tuple, str]] = {}
    for file, file_model in model.DATA_FILES.items():
        for collection in file_model.model_fields:
            for i, record in enumerate(getattr(REAL, collection)):
                for reference in fields.references(record, (collection, i)):
                    found.setdefault(reference.field, (file, reference.path, reference.value))
    return found


FIRST_USE = _first_use_of_each_reference()


def test_the_real_catalogue_uses_every_declared_reference() -> None:
    """So that the test below exercises each of them."""
    assert set(FIRST_USE) == set(fields.declared_references())


@pytest.mark.parametrize("field", sorted(fields.declared_references()))
def test_every_declared_reference_is_checked(field: str, tmp_path) -> None:
    """An id that does not exist, put where the field's first value stands, is reported there."""
    file, path, value = FIRST_USE[field]
    workspace = Workspace(tmp_path)
    line, column = load_yaml(workspace.path(file)).locate(path)
    lines = workspace.text(file).split("\n")
    text = lines[line - 1]
    assert text[column - 1 :].startswith(value), (text, value)
    lines[line - 1] = text[: column - 1] + "findes-ikke" + text[column - 1 + len(value) :]
    workspace.write(file, "\n".join(lines))
    what = fields.declared_references()[field].what
    expected = f"{file}:{line}:{column}: {what} 'findes-ikke' findes ikke"
    assert any(p == expected or p.startswith(expected + ";") for p in workspace.problems()), workspace.problems()


def test_every_id_field_that_is_not_a_records_own_id_is_a_declared_reference() -> None:
    """A new field holding another record's id must say which records (model.Ref)."""
    undeclared = []
    for file_model in model.DATA_FILES.values():
        for record in fields.records_below(file_model):
            declared = {f.name: f for f in fields.declared_fields(record)}
            for name, info in record.model_fields.items():
                holds_slug = "a-z0-9" in repr(info.annotation) + repr(info.metadata)
                if holds_slug and name != "id" and (name not in declared or declared[name].ref is None):
                    undeclared.append(f"{record.__name__}.{name}")
    assert undeclared == []


def test_sourced_facts_and_the_list_of_sources_are_declared() -> None:
    assert {name: s.field for name, s in fields.sourced_facts(model.Cluster).items()}.items() >= {
        "description": "description_source",
        "website": "website_source",
    }.items()
    assert fields.cites_all_field(model.Cluster) == "sources"
    assert fields.cites_all_field(model.Case) is None


def test_text_fields_are_found_in_nested_records() -> None:
    found = fields.text_fields()
    assert {"Cluster.name", "Cluster.aliases", "Listing.printed_name", "Indicator.name", "Case.summary"} <= found
    assert "Cluster.website" not in found and "Cluster.id" not in found


def test_the_catalogue_has_one_collection_per_field_of_the_data_files() -> None:
    collections = [name for file_model in model.DATA_FILES.values() for name in file_model.model_fields]
    # Loaded beside the data files (translations.py) or derived while loading (where records stand).
    derived = {"translations", "untranslated", "origins", "files", "translation_origins"}
    assert sorted(collections) == sorted(f for f in Catalogue.__dataclass_fields__ if not f.endswith("by_id") and f not in derived)
    assert tuple(model.DATA_FILES) == DATA_FILES
