"""The catalogue's on-disk format: one typed model per data file, the single source of truth.

Validation, the committed JSON Schemas (editor completion) and the exports all derive from
these classes. Field descriptions are in Danish because editors read them in their editor.
Models are frozen and hold tuples: once loaded, the catalogue does not change.
"""

from __future__ import annotations

import re
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

# Invisible or direction-changing characters let a text show something other than it holds.
_HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


# Unicode's control characters (category Cc) but line break and tab; one regex, not a loop
# over every character (that loop was a tenth of the validation time of a large catalogue).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _check_text(value: str) -> str:
    if hidden := _HIDDEN.search(value):
        raise ValueError(f"usynligt eller retningsskiftende tegn U+{ord(hidden.group()):04X} er ikke tilladt")
    if control := _CONTROL.search(value):
        raise ValueError(f"kontroltegnet U+{ord(control.group()):04X} er ikke tilladt")
    if value != value.strip():
        raise ValueError("teksten må ikke starte eller slutte med mellemrum")
    return value


Name = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=200), AfterValidator(_check_text)]
Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=4000), AfterValidator(_check_text)]


def _check_url(value: str) -> str:
    # The address is shown as link text: an invisible or direction-changing character would
    # let it read as another address than the one it goes to.
    if hidden := next((c for c in value if not c.isprintable() and not c.isspace()), None):
        raise ValueError(f"webadressen indeholder det usynlige tegn eller kontroltegn U+{ord(hidden):04X}")
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket: "http://[::1"
        raise ValueError("webadressen mangler et gyldigt domænenavn") from None
    if parts.scheme not in ("http", "https") or not value.startswith(("http://", "https://")):
        raise ValueError("webadressen skal starte med http:// eller https://")
    if not hostname or "." not in hostname or not all(hostname.split(".")) or any(c.isspace() for c in value):
        raise ValueError("webadressen mangler et gyldigt domænenavn")
    if "@" in parts.netloc:
        # http://www.klynge.dk@andet.example reads as one site and leads to another.
        raise ValueError("webadressen må ikke indeholde brugernavn eller adgangskode (@)")
    return value


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
    short_title: Name | None = Field(None, description="Kort betegnelse til tabeller, fx 'Performanceregnskab 2013'.")
    kind: Literal["rapport", "nyhed", "artikel", "webside"]
    published: PartialDate | None = None
    publisher: Name | None = None
    file: Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")] | None = Field(
        None, description="Filnavnet i shared/seeds/ (for kilder i kildesamlingen; en webside har i stedet 'url')."
    )
    url: Url | None = Field(None, description="Websidens adresse, for en kilde, der er en webside (fx klyngens egen side).")
    accessed: ReadDate | None = Field(None, description="Den dag, du læste websiden (ÅÅÅÅ-MM-DD); påkrævet sammen med 'url'.")
    summary: Text | None = Field(None, description="Hvad kilden er og giver kataloget, med egne ord.")

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
    title: Name
    source: Slug
    location: Name = Field(description="Hvor i kilden listen står, fx 'Tabel 5'.")
    year: Year = Field(description="Året listen beskriver.")
    as_of: PartialDate | None = None
    period: Name | None = Field(None, description="Programperiode, fx '2014–2018'.")
    programme: Annotated[bool, Strict()] = Field(description="Sand for lister over medlemmer af innovationsnetværksprogrammet.")
    themed: Annotated[bool, Strict()] = Field(description="Sand når listen placerer hver klynge under et fagområde.")
    printed_count: Count = Field(description="Antallet, kilden selv angiver.")
    note: Text | None = None


class SourcesFile(Record):
    sources: tuple[Source, ...] = Field(min_length=1)
    lists: tuple[SourceList, ...] = ()


# --- themes.yaml -----------------------------------------------------------------------


class PrintedName(Record):
    source: Slug
    name: Name


class Theme(Record):
    id: Slug
    name: Name
    description: Text | None = None
    printed_names: tuple[PrintedName, ...] = ()


class ThemesFile(Record):
    themes: tuple[Theme, ...] = Field(min_length=1)


# --- certifications.yaml ---------------------------------------------------------------


class Level(Record):
    id: Slug
    name: Name
    scheme: Name
    rank: Annotated[int, Strict(), Field(ge=1, le=10)] | None = Field(None, description="1 er det højeste niveau.")
    description: Text | None = None
    source: Slug


class UnnamedHolders(Record):
    """Holders a source counts without naming them."""

    level: Slug
    count: Count
    as_of: PartialDate
    source: Slug


class CertificationsFile(Record):
    levels: tuple[Level, ...] = Field(min_length=1)
    unnamed_holders: tuple[UnnamedHolders, ...] = ()


# --- clusters.yaml ---------------------------------------------------------------------


class Listing(Record):
    list: Slug = Field(description="Id på en liste i sources.yaml.")
    printed_name: Name = Field(description="Navnet præcis som listen trykker det.")
    theme: Slug | None = Field(None, description="Fagområdet, listen placerer klyngen under.")


class Certification(Record):
    level: Slug = Field(description="guld, soelv, bronze eller eu-kvalitetsmaerke (se certifications.yaml).")
    as_of: PartialDate
    source: Slug
    printed_name: Name | None = None


class Relation(Record):
    kind: Literal["omfatter"] = Field(description="omfatter: kilden skriver 'denne klynge, herunder den anden'.")
    cluster: Slug
    source: Slug


class Cluster(Record):
    id: Slug
    name: Name
    aliases: tuple[Name, ...] = Field((), description="Andre navne for samme organisation: tidligere navne, forkortelser.")
    description: Text | None = Field(None, description="Formål og fokus, med egne ord (ingen citater).")
    description_source: Slug | None = None
    website: Url | None = None
    website_source: Slug | None = None
    listings: tuple[Listing, ...] = ()
    certifications: tuple[Certification, ...] = ()
    relations: tuple[Relation, ...] = ()
    note: Text | None = None
    sources: tuple[Slug, ...] = Field(min_length=1, description="Id på hver kilde, posten bygger på.")


class ClustersFile(Record):
    clusters: tuple[Cluster, ...]


# --- cases.yaml ------------------------------------------------------------------------


class ActivityArea(Record):
    id: Slug
    name: Name
    description: Text | None = None
    source: Slug


class Case(Record):
    id: Slug
    title: Name
    cluster: Slug
    activity_area: Slug
    source: Slug
    page: Annotated[int, Strict(), Field(ge=1)] | None = None
    summary: Text
    companies: tuple[Name, ...] = ()
    partners: tuple[Name, ...] = ()
    partner_clusters: tuple[Slug, ...] = ()


class CasesFile(Record):
    activity_areas: tuple[ActivityArea, ...] = Field(min_length=1)
    cases: tuple[Case, ...] = ()


# --- figures.yaml ----------------------------------------------------------------------


class Indicator(Record):
    id: Slug
    name: Name
    unit: Name
    decimals: Annotated[int, Strict(), Field(ge=0, le=4)] | None = None
    values: Annotated[dict[YearKey, Figure | None], BeforeValidator(_one_value_per_year)] = Field(description="Tal pr. år som trykt; null hvor kilden skriver NA.")
    change: Percent | None = Field(None, description="Kildens procentændring; null hvor kilden skriver NA.")
    note: Text | None = None


class Section(Record):
    title: Name
    indicators: tuple[Indicator, ...] = Field(min_length=1)


class Table(Record):
    id: Slug
    title: Name
    source: Slug
    location: Name
    population: Name
    years: tuple[Year, ...] = Field(min_length=1)
    measured: Annotated[dict[YearKey, Count], BeforeValidator(_one_value_per_year)] = Field(description="Antal målte netværk/klynger pr. år.")
    change_label: Name | None = None
    sections: tuple[Section, ...] = Field(min_length=1)


class Headline(Record):
    id: Slug
    source: Slug
    year: Year | None = Field(
        None, description="Året, tallet gælder, som kilden trykker det; udelades, når kilden ikke giver et år (vises som 'uden dato')."
    )
    label: Text
    value: Figure
    qualifier: Literal["over", "knap", "ca", "naesten"] | None = None
    unit: Name
    location: Name | None = Field(None, description="Hvor i kilden tallet står, fx 'Figur 3.6' eller 'afsnit 4'.")
    note: Text | None = Field(None, description="Forbehold, fx at en anden kilde giver et andet tal.")


class FiguresFile(Record):
    tables: tuple[Table, ...] = Field(min_length=1)
    headlines: tuple[Headline, ...] = ()


# The catalogue's files, by name, with the model of each. clusters.yaml may be named otherwise
# (DATA=…); its siblings are found beside it under these names.
SIBLING_FILES: dict[str, type[Record]] = {
    "sources.yaml": SourcesFile,
    "themes.yaml": ThemesFile,
    "certifications.yaml": CertificationsFile,
    "cases.yaml": CasesFile,
    "figures.yaml": FiguresFile,
}
CLUSTERS_MODEL = ClustersFile
