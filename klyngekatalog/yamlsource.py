"""Safe YAML loading that keeps the line and column of every key and value.

PyYAML is used only to parse (with libyaml, PyYAML's C parser, where installed: ten times
faster than the pure-Python one, which dominated validation of a large catalogue); building
Python values from the event stream is done here so that we can refuse what the safe loader
would accept silently:
duplicate keys (it keeps the last one, losing data), aliases and anchors (alias bombs,
and data that is hard for editors to follow), tags other than the plain YAML types,
and files that are too large or too deeply nested to be a catalogue.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from . import syntax
from .problems import MAX_REPORTED, CatalogueError, Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 20
# No record has more than a few dozen fields, and a mapping of years at most 201; but a
# translations file maps every record of a collection by its id (one key per cluster), so the
# catalogue of 5,000 clusters the benchmark builds must pass. Beyond 100,000 a mapping is not a
# catalogue (and each unknown key would be one more problem).
MAX_KEYS = 100_000

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null")}
# Dates stay text: the model checks them, and the exports then carry what the editor wrote.
_TIMESTAMP = _YAML + "timestamp"
# Built once: the builder compares with these for every key and value.
_STR, _MAP, _SEQ, _MERGE = (_YAML + t for t in ("str", "map", "seq", "merge"))

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
    # Path → the parser's mark where it starts, turned into (line, column) only when asked
    # for: a large catalogue has a quarter of a million, and few are ever located.
    value_marks: dict[Path_, Any] = field(repr=False)
    key_marks: dict[Path_, Any] = field(repr=False)
    lines: _Lines | None = field(default=None, repr=False, compare=False)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or the key) at `path`, or of its nearest parent."""
        path = tuple(path)
        if key and path in self.key_marks:
            return self._place(self.key_marks[path])
        while path:
            if path in self.value_marks:
                return self._place(self.value_marks[path])
            path = path[:-1]
        return self._place(self.value_marks.get((), (1, 1)))

    def _place(self, mark: Any) -> tuple[int, int]:
        return mark if type(mark) is tuple else self.lines.at(mark)

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, column = self.locate(path, key=key)
        return Problem(self.file, line, column, message)


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark, message: str):
        self.mark, self.message = mark, message


def _parser(text: str):
    """An event source: libyaml's parser where PyYAML has it, else PyYAML's own."""
    return yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)


class _Lines:
    """Line and column (1-based) of a character index, with lines counted as editors count them.
    PyYAML's own marks follow YAML 1.1, which also breaks lines at NEL, U+2028 and U+2029: a
    description pasted with one of those would move every later problem down a line."""

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None
        # With only \n as line break, the parser's own line and column are the editor's.
        self.parser_marks_agree = not any(c in text for c in "\r\x85\u2028\u2029")

    @property
    def starts(self) -> list[int]:
        # Found on first use only: with the parser's marks agreeing, only a problem needs them
        # (a tenth of a second on a large catalogue otherwise).
        if self._starts is None:
            self._starts = [0] + [match.end() for match in _LINE_BREAK.finditer(self.text)]
        return self._starts

    def at(self, mark) -> tuple[int, int]:
        """Line and column of a parser mark (or of a (line, column) already worked out)."""
        if type(mark) is tuple:
            return mark
        if self.parser_marks_agree:
            return mark.line + 1, mark.column + 1
        return self(mark.index)

    def __call__(self, index: int) -> tuple[int, int]:
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _position(text: str, index: int) -> tuple[int, int]:
    return _Lines(text)(index)


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
    if _empty(text):
        raise CatalogueError([Problem(file, 1, 1, "filen er tom")])
    lines = _Lines(text)
    builder = _Builder(file, lines)
    parser = None
    try:
        # The parser checks the whole text for characters YAML forbids already here.
        parser = _parser(text)
        return builder.build_document(parser)
    except _Refused as refused:
        raise CatalogueError([Problem(file, *lines(refused.mark.index), refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        index, message = syntax.explain(error, text)
        raise CatalogueError([Problem(file, *lines(index), message)]) from None
    except yaml.reader.ReaderError as error:
        # libyaml reports the position in bytes of the UTF-8 text, PyYAML in characters.
        index = error.position
        if yaml.__with_libyaml__:
            index = len(text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore"))
        character = error.character if isinstance(error.character, int) else ord(error.character)
        raise CatalogueError(
            [Problem(file, *lines(index), f"tegnet U+{character:04X} er ikke tilladt i YAML")]
        ) from None
    except (ValueError, OverflowError):
        # PyYAML's scanner turns "\UFFFFFFFF" in a double-quoted text into chr() of a number
        # past U+10FFFF, which raises instead of reporting.
        raise CatalogueError(
            [Problem(file, *lines.at(builder.last), "YAML-syntaksfejl: \\U-koden er ikke et gyldigt tegn (højst \\U0010FFFF)")]
        ) from None
    finally:
        if parser is not None:
            parser.dispose()


def _empty(text: str) -> bool:
    """Nothing but spacing and comments."""
    # Most often a line near the top has more than a comment: found among the whole lines of
    # the first part, the file need not be split into lines (a fiftieth of a second for the
    # files of a large catalogue). The last line of the part may go on past it: not judged.
    if any(not _blank_or_comment(line) for line in text[:_HEAD].splitlines()[:-1]):
        return False
    return not text.strip() or all(_blank_or_comment(line) for line in text.splitlines())


def _blank_or_comment(line: str) -> bool:
    return line.lstrip().startswith("#") or not line.strip()


_HEAD = 65_536


def load_yaml(path: Path, file: str | None = None) -> LocatedDocument:
    """Read and parse one YAML file; `file` is the name used in messages."""
    file = file or str(path)
    try:
        # lstat, not stat: a symlink could lead anywhere on the machine that builds (and
        # loop on itself); a pipe or device could block the read for ever.
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise CatalogueError([Problem(file, 1, 1, "er et symbolsk link; læg en almindelig fil her")])
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            raise CatalogueError([Problem(file, 1, 1, "er ikke en almindelig fil (fx en pipe eller en enhed); læg en almindelig fil her")])
        # O_NOFOLLOW and O_NONBLOCK: the file could be swapped for a link or a pipe since lstat.
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise CatalogueError([Problem(file, 1, 1, "er ikke en almindelig fil (fx en pipe eller en enhed); læg en almindelig fil her")])
            size = info.st_size
            if size <= MAX_FILE_BYTES:
                # Read one byte past the limit: a file that grows must not be read without end.
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
        if error.errno == errno.ELOOP:
            raise CatalogueError([Problem(file, 1, 1, "er et symbolsk link; læg en almindelig fil her")]) from None
        raise CatalogueError([Problem(file, 1, 1, f"filen kan ikke læses: {error.strerror}")]) from None
    return parse_yaml(_decode(file, raw), file)


class _Builder:
    """Builds Python values from the parser's events, recording marks and refusing what we
    don't accept. Nothing is ever expanded: an alias or anchor is refused where it stands."""

    def __init__(self, file: str, lines: _Lines):
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []
        self.value_marks: dict[Path_, Any] = {}  # parser marks (see LocatedDocument)
        self.key_marks: dict[Path_, Any] = {}
        self.scalars = SafeConstructor()
        self.resolver = Resolver()
        self.depth = 0
        self.last: Any = (1, 1)  # the mark of the last node begun
        self.key_tags: dict[str, str] = {}
        # Plain scalars that may be other than text (years, numbers, dates) repeat: each
        # distinct one goes through the resolver's regexes once.
        self.resolved: dict[tuple[str, tuple[bool, bool]], str] = {}

    def build_document(self, parser) -> LocatedDocument:
        parser.get_event()  # stream start
        data = None
        if not parser.check_event(StreamEndEvent):
            parser.get_event()  # document start
            data = self.node(parser, parser.get_event(), ())
            parser.get_event()  # document end
            if not parser.check_event(StreamEndEvent):
                raise _Refused(parser.peek_event().start_mark, "filen må kun rumme ét YAML-dokument (fjern '---')")
        if self.problems:
            raise CatalogueError(self.problems)
        return LocatedDocument(self.file, data, self.value_marks, self.key_marks, self.lines)

    def refuse(self, mark, message: str) -> None:
        self.problems.append(Problem(self.file, *self.lines.at(mark), message))
        if len(self.problems) > MAX_REPORTED:
            # Enough to say that there are more: the rest of the file is not read.
            raise CatalogueError(self.problems, truncated=True)

    # One parser call per event (no peeking): on a large catalogue this loop is most of the time.
    def node(self, parser, event, path: Path_) -> Any:
        self.last = event.start_mark
        kind = type(event)
        if kind is AliasEvent:
            raise _Refused(event.start_mark, f"YAML-aliaser (*{event.anchor}) er ikke tilladt; skriv værdien ud")
        if event.anchor is not None:
            raise _Refused(event.start_mark, f"YAML-ankre (&{event.anchor}) er ikke tilladt; skriv værdien ud")
        self.value_marks[path] = event.start_mark
        if kind is ScalarEvent:
            return self.scalar(event)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"for dybt indlejret (mere end {MAX_DEPTH} niveauer)")
        try:
            if kind is SequenceStartEvent:
                value: Any = self.sequence(parser, path)
                expected = _SEQ
            else:
                value = self.mapping(parser, path)
                expected = _MAP
        finally:
            self.depth -= 1
        if event.tag not in (None, "!", expected):
            return self.refuse(event.start_mark, f"YAML-tagget {_short_tag(event.tag)!r} er ikke tilladt")
        return value

    def sequence(self, parser, path: Path_) -> list[Any]:
        items: list[Any] = []
        value_marks = self.value_marks
        while type(event := parser.get_event()) is not SequenceEndEvent:
            # The common case inline, as in `mapping`: an untagged item that can only be text.
            if type(event) is ScalarEvent and event.anchor is None and event.tag is None and (
                not event.implicit[0] or (event.value and event.value[0] not in _IMPLICIT_STARTS)
            ) and (event.style != '"' or not _SURROGATE.search(event.value)):
                self.last = value_marks[path + (len(items),)] = event.start_mark
                items.append(event.value)
                continue
            items.append(self.node(parser, event, path + (len(items),)))
        return items

    def tag_of(self, event: ScalarEvent) -> str:
        if event.tag == "!":  # non-specific: a quoted text stays text
            return _STR
        if event.tag:
            return event.tag
        value = event.value
        # Only a plain scalar starting like a number, bool, null, date or merge key can be
        # other than text: skip the resolver's regexes for all the rest (most of a catalogue).
        if not event.implicit[0] or (value and value[0] not in _IMPLICIT_STARTS):
            return _STR
        key = (value, event.implicit)
        tag = self.resolved.get(key)
        if tag is None:
            tag = self.resolved[key] = self.resolver.resolve(ScalarNode, value, event.implicit)
        return tag

    def scalar(self, event: ScalarEvent) -> Any:
        tag = self.tag_of(event)
        if tag == _STR:
            value = event.value
        elif tag == _TIMESTAMP:
            return event.value
        elif tag not in _SCALAR_TAGS:
            return self.refuse(event.start_mark, f"YAML-tagget {_short_tag(tag)!r} er ikke tilladt")
        else:
            try:
                value = self.scalars.construct_object(ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style))
            except (ValueError, KeyError, IndexError, TypeError, OverflowError):
                # An explicit tag on text that is not of its type (!!int abc, !!bool maybe, an empty
                # !!int), or an integer too long for Python to read (more than 4300 digits).
                return self.refuse(event.start_mark, f"værdien '{shown(event.value)}' kan ikke læses som {_KINDS.get(tag, tag)}")
            if tag in _NUMBER_TAGS and not _PLAIN_NUMBER[tag].fullmatch(event.value):
                # YAML 1.1 reads 0315 as octal (205), 6:48 as base 60 (408), 0x22 as hex and
                # 1_000 as 1000: the editor must get the number typed, or be told.
                return self.refuse(
                    event.start_mark,
                    f"'{shown(event.value)}' ville blive læst som tallet {value!r}, ikke som skrevet; "
                    "skriv tallet kun med cifre (fx 315 eller 1000), eller sæt tekst i anførselstegn",
                )
            if tag == _YAML + "float" and _THOUSANDS.fullmatch(event.value):
                # In Danish 1.000 is a thousand; YAML reads it as 1.0.
                return self.refuse(
                    event.start_mark,
                    f"'{shown(event.value)}' ville blive læst som decimaltallet {value!r}; er punktummet et tusindtalsskilletegn, "
                    f"så skriv {event.value.replace('.', '')}; er det decimaler, så skriv et 0 til sidst ({event.value}0)",
                )
        if isinstance(value, str) and event.style == '"' and (surrogate := _SURROGATE.search(value)):
            # "\ud83d" in a quoted string gives half a character, which no UTF-8 file or page can hold.
            return self.refuse(event.start_mark, f"tegnet U+{ord(surrogate.group()):04X} er ikke tilladt (et halvt surrogatpar); skriv selve tegnet")
        return value

    def mapping(self, parser, path: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        value_marks, key_marks, key_tags = self.value_marks, self.key_marks, self.key_tags
        get_event = parser.get_event
        while type(key_event := get_event()) is not MappingEndEvent:
            if type(key_event) is not ScalarEvent or key_event.anchor is not None:
                if isinstance(key_event, CollectionStartEvent):
                    self.refuse(key_event.start_mark, "en nøgle skal være en enkel tekst")
                self.node(parser, key_event, path + (_IGNORED,))  # an alias or anchor is refused here
                self.node(parser, parser.get_event(), path + (_IGNORED,))
                continue
            # Keys repeat (id, name, …): the resolved tag of a plain key is looked up once.
            if key_event.tag is None and key_event.implicit[0]:
                tag = key_tags.get(key_event.value)
                if tag is None:
                    tag = key_tags[key_event.value] = self.tag_of(key_event)
            else:
                tag = self.tag_of(key_event)
            if tag == _MERGE:
                self.refuse(key_event.start_mark, "YAML-fletning (<<) er ikke tilladt; skriv felterne ud")
                self.node(parser, parser.get_event(), path + (_IGNORED,))
                continue
            if tag == _STR and (key_event.style != '"' or not _SURROGATE.search(key_event.value)):
                key = key_event.value
            else:
                refused = len(self.problems)
                key = self.scalar(key_event)
                if len(self.problems) > refused:  # already reported: not a key to compare with others
                    self.node(parser, parser.get_event(), path + (_IGNORED,))
                    continue
            # Every key taken is in `result` (its value may be a refused None), and its mark in
            # key_marks: a key seen before is found there, with its line.
            if len(result) == MAX_KEYS:
                raise _Refused(key_event.start_mark, f"for mange nøgler i én samling (mere end {MAX_KEYS:,})".replace(",", "."))
            at = path + (key,)
            if key in result:
                self.refuse(key_event.start_mark, f"nøglen '{shown(key)}' står to gange (første gang i linje {self.lines.at(key_marks[at])[0]})")
                self.node(parser, parser.get_event(), path + (_IGNORED,))
                continue
            key_marks[at] = key_event.start_mark
            event = get_event()
            # The common case inline: an untagged value that can only be text.
            if type(event) is ScalarEvent and event.anchor is None and event.tag is None and (
                not event.implicit[0] or (event.value and event.value[0] not in _IMPLICIT_STARTS)
            ) and (event.style != '"' or not _SURROGATE.search(event.value)):
                value_marks[at] = event.start_mark
                result[key] = event.value
                continue
            result[key] = self.node(parser, event, at)
        return result




# A number as an editor reads it: decimal digits without a leading zero, underscores or ':'.
_NUMBER_TAGS = {_YAML + "int", _YAML + "float"}
_PLAIN_NUMBER = {
    _YAML + "int": re.compile(r"[-+]?(0|[1-9][0-9]*)"),
    _YAML + "float": re.compile(r"[-+]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?|\.(inf|Inf|INF|nan|NaN|NAN))"),
}

# One to three digits, a point and three digits: a Danish thousands separator, or decimals?
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}\.[0-9]{3}")

_IMPLICIT_STARTS = frozenset(first for first in Resolver.yaml_implicit_resolvers if first is not None)
# Half a surrogate pair can only come from an escape in a double-quoted scalar (the text
# itself is valid UTF-8): only those are searched.
_SURROGATE = re.compile("[\ud800-\udfff]")

# The path of a value that is read only to get past it (under a refused or repeated key).
_IGNORED = object()


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag
