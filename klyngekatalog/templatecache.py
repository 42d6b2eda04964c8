"""Compiled templates kept for as long as the process runs.

Under `mkdocs serve`, every rebuild makes a new Jinja environment for the theme, which
compiled each of Material's templates again (a tenth of a rebuild). Jinja keeps the compiled
code of a template here, under its name, with a checksum of its source: a template that was
edited is compiled anew, so what is rendered is always what the template says.
"""

from __future__ import annotations

from jinja2 import Environment
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


_CACHES: dict[tuple, MemoryBytecodeCache] = {}


def bytecode_cache(env: Environment) -> MemoryBytecodeCache:
    """The cache for environments like `env`: compiled code depends on the environment's
    syntax and compiler settings as well as on the source, so environments set up
    differently (a changed mkdocs.yml under `mkdocs serve`) never share compiled code."""
    key = (
        tuple(sorted(env.extensions)),
        env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        env.optimized, env.is_async, env.autoescape, env.finalize,
    )
    return _CACHES.setdefault(key, MemoryBytecodeCache())
