"""Problems found in user data: always located, always printable as FILE:LINE:COL: message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the catalogue, at a 1-based line and column of a file."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # A file name is the one part of the line not written by the catalogue's code: a newline
        # in it would start a line of its own (in CI, a forged workflow command).
        file = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in self.file)
        return f"{file}:{self.line}:{self.column}: {self.message}"


# At most this many problems are reported (a file of a million unknown keys took 2 GB and
# printed a million lines); where more were found, `truncated` says so.
MAX_REPORTED = 1000


class CatalogueError(Exception):
    """The catalogue cannot be used; `problems` says every reason found in one pass (the
    first MAX_REPORTED of them; `truncated` is true when there were more)."""

    def __init__(self, problems: Iterable[Problem], *, truncated: bool = False):
        ordered = sorted(set(problems))
        self.truncated = truncated or len(ordered) > MAX_REPORTED
        self.problems: tuple[Problem, ...] = tuple(ordered[:MAX_REPORTED])
        super().__init__("\n".join(str(p) for p in self.problems))
