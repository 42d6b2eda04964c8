"""Suggestions that turn a message into its fix: the closest valid id or field name, the
valid ids when there are few, and the id a name with Danish letters would be.

Only called for values that failed, so the catalogue's size costs nothing when it is valid.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Collection, Iterable

# Up to this many valid ids are listed in full (themes, levels, lists, sources): an editor
# then sees every choice without opening another file.
FEW = 12
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "ue", "ö": "oe", "ä": "ae"})

# Danish words editors write for a field, and the field they mean (difflib cannot see these).
_DANISH_FIELDS = {
    "navn": "name",
    "navne": "aliases",
    "alias": "aliases",
    "beskrivelse": "description",
    "hjemmeside": "website",
    "webadresse": "website",
    "websted": "website",
    "kilde": "source",
    "kilder": "sources",
    "liste": "list",
    "lister": "listings",
    "tema": "theme",
    "fagomraade": "theme",
    "fagområde": "theme",
    "niveau": "level",
    "dato": "as_of",
    "titel": "title",
    "resume": "summary",
    "resumé": "summary",
    "klynge": "cluster",
    "klynger": "clusters",
    "temaer": "themes",
    "fagomraader": "themes",
    "fagområder": "themes",
    "relationer": "relations",
    "certificeringer": "certifications",
    "bemaerkning": "note",
    "bemærkning": "note",
    "adresse": "url",
    "laest": "accessed",
    "læst": "accessed",
}


def as_slug(text: str) -> str | None:
    """The id a name would be (æ→ae, ø→oe, å→aa, spaces → '-'), or None if none can be made."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).strip().lower().translate(_DANISH))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    if not folded.isascii():
        # A letter of another script (a Cyrillic е that looks like e): no id to suggest.
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug if slug and _SLUG.match(slug) and len(slug) <= 80 else None


def closest(value: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The valid choices closest to `value`, best first."""
    return difflib.get_close_matches(value, list(choices), n=n, cutoff=0.6)


def _quoted(items: Iterable[str]) -> str:
    items = [f"'{item}'" for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " eller " + items[-1]


def id_hint(value: str, known: Collection[str], plural: str) -> str:
    """What to add to "… 'x' findes ikke": the closest ids, and all of them when there are few."""
    slug = as_slug(value)
    if slug and slug != value and slug in known:
        matches = [slug]
    else:
        matches = closest(slug or value, known)
    listed = f"{plural}: {', '.join(sorted(known))}" if 0 < len(known) <= FEW else ""
    if matches:
        return f"mente du {_quoted(matches)}?" + (f" Gyldige {listed}" if listed else "")
    return f"gyldige {listed}" if listed else ""


def field_hint(name: str, allowed: Collection[str]) -> str:
    """What to add to "ukendt felt 'x'": the allowed field meant, if one is close."""
    folded = name.strip().lower()
    meant = _DANISH_FIELDS.get(folded)
    if meant in allowed:
        return f"mente du '{meant}'?"
    matches = closest(folded, allowed, n=2)
    return f"mente du {_quoted(matches)}?" if matches else ""
