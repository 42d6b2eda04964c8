"""klyngekatalog.checks: checks across records and files.

One copy of the real catalogue gets a set of records appended, each wrong in one way that only
the cross-checks can see (every record is valid on its own). It is loaded once; each test then
looks for its own problem, and the last test checks that nothing else was reported.
"""

from __future__ import annotations

import re

import pytest

from klyngekatalog.checks import name_key

from conftest import Workspace

CLUSTERS = """\
  - id: test-dublet
    name: Testklynge Dublet
    sources: [pr-2013]
  - id: test-dublet
    name: Anden Dublet
    sources: [pr-2013]
  - id: test-navn-som-anden
    name: testklynge   DUBLET
    sources: [pr-2013]
  - id: test-alias-som-andens-navn
    name: Testklynge Alias
    aliases: [OFFSHOREENERGY.DK]
    sources: [pr-2013]
  - id: test-alias-som-andens-alias
    name: Testklynge Alias To
    aliases: [Offshore Center Danmark]
    sources: [pr-2013]
  - id: test-alias-som-eget-navn
    name: Testklynge Egen – Navn
    aliases: [Testklynge egen - navn]
    sources: [pr-2013]
  - id: test-ukendt-tema
    name: Testklynge Ukendt Tema
    listings:
      - {list: klynger-2013, printed_name: Test Tema, theme: tema-findes-ikke}
    sources: [pr-2013]
  - id: test-ukendt-liste
    name: Testklynge Ukendt Liste
    listings:
      - {list: liste-findes-ikke, printed_name: Test Liste}
    sources: [pr-2013]
  - id: test-ukendt-niveau
    name: Testklynge Ukendt Niveau
    certifications:
      - {level: platin, as_of: 2016-12-31, source: pr-2017}
    sources: [pr-2017]
  - id: test-ukendt-kilde
    name: Testklynge Ukendt Kilde
    sources: [pr-2013, kilde-findes-ikke]
  - id: test-ukendt-kilde-i-brug
    name: Testklynge Ukendt Kilde I Brug
    certifications:
      - {level: guld, as_of: 2016-12-31, source: certkilde-findes-ikke}
    sources: [pr-2013]
  - id: test-ukendt-relation
    name: Testklynge Ukendt Relation
    relations:
      - {kind: omfatter, cluster: klynge-findes-ikke, source: pr-2017}
    sources: [pr-2017]
  - id: test-omfatter-sig-selv
    name: Testklynge Sig Selv
    relations:
      - {kind: omfatter, cluster: test-omfatter-sig-selv, source: pr-2017}
    sources: [pr-2017]
  - id: test-beskrivelse-uden-kilde
    name: Testklynge Beskrivelse
    description: En beskrivelse uden kilde.
    sources: [pr-2013]
  - id: test-webadresse-uden-kilde
    name: Testklynge Webadresse
    website: "https://www.test-webadresse.dk"
    sources: [pr-2013]
  - id: test-kilde-ikke-i-sources
    name: Testklynge Kilde Mangler
    description: En beskrivelse med en kilde, der ikke er nævnt.
    description_source: pr-2017
    sources: [pr-2013]
  - id: test-listens-kilde-ikke-i-sources
    name: Testklynge Listekilde Mangler
    listings:
      - {list: innovationsnetvaerk-2014-2018, printed_name: Test Listekilde}
    sources: [pr-2013]
  - id: test-tema-mangler
    name: Testklynge Tema Mangler
    listings:
      - {list: klynger-2013, printed_name: Test Uden Tema}
    sources: [pr-2013]
  - id: test-tema-i-liste-uden-temaer
    name: Testklynge Tema Overflødigt
    listings:
      - {list: innovationsnetvaerk-2014-2018, printed_name: Test Overflødigt Tema, theme: energi}
    sources: [pr-2017]
  - id: test-to-gange-i-listen
    name: Testklynge To Gange
    listings:
      - {list: klynger-2013, printed_name: Test To Gange A, theme: energi}
      - {list: klynger-2013, printed_name: Test To Gange B, theme: energi}
      - {list: klynger-2013, printed_name: Test To Gange C, theme: miljoe}
    sources: [pr-2013]
  - id: test-formodet-uden-begrundelse
    name: Testklynge Uden Begrundelse
    relations:
      - {kind: formodet-videreført-som, cluster: offshoreenergy-dk}
    sources: [pr-2013]
  - id: test-omfatter-uden-kilde
    name: Testklynge Omfatter Uden Kilde
    relations:
      - {kind: omfatter, cluster: offshoreenergy-dk}
    sources: [pr-2013]
  - id: test-relation-to-gange
    name: Testklynge Relation To Gange
    relations:
      - {kind: omfatter, cluster: robocluster, source: pr-2017}
      - {kind: omfatter,  cluster: robocluster, source: pr-2017}
    sources: [pr-2017]
  - id: test-viderefoert-sig-selv
    name: Testklynge Videreført Som Sig Selv
    relations:
      - {kind: formodet-videreført-som, cluster: test-viderefoert-sig-selv, evidence: Samme navn.}
    sources: [pr-2013]
  - id: test-ring-a
    name: Testklynge Ring A
    relations:
      - {kind: videreført-i, cluster: test-ring-b, source: pr-2013}
    sources: [pr-2013]
  - id: test-ring-b
    name: Testklynge Ring B
    relations:
      - {kind: formodet-videreført-som, cluster: test-ring-a, evidence: Samme navnestamme.}
    sources: [pr-2013]
"""

CASES = """\
  - id: test-case
    title: Testcase
    cluster: case-klynge-findes-ikke
    activity_area: omraade-findes-ikke
    source: case-kilde-findes-ikke
    summary: En case, hvis henvisninger ikke findes.
    partner_clusters: [offshoreenergy-dk, partner-findes-ikke]
  - id: test-case
    title: Testcase igen
    cluster: offshoreenergy-dk
    activity_area: matchmaking
    source: pr-2017
    summary: En case med et id, der allerede er brugt.
"""

TABLES = """\
  - id: test-tabel
    title: Testtabel
    source: tabelkilde-findes-ikke
    location: Bilag 9
    population: netværk
    years: [2012, 2013]
    measured: {2012: 20, 2013: 22, 2014: 23}
    sections:
      - title: Test
        indicators:
          - {id: test-indikator, name: Test A, unit: stk, values: {2012: 1, 2015: 2}}
          - {id: test-indikator, name: Test B, unit: stk, values: {2012: 1, 2013: null}}
  - id: test-tabel
    title: Testtabel igen
    source: pr-2013
    location: Bilag 9
    population: netværk
    years: [2012, 2012]
    measured: {2012: 20}
    sections:
      - title: Test
        indicators:
          - {id: test-indikator-to, name: Test C, unit: stk, values: {2012: 1}}
  - id: kataloget
    title: Tabel med et optaget id
    source: pr-2013
    location: Bilag 9
    population: netværk
    years: [2012]
    measured: {2012: 20}
    sections:
      - title: Test
        indicators:
          - {id: test-indikator-tre, name: Test D, unit: stk, values: {2012: 1}}
"""

HEADLINES = """\
  - {id: test-noegletal, source: noegletalskilde-findes-ikke, year: 2016, label: Test, value: 1, unit: stk}
  - {id: test-noegletal, source: pr-2017, year: 2016, label: Test igen, value: 2, unit: stk}
"""


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("checks") / "data")
    ws.append("clusters.yaml", CLUSTERS)
    ws.replace("cases.yaml", "\ncases:\n", "\ncases:\n" + CASES)
    ws.replace(
        "cases.yaml",
        "activity_areas:\n",
        "activity_areas:\n  - {id: matchmaking, name: Dublet, source: omraadekilde-findes-ikke}\n",
    )
    ws.replace("figures.yaml", "\nheadlines:\n", "\n" + TABLES + "headlines:\n" + HEADLINES)
    ws.append(
        "sources.yaml",
        "  - {id: test-liste, title: T, source: listekilde-findes-ikke, location: L, year: 2013, programme: false, themed: false, printed_count: 1}\n"
        "  - {id: test-liste, title: T, source: pr-2013, location: L, year: 2013, programme: false, themed: false, printed_count: 1}\n",
    )
    ws.append(
        "themes.yaml",
        "  - {id: energi, name: Dublet}\n"
        "  - id: test-tema\n    name: Testtema\n    printed_names: [{source: temakilde-findes-ikke, name: Test}]\n",
    )
    ws.replace(
        "certifications.yaml",
        "unnamed_holders:\n",
        "  - {id: guld, name: Dublet, scheme: S, source: niveaukilde-findes-ikke}\n"
        "unnamed_holders:\n"
        "  - {level: niveau-findes-ikke, count: 3, as_of: 2016, source: holderkilde-findes-ikke}\n",
    )
    return ws


@pytest.fixture(scope="module")
def problems(ws: Workspace) -> list[str]:
    # The suggestions after "findes ikke" are klyngekatalog.suggest's (tests/test_suggest.py).
    return [re.sub(r"(findes ikke); (mente du|gyldige) .*$", r"\1", p) for p in ws.problems()]


def value(token: str) -> int:
    """Columns from the start of `key: value` to the value."""
    return token.index(": ") + 2


EXPECTED: dict[str, list[tuple[str, str, str, int]]] = {}


def expect(group: str, file: str, token: str, message: str, shift: int = 0) -> None:
    EXPECTED.setdefault(group, []).append((file, token, message, shift))


C = "clusters.yaml"
# Duplicate ids: reported at the second one, saying where the first is.
expect("duplicate_cluster", C, "id: test-dublet\n    name: Anden", "klynge-id 'test-dublet' findes allerede (linje {line})", 4)
# Names and aliases: compared without case, spacing and kind of dash.
expect("names", C, "testklynge   DUBLET", "navnet 'testklynge   DUBLET' er navnet på klyngen 'test-dublet'")
expect("names", C, "OFFSHOREENERGY.DK", "navnet 'OFFSHOREENERGY.DK' er navnet på klyngen 'offshoreenergy-dk'")
expect("names", C, "[Offshore Center Danmark]", "navnet 'Offshore Center Danmark' er navnet på klyngen 'offshoreenergy-dk'", 1)
expect("names", C, "Testklynge egen - navn", "navnet 'Testklynge egen - navn' er allerede brugt i klyngen 'test-alias-som-eget-navn'")
# Unknown references from clusters.
expect("unknown_refs", C, "tema-findes-ikke", "fagområdet 'tema-findes-ikke' findes ikke")
expect("unknown_refs", C, "liste-findes-ikke,", "listen 'liste-findes-ikke' findes ikke")
expect("unknown_refs", C, "platin", "niveauet 'platin' findes ikke")
expect("unknown_refs", C, "kilde-findes-ikke]", "kilden 'kilde-findes-ikke' findes ikke")
expect("unknown_refs", C, "certkilde-findes-ikke", "kilden 'certkilde-findes-ikke' findes ikke")
expect("unknown_refs", C, "klynge-findes-ikke,", "klyngen 'klynge-findes-ikke' findes ikke")
expect("self_relation", C, "cluster: test-omfatter-sig-selv", "en klynge kan ikke omfatte sig selv", 9)
# Relations: a probable continuation needs its evidence, the others their source; each once; no loops.
expect("relations", C, "{kind: formodet-videreført-som, cluster: offshoreenergy-dk}", "en formodet videreførelse kræver 'evidence' (begrundelsen for, at sammenhængen er sandsynlig)")
expect("relations", C, "{kind: omfatter, cluster: offshoreenergy-dk}", "relationen 'omfatter' kræver 'source' (kilden, der nævner sammenhængen)")
expect("relations", C, "omfatter,  cluster: robocluster", "relationen 'omfatter' til 'robocluster' står allerede på klyngen", len("omfatter,  cluster: "))
expect("self_relation", C, "cluster: test-viderefoert-sig-selv", "en klynge kan ikke være videreført som sig selv", 9)
expect("relations", C, "cluster: test-ring-b", "videreførelsen går i ring: 'test-ring-b' fører tilbage til 'test-ring-a'", 9)
expect("relations", C, "cluster: test-ring-a", "videreførelsen går i ring: 'test-ring-a' fører tilbage til 'test-ring-b'", 9)
# Facts need their source.
expect("sources", C, "En beskrivelse uden kilde.", "en beskrivelse kræver 'description_source' (kilden bag den)")
expect("sources", C, '"https://www.test-webadresse.dk"', "en webadresse kræver 'website_source' (kilden bag den)")
expect("sources", C, "pr-2017\n    sources: [pr-2013]", "kilden 'pr-2017' bruges her, men står ikke i klyngens 'sources'")
expect(
    "sources",
    C,
    "innovationsnetvaerk-2014-2018, printed_name: Test Listekilde",
    "kilden 'pr-2017' bruges her, men står ikke i klyngens 'sources'",
)
# Lists and themes.
expect("lists", C, "{list: klynger-2013, printed_name: Test Uden Tema}", "listen 'klynger-2013' placerer klyngen under et fagområde: angiv 'theme'")
expect(
    "lists",
    C,
    "energi}\n    sources: [pr-2017]",
    "listen 'innovationsnetvaerk-2014-2018' placerer ikke klynger under fagområder",
)
# The same list twice under the same theme is an error; under another theme it is not.
expect("lists", C, "klynger-2013, printed_name: Test To Gange B", "klyngen står allerede i listen 'klynger-2013'")
# Cases.
K = "cases.yaml"
expect("cases", K, "case-klynge-findes-ikke", "klyngen 'case-klynge-findes-ikke' findes ikke")
expect("cases", K, "omraade-findes-ikke\n", "aktivitetsområdet 'omraade-findes-ikke' findes ikke")
expect("cases", K, "case-kilde-findes-ikke", "kilden 'case-kilde-findes-ikke' findes ikke")
expect("cases", K, "partner-findes-ikke", "klyngen 'partner-findes-ikke' findes ikke")
expect("cases", K, "id: test-case\n    title: Testcase igen", "case-id 'test-case' findes allerede (linje {line})", 4)
# The duplicate is put first, so the real record is the one reported.
expect("cases", K, "id: matchmaking\n    name: Matchmaking", "aktivitetsområde-id 'matchmaking' findes allerede (linje {line})", 4)
expect("cases", K, "omraadekilde-findes-ikke", "kilden 'omraadekilde-findes-ikke' findes ikke")
# Figures: years of a table.
F = "figures.yaml"
expect("figures", F, "tabelkilde-findes-ikke", "kilden 'tabelkilde-findes-ikke' findes ikke")
expect("figures", F, "2014: 23}", "2014 er ikke et af tabellens år", 6)
expect("figures", F, "2015: 2}}", "2015 er ikke et af tabellens år", 6)
expect("figures", F, "{2012: 1, 2015: 2}", "mangler en værdi for 2013 (skriv null, hvis kilden ikke har tallet)")
expect("figures", F, "test-indikator, name: Test B", "indikator-id 'test-indikator' findes allerede i tabellen")
expect("figures", F, "id: test-tabel\n    title: Testtabel igen", "tabel-id 'test-tabel' findes allerede (linje {line})", 4)
expect("figures", F, "[2012, 2012]", "et år står flere gange i 'years'")
# /tal/kataloget/ is the catalogue over time, so no table may have that page.
expect("figures", F, "id: kataloget", "id'et 'kataloget' er optaget af et afsnit på siden /tal/", 4)
expect("figures", F, "noegletalskilde-findes-ikke", "kilden 'noegletalskilde-findes-ikke' findes ikke")
expect("figures", F, "test-noegletal, source: pr-2017", "nøgletal-id 'test-noegletal' findes allerede (linje {line})")
# The other files.
expect("siblings", "sources.yaml", "listekilde-findes-ikke", "kilden 'listekilde-findes-ikke' findes ikke")
expect("siblings", "sources.yaml", "test-liste, title: T, source: pr-2013", "liste-id 'test-liste' findes allerede (linje {line})")
expect("siblings", "themes.yaml", "energi, name: Dublet", "fagområde-id 'energi' findes allerede (linje {line})")
expect("siblings", "themes.yaml", "temakilde-findes-ikke", "kilden 'temakilde-findes-ikke' findes ikke")
expect("siblings", "certifications.yaml", "guld, name: Dublet", "niveau-id 'guld' findes allerede (linje {line})")
expect("siblings", "certifications.yaml", "niveaukilde-findes-ikke", "kilden 'niveaukilde-findes-ikke' findes ikke")
expect("siblings", "certifications.yaml", "niveau-findes-ikke", "niveauet 'niveau-findes-ikke' findes ikke")
expect("siblings", "certifications.yaml", "holderkilde-findes-ikke", "kilden 'holderkilde-findes-ikke' findes ikke")

# Where the first record with a duplicated id stands.
FIRST = {
    "klynge-id 'test-dublet'": (C, "id: test-dublet\n    name: Testklynge Dublet"),
    "case-id 'test-case'": (K, "id: test-case\n    title: Testcase\n"),
    "aktivitetsområde-id 'matchmaking'": (K, "matchmaking, name: Dublet"),
    "tabel-id 'test-tabel'": (F, "id: test-tabel\n    title: Testtabel\n"),
    "nøgletal-id 'test-noegletal'": (F, "test-noegletal, source: noegletalskilde"),
    "liste-id 'test-liste'": ("sources.yaml", "test-liste, title: T, source: listekilde"),
    "fagområde-id 'energi'": ("themes.yaml", "id: energi\n"),
    "niveau-id 'guld'": ("certifications.yaml", "id: guld\n"),
}


def by_position(problem: str) -> tuple:
    """Sort key matching Problem's order: file, then line and column as numbers."""
    file, line, column, message = problem.split(":", 3)
    return file, int(line), int(column), message


def expected(ws: Workspace, group: str) -> list[str]:
    result = []
    for file, token, message, shift in EXPECTED[group]:
        if "{line}" in message:
            first_file, first_token = next(v for k, v in FIRST.items() if message.startswith(k))
            message = message.format(line=ws.where(first_file, first_token)[0])
        result.append(ws.at(file, token, message, shift))
    return result


@pytest.mark.parametrize("group", sorted({"duplicate_cluster", "names", "unknown_refs", "self_relation", "relations", "sources", "lists", "cases", "figures", "siblings"}))
def test_expected_problems(ws: Workspace, problems: list[str], group: str) -> None:
    missing = [p for p in expected(ws, group) if p not in problems]
    assert missing == []


def test_nothing_else_is_reported(ws: Workspace, problems: list[str]) -> None:
    every = sorted((p for group in EXPECTED for p in expected(ws, group)), key=by_position)
    assert len(every) == len(set(every))
    assert problems == every


def test_each_unknown_source_in_a_cluster_is_reported_once(problems: list[str]) -> None:
    assert sum("'certkilde-findes-ikke'" in p for p in problems) == 1
    assert sum("'kilde-findes-ikke'" in p for p in problems) == 1


# --- name_key --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Offshoreenergy.dk", "OFFSHOREENERGY.DK"),
        ("Clean", "CLEAN"),
        ("Innovationsnetværket  VE-NET", "innovationsnetværket ve-net"),
        ("VE–NET", "VE-NET"),  # en dash
        ("VE‐NET", "VE-NET"),  # hyphen
        ("VE−NET", "VE-NET"),  # minus sign
        ("ＶＥ-ＮＥＴ", "VE-NET"),  # full width
        (" Alfa\n", "alfa"),
        ("Straße", "STRASSE"),
    ],
)
def test_name_key_treats_as_equal(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("VE-NET", "VENET"), ("VE-NET", "VE NET"), ("Miljø", "Miljo"), ("Aarhus", "Århus")])
def test_name_key_keeps_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_invisible_characters_do_not_tell_names_apart() -> None:
    from klyngekatalog.checks import name_key

    for hidden in ("\u2063", "\u034f", "\u061c", "\u180e", "\ufe0f", "\U000e0041", "\u00ad"):
        assert name_key(f"Test{hidden}klyngen") == name_key("Testklyngen")
