"""Page views: every generated page as data, checked against the catalogue it comes from."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections import Counter, defaultdict

import pytest
from jinja2 import meta, nodes
from pydantic import BaseModel

from klyngekatalog.index import sort_key
from klyngekatalog.translations import LANGUAGES
from klyngekatalog.render import make_environment, view_globals
from klyngekatalog.views import ClusterPage, PageContent, PageView, Period, ThemesIndexPage, build_views


INDEX_PAGES = {
    "klynger/index.md": "klynger/",
    "temaer/index.md": "temaer/",
    "certificeringer.md": "certificeringer/",
    "cases/index.md": "cases/",
    "tal.md": "tal/",
}


@pytest.fixture(scope="module")
def views(catalogue):
    return build_views(catalogue)


@pytest.fixture(scope="module")
def by_path(views):
    return {view.path: view for view in views}


def raw_themes_by_year(catalogue, cluster) -> dict[int, list[str]]:
    """Computed straight from the listings, independently of Index."""
    years = {l.id: l.year for l in catalogue.lists}
    result: dict[int, list[str]] = defaultdict(list)
    for listing in cluster.listings:
        if listing.theme and listing.theme not in result[years[listing.list]]:
            result[years[listing.list]].append(listing.theme)
    return dict(sorted(result.items()))


# --- Index.themes_by_year -----------------------------------------------------------------


def test_themes_by_year_matches_the_listings(catalogue, index):
    for cluster in catalogue.clusters:
        assert index.themes_by_year(cluster) == raw_themes_by_year(catalogue, cluster), cluster.id


def test_themes_by_year_is_sorted_by_year(catalogue, index):
    for cluster in catalogue.clusters:
        years = list(index.themes_by_year(cluster))
        assert years == sorted(years), cluster.id


def test_themes_by_year_examples(catalogue, index):
    # Listed twice in the 2016 list, once under each theme: both themes, in listing order, once.
    assert index.themes_by_year(catalogue.cluster_by_id["clean"]) == {2016: ["energi", "miljoe"]}
    # The non-themed programme list gives no theme; the themed 2016 list does.
    assert index.themes_by_year(catalogue.cluster_by_id["inno-se"]) == {2016: ["energi"]}
    assert index.themes_by_year(catalogue.cluster_by_id["offshoreenergy-dk"]) == {2013: ["energi"], 2016: ["energi"]}
    assert index.latest_themes(catalogue.cluster_by_id["offshoreenergy-dk"]) == ["energi"]


def test_themes_by_year_without_themed_listings(catalogue, index):
    unthemed = [c for c in catalogue.clusters if not any(l.theme for l in c.listings)]
    for cluster in unthemed:
        assert index.themes_by_year(cluster) == {}
        assert index.latest_themes(cluster) == []


def test_clusters_by_theme_matches_the_listings(catalogue, index):
    expected: dict[tuple[str, int], set[str]] = defaultdict(set)
    for cluster in catalogue.clusters:
        for year, themes in raw_themes_by_year(catalogue, cluster).items():
            for theme in themes:
                expected[(theme, year)].add(cluster.id)
    got = {
        (theme, year): [c.id for c in clusters]
        for theme, years in index.clusters_by_theme.items()
        for year, clusters in years.items()
    }
    assert {key: set(ids) for key, ids in got.items()} == dict(expected)
    # Each cluster only once per theme and year, even when a list places it twice.
    assert all(len(ids) == len(set(ids)) for ids in got.values())


def test_best_level_prefers_the_highest_rank(catalogue, index):
    cluster = catalogue.cluster_by_id["offshoreenergy-dk"]
    assert {c.level for c in cluster.certifications} == {"guld", "eu-kvalitetsmaerke"}
    assert index.best_level(cluster).id == "guld"
    for cluster in catalogue.clusters:
        if not cluster.certifications:
            assert index.best_level(cluster) is None


def test_sort_key_puts_danish_letters_last():
    names = ["Åben", "Zoo", "Ærø", "Øresund", "anden", "Bo"]
    assert sorted(names, key=sort_key) == ["anden", "Bo", "Zoo", "Ærø", "Øresund", "Åben"]


# --- the view list --------------------------------------------------------------------------


def test_one_view_per_record_plus_the_index_pages(catalogue, views):
    figures = {"tal/kataloget.md"} | {f"tal/{t.id}.md" for t in catalogue.tables}
    per_language = len(catalogue.clusters) + len(catalogue.themes) + len(catalogue.cases) + len(INDEX_PAGES) + len(figures)
    assert len(views) == per_language * len(LANGUAGES)
    assert sum(1 for view in views if view.lang == "da") == per_language
    views = [view for view in views if view.lang == "da"]
    paths = Counter(view.path for view in views)
    assert all(n == 1 for n in paths.values()), [p for p, n in paths.items() if n > 1]
    expected = set(INDEX_PAGES) | figures
    expected |= {f"klynger/{c.id}.md" for c in catalogue.clusters}
    expected |= {f"temaer/{t.id}.md" for t in catalogue.themes}
    expected |= {f"cases/{c.id}.md" for c in catalogue.cases}
    assert set(paths) == expected


def test_view_urls(catalogue, views, by_path):
    for path, url in INDEX_PAGES.items():
        assert by_path[path].url == url
        assert by_path[path].in_nav
    for cluster in catalogue.clusters:
        view = by_path[f"klynger/{cluster.id}.md"]
        assert view.url == f"klynger/{cluster.id}/"
        assert (view.title, view.description, view.template, view.in_nav) == (cluster.name, cluster.description, "cluster.html", False)
    for theme in catalogue.themes:
        view = by_path[f"temaer/{theme.id}.md"]
        assert view.url == f"temaer/{theme.id}/"
        assert (view.title, view.description, view.template, view.in_nav) == (theme.name, theme.description, "theme.html", False)
    for case in catalogue.cases:
        view = by_path[f"cases/{case.id}.md"]
        assert view.url == f"cases/{case.id}/"
        assert (view.title, view.description, view.template, view.in_nav) == (case.title, case.summary, "case.html", False)
    assert len({view.url for view in views}) == len(views)


@pytest.mark.parametrize(
    "path, url",
    [("index.md", ""), ("tal.md", "tal/"), ("klynger/index.md", "klynger/"), ("klynger/x.md", "klynger/x/"), ("a/b/index.md", "a/b/")],
)
def test_page_view_url(path, url):
    assert PageView(path, "t", ThemesIndexPage((), ())).url == url


# --- relations ------------------------------------------------------------------------------


def test_inno_se_is_included_in_clean(by_path):
    inno_se = by_path["klynger/inno-se.md"].content
    assert [r.cluster.id for r in inno_se.included_in] == ["clean"]
    assert inno_se.included_in[0].source.id == "pr-2017"
    clean = by_path["klynger/clean.md"].content
    assert [r.cluster.id for r in clean.includes] == ["inno-se", "inno-mt"]
    assert clean.included_in == ()


def test_every_relation_shows_on_both_pages(catalogue, by_path):
    relations = [(parent, r) for parent in catalogue.clusters for r in parent.relations if r.kind == "omfatter"]
    assert relations, "the data has relations"
    for parent, relation in relations:
        includes = by_path[f"klynger/{parent.id}.md"].content.includes
        included_in = by_path[f"klynger/{relation.cluster}.md"].content.included_in
        assert (relation.cluster, relation.source) in [(r.cluster.id, r.source.id) for r in includes]
        assert (parent.id, relation.source) in [(r.cluster.id, r.source.id) for r in included_in]
    total_included_in = sum(len(by_path[f"klynger/{c.id}.md"].content.included_in) for c in catalogue.clusters)
    assert total_included_in == len(relations)


def test_every_continuation_shows_on_both_pages(catalogue, by_path):
    continuations = [(earlier, r) for earlier in catalogue.clusters for r in earlier.relations if r.kind != "omfatter"]
    assert {r.kind for _, r in continuations} == {"videreført-i", "formodet-videreført-som"}
    for earlier, relation in continuations:
        continued_as = by_path[f"klynger/{earlier.id}.md"].content.continued_as
        continues = by_path[f"klynger/{relation.cluster}.md"].content.continues
        assert (relation.cluster, relation.kind, relation.evidence) in [(r.cluster.id, r.kind, r.evidence) for r in continued_as]
        assert (earlier.id, relation.kind, relation.evidence) in [(r.cluster.id, r.kind, r.evidence) for r in continues]
        # A continuation is not an "omfatter": it shows in neither of those lists.
        assert relation.cluster not in [r.cluster.id for r in by_path[f"klynger/{earlier.id}.md"].content.includes]
    assert sum(len(by_path[f"klynger/{c.id}.md"].content.continues) for c in catalogue.clusters) == len(continuations)


def test_history_follows_the_chain(by_path):
    def names(path):
        return [[m.cluster.id for m in generation] for generation in by_path[path].content.history]

    assert names("klynger/dansk-lyd.md") == names("klynger/dansk-lydteknologi.md") == [["dansk-lydteknologi"], ["dansk-lyd"]]
    assert names("klynger/biopeople.md") == [["biologue", "biosys"], ["biopeople"]]
    assert names("klynger/robocluster.md") == []
    [[current]] = [[m for m in g if m.current] for g in by_path["klynger/dansk-lyd.md"].content.history if any(m.current for m in g)]
    assert current.cluster.id == "dansk-lyd" and current.years == "2016"


# --- what index pages carry -------------------------------------------------------------------


def test_catalogue_table_has_every_cluster_sorted(catalogue, by_path):
    rows = [r.values for r in by_path["klynger/index.md"].content.rows]
    assert sorted(r["id"] for r in rows) == sorted(c.id for c in catalogue.clusters)
    assert [r["navn"] for r in rows] == sorted((c.name for c in catalogue.clusters), key=sort_key)


def test_theme_page_years_newest_first(catalogue, by_path):
    for theme in catalogue.themes:
        years = [g.year for g in by_path[f"temaer/{theme.id}.md"].content.placements]
        assert years == sorted(years, reverse=True), theme.id


def test_certifications_view_holders(catalogue, by_path):
    levels = {entry.level.id: entry for entry in by_path["certificeringer.md"].content.levels}
    assert set(levels) == {l.id for l in catalogue.levels}
    for level in catalogue.levels:
        expected = Counter(c.id for c in catalogue.clusters for cert in c.certifications if cert.level == level.id)
        assert Counter(cluster.id for cluster, _ in levels[level.id].holders) == expected, level.id
        assert [u.count for u in levels[level.id].unnamed] == [u.count for u in catalogue.unnamed_holders if u.level == level.id]
    ranks = [entry.level.rank for entry in by_path["certificeringer.md"].content.levels]
    ranked = [r for r in ranks if r is not None]
    assert ranked == sorted(ranked) and ranks[: len(ranked)] == ranked  # unranked last


def test_cases_view_has_every_case_once(catalogue, by_path):
    areas = by_path["cases/index.md"].content.areas
    ids = [case.id for area in areas for case in area.cases]
    assert sorted(ids) == sorted(c.id for c in catalogue.cases)


def test_cluster_cases_include_partner_cases(catalogue, by_path):
    for case in catalogue.cases:
        for cluster_id in (case.cluster, *case.partner_clusters):
            assert case in by_path[f"klynger/{cluster_id}.md"].content.cases, (case.id, cluster_id)


# --- redirects for former names and aliases -----------------------------------------------------


def test_slugify():
    from klyngekatalog.views import slugify

    assert slugify("Offshore Center Danmark") == "offshore-center-danmark"
    assert slugify("Fødevaresektorens Innovationsnetværk") == "foedevaresektorens-innovationsnetvaerk"
    assert slugify("Åben Café – IT & Co.") == "aaben-cafe-it-co"


def test_redirects_lead_from_names_to_their_cluster(catalogue):
    from klyngekatalog.views import redirects, slugify

    found = redirects(catalogue)
    assert found["klynger/offshore-center-danmark.md"] == "klynger/offshoreenergy-dk.md"
    ids = {c.id for c in catalogue.clusters}
    for old, new in found.items():
        slug = old.removeprefix("klynger/").removesuffix(".md")
        target = new.removeprefix("klynger/").removesuffix(".md")
        assert slug not in ids and target in ids
        cluster = catalogue.cluster_by_id[target]
        assert slug in {slugify(n) for n in (cluster.name, *cluster.aliases)}


def test_redirects_skip_a_slug_two_clusters_claim(catalogue):
    import dataclasses

    from klyngekatalog.views import redirects

    a, b = catalogue.clusters[0], catalogue.clusters[1]
    clusters = (a.model_copy(update={"aliases": (*a.aliases, "Fælles Navn")}), b.model_copy(update={"aliases": (*b.aliases, "Faelles navn")}))
    changed = dataclasses.replace(catalogue, clusters=clusters + catalogue.clusters[2:])
    assert "klynger/faelles-navn.md" not in redirects(changed)


def test_no_redirect_overwrites_the_catalogue_table(catalogue):
    import dataclasses

    from klyngekatalog.views import redirects

    first = catalogue.clusters[0].model_copy(update={"aliases": (*catalogue.clusters[0].aliases, "Index")})
    changed = dataclasses.replace(catalogue, clusters=(first, *catalogue.clusters[1:]))
    pages = {view.path for view in build_views(changed)}
    assert not set(redirects(changed)) & pages


# --- words for the search index only ------------------------------------------------------------


def test_folded_forms_spell_danish_letters_both_ways():
    from klyngekatalog.views import folded_forms

    assert folded_forms("Fødevarer og velfærdsteknologi på Ærø") == (
        "foedevarer fodevarer velfaerdsteknologi velfardsteknologi paa pa aeroe aro"
    )
    assert folded_forms("Robocluster, ICT North") == ""  # nothing to add to plain ASCII words


def test_folded_forms_index_the_tails_of_compounds():
    from klyngekatalog.views import folded_forms

    heads = frozenset({"vindm"})
    assert "vindmøller" in folded_forms("havvindmøller", heads).split()
    assert "vindmoller" in folded_forms("havvindmøller", heads).split()
    assert folded_forms("havvindmøller") == "havvindmoeller havvindmoller"  # no heads, no tails


def test_search_terms_weigh_what_a_page_is_about(catalogue, by_path):
    terms = {t.weight: t.text for t in by_path["klynger/offshoreenergy-dk.md"].content.search_terms}
    assert "energi" in terms[3].split()  # its theme, by id
    assert "vindmøller" in terms[1].split()  # from its case's "havvindmøller"
    assert "vindmøllebranchen" in terms[0.5]  # its theme's description
    theme = {t.weight: t.text for t in by_path["temaer/ikt.md"].content.search_terms}
    assert theme[10].split()[0] == "ikt"
    food = {t.weight: t.text for t in by_path["temaer/foedevarer.md"].content.search_terms}
    assert {"foedevarer", "fodevarer"} <= set(food[10].split())
def test_figures_pages_are_generic(catalogue, index):
    """A table gets its page from data alone; a table of one year gets no chart column."""
    from klyngekatalog.slugs import RESERVED_TABLE_IDS
    from klyngekatalog.views import CATALOGUE_FIGURES_ID, Downloads, figures_table_pages

    assert CATALOGUE_FIGURES_ID in RESERVED_TABLE_IDS
    table = catalogue.tables[0]
    one_year = table.model_copy(
        update={
            "id": "test-et-aar",
            "years": (table.years[-1],),
            "measured": {table.years[-1]: 1},
            "sections": tuple(
                s.model_copy(update={"indicators": tuple(i.model_copy(update={"values": {table.years[-1]: 1.0}}) for i in s.indicators)})
                for s in table.sections
            ),
        }
    )
    views = {v.path: v for v in figures_table_pages(index)}
    assert set(views) == {f"tal/{t.id}.md" for t in catalogue.tables}
    for t in catalogue.tables:
        view = views[f"tal/{t.id}.md"]
        assert view.hide == ("navigation", "toc") and view.url == f"tal/{t.id}/"
        assert view.content.downloads == Downloads(csv=f"data/tal/{t.id}.csv", json=f"data/tal/{t.id}.json")
    from klyngekatalog.views import _figures_table_view

    view = _figures_table_view(index, one_year)
    assert view.content.has_charts is False
    assert all(row.chart is None for section in view.content.sections for row in section.rows)


# --- each page kind's content and its template ---------------------------------------------------

PAGE_KINDS = typing.get_args(PageContent)


def _element(annotation):
    """What iterating over a value of this type gives (None: not known)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (tuple, list) and args:
        return args[0]
    return None


def _without_none(annotation):
    """`X | None` → X: a template tests for None with `{% if %}` before reading X's fields."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return annotation


def _attribute(owner, name: str):
    """The type of `owner.name` when owner is a view's dataclass or a model (None: not known,
    e.g. a method or property); AttributeError when the owner has no such name."""
    if dataclasses.is_dataclass(owner) and name in {f.name for f in dataclasses.fields(owner)}:
        try:
            return _without_none(typing.get_type_hints(owner)[name])
        except NameError:  # an annotation only a type checker resolves (columns.Column)
            return None
    elif isinstance(owner, type) and issubclass(owner, BaseModel) and name in owner.model_fields:
        return _without_none(owner.model_fields[name].annotation)
    if not hasattr(owner, name):
        raise AttributeError(f"{owner.__name__} has no {name!r}")
    return None


def unknown_attributes(template_ast, scope: dict) -> list[str]:
    """Every `a.b` a template reads where `a` has a known type (a content field, a loop over a
    tuple of records, a `set`) without a field or attribute `b`: a renamed field of a nested
    record fails here, not in a build. Mappings (`fact_sources.description`) are not checked."""
    missing: list[str] = []

    def type_of(node, scope):
        if isinstance(node, nodes.Name):
            return scope.get(node.name)
        if isinstance(node, nodes.Getattr):
            owner = type_of(node.node, scope)
            if owner is None or not isinstance(owner, type) or typing.get_origin(owner) is not None:
                return None
            try:
                return _attribute(owner, node.attr)
            except AttributeError as error:
                missing.append(str(error))
        return None

    def bind(target, annotation, scope):
        if isinstance(target, nodes.Name):
            scope[target.name] = _without_none(annotation) if annotation is not None else None
        elif isinstance(target, nodes.Tuple):
            args = typing.get_args(annotation) if typing.get_origin(annotation) is tuple else ()
            for i, item in enumerate(target.items):
                bind(item, args[i] if i < len(args) else None, scope)

    def visit(node, scope):
        if isinstance(node, nodes.For):
            inner = dict(scope)
            bind(node.target, _element(type_of(node.iter, scope)), inner)
            for child in (*node.body, *([node.test] if node.test else [])):
                visit(child, inner)
            for child in (node.iter, *node.else_):
                visit(child, scope)
            return
        if isinstance(node, nodes.Assign):
            visit(node.node, scope)
            bind(node.target, type_of(node.node, scope), scope)
            return
        if isinstance(node, nodes.Macro):
            return  # a macro's names are its arguments
        if isinstance(node, nodes.Getattr):
            type_of(node, scope)
        for child in node.iter_child_nodes():
            visit(child, scope)

    visit(template_ast, dict(scope))
    return missing


@pytest.fixture(scope="module")
def template_globals(views):
    """Every name a page template gets besides its content (render.py), and Jinja's own."""
    return set(view_globals(views[0])) | set(make_environment().globals)


def test_every_page_is_of_a_kind_and_every_kind_has_pages(views):
    kinds = Counter()
    for view in views:
        assert isinstance(view.content, PAGE_KINDS), view.path
        assert view.template == type(view.content).template
        kinds[type(view.content)] += 1
    assert set(kinds) == set(PAGE_KINDS)
    templates = [kind.template for kind in PAGE_KINDS]
    assert len(set(templates)) == len(templates), "one template per kind of page"


@pytest.mark.parametrize("kind", PAGE_KINDS, ids=lambda kind: kind.__name__)
def test_a_template_reads_exactly_its_contents_fields(kind, template_globals):
    """The names a page's template reads are its content's fields and the globals every page
    gets; every field is read (no data computed for nothing); no field hides a global."""
    env = make_environment()
    source = env.loader.get_source(env, kind.template)[0]
    read = meta.find_undeclared_variables(env.parse(source))
    fields = {f.name for f in dataclasses.fields(kind)}
    assert read - fields <= template_globals, f"{kind.template} reads what {kind.__name__} does not have"
    assert fields <= read, f"{kind.__name__} has fields {kind.template} does not read"
    assert not fields & template_globals


@pytest.mark.parametrize("kind", PAGE_KINDS, ids=lambda kind: kind.__name__)
def test_a_template_reads_existing_fields_of_nested_records(kind):
    env = make_environment()
    source = env.loader.get_source(env, kind.template)[0]
    hints = typing.get_type_hints(kind)
    scope = {f.name: _without_none(hints[f.name]) for f in dataclasses.fields(kind)}
    assert unknown_attributes(env.parse(source), scope) == []


def test_the_check_of_nested_records_finds_a_renamed_field():
    env = make_environment()
    scope = {"period": Period, "history": typing.get_type_hints(ClusterPage)["history"]}
    ast = env.parse("{{ period.text }}{{ period.firstt }}{% for g in history %}{% for m in g %}{{ m.cluster.nam }}{% endfor %}{% endfor %}")
    assert unknown_attributes(ast, scope) == ["Period has no 'firstt'", "Cluster has no 'nam'"]


@pytest.mark.parametrize("name", ["_macros.html", "_charts.html"])
def test_shared_macros_read_only_globals(name, template_globals):
    env = make_environment()
    source = env.loader.get_source(env, name)[0]
    assert meta.find_undeclared_variables(env.parse(source)) <= template_globals
