"""The site's search index, built with Pagefind over the finished HTML."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path
from typing import Callable

from pagefind_bin import get_executable


class SearchIndexError(RuntimeError):
    pass


class Indexing:
    """Pagefind at work on a finished site, in its own process, writing /pagefind/: the build
    can do other work (that writes no pages) until `finish`, which waits for it. Only elements
    marked data-pagefind-body are indexed (the cluster, theme and case pages and the
    hand-written pages that opt in)."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.process = subprocess.Popen(
            # The binary itself (shipped in the pagefind-bin wheel): no Python start-up per rebuild.
            [str(get_executable()), "--site", str(site_dir), "--silent"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def finish(self) -> None:
        stdout, stderr = self.process.communicate()
        if self.process.returncode != 0:
            raise SearchIndexError(f"Pagefind failed:\n{stdout}{stderr}")
        _sort_languages(self.site_dir / "pagefind" / "pagefind-entry.json")

    def stop(self) -> None:
        """The build failed meanwhile: no index is wanted."""
        self.process.kill()
        self.process.communicate()

    def finish_later(self, report: Callable[[str], None]) -> None:
        """Let Pagefind finish after the build has returned, reporting a failure by `report`
        (see `wait_for_indexing`)."""

        def wait() -> None:
            try:
                self.finish()
            except SearchIndexError as error:
                report(str(error))

        thread = threading.Thread(target=wait, name="pagefind", daemon=True)
        _unfinished.append(thread)
        thread.start()


# Indexing left to finish after its build (`mkdocs serve`): awaited before the next build
# empties the site folder, and before the server removes it.
_unfinished: list[threading.Thread] = []


def wait_for_indexing() -> None:
    while _unfinished:
        _unfinished.pop().join()


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the index of each language (one per <html lang>) in no fixed order: sorted,
    the same site gives the same file (the order means nothing to Pagefind's script)."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
