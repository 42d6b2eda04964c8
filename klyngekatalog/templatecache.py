"""Compiled templates kept for as long as the process runs.

Under `mkdocs serve`, every rebuild makes a new Jinja environment for the theme, which
compiled each of Material's templates again (a tenth of a rebuild). Jinja keeps the compiled
code of a template here, under its name, with a checksum of its source: a template that was
edited is compiled anew, so what is rendered is always what the template says.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


# The theme's (hooks/catalogue.py sets it on the environment MkDocs makes for each build).
THEME_BYTECODE = MemoryBytecodeCache()
