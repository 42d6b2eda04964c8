"""The catalogue's on-disk format: one typed model per data file, the single source of truth.

Validation, the committed JSON Schemas (editor completion) and the exports all derive from
these classes. Field descriptions are in Danish because editors read them in their editor.
Models are frozen and hold tuples: once loaded, the catalogue does not change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

# --- field types -----------------------------------------------------------------------

Slug = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="Id: små bogstaver a-z, tal og bindestreg (æ→ae, ø→oe, å→aa)."),
]

# --- what a field declares beyond its type ---------------------------------------------
# The checks across records (checks.py), the views' source look-ups and the tests find these
# markers by walking the model (references.py): a reference declared here is checked everywhere.


@dataclass(frozen=True)
class Ref:
    """The field holds the id of a record in another part of the catalogue.

    `collection` is the catalogue's attribute that must hold the id (e.g. "themes"); `what`
    names it in messages ("fagområdet 'x' findes ikke"). `cites` names the field of the
    referenced record that is a source id: a record that refers to it uses that source too
    (a listing in a list printed by pr-2013 makes pr-2013 one of the cluster's sources)."""

    collection: str
    what: str
    plural: str  # for the list of valid ids in a message ("gyldige fagområder: …")
    cites: str | None = None


@dataclass(frozen=True)
class SourcedBy:
    """A fact that must name its source in the record's field `field`; `what` names the fact
    in the message when it does not ("en beskrivelse kræver 'description_source' …")."""

    field: str
    what: str


@dataclass(frozen=True)
class CitesAll:
    """The record's list of sources: every source its fields refer to must be in it."""


@dataclass(frozen=True)
class AsColumn:
    """The field is a column of the cluster's row (columns.py): in /data/clusters.csv and the
    spreadsheet under `key`, headed `header` (Danish, for visitors); `english` is its English
    (CSV header, header for visitors) on /en/; with `table`, in the data of the catalogue table
    on /klynger/, and shown as its `cell`-th visible column when set. `kind` says how the table
    shows it ("text", "names", "link", "url")."""

    key: str
    header: str
    english: tuple[str, str]
    kind: str = "text"
    table: bool = False
    cell: int = 0


@dataclass(frozen=True)
class Translated:
    """A text in the catalogue's own words, which the site's other languages translate
    (data/translations.<language>.yaml). Names as printed in a source are not translated."""


SourceId = Annotated[Slug, Ref("sources", "kilden", "kilder")]
ListId = Annotated[Slug, Ref("lists", "listen", "lister", cites="source")]
ThemeId = Annotated[Slug, Ref("themes", "fagområdet", "fagområder")]
LevelId = Annotated[Slug, Ref("levels", "niveauet", "niveauer")]
ClusterId = Annotated[Slug, Ref("clusters", "klyngen", "klynger")]
AreaId = Annotated[Slug, Ref("activity_areas", "aktivitetsområdet", "aktivitetsområder")]


# Invisible or direction-changing characters let a text show something other than it holds:
# every Default_Ignorable_Code_Point and every format character (category Cf) of Unicode 15,
# as ranges (a test checks them against unicodedata), so one regex search covers them.
_HIDDEN = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)

# A word that mixes Latin letters with look-alike letters of another script ("Tеst" with a
# Cyrillic е) shows as one word and is another: Greek, Cyrillic, Armenian and Cherokee hold
# most of the letters that look Latin.
_LOOKALIKE_SCRIPTS = "\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f\u0530-\u058f\u13a0-\u13ff\uab70-\uabbf"
_LOOKALIKE = re.compile(f"[{_LOOKALIKE_SCRIPTS}]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"\w+")


# Unicode's control characters (category Cc) but line break and tab; one regex, not a loop
# over every character (that loop was a tenth of the validation time of a large catalogue).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Any character the three searches below look for, in one class: most texts have none, and
# then one search clears them (every text of the catalogue passes here).
_SUSPECT = re.compile("[" + _HIDDEN.pattern[1:-1] + _CONTROL.pattern[1:-1] + _LOOKALIKE_SCRIPTS + "]")


def _check_text(value: str) -> str:
    if not _SUSPECT.search(value) and value == value.strip():
        return value
    if hidden := _HIDDEN.search(value):
        raise ValueError(f"usynligt eller retningsskiftende tegn U+{ord(hidden.group()):04X} er ikke tilladt")
    if control := _CONTROL.search(value):
        raise ValueError(f"kontroltegnet U+{ord(control.group()):04X} er ikke tilladt")
    if value != value.strip():
        raise ValueError("teksten må ikke starte eller slutte med mellemrum")
    if _LOOKALIKE.search(value):
        # Word by word, each searched twice: linear (one regex with two look-aheads per
        # position was quadratic in a long word).
        for word in _WORD.finditer(value):
            if _LATIN.search(word.group()) and _LOOKALIKE.search(word.group()):
                raise ValueError(
                    f"ordet '{_shown(word.group())}' blander latinske bogstaver med bogstaver fra et andet skriftsystem (fx kyrillisk), som ligner dem"
                )
    return value


def _shown(text: str) -> str:
    return "".join(c if c.isprintable() and ord(c) < 0x250 else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in text[:80])


Name = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=200), AfterValidator(_check_text)]
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=4000), AfterValidator(_check_text)]
# The catalogue's own wording (titles, labels, descriptions): translated for the English edition.
OwnName = Annotated[Name, Translated()]
OwnText = Annotated[Text, Translated()]


def _check_url(value: str) -> str:
    # The address is shown as link text: an invisible or direction-changing character would
    # let it read as another address than the one it goes to.
    if hidden := (not value.isprintable() and next((c for c in value if not c.isprintable() and not c.isspace()), None)) or (
        (match := _HIDDEN.search(value)) and match.group()
    ):
        raise ValueError(f"webadressen indeholder det usynlige tegn eller kontroltegn U+{ord(hidden):04X}")
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket: "http://[::1"
        raise ValueError("webadressen mangler et gyldigt domænenavn") from None
    if parts.scheme not in ("http", "https") or not value.startswith(("http://", "https://")):
        raise ValueError("webadressen skal starte med http:// eller https://")
    if not hostname or "." not in hostname or not all(hostname.split(".")) or _SPACE.search(value):
        raise ValueError("webadressen mangler et gyldigt domænenavn")
    if "@" in parts.netloc:
        # http://www.klynge.dk@andet.example reads as one site and leads to another.
        raise ValueError("webadressen må ikke indeholde brugernavn eller adgangskode (@)")
    if not _ASCII_HOST.fullmatch(hostname):
        # A look-alike letter of another script (a Cyrillic к in .dк) shows as the real address.
        raise ValueError(
            f"domænenavnet '{_shown(hostname)}' må kun bestå af a-z, 0-9, bindestreg og punktum; "
            "et navn med æ, ø eller å skrives som punycode (xn--…)"
        )
    return value


_ASCII_HOST = re.compile(r"[a-z0-9.-]+|\[[0-9a-f:.]+\]")
_SPACE = re.compile(r"\s")  # the characters str.isspace() knows, found in one search


Url = Annotated[
    str,
    Strict(),
    StringConstraints(max_length=500, pattern=r"^https?://"),
    AfterValidator(_check_url),
    Field(description="Webadresse som i kilden, med http:// eller https:// foran."),
]


def _year_as_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_partial_date(value: str) -> str:
    # [0-9], not \d: \d also matches other scripts' digits, which the JSON Schema refuses.
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", value)
    if not match:
        raise ValueError("datoen skal skrives ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        raise ValueError(f"datoen {value} findes ikke") from None
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    Strict(),
    StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"),
    AfterValidator(_check_partial_date),
    # YAML reads a bare year (2012) as a number; the schema must accept what the model accepts.
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
    Field(description="Dato: ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM / ÅÅÅÅ når kilden kun giver måned eller år."),
]
def _not_in_the_future(value: str) -> str:
    # Compared as text of the same length: "2026-12" against today's "2026-12", and so on.
    today = date.today().isoformat()
    if value > today[: len(value)]:
        raise ValueError(f"datoen {value} ligger i fremtiden; skriv den dag, du læste siden")
    return value


ReadDate = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    AfterValidator(_check_partial_date),
    AfterValidator(_not_in_the_future),
    Field(description="Den dag, du læste websiden: ÅÅÅÅ-MM-DD (ikke en dag i fremtiden)."),
]
Year = Annotated[int, Strict(), Field(ge=1900, le=2100)]
Count = Annotated[int, Strict(), Field(ge=0)]
Figure = Annotated[float, Strict(), Field(ge=0, allow_inf_nan=False)]
Percent = Annotated[float, Strict(), Field(allow_inf_nan=False, ge=-1000, le=100000)]


# A year used as a mapping key: JSON (the exports) can only write keys as text, "2013".
YearKey = Annotated[int, Field(ge=1900, le=2100)]
_YEAR_KEY = TypeAdapter(YearKey)


def _one_value_per_year(value: object) -> object:
    # 2013 and "2013" are different YAML keys but the same year: without this check the
    # mapping would silently keep only the last of the two values.
    if isinstance(value, dict):
        seen: set[int] = set()
        for key in value:
            try:
                year = _YEAR_KEY.validate_python(key)
            except ValidationError:
                continue  # reported by the key's own validation
            if year in seen:
                raise ValueError(f"året {year} står to gange")
            seen.add(year)
    return value


class Record(BaseModel):
    """Base for every record: unknown keys are errors, and loaded data is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- sources.yaml ----------------------------------------------------------------------


class Source(Record):
    id: Slug
    title: Name = Field(description="Kildens titel, som trykt.")
    short_title: OwnName | None = Field(None, description="Kort betegnelse til tabeller, fx 'Performanceregnskab 2013'.")
    kind: Literal["rapport", "nyhed", "artikel", "webside"]
    published: PartialDate | None = None
    publisher: Name | None = None
    file: Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")] | None = Field(
        None, description="Filnavnet i shared/seeds/ (for kilder i kildesamlingen; en webside har i stedet 'url')."
    )
    url: Url | None = Field(None, description="Websidens adresse, for en kilde, der er en webside (fx klyngens egen side).")
    accessed: ReadDate | None = Field(None, description="Den dag, du læste websiden (ÅÅÅÅ-MM-DD); påkrævet sammen med 'url'.")
    summary: OwnText | None = Field(None, description="Hvad kilden er og giver kataloget, med egne ord.")

    @model_validator(mode="after")
    def _file_or_read_web_page(self) -> "Source":
        if self.file is None and self.url is None:
            raise ValueError("en kilde skal have 'file' (en fil i kildesamlingen) eller 'url' (en webside)")
        if self.url is not None and self.accessed is None:
            raise ValueError("en webside som kilde kræver 'accessed': den dag, du læste siden (ÅÅÅÅ-MM-DD)")
        if self.accessed is not None and self.url is None:
            raise ValueError("'accessed' hører til en webside: angiv også 'url'")
        return self


class SourceList(Record):
    """A list of clusters printed in a source (e.g. a table of a report)."""

    id: Slug
    title: OwnName
    source: SourceId
    location: Name = Field(description="Hvor i kilden listen står, fx 'Tabel 5'.")
    year: Year = Field(description="Året listen beskriver.")
    as_of: PartialDate | None = None
    period: Name | None = Field(None, description="Programperiode, fx '2014–2018'.")
    programme: Annotated[bool, Strict()] = Field(description="Sand for lister over medlemmer af innovationsnetværksprogrammet.")
    themed: Annotated[bool, Strict()] = Field(description="Sand når listen placerer hver klynge under et fagområde.")
    printed_count: Count = Field(description="Antallet, kilden selv angiver.")
    note: OwnText | None = None


class SourcesFile(Record):
    sources: tuple[Source, ...] = Field(min_length=1)
    lists: tuple[SourceList, ...] = ()


# --- themes.yaml -----------------------------------------------------------------------


class PrintedName(Record):
    source: SourceId
    name: Name


class Theme(Record):
    id: Slug
    name: OwnName
    description: OwnText | None = None
    printed_names: tuple[PrintedName, ...] = Field((), max_length=20)


class ThemesFile(Record):
    themes: tuple[Theme, ...] = Field(min_length=1)


# --- certifications.yaml ---------------------------------------------------------------


class Level(Record):
    id: Slug
    name: OwnName
    scheme: OwnName
    rank: Annotated[int, Strict(), Field(ge=1, le=10)] | None = Field(None, description="1 er det højeste niveau.")
    description: OwnText | None = None
    source: SourceId


class UnnamedHolders(Record):
    """Holders a source counts without naming them."""

    level: LevelId
    count: Count
    as_of: PartialDate
    source: SourceId


class CertificationsFile(Record):
    levels: tuple[Level, ...] = Field(min_length=1)
    unnamed_holders: tuple[UnnamedHolders, ...] = ()


# --- clusters.yaml ---------------------------------------------------------------------


class Listing(Record):
    list: ListId = Field(description="Id på en liste i sources.yaml.")
    printed_name: Name = Field(description="Navnet præcis som listen trykker det.")
    theme: ThemeId | None = Field(None, description="Fagområdet, listen placerer klyngen under.")


class Certification(Record):
    level: LevelId = Field(description="guld, soelv, bronze eller eu-kvalitetsmaerke (se certifications.yaml).")
    as_of: PartialDate
    source: SourceId
    printed_name: Name | None = None


# The kinds of relation between two clusters, written on one of them (see CONTRIBUTING.md):
# omfatter: a source prints "this cluster, herunder the other";
# videreført-i: a source says the other took over this one's activities;
# formodet-videreført-som: no source states it, but the other is probably this one continued
# (an assessment: its evidence is required and shown beside the link).
RELATION_KINDS = ("omfatter", "videreført-i", "formodet-videreført-som")
CONTINUATION_KINDS = ("videreført-i", "formodet-videreført-som")


class Relation(Record):
    kind: Literal["omfatter", "videreført-i", "formodet-videreført-som"] = Field(
        description=(
            "omfatter: kilden skriver 'denne klynge, herunder den anden'. "
            "videreført-i: kilden skriver, at den anden har overtaget denne klynges aktiviteter. "
            "formodet-videreført-som: ingen kilde siger det, men den anden er sandsynligvis denne klynge "
            "videreført; begrundelsen skrives i 'evidence'."
        )
    )
    cluster: ClusterId = Field(description="Id på den anden klynge.")
    source: SourceId | None = Field(
        None, description="Id på kilden, der nævner sammenhængen. Påkrævet undtagen ved formodet-videreført-som."
    )
    evidence: OwnText | None = Field(
        None,
        description="Begrundelsen for en formodet videreførelse med dine egne ord: fx samme webadresse, "
        "samme navnestamme, fortsat plads i programmet. Påkrævet ved formodet-videreført-som.",
    )


class Cluster(Record):
    id: Annotated[Slug, AsColumn("id", "Id", ("id", "Id"), table=True)]
    name: Annotated[Name, AsColumn("navn", "Navn", ("name", "Name"), kind="link", table=True, cell=1)]
    aliases: Annotated[
        tuple[Name, ...], AsColumn("andre_navne", "Andre navne", ("other_names", "Other names"), kind="names", table=True)
    ] = Field(
        (), max_length=50, description="Andre navne for samme organisation: tidligere navne, forkortelser."
    )
    description: Annotated[
        OwnText | None, SourcedBy("description_source", "en beskrivelse"), AsColumn("beskrivelse", "Beskrivelse", ("description", "Description"))
    ] = Field(
        None, description="Formål og fokus, med egne ord (ingen citater)."
    )
    description_source: Annotated[
        SourceId | None, AsColumn("beskrivelse_kilde", "Kilde til beskrivelsen", ("description_source", "Source of the description"))
    ] = None
    website: Annotated[
        Url | None, SourcedBy("website_source", "en webadresse"), AsColumn("websted", "Websted", ("website", "Website"), kind="url", table=True, cell=5)
    ] = None
    website_source: Annotated[
        SourceId | None, AsColumn("websted_kilde", "Kilde til webstedet", ("website_source", "Source of the website"))
    ] = None
    # The catalogue table's columns derived from the listings, certifications and relations
    # stand here, in columns.py (they need the whole catalogue).
    listings: tuple[Listing, ...] = Field((), max_length=50)
    certifications: tuple[Certification, ...] = Field((), max_length=20)
    relations: tuple[Relation, ...] = Field((), max_length=50)
    note: Annotated[OwnText | None, AsColumn("note", "Note", ("note", "Note"))] = None
    sources: Annotated[tuple[SourceId, ...], CitesAll(), AsColumn("kilder", "Kilder", ("sources", "Sources"))] = Field(
        min_length=1, max_length=50, description="Id på hver kilde, posten bygger på."
    )


class ClustersFile(Record):
    clusters: tuple[Cluster, ...]


# --- cases.yaml ------------------------------------------------------------------------


class ActivityArea(Record):
    id: Slug
    name: OwnName
    description: OwnText | None = None
    source: SourceId


class Case(Record):
    id: Slug
    title: OwnName
    cluster: ClusterId
    activity_area: AreaId
    source: SourceId
    page: Annotated[int, Strict(), Field(ge=1)] | None = None
    summary: OwnText
    companies: tuple[Name, ...] = Field((), max_length=100)
    partners: tuple[Name, ...] = Field((), max_length=100)
    partner_clusters: tuple[ClusterId, ...] = Field((), max_length=50)


class CasesFile(Record):
    activity_areas: tuple[ActivityArea, ...] = Field(min_length=1)
    cases: tuple[Case, ...] = ()


# --- figures.yaml ----------------------------------------------------------------------


class Indicator(Record):
    id: Slug
    name: OwnName
    unit: OwnName
    decimals: Annotated[int, Strict(), Field(ge=0, le=4)] | None = None
    values: Annotated[dict[YearKey, Figure | None], BeforeValidator(_one_value_per_year)] = Field(description="Tal pr. år som trykt; null hvor kilden skriver NA.")
    change: Percent | None = Field(None, description="Kildens procentændring; null hvor kilden skriver NA.")
    note: OwnText | None = None


class Section(Record):
    title: OwnName
    indicators: tuple[Indicator, ...] = Field(min_length=1, max_length=200)


class Table(Record):
    id: Slug
    title: OwnName
    source: SourceId
    location: Name
    population: OwnName
    years: tuple[Year, ...] = Field(min_length=1, max_length=50)
    measured: Annotated[dict[YearKey, Count], BeforeValidator(_one_value_per_year)] = Field(description="Antal målte netværk/klynger pr. år.")
    change_label: OwnName | None = None
    sections: tuple[Section, ...] = Field(min_length=1, max_length=50)


class Headline(Record):
    id: Slug
    source: SourceId
    year: Year | None = Field(
        None, description="Året, tallet gælder, som kilden trykker det; udelades, når kilden ikke giver et år (vises som 'uden dato')."
    )
    label: OwnText
    value: Figure
    qualifier: Literal["over", "under", "knap", "ca", "naesten"] | None = None
    unit: OwnName
    location: Name | None = Field(None, description="Hvor i kilden tallet står, fx 'Figur 3.6' eller 'afsnit 4'.")
    note: OwnText | None = Field(None, description="Forbehold, fx at en anden kilde giver et andet tal.")


class FiguresFile(Record):
    tables: tuple[Table, ...] = Field(min_length=1)
    headlines: tuple[Headline, ...] = ()


# The catalogue's data files, each with its model: the one list that loading, the JSON Schemas
# and the exports loop over. Each model field is a collection of the catalogue under the same
# name (ClustersFile.clusters → Catalogue.clusters). clusters.yaml may be named otherwise
# (DATA=…); the other files are found beside it under these names.
DATA_FILES: dict[str, type[Record]] = {
    "clusters.yaml": ClustersFile,
    "sources.yaml": SourcesFile,
    "themes.yaml": ThemesFile,
    "certifications.yaml": CertificationsFile,
    "cases.yaml": CasesFile,
    "figures.yaml": FiguresFile,
}
