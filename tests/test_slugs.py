"""One slugify for the whole site: redirects, the checks of derived addresses and the
synthetic catalogues all spell a name the same way."""

from __future__ import annotations

from pathlib import Path

import re

from benchmarks import synthetic
from klyngekatalog import slugs, views
from klyngekatalog.slugs import RESERVED_TABLE_IDS, slugify


def test_one_slugify_everywhere() -> None:
    assert views.slugify is slugify
    for name in ("Müller", "Fødevarer på Ærø – Åben Klynge", "Straße", "Åben Café – IT & Co."):
        assert synthetic.slugify(name) == slugify(name)


def test_german_letters_are_spelt_out_like_danish_ones() -> None:
    assert slugify("Müller") == "mueller"
    assert slugify("Öresund Ärztenetz") == "oeresund-aerztenetz"
    assert slugify("Ærø Ølbryggeri Å/S") == "aeroe-oelbryggeri-aa-s"


def test_a_slug_can_be_longer_than_its_name() -> None:
    assert slugify("ⅷ") == "viii"
    assert len(slugify("ⅷ" * 100)) == 400 > slugs.MAX_SLUG_LENGTH


def test_the_reserved_anchors_of_the_figures_page_are_all_there() -> None:
    template = Path(slugs.__file__).parent / "templates" / "figures.html"
    fixed = set(re.findall(r'id="([a-z0-9-]+)"', template.read_text("utf-8")))
    assert fixed <= RESERVED_TABLE_IDS
