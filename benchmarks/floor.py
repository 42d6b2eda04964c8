"""The floor: the same pages as plain Markdown, built by plain MkDocs + Material.

What the catalogue's build costs is compared with what MkDocs and Material cost anyway for
the same number of pages with about the same text. The floor has one Markdown file per
cluster, theme and case, the same index pages as simple Markdown, and the real mkdocs.yml's
theme settings (language, fonts, features, palette, Markdown extensions, nav), but no hooks,
no macros, no theme overrides, and Material's own search plugin on, as in a default site.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from klyngekatalog.catalogue import Catalogue
from klyngekatalog.render import dk_date, dk_number
from klyngekatalog.index import Index, sort_key

ROOT = Path(__file__).resolve().parent.parent


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _source(catalogue: Catalogue, source_id: str, up: str) -> str:
    source = catalogue.source_by_id[source_id]
    return f"[{_cell(source.title)}]({up}om.md#kilde-{source.id})"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV [NAME, …, default]`, resolved as MkDocs resolves it (the first variable
    that is set, else the default)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)
    return next((os.environ[name] for name in names if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)


def config() -> dict:
    """The real mkdocs.yml, less everything that is the catalogue's own machinery."""
    real = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)
    real.pop("hooks", None)
    real.pop("watch", None)
    real["plugins"] = ["search"]  # Material's search, as a default Material site has it
    real["theme"].pop("custom_dir", None)  # the override only swaps Material's search for Pagefind
    real["extra_javascript"] = [js for js in real.get("extra_javascript", []) if not js.endswith("sog.js")]
    real["not_in_nav"] = "/klynger/*.md\n/temaer/*.md\n/cases/*.md\n"
    return real


def cluster_page(index: Index, cluster) -> str:
    c = index.catalogue
    up = "../"
    lines = [f"# {_cell(cluster.name)}", ""]
    if cluster.aliases:
        lines += ["Også kendt som: " + ", ".join(cluster.aliases), ""]
    lines += ["## Formål", ""]
    if cluster.description:
        lines += [cluster.description, "", f"Kilde: {_source(c, cluster.description_source, up)}", ""]
    else:
        lines += ["Kilderne beskriver endnu ikke klyngens formål. Kender du en kilde? "
                  f"[Sådan tilføjer du en beskrivelse]({up}om.md#bidrag).", ""]
    lines += ["## Fakta", ""]
    website = f"<{cluster.website}> (kilde: {_source(c, cluster.website_source, up)})" if cluster.website else "Ikke oplyst i kilderne"
    lines.append(f"- **Websted:** {website}")
    themes = "; ".join(
        f"{year}: " + " ".join(f"[{c.theme_by_id[t].name}]({up}temaer/{t}.md)" for t in ids)
        for year, ids in index.themes_by_year(cluster).items()
    )
    lines.append(f"- **Fagområde:** {themes or 'Ingen placering i kilderne'}")
    certs = "; ".join(
        f"{c.level_by_id[x.level].name} ({c.level_by_id[x.level].scheme}), pr. {dk_date(x.as_of)} (kilde: {_source(c, x.source, up)})"
        for x in cluster.certifications
    )
    lines.append(f"- **Certificering:** {certs or 'Ingen certificering nævnt i kilderne'}")
    programmes = "; ".join(f"Godkendt for {p.period}" if p.period else f"Innovationsnetværk {p.year}" for p in index.programmes(cluster))
    lines.append(f"- **Innovationsnetværk:** {programmes or 'Ikke i innovationsnetværksprogrammet ifølge kilderne'}")
    for relation in cluster.relations:
        other = c.cluster_by_id[relation.cluster]
        # A relation of another kind may rest on its evidence text rather than a source.
        cited = f" (kilde: {_source(c, relation.source, up)})" if relation.source else ""
        lines.append(f"- **Omfatter:** [{_cell(other.name)}]({other.id}.md){cited}")
    for parent, _ in index.included_in.get(cluster.id, []):
        lines.append(f"- **Indgår i:** [{_cell(parent.name)}]({parent.id}.md)")
    lines.append("")
    if cluster.note:
        lines += ["!!! note", "", "    " + cluster.note.replace("\n", "\n    "), ""]
    lines += ["## Cases", ""]
    cases = index.cases_by_cluster.get(cluster.id, [])
    lines += [f"- [{_cell(k.title)}]({up}cases/{k.id}.md) ({c.area_by_id[k.activity_area].name})" for k in cases] or [
        "Kilderne har ingen case fra denne klynge."
    ]
    lines += ["", "## Nævnt i kilderne", "", "| År | Liste | Navn som trykt | Fagområde |", "|---|---|---|---|"]
    for p in index.placements[cluster.id]:
        theme = f"[{p.theme.name}]({up}temaer/{p.theme.id}.md)" if p.theme else "–"
        lines.append(f"| {p.list.year} | {_cell(p.list.title)} ({_source(c, p.source.id, up)}, {p.list.location}) | {_cell(p.printed_name)} | {theme} |")
    lines += ["", "Kilder bag posten: " + "; ".join(_source(c, s, up) for s in cluster.sources) + ".", ""]
    lines += [f"Data om klyngen findes også som [JSON]({up}om.md#data) og [CSV]({up}om.md#data).", ""]
    return "\n".join(lines)


def clusters_index(index: Index) -> str:
    c = index.catalogue
    lines = ["# Alle klynger", "", f"Kataloget rummer {len(c.clusters)} klynger og innovationsnetværk.", "",
             "| Navn | Fagområde (seneste) | Certificering | Innovationsnetværk | Websted |", "|---|---|---|---|---|"]
    for cluster in sorted(c.clusters, key=lambda cl: sort_key(cl.name)):
        level = index.best_level(cluster)
        themes = ", ".join(c.theme_by_id[t].name for t in index.latest_themes(cluster))
        programmes = ", ".join(p.period or str(p.year) for p in index.programmes(cluster))
        website = f"[{cluster.website.split('://', 1)[1].removeprefix('www.')}]({cluster.website})" if cluster.website else ""
        lines.append(f"| [{_cell(cluster.name)}]({cluster.id}.md) | {themes} | {level.name if level else ''} | {programmes} | {website} |")
    return "\n".join(lines) + "\n"


def theme_page(index: Index, theme) -> str:
    c = index.catalogue
    lines = [f"# {theme.name}", "", theme.description or "Fagområdet har endnu ingen beskrivelse.", ""]
    years = index.clusters_by_theme.get(theme.id, {})
    for year in sorted(years, reverse=True):
        lines += [f"## Klynger placeret her i {year} ({len(years[year])})", ""]
        for cluster in sorted(years[year], key=lambda cl: sort_key(cl.name)):
            level = index.best_level(cluster)
            lines.append(f"- [{_cell(cluster.name)}](../klynger/{cluster.id}.md)" + (f" {level.name}" if level else ""))
        lines.append("")
    cases = index.cases_by_theme.get(theme.id, [])
    lines += [f"## Cases ({len(cases)})", ""]
    lines += [f"- [{_cell(k.title)}](../cases/{k.id}.md) ({c.area_by_id[k.activity_area].name})" for k in cases]
    return "\n".join(lines) + "\n"


def themes_index(index: Index) -> str:
    lines = ["# Fagområder", "", "| Fagområde | Klynger | Cases |", "|---|---|---|"]
    for theme in index.catalogue.themes:
        counts = ", ".join(f"{y}: {len(cl)}" for y, cl in sorted(index.clusters_by_theme.get(theme.id, {}).items()))
        lines.append(f"| [{theme.name}]({theme.id}.md) | {counts} | {len(index.cases_by_theme.get(theme.id, []))} |")
    return "\n".join(lines) + "\n"


def case_page(index: Index, case) -> str:
    c = index.catalogue
    cluster = c.cluster_by_id[case.cluster]
    lines = [f"# {_cell(case.title)}", "", f"Klynge: [{_cell(cluster.name)}](../klynger/{cluster.id}.md) · "
             f"Aktivitet: {c.area_by_id[case.activity_area].name}", "", case.summary, ""]
    if case.companies:
        lines += ["Virksomheder: " + ", ".join(case.companies), ""]
    if case.partners:
        lines += ["Partnere: " + ", ".join(case.partners), ""]
    for partner in case.partner_clusters:
        other = c.cluster_by_id[partner]
        lines.append(f"- Partnerklynge: [{_cell(other.name)}](../klynger/{other.id}.md)")
    lines += ["", f"Kilde: {_source(c, case.source, '../')}" + (f", side {case.page}" if case.page else ""), ""]
    return "\n".join(lines)


def cases_index(index: Index) -> str:
    c = index.catalogue
    lines = ["# Cases", ""]
    for area in c.activity_areas:
        lines += [f"## {area.name}", ""]
        for case in c.cases:
            if case.activity_area == area.id:
                cluster = c.cluster_by_id[case.cluster]
                lines.append(f"- [{_cell(case.title)}]({case.id}.md) ({_cell(cluster.name)})")
        lines.append("")
    return "\n".join(lines)


def certifications_page(index: Index) -> str:
    c = index.catalogue
    lines = ["# Certificeringer", ""]
    for level in c.levels:
        lines += [f"## {level.name}", "", level.description or "", ""]
        for cluster, as_of in sorted(index.holders.get(level.id, []), key=lambda h: sort_key(h[0].name)):
            lines.append(f"- [{_cell(cluster.name)}](klynger/{cluster.id}.md), pr. {dk_date(as_of)}")
        lines.append("")
    return "\n".join(lines)


def figures_page(index: Index) -> str:
    c = index.catalogue
    lines = ["# Tal", ""]
    for table in c.tables:
        lines += [f"## {_cell(table.title)}", "", "| Indikator | " + " | ".join(map(str, table.years)) + " |",
                  "|---|" + "---|" * len(table.years)]
        for section in table.sections:
            for indicator in section.indicators:
                values = " | ".join(dk_number(indicator.values.get(y), indicator.decimals) for y in table.years)
                lines.append(f"| {_cell(indicator.name)} | {values} |")
        lines.append("")
    for headline in c.headlines:
        lines.append(f"- {_cell(headline.label)}: {dk_number(headline.value)} {headline.unit}")
    return "\n".join(lines) + "\n"


def about_page(catalogue: Catalogue) -> str:
    lines = ["# Om kataloget", "", "Kataloget bygger på offentlige kilder.", "", "## Åbne data {#data}", "",
             "Alle data kan hentes og genbruges frit.", "", "## Bidrag {#bidrag}", "", "Ret data/clusters.yaml.", "",
             "## Kilder {#kilder}", ""]
    for source in catalogue.sources:
        lines += [f"### {_cell(source.title)} {{#kilde-{source.id}}}", "", source.summary or "", ""]
    return "\n".join(lines)


def write_floor(catalogue: Catalogue, folder: Path) -> Path:
    """Write the floor project into `folder`; return its mkdocs.yml."""
    docs = folder / "docs"
    if folder.exists():
        shutil.rmtree(folder)
    for sub in ("klynger", "temaer", "cases", "assets"):
        (docs / sub).mkdir(parents=True, exist_ok=True)
    for asset in (ROOT / "docs" / "assets").iterdir():
        shutil.copyfile(asset, docs / "assets" / asset.name)
    index = Index(catalogue)
    c = catalogue
    pages = {
        "index.md": f"# Klyngekataloget\n\nEt åbent katalog over {len(c.clusters)} danske klynger og innovationsnetværk.\n\n"
        "- [Alle klynger](klynger/index.md)\n- [Fagområder](temaer/index.md)\n- [Cases](cases/index.md)\n",
        "klynger/index.md": clusters_index(index),
        "temaer/index.md": themes_index(index),
        "cases/index.md": cases_index(index),
        "certificeringer.md": certifications_page(index),
        "tal.md": figures_page(index),
        "om.md": about_page(c),
        "sog.md": "# Søg\n\nBrug søgefeltet øverst på siden.\n",
    }
    pages.update({f"klynger/{cl.id}.md": cluster_page(index, cl) for cl in c.clusters})
    pages.update({f"temaer/{t.id}.md": theme_page(index, t) for t in c.themes})
    pages.update({f"cases/{k.id}.md": case_page(index, k) for k in c.cases})
    for path, text in pages.items():
        (docs / path).write_text(text, encoding="utf-8")
    config_path = folder / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path
