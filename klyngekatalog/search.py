"""The site's search index, built with Pagefind over the finished HTML."""

from __future__ import annotations

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
