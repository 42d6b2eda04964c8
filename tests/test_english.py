"""The English edition: labels from one table per language, every generated page once per
language, the Danish fallback for a missing translation, and no Danish interface label on
an English page (the built site's /en/ pages are scanned for the Danish labels)."""

from __future__ import annotations

import csv
import dataclasses
import io
import posixpath
import re
from pathlib import Path

import pytest

from klyngekatalog.columns import ENGLISH, english_column
from klyngekatalog.formatting import dk_date, dk_number
from klyngekatalog.labels import DA, EN, LABELS, Labels
from klyngekatalog.render import Renderer
from klyngekatalog.translations import LANGUAGES, DanishOnly, localized_catalogue, parse_languages
from klyngekatalog.index import Index
from klyngekatalog.views import build_views
from sitebuild import DATA, BuiltSite, build_site, danish_site, parse_html, real_site, resolve  # noqa: F401

TEMPLATES = Path(__file__).resolve().parents[1] / "klyngekatalog" / "templates"
OVERRIDES = Path(__file__).resolve().parents[1] / "overrides"


# --- labels -------------------------------------------------------------------------------


def test_every_language_has_a_label_table():
    assert set(LABELS) == set(LANGUAGES)


def test_a_missing_label_is_a_construction_error():
    given = {f.name: getattr(EN, f.name) for f in dataclasses.fields(Labels)}
    del given["purpose"]
    with pytest.raises(TypeError, match="purpose"):
        Labels(**given)
    with pytest.raises(ValueError, match="purpose"):
        Labels(**{**given, "purpose": ""})


def test_every_label_a_template_uses_exists():
    names = {f.name for f in dataclasses.fields(Labels)}
    used = set()
    for path in [*TEMPLATES.rglob("*.html"), *OVERRIDES.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        # `t.x` where t is the labels (loop variables named t are not used in templates that use labels)
        used |= {(path.name, m) for m in re.findall(r"\b(?:t|kk_t|kk_da|kk_en)\.([a-z_]+)\b", text)}
        used |= {(path.name, m) for m in re.findall(r'kk_labels\[[^\]]+\]\.([a-z_]+)', text)}
    loop_fields = {"theme", "counts", "cases", "text", "weight"}  # `{% for t in … %}` in a few templates
    missing = sorted((file, name) for file, name in used if name not in names and name not in loop_fields)
    assert not missing, missing


def test_labels_mappings_have_the_same_keys():
    for field in ("qualifiers", "source_kinds", "search_script"):
        assert set(getattr(DA, field)) == set(getattr(EN, field)), field


def test_numbers_and_dates_per_language():
    assert dk_number(16520, None, "en") == "16,520"
    assert dk_number(16520) == "16.520"
    assert dk_number(316.6, None, "en") == "316.6"
    assert dk_date("2016-12-31", "en") == "31 December 2016"
    assert dk_date("2016-12-31") == "31. december 2016"
    assert dk_date("2013-05", "en") == "May 2013"


def test_every_column_has_an_english_header(catalogue):
    index = Index(catalogue)
    for column in index.rows.columns:
        key, header = english_column(column.key)
        assert key and header and key.isascii(), column.key
    assert len({english_column(c.key)[0] for c in index.rows.columns}) == len(index.rows.columns)
    assert ENGLISH


# --- views --------------------------------------------------------------------------------


def test_every_generated_page_once_per_language(catalogue):
    views = {view.path: view for view in build_views(catalogue)}
    danish = [v for v in views.values() if v.lang == "da"]
    english = [v for v in views.values() if v.lang == "en"]
    assert len(danish) == len(english)
    for view in danish:
        other = views[f"en/{view.path}"]
        assert view.counterpart == other.url and other.counterpart == view.url
        assert other.template == view.template
    assert views["en/klynger/offshoreenergy-dk.md"].url == "en/klynger/offshoreenergy-dk/"
    assert views["en/tal.md"].title == "Figures"


def test_english_page_uses_english_texts_and_links(catalogue):
    views = {view.path: view for view in build_views(catalogue)}
    html = Renderer().render(views["en/temaer/energi.md"])
    assert "<h1" in html and "Energy" in html
    assert 'href="../../../en/klynger/' in html  # links stay in the English edition
    assert "Fagområdet" not in html


def test_a_missing_translation_falls_back_to_danish_and_says_so(catalogue):
    given = catalogue.translations["en"]
    themes = dict(given.themes)
    themes["energi"] = themes["energi"].model_copy(update={"description": None})
    partial = dataclasses.replace(catalogue, translations={"en": given.model_copy(update={"themes": themes})})
    english = localized_catalogue(partial, "en")
    description = english.theme_by_id["energi"].description
    assert isinstance(description, DanishOnly) and description == catalogue.theme_by_id["energi"].description
    views = {view.path: view for view in build_views(partial)}
    html = Renderer().render(views["en/temaer/energi.md"])
    assert '<div lang="da">' in html
    assert "This text exists in Danish only." in html
    assert 'href="../../../temaer/energi/" hreflang="da"' in html


def test_cluster_pages_stay_constant_in_size(catalogue):
    """The English page of a cluster costs what the Danish one does (no per-page look-ups of
    the whole catalogue): within a factor of the Danish page's size."""
    views = {view.path: view for view in build_views(catalogue)}
    renderer = Renderer()
    for cluster in catalogue.clusters[:20]:
        da = len(renderer.render(views[f"klynger/{cluster.id}.md"]))
        en = len(renderer.render(views[f"en/klynger/{cluster.id}.md"]))
        assert 0.6 * da < en < 1.5 * da, (cluster.id, da, en)


# --- the built site -----------------------------------------------------------------------


def _visible_text(element, skip) -> str:
    if skip(element):
        return " "
    return "".join(c if isinstance(c, str) else _visible_text(c, skip) for c in element.children)


def _catalogue_text(element) -> bool:
    """Elements whose text is Danish by nature on an English page: marked lang="da", the
    names of clusters and sources (links to them), names as printed, scripts and hidden
    search words."""
    a = element.attrs
    if element.tag in ("script", "style", "svg", "code", "title", "head"):
        return True
    if a.get("lang") == "da" or "hidden" in a:
        return True
    classes = (a.get("class") or "").split()
    if {"kk-alias", "kk-source-link", "md-select", "md-header__topic"} & set(classes):
        return True
    if a.get("aria-current") == "page":  # the breadcrumb's last item: the page's own name
        return True
    href = a.get("href") or ""
    if element.tag == "a" and re.search(r"(^|/)klynger/[^/?#]+/?$", href):
        return True
    return element.tag == "h1" and "data-pagefind-weight" in a and a.get("data-pagefind-weight") == "10"


def _danish_labels() -> dict[str, str]:
    """The Danish labels that differ from their English ones, as phrases worth finding: two
    words or more, or one long word (short words such as "og" are also English or names)."""
    found = {}
    for field in dataclasses.fields(Labels):
        da, en = getattr(DA, field.name), getattr(EN, field.name)
        values = [(k, v, en[k]) for k, v in da.items()] if not isinstance(da, str) else [(field.name, da, en)]
        for key, value, english in values:
            for part in re.split(r"\{[a-z_]+\}", value):
                part = part.strip(" .,:;()")
                if part and part not in english and (" " in part or len(part) >= 9):
                    found[part] = key
    return found


def test_no_danish_interface_label_on_an_english_page(real_site, catalogue):  # noqa: F811
    site = real_site.require()
    # A one-word label that is also part of an organisation's name ("Innovationsnetværk") may
    # occur in English text quoting that name; it is looked for in the templates' test above.
    names = " ".join(n for c in catalogue.clusters for n in (c.name, *c.aliases))
    labels = {p: k for p, k in _danish_labels().items() if " " in p or p not in names}
    pages = sorted((site.root / "en").rglob("index.html"))
    assert len(pages) > 100
    problems = []
    for path in pages:
        document = parse_html(path.read_text(encoding="utf-8"))
        html_tag = document.first("html")
        assert html_tag is not None and html_tag.attrs.get("lang") == "en", path
        share = [m.attrs.get("content") for m in document.iter("meta") if m.attrs.get("property") == "og:locale"]
        assert share == ["en_GB"], path
        # The drawer, the tabs and the logo lead into the English edition.
        folder = path.parent.relative_to(site.root).as_posix()
        links = [
            a.attrs["href"]
            for a in document.iter("a")
            if {"md-nav__link", "md-tabs__link", "md-logo"} & set((a.attrs.get("class") or "").split())
        ]
        assert len(links) >= 8 + 8 + 2, path
        outside = [h for h in links if not posixpath.normpath(posixpath.join(folder, h)).startswith("en")]
        assert not outside, (path, outside)
        text = " ".join(_visible_text(document, _catalogue_text).split())
        for phrase, key in labels.items():
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
                problems.append(f"{path.relative_to(site.root)}: {phrase!r} ({key})")
    assert not problems, "\n".join(problems[:40])


def test_english_csv_beside_the_danish_one(real_site):  # noqa: F811
    site = real_site.require()
    danish = list(csv.reader(io.StringIO((site.root / "data" / "clusters.csv").read_text(encoding="utf-8"))))
    english = list(csv.reader(io.StringIO((site.root / "en" / "data" / "clusters.csv").read_text(encoding="utf-8"))))
    assert len(english) == len(danish)
    assert english[0][:3] == ["id", "name", "other_names"] and danish[0][:3] == ["id", "navn", "andre_navne"]
    assert [row[0] for row in english] [1:] == [row[0] for row in danish][1:]


def test_language_switch_and_hreflang_both_ways(real_site):  # noqa: F811
    """The switch links each page to its counterpart; the sitemap gives search engines both
    versions of every page (hreflang). No <link rel="alternate"> in a page: Material's script
    would fetch a sitemap.xml beside each."""
    site = real_site.require()
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://klyngekataloget.github.io/en/klynger/offshoreenergy-dk/"/>' in sitemap
    assert sitemap.count('hreflang="da"') == sitemap.count('hreflang="en"') == sitemap.count("<url>")
    for url in ("klynger/offshoreenergy-dk/", "temaer/energi/", "klynger/", "tal/", ""):
        for here, there, lang in ((url, f"en/{url}", "en"), (f"en/{url}", url, "da")):
            html = site.html(here)
            depth = here.count("/")
            target = "../" * depth + there or "./"
            assert f'hreflang="{lang}"' in html, here
            # MkDocs writes the way up to the home page without its last slash ("..").
            shown = re.escape(target.rstrip("/") or ".") + "/?"
            assert re.search(rf'<a href="{shown}" hreflang="{lang}" lang="{lang}" class="md-header__button md-icon kk-language"', html), (here, target)
            assert 'rel="alternate"' not in html, here


def test_stylesheets_write_no_words():
    """Words a stylesheet shows (::before/::after) come from the page's attributes, in the
    page's language: our CSS writes signs only ("›", "▲"), never a word."""
    assets = Path(__file__).resolve().parents[1] / "docs" / "assets"
    words = [
        (path.name, text)
        for path in sorted(assets.glob("*.css"))
        for text in re.findall(r'content:\s*"([^"]*)"', path.read_text(encoding="utf-8"))
        if re.search(r"[^\W\d_]", text)
    ]
    assert not words, words


# --- one edition alone (KLYNGEKATALOG_LANGUAGES) --------------------------------------------


def test_the_languages_setting_is_validated():
    assert parse_languages(None) == parse_languages("") == tuple(LANGUAGES)
    assert parse_languages("da") == ("da",)
    assert parse_languages(" en , da,da ") == ("da", "en")  # LANGUAGES' order, each once
    with pytest.raises(ValueError, match="ukendt sprog 'de'; kendte sprog: da, en"):
        parse_languages("da,de")
    with pytest.raises(ValueError, match="det første sprog 'da' skal bygges"):
        parse_languages("en")


def test_an_unknown_language_fails_the_build(tmp_path):
    result = build_site(DATA, tmp_path / "site", env={"KLYNGEKATALOG_LANGUAGES": "da,fr"})
    assert result.returncode != 0
    assert "KLYNGEKATALOG_LANGUAGES: ukendt sprog 'fr'" in result.stdout + result.stderr


def test_a_danish_only_build_has_no_english_pages_files_or_links(danish_site):  # noqa: F811
    site = danish_site.require()
    assert not (site.root / "en").exists()
    assert (site.root / "klynger" / "index.html").is_file() and (site.root / "om" / "index.html").is_file()
    # Search: the Danish index alone.
    bundle = site.root / "pagefind"
    assert sorted(p.name for p in bundle.glob("wasm.*.pagefind") if ".unknown." not in p.name) == ["wasm.da.pagefind"]
    assert not list(bundle.glob("pagefind.en_*"))
    # No link, switch or alternate into an English edition, on any page or in the sitemap.
    for path in site.root.rglob("*.html"):
        page = path.relative_to(site.root).as_posix()
        html = path.read_text(encoding="utf-8")
        assert 'hreflang="en"' not in html and "kk-language" not in html, page
        # mkdocs-redirects writes its own small page (<html lang="en"> whatever the site's language).
        if "<title>Redirecting...</title>" not in html:
            assert 'lang="en"' not in html, page
        for element in parse_html(html).iter():
            for attribute in ("href", "src", "action"):
                target = resolve(page, element.attrs.get(attribute) or "")
                assert not (target and target[0].startswith("en/")), (page, element)
    assert "hreflang" not in (site.root / "sitemap.xml").read_text(encoding="utf-8")


def test_a_danish_only_build_makes_the_same_danish_pages(real_site, danish_site):  # noqa: F811
    """The Danish pages of both builds differ only in the header's language switch."""
    both, alone = real_site.require(), danish_site.require()
    switch = re.compile(r"<a [^>]*class=\"md-header__button md-icon kk-language\".*?</a>", re.S)

    def without_switch(text: str) -> str:
        return re.sub(r"\s+", " ", switch.sub("", text))

    for url in ("klynger/", "klynger/robocluster/", "temaer/energi/", "om/", "data/clusters.csv", "data/clusters.json"):
        assert without_switch(both.html(url)) == without_switch(alone.html(url)), url
