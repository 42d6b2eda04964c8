"""Helpers for the site tests: build the site with MkDocs once per session, and read its HTML.

`build_site` runs the same command as `make build` (strict, quiet) in a subprocess, so the
tests see exactly what a visitor would get. The fixtures `real_site` and `payload_site` are
session-scoped and additionally cached at module level: test modules import them from here,
and pytest would otherwise register (and build) them once per importing module.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MKDOCS = Path(sys.executable).parent / "mkdocs"

# What the payload test writes into catalogue text (cluster description, case summary,
# theme description) and into a cluster name. None of it may become markup, script or an
# evaluated template expression anywhere on the site.
PAYLOAD = (
    "<script>alert(1)</script> {{ 7*7 }} {% raw %}x{% endraw %} {# c #} "
    "[klik](javascript:alert(1)) <img src=x onerror=alert(1)>"
)
PAYLOAD_NAME = "Test <b>fed</b> {{ 7*7 }}"
# An alias lands in an attribute (data-andre_navne on /klynger/): a quote must not end it.
PAYLOAD_ALIAS = 'Alias" onmouseover="alert(2)'


def build_site(data_dir: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Build the site from `data_dir`/clusters.yaml (and its siblings) into `out`, with `env`
    added to the environment (e.g. KLYNGEKATALOG_SITE_URL)."""
    env = {**os.environ, **(env or {})}
    env["KLYNGEKATALOG_DATA"] = str(Path(data_dir).resolve() / "clusters.yaml")
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner
    env["DISABLE_MKDOCS_2_WARNING"] = "true"  # ProperDocs' banner (as the Makefile sets)
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(Path(out).resolve())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def make_build(data: Path, site: Path, project: Path = ROOT) -> subprocess.CompletedProcess:
    """`make build DATA=data SITE=site` in `project` (the repository, or a copy of it), with
    the repository's venv."""
    venv = ROOT / ".venv"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        # A copy's klyngekatalog and hooks, not the ones the venv's .pth file points at.
        "PYTHONPATH": str(project),
    }
    return subprocess.run(
        # -o: never (re)install into the shared venv from a copy of the project.
        ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.installed", "build", f"DATA={data}", f"SITE={site}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    data: Path  # the data folder the site was built from
    result: subprocess.CompletedProcess

    def require(self) -> "BuiltSite":
        if self.result.returncode != 0:
            pytest.fail(f"mkdocs build failed ({self.result.returncode}):\n{self.result.stderr}\n{self.result.stdout}")
        return self

    def file(self, url: str) -> Path:
        """The file served for a site URL path such as "klynger/x/" or "/data/clusters.json"."""
        path = self.root / url.lstrip("/")
        return path / "index.html" if url == "" or url.endswith("/") else path

    def html(self, url: str) -> str:
        return self.file(url).read_text(encoding="utf-8")

    def page(self, url: str) -> "Element":
        return parse_html(self.html(url))

    def content(self, url: str) -> "Element":
        """The page's article (what the templates render), without Material's chrome."""
        article = self.page(url).first("article")
        assert article is not None, f"no <article> on {url}"
        return article


# --- a tiny DOM, enough to look at the generated pages ----------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Element | None" = None):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def iter(self, tag: str | None = None) -> Iterator["Element"]:
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def first(self, tag: str) -> "Element | None":
        return next(self.iter(tag), None)

    def by_id(self, id_: str) -> "Element | None":
        return next((e for e in self.iter() if e.attrs.get("id") == id_), None)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def next_element(self) -> "Element | None":
        """The next sibling element (skipping text)."""
        assert self.parent is not None
        siblings = self.parent.children
        for child in siblings[siblings.index(self) + 1 :]:
            if isinstance(child, Element):
                return child
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def resolve(page: str, href: str) -> tuple[str, str] | None:
    """Where a link on the site page `page` points, as (path, fragment). `page` is a file
    path ("klynger/x/index.html") or a URL path ("klynger/x/", "" for the home page); the
    result path is relative to the site root ("" for the home page, "klynger/y/",
    "data/a.json"). None for external links (a scheme, or //host). A link that climbs
    above the site root comes back starting with "../" (it is broken)."""
    if _SCHEME.match(href) or href.startswith("//"):
        return None
    parts = urlsplit(href)
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    if path.startswith("/"):
        combined = path[1:]
    else:
        base = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
        combined = (base if base != "/" else "") + path
    segments = combined.split("/")
    stack: list[str] = []
    climbed = False
    for segment in segments:
        if segment in ("", "."):
            continue
        if segment == "..":
            if stack:
                stack.pop()
            else:
                climbed = True
        else:
            stack.append(segment)
    result = "/".join(stack)
    if result and (combined.endswith("/") or segments[-1] in (".", "..")):
        result += "/"
    return ("../" + result if climbed else result), parts.fragment


def cluster_links(page: str, element: Element) -> list[str]:
    """Ids of the cluster pages linked from `element` (in order, with repeats)."""
    ids = []
    for a in element.iter("a"):
        target = resolve(page, a.attrs.get("href") or "")
        if target and (match := re.fullmatch(r"klynger/([a-z0-9-]+)/", target[0])):
            ids.append(match.group(1))
    return ids


def section(heading: Element) -> Element:
    """The elements after `heading` up to the next heading of the same or a higher level,
    gathered under one synthetic element."""
    level = int(heading.tag[1])
    stop = {f"h{i}" for i in range(1, level + 1)}
    result = Element("#section", {})
    node = heading.next_element()
    while node is not None and node.tag not in stop:
        result.children.append(node)
        node = node.next_element()
    return result


def search_documents(site: "BuiltSite") -> list[dict]:
    """The site's search index as documents {url, title, text, format}. MkDocs' search plugin
    (search/search_index.json) stores HTML ("html"); Pagefind (pagefind/fragment/*) stores
    plain text ("text") and escapes it when it shows results."""
    legacy = site.root / "search" / "search_index.json"
    if legacy.exists():
        return [
            {"url": "/" + d["location"], "title": d["title"], "text": d["text"], "format": "html"}
            for d in load_json(legacy)["docs"]
        ]
    documents = []
    for fragment in sorted((site.root / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), fragment
        data = json.loads(raw[len(b"pagefind_dcd") :])
        documents.append({"url": data["url"], "title": data["meta"].get("title"), "text": data["content"], "format": "text"})
    assert documents, "no search index in the built site"
    return documents


# --- data folders -------------------------------------------------------------------------


def read_yaml(path: Path):
    """Read a data file the way the catalogue does (dates stay text)."""
    from klyngekatalog.yamlsource import load_yaml

    return load_yaml(path).data


def write_yaml(path: Path, data) -> None:
    # safe_dump quotes and escapes whatever needs it (a leading '<', '{', '[', '#', ': ' …).
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


@dataclass(frozen=True)
class PayloadTargets:
    cluster: str
    theme: str
    case: str


def choose_payload_targets(data_dir: Path = DATA) -> PayloadTargets:
    """A described cluster placed in a theme, with a case of its own: its name then shows on
    its own page, the theme page, the case page and /klynger/."""
    from klyngekatalog.catalogue import load_catalogue
    from klyngekatalog.index import Index

    catalogue = load_catalogue(data_dir / "clusters.yaml")
    index = Index(catalogue)
    for case in catalogue.cases:
        cluster = catalogue.cluster_by_id[case.cluster]
        themes = index.latest_themes(cluster)
        if cluster.description and themes:
            return PayloadTargets(cluster.id, themes[0], case.id)
    raise AssertionError("no described, themed cluster with a case in the data")


def inject_payload(data_dir: Path, targets: PayloadTargets) -> None:
    clusters = read_yaml(data_dir / "clusters.yaml")
    for cluster in clusters["clusters"]:
        if cluster["id"] == targets.cluster:
            cluster["name"] = PAYLOAD_NAME
            cluster["description"] = PAYLOAD
            cluster["aliases"] = [*cluster.get("aliases", []), PAYLOAD_ALIAS]
    write_yaml(data_dir / "clusters.yaml", clusters)

    cases = read_yaml(data_dir / "cases.yaml")
    for case in cases["cases"]:
        if case["id"] == targets.case:
            case["summary"] = PAYLOAD
    write_yaml(data_dir / "cases.yaml", cases)

    themes = read_yaml(data_dir / "themes.yaml")
    for theme in themes["themes"]:
        if theme["id"] == targets.theme:
            theme["description"] = PAYLOAD
    write_yaml(data_dir / "themes.yaml", themes)


# --- fixtures -----------------------------------------------------------------------------

_built: dict[str, BuiltSite] = {}


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    if "real" not in _built:
        out = tmp_path_factory.mktemp("real-site") / "site"
        _built["real"] = BuiltSite(out, DATA, build_site(DATA, out))
    return _built["real"]


# A GitHub project site is served from /<repository>/: the same site, built for that address.
SUBPATH = "/klyngekatalog/"
SUBPATH_SITE_URL = "https://fork.example" + SUBPATH


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> BuiltSite:
    if "subpath" not in _built:
        out = tmp_path_factory.mktemp("subpath-site") / "site"
        _built["subpath"] = BuiltSite(out, DATA, build_site(DATA, out, env={"KLYNGEKATALOG_SITE_URL": SUBPATH_SITE_URL}))
    return _built["subpath"]


@pytest.fixture(scope="session")
def danish_site(tmp_path_factory) -> BuiltSite:
    """The real catalogue's Danish edition alone (KLYNGEKATALOG_LANGUAGES=da)."""
    if "danish" not in _built:
        out = tmp_path_factory.mktemp("danish-site") / "site"
        _built["danish"] = BuiltSite(out, DATA, build_site(DATA, out, env={"KLYNGEKATALOG_LANGUAGES": "da"}))
    return _built["danish"]


@pytest.fixture(scope="session")
def payload_targets() -> PayloadTargets:
    return choose_payload_targets()


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory, payload_targets) -> BuiltSite:
    if "payload" not in _built:
        base = tmp_path_factory.mktemp("payload-site")
        data = base / "data"
        shutil.copytree(DATA, data)
        inject_payload(data, payload_targets)
        out = base / "site"
        _built["payload"] = BuiltSite(out, data, build_site(data, out))
    return _built["payload"]


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))
