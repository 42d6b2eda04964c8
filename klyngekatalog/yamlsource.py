"""Safe YAML loading that keeps the line and column of every key and value.

PyYAML's safe loader is used only to scan, parse and compose nodes; building Python
values is done here so that we can refuse what the safe loader would accept silently:
duplicate keys (it keeps the last one, losing data), aliases and anchors (alias bombs,
and data that is hard for editors to follow), tags other than the plain YAML types,
and files that are too large or too deeply nested to be a catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import CatalogueError, Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 20

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null")}
# Dates stay text: the model checks them, and the exports then carry what the editor wrote.
_TIMESTAMP = _YAML + "timestamp"

Path_ = tuple[Any, ...]

# What a YAML type tag reads as, for the message when a tagged value cannot be read.
_KINDS = {_YAML + "int": "et helt tal", _YAML + "float": "et tal", _YAML + "bool": "true eller false"}
_SHOWN_LENGTH = 80


def shown(value: Any) -> str:
    """A value from the data as it may be quoted in a message: one line, every invisible,
    direction-changing or control character written as its code (so a message can neither
    break the one-problem-per-line output nor display something other than the data holds),
    and long values cut short."""
    text = str(value)
    return "".join(c if c.isprintable() else _escape(c) for c in text[:_SHOWN_LENGTH]) + (
        "…" if len(text) > _SHOWN_LENGTH else ""
    )


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True)
class LocatedDocument:
    """A YAML document as plain Python data, with where each part stands in the file."""

    file: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(repr=False)
    key_marks: dict[Path_, tuple[int, int]] = field(repr=False)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or the key) at `path`, or of its nearest parent."""
        path = tuple(path)
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path:
            if path in self.value_marks:
                return self.value_marks[path]
            path = path[:-1]
        return self.value_marks.get((), (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, column = self.locate(path, key=key)
        return Problem(self.file, line, column, message)


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark, message: str):
        self.mark, self.message = mark, message


class _Composer(yaml.SafeLoader):
    """Composes nodes, refusing anchors, aliases and deep nesting before any expansion."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, f"YAML-aliaser (*{event.anchor}) er ikke tilladt; skriv værdien ud")
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise _Refused(event.start_mark, f"YAML-ankre (&{event.anchor}) er ikke tilladt; skriv værdien ud")
        if isinstance(event, CollectionStartEvent):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"for dybt indlejret (mere end {MAX_DEPTH} niveauer)")
            try:
                return Composer.compose_node(self, parent, index)
            finally:
                self._depth -= 1
        return Composer.compose_node(self, parent, index)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _decode(file: str, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise CatalogueError([Problem(file, 1, 1, "filen starter med et BOM-tegn; gem den som UTF-8 uden BOM")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8", errors="replace")
        line, column = _position(prefix, len(prefix))
        raise CatalogueError(
            [Problem(file, line, column, f"filen er ikke gyldig UTF-8 (byte 0x{raw[error.start]:02x}); gem den som UTF-8")]
        ) from None


def parse_yaml(text: str, file: str) -> LocatedDocument:
    """Parse YAML text; raise CatalogueError with every located problem."""
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        raise CatalogueError([Problem(file, 1, 1, "filen er tom")])
    loader = None
    try:
        # PyYAML checks the whole text for characters YAML forbids already here.
        loader = _Composer(text)
        root = loader.get_single_node()
    except _Refused as refused:
        raise CatalogueError([Problem(file, refused.mark.line + 1, refused.mark.column + 1, refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = "; ".join(part for part in (error.context, error.problem) if part)
        raise CatalogueError([Problem(file, mark.line + 1, mark.column + 1, f"YAML-syntaksfejl: {detail}")]) from None
    except yaml.reader.ReaderError as error:
        line, column = _position(text, error.position)
        raise CatalogueError(
            [Problem(file, line, column, f"tegnet U+{error.character:04X} er ikke tilladt i YAML")]
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return _Builder(file).build_document(root)


def load_yaml(path: Path, file: str | None = None) -> LocatedDocument:
    """Read and parse one YAML file; `file` is the name used in messages."""
    file = file or str(path)
    try:
        size = path.stat().st_size
        if size <= MAX_FILE_BYTES:
            # Read one byte past the limit: a file that grows, or a device or pipe whose
            # size says 0, must not be read without end.
            with path.open("rb") as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
            size = max(size, len(raw))
        if size > MAX_FILE_BYTES:
            raise CatalogueError(
                [Problem(file, 1, 1, f"filen er for stor ({size:,} bytes; højst {MAX_FILE_BYTES:,})".replace(",", "."))]
            )
    except FileNotFoundError:
        raise CatalogueError([Problem(file, 1, 1, "filen findes ikke")]) from None
    except IsADirectoryError:
        raise CatalogueError([Problem(file, 1, 1, "er en mappe, ikke en fil")]) from None
    except OSError as error:
        raise CatalogueError([Problem(file, 1, 1, f"filen kan ikke læses: {error.strerror}")]) from None
    return parse_yaml(_decode(file, raw), file)


class _Builder:
    """Turns composed nodes into Python values, recording marks and refusing what we don't accept."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.value_marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.scalars = SafeConstructor()

    def build_document(self, root: Node | None) -> LocatedDocument:
        data = None if root is None else self.build(root, ())
        if self.problems:
            raise CatalogueError(self.problems)
        return LocatedDocument(self.file, data, self.value_marks, self.key_marks)

    def refuse(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, node.start_mark.column + 1, message))

    def build(self, node: Node, path: Path_) -> Any:
        self.value_marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            return self.build_scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _YAML + "seq":
                return self.refuse(node, f"YAML-tagget {node.tag!r} er ikke tilladt")
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _YAML + "map":
                return self.refuse(node, f"YAML-tagget {node.tag!r} er ikke tilladt")
            return self.build_mapping(node, path)
        return self.refuse(node, "ukendt YAML-konstruktion")  # pragma: no cover

    def build_scalar(self, node: ScalarNode) -> Any:
        if node.tag == _TIMESTAMP:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            return self.refuse(node, f"YAML-tagget {node.tag!r} er ikke tilladt")
        try:
            value = self.scalars.construct_object(node)
        except (ValueError, KeyError, TypeError, OverflowError):
            # An explicit tag on text that is not of its type (!!int abc, !!bool maybe), or an
            # integer too long for Python to read (more than 4300 digits).
            return self.refuse(node, f"værdien '{shown(node.value)}' kan ikke læses som {_KINDS.get(node.tag, node.tag)}")
        if isinstance(value, str) and (surrogate := next((c for c in value if "\ud800" <= c <= "\udfff"), None)):
            # "\ud83d" in a quoted string gives half a character, which no UTF-8 file or page can hold.
            return self.refuse(node, f"tegnet U+{ord(surrogate):04X} er ikke tilladt (et halvt surrogatpar); skriv selve tegnet")
        return value

    def build_mapping(self, node: MappingNode, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _YAML + "merge":
                self.refuse(key_node, "YAML-fletning (<<) er ikke tilladt; skriv felterne ud")
                continue
            if not isinstance(key_node, ScalarNode):
                self.refuse(key_node, "en nøgle skal være en enkel tekst")
                continue
            refused = len(self.problems)
            key = self.build_scalar(key_node)
            if len(self.problems) > refused:  # already reported: not a key to compare with others
                continue
            try:
                hash(key)
            except TypeError:  # pragma: no cover - scalars are hashable
                continue
            if key in first_seen:
                self.refuse(key_node, f"nøglen '{shown(key)}' står to gange (første gang i linje {first_seen[key]})")
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.key_marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result
