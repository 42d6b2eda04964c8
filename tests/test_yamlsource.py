"""klyngekatalog.yamlsource: the safe YAML loader that keeps line and column of everything."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from klyngekatalog import yamlsource
from klyngekatalog.problems import CatalogueError, Problem
from klyngekatalog.yamlsource import LocatedDocument, load_yaml, parse_yaml


def refused(text: str, file: str = "f.yaml") -> list[str]:
    """The problems parse_yaml reports for `text`, as printed."""
    with pytest.raises(CatalogueError) as caught:
        parse_yaml(text, file)
    return [str(problem) for problem in caught.value.problems]


def refused_file(path: Path, file: str = "f.yaml") -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        load_yaml(path, file)
    return [str(problem) for problem in caught.value.problems]


# --- positions -------------------------------------------------------------------------

DOCUMENT = """\
# a comment
clusters:
  - id: alfa
    name: Alfa
    aliases: [Første, "Anden"]
    description: >-
      En tekst over
      to linjer.
    certifications:
      - {level: guld, as_of: 2016-12-31}
  - id: beta
    name: Beta
"""


@pytest.fixture(scope="module")
def document() -> LocatedDocument:
    return parse_yaml(DOCUMENT, "clusters.yaml")


def test_data_is_plain_python(document: LocatedDocument) -> None:
    assert document.file == "clusters.yaml"
    assert document.data == {
        "clusters": [
            {
                "id": "alfa",
                "name": "Alfa",
                "aliases": ["Første", "Anden"],
                "description": "En tekst over to linjer.",
                "certifications": [{"level": "guld", "as_of": "2016-12-31"}],
            },
            {"id": "beta", "name": "Beta"},
        ]
    }


@pytest.mark.parametrize(
    ("path", "position"),
    [
        (("clusters",), (3, 3)),  # a block sequence starts at its first dash
        (("clusters", 0), (3, 5)),  # a block mapping starts at its first key
        (("clusters", 0, "id"), (3, 9)),
        (("clusters", 0, "name"), (4, 11)),
        (("clusters", 0, "aliases"), (5, 14)),  # the '[' of a flow sequence
        (("clusters", 0, "aliases", 0), (5, 15)),
        (("clusters", 0, "aliases", 1), (5, 23)),  # a quoted value starts at its quote
        (("clusters", 0, "description"), (6, 18)),  # a block scalar starts at its indicator
        (("clusters", 0, "certifications", 0), (10, 9)),  # the '{' of a flow mapping
        (("clusters", 0, "certifications", 0, "as_of"), (10, 30)),
        (("clusters", 1, "name"), (12, 11)),
    ],
)
def test_value_positions(document: LocatedDocument, path: tuple, position: tuple[int, int]) -> None:
    assert document.locate(path) == position


@pytest.mark.parametrize(
    ("path", "position"),
    [
        (("clusters",), (2, 1)),
        (("clusters", 0, "id"), (3, 5)),
        (("clusters", 0, "description"), (6, 5)),
        (("clusters", 0, "certifications", 0, "as_of"), (10, 23)),
        (("clusters", 1, "name"), (12, 5)),
    ],
)
def test_key_positions(document: LocatedDocument, path: tuple, position: tuple[int, int]) -> None:
    assert document.locate(path, key=True) == position


def test_missing_path_falls_back_to_nearest_parent(document: LocatedDocument) -> None:
    # A missing field is reported where its record starts.
    assert document.locate(("clusters", 1, "sources")) == (11, 5)
    assert document.locate(("clusters", 1, "sources", 3, "x")) == (11, 5)
    # A missing key asked for with key=True falls back to the parent's value, too.
    assert document.locate(("clusters", 1, "sources"), key=True) == (11, 5)
    assert document.locate(("nowhere",)) == (2, 1)  # the top-level mapping
    assert document.locate(()) == (2, 1)


def test_problem_is_located(document: LocatedDocument) -> None:
    problem = document.problem(("clusters", 0, "name"), "noget er galt")
    assert problem == Problem("clusters.yaml", 4, 11, "noget er galt")
    assert str(problem) == "clusters.yaml:4:11: noget er galt"
    assert str(document.problem(("clusters", 0, "name"), "nøglen", key=True)) == "clusters.yaml:4:5: nøglen"


def test_integer_keys_are_located() -> None:
    document = parse_yaml("values: {2012: 1.5, 2013: null}\n", "f.yaml")
    assert document.data == {"values": {2012: 1.5, 2013: None}}
    assert document.locate(("values", 2013)) == (1, 27)
    assert document.locate(("values", 2013), key=True) == (1, 21)


# --- duplicate keys ----------------------------------------------------------------------


def test_duplicate_key_at_top_level() -> None:
    assert refused("clusters: []\nthemes: []\nclusters: []\n") == [
        "f.yaml:3:1: nøglen 'clusters' står to gange (første gang i linje 1)"
    ]


def test_duplicate_key_in_a_list_item() -> None:
    text = "clusters:\n  - id: a\n    name: A\n  - id: b\n    name: B\n    id: c\n"
    assert refused(text) == ["f.yaml:6:5: nøglen 'id' står to gange (første gang i linje 4)"]


def test_duplicate_key_deep_down() -> None:
    text = "tables:\n  - id: t\n    sections:\n      - indicators:\n          - values:\n              2012: 1\n              2013: 2\n              2012: 3\n"
    assert refused(text) == ["f.yaml:8:15: nøglen '2012' står to gange (første gang i linje 6)"]


def test_duplicate_key_in_a_flow_mapping() -> None:
    assert refused("x:\n  - {level: guld, source: a, level: soelv}\n") == [
        "f.yaml:2:30: nøglen 'level' står to gange (første gang i linje 2)"
    ]


def test_every_duplicate_key_is_reported_in_one_pass() -> None:
    text = "a: 1\nb:\n  c: 1\n  c: 2\n  c: 3\na: 2\n"
    assert refused(text) == [
        "f.yaml:4:3: nøglen 'c' står to gange (første gang i linje 3)",
        "f.yaml:5:3: nøglen 'c' står to gange (første gang i linje 3)",
        "f.yaml:6:1: nøglen 'a' står to gange (første gang i linje 1)",
    ]


def test_duplicate_keys_compare_values_not_spelling() -> None:
    # +16 and 16 are the same integer key (0x10 would be refused as a number read otherwise).
    assert refused("values:\n  16: 1\n  +16: 2\n") == ["f.yaml:3:3: nøglen '16' står to gange (første gang i linje 2)"]


def test_same_key_in_different_mappings_is_fine() -> None:
    document = parse_yaml("- id: a\n- id: b\n", "f.yaml")
    assert document.data == [{"id": "a"}, {"id": "b"}]


# --- aliases, anchors and "billion laughs" ------------------------------------------------


def test_anchor_is_refused() -> None:
    assert refused("a: &navn Alfa\nb: 1\n") == ["f.yaml:1:4: YAML-ankre (&navn) er ikke tilladt; skriv værdien ud"]


def test_anchor_on_a_collection_is_refused() -> None:
    assert refused("a:\n  - &liste [1, 2]\n") == ["f.yaml:2:5: YAML-ankre (&liste) er ikke tilladt; skriv værdien ud"]


def test_alias_is_refused() -> None:
    # An alias with no anchor is refused for being an alias, not reported as a YAML error.
    assert refused("a: 1\nb: *navn\n") == ["f.yaml:2:4: YAML-aliaser (*navn) er ikke tilladt; skriv værdien ud"]


def test_billion_laughs_is_refused_fast() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    text = "\n".join(lines) + "\n"  # would expand to 9**9 (387 million) strings
    start = time.perf_counter()
    assert refused(text) == ["f.yaml:1:4: YAML-ankre (&a) er ikke tilladt; skriv værdien ud"]
    assert time.perf_counter() - start < 1


# --- tags --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("a: !!python/object/apply:os.system ['touch {marker}']\n", "1:4: YAML-tagget '!!python/object/apply:os.system'"),
        ("a: !!python/object/apply:os.system\n  args: ['touch {marker}']\n", "1:4: YAML-tagget '!!python/object/apply:os.system'"),
        ("a: !!python/object/apply:subprocess.call [['touch', '{marker}']]\n", "1:4: YAML-tagget '!!python/object/apply:subprocess.call'"),
        ("a: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n", "1:4: YAML-tagget '!!python/object/new:subprocess.Popen'"),
        ("a: !!python/object/apply:builtins.exec [\"open('{marker}', 'w')\"]\n", "1:4: YAML-tagget '!!python/object/apply:builtins.exec'"),
        # A %TAG directive must not be a way round the check: the tag is shown as it resolves.
        (
            "%TAG !p! tag:yaml.org,2002:python/\n---\na: !p!object/apply:os.system ['touch {marker}']\n",
            "3:4: YAML-tagget '!!python/object/apply:os.system'",
        ),
    ],
)
def test_python_tags_are_refused_without_running(tmp_path: Path, template: str, expected: str) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(template.format(marker=marker), encoding="utf-8")
    assert refused_file(path) == [f"f.yaml:{expected} er ikke tilladt"]
    assert not marker.exists()


def test_python_tag_message_and_position() -> None:
    assert refused("name: Alfa\nnote: !!python/object/apply:os.system ['true']\n") == [
        "f.yaml:2:7: YAML-tagget '!!python/object/apply:os.system' er ikke tilladt"
    ]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!binary aGVq\n", "!!binary"),
        ("a: !!set {x, y}\n", "!!set"),
        ("a: !!omap [x: 1]\n", "!!omap"),
        ("a: !!pairs [x: 1]\n", "!!pairs"),
        ("a: !!python/name:os.system\n", "!!python/name:os.system"),
        ("a: !!python/module:os\n", "!!python/module:os"),
        ("a: !egen tekst\n", "!egen"),
        ("a: !egen {x: 1}\n", "!egen"),
        ("a: !egen [1]\n", "!egen"),
    ],
)
def test_non_standard_tags_are_refused(text: str, tag: str) -> None:
    assert refused(text) == [f"f.yaml:1:4: YAML-tagget '{tag}' er ikke tilladt"]


def test_every_refused_tag_is_reported_in_one_pass() -> None:
    assert refused("a: !!binary aGVq\nb: ok\nc: !!set {x}\n") == [
        "f.yaml:1:4: YAML-tagget '!!binary' er ikke tilladt",
        "f.yaml:3:4: YAML-tagget '!!set' er ikke tilladt",
    ]


def test_plain_yaml_tags_are_accepted() -> None:
    text = "a: !!str 2013\nb: !!int '7'\nc: !!float 1\nd: !!bool true\ne: !!null ''\nf: !!timestamp 2016-12-31\n"
    document = parse_yaml(text, "f.yaml")
    # An explicit timestamp stays text, like an unquoted date.
    assert document.data == {"a": "2013", "b": 7, "c": 1.0, "d": True, "e": None, "f": "2016-12-31"}


def test_merge_key_is_refused() -> None:
    text = "defaults:\n  kind: rapport\nsource:\n  <<: {kind: rapport}\n  id: a\n"
    assert refused(text) == ["f.yaml:4:3: YAML-fletning (<<) er ikke tilladt; skriv felterne ud"]


def test_non_scalar_keys_are_refused() -> None:
    assert refused("? [a, b]\n: 1\n") == ["f.yaml:1:3: en nøgle skal være en enkel tekst"]
    assert refused("{a: 1}: 2\n") == ["f.yaml:1:1: en nøgle skal være en enkel tekst"]


# --- syntax ------------------------------------------------------------------------------


def test_tab_indentation_is_a_located_syntax_error() -> None:
    # Located at the tab itself.
    assert refused("clusters:\n  - id: a\n\tname: A\n") == [
        "f.yaml:3:1: YAML-syntaksfejl: tabulatortegn er ikke tilladt til indrykning; ryk ind med mellemrum"
    ]


def test_unclosed_flow_sequence_is_located_at_its_bracket() -> None:
    # The Danish messages for the common syntax errors are in tests/test_syntax.py.
    assert refused("a: 1\nb: [1, 2\nc: 3\n") == [
        "f.yaml:2:4: YAML-syntaksfejl: listen i [ ], der begynder her, lukkes ikke; sæt ] sidst, fx sources: [pr-2013, pr-2017]"
    ]


def test_bad_indentation_is_located() -> None:
    assert refused("id: a\n name: b\n") == [
        "f.yaml:2:2: YAML-syntaksfejl: linjen er rykket for langt ind; felterne i en post skal stå lige under hinanden"
        " (ryk ind med 0 mellemrum som linjen ovenfor)"
    ]


def test_two_documents_are_refused() -> None:
    # Located at the '---' that starts the second document.
    assert refused("a: 1\n---\nb: 2\n") == ["f.yaml:2:1: filen må kun rumme ét YAML-dokument (fjern '---')"]


def test_control_character_is_a_located_problem() -> None:
    try:
        problems = refused("a: 1\nb: x\x07y\n")
    except Exception as error:  # noqa: BLE001 - the bug: anything but CatalogueError escapes
        if isinstance(error, CatalogueError):
            raise
        raise AssertionError(f"{type(error).__name__} escaped: {error}") from None
    assert problems == ["f.yaml:2:5: tegnet U+0007 er ikke tilladt i YAML"]


# --- empty files -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n", "   \n\n", "# bare en kommentar\n", "# a\n   # b\n\n"])
def test_empty_or_comment_only_text_is_refused(text: str) -> None:
    assert refused(text) == ["f.yaml:1:1: filen er tom"]


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_bytes(b"")
    assert refused_file(path, "themes.yaml") == ["themes.yaml:1:1: filen er tom"]


def test_document_marker_only_gives_no_data() -> None:
    # Not "empty" to the loader; the model then says what is missing.
    assert parse_yaml("---\n", "f.yaml").data is None


# --- bytes: BOM, encoding, size, missing files ----------------------------------------------


def test_bom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_bytes(b"\xef\xbb\xbfthemes: []\n")
    assert refused_file(path) == ["f.yaml:1:1: filen starter med et BOM-tegn; gem den som UTF-8 uden BOM"]


@pytest.mark.parametrize(
    ("raw", "position", "byte"),
    [
        (b"a: 1\nb: x\xffy\n", (2, 5), "0xff"),
        # Columns count characters, not bytes: 'æ' and 'ø' are two bytes each in UTF-8.
        (b"a: 1\nb: \xc3\xa6\xc3\xb8\xe6\n", (2, 6), "0xe6"),  # Latin-1 'æ' in a UTF-8 file
        (b"a: \xc3", (1, 4), "0xc3"),  # cut off in the middle of a character
        (b"\x80", (1, 1), "0x80"),
    ],
)
def test_invalid_utf8_is_located_at_the_bad_byte(tmp_path: Path, raw: bytes, position: tuple[int, int], byte: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    line, column = position
    assert refused_file(path) == [f"f.yaml:{line}:{column}: filen er ikke gyldig UTF-8 (byte {byte}); gem den som UTF-8"]


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: " + b"x" * 1497)
    assert refused_file(path) == ["f.yaml:1:1: filen er for stor (1.500 bytes; højst 1.000)"]
    path.write_bytes(b"a: " + b"x" * 997)  # exactly at the limit
    assert load_yaml(path).data == {"a": "x" * 997}


def test_missing_file(tmp_path: Path) -> None:
    assert refused_file(tmp_path / "nope.yaml") == ["f.yaml:1:1: filen findes ikke"]


def test_folder_instead_of_file(tmp_path: Path) -> None:
    assert refused_file(tmp_path) == ["f.yaml:1:1: er en mappe, ikke en fil"]


def test_file_name_defaults_to_the_path(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load_yaml(path).file == str(path)


# --- nesting -----------------------------------------------------------------------------


def nested_flow(depth: int) -> str:
    """A mapping holding `depth` - 1 nested lists: `depth` collections in all."""
    inner = depth - 1
    return "a: " + "[" * inner + "]" * inner + "\n"


def test_nesting_up_to_the_limit_is_accepted() -> None:
    assert parse_yaml(nested_flow(yamlsource.MAX_DEPTH), "f.yaml").data is not None


def test_nesting_beyond_the_limit_is_refused() -> None:
    limit = yamlsource.MAX_DEPTH
    # The top-level mapping is level 1; the list that is one level too many opens at column 3 + limit.
    assert refused(nested_flow(limit + 1)) == [f"f.yaml:1:{3 + limit}: for dybt indlejret (mere end {limit} niveauer)"]


def test_deeply_nested_block_mappings_are_refused() -> None:
    limit = yamlsource.MAX_DEPTH
    text = "".join("  " * i + f"k{i}:\n" for i in range(limit + 5)) + "  " * (limit + 5) + "v: 1\n"
    # Mapping number limit + 1 is the value of k{limit - 1}, whose first key k{limit} is on line limit + 1.
    assert refused(text) == [f"f.yaml:{limit + 1}:{2 * limit + 1}: for dybt indlejret (mere end {limit} niveauer)"]


def test_absurd_nesting_is_refused_fast() -> None:
    start = time.perf_counter()
    problems = refused("a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert problems == [f"f.yaml:1:{3 + yamlsource.MAX_DEPTH}: for dybt indlejret (mere end {yamlsource.MAX_DEPTH} niveauer)"]
    assert time.perf_counter() - start < 2


# --- scalars -----------------------------------------------------------------------------


def test_unquoted_dates_stay_text() -> None:
    document = parse_yaml("a: 2016-12-31\nb: 2013-05\nc: 2013\nd: 2016-12-31T10:00:00\ne: '2016-12-31'\n", "f.yaml")
    assert document.data == {"a": "2016-12-31", "b": "2013-05", "c": 2013, "d": "2016-12-31T10:00:00", "e": "2016-12-31"}


def test_plain_scalars_keep_their_yaml_types() -> None:
    document = parse_yaml("a: 1.5\nb: true\nc: null\nd: ~\ne: .nan\nf: tekst med æøå\n", "f.yaml")
    data = document.data
    assert data["a"] == 1.5 and data["b"] is True and data["c"] is None and data["d"] is None
    assert data["e"] != data["e"]  # NaN reaches the model, which refuses it where a figure is expected
    assert data["f"] == "tekst med æøå"


def test_located_document_is_immutable(document: LocatedDocument) -> None:
    with pytest.raises(AttributeError):
        document.data = {}  # type: ignore[misc]
