"""Load the catalogue: every file parsed, validated against its model, cross-checked.

`load_catalogue` is the only way in: `make validate`, the site build and the exports all
call it, so what the validator accepts is exactly what the site is built from.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Mapping

from pydantic import TypeAdapter, ValidationError

from . import checks, translations
from .model import (
    DATA_FILES,
    ActivityArea,
    Case,
    Cluster,
    Headline,
    Level,
    Record,
    Source,
    SourceList,
    Table,
    Theme,
    UnnamedHolders,
)
from .messages import located_problems, record_type
from .problems import MAX_REPORTED, CatalogueError, Problem
from .yamlsource import LocatedDocument, load_yaml


@dataclass(frozen=True)
class Catalogue:
    """The validated catalogue, with lookups by id. Built once per build.

    Its fields are the collections of the data files (model.DATA_FILES), under the names of
    the files' model fields."""

    clusters: tuple[Cluster, ...]
    themes: tuple[Theme, ...]
    levels: tuple[Level, ...]
    unnamed_holders: tuple[UnnamedHolders, ...]
    activity_areas: tuple[ActivityArea, ...]
    cases: tuple[Case, ...]
    tables: tuple[Table, ...]
    headlines: tuple[Headline, ...]
    sources: tuple[Source, ...]
    lists: tuple[SourceList, ...]
    # Language → its translations file (translations.py); and the Danish texts not translated.
    translations: Mapping[str, Record] = field(default_factory=dict, compare=False, repr=False)
    untranslated: tuple[Problem, ...] = field(default=(), compare=False, repr=False)
    # Where each record stands: (list, id) → (file as displayed, line), e.g.
    # ("clusters", "robocluster") → ("data/clusters.yaml", 412); and file name → file as displayed.
    origins: Mapping[tuple[str, str], tuple[str, int]] = field(default_factory=dict, repr=False, compare=False)
    files: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    # Language → where each translated record stands in its translations file, as `origins`:
    # an English page's edit link leads to the English text, not to the Danish one.
    translation_origins: Mapping[str, Mapping[tuple[str, str], tuple[str, int]]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every collection whose records have ids gets a lookup (model.Ref names collections).
        lookups = {
            name: MappingProxyType({item.id: item for item in getattr(self, name)})
            for name in _COLLECTIONS
            if "id" in _RECORD_TYPES[name].model_fields
        }
        set_ = object.__setattr__
        set_(self, "by_id", MappingProxyType(lookups))
        set_(self, "cluster_by_id", lookups["clusters"])
        set_(self, "theme_by_id", lookups["themes"])
        set_(self, "level_by_id", lookups["levels"])
        set_(self, "area_by_id", lookups["activity_areas"])
        set_(self, "case_by_id", lookups["cases"])
        set_(self, "source_by_id", lookups["sources"])
        set_(self, "list_by_id", lookups["lists"])

    by_id: Mapping[str, Mapping[str, Record]] = field(init=False, repr=False, compare=False)

    cluster_by_id: Mapping[str, Cluster] = field(init=False, repr=False, compare=False)
    theme_by_id: Mapping[str, Theme] = field(init=False, repr=False, compare=False)
    level_by_id: Mapping[str, Level] = field(init=False, repr=False, compare=False)
    area_by_id: Mapping[str, ActivityArea] = field(init=False, repr=False, compare=False)
    case_by_id: Mapping[str, Case] = field(init=False, repr=False, compare=False)
    source_by_id: Mapping[str, Source] = field(init=False, repr=False, compare=False)
    list_by_id: Mapping[str, SourceList] = field(init=False, repr=False, compare=False)

    def counts(self) -> dict[str, int]:
        return {
            "klynger": len(self.clusters),
            "fagområder": len(self.themes),
            "cases": len(self.cases),
            "certificeringer": sum(len(c.certifications) for c in self.clusters)
            + sum(h.count for h in self.unnamed_holders),
            "tal": sum(
                sum(1 for v in i.values.values() if v is not None)
                for t in self.tables
                for s in t.sections
                for i in s.indicators
            )
            + len(self.headlines),
            "kilder": len(self.sources),
        }


@dataclass(frozen=True)
class CatalogueFiles:
    """Where the catalogue lives: the clusters file and its siblings in the same folder."""

    clusters: Path

    @property
    def folder(self) -> Path:
        return self.clusters.parent

    def all(self) -> dict[str, Path]:
        return {name: self.clusters if name == "clusters.yaml" else self.folder / name for name in DATA_FILES}


Kept = dict[str, tuple[int, ...]]


def validate_document(document: LocatedDocument, model: type[Record]) -> tuple[Record | None, list[Problem], set[str], Kept]:
    """Validate one file. On failure, every record that is a mapping is still kept, its
    broken fields replaced by placeholders the cross-checks skip (checks.unreadable), so the
    rest of the record is checked against the catalogue in the same run. Returns the ids of
    records whose own id is broken (not to be reported again as missing where something
    refers to them) and, per list, where in the file each kept record stands."""
    if not isinstance(document.data, dict):
        return None, [document.problem((), "filen skal indeholde felter på øverste niveau (fx 'clusters:')")], set(), {}
    try:
        return model.model_validate(document.data), [], set(), {}
    except ValidationError as error:
        if error.error_count() > MAX_REPORTED:
            return None, _first_problems(document, model), set(), {}
        problems = located_problems(document, model, error, ())
    salvaged: dict[str, object] = {}
    broken_ids: set[str] = set()
    kept_at: Kept = {}
    for name, info in model.model_fields.items():
        items = document.data.get(name)
        item_model = record_type(info.annotation)
        if not isinstance(items, list) or item_model is None:
            salvaged[name] = info.get_default(call_default_factory=True) if not info.is_required() else ()
            continue
        kept, positions = [], []
        for position, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            try:
                kept.append(item_model.model_validate(item))
            except ValidationError:
                record = _partial(item_model, item)
                kept.append(record)
                if isinstance(item.get("id"), str) and checks.unreadable(getattr(record, "id", None)):
                    broken_ids.add(item["id"])
            positions.append(position)
        salvaged[name] = tuple(kept)
        kept_at[name] = tuple(positions)
    return model.model_construct(**salvaged), problems, broken_ids, kept_at


# Catalogue field → the record type of its items, from the data files' models.
_RECORD_TYPES: dict[str, type[Record]] = {
    name: info.annotation.__args__[0]  # tuple[Record, ...]
    for model in DATA_FILES.values()
    for name, info in model.model_fields.items()
}
_COLLECTIONS = tuple(_RECORD_TYPES)


def _first_problems(document: LocatedDocument, model: type[Record]) -> list[Problem]:
    """More problems than are reported: the first of them, found record by record, so that
    the cost stops with the cap (converting a million errors took gigabytes)."""
    problems: list[Problem] = []
    for name, info in model.model_fields.items():
        items = document.data.get(name)
        item_model = record_type(info.annotation)
        if not isinstance(items, list) or item_model is None:
            continue
        for position, item in enumerate(items):
            try:
                item_model.model_validate(item)
            except ValidationError as error:
                problems += located_problems(document, model, error, (name, position))
                if len(problems) > MAX_REPORTED:
                    return problems
    return problems


_placeholder_numbers = itertools.count()


@functools.cache
def _field_adapter(model: type[Record], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, info])


def _partial(model: type[Record], data: dict) -> Record:
    """A record of the fields of `data` that are valid on their own (unvalidated, for the
    cross-checks only: a catalogue with problems is never built). A list of records keeps
    every item, each partial in turn, so positions in the file stay right."""
    values: dict[str, object] = {}
    for name, info in model.model_fields.items():
        if name not in data:
            if info.is_required():
                values[name] = checks.placeholder(info.annotation, next(_placeholder_numbers))
            continue
        raw = data[name]
        try:
            values[name] = _field_adapter(model, name).validate_python(raw)
            continue
        except ValidationError:
            pass
        item_model = record_type(info.annotation)
        # A list over its limit is refused whole: its items are not checked one by one.
        limit = next((m.max_length for m in info.metadata if getattr(m, "max_length", None) is not None), None)
        within = limit is None or len(raw) <= limit if isinstance(raw, list) else False
        if item_model is not None and within and raw and all(isinstance(item, dict) for item in raw):
            values[name] = tuple(_validated_or_partial(item_model, item) for item in raw)
        else:
            values[name] = checks.placeholder(info.annotation, next(_placeholder_numbers))
    return model.model_construct(**values)


def _validated_or_partial(model: type[Record], data: dict) -> Record:
    try:
        return model.model_validate(data)
    except ValidationError:
        return _partial(model, data)


def load_catalogue(clusters_path: Path | str, *, display_root: Path | None = None) -> Catalogue:
    """Load and validate the catalogue; raise CatalogueError with every problem found."""
    # Loading makes hundreds of thousands of small containers (values, marks, records) and no
    # cycles to speak of: the cyclic collector's passes over them were a sixth of the time of
    # a large catalogue. Reference counting frees what is dropped; cycles wait for the next pass.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_catalogue(clusters_path, display_root)
    finally:
        if collecting:
            gc.enable()


def _load_catalogue(clusters_path: Path | str, display_root: Path | None) -> Catalogue:
    files = CatalogueFiles(Path(clusters_path))
    documents: dict[str, LocatedDocument] = {}
    parsed: dict[str, Record] = {}
    problems: list[Problem] = []
    broken_ids: set[str] = set()
    kept_at: dict[str, Kept] = {}
    for name, path in files.all().items():
        try:
            document = load_yaml(path, _display(path, display_root))
        except CatalogueError as error:
            problems.extend(error.problems)
            continue
        documents[name] = document
        record, found, broken, kept_at[name] = validate_document(document, DATA_FILES[name])
        problems.extend(found)
        broken_ids |= broken
        if record is not None:
            parsed[name] = record
    # A file that cannot be read stops only itself: the others are cross-checked, except
    # references into it (checks skip those), which cannot be told right from wrong.
    unreadable_files = {name for name in DATA_FILES if name not in parsed}
    for name in unreadable_files:
        parsed[name] = DATA_FILES[name].model_construct(
            **{field: () for field, info in DATA_FILES[name].model_fields.items() if info.is_required()}
        )

    catalogue = Catalogue(
        **{name: getattr(record, name) for record in parsed.values() for name in type(record).model_fields},
        origins=MappingProxyType(_origins(documents, parsed)),
        files=MappingProxyType({name: document.file for name, document in documents.items()}),
    )
    problems += checks.cross_check(catalogue, documents, broken_ids, kept_at, unreadable_files)
    given, untranslated, translation_origins = _load_translations(catalogue, files.folder, documents, display_root, problems)
    if problems:
        raise CatalogueError(problems)
    return dataclasses.replace(
        catalogue,
        translations=MappingProxyType(given),
        untranslated=tuple(sorted(untranslated)),
        translation_origins=MappingProxyType(translation_origins),
    )


def _load_translations(
    catalogue: Catalogue, folder: Path, documents: dict[str, LocatedDocument], display_root: Path | None, problems: list[Problem]
) -> tuple[dict[str, Record], list[Problem], dict[str, Mapping[tuple[str, str], tuple[str, int]]]]:
    """Each other language's translations file (none: nothing translated yet), the Danish
    texts it lacks, and where its records stand."""
    model = translations.translations_file_model()
    given: dict[str, Record] = {}
    untranslated: list[Problem] = []
    origins: dict[str, Mapping[tuple[str, str], tuple[str, int]]] = {}
    for language in translations.OTHER_LANGUAGES:
        path = folder / translations.file_name(language)
        document = None
        record = model()
        if path.exists():
            try:
                document = load_yaml(path, _display(path, display_root))
            except CatalogueError as error:
                problems.extend(error.problems)
                continue
            found_record, found, _, _ = validate_document(document, model)
            problems.extend(found)
            if found_record is None:
                continue
            record = found_record
        found, missing = translations.cross_check(catalogue, documents, language, document, record)
        problems.extend(found)
        untranslated.extend(missing)
        given[language] = record
        if document is not None:
            origins[language] = MappingProxyType({
                (collection, record_id): (document.file, document.locate((collection, record_id), key=True)[0])
                for collection in type(record).model_fields
                for record_id in getattr(record, collection)
            })
    return given, untranslated, origins


def _origins(documents: dict[str, LocatedDocument], parsed: dict[str, Record]) -> dict[tuple[str, str], tuple[str, int]]:
    """The line each record with an id starts on (the loader kept every position)."""
    origins = {}
    for name, document in documents.items():
        for key in type(parsed[name]).model_fields:
            for position, record in enumerate(getattr(parsed[name], key)):
                if isinstance(getattr(record, "id", None), str):
                    origins.setdefault((key, record.id), (document.file, document.locate((key, position))[0]))
    return origins


def _display(path: Path, root: Path | None) -> str:
    # The path as given, never resolved: a resolved symlink would put wherever it leads on
    # the building machine into the messages.
    if root is not None:
        try:
            return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(root)))
        except ValueError:
            pass
    return str(path)
