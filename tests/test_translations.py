"""klyngekatalog.translations: the other languages' files fit the catalogue; gaps are listed, not errors."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import DATA, Workspace, run_validate
from klyngekatalog import translations
from klyngekatalog.catalogue import load_catalogue
from klyngekatalog.fields import text_fields

EN = "translations.en.yaml"


@pytest.fixture
def translated(tmp_path) -> Workspace:
    """A copy of data/ with its English translations."""
    workspace = Workspace(tmp_path / "data")
    shutil.copyfile(DATA / EN, workspace.path(EN))
    return workspace


def test_the_real_catalogue_loads_its_english_translations() -> None:
    catalogue = load_catalogue(DATA / "clusters.yaml")
    english = catalogue.translations["en"]
    assert english.themes["energi"].name == "Energy"
    assert english.tables["innovationsnetvaerk-2007-2012"].sections[0].indicators["nye-produkter-i-alt"].unit == "firms"


def test_the_file_shape_is_derived_from_the_model() -> None:
    model = translations.translations_file_model()
    assert set(model.model_fields) == {"sources", "lists", "themes", "levels", "activity_areas", "cases", "tables", "headlines", "clusters"}
    cluster = translations.translation_model(__import__("klyngekatalog.model", fromlist=["Cluster"]).Cluster)
    assert set(cluster.model_fields) == {"description", "note", "relations"}  # names as printed are not translated


def test_only_texts_of_the_catalogues_own_words_are_translated() -> None:
    from klyngekatalog import model
    from klyngekatalog.fields import declared_fields, records_below

    translated = {
        f"{record.__name__}.{field.name}"
        for file_model in model.DATA_FILES.values()
        for record in records_below(file_model)
        for field in declared_fields(record)
        if field.translated
    }
    assert translated <= text_fields()
    printed = {"Cluster.name", "Cluster.aliases", "Listing.printed_name", "Source.title", "PrintedName.name", "Case.companies"}
    assert not translated & printed


def test_a_missing_translation_is_listed_at_the_danish_text_not_an_error(translated: Workspace) -> None:
    translated.replace(EN, "  energi:\n    name: Energy\n", "  energi:\n")
    catalogue = translated.load()
    line, column = translated.where("themes.yaml", "id: energi\n    name: Energi", shift=len("id: energi\n    name: "))
    assert [str(note) for note in catalogue.untranslated] == [
        f"themes.yaml:{line}:{column}: teksten findes kun på dansk (mangler i translations.en.yaml)"
    ]


def test_without_a_translations_file_everything_is_untranslated(workspace: Workspace) -> None:
    catalogue = workspace.load()
    assert catalogue.translations["en"].themes == {}
    assert len(catalogue.untranslated) > 100


def test_an_unknown_id_is_a_located_problem(translated: Workspace) -> None:
    translated.replace(EN, "  energi:\n    name: Energy\n", "  energy:\n    name: Energy\n")
    assert translated.at(EN, "energy:", "der er ingen post med id 'energy' i themes.yaml") in translated.problems()


def test_an_unknown_field_is_a_located_problem(translated: Workspace) -> None:
    translated.replace(EN, "  energi:\n    name: Energy\n", "  energi:\n    titel: Energy\n")
    assert any(p.startswith(translated.at(EN, "titel:", "ukendt felt 'titel'")) for p in translated.problems())


def test_a_translation_of_an_empty_danish_text_is_a_problem(translated: Workspace) -> None:
    data = yaml.safe_load(translated.text("clusters.yaml"))
    bare = next(c["id"] for c in data["clusters"] if "note" not in c and "description" not in c)
    translated.replace(EN, "\nclusters:\n", f"\nclusters:\n  {bare}:\n    note: A note the Danish entry does not have.\n")
    assert translated.at(EN, "note: A note the Danish", "der er ingen dansk tekst at oversætte ('note' er tom i clusters.yaml)", shift=len("note: ")) in translated.problems()


def test_sections_must_match_the_danish_list(translated: Workspace) -> None:
    text = translated.text(EN)
    start = text.index("    - title: 1.2 ")
    end = text.index("    - title: ", start + 1)
    translated.write(EN, text[:start] + text[end:])
    assert any("skal have 5 punkter i samme rækkefølge som i figures.yaml (har 4)" in p or "punkter i samme rækkefølge" in p for p in translated.problems())


def test_validate_counts_the_untranslated_texts_in_its_summary_line(translated: Workspace) -> None:
    translated.replace(EN, "  energi:\n    name: Energy\n", "  energi:\n")
    result = run_validate(str(translated.path("clusters.yaml")))
    assert result.returncode == 0
    assert result.stdout.count("\n") == 1
    assert "; 1 tekster findes kun på dansk" in result.stdout
