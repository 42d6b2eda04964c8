"""The search, as visitors type it: a set of realistic queries and what each must return, run
through the site's own search page (docs/assets/sog.js on Pagefind's index) in Chromium.

Covers what the index adds (views.py SearchTerms: folded spellings, compound tails, weights,
result kinds) and what sog.js adds (the typo fallback, theme pages first for their name, the
clean excerpt with the Danish words marked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest

from browser_support import Visit, browser, open_visit, real_site, site_server  # noqa: F401

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Query:
    text: str
    first: str | None = None  # the page that must come first ("temaer/ikt")
    top: tuple[str, ...] = ()  # pages that must be on the first screen of results (top 10)
    top3: tuple[str, ...] = ()  # pages that must be among the first three
    not_first: tuple[str, ...] = ()  # a stray hit that must not lead
    why: str = field(default="", compare=False)


FOOD = ("klynger/foodnetwork", "klynger/danish-food-cluster", "klynger/vifu", "klynger/nordjysk-foedevarererhverv")

QUERIES = [
    Query("fødevarer", first="temaer/foedevarer", top=FOOD, why="the theme's own name"),
    Query("fodevarer", first="temaer/foedevarer", top=FOOD, why="ø typed as o"),
    Query("foedevarer", first="temaer/foedevarer", top=FOOD, why="ø typed as oe"),
    Query("FØDEVARER", first="temaer/foedevarer", top=FOOD, why="capitals"),
    Query("velfærdsteknolgi", top3=("klynger/sundhed-og-velfaerdsteknologi", "klynger/welfare-tech"), not_first=("klynger/lev-vel",), why="a typo"),
    Query("velfaerdsteknologi", first="klynger/sundhed-og-velfaerdsteknologi", top=("temaer/sundhed", "klynger/welfare-tech")),
    Query("vindmøller", first="klynger/vindmoelleindustrien", top3=("cases/havvind-standarder", "klynger/offshoreenergy-dk"), why="“havvindmøller” in its case"),
    Query("vindmoller", first="klynger/vindmoelleindustrien", top=("klynger/offshoreenergy-dk",)),
    Query("ikt", first="temaer/ikt", top=("klynger/infinit", "klynger/brainsbusiness"), why="the theme's id and abbreviation"),
    Query("energi", first="temaer/energi", top=("klynger/fleksenergi", "klynger/ve-net")),
    Query("miljø", first="temaer/miljoe", top=("klynger/inno-mt",)),
    Query("miljo", first="temaer/miljoe", top=("klynger/inno-mt",)),
    Query("sundhed", first="temaer/sundhed", top=("klynger/sundhed-og-velfaerdsteknologi",)),
    Query("byggeri", first="temaer/byggeri", top3=("klynger/innobyg",)),
    Query("oplevelsesokonomi", first="temaer/oplevelsesoekonomi", top=("klynger/invio",)),
    Query("Offshore Center Danmark", first="klynger/offshoreenergy-dk", why="a former name (alias)"),
    Query("offshore", first="klynger/offshoreenergy-dk"),
    Query("havvind", top3=("cases/havvind-standarder", "klynger/offshoreenergy-dk")),
    Query("biomasse", first="klynger/inbiom", top=("cases/inbiom-innobooster",)),
    Query("robot", first="klynger/robocluster", top3=("cases/robocluster-bygger-broer",)),
    Query("maritim", top=("klynger/marcod", "klynger/det-maritime-danmark", "klynger/fyns-maritime-klynge")),
    Query("VIFU", first="klynger/vifu"),
    Query("welfare tech", first="klynger/welfare-tech"),
    Query("vand i byer", first="klynger/vand-i-byer", why="a stop word in the query"),
    Query("klimatilpasning", first="klynger/vand-i-byer"),
    Query("medico", top=("temaer/sundhed", "klynger/medico-innovation", "klynger/medtech-innovation")),
]

KINDS = {"klynger": "Klynge", "temaer": "Fagområde", "cases": "Case", "tal": "Tal"}


def first_screen(visit: Visit) -> tuple[int, list[dict]]:
    """The result count and the first page of results (up to ten): kind, title, page, excerpt."""
    page = visit.page
    status = "[data-kk-search-status]"
    page.wait_for_function(
        f"() => /^(\\d+ resultat|Ingen resultater)/.test(document.querySelector('{status}')?.textContent.trim() || '')",
        timeout=15_000,
    )
    text = page.locator(status).inner_text().strip()
    total = 0 if text.startswith("Ingen") else int(text.split()[0])
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-kk-search-results] li').length >= {min(total, 10)}", timeout=15_000
    )
    results = page.eval_on_selector_all(
        "[data-kk-search-results] li",
        """items => items.map((li) => ({
              kind: li.querySelector('.kk-result-kind').textContent.trim(),
              title: li.querySelector('h2 a').textContent.trim(),
              href: li.querySelector('h2 a').getAttribute('href'),
              excerpt: li.querySelector('p').textContent,
              marked: [...li.querySelectorAll('p mark')].map((m) => m.textContent),
            }))""",
    )
    for result in results:
        match = re.search(r"/((?:klynger|temaer|cases)/[^/]+|tal)/?$", result["href"])
        result["page"] = match.group(1) if match else result["href"]
    return total, results


def test_the_query_set_is_large_enough():
    assert len(QUERIES) >= 20
    assert {"fodevarer", "foedevarer", "velfærdsteknolgi", "vindmøller", "ikt"} <= {q.text for q in QUERIES}


def test_queries_find_what_visitors_look_for(open_visit):
    visit = open_visit("desktop")
    failures = []
    for query in QUERIES:
        visit.page.goto(visit.url("sog/?q=" + quote(query.text)))
        total, results = first_screen(visit)
        pages = [r["page"] for r in results]
        problems = []
        if query.first and (not pages or pages[0] != query.first):
            problems.append(f"first should be {query.first}")
        problems += [f"{p} not in the top 10" for p in query.top if p not in pages]
        problems += [f"{p} not in the top 3" for p in query.top3 if p not in pages[:3]]
        problems += [f"{p} must not come first" for p in query.not_first if pages[:1] == [p]]
        for r in results:
            # Every result says what it is, and shows the page's own words only.
            section = r["page"].split("/")[0]
            if r["kind"] != KINDS.get(section, "Side"):
                problems.append(f"{r['page']} labelled {r['kind']}")
            if "kkfold" in r["excerpt"] or not r["excerpt"].strip():
                problems.append(f"{r['page']} excerpt: {r['excerpt']!r}")
        if problems:
            failures.append(f"{query.text!r} ({total} results: {pages}): " + "; ".join(problems))
    assert not failures, "\n".join(failures)


def test_an_ascii_query_marks_the_danish_words(open_visit):
    visit = open_visit("phone")
    visit.goto("sog/?q=fodevarer")
    _, results = first_screen(visit)
    theme = results[0]
    assert theme["kind"] == "Fagområde" and theme["title"] == "Fødevarer"
    assert "Fødevarer." in theme["marked"] or "Fødevarer" in theme["marked"], theme
    assert all(any(ch in "æøå" for ch in word.lower()) for r in results for word in r["marked"]), results
    visit.check("sog-fodevarer")
