"""klyngekatalog.suggest: the fix in the message — closest ids, the valid ids when few, the id
a name with Danish letters would be, and the field an unknown key was meant to be."""

from __future__ import annotations

import time

import pytest

from klyngekatalog.suggest import as_slug, field_hint, id_hint

from conftest import Workspace

THEMES = ["energi", "byggeri", "miljoe", "foedevarer", "ikt", "service", "oplevelsesoekonomi", "produktion", "sundhed", "transport"]
ALL_THEMES = "byggeri, energi, foedevarer, ikt, miljoe, oplevelsesoekonomi, produktion, service, sundhed, transport"
CLUSTER_FIELDS = ["id", "name", "aliases", "description", "description_source", "website", "website_source", "listings", "certifications", "relations", "note", "sources"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [("fødevarer", "foedevarer"), ("Sølv", "soelv"), ("Vækst Forum Århus", "vaekst-forum-aarhus"), ("Test_Klynge", "test-klynge"),
     ("café", "cafe"), ("tеst", None), ("¤", None), ("", None)],
)
def test_the_id_a_name_would_be(name: str, slug: str | None) -> None:
    assert as_slug(name) == slug


def test_a_misspelled_theme_gets_the_closest_and_all_themes() -> None:
    assert id_hint("fodevarer", THEMES, "fagområder") == f"mente du 'foedevarer'? Gyldige fagområder: {ALL_THEMES}"


def test_a_theme_written_with_danish_letters_gets_its_id() -> None:
    assert id_hint("fødevarer", THEMES, "fagområder").startswith("mente du 'foedevarer'?")


def test_nothing_close_gives_only_the_list_when_few() -> None:
    assert id_hint("xyz", THEMES, "fagområder") == f"gyldige fagområder: {ALL_THEMES}"


def test_many_ids_are_not_listed_only_the_closest() -> None:
    clusters = [f"klynge-{n}" for n in range(5000)]
    started = time.perf_counter()
    hint = id_hint("klynge-4999x", clusters, "klynger")
    assert time.perf_counter() - started < 1.0
    assert hint.startswith("mente du 'klynge-4999'") and "Gyldige" not in hint
    assert id_hint("noget-helt-andet", clusters, "klynger") == ""


@pytest.mark.parametrize(
    ("key", "hint"),
    [("beskrivelse", "mente du 'description'?"), ("navn", "mente du 'name'?"), ("nmae", "mente du 'name'?"),
     ("hjemmeside", "mente du 'website'?"), ("descripton", "mente du 'description' eller 'description_source'?"), ("year", "")],
)
def test_an_unknown_field_gets_the_field_meant(key: str, hint: str) -> None:
    assert field_hint(key, CLUSTER_FIELDS) == hint


def test_a_new_field_changes_no_message_of_another(mini: Workspace) -> None:
    """The unknown-field message names the field meant, not every allowed field."""
    mini.append("clusters.yaml", "  - {id: test-a, name: A, sources: [pr-2013], nmae: A}\n")
    [problem] = mini.problems()
    assert problem.endswith("ukendt felt 'nmae' (stavefejl?); mente du 'name'?")


def test_the_issue_example_in_the_real_catalogue(workspace: Workspace) -> None:
    workspace.append(
        "clusters.yaml",
        "  - id: test-foedevarer\n    name: Test Fødevarer\n"
        "    listings:\n      - {list: klynger-2016, printed_name: T, theme: fødevarer}\n"
        "      - {list: klynger-2013, printed_name: T, theme: fodevarer}\n"
        "    certifications:\n      - {level: sølv, as_of: 2016-12-31, source: pr-2017}\n"
        "    sources: [pr-2013, pr-2017]\n",
    )
    assert workspace.problems() == [
        workspace.at("clusters.yaml", "fødevarer}", "'fødevarer' er ikke et gyldigt id: brug små bogstaver a-z, tal og bindestreg – som id skrives det 'foedevarer'"),
        workspace.at("clusters.yaml", "fodevarer}", f"fagområdet 'fodevarer' findes ikke; mente du 'foedevarer'? Gyldige fagområder: {ALL_THEMES}"),
        workspace.at("clusters.yaml", "sølv", "'sølv' er ikke et gyldigt id: brug små bogstaver a-z, tal og bindestreg – som id skrives det 'soelv'"),
    ]
