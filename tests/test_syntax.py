"""The common YAML syntax errors get a Danish message with the likely fix, at the place to fix."""

from __future__ import annotations

import pytest

from klyngekatalog.problems import CatalogueError
from klyngekatalog.yamlsource import parse_yaml

P = "YAML-syntaksfejl: "

CASES = {
    "unquoted colon": (
        "clusters:\n  - id: x\n    name: Navn: med kolon\n    sources: [a]\n",
        f'3:11: {P}teksten indeholder kolon og mellemrum (\': \'); sæt hele teksten i anførselstegn: name: "Navn: med kolon"',
    ),
    "indented too far": (
        "clusters:\n  - id: x\n    name: y\n     note: z\n    sources: [a]\n",
        f"4:6: {P}linjen er rykket for langt ind; felterne i en post skal stå lige under hinanden (ryk ind med 4 mellemrum som linjen ovenfor)",
    ),
    "indented too little": (
        "clusters:\n  - id: x\n    name: y\n   note: z\n    sources: [a]\n",
        f"4:4: {P}forkert indrykning; felterne i en post skal stå lige under hinanden (ryk ind med 4 mellemrum som linjen ovenfor)",
    ),
    "indented too little in a listing": (
        "clusters:\n  - id: x\n    listings:\n      - list: a\n        printed_name: b\n       theme: c\n",
        f"6:8: {P}forkert indrykning; felterne i en post skal stå lige under hinanden (ryk ind med 8 mellemrum som linjen ovenfor)",
    ),
    "tab": (
        "clusters:\n  - id: x\n\tname: y\n",
        f"3:1: {P}tabulatortegn er ikke tilladt til indrykning; ryk ind med mellemrum",
    ),
    "unclosed double quote": (
        'clusters:\n  - id: x\n    name: "abc\n    sources: [a]\n',
        f'3:11: {P}anførselstegnet " her lukkes aldrig; sæt " også sidst i teksten',
    ),
    "unclosed single quote": (
        "clusters:\n  - id: x\n    name: 'abc\n    sources: [a]\n  - id: y\n",
        f"3:11: {P}anførselstegnet ' her lukkes aldrig; sæt ' også sidst i teksten",
    ),
    "unclosed bracket": (
        "clusters:\n  - id: x\n    sources: [a, b\n  - id: y\n    name: z\n",
        f"3:14: {P}listen i [ ], der begynder her, lukkes ikke; sæt ] sidst, fx sources: [pr-2013, pr-2017]",
    ),
    "unclosed brace": (
        "clusters:\n  - {id: x, name: y\n",
        f"2:5: {P}samlingen i {{ }}, der begynder her, lukkes ikke; sæt }} sidst",
    ),
    "text after a closing quote": (
        'clusters:\n  - id: x\n    name: "a" b\n',
        f"3:15: {P}uventet tekst efter det afsluttende anførselstegn; sæt hele teksten i anførselstegn",
    ),
    "dash without space": (
        "clusters:\n  - id: x\n  -id: y\n",
        f"3:3: {P}skriv et mellemrum efter '-', når en ny post eller et nyt punkt begynder: '- id: …'",
    ),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_common_syntax_error_in_danish_with_fix_and_place(text: str, expected: str) -> None:
    with pytest.raises(CatalogueError) as raised:
        parse_yaml(text, "f.yaml")
    assert [str(p) for p in raised.value.problems] == [f"f.yaml:{expected}"]


def test_the_quoting_fix_is_valid_yaml() -> None:
    """Pasting the suggested line in makes the file parse, with the text the editor meant."""
    with pytest.raises(CatalogueError) as raised:
        parse_yaml("name: Vækst: og mere\n", "f.yaml")
    fixed = raised.value.problems[0].message.split("anførselstegn: ", 1)[1]
    assert parse_yaml(fixed + "\n", "f.yaml").data == {"name": "Vækst: og mere"}


def test_a_quote_inside_the_text_is_escaped_in_the_fix() -> None:
    with pytest.raises(CatalogueError) as raised:
        parse_yaml('name: Navn: "X"\n', "f.yaml")
    fixed = raised.value.problems[0].message.split("anførselstegn: ", 1)[1]
    assert parse_yaml(fixed + "\n", "f.yaml").data == {"name": 'Navn: "X"'}


def test_an_unrecognised_syntax_error_keeps_the_parsers_words() -> None:
    with pytest.raises(CatalogueError) as raised:
        parse_yaml("a: b\n? c\n: d\n- e\n", "f.yaml")
    assert raised.value.problems[0].message.startswith(P)


def test_a_line_with_hidden_characters_is_not_quoted_back() -> None:
    with pytest.raises(CatalogueError) as raised:
        parse_yaml("name: Navn: \u202eskjult\n", "f.yaml")
    assert raised.value.problems[0].message == f"{P}teksten indeholder kolon og mellemrum (': '); sæt hele teksten i anførselstegn"
