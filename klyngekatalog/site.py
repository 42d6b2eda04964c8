"""Everything the site build needs from the catalogue, computed once per build.

The MkDocs hook (hooks/catalogue.py) is the only caller; this module does not know MkDocs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin

from .catalogue import Catalogue, load_catalogue
from .exports import all_exports
from .render import Renderer
from .schema import schemas, render as render_schema
from .structured import cluster_organization, dataset, script_json
from .views import SECTIONS, TABLE_ROWS_FILE, Index, PageView, build_views, redirects, table_rows_data


_BLOCK_MARKER = "<!-- katalog:"
_BLOCK = re.compile(r"<!-- katalog:([a-z]+) -->")
# The issue form editors use (.github/ISSUE_TEMPLATE/); its fields can be filled from the URL.
ISSUE_FORM = "ret-eller-tilfoej-klynge.yml"
# Hand-written pages that describe the open data carry the Dataset.
_DATASET_PAGES = {"index.md", "om.md"}


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is published (`site_url`, e.g. https://x.github.io/klyngekatalog/) and
    where its repository is (`repo_url`, optional): from the MkDocs configuration."""

    site_url: str = ""
    repo_url: str = ""
    name: str = "Klyngekataloget"
    description: str = ""

    def page(self, url: str) -> str:
        return urljoin(self.site_url, url)


def correction_url(repo_url: str, cluster_name: str, page_url: str) -> str:
    """The issue form, with the cluster's name and page filled in."""
    query = urlencode({"template": ISSUE_FORM, "title": f"Klynge: {cluster_name}", "klynge": cluster_name, "side": page_url})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


@dataclass
class SiteBuild:
    catalogue: Catalogue
    index: Index  # the derived lookups, shared by the views and the exports
    views: dict[str, PageView]  # by source path
    address: SiteAddress = field(default_factory=SiteAddress)
    renderer: Renderer = field(default_factory=Renderer)

    @classmethod
    def load(cls, clusters_path: Path, display_root: Path | None = None, address: SiteAddress | None = None) -> "SiteBuild":
        catalogue = load_catalogue(clusters_path, display_root=display_root)
        index = Index(catalogue)
        views = {view.path: view for view in build_views(catalogue, index)}
        return cls(catalogue, index, views, address or SiteAddress())

    def render(self, path: str) -> str:
        view = self.views[path]
        correction = None
        if self.address.repo_url and view.template == "cluster.html":
            correction = correction_url(self.address.repo_url, view.title, self.address.page(view.url))
        return self.renderer.render(view, correction_url=correction)

    def section(self, path: str) -> str | None:
        """The source path of the navigation page (tab) a generated page belongs under."""
        view = self.views.get(path)
        return SECTIONS[view.section][0] if view and view.section else None

    def json_ld(self, path: str) -> str | None:
        """The page's schema.org data, ready for a <script type="application/ld+json">."""
        if not self.address.site_url:
            return None
        view = self.views.get(path)
        if view is not None and view.template == "cluster.html":
            return script_json(cluster_organization(view.context["cluster"], self.address.page(view.url)))
        if path in _DATASET_PAGES:
            a = self.address
            return script_json(dataset(self.catalogue, a.site_url, a.name, a.description))
        return None

    def robots_txt(self) -> str:
        """Everything may be crawled; the sitemap is named when the site knows its address."""
        lines = ["User-agent: *", "Allow: /"]
        if self.address.site_url:
            lines.append(f"Sitemap: {self.address.page('sitemap.xml')}")
        return "\n".join(lines) + "\n"

    def fill_blocks(self, html: str, page_url: str) -> str:
        """Replace `<!-- katalog:NAME -->` markers in a hand-written page with the rendered
        block templates/blocks/NAME.html (after Markdown, so catalogue text stays text)."""
        if _BLOCK_MARKER not in html:
            return html
        return _BLOCK.sub(lambda match: self.renderer.render_block(match.group(1), page_url, self.block_context()), html)

    def block_context(self) -> dict:
        return {"sources": self.catalogue.sources}

    def redirects(self) -> dict[str, str]:
        return redirects(self.catalogue)

    def macro_variables(self) -> dict:
        """What hand-written pages in docs/ may use through mkdocs-macros: numbers only,
        never catalogue text (macros output is Markdown, so text could become markup)."""
        c = self.catalogue
        counts = c.counts()
        return {
            "antal_klynger": counts["klynger"],
            "antal_fagomraader": counts["fagområder"],
            "antal_cases": counts["cases"],
            "antal_kilder": counts["kilder"],
            "antal_beskrevne": sum(1 for cluster in c.clusters if cluster.description),
            "antal_med_websted": sum(1 for cluster in c.clusters if cluster.website),
            "antal_certificerede": sum(1 for cluster in c.clusters if cluster.certifications),
        }

    def data_files(self) -> dict[str, str]:
        """Files under /data/ of the site: exports and the JSON Schemas."""
        files = all_exports(self.catalogue, self.index)
        files[TABLE_ROWS_FILE] = json.dumps(table_rows_data(self.index), ensure_ascii=False, separators=(",", ":"))
        files.update({f"schema/{name}": render_schema(schema) for name, schema in schemas().items()})
        return files
