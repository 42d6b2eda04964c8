"""The catalogue's other languages: `translations.<language>.yaml` beside the data files.

Danish is the catalogue's first language: every record is written in Danish in its data file.
Each other language has one file that translates the texts in the catalogue's own words (the
fields marked `model.Translated`); names as printed in the sources stay as printed. The shape
of that file is derived from the model: per collection, the records by id, each with its
translated fields and the translations of the records it holds (by id where they have one,
else in order). A new translated field is one marker in the model.

A translation may be missing (editors who write Danish are not blocked): the English page
then says the text exists in Danish only and links to it, and `untranslated()` lists what is
missing, located in the Danish file. What a translation file holds must fit the catalogue:
an unknown id, a translation of a text that is empty in Danish, or a list of another length
is a problem like any other.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Mapping

from pydantic import Field, create_model

from .fields import declared_fields
from .model import DATA_FILES, Record, Slug, Text
from .problems import Problem
from .yamlsource import LocatedDocument

if TYPE_CHECKING:
    from .catalogue import Catalogue

FIRST_LANGUAGE = "da"
# Each language of the site, with its name in Danish (for messages to editors). Adding a
# language: add it here, write data/translations.<code>.yaml and the interface's labels.
LANGUAGES: dict[str, str] = {"da": "dansk", "en": "engelsk"}
OTHER_LANGUAGES = tuple(code for code in LANGUAGES if code != FIRST_LANGUAGE)

TranslatedText = Text


def parse_languages(value: str | None) -> tuple[str, ...]:
    """The languages one build makes, from a comma-separated list of codes (the setting
    KLYNGEKATALOG_LANGUAGES, e.g. "da" for the Danish edition alone); empty or None: every
    language. In LANGUAGES' order; an unknown code, or a list without the first language (the
    site's root is Danish), is an error."""
    codes = [code.strip() for code in (value or "").split(",") if code.strip()]
    if not codes:
        return tuple(LANGUAGES)
    known = ", ".join(LANGUAGES)
    if unknown := [code for code in codes if code not in LANGUAGES]:
        raise ValueError(f"ukendt sprog {', '.join(repr(code) for code in unknown)}; kendte sprog: {known}")
    if FIRST_LANGUAGE not in codes:
        raise ValueError(f"det første sprog '{FIRST_LANGUAGE}' skal bygges (sitets rod er på {LANGUAGES[FIRST_LANGUAGE]}); fx '{FIRST_LANGUAGE}' eller '{known.replace(' ', '')}'")
    return tuple(code for code in LANGUAGES if code in codes)


def file_name(language: str) -> str:
    return f"translations.{language}.yaml"


@functools.cache
def translation_model(record: type[Record]) -> type[Record] | None:
    """The shape of a record's translation, or None when nothing in it is translated."""
    fields: dict[str, tuple] = {}
    for field in declared_fields(record):
        if field.translated and not field.many:
            fields[field.name] = (TranslatedText | None, None)
        elif field.record is not None and (inner := translation_model(field.record)) is not None:
            if "id" in field.record.model_fields:
                fields[field.name] = (dict[Slug, inner], Field(default_factory=dict))
            else:
                fields[field.name] = (tuple[inner, ...], ())
    if not fields:
        return None
    return create_model(f"{record.__name__}Translation", __base__=Record, **fields)


def _collections() -> Iterator[tuple[str, str, type[Record]]]:
    """(data file, collection, record type) of every collection with something to translate."""
    for file, file_model in DATA_FILES.items():
        for collection, info in file_model.model_fields.items():
            record = info.annotation.__args__[0]
            if "id" in record.model_fields and translation_model(record) is not None:
                yield file, collection, record


@functools.cache
def translations_file_model() -> type[Record]:
    """The model of a translations file (its JSON Schema gives editors completion)."""
    fields = {
        collection: (dict[Slug, translation_model(record)], Field(default_factory=dict))
        for _, collection, record in _collections()
    }
    return create_model("TranslationsFile", __base__=Record, **fields)


@functools.cache
def _translated_fields(record: type[Record]) -> tuple[tuple[str, str], ...]:
    """(kind, name) of each translated text and each held record with something translated:
    worked out once per record type, not per record."""
    found = []
    for field in declared_fields(record):
        if field.translated and not field.many:
            found.append(("text", field.name))
        elif field.record is not None and translation_model(field.record) is not None:
            found.append(("records", field.name))
    return tuple(found)


def _pairs(danish: Record, translation: Record | None, path: tuple) -> Iterator[tuple[str, tuple, object, object]]:
    """(kind, path, Danish value, translated value) for each translated text and each held record."""
    # A translation's fields are read from its __dict__: a field it does not have would go
    # through pydantic's slow __getattr__ and an AttributeError.
    given = translation.__dict__ if translation is not None else {}
    for kind, name in _translated_fields(type(danish)):
        yield kind, path + (name,), getattr(danish, name), given.get(name)


class _Checker:
    def __init__(self, catalogue: Catalogue, danish: Mapping[str, LocatedDocument], language: str, document: LocatedDocument | None, translations: Record):
        self.catalogue = catalogue
        self.danish = danish
        self.language = language
        self.document = document
        self.translations = translations
        self.problems: list[Problem] = []
        self.missing: list[Problem] = []

    def run(self) -> tuple[list[Problem], list[Problem]]:
        for file, collection, _ in _collections():
            known = self.catalogue.by_id[collection]
            given: dict = getattr(self.translations, collection)
            for record_id in given:
                if record_id not in known:
                    self.problem((collection, record_id), f"der er ingen post med id '{record_id}' i {file}", key=True)
            for i, record in enumerate(getattr(self.catalogue, collection)):
                self.record(file, (collection, i), (collection, record.id), record, given.get(record.id))
        return self.problems, self.missing

    def problem(self, path: tuple, message: str, *, key: bool = False) -> None:
        if self.document is not None:
            self.problems.append(self.document.problem(path, message, key=key))

    def record(self, file: str, at: tuple, there: tuple, danish: Record, translation: Record | None) -> None:
        """`at`: the record's path in its Danish file; `there`: in the translations file."""
        for kind, path, ours, theirs in _pairs(danish, translation, ()):
            if kind == "text":
                if ours is not None and theirs is None and file in self.danish:
                    self.missing.append(
                        self.danish[file].problem(at + path, f"teksten findes kun på dansk (mangler i {file_name(self.language)})")
                    )
                elif ours is None and theirs is not None:
                    self.problem(there + path, f"der er ingen dansk tekst at oversætte ('{path[-1]}' er tom i {file})")
                continue
            held = ours or ()
            if isinstance(theirs, dict):
                by_id = {item.id: (j, item) for j, item in enumerate(held)}
                for item_id in theirs:
                    if item_id not in by_id:
                        self.problem(there + path + (item_id,), f"der er ingen post med id '{item_id}' her i {file}", key=True)
                for item_id, (j, item) in by_id.items():
                    self.record(file, at + path + (j,), there + path + (item_id,), item, theirs.get(item_id))
            else:
                theirs = theirs or ()
                if theirs and len(theirs) != len(held):
                    self.problem(there + path, f"skal have {len(held)} punkter i samme rækkefølge som i {file} (har {len(theirs)})")
                    theirs = ()
                for j, item in enumerate(held):
                    self.record(file, at + path + (j,), there + path + (j,), item, theirs[j] if j < len(theirs) else None)


def cross_check(
    catalogue: Catalogue, danish: Mapping[str, LocatedDocument], language: str, document: LocatedDocument | None, translations: Record
) -> tuple[list[Problem], list[Problem]]:
    """Problems in one language's translations file, and the Danish texts it does not translate
    (not problems: notes, located in the Danish files)."""
    return _Checker(catalogue, danish, language, document, translations).run()


def translations_path(folder: Path, language: str) -> Path:
    return folder / file_name(language)


class DanishOnly(str):
    """A Danish text shown on a page of another language because its translation is missing:
    templates mark it `lang="da"` and say the text exists in Danish only (see `is danish_only`)."""

    __slots__ = ()


def _localize(record: Record, translation: Record | None) -> Record:
    """`record` with its translated texts in the other language; a missing translation keeps
    the Danish text as DanishOnly. Held records are localized in turn (by id or in order)."""
    update: dict[str, object] = {}
    for kind, path, ours, theirs in _pairs(record, translation, ()):
        name = path[-1]
        if kind == "text":
            if ours is not None:
                update[name] = theirs if theirs is not None else DanishOnly(ours)
            continue
        if ours is None:
            continue
        if isinstance(ours, Record):  # a single held record
            update[name] = _localize(ours, theirs if isinstance(theirs, Record) else None)
        elif isinstance(theirs, dict):
            update[name] = tuple(_localize(item, theirs.get(item.id)) for item in ours)
        else:
            theirs = theirs or ()
            update[name] = tuple(_localize(item, theirs[j] if j < len(theirs) else None) for j, item in enumerate(ours))
    return record.model_copy(update=update) if update else record


def localized_catalogue(catalogue: Catalogue, language: str) -> Catalogue:
    """The catalogue with every translated text in `language` (Danish where a translation is
    missing, as DanishOnly). Built once per build and language; ids, names as printed,
    numbers and references stay as they are, so the same views render either language."""
    if language == FIRST_LANGUAGE:
        return catalogue
    given = catalogue.translations.get(language)
    changes = {}
    for _, collection, _ in _collections():
        by_id = getattr(given, collection, {}) if given is not None else {}
        changes[collection] = tuple(_localize(record, by_id.get(record.id)) for record in getattr(catalogue, collection))
    return dataclasses.replace(catalogue, **changes)
