"""Everything the site build needs from the catalogue, computed once per build.

The MkDocs hook (hooks/catalogue.py) is the only caller; this module does not know MkDocs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue, load_catalogue
from .exports import all_exports
from .render import Renderer
from .schema import schemas, render as render_schema
from .views import TABLE_ROWS_FILE, Index, PageView, build_views, redirects, table_rows_data


_BLOCK_MARKER = "<!-- katalog:"
_BLOCK = re.compile(r"<!-- katalog:([a-z]+) -->")


@dataclass
class SiteBuild:
    catalogue: Catalogue
    index: Index  # the derived lookups, shared by the views and the exports
    views: dict[str, PageView]  # by source path
    renderer: Renderer = field(default_factory=Renderer)

    @classmethod
    def load(cls, clusters_path: Path, display_root: Path | None = None) -> "SiteBuild":
        catalogue = load_catalogue(clusters_path, display_root=display_root)
        index = Index(catalogue)
        return cls(catalogue, index, {view.path: view for view in build_views(catalogue, index)})

    def render(self, path: str) -> str:
        return self.renderer.render(self.views[path])

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

    def data_files(self) -> dict[str, str | bytes]:
        """Files under /data/ of the site: exports and the JSON Schemas (text, or bytes for the
        spreadsheet)."""
        files = all_exports(self.catalogue, self.index)
        files[TABLE_ROWS_FILE] = json.dumps(table_rows_data(self.index), ensure_ascii=False, separators=(",", ":"))
        files.update({f"schema/{name}": render_schema(schema) for name, schema in schemas().items()})
        return files
