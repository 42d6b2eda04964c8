"""A synthetic catalogue of any size, for the scale benchmark (`make bench`) and its tests.

`write_catalogue(folder, n, seed)` writes clusters.yaml, the five sibling files and
translations.en.yaml. The shape
of the records follows the real catalogue, measured from it each time rather than written
down here, so the benchmark keeps up when the real data grows: the share of clusters with a
description, a note, a website, aliases, certifications and relations, the lengths of the
texts, which lists name a cluster, the themes and the number of cases per cluster. The text
itself is invented Danish (with æ, ø and å, which the slug, search and sorting code treat
specially); nothing is copied from the sources, so the files are not mistaken for data.

Every text is translated, as in the real catalogue (whose translations.en.yaml has every text):
each invented Danish sentence comes with its English counterpart, drawn with the same random
numbers (so the Danish files are the same bytes as without translations), and the real
translations of the copied files (themes, sources, certifications, figures, activity areas)
are copied with them. The English pages are then as long as real English pages are.

Output depends only on (n, seed, the real catalogue): the same seed gives the same bytes.

    python -m benchmarks.synthetic N OUTDIR [--seed S]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from klyngekatalog.catalogue import Catalogue, load_catalogue
from klyngekatalog.checks import name_key
from klyngekatalog.slugs import slugify as _slugify

REAL_DATA = Path(__file__).resolve().parent.parent / "data"
# Copied unchanged: nothing in them refers to a cluster.
COPIED = ("sources.yaml", "themes.yaml", "certifications.yaml", "figures.yaml")
TRANSLATIONS = "translations.en.yaml"
# The collections of the translations file that the generator invents (the rest is copied).
GENERATED = ("clusters", "cases")

# --- vocabulary ------------------------------------------------------------------------

# Topics by the real themes' ids, so a cluster's name and text match the theme it is listed under.
TOPICS_BY_THEME = {
    "energi": ["Grøn energi", "Vindkraft", "Biomasse", "Brint", "Solenergi", "Geotermi", "Fjernvarme", "Offshore"],
    "byggeri": ["Bæredygtigt byggeri", "Byggematerialer", "Træ og huse", "Energirenovering", "Indeklima"],
    "miljoe": ["Miljøteknologi", "Vandteknologi", "Klimatilpasning", "Affald og genbrug", "Cirkulær økonomi", "Økologi"],
    "foedevarer": ["Fødevarer", "Mejeri", "Akvakultur", "Fiskeri", "Landbrug", "Fødevaresikkerhed", "Havbrug", "Emballage"],
    "ikt": ["Kunstig intelligens", "Cybersikkerhed", "Lydteknologi", "Spil og animation", "Software", "Sensorer"],
    "service": ["Service", "Finansiel it", "Kommunikation", "Detailhandel", "Læringsteknologi"],
    "oplevelsesoekonomi": ["Turisme", "Oplevelsesøkonomi", "Musik", "Film og tv", "Kystturisme"],
    "produktion": [
        "Robotteknologi", "Nye materialer", "Plast", "Stål og metal", "Træ og møbler", "Tekstil og beklædning",
        "Design", "Mode", "Lysteknologi", "Mekatronik", "Elektronik", "Optik", "Kemi", "Råstoffer",
        "Præcisionsmekanik", "Køleteknik",
    ],
    "sundhed": ["Sundhed", "Velfærdsteknologi", "Bioteknologi", "Medicoteknik", "Ældrepleje", "Lægemidler", "Sundheds-it"],
    "transport": ["Søfart", "Logistik", "Transport", "Droner", "Maritim teknologi", "Mobilitet", "Rumteknologi"],
}
TOPICS = sorted({topic for topics in TOPICS_BY_THEME.values() for topic in topics})
PLACES = [
    "Nordjylland", "Midtjylland", "Sydjylland", "Sønderjylland", "Vestjylland", "Østjylland", "Fyn",
    "Sjælland", "Lolland-Falster", "Bornholm", "Hovedstaden", "Øresund", "Trekantområdet",
    "Limfjorden", "Vadehavet", "Aarhus", "Aalborg", "Odense", "Esbjerg", "Køge", "Næstved",
    "Herning", "Vejle", "Kolding", "Ærø", "Thy", "Mors", "Djursland", "Himmerland", "Vendsyssel",
    "Storebælt", "Lillebælt", "Kattegat", "Skagen", "Sorø", "Holbæk", "Hjørring", "Frederikshavn",
    "Silkeborg", "Viborg", "Randers", "Horsens", "Fredericia", "Svendborg", "Nyborg", "Roskilde",
    "Hillerød", "Helsingør", "Slagelse", "Ringkøbing", "Skive", "Tønder", "Aabenraa", "Sønderborg",
    "Haderslev", "Grenå", "Ebeltoft", "Ribe", "Varde", "Præstø",
]
BRAND_HEADS = [
    "Agro", "Bio", "Blå", "Grøn", "Nord", "Syd", "Øst", "Vest", "Sø", "Fjord", "Hav", "Lys", "Lyd",
    "Tek", "Data", "Medi", "Robo", "Aqua", "Energi", "Byg", "Food", "Smart", "Clean", "Inno", "Øko",
    "Træ", "Stål", "Plast", "Vind", "Sol", "Kyst", "Mølle",
]
BRAND_TAILS = [
    "Net", "Hub", "Lab", "Cluster", "Forum", "Park", "Værk", "Alliance", "Partner", "Centrum",
    "Link", "Bro", "Kraft", "Vækst", "Huset", "Zone",
]
ACTORS = [
    "små og mellemstore virksomheder", "forskere på universiteterne", "erhvervsakademier",
    "kommuner og regioner", "professionshøjskoler", "GTS-institutterne", "iværksættere",
    "store produktionsvirksomheder", "brancheorganisationer", "hospitaler og plejecentre",
]
GOALS = [
    "nye produkter", "grønnere processer", "flere eksportordrer", "bedre uddannelser",
    "færre fejl i produktionen", "lavere energiforbrug", "nye forretningsmodeller",
    "mere vedvarende energi", "sikrere fødevarer", "bedre pleje til ældre", "kortere leveringstider",
]
ACTIVITIES = [
    "matchmaking", "fælles innovationsprojekter", "forprojekter med forskere", "studieture",
    "kurser og efteruddannelse", "eksportfremstød", "workshops og konferencer", "ansøgninger til EU",
]
COMPANY_STEMS = [
    "Nordisk", "Dansk", "Jysk", "Fynsk", "Sjællandsk", "Bornholmsk", "Sønderjysk", "Østdansk",
    "Vestkystens", "Limfjordens",
]
COMPANY_TRADES = [
    "Ølbryggeri", "Stålværk", "Møbelfabrik", "Fiskeeksport", "Mejeri", "Robotteknik", "Maskinfabrik",
    "Vindservice", "Plastindustri", "Lysdesign", "Softwarehus", "Emballage", "Køleteknik", "Sygeplejeudstyr",
]
COMPANY_FORMS = ["A/S", "ApS", "I/S", "A.m.b.a."]

# The English of the invented text, item for item (names of firms and places stay as they are).
TOPICS_EN = {
    "Grøn energi": "Green energy", "Vindkraft": "Wind power", "Biomasse": "Biomass", "Brint": "Hydrogen",
    "Solenergi": "Solar energy", "Geotermi": "Geothermal energy", "Fjernvarme": "District heating", "Offshore": "Offshore",
    "Bæredygtigt byggeri": "Sustainable construction", "Byggematerialer": "Building materials", "Træ og huse": "Wood and houses",
    "Energirenovering": "Energy renovation", "Indeklima": "Indoor climate", "Miljøteknologi": "Environmental technology",
    "Vandteknologi": "Water technology", "Klimatilpasning": "Climate adaptation", "Affald og genbrug": "Waste and recycling",
    "Cirkulær økonomi": "Circular economy", "Økologi": "Organic farming", "Fødevarer": "Food", "Mejeri": "Dairy",
    "Akvakultur": "Aquaculture", "Fiskeri": "Fisheries", "Landbrug": "Agriculture", "Fødevaresikkerhed": "Food safety",
    "Havbrug": "Marine farming", "Emballage": "Packaging", "Kunstig intelligens": "Artificial intelligence",
    "Cybersikkerhed": "Cyber security", "Lydteknologi": "Sound technology", "Spil og animation": "Games and animation",
    "Software": "Software", "Sensorer": "Sensors", "Service": "Service", "Finansiel it": "Financial IT",
    "Kommunikation": "Communication", "Detailhandel": "Retail", "Læringsteknologi": "Learning technology",
    "Turisme": "Tourism", "Oplevelsesøkonomi": "Experience economy", "Musik": "Music", "Film og tv": "Film and television",
    "Kystturisme": "Coastal tourism", "Robotteknologi": "Robot technology", "Nye materialer": "New materials",
    "Plast": "Plastics", "Stål og metal": "Steel and metal", "Træ og møbler": "Wood and furniture",
    "Tekstil og beklædning": "Textiles and clothing", "Design": "Design", "Mode": "Fashion", "Lysteknologi": "Light technology",
    "Mekatronik": "Mechatronics", "Elektronik": "Electronics", "Optik": "Optics", "Kemi": "Chemistry",
    "Råstoffer": "Raw materials", "Præcisionsmekanik": "Precision engineering", "Køleteknik": "Refrigeration",
    "Sundhed": "Health", "Velfærdsteknologi": "Welfare technology", "Bioteknologi": "Biotechnology",
    "Medicoteknik": "Medical technology", "Ældrepleje": "Care of older people", "Lægemidler": "Pharmaceuticals",
    "Sundheds-it": "Health IT", "Søfart": "Shipping", "Logistik": "Logistics", "Transport": "Transport", "Droner": "Drones",
    "Maritim teknologi": "Maritime technology", "Mobilitet": "Mobility", "Rumteknologi": "Space technology",
}
ACTORS_EN = [
    "small and medium-sized firms", "researchers at the universities", "business academies",
    "municipalities and regions", "university colleges", "the GTS institutes", "entrepreneurs",
    "large manufacturers", "trade associations", "hospitals and care homes",
]
GOALS_EN = [
    "new products", "greener processes", "more export orders", "better education",
    "fewer defects in production", "lower energy use", "new business models",
    "more renewable energy", "safer food", "better care for older people", "shorter delivery times",
]
ACTIVITIES_EN = [
    "matchmaking", "joint innovation projects", "pilot projects with researchers", "study tours",
    "courses and further training", "export drives", "workshops and conferences", "EU applications",
]

def slugify(text: str) -> str:
    """A catalogue id from a name (æ→ae, ø→oe, å→aa), as the contributors' guide asks: the
    site's one slugify (klyngekatalog.slugs), cut to an id's length."""
    slug = _slugify(text)[:80].strip("-")
    return slug or "klynge"


# --- what the real catalogue looks like ------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """Distributions measured from the real catalogue; the generator samples from them."""

    described: float  # share of clusters with a description
    description_lengths: tuple[int, ...]
    description_sources: tuple[str, ...]
    noted: float
    note_lengths: tuple[int, ...]
    website: float
    website_source: str
    alias_counts: tuple[int, ...]  # one entry per real cluster: sample uniformly
    listing_sets: tuple[tuple[str, ...], ...]  # the lists naming each real cluster, in its order
    themes: tuple[str, ...]  # one entry per themed listing: sample uniformly
    certification_sets: tuple[tuple[tuple[str, str, str], ...], ...]
    related: float  # share of clusters that include others
    relation_counts: tuple[int, ...]
    relation_source: str
    cases_per_cluster: float
    summary_lengths: tuple[int, ...]
    partner_counts: tuple[int, ...]
    company_counts: tuple[int, ...]
    case_source: str
    areas: tuple[str, ...]
    themed_lists: frozenset[str]
    list_sources: dict[str, str]
    source_order: tuple[str, ...]


def measure(catalogue: Catalogue) -> Profile:
    clusters = catalogue.clusters
    n = len(clusters)
    described = [c for c in clusters if c.description]
    noted = [c for c in clusters if c.note]
    related = [c for c in clusters if c.relations]
    cases = catalogue.cases
    website_sources = Counter(c.website_source for c in clusters if c.website_source)
    # The synthetic relations are all "omfatter", which always names its source.
    relation_sources = Counter(r.source for c in clusters for r in c.relations if r.kind == "omfatter" and r.source)
    case_sources = Counter(case.source for case in cases)
    return Profile(
        described=len(described) / n,
        description_lengths=tuple(sorted(len(c.description) for c in described)) or (200,),
        description_sources=tuple(c.description_source for c in described if c.description_source) or ("pr-2013",),
        noted=len(noted) / n,
        note_lengths=tuple(sorted(len(c.note) for c in noted)) or (150,),
        website=sum(1 for c in clusters if c.website) / n,
        website_source=website_sources.most_common(1)[0][0] if website_sources else catalogue.sources[0].id,
        alias_counts=tuple(len(c.aliases) for c in clusters),
        listing_sets=tuple(tuple(l.list for l in c.listings) for c in clusters),
        themes=tuple(l.theme for c in clusters for l in c.listings if l.theme),
        certification_sets=tuple(tuple((x.level, x.as_of, x.source) for x in c.certifications) for c in clusters),
        related=len(related) / n,
        relation_counts=tuple(len(c.relations) for c in related) or (1,),
        relation_source=relation_sources.most_common(1)[0][0] if relation_sources else catalogue.sources[0].id,
        cases_per_cluster=len(cases) / n,
        summary_lengths=tuple(sorted(len(case.summary) for case in cases)) or (500,),
        partner_counts=tuple(len(case.partner_clusters) for case in cases) or (0,),
        company_counts=tuple(len(case.companies) for case in cases) + tuple(len(case.partners) for case in cases) or (1,),
        case_source=case_sources.most_common(1)[0][0] if case_sources else catalogue.sources[0].id,
        areas=tuple(area.id for area in catalogue.activity_areas),
        themed_lists=frozenset(l.id for l in catalogue.lists if l.themed),
        list_sources={l.id: l.source for l in catalogue.lists},
        source_order=tuple(s.id for s in sorted(catalogue.sources, key=lambda s: (str(s.published or "9999"), s.id))),
    )


# --- the generator ---------------------------------------------------------------------


class _Names:
    """Every name and alias handed out, compared the way the catalogue's check compares them."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def free(self, name: str) -> bool:
        return name_key(name) not in self.taken

    def take(self, name: str) -> str:
        self.taken.add(name_key(name))
        return name


class Generator:
    def __init__(self, profile: Profile, seed: int):
        self.profile = profile
        self.random = random.Random(seed)
        self.names = _Names()
        self.ids: set[str] = set()
        # The English texts of the records made, by collection and id (translations.en.yaml).
        self.english: dict[str, dict[str, dict[str, str]]] = {collection: {} for collection in GENERATED}

    # -- names --

    def brand(self) -> str:
        r = self.random
        return r.choice(BRAND_HEADS) + r.choice(BRAND_TAILS)

    def candidate_name(self, theme: str | None = None) -> tuple[str, str, str, str]:
        """A name, its topic, its place and the short brand inside it (may be empty)."""
        r = self.random
        topic = r.choice(TOPICS_BY_THEME.get(theme or "", TOPICS))
        place, brand = r.choice(PLACES), self.brand()
        low = topic[0].lower() + topic[1:]
        pattern = r.randrange(9)
        if pattern == 0:
            return f"Innovationsnetværket for {low}", topic, place, ""
        if pattern == 1:
            return f"{topic} {place}", topic, place, ""
        if pattern == 2:
            return f"Klyngen for {low} i {place}", topic, place, ""
        if pattern == 3:
            return f"{brand} – Innovationsnetværk for {low}", topic, place, brand
        if pattern == 4:
            return f"{brand} {place}", topic, place, brand
        if pattern == 5:
            return f"Partnerskabet {brand} – {low} i {place}", topic, place, brand
        if pattern == 6:
            return f"Klynge for {low} – {place}", topic, place, ""
        if pattern == 7:
            return f"{brand}", topic, place, brand
        other = r.choice([t for t in TOPICS_BY_THEME.get(theme or "", TOPICS) if t != topic] or TOPICS)
        return f"Netværk for {low} og {other.lower()} i {place}", topic, place, ""

    def new_name(self, theme: str | None) -> tuple[str, str, str, str]:
        for attempt in range(1000):
            name, topic, place, brand = self.candidate_name(theme)
            if attempt > 50:  # the space is large; this only keeps tiny seeds from looping
                name = f"{name} {attempt}"
            if self.names.free(name):
                self.names.take(name)
                return name, topic, place, brand
        raise RuntimeError("no free cluster name")  # pragma: no cover

    def new_id(self, text: str) -> str:
        base = slugify(text)[:72].strip("-")
        slug, k = base, 2
        while slug in self.ids:
            slug, k = f"{base}-{k}", k + 1
        self.ids.add(slug)
        return slug

    def aliases(self, name: str, brand: str, count: int) -> list[str]:
        r = self.random
        options = []
        if brand and brand != name:
            options.append(brand)
        options.append(f"Innovationsnetværket {name}")
        initials = "".join(word[0] for word in name.replace("–", " ").split() if word[0].isalpha()).upper()
        if len(initials) >= 3:
            options.append(initials)
        for _ in range(count):
            options.append(self.candidate_name()[0])  # a former name
        found = []
        for option in options:
            if len(found) == count:
                break
            if option != name and self.names.free(option) and r.random() < 0.8:
                found.append(self.names.take(option))
        return found

    # -- text --

    def pick(self, danish: list[str], english: list[str]) -> tuple[str, str]:
        """One item and its English, drawing what `random.choice(danish)` would draw."""
        i = self.random.randrange(len(danish))
        return danish[i], english[i]

    def sentences(self, name: str, topic: str, place: str):
        """(Danish, English) sentences."""
        r = self.random
        low = topic[0].lower() + topic[1:]
        low_en = TOPICS_EN[topic].lower()
        # Each sentence once before any repeats (a long text may need more than there are).
        while True:
            # Drawn in the order the sentences use them.
            actor1, actor2 = self.pick(ACTORS, ACTORS_EN), self.pick(ACTORS, ACTORS_EN)
            goal1, goal2 = self.pick(GOALS, GOALS_EN), self.pick(GOALS, GOALS_EN)
            activity1, activity2 = self.pick(ACTIVITIES, ACTIVITIES_EN), self.pick(ACTIVITIES, ACTIVITIES_EN)
            actor3 = self.pick(ACTORS, ACTORS_EN)
            goal3 = self.pick(GOALS, GOALS_EN)
            activity3 = self.pick(ACTIVITIES, ACTIVITIES_EN)
            actor4 = self.pick(ACTORS, ACTORS_EN)
            templates = [
                (f"{name} samler {actor1[0]} og {actor2[0]} om {low}.", f"{name} brings together {actor1[1]} and {actor2[1]} on {low_en}."),
                (f"Målet er {goal1[0]} og {goal2[0]} i hele {place}.", f"The aim is {goal1[1]} and {goal2[1]} throughout {place}."),
                (f"Klyngen arbejder med {activity1[0]} og {activity2[0]}.", f"The cluster works with {activity1[1]} and {activity2[1]}."),
                (
                    f"Sekretariatet hjælper især {actor3[0]} med at finde partnere på tværs af faggrænser.",
                    f"The secretariat helps {actor3[1]} in particular to find partners across disciplines.",
                ),
                (
                    f"Netværket blev dannet for at styrke {low} i {place} og at få ny viden hurtigere i brug.",
                    f"The network was formed to strengthen {low_en} in {place} and to put new knowledge to use faster.",
                ),
                (
                    f"Fokus ligger på {low}, hvor Danmark står stærkt, og på {goal3[0]}.",
                    f"The focus is on {low_en}, where Denmark is strong, and on {goal3[1]}.",
                ),
                (
                    f"Medlemmerne mødes til {activity3[0]}, og flere forløb er åbne for ikke-medlemmer.",
                    f"The members meet for {activity3[1]}, and several programmes are open to non-members.",
                ),
                (
                    f"Der er særlig vægt på samarbejde med {actor4[0]} i Øresundsregionen og Nordtyskland.",
                    f"There is particular weight on collaboration with {actor4[1]} in the Øresund region and northern Germany.",
                ),
            ]
            r.shuffle(templates)
            yield from templates

    def text(self, length: int, name: str, topic: str, place: str) -> tuple[str, str]:
        """Invented Danish text of about `length` characters (whole sentences), and its English."""
        out: list[tuple[str, str]] = []
        size = 0
        for sentence in self.sentences(name, topic, place):
            if out and size + len(sentence[0]) / 2 > length:
                break
            out.append(sentence)
            size += len(sentence[0]) + 1
        return " ".join(da for da, _ in out), " ".join(en for _, en in out)

    def note(self, length: int, name: str, aliases: list[str], topic: str, place: str) -> tuple[str, str]:
        first = (
            (
                f"Navnene er samlet, fordi kilderne selv oplyser, at {name} tidligere hed {aliases[0]}.",
                f"The names are combined because the sources themselves state that {name} was formerly called {aliases[0]}.",
            )
            if aliases
            else (
                f"Posten bygger på listerne alene; kilderne nævner ikke {name} andre steder.",
                f"The entry rests on the lists alone; the sources do not mention {name} elsewhere.",
            )
        )
        rest = self.text(max(0, length - len(first[0])), name, topic, place) if length > len(first[0]) + 40 else ("", "")
        return f"{first[0]} {rest[0]}".strip(), f"{first[1]} {rest[1]}".strip()

    def company(self) -> str:
        r = self.random
        return f"{r.choice(COMPANY_STEMS)} {r.choice(COMPANY_TRADES)} {r.choice(COMPANY_FORMS)}"

    # -- records --

    def cluster(self) -> dict:
        p, r = self.profile, self.random
        theme = r.choice(p.themes) if p.themes else None
        name, topic, place, brand = self.new_name(theme)
        record: dict = {"id": self.new_id(name), "name": name}
        aliases = self.aliases(name, brand, r.choice(p.alias_counts))
        if aliases:
            record["aliases"] = aliases
        used: list[str] = []
        if r.random() < p.described:
            length = r.choice(p.description_lengths) + r.randint(-20, 20)
            record["description"], english = self.text(max(60, length), name, topic, place)
            self.english["clusters"].setdefault(record["id"], {})["description"] = english
            record["description_source"] = r.choice(p.description_sources)
            used.append(record["description_source"])
        if r.random() < p.website:
            record["website"] = f"http://www.{record['id'].replace('-', '')[:40]}.dk"
            record["website_source"] = p.website_source
            used.append(p.website_source)
        listings = []
        seen: set[tuple[str, str | None]] = set()
        for list_id in r.choice(p.listing_sets):
            printed = name if r.random() < 0.8 or not aliases else r.choice(aliases)
            listing: dict = {"list": list_id, "printed_name": printed}
            if list_id in p.themed_lists and theme is not None:
                this = theme
                # A cluster sometimes moves theme between lists, or a list names it twice.
                while (list_id, this) in seen or r.random() < 0.1:
                    this = r.choice(p.themes)
                    if (list_id, this) not in seen:
                        break
                if (list_id, this) in seen:
                    continue
                listing["theme"] = this
            elif (list_id, None) in seen:
                continue
            seen.add((list_id, listing.get("theme")))
            listings.append(listing)
            used.append(p.list_sources[list_id])
        if listings:
            record["listings"] = listings
        certifications = []
        for level, as_of, source in r.choice(p.certification_sets):
            cert = {"level": level, "as_of": as_of, "source": source}
            if r.random() < 0.5:
                cert["printed_name"] = name
            certifications.append(cert)
            used.append(source)
        if certifications:
            record["certifications"] = certifications
        if r.random() < p.noted:
            length = r.choice(p.note_lengths) + r.randint(-20, 20)
            record["note"], english = self.note(length, name, aliases, topic, place)
            self.english["clusters"].setdefault(record["id"], {})["note"] = english
        record["sources"] = [s for s in p.source_order if s in used] or [p.source_order[0]]
        return record

    def add_relations(self, clusters: list[dict]) -> None:
        """`omfatter`: a host cluster that includes others (chosen after all ids exist)."""
        p, r = self.profile, self.random
        ids = [c["id"] for c in clusters]
        for record in clusters:
            if len(ids) < 2 or r.random() >= p.related:
                continue
            targets = r.sample([i for i in ids if i != record["id"]], min(len(ids) - 1, r.choice(p.relation_counts)))
            record["relations"] = [{"kind": "omfatter", "cluster": t, "source": p.relation_source} for t in targets]
            if p.relation_source not in record["sources"]:
                sources = set(record["sources"]) | {p.relation_source}
                record["sources"] = [s for s in p.source_order if s in sources]
            # Keep the model's field order (relations before note and sources) for readable files.
            for key in ("note", "sources"):
                if key in record:
                    record[key] = record.pop(key)

    def cases(self, clusters: list[dict]) -> list[dict]:
        p, r = self.profile, self.random
        count = round(len(clusters) * p.cases_per_cluster)
        ids = [c["id"] for c in clusters]
        case_ids: set[str] = set()
        result = []
        for k in range(count):
            owner = r.choice(clusters)
            _, topic, place, _ = self.candidate_name()
            low, low_en = topic[0].lower() + topic[1:], TOPICS_EN[topic].lower()
            title, title_en = self.pick(
                [
                    f"{owner['name']} bygger bro til {place}",
                    f"Ny viden om {low} i {place}",
                    f"Fælles løft for {low}",
                    f"Fra idé til eksport: {low}",
                    f"{place} går sammen om {low}",
                ],
                [
                    f"{owner['name']} builds bridges to {place}",
                    f"New knowledge about {low_en} in {place}",
                    f"A joint lift for {low_en}",
                    f"From idea to export: {low_en}",
                    f"{place} joins forces on {low_en}",
                ],
            )
            base = slugify(title)[:60].strip("-")
            case_id, j = base, 2
            while case_id in case_ids:
                case_id, j = f"{base}-{j}", j + 1
            case_ids.add(case_id)
            # Sampled from all ids and the owner then dropped: a list of the others per case
            # would make the generator quadratic in the catalogue's size.
            wanted = min(len(ids) - 1, r.choice(p.partner_counts))
            partners = [i for i in r.sample(ids, min(len(ids), wanted + 1)) if i != owner["id"]][:wanted]
            area = r.choice(p.areas)
            summary, summary_en = self.text(r.choice(p.summary_lengths), owner["name"], topic, place)
            case: dict = {
                "id": case_id,
                "title": title,
                "cluster": owner["id"],
                "activity_area": area,
                "source": p.case_source,
                "page": 19 + 2 * (k % 40),
                "summary": summary,
            }
            self.english["cases"][case_id] = {"title": title_en, "summary": summary_en}
            # Each name once: a name twice in one list is an error.
            companies = list(dict.fromkeys(self.company() for _ in range(r.choice(p.company_counts))))
            partner_names = list(dict.fromkeys(self.company() for _ in range(r.choice(p.company_counts))))
            if companies:
                case["companies"] = companies
            if partner_names:
                case["partners"] = partner_names
            if partners:
                case["partner_clusters"] = partners
            result.append(case)
        return result


# --- writing ---------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key and long texts folded (>-), as in the real files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str):
    style = ">" if len(value) > 80 and "\n" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(header: str, data: dict) -> str:
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2)


def generate(n: int, seed: int = 1, real: Path = REAL_DATA) -> tuple[dict, dict, dict]:
    """The clusters file, the cases file and the English translations file as data:
    ({"clusters": …}, {"activity_areas": …, "cases": …}, {"themes": …, "clusters": …, "cases": …})."""
    if n < 1:
        raise ValueError("n must be at least 1")
    catalogue = load_catalogue(real / "clusters.yaml")
    generator = Generator(measure(catalogue), seed)
    clusters = [generator.cluster() for _ in range(n)]
    generator.add_relations(clusters)
    cases = generator.cases(clusters)
    real_cases = yaml.safe_load((real / "cases.yaml").read_text("utf-8"))
    # The real translations of what is copied; the invented records' own English.
    real_english = yaml.safe_load((real / TRANSLATIONS).read_text("utf-8")) if (real / TRANSLATIONS).is_file() else {}
    english = {key: value for key, value in (real_english or {}).items() if key not in GENERATED}
    english.update({collection: generator.english[collection] for collection in GENERATED if generator.english[collection]})
    return {"clusters": clusters}, {"activity_areas": real_cases["activity_areas"], "cases": cases}, english


def write_catalogue(folder: Path, n: int, seed: int = 1, real: Path = REAL_DATA) -> Path:
    """Write a valid catalogue of `n` synthetic clusters into `folder`; return its clusters.yaml."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    clusters, cases, english = generate(n, seed, real)
    note = f"# Synthetic catalogue: {n} invented clusters (seed {seed}), made by benchmarks.synthetic.\n"
    (folder / "clusters.yaml").write_text(_dump(note, clusters), encoding="utf-8")
    (folder / "cases.yaml").write_text(_dump(note, cases), encoding="utf-8")
    (folder / TRANSLATIONS).write_text(_dump(note, english), encoding="utf-8")
    for name in COPIED:
        shutil.copyfile(real / name, folder / name)
    return folder / "clusters.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of clusters")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    path = write_catalogue(args.outdir, args.n, args.seed)
    catalogue = load_catalogue(path)
    summary = ", ".join(f"{count} {what}" for what, count in catalogue.counts().items())
    print(f"{path}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
