"""klyngekatalog.model: field types and records, checked directly (no YAML, no files)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from klyngekatalog import model
from klyngekatalog.model import (
    Case,
    Cluster,
    Headline,
    Indicator,
    Listing,
    PartialDate,
    Slug,
    Source,
    SourceList,
    Theme,
    Url,
)


def accepts(annotation: Any, value: Any) -> Any:
    return TypeAdapter(annotation).validate_python(value)


def rejects(annotation: Any, value: Any) -> list[dict]:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(annotation).validate_python(value)
    return caught.value.errors(include_url=False)


def only_error(annotation: Any, value: Any) -> tuple[str, str]:
    """Type and (for our own checks) message of the single error `value` gives."""
    errors = rejects(annotation, value)
    assert len(errors) == 1, errors
    error = errors[0]
    return error["type"], str((error.get("ctx") or {}).get("error", ""))


CLUSTER = {"id": "alfa", "name": "Alfa", "sources": ["pr-2013"]}


def cluster_error(**fields: Any) -> tuple[str, tuple, str]:
    errors = rejects(Cluster, {**CLUSTER, **fields})
    assert len(errors) == 1, errors
    error = errors[0]
    return error["type"], error["loc"], str((error.get("ctx") or {}).get("error", ""))


# --- PartialDate -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("2016-12-31", "2016-12-31"),
        ("2013-05", "2013-05"),
        ("2013", "2013"),
        (2013, "2013"),  # YAML reads a bare year as a number
        ("2016-02-29", "2016-02-29"),  # leap day
    ],
)
def test_partial_date_accepts(value: Any, stored: str) -> None:
    assert accepts(PartialDate, value) == stored


@pytest.mark.parametrize("value", ["2016-02-30", "2015-02-29", "2016-13", "2016-04-31", "2016-12-32"])
def test_partial_date_refuses_dates_that_do_not_exist(value: str) -> None:
    assert only_error(PartialDate, value) == ("value_error", f"datoen {value} findes ikke")


@pytest.mark.parametrize("value", ["16-12-31", "2016-1-5", "31-12-2016", "2016/12/31", "2016-12-31T10:00", "maj 2013", "", 12345, 999])
def test_partial_date_refuses_other_formats(value: Any) -> None:
    assert only_error(PartialDate, value)[0] == "string_pattern_mismatch"


@pytest.mark.parametrize("value", [True, 2013.0, None, ["2013"]])
def test_partial_date_refuses_other_types(value: Any) -> None:
    assert only_error(PartialDate, value)[0] == "string_type"


@pytest.mark.parametrize("value", ["2016-00", "2016-01-00"])
def test_partial_date_refuses_month_or_day_zero(value: str) -> None:
    rejects(PartialDate, value)


@pytest.mark.parametrize("value", ["２０１６-１２-３１", "٢٠١٦"])
def test_partial_date_refuses_non_ascii_digits(value: str) -> None:
    rejects(PartialDate, value)


# --- Url ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["http://www.offshoreenergy.dk", "https://inbiom.dk", "https://www.example.dk/sti/side?x=1#afsnit", "http://www.ve-net.eu:8080/"],
)
def test_url_accepts_http_and_https(value: str) -> None:
    assert accepts(Url, value) == value


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://ftp.example.dk/fil",
        "mailto:info@example.dk",
        "www.example.dk",  # no scheme
        "//www.example.dk",  # scheme-relative
        "HTTPS://WWW.EXAMPLE.DK",  # written as in sources: lower-case scheme
        " https://www.example.dk",
    ],
)
def test_url_refuses_other_schemes(value: str) -> None:
    assert only_error(Url, value)[0] == "string_pattern_mismatch"


@pytest.mark.parametrize(
    "value",
    [
        "http://",
        "https:///sti",
        "https://localhost",  # no dot: not a public domain
        "https://www.example.dk/med mellemrum",
        "https://www.example.dk\n",
    ],
)
def test_url_refuses_missing_or_bad_host(value: str) -> None:
    assert only_error(Url, value) == ("value_error", "webadressen mangler et gyldigt domænenavn")


def test_url_refuses_dot_only_host() -> None:
    rejects(Url, "https://.")


def test_url_is_strict_text_and_bounded() -> None:
    assert only_error(Url, 123)[0] == "string_type"
    assert only_error(Url, "https://example.dk/" + "x" * 500)[0] == "string_too_long"


# --- Name and Text: hidden characters ----------------------------------------------------


@pytest.mark.parametrize(
    ("character", "code"),
    [
        ("\u202e", "U+202E"),  # right-to-left override
        ("\u200b", "U+200B"),  # zero width space
        ("\u200f", "U+200F"),  # right-to-left mark
        ("\u2066", "U+2066"),  # left-to-right isolate
        ("\ufeff", "U+FEFF"),  # zero width no-break space (BOM)
        ("\u00ad", "U+00AD"),  # soft hyphen
    ],
)
@pytest.mark.parametrize("annotation", [model.Name, model.Text])
def test_hidden_characters_are_refused(annotation: Any, character: str, code: str) -> None:
    assert only_error(annotation, f"Alfa{character}net") == (
        "value_error",
        f"usynligt eller retningsskiftende tegn {code} er ikke tilladt",
    )


@pytest.mark.parametrize("annotation", [model.Name, model.Text])
def test_control_characters_are_refused(annotation: Any) -> None:
    assert only_error(annotation, "Alfa\x1bnet") == ("value_error", "kontroltegnet U+001B er ikke tilladt")


def test_hidden_characters_refused_in_records() -> None:
    assert cluster_error(name="Alfa\u202eklynge")[:2] == ("value_error", ("name",))
    assert cluster_error(description="Om \u200bklyngen")[:2] == ("value_error", ("description",))
    assert cluster_error(aliases=["ok", "skj\u200bult"])[:2] == ("value_error", ("aliases", 1))
    errors = rejects(Theme, {"id": "energi", "name": "Energi", "printed_names": [{"source": "pr-2013", "name": "E\u202en"}]})
    assert [e["loc"] for e in errors] == [("printed_names", 0, "name")]


def test_text_keeps_line_breaks_and_tabs() -> None:
    assert accepts(model.Text, "Linje 1\nLinje 2\tmed tab") == "Linje 1\nLinje 2\tmed tab"


@pytest.mark.parametrize("value", [" Alfa", "Alfa ", "Alfa\n"])
def test_surrounding_space_is_refused(value: str) -> None:
    assert only_error(model.Name, value) == ("value_error", "teksten må ikke starte eller slutte med mellemrum")


def test_name_length_limits() -> None:
    assert only_error(model.Name, "")[0] == "string_too_short"
    assert accepts(model.Name, "x" * 200) == "x" * 200
    assert only_error(model.Name, "x" * 201)[0] == "string_too_long"
    assert only_error(model.Text, "x" * 4001)[0] == "string_too_long"


# --- Slug --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["alfa", "pr-2013", "innovationsnetvaerk-2014-2018", "a", "2013", "a" * 80])
def test_slug_accepts(value: str) -> None:
    assert accepts(Slug, value) == value


@pytest.mark.parametrize(
    "value", ["Alfa", "alfa_beta", "alfa beta", "-alfa", "alfa-", "alfa--beta", "miljø", "é", "alfa.dk", "", " alfa"]
)
def test_slug_refuses(value: str) -> None:
    assert only_error(Slug, value)[0] == "string_pattern_mismatch"


def test_slug_limits_and_type() -> None:
    assert only_error(Slug, "a" * 81)[0] == "string_too_long"
    assert only_error(Slug, 2013)[0] == "string_type"


# --- records: unknown keys, strict types, required fields -------------------------------------


def test_minimal_cluster() -> None:
    cluster = Cluster.model_validate(CLUSTER)
    assert cluster.id == "alfa" and cluster.sources == ("pr-2013",) and cluster.listings == ()


def test_records_are_frozen() -> None:
    cluster = Cluster.model_validate(CLUSTER)
    with pytest.raises(ValidationError):
        cluster.name = "Beta"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("record", "data", "key"),
    [
        (Cluster, {**CLUSTER, "beskrivelse": "x"}, ("beskrivelse",)),
        (Cluster, {**CLUSTER, "listings": [{"list": "l", "printed_name": "A", "tema": "energi"}]}, ("listings", 0, "tema")),
        (Source, {"id": "s", "title": "T", "kind": "rapport", "file": "000_28541ff0013d0329.txt", "adresse": "https://x.dk"}, ("adresse",)),
        (model.ClustersFile, {"clusters": [], "themes": []}, ("themes",)),
    ],
)
def test_unknown_keys_are_refused(record: Any, data: dict, key: tuple) -> None:
    errors = rejects(record, data)
    assert [(e["type"], e["loc"]) for e in errors] == [("extra_forbidden", key)]


@pytest.mark.parametrize(
    ("fields", "loc", "kind"),
    [
        ({"name": 123}, ("name",), "string_type"),
        ({"name": True}, ("name",), "string_type"),
        ({"id": 7}, ("id",), "string_type"),
        ({"aliases": "Beta"}, ("aliases",), "tuple_type"),
        ({"sources": "pr-2013"}, ("sources",), "tuple_type"),
        ({"sources": []}, ("sources",), "too_short"),
        ({"website": 1}, ("website",), "string_type"),
    ],
)
def test_cluster_fields_are_strict(fields: dict, loc: tuple, kind: str) -> None:
    assert cluster_error(**fields)[:2] == (kind, loc)


def test_missing_required_fields() -> None:
    errors = rejects(Cluster, {"id": "alfa"})
    assert sorted((e["type"], e["loc"]) for e in errors) == [("missing", ("name",)), ("missing", ("sources",))]


def test_listing_requires_printed_name() -> None:
    errors = rejects(Listing, {"list": "klynger-2013"})
    assert [(e["type"], e["loc"]) for e in errors] == [("missing", ("printed_name",))]


LIST = {"id": "l", "title": "L", "source": "s", "location": "Tabel 1", "year": 2013, "programme": True, "themed": False, "printed_count": 22}


def test_strict_counts_and_years_in_lists() -> None:
    errors = rejects(SourceList, {**LIST, "printed_count": "22", "year": 2013.0})
    assert sorted((e["type"], e["loc"]) for e in errors) == [("int_type", ("printed_count",)), ("int_type", ("year",))]
    assert [e["type"] for e in rejects(SourceList, {**LIST, "printed_count": -1})] == ["greater_than_equal"]


@pytest.mark.parametrize("value", ["yes", "true", 1, 0])
def test_list_flags_are_strict_booleans(value: Any) -> None:
    rejects(SourceList, {**LIST, "themed": value})


def test_literal_choices() -> None:
    errors = rejects(Source, {"id": "s", "title": "T", "kind": "blog", "file": "000_28541ff0013d0329.txt"})
    assert [(e["type"], e["loc"]) for e in errors] == [("literal_error", ("kind",))]


def test_source_file_name_pattern() -> None:
    errors = rejects(Source, {"id": "s", "title": "T", "kind": "rapport", "file": "rapport.pdf"})
    assert [(e["type"], e["loc"]) for e in errors] == [("string_pattern_mismatch", ("file",))]


def test_case_page_must_be_positive() -> None:
    data = {"id": "c", "title": "T", "cluster": "k", "activity_area": "a", "source": "s", "summary": "S", "page": 0}
    assert [(e["type"], e["loc"]) for e in rejects(Case, data)] == [("greater_than_equal", ("page",))]


# --- figures -----------------------------------------------------------------------------

INDICATOR = {"id": "i", "name": "I", "unit": "virksomheder"}
HEADLINE = {"id": "h", "source": "s", "year": 2016, "label": "L", "unit": "virksomheder"}


def test_indicator_values() -> None:
    indicator = Indicator.model_validate({**INDICATOR, "values": {2012: 1, 2013: 2.5, 2014: None}, "change": -4})
    assert indicator.values == {2012: 1.0, 2013: 2.5, 2014: None}
    assert indicator.change == -4


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (math.nan, "finite_number"),
        (math.inf, "finite_number"),
        (-math.inf, "finite_number"),
        (-1, "greater_than_equal"),
        (-0.5, "greater_than_equal"),
        ("12", "float_type"),
        (True, "float_type"),
    ],
)
def test_bad_figures_are_refused(value: Any, kind: str) -> None:
    errors = rejects(Indicator, {**INDICATOR, "values": {2012: value}})
    assert [(e["type"], e["loc"]) for e in errors] == [(kind, ("values", 2012))]
    errors = rejects(Headline, {**HEADLINE, "value": value})
    assert [(e["type"], e["loc"]) for e in errors] == [(kind, ("value",))]


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_percent_change_must_be_finite(value: float) -> None:
    errors = rejects(Indicator, {**INDICATOR, "values": {2012: 1}, "change": value})
    assert [(e["type"], e["loc"]) for e in errors] == [("finite_number", ("change",))]


def test_figure_years_are_integers_in_range() -> None:
    # Year keys may be written "2012" too: that is how the JSON exports must write them.
    assert Indicator.model_validate({**INDICATOR, "values": {"2012": 1}}).values == {2012: 1}
    errors = rejects(Indicator, {**INDICATOR, "values": {"abc": 1, 1899: 2}})
    assert sorted(((e["type"], e["loc"]) for e in errors), key=str) == [
        ("greater_than_equal", ("values", 1899, "[key]")),
        ("int_parsing", ("values", "abc", "[key]")),
    ]


def test_headline_qualifier() -> None:
    assert Headline.model_validate({**HEADLINE, "value": 700, "qualifier": "over"}).qualifier == "over"
    errors = rejects(Headline, {**HEADLINE, "value": 700, "qualifier": "omkring"})
    assert [(e["type"], e["loc"]) for e in errors] == [("literal_error", ("qualifier",))]


def test_every_data_file_has_a_model() -> None:
    assert set(model.DATA_FILES) == {"clusters.yaml", "sources.yaml", "themes.yaml", "certifications.yaml", "cases.yaml", "figures.yaml"}
    assert model.DATA_FILES["clusters.yaml"] is model.ClustersFile


def test_url_refuses_a_user_part() -> None:
    # http://www.klynge.dk@andet.example shows one site in the text and goes to another.
    [error] = rejects(Cluster, {**CLUSTER, "website": "https://www.offshoreenergy.dk@andet.example"})
    assert "brugernavn" in error["msg"]


def test_every_format_character_is_refused() -> None:
    """model._HIDDEN is written as ranges: it must hold every format character (Cf) Python's
    Unicode knows, and every default-ignorable one of the list it was written from."""
    import sys
    import unicodedata

    from klyngekatalog.model import _HIDDEN

    missing = [f"U+{c:04X}" for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf" and not _HIDDEN.match(chr(c))]
    assert missing == []
    for character in "\u034f\u061c\u115f\u17b4\u180e\u3164\ufe00\ufe0f\uffa0\U000e0001\U000e007f\U000e0100":
        assert _HIDDEN.match(character), f"U+{ord(character):04X}"
