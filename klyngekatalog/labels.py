"""The interface's labels, one table per language.

Every label a template, a view or the site's frame shows comes from here (templates get the
page's table as `t`). `Labels` has one field per label and no defaults, so a language that
lacks a label fails when its table is built (and tests/test_labels.py says which). A label
with `{name}` is filled in with str.format by the template. Catalogue texts are not labels:
they come from the data and its translations (translations.py).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True, kw_only=True)
class Labels:
    # Site frame and navigation
    home: str
    clusters: str
    fields: str
    certifications: str
    cases: str
    figures: str
    about: str
    search: str
    all_clusters: str
    breadcrumb: str
    contents: str
    language_name: str  # this language, in itself (the language switch)
    og_locale: str  # share tags
    site_description: str  # a page's description where it has none (Danish: mkdocs.yml's)
    search_catalogue: str
    copyright: str
    made_with: str
    dark_scheme: str
    light_scheme: str
    skip_to_content: str
    not_found: str
    not_found_text: str
    not_found_search: str
    go_on: str
    the_home_page: str
    all_clusters_az: str
    # Shared pieces
    source: str
    source_lower: str
    read: str
    read_on: str
    as_of: str
    page: str
    line: str
    edit_page: str
    entry_in: str
    and_: str
    or_: str
    for_: str
    year: str
    list: str
    field: str
    note: str
    note_lower: str
    notes: str
    danish_only: str
    danish_only_link: str
    type_cluster: str
    type_field: str
    type_case: str
    # Cluster page
    also_known_as: str
    period_from: str
    period_shows_year: str
    period_shows_years: str
    undated_one: str
    undated_many: str
    may_have_changed: str
    period_undated: str
    may_have_changed_undated: str
    purpose: str
    no_purpose: str
    how_to_add_description: str
    facts: str
    website: str
    no_website: str
    no_field: str
    certification: str
    printed_as: str
    no_certification: str
    innovation_network: str
    approved_for: str
    not_in_programme: str
    relations: str
    includes: str
    included_in: str
    assessment: str
    probably_continued_as: str
    continued_in: str
    probably_formerly: str
    took_over_from: str
    history: str
    this_page: str
    in_lists: str
    in_no_lists: str
    probably_continued_as_lower: str
    continued_in_lower: str
    no_case_from_cluster: str
    mentioned_in_sources: str
    name_as_printed: str
    sources_of_entry: str
    cluster_open_data: str
    know_more: str
    correction_ask: str
    suggest_correction: str
    correction_form: str
    how_to_correct_yourself: str
    how_to_suggest: str
    only_sourced: str
    correction_title: str
    # Case pages
    case_from: str
    activity_area: str
    summary: str
    cluster: str
    other_clusters: str
    companies: str
    partners: str
    none_named: str
    summary_own_words: str
    cases_intro: str
    no_cases: str
    # Certifications
    certifications_intro: str
    named_holder: str
    named_holders: str
    n_clusters: str
    unnamed_holders: str
    no_holders: str
    # Fields (themes)
    fields_intro: str
    field_no_description: str
    name_in_sources: str
    clusters_placed_here: str
    no_clusters_in_field: str
    no_cases_in_field: str
    # The catalogue table
    table_intro: str
    search_table: str
    name_or_other: str
    all_fields: str
    year_in_sources: str
    latest_placement: str
    more_filters: str
    any_certification: str
    no_certification_option: str
    in_programme: str
    not_in_programme_option: str
    source_list: str
    all_lists: str
    any_value: str  # a filter's first choice: every row
    description: str
    has_description: str
    without_description: str
    has_website: str
    without_website: str
    reset_filters: str
    sort_by: str  # before the sort buttons on a phone (a CSS ::before reads it)
    shown_of: str  # the table's count line (docs/assets/tabel.js fills in the numbers)
    table_needs_js: str
    the_fields: str
    instead: str
    table_open_data: str
    excel: str
    data_description: str
    # Figures
    figures_intro: str
    key_figures: str
    catalogue_over_time: str
    catalogue_over_time_intro: str
    qualifiers: Mapping[str, str]
    undated: str
    caveat: str  # before a key figure's caveat (a CSS ::before reads it)
    tables_heading: str
    indicator: str
    indicators_word: str
    over_time_intro: str
    clusters_by_field: str
    lists_place: str
    trend: str
    n_clusters_under: str
    recur_heading: str
    recur_text: str
    recur_link: str
    clusters_by_certification: str
    level: str
    named: str
    only_counted: str
    clusters_by_list: str
    in_catalogue: str
    sources_own_figure: str
    the_programme: str
    measured: str
    measured_lower: str
    download_table: str
    table_figures_intro: str
    number_measured: str
    indicator_heading: str
    not_measured: str
    figures_description: str
    figures_table_description: str
    over_time_description: str
    # About page's list of sources
    source_kinds: Mapping[str, str]
    source_file: str
    # docs/assets/sog.js (given to the search page as JSON): status lines and result kinds
    search_script: dict[str, str]

    def __post_init__(self) -> None:
        empty = [f.name for f in fields(self) if not getattr(self, f.name)]
        if empty:
            raise ValueError(f"empty labels: {', '.join(empty)}")


DA = Labels(
    home="Forside",
    clusters="Klynger",
    fields="Fagområder",
    certifications="Certificeringer",
    cases="Cases",
    figures="Tal",
    about="Om kataloget",
    search="Søg",
    all_clusters="Alle klynger",
    breadcrumb="Brødkrummesti",
    contents="Indhold",
    language_name="Dansk",
    og_locale="da_DK",
    site_description="Åbent katalog over danske klynger og innovationsnetværk – med kilder til hvert faktum.",
    search_catalogue="Søg i kataloget",
    copyright="Data fra offentlige kilder – se Om kataloget.",
    made_with="Lavet med",
    dark_scheme="Skift til mørkt tema",
    light_scheme="Skift til lyst tema",
    skip_to_content="Gå til indhold",
    not_found="Siden findes ikke",
    not_found_text="Der er ingen side på denne adresse i Klyngekataloget. Måske er der en stavefejl i adressen, eller også er linket, du fulgte, forældet.",
    not_found_search="Søg efter en klynge, et fagområde eller et emne",
    go_on="Gå videre",
    the_home_page="Forsiden",
    all_clusters_az="Alle klynger (A–Å)",
    source="Kilde",
    source_lower="kilde",
    read="Læs",
    read_on="læst",
    as_of="pr.",
    page="side",
    line="linje",
    edit_page="Ret denne side",
    entry_in="posten står i",
    and_="og",
    or_="eller",
    for_="for",
    year="År",
    list="Liste",
    field="Fagområde",
    note="Note",
    note_lower="note",
    notes="Noter",
    danish_only="Teksten findes kun på dansk.",
    danish_only_link="Læs siden på dansk",
    type_cluster="klynge",
    type_field="fagområde",
    type_case="case",
    also_known_as="Også kendt som",
    period_from="Oplysningerne er fra {period}.",
    period_shows_year="Siden viser, hvad kilderne fra det år siger om klyngen",
    period_shows_years="Siden viser, hvad kilderne fra de år siger om klyngen",
    undated_one="og en kilde uden dato",
    undated_many="og {n} kilder uden dato",
    may_have_changed="navn, websted og fagområde kan have ændret sig siden.",
    period_undated="Kilderne bag siden er ikke daterede.",
    may_have_changed_undated="Navn, websted og fagområde kan have ændret sig siden.",
    purpose="Formål",
    no_purpose="Kilderne beskriver endnu ikke klyngens formål. Kender du en kilde?",
    how_to_add_description="Sådan tilføjer du en beskrivelse",
    facts="Fakta",
    website="Websted",
    no_website="Kilderne nævner ikke klyngens websted (det betyder ikke, at den ikke har et).",
    no_field="Kilderne placerer ikke klyngen under et fagområde.",
    certification="Certificering",
    printed_as="trykt som",
    no_certification="Ingen certificering nævnt i kilderne",
    innovation_network="Innovationsnetværk",
    approved_for="Godkendt for",
    not_in_programme="Ikke i innovationsnetværksprogrammet ifølge kilderne",
    relations="Relationer",
    includes="Omfatter",
    included_in="Indgår i",
    assessment="vurdering – ingen kilde siger det direkte",
    probably_continued_as="Sandsynligvis videreført som",
    continued_in="Aktiviteterne videreført i",
    probably_formerly="Sandsynligvis tidligere",
    took_over_from="Har overtaget aktiviteterne fra",
    history="Historik",
    this_page="denne side",
    in_lists="i kildernes lister",
    in_no_lists="i ingen af kildernes lister",
    probably_continued_as_lower="sandsynligvis videreført som",
    continued_in_lower="aktiviteterne videreført i",
    no_case_from_cluster="Kilderne har ingen case fra denne klynge.",
    mentioned_in_sources="Nævnt i kilderne",
    name_as_printed="Navn som trykt",
    sources_of_entry="Kilder bag posten",
    cluster_open_data="Hele kataloget, denne klynge med, kan hentes som åbne data",
    know_more="Ved du mere?",
    correction_ask="Er en oplysning forkert eller forældet, eller kender du en kilde til det, der mangler?",
    suggest_correction="Foreslå en rettelse",
    correction_form="i en formular på GitHub (husk at skrive, hvor oplysningen står), eller læs,",
    how_to_correct_yourself="hvordan du selv retter kataloget",
    how_to_suggest="hvordan du foreslår en rettelse",
    only_sourced="Kataloget tager kun oplysninger med, der står i en kilde.",
    correction_title="Klynge: {name}",
    case_from="Case fra",
    activity_area="Aktivitetsområde",
    summary="Resumé",
    cluster="Klynge",
    other_clusters="Andre klynger",
    companies="Virksomheder",
    partners="Partnere",
    none_named="Ingen nævnt",
    summary_own_words="Resuméet er skrevet med katalogets egne ord.",
    cases_intro="Performanceregnskab 2017 viser med {n} eksempler, hvordan klyngerne arbejder. Her er de ordnet efter aktivitetsområde; hvert resumé er skrevet med katalogets egne ord.",
    no_cases="Ingen cases.",
    certifications_intro="Klyngeorganisationer kan få deres ledelse vurderet og certificeret. Kilderne nævner ECEI-mærkerne guld, sølv og bronze (European Cluster Excellence Initiative, etableret af EU-Kommissionen) og EU's kvalitetsmærke, som to danske klynger havde i 2013.",
    named_holder="{n} navngivne indehaver",
    named_holders="{n} navngivne indehavere",
    n_clusters="{n} klynger",
    unnamed_holders="havde {level} pr. {date}. Kilden navngiver dem ikke, så kataloget gør det heller ikke",
    no_holders="Kilderne nævner ingen indehavere.",
    fields_intro="Kilderne placerer hver klynge under et fagområde. Opdelingen fra 2013 (Performanceregnskab 2013) og fra 2016 (Performanceregnskab 2017) er ikke helt den samme, så kataloget viser begge.",
    field_no_description="Fagområdet har endnu ingen beskrivelse.",
    name_in_sources="Navn i kilderne",
    clusters_placed_here="Klynger placeret her i {year} ({n})",
    no_clusters_in_field="Ingen klynger er placeret i dette fagområde.",
    no_cases_in_field="Ingen cases fra klynger i dette fagområde.",
    table_intro="Kataloget rummer {n} klynger og innovationsnetværk. Klik på en kolonneoverskrift for at sortere; skriv i feltet eller vælg et fagområde for at filtrere.",
    search_table="Søg i tabellen",
    name_or_other="Navn eller andet navn",
    all_fields="Alle fagområder",
    year_in_sources="År i kilderne",
    latest_placement="Seneste placering",
    more_filters="Flere filtre",
    any_certification="Enhver certificering",
    no_certification_option="Ingen certificering",
    in_programme="I programmet",
    not_in_programme_option="Ikke i programmet",
    source_list="Kildeliste",
    all_lists="Alle lister",
    any_value="Alle",
    description="Beskrivelse",
    has_description="Har beskrivelse",
    without_description="Uden beskrivelse",
    has_website="Har websted",
    without_website="Uden websted",
    reset_filters="Nulstil filtre",
    sort_by="Sortér efter",
    shown_of="{shown} af {total} klynger",
    table_needs_js="Tabellen over alle {n} klynger kræver JavaScript. Find klyngerne under",
    the_fields="fagområderne",
    instead="i stedet.",
    table_open_data="Hele tabellen som åbne data",
    excel="Excel (xlsx)",
    data_description="databeskrivelse (datapackage.json)",
    figures_intro="Nøgletallene fra kilderne, hver med sit år og sin kilde, og performanceregnskabernes tabeller med en graf for hver indikator. Tallene er gengivet som de står i kilderne.",
    key_figures="Nøgletal",
    catalogue_over_time="Kataloget over tid",
    catalogue_over_time_intro="Hvor mange klynger og netværk kilderne placerer under hvert fagområde i 2013 og 2016, hvor mange der går igen, og hvor mange der er certificerede",
    qualifiers=MappingProxyType({"over": "over ", "under": "under ", "knap": "knap ", "ca": "ca. ", "naesten": "næsten "}),
    undated="uden dato",
    caveat="Bemærk",
    tables_heading="Tabeller fra performanceregnskaberne",
    indicator="indikator",
    indicators_word="indikatorer",
    over_time_intro="Disse tal tælles direkte i kataloget, ud fra kildernes lister over klynger og netværk. Et tal i tabellen fører til tabellen over alle klynger med netop de klynger udvalgt.",
    clusters_by_field="Klynger pr. fagområde",
    lists_place="Kildernes lister fra {years} placerer klynger og netværk under fagområder; en klynge kan stå under flere.",
    trend="Udvikling",
    n_clusters_under="{n} klynger under {field} i {year}",
    recur_heading="Går igen fra {first} til {last}",
    recur_text="af de {in_first} klynger og netværk, som kilderne nævner i {first}, står også på en liste fra {last}. I alt nævner listerne fra {last} {in_last}.",
    recur_link="Se de {n} klynger og netværk i tabellen over alle klynger",
    clusters_by_certification="Klynger pr. certificering",
    level="Niveau",
    named="Navngivne",
    only_counted="Kun talt i kilden",
    clusters_by_list="Klynger pr. liste og program",
    in_catalogue="I kataloget",
    sources_own_figure="Kildens eget tal",
    the_programme="innovationsnetværksprogrammet",
    measured="Målt",
    measured_lower="målt",
    download_table="Hent tabellen som",
    table_figures_intro="Tallene er gengivet som de står i performanceregnskaberne. Et år uden tal (NA i kilden) vises som – og som en stiplet ramme i grafen, ikke som 0. Antallet af målte netværk og klynger skiftede fra år til år, så summer over årene skal læses med det for øje.",
    number_measured="Antal målt",
    indicator_heading="Indikator",
    not_measured="ikke opgjort",
    figures_description="Nøgletal om danske klynger og innovationsnetværk med år og kilde, og performanceregnskabernes tabeller som grafer.",
    figures_table_description="{title}. Grafer og tal {period}, med kilde.",
    over_time_description="Klynger og innovationsnetværk pr. fagområde i kildernes lister, og hvor mange der går igen fra år til år.",
    source_kinds=MappingProxyType({"rapport": "Rapport", "nyhed": "Nyhed", "artikel": "Artikel", "webside": "Webside"}),
    source_file="Kildefil",
    search_script=dict({
        "searching": "Søger …", "no_results": "Ingen resultater for", "result": "resultat for", "results": "resultater for",
        "failed": "Søgningen kunne ikke indlæses.", "kind_cluster": "Klynge", "kind_field": "Fagområde", "kind_case": "Case",
        "kind_figures": "Tal", "kind_page": "Side",
    }),
)

EN = Labels(
    home="Home",
    clusters="Clusters",
    fields="Fields",
    certifications="Certifications",
    cases="Cases",
    figures="Figures",
    about="About",
    search="Search",
    all_clusters="All clusters",
    breadcrumb="Breadcrumb",
    contents="Contents",
    language_name="English",
    og_locale="en_GB",
    site_description="Open catalogue of Danish clusters and innovation networks – with a source for every fact.",
    search_catalogue="Search the catalogue",
    copyright="Data from public sources – see About.",
    made_with="Made with",
    dark_scheme="Switch to dark mode",
    light_scheme="Switch to light mode",
    skip_to_content="Skip to content",
    not_found="Page not found",
    not_found_text="There is no page at this address in the Cluster Catalogue. Perhaps the address has a typo, or the link you followed is out of date.",
    not_found_search="Search for a cluster, a field or a topic",
    go_on="Go on",
    the_home_page="The home page",
    all_clusters_az="All clusters (A–Z)",
    source="Source",
    source_lower="source",
    read="Read",
    read_on="accessed",
    as_of="as of",
    page="page",
    line="line",
    edit_page="Edit this page",
    entry_in="the entry is in",
    and_="and",
    or_="or",
    for_="for",
    year="Year",
    list="List",
    field="Field",
    note="Note",
    note_lower="note",
    notes="Notes",
    danish_only="This text exists in Danish only.",
    danish_only_link="Read the page in Danish",
    type_cluster="cluster",
    type_field="field",
    type_case="case",
    also_known_as="Also known as",
    period_from="The information is from {period}.",
    period_shows_year="The page shows what the sources from that year say about the cluster",
    period_shows_years="The page shows what the sources from those years say about the cluster",
    undated_one="and one undated source",
    undated_many="and {n} undated sources",
    may_have_changed="name, website and field may have changed since.",
    period_undated="The sources behind this page are undated.",
    may_have_changed_undated="Name, website and field may have changed since.",
    purpose="Purpose",
    no_purpose="The sources do not yet describe the cluster's purpose. Do you know a source?",
    how_to_add_description="How to add a description",
    facts="Facts",
    website="Website",
    no_website="The sources do not mention the cluster's website (which does not mean it has none).",
    no_field="The sources do not place the cluster in a field.",
    certification="Certification",
    printed_as="printed as",
    no_certification="No certification mentioned in the sources",
    innovation_network="Innovation network",
    approved_for="Approved for",
    not_in_programme="Not in the innovation network programme according to the sources",
    relations="Relations",
    includes="Includes",
    included_in="Part of",
    assessment="assessment – no source says so directly",
    probably_continued_as="Probably continued as",
    continued_in="Activities continued in",
    probably_formerly="Probably formerly",
    took_over_from="Took over the activities of",
    history="History",
    this_page="this page",
    in_lists="in the sources' lists",
    in_no_lists="in none of the sources' lists",
    probably_continued_as_lower="probably continued as",
    continued_in_lower="activities continued in",
    no_case_from_cluster="The sources have no case from this cluster.",
    mentioned_in_sources="Mentioned in the sources",
    name_as_printed="Name as printed",
    sources_of_entry="Sources of the entry",
    cluster_open_data="The whole catalogue, this cluster included, is available as open data",
    know_more="Do you know more?",
    correction_ask="Is a piece of information wrong or out of date, or do you know a source for what is missing?",
    suggest_correction="Suggest a correction",
    correction_form="in a form on GitHub (say where the information is), or read",
    how_to_correct_yourself="how to correct the catalogue yourself",
    how_to_suggest="how to suggest a correction",
    only_sourced="The catalogue only includes information that a source states.",
    correction_title="Cluster: {name}",
    case_from="Case from",
    activity_area="Activity area",
    summary="Summary",
    cluster="Cluster",
    other_clusters="Other clusters",
    companies="Companies",
    partners="Partners",
    none_named="None named",
    summary_own_words="The summary is written in the catalogue's own words.",
    cases_intro="Performance Account 2017 shows with {n} examples how the clusters work. Here they are ordered by activity area; each summary is written in the catalogue's own words.",
    no_cases="No cases.",
    certifications_intro="Cluster organisations can have their management assessed and certified. The sources mention the ECEI labels gold, silver and bronze (European Cluster Excellence Initiative, established by the European Commission) and the EU quality label, which two Danish clusters held in 2013.",
    named_holder="{n} named holder",
    named_holders="{n} named holders",
    n_clusters="{n} clusters",
    unnamed_holders="held {level} as of {date}. The source does not name them, so neither does the catalogue",
    no_holders="The sources mention no holders.",
    fields_intro="The sources place each cluster in a field. The division of 2013 (Performance Account 2013) and that of 2016 (Performance Account 2017) are not quite the same, so the catalogue shows both.",
    field_no_description="This field has no description yet.",
    name_in_sources="Name in the sources",
    clusters_placed_here="Clusters placed here in {year} ({n})",
    no_clusters_in_field="No clusters are placed in this field.",
    no_cases_in_field="No cases from clusters in this field.",
    table_intro="The catalogue holds {n} clusters and innovation networks. Click a column heading to sort; type in the box or choose a field to filter.",
    search_table="Search the table",
    name_or_other="Name or other name",
    all_fields="All fields",
    year_in_sources="Year in the sources",
    latest_placement="Latest placement",
    more_filters="More filters",
    any_certification="Any certification",
    no_certification_option="No certification",
    in_programme="In the programme",
    not_in_programme_option="Not in the programme",
    source_list="Source list",
    all_lists="All lists",
    any_value="All",
    description="Description",
    has_description="Has a description",
    without_description="Without a description",
    has_website="Has a website",
    without_website="Without a website",
    reset_filters="Reset filters",
    sort_by="Sort by",
    shown_of="{shown} of {total} clusters",
    table_needs_js="The table of all {n} clusters needs JavaScript. Find the clusters under",
    the_fields="the fields",
    instead="instead.",
    table_open_data="The whole table as open data",
    excel="Excel (xlsx, Danish headers)",
    data_description="data description (datapackage.json)",
    figures_intro="The key figures from the sources, each with its year and source, and the tables of the performance accounts with a chart for each indicator. The figures are given as printed in the sources.",
    key_figures="Key figures",
    catalogue_over_time="The catalogue over time",
    catalogue_over_time_intro="How many clusters and networks the sources place in each field in 2013 and 2016, how many recur, and how many are certified",
    qualifiers=MappingProxyType({"over": "over ", "under": "under ", "knap": "just under ", "ca": "about ", "naesten": "almost "}),
    undated="undated",
    caveat="Note",
    tables_heading="Tables from the performance accounts",
    indicator="indicator",
    indicators_word="indicators",
    over_time_intro="These figures are counted directly in the catalogue, from the sources' lists of clusters and networks. A number in the table leads to the table of all clusters with just those clusters selected.",
    clusters_by_field="Clusters by field",
    lists_place="The sources' lists from {years} place clusters and networks in fields; a cluster can be in several.",
    trend="Trend",
    n_clusters_under="{n} clusters in {field} in {year}",
    recur_heading="Recurring from {first} to {last}",
    recur_text="of the {in_first} clusters and networks the sources mention in {first} are also on a list from {last}. In all, the lists from {last} mention {in_last}.",
    recur_link="See the {n} clusters and networks in the table of all clusters",
    clusters_by_certification="Clusters by certification",
    level="Level",
    named="Named",
    only_counted="Only counted in the source",
    clusters_by_list="Clusters by list and programme",
    in_catalogue="In the catalogue",
    sources_own_figure="The source's own figure",
    the_programme="the innovation network programme",
    measured="Measured",
    measured_lower="measured",
    download_table="Download the table as",
    table_figures_intro="The figures are given as printed in the performance accounts. A year without a figure (NA in the source) is shown as – and as a dashed outline in the chart, not as 0. The number of networks and clusters measured changed from year to year, so read sums over the years with that in mind.",
    number_measured="Number measured",
    indicator_heading="Indicator",
    not_measured="not measured",
    figures_description="Key figures on Danish clusters and innovation networks with year and source, and the tables of the performance accounts as charts.",
    figures_table_description="{title}. Charts and figures {period}, with source.",
    over_time_description="Clusters and innovation networks by field in the sources' lists, and how many recur from year to year.",
    source_kinds=MappingProxyType({"rapport": "Report", "nyhed": "News item", "artikel": "Article", "webside": "Web page"}),
    source_file="Source file",
    search_script=dict({
        "searching": "Searching …", "no_results": "No results for", "result": "result for", "results": "results for",
        "failed": "The search could not be loaded.", "kind_cluster": "Cluster", "kind_field": "Field", "kind_case": "Case",
        "kind_figures": "Figures", "kind_page": "Page",
    }),
)

LABELS: Mapping[str, Labels] = MappingProxyType({"da": DA, "en": EN})
