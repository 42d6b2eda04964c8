"""How a name becomes a URL slug, and the slugs the site itself needs. One definition for the
redirects, the checks (which validate what the build will derive) and the synthetic catalogues."""

from __future__ import annotations

import re
import unicodedata

# Danish letters spelt out, and German ones the same way (Müller → mueller, as ø → oe), before
# other accents are dropped.
TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ü": "ue", "ö": "oe", "ä": "ae"})
_SPELT_OUT = tuple((chr(code), spelt) for code, spelt in TRANSLITERATION.items())
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_accents(run: re.Match) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))

# The longest slug a name may become (a name's own limit): a slug can be longer than its name
# (ⅷ → viii, ⑽ → 10), and a file name longer than 255 bytes breaks the build.
MAX_SLUG_LENGTH = 200

# Pages of the site that stand in the folders holding one page per record: an id or an
# alias slug equal to one of these would replace it.
RESERVED = {
    "klynger": frozenset({"index"}),
    "temaer": frozenset({"index"}),
    "cases": frozenset({"index"}),
}
# Fixed anchors of /tal/, where each table's id is an anchor too (templates/figures.html).
# A table's id is its page, /tal/<id>/, and an anchor on /tal/: neither may be another page
# under /tal/ ("kataloget", the catalogue over time) or another anchor of /tal/.
RESERVED_TABLE_IDS = frozenset(
    {"kataloget", "indhold", "noegletal", "tabeller", "kataloget-i-tal"}
    # Anchors of the former one-page /tal/, which docs/assets/tal.js still follows.
    | {"pr-fagomraade", "pr-certificering", "pr-liste"}
)


def slugify(name: str) -> str:
    """A URL slug the way the catalogue's ids are made: æ→ae, ø→oe, å→aa, ü→ue, ö→oe, ä→ae,
    other accents dropped, everything but a-z and 0-9 a hyphen."""
    text = name.casefold()
    if text.isascii():  # most ids and many names: nothing to spell out, no accents to drop
        return _NOT_SLUG.sub("-", text).strip("-")
    # str.translate with a mapping to several letters costs microseconds per name: the six
    # letters are replaced where they occur instead (names are slugified per build and check).
    for letter, spelt in _SPELT_OUT:
        if letter in text:
            text = text.replace(letter, spelt)
    if not text.isascii():  # Only the runs of other characters are looked at one by one.
        text = _NON_ASCII.sub(_without_accents, unicodedata.normalize("NFKD", text))
    return _NOT_SLUG.sub("-", text).strip("-")
