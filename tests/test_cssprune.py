"""Pruning Material's stylesheets: a rule goes only when none of its selectors can match."""

from __future__ import annotations

import re

import pytest

from klyngekatalog.cssprune import STYLESHEETS, Vocabulary, prune

from sitebuild import real_site  # noqa: F401

VOCABULARY = Vocabulary({"md-header", "md-typeset", "used"}, {"data-md-color-primary": {"indigo"}})


@pytest.mark.parametrize(
    "css, expected",
    [
        (".md-header{a:b}.md-search{c:d}", ".md-header{a:b}"),
        (".md-search,.md-header .used{a:b}", ".md-header .used{a:b}"),
        (".md-typeset .unused p{a:b}", ""),
        ("p,h1>a{a:b}", "p,h1>a{a:b}"),
        # What :not() names need not exist; :is()/:where() are kept whole.
        (".md-typeset ul:not(.gone){a:b}", ".md-typeset ul:not(.gone){a:b}"),
        (".md-typeset :is(.gone,.used){a:b}", ".md-typeset :is(.gone,.used){a:b}"),
        # Only the palette's colours.
        ("[data-md-color-primary=indigo]{a:b}[data-md-color-primary=pink]{c:d}", "[data-md-color-primary=indigo]{a:b}"),
        # A dot in an attribute selector or a string is not a class.
        ('a[href$=".pdf"]{a:b}', 'a[href$=".pdf"]{a:b}'),
        ('.used:after{content:"}{.gone"}', '.used:after{content:"}{.gone"}'),
        # Grouping rules are pruned inside and dropped when empty; others are kept.
        ("@media screen{.gone{a:b}.used{c:d}}@media print{.gone{a:b}}", "@media screen{.used{c:d}}"),
        ("@keyframes x{0%{a:b}to{a:c}}@font-face{a:b}", "@keyframes x{0%{a:b}to{a:c}}@font-face{a:b}"),
        ("@supports (x:y){@media screen{.used{a:b}}}", "@supports (x:y){@media screen{.used{a:b}}}"),
        ("@charset \"utf-8\";/*! c */.used{a:b}/*# sourceMappingURL=x.map */", '@charset "utf-8";.used{a:b}'),
        (".used{--icon:url('data:image/svg+xml,<svg a=\"b\"></svg>')}", ".used{--icon:url('data:image/svg+xml,<svg a=\"b\"></svg>')}"),
    ],
)
def test_prune(css, expected):
    assert prune(css, VOCABULARY) == expected


@pytest.mark.build
def test_built_stylesheets_are_pruned_and_keep_what_the_pages_use(real_site):
    site = real_site.require()
    sheets = [path for pattern in STYLESHEETS for path in site.root.glob(pattern)]
    assert len(sheets) == 2
    main = next(p for p in sheets if p.name.startswith("main.")).read_text("utf-8")
    assert len(main) < 90_000  # Material's is ~135 KB
    assert not list(site.root.glob("assets/stylesheets/*.map"))
    for selector in (".md-header", ".md-tabs__item--active", ".md-typeset__scrollwrap", ".md-skip", ".md-top", ".admonition"):
        assert selector in main, selector
    # Features the site does not use are gone.
    for selector in (".tabbed-set", ".md-banner", ".md-consent", ".task-list", ".arithmatex", ".critic", ".md-social"):
        assert selector not in main, selector
    palette = next(p for p in sheets if p.name.startswith("palette.")).read_text("utf-8")
    assert "[data-md-color-primary=indigo]" in palette
    assert not re.search(r"data-md-color-primary=(pink|red|amber)", palette)
