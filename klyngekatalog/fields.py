"""What the model's fields declare, found once per model class.

A field of the model may declare that it refers to another record (`model.Ref`), that it is a
fact which must name its source (`model.SourcedBy`), that it lists every source of its record
(`model.CitesAll`), that it is free text (`model.Name`, `model.Text`) and whether the site's
other languages translate it (`model.Translated`). The cross-record
checks, the views' source look-ups and the tests all read these declarations from here, so a
field declared once in the model is checked, shown and tested without being listed elsewhere.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from pydantic import AfterValidator

from . import model
from .model import AsColumn, CitesAll, Record, Ref, SourcedBy, Translated


@dataclass(frozen=True)
class DeclaredField:
    name: str
    many: bool  # a tuple of values (each checked on its own)
    ref: Ref | None = None
    sourced_by: SourcedBy | None = None
    cites_all: bool = False
    text: bool = False
    translated: bool = False  # model.Translated: the site's other languages translate it
    column: AsColumn | None = None  # model.AsColumn: a column of the cluster's row (columns.py)
    record: type[Record] | None = None  # a nested record, whose own fields are declared in turn


def _inspect(annotation: object, metadata: typing.Iterable[object], found: dict) -> None:
    for marker in metadata:
        if isinstance(marker, Ref):
            found["ref"] = marker
        elif isinstance(marker, SourcedBy):
            found["sourced_by"] = marker
        elif isinstance(marker, CitesAll):
            found["cites_all"] = True
        elif isinstance(marker, Translated):
            found["translated"] = True
        elif isinstance(marker, AsColumn):
            found["column"] = marker
        elif isinstance(marker, AfterValidator) and marker.func is model._check_text:
            found["text"] = True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        _inspect(inner, meta, found)
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            _inspect(arg, (), found)
    elif origin is tuple:
        found["many"] = True
        _inspect(typing.get_args(annotation)[0], (), found)
    elif isinstance(annotation, type) and issubclass(annotation, Record):
        found["record"] = annotation


@functools.cache
def declared_fields(record: type[Record]) -> tuple[DeclaredField, ...]:
    """The fields of `record` that declare something (references, sources, text, nesting)."""
    result = []
    for name, info in record.model_fields.items():
        found: dict = {"many": False}
        _inspect(info.annotation, info.metadata, found)
        if len(found) > 1:  # more than "many": it declares something
            result.append(DeclaredField(name=name, **found))
    return tuple(result)


class Reference(NamedTuple):
    path: tuple  # where in the file, e.g. ("clusters", 3, "listings", 0, "theme")
    value: str  # the id referred to
    ref: Ref
    field: str  # "Model.field" that declares it


@functools.cache
def _holding_references(record: type[Record]) -> tuple[tuple[str, bool, Ref | None, str], ...]:
    """(name, many, ref, "Model.field") of each field of `record` that is a reference or holds
    records: the cross-checks walk every record, so this is worked out once per record type."""
    return tuple(
        (field.name, field.many, field.ref, f"{record.__name__}.{field.name}")
        for field in declared_fields(record)
        if field.ref is not None or field.record is not None
    )


# Reference((path, value, ref, field)) made in C: the named tuple's own constructor is Python code.
_reference = functools.partial(tuple.__new__, Reference)


def references(record: Record, path: tuple = ()) -> Iterator[Reference]:
    """Every reference in `record` and the records it holds."""
    found: list[Reference] = []
    _gather(record, path, found)
    return iter(found)


def _gather(record: Record, path: tuple, found: list[Reference]) -> None:
    # A list filled by plain recursion: a generator per held record (yield from) cost a third
    # of the cross-checks of a large catalogue.
    for name, many, ref, label in _holding_references(type(record)):
        value = getattr(record, name)
        if value is None:
            continue
        if many:
            if ref is not None:
                found.extend([_reference((path + (name, index), item, ref, label)) for index, item in enumerate(value)])
            else:
                for index, item in enumerate(value):
                    _gather(item, path + (name, index), found)
        elif ref is not None:
            found.append(_reference((path + (name,), value, ref, label)))
        else:
            _gather(value, path + (name,), found)


def sourced_facts(record: type[Record]) -> dict[str, SourcedBy]:
    """Fact field → its declaration, which names the field of its source ("website_source")."""
    return dict(sourced_fact_pairs(record))


@functools.cache
def sourced_fact_pairs(record: type[Record]) -> tuple[tuple[str, SourcedBy], ...]:
    """sourced_facts as pairs, worked out once per record type (the checks ask per record)."""
    return tuple((f.name, f.sourced_by) for f in declared_fields(record) if f.sourced_by is not None)


@functools.cache
def cites_all_field(record: type[Record]) -> str | None:
    """The field listing every source of the record, if it has one (Cluster.sources)."""
    return next((f.name for f in declared_fields(record) if f.cites_all), None)


def records_below(record: type[Record]) -> Iterator[type[Record]]:
    """`record` and every record type it holds, each once."""
    seen: set[type[Record]] = set()
    todo = [record]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        todo.extend(f.record for f in declared_fields(current) if f.record is not None)


def declared_references() -> dict[str, Ref]:
    """"Model.field" → its Ref, for every reference field of every data file's records."""
    return {
        f"{record.__name__}.{field.name}": field.ref
        for file_model in model.DATA_FILES.values()
        for record in records_below(file_model)
        for field in declared_fields(record)
        if field.ref is not None
    }


def text_fields() -> set[str]:
    """"Model.field" of every free-text field reachable from the data files' models."""
    return {
        f"{record.__name__}.{field.name}"
        for file_model in model.DATA_FILES.values()
        for record in records_below(file_model)
        for field in declared_fields(record)
        if field.text
    }
