"""The site's search index, built with Pagefind over the finished HTML."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pagefind_bin import get_executable


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path) -> None:
    """Write /pagefind/ into `site_dir`. Only elements marked data-pagefind-body are indexed
    (the cluster, theme and case pages and the hand-written pages that opt in)."""
    result = subprocess.run(
        # The binary itself (shipped in the pagefind-bin wheel): no Python start-up per rebuild.
        [str(get_executable()), "--site", str(site_dir), "--silent"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{result.stdout}{result.stderr}")
    _sort_languages(site_dir / "pagefind" / "pagefind-entry.json")


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the index of each language (one per <html lang>) in no fixed order: sorted,
    the same site gives the same file (the order means nothing to Pagefind's script)."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
