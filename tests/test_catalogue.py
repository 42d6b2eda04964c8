"""klyngekatalog.catalogue: loading every file, shape problems with positions and messages,
keeping valid records when others are broken, and Problem / CatalogueError themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Workspace

from klyngekatalog.catalogue import Catalogue, load_catalogue
from klyngekatalog.problems import CatalogueError, Problem

C = "clusters.yaml"


# --- Problem and CatalogueError ------------------------------------------------------------


SOURCES = "gyldige kilder: ced-resultater, nyhed-2012, pr-2013, pr-2017, strategi-2013"
THEMES = "gyldige fagområder: byggeri, energi, foedevarer, ikt, miljoe, oplevelsesoekonomi, produktion, service, sundhed, transport"


def test_problem_prints_as_file_line_column_message() -> None:
    assert str(Problem("data/clusters.yaml", 12, 5, "noget er galt")) == "data/clusters.yaml:12:5: noget er galt"


def test_catalogue_error_sorts_by_position_and_drops_repeats() -> None:
    error = CatalogueError(
        [
            Problem("b.yaml", 1, 1, "x"),
            Problem("a.yaml", 10, 1, "y"),
            Problem("a.yaml", 9, 30, "z"),
            Problem("a.yaml", 10, 1, "y"),
        ]
    )
    assert error.problems == (Problem("a.yaml", 9, 30, "z"), Problem("a.yaml", 10, 1, "y"), Problem("b.yaml", 1, 1, "x"))
    assert str(error) == "a.yaml:9:30: z\na.yaml:10:1: y\nb.yaml:1:1: x"


# --- loading -------------------------------------------------------------------------------


def test_copy_of_the_real_data_loads(workspace: Workspace) -> None:
    catalogue = workspace.load()
    assert isinstance(catalogue, Catalogue)
    assert catalogue.cluster_by_id["offshoreenergy-dk"].name == "Offshoreenergy.dk"
    assert catalogue.source_by_id["pr-2013"].kind == "rapport"
    assert catalogue.list_by_id["klynger-2013"].printed_count == 54
    assert set(catalogue.theme_by_id) == {t.id for t in catalogue.themes}
    assert set(catalogue.level_by_id) == {"guld", "soelv", "bronze", "eu-kvalitetsmaerke"}
    assert set(catalogue.case_by_id) == {c.id for c in catalogue.cases}
    assert set(catalogue.area_by_id) == {a.id for a in catalogue.activity_areas}
    with pytest.raises(TypeError):
        catalogue.cluster_by_id["x"] = None  # type: ignore[index]


def test_clusters_file_may_have_another_name(mini: Workspace) -> None:
    other = mini.path("udkast.yaml")
    record = "  - {id: test-udkast, name: Test Udkast, sources: [kilde-findes-ikke]}\n"
    other.write_text(mini.text(C) + record, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(str(other), display_root=mini.folder)
    line, column = mini.text(C).count("\n") + 1, record.index("kilde-findes-ikke") + 1
    assert [str(p) for p in caught.value.problems] == [f"udkast.yaml:{line}:{column}: kilden 'kilde-findes-ikke' findes ikke; {SOURCES}"]


def test_file_names_in_problems(mini: Workspace, tmp_path: Path) -> None:
    mini.path("themes.yaml").unlink()
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(mini.path(C))
    assert [p.file for p in caught.value.problems] == [str(mini.path("themes.yaml"))]
    # A display root that is not a parent of the files leaves the path as given.
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(mini.path(C), display_root=tmp_path / "elsewhere")
    assert [p.file for p in caught.value.problems] == [str(mini.path("themes.yaml"))]
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(mini.path(C), display_root=tmp_path)
    assert [p.file for p in caught.value.problems] == ["data/themes.yaml"]


def test_missing_sibling_file(mini: Workspace) -> None:
    mini.path("figures.yaml").unlink()
    assert mini.problems() == ["figures.yaml:1:1: filen findes ikke"]


def test_missing_clusters_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path / "clusters.yaml", display_root=tmp_path)
    assert [str(p) for p in caught.value.problems] == [f"{name}:1:1: filen findes ikke" for name in sorted(
        ["clusters.yaml", "sources.yaml", "themes.yaml", "certifications.yaml", "cases.yaml", "figures.yaml"]
    )]


def test_file_without_top_level_fields(mini: Workspace) -> None:
    mini.write("themes.yaml", "- energi\n- miljoe\n")
    assert mini.problems() == ["themes.yaml:1:1: filen skal indeholde felter på øverste niveau (fx 'clusters:')"]


def test_syntax_error_in_a_sibling_stops_only_that_file(mini: Workspace) -> None:
    """A file that cannot be read stops only itself: the other files are still checked against
    each other in the same run; references into the unreadable file are left for the next run."""
    mini.write("themes.yaml", mini.text("themes.yaml") + "themes: []\n")
    mini.append(C, "  - {id: test-a, name: 123, sources: [pr-2013]}\n")
    mini.append(C, "  - {id: test-b, name: Test B, sources: [kilde-findes-ikke]}\n")
    mini.append(C, "  - {id: test-c, name: Test C, sources: [pr-2013], listings: [{list: klynger-2013, printed_name: C, theme: tema-findes-ikke}]}\n")
    assert mini.problems() == [
        mini.at(C, "123", "skal være tekst"),
        mini.at(C, "kilde-findes-ikke", f"kilden 'kilde-findes-ikke' findes ikke; {SOURCES}"),
        mini.at("themes.yaml", "themes: []", "nøglen 'themes' står to gange (første gang i linje 2)"),
    ]


# --- shape problems: messages and positions --------------------------------------------------

BROKEN_CLUSTER = """\
  - id: Test_Klynge
    name: 123
    aliases: Et andet navn
    beskrivelse: En beskrivelse under et dansk feltnavn.
    website: "javascript:alert(1)"
    note: "Skjult \\u202e tekst"
    listings:
      - klynger-2013
      - {list: klynger-2013, theme: energi}
    certifications:
      - {level: guld, as_of: 2016-02-30, source: pr-2017}
    relations:
      - {kind: indeholder, cluster: clean, source: pr-2017}
    sources: []
"""


def test_shape_problems_in_a_cluster(mini: Workspace) -> None:
    mini.append(C, BROKEN_CLUSTER)
    at = mini.at
    # The record's valid fields are still cross-checked (the relation to 'clean', which the
    # cut-down catalogue lacks; the website without its source) in the same run.
    assert mini.problems() == [
        at(C, "Test_Klynge", "'Test_Klynge' er ikke et gyldigt id: brug små bogstaver a-z, tal og bindestreg – som id skrives det 'test-klynge'"),
        at(C, "123", "skal være tekst"),
        at(C, "Et andet navn", "skal være en liste"),
        at(C, "beskrivelse:", "ukendt felt 'beskrivelse' (stavefejl?); mente du 'description'?"),
        at(C, '"javascript:alert(1)"', "en webadresse kræver 'website_source' (kilden bag den)"),
        at(C, '"javascript:alert(1)"', "webadressen skal starte med http:// eller https://"),
        at(C, '"Skjult', "usynligt eller retningsskiftende tegn U+202E er ikke tilladt"),
        at(C, "- klynger-2013\n", "skal være en samling af felter (nøgle: værdi)", 2),
        at(C, "{list: klynger-2013, theme: energi}", "mangler det påkrævede felt 'printed_name'"),
        at(C, "2016-02-30", "datoen 2016-02-30 findes ikke"),
        at(C, "indeholder", "skal være en af: 'omfatter', 'videreført-i' eller 'formodet-videreført-som'"),
        at(C, "clean", "klyngen 'clean' findes ikke; gyldige klynger: offshoreenergy-dk"),
        at(C, "[]\n", "må ikke være en tom liste (skriv mindst 1)"),
    ]


def test_missing_field_is_reported_where_the_record_starts(mini: Workspace) -> None:
    mini.append(C, "  - id: test-uden-kilder\n    name: Test Uden Kilder\n")
    assert mini.problems() == [mini.at(C, "id: test-uden-kilder", "mangler det påkrævede felt 'sources'")]


def test_unknown_top_level_key(mini: Workspace) -> None:
    mini.append("themes.yaml", "temaer: []\n")
    assert mini.problems() == [
        mini.at("themes.yaml", "temaer:", "ukendt felt 'temaer' (stavefejl?); mente du 'themes'?")
    ]


def test_shape_problems_in_figures(mini: Workspace) -> None:
    mini.append(
        "figures.yaml",
        "  - {id: test-a, source: pr-2017, year: 2016, label: A, value: .nan, unit: stk}\n"
        "  - {id: test-b, source: pr-2017, year: 2016, label: B, value: -5, unit: stk, qualifier: omkring}\n"
        "  - {id: test-c, source: pr-2017, year: 1850, label: C, value: '7', unit: stk}\n",
    )
    at = mini.at
    assert mini.problems() == [
        at("figures.yaml", ".nan", "skal være et endeligt tal (ikke NaN eller uendelig)"),
        at("figures.yaml", "value: -5", "skal være mindst 0", 7),
        at("figures.yaml", "qualifier: omkring", "skal være en af: 'over', 'under', 'knap', 'ca' eller 'naesten'", len("qualifier: ")),
        at("figures.yaml", "1850", "skal være mindst 1900"),
        at("figures.yaml", "'7'", "skal være et tal"),
    ]


def test_shape_problems_in_cases_and_sources(mini: Workspace) -> None:
    mini.append(
        "cases.yaml",
        "  - {id: test-case, title: T, cluster: clean, activity_area: matchmaking, source: pr-2017, page: 0}\n",
    )
    mini.append(
        "sources.yaml",
        "  - {id: test-liste, title: T, source: pr-2017, location: L, year: 2016, programme: false, themed: false, printed_count: '42'}\n",
    )
    at = mini.at
    assert mini.problems() == [
        at("cases.yaml", "{id: test-case", "mangler det påkrævede felt 'summary'"),
        at("cases.yaml", "clean", "klyngen 'clean' findes ikke; gyldige klynger: offshoreenergy-dk"),
        at("cases.yaml", "0}", "skal være mindst 1"),
        at("sources.yaml", "'42'", "skal være et helt tal"),
    ]


def test_wrongly_written_date_gets_a_date_message(mini: Workspace) -> None:
    mini.replace("certifications.yaml", "    as_of: 2016-12-31\n", "    as_of: 31-12-2016\n")
    [problem] = mini.problems()
    assert "gyldigt id" not in problem and "ÅÅÅÅ" in problem


def test_yes_in_danish_gets_a_danish_message(mini: Workspace) -> None:
    mini.append(
        "sources.yaml",
        "  - {id: test-liste, title: T, source: pr-2017, location: L, year: 2016, programme: ja, themed: false, printed_count: 1}\n",
    )
    assert mini.problems() == [mini.at("sources.yaml", "ja,", "skal være true eller false")]


def test_a_list_of_only_broken_items_is_not_called_empty(mini: Workspace) -> None:
    mini.replace(
        "figures.yaml",
        "\nheadlines:\n",
        "\n  - id: test-tabel\n    title: T\n    source: pr-2013\n    location: L\n    population: P\n"
        "    years: [2012]\n    measured: {2012: 1}\n    sections:\n      - title: S\n        indicators:\n"
        "          - {id: i, name: N, unit: stk, values: {2012: -1}}\n"
        "headlines:\n",
    )
    assert mini.problems() == [mini.at("figures.yaml", "-1}}", "skal være mindst 0")]


# --- broken records and the cross-checks ------------------------------------------------------


def test_a_broken_record_does_not_hide_cross_check_errors_of_others(mini: Workspace) -> None:
    mini.append(C, "  - {id: test-god, name: Test God, sources: [pr-2013], listings: [{list: klynger-2013, printed_name: G, theme: tema-findes-ikke}]}\n")
    mini.append(C, "  - {id: test-kaputt, name: 123, sources: [pr-2013]}\n")
    mini.append("cases.yaml", "  - {id: test-case, title: T, cluster: klynge-findes-ikke, activity_area: matchmaking, source: pr-2017, summary: S}\n")
    assert mini.problems() == [
        mini.at("cases.yaml", "klynge-findes-ikke", "klyngen 'klynge-findes-ikke' findes ikke; gyldige klynger: offshoreenergy-dk, test-god, test-kaputt"),
        mini.at(C, "tema-findes-ikke", f"fagområdet 'tema-findes-ikke' findes ikke; {THEMES}"),
        mini.at(C, "123", "skal være tekst"),
    ]


def test_cross_check_errors_after_a_broken_record_are_located_right(mini: Workspace) -> None:
    mini.replace("clusters.yaml", "clusters:\n", "clusters:\n  - {id: test-kaputt, name: 123, sources: [pr-2013]}\n")
    mini.append(C, "  - {id: test-god, name: Test God, sources: [pr-2013], listings: [{list: klynger-2013, printed_name: G, theme: tema-findes-ikke}]}\n")
    assert mini.problems() == [
        mini.at(C, "123", "skal være tekst"),
        mini.at(C, "tema-findes-ikke", f"fagområdet 'tema-findes-ikke' findes ikke; {THEMES}"),
    ]


def test_references_to_broken_records_are_not_reported_again(mini: Workspace) -> None:
    # Five records, each invalid on its own ...
    mini.append(C, "  - {id: test-kaputt, name: 123, sources: [pr-2013]}\n")
    mini.append("themes.yaml", "  - {id: test-tema-kaputt, name: ''}\n")
    mini.replace("certifications.yaml", "unnamed_holders:\n", "  - {id: test-niveau-kaputt, name: N, scheme: S, rank: 0, source: pr-2017}\nunnamed_holders:\n")
    mini.replace(
        "cases.yaml",
        "\ncases: []\n",
        "\n  - {id: test-omraade-kaputt, name: O, source: pr-2017, ekstra: 1}\ncases: []\n",
    )
    mini.replace(
        "sources.yaml",
        "\nlists:\n",
        "\n  - {id: test-kilde-kaputt, title: K, kind: blog, file: 000_28541ff0013d0329.txt}\nlists:\n",
    )
    # ... and valid records that refer to them.
    mini.append(
        C,
        "  - id: test-henviser\n    name: Test Henviser\n"
        "    listings: [{list: klynger-2013, printed_name: H, theme: test-tema-kaputt}]\n"
        "    certifications: [{level: test-niveau-kaputt, as_of: 2016, source: pr-2013}]\n"
        "    relations: [{kind: omfatter, cluster: test-kaputt, source: pr-2013}]\n"
        "    sources: [pr-2013, test-kilde-kaputt]\n",
    )
    mini.append(
        "cases.yaml",
        "  - {id: test-case, title: T, cluster: test-kaputt, activity_area: test-omraade-kaputt, source: test-kilde-kaputt,"
        " summary: S, partner_clusters: [test-kaputt]}\n",
    )
    mini.append("themes.yaml", "  - {id: test-tema, name: T, printed_names: [{source: test-kilde-kaputt, name: T}]}\n")
    mini.append("figures.yaml", "  - {id: test-tal, source: test-kilde-kaputt, year: 2016, label: L, value: 1, unit: stk}\n")
    at = mini.at
    assert mini.problems() == [
        at("cases.yaml", "ekstra:", "ukendt felt 'ekstra' (stavefejl?); se de tilladte felter i CONTRIBUTING.md"),
        # Not a reference to a broken record: the case names its own cluster as a partner.
        at("cases.yaml", "partner_clusters: [test-kaputt]", "'test-kaputt' er casens egen klynge (se 'cluster')", len("partner_clusters: [")),
        at("certifications.yaml", "rank: 0", "skal være mindst 1", 6),
        at(C, "123", "skal være tekst"),
        at("sources.yaml", "blog", "skal være en af: 'rapport', 'nyhed', 'artikel' eller 'webside'"),
        at("themes.yaml", "''", "må ikke være tom"),
    ]


def test_listings_of_a_broken_list_are_not_reported_again(mini: Workspace) -> None:
    mini.replace("sources.yaml", "    printed_count: 54\n", "    printed_count: -54\n")
    assert mini.problems() == [mini.at("sources.yaml", "-54", "skal være mindst 0")]


def test_uses_of_a_broken_source_are_not_reported_again(mini: Workspace) -> None:
    mini.replace("sources.yaml", "    file: 004_4779fb01a5c0cdb1.txt\n", "    file: 004_4779fb01a5c0cdb1.pdf\n")
    problems = mini.problems()
    assert len(problems) == 1 and problems[0].startswith(f"sources.yaml:{mini.where('sources.yaml', '004_')[0]}:")

