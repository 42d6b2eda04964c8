"""What a change does to the catalogue and the site, as a Danish Markdown summary.

`make diff BASE=<git ref>` compares the catalogue at BASE with the working tree; the
pull-request workflow writes the same summary to the job's page ($GITHUB_STEP_SUMMARY).
Records are compared by id, field by field; pages by rendering every generated page and
open-data file of both catalogues with the same (head) code, so only the data's effect shows.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue, CatalogueFiles
from .problems import CatalogueError, Problem
from .site import SiteBuild

# Long lists are cut: a summary is read on one screen.
_SHOWN = 40

# What is compared: heading, the catalogue's tuple of records, and how a record is named.
_KINDS = (
    ("Klynger", "clusters", lambda r: r.name),
    ("Fagområder", "themes", lambda r: r.name),
    ("Cases", "cases", lambda r: r.title),
    ("Tabeller (tal)", "tables", lambda r: r.title),
    ("Nøgletal", "headlines", lambda r: r.label),
    ("Kilder", "sources", lambda r: r.title),
    ("Lister i kilderne", "lists", lambda r: r.title),
    ("Certificeringsniveauer", "levels", lambda r: r.name),
    ("Aktivitetsområder", "activity_areas", lambda r: r.name),
)


@dataclass
class Side:
    """One side of the comparison: the catalogue, or why it could not be loaded."""

    label: str
    catalogue: Catalogue | None = None
    problems: tuple[Problem, ...] = ()
    pages: dict[str, str] = field(default_factory=dict)


def load_side(label: str, clusters_path: Path, display_root: Path | None = None) -> Side:
    try:
        build = SiteBuild.load(clusters_path, display_root=display_root)
    except CatalogueError as error:
        return Side(label, problems=error.problems)
    pages = {"/" + view.url: build.render(path) for path, view in build.views.items()}
    pages.update({f"/data/{name}": text for name, text in build.data_files().items()})
    pages["/ (forsiden og Om kataloget: tallene)"] = repr(sorted(build.macro_variables().items()))
    pages["/om/ (kildelisten)"] = repr(build.block_context())
    return Side(label, build.catalogue, pages=pages)


def git_catalogue(ref: str, clusters_path: Path, into: Path) -> Path:
    """The catalogue files as they are at git `ref`, written into `into`; the path of clusters.yaml there."""
    clusters_path = clusters_path.resolve()
    top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=clusters_path.parent, check=True,
                              capture_output=True, text=True).stdout.strip())
    folder = clusters_path.parent.relative_to(top)
    subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=top, check=True, capture_output=True, text=True)
    for name, path in CatalogueFiles(clusters_path).all().items():
        shown = subprocess.run(["git", "show", f"{ref}:{(folder / path.name).as_posix()}"], cwd=top, capture_output=True)
        if shown.returncode == 0:
            (into / path.name).write_bytes(shown.stdout)
    return into / clusters_path.name


# Changes outside the data that change pages this comparison does not render with both versions.
_CODE = ("klyngekatalog/", "hooks/", "overrides/", "mkdocs.yml", "docs/assets/", "requirements.txt")


def changed_outside_data(ref: str, clusters_path: Path) -> tuple[list[str], list[str]]:
    """Hand-written pages (docs/*.md, as site addresses) and code files changed since `ref`."""
    top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=clusters_path.resolve().parent, check=True,
                              capture_output=True, text=True).stdout.strip())
    names = subprocess.run(["git", "diff", "--name-only", ref, "--"], cwd=top, check=True, capture_output=True, text=True).stdout.split()
    untracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=top, check=True, capture_output=True, text=True).stdout.split()
    pages, code = [], []
    for name in sorted(set(names) | set(untracked)):
        if name.startswith("docs/") and name.endswith(".md"):
            stem = name.removeprefix("docs/").removesuffix(".md")
            pages.append("/" if stem == "index" else "/" + stem.removesuffix("/index") + "/")
        elif name.startswith(_CODE):
            code.append(name)
    return pages, code


def _changed_fields(old, new) -> list[str]:
    a, b = old.model_dump(), new.model_dump()
    return [name for name in type(new).model_fields if a.get(name) != b.get(name)]


def _indicator_changes(old, new) -> list[str]:
    """For a table: which figures changed, as 'indikator år: gammel → ny'."""
    def figures(table):
        return {(i.id, year): value for s in table.sections for i in s.indicators for year, value in i.values.items()}
    before, after = figures(old), figures(new)
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], k[1])):
        if before.get(key, "–") != after.get(key, "–"):
            changes.append(f"{key[0]} {key[1]}: {_number(before.get(key, '–'))} → {_number(after.get(key, '–'))}")
    return changes


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "null" if value is None else str(value)


def _code(text: str) -> str:
    # Catalogue text in Markdown: inside backticks, with backticks and line breaks taken out.
    return "`" + str(text).replace("`", "'").replace("\n", " ") + "`"


def _cut(lines: list[str]) -> list[str]:
    return lines if len(lines) <= _SHOWN else lines[:_SHOWN] + [f"- … og {len(lines) - _SHOWN} flere"]


def record_changes(base: Catalogue, head: Catalogue) -> list[str]:
    out: list[str] = []
    for heading, attribute, name_of in _KINDS:
        old = {r.id: r for r in getattr(base, attribute)}
        new = {r.id: r for r in getattr(head, attribute)}
        lines = [f"- Tilføjet: {_code(i)} {_code(name_of(new[i]))}" for i in new if i not in old]
        lines += [f"- Fjernet: {_code(i)} {_code(name_of(old[i]))}" for i in old if i not in new]
        for i in new:
            if i in old and old[i] != new[i]:
                fields = _changed_fields(old[i], new[i])
                lines.append(f"- Ændret: {_code(i)} {_code(name_of(new[i]))} – felter: {', '.join(fields)}")
                if attribute == "tables":
                    lines += [f"  - {_code(change)}" for change in _cut(_indicator_changes(old[i], new[i]))]
        if lines:
            out += [f"### {heading}", "", *_cut(lines), ""]
    return out


def page_changes(base: Side, head: Side, written: tuple[list[str], list[str]] = ([], [])) -> list[str]:
    added = sorted(set(head.pages) - set(base.pages))
    removed = sorted(set(base.pages) - set(head.pages))
    changed = sorted(p for p in set(head.pages) & set(base.pages) if head.pages[p] != base.pages[p])
    changed += [f"{page} (håndskrevet side)" for page in written[0]]
    note = []
    if written[1]:
        note = [f"Koden eller udseendet er også ændret ({', '.join(_code(n) for n in written[1][:10])}{' …' if len(written[1]) > 10 else ''}):"
                " flere sider kan se anderledes ud end listet her.", ""]
    if not (added or removed or changed):
        return ["Ingen sider ændres.", "", *note]
    lines = [f"- Ny: {_code(p)}" for p in added] + [f"- Ændret: {_code(p)}" for p in changed] + [f"- Fjernet: {_code(p)}" for p in removed]
    return [f"{len(added)} nye, {len(changed)} ændrede og {len(removed)} fjernede sider og datafiler:", "", *_cut(lines), "", *note]


def summary(base: Side, head: Side, written: tuple[list[str], list[str]] = ([], [])) -> str:
    out = [f"## Ændringer i kataloget i forhold til {_code(base.label)}", ""]
    if head.problems:
        out += [f"**Validering:** ❌ {len(head.problems)} fejl – siden kan ikke bygges, før de er rettet:", "", "```text"]
        out += [str(p).replace("```", "'''") for p in head.problems[:_SHOWN]]
        if len(head.problems) > _SHOWN:
            out.append(f"… og {len(head.problems) - _SHOWN} flere (kør make validate)")
        out += ["```", ""]
    else:
        counts = ", ".join(f"{n} {what}" for what, n in head.catalogue.counts().items())
        out += [f"**Validering:** ✅ kataloget er i orden – {counts}.", ""]
    if base.problems:
        out += [f"Kataloget i {_code(base.label)} kunne ikke indlæses ({len(base.problems)} fejl), så der er intet at sammenligne med.", ""]
    if head.catalogue is None or base.catalogue is None:
        return "\n".join(out)
    records = record_changes(base.catalogue, head.catalogue)
    out += ["### Sider på hjemmesiden", "", *page_changes(base, head, written)]
    out += records or ["Ingen poster er tilføjet, fjernet eller ændret.", ""]
    return "\n".join(out)


def diff(head_path: Path, *, base_ref: str | None = None, base_path: Path | None = None, display_root: Path | None = None) -> str:
    """The summary of the change from the base (a git ref, or another catalogue) to `head_path`."""
    head = load_side("arbejdskopien", head_path, display_root)
    if base_path is not None:
        return summary(load_side(str(base_path), base_path), head)
    with tempfile.TemporaryDirectory(prefix="klyngekatalog-base-") as folder:
        base_clusters = git_catalogue(base_ref or "origin/main", head_path, Path(folder))
        written = changed_outside_data(base_ref or "origin/main", head_path)
        return summary(load_side(base_ref or "origin/main", base_clusters), head, written)
