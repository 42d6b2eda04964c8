"""Pydantic's validation errors as problems an editor can act on: a Danish message at the
place in the file (the value, or the key for an unknown field), with the fix where there is one."""

from __future__ import annotations

from pydantic import ValidationError

from .model import Record
from .problems import MAX_REPORTED, Problem
from .suggest import as_slug, field_hint
from .yamlsource import LocatedDocument, shown

_MESSAGES = {
    "missing": "mangler det påkrævede felt '{field}'",
    "extra_forbidden": "ukendt felt '{field}' (stavefejl?)",
    "string_type": "skal være tekst",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "float_type": "skal være et tal",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "tuple_type": "skal være en liste",
    "list_type": "skal være en liste",
    "dict_type": "skal være en samling af felter (nøgle: værdi)",
    "model_type": "skal være en samling af felter (nøgle: værdi)",
    "model_attributes_type": "skal være en samling af felter (nøgle: værdi)",
    "string_too_short": "må ikke være tom",
    "too_short": "må ikke være en tom liste (skriv mindst {min_length})",
    "string_too_long": "er for lang (højst {max_length} tegn)",
    "too_long": "listen er for lang ({actual_length} punkter; højst {max_length})",
    "greater_than_equal": "skal være mindst {ge}",
    "less_than_equal": "må højst være {le}",
    "finite_number": "skal være et endeligt tal (ikke NaN eller uendelig)",
    "literal_error": "skal være en af: {expected}",
}


def _message(error: dict, field_names: list[str]) -> str:
    kind = error["type"]
    context = dict(error.get("ctx") or {})
    loc = [part for part in error["loc"] if not isinstance(part, int)]
    # An unknown key is the editor's text: quoted so that it cannot break or disguise the message.
    field = shown(loc[-1]) if loc else ""
    if kind == "value_error":
        return str(context.get("error", error["msg"]))
    if kind == "string_pattern_mismatch":
        pattern = context.get("pattern", "")
        if field == "website" or pattern.startswith("^https?"):
            return "webadressen skal starte med http:// eller https://"
        if field == "accessed":
            return "skriv den dag, du læste siden, som ÅÅÅÅ-MM-DD"
        if "]{4}" in pattern:
            return "datoen skal skrives ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ"
        if field == "file":
            return f"'{shown(error['input'])}' er ikke et filnavn fra kildemappen (fx 002_780e490c1d2afdda.txt)"
        message = f"'{shown(error['input'])}' er ikke et gyldigt id: brug små bogstaver a-z, tal og bindestreg"
        slug = as_slug(error["input"]) if isinstance(error["input"], str) else None
        return message + (f" – som id skrives det '{slug}'" if slug else "")
    if kind == "literal_error":
        return "skal være en af: " + str(context.get("expected", "")).replace(" or ", " eller ")
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = context.get("ge", context.get("le"))
        limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
        return ("skal være mindst " if kind == "greater_than_equal" else "må højst være ") + str(limit)
    if kind == "extra_forbidden":
        # The closest allowed field, not the whole list: adding a field then changes no message.
        hint = field_hint(str(loc[-1]), field_names) if loc else ""
        return _MESSAGES[kind].format(field=field) + "; " + (hint or "se de tilladte felter i CONTRIBUTING.md")
    template = _MESSAGES.get(kind)
    if template is None:
        return error["msg"]
    return template.format(field=field, **context)


def _fields_at(model: type[Record], loc: tuple) -> list[str]:
    """Field names allowed where an unknown key was found (to suggest the right spelling)."""
    current: type | None = model
    for part in loc[:-1]:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = record_type(info.annotation)
    return list(getattr(current, "model_fields", {})) if current else []


def record_type(annotation) -> type | None:
    """The record type a field holds (itself, or inside a tuple or an optional), if any."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = record_type(arg)
        if found:
            return found
    return None


def located_problems(document: LocatedDocument, model: type[Record], error: ValidationError, prefix: tuple) -> list[Problem]:
    """Each of pydantic's errors as a Danish message at its place in the file (at most a few
    more than are reported, so that the cost stops with the cap)."""
    problems = []
    for item in error.errors(include_url=False):
        if len(problems) > MAX_REPORTED:
            break  # enough to say that there are more (CatalogueError keeps MAX_REPORTED)
        if item["type"] == "too_short" and isinstance(item["input"], (list, tuple)) and len(item["input"]) >= item["ctx"]["min_length"]:
            # pydantic counts only the valid items: a list as long as required whose items are
            # broken is not too short, and each broken item is reported on its own.
            continue
        loc = prefix + tuple(item["loc"])
        # A bad key is best pointed at by its own position; a bad value by the value's.
        is_key = item["type"] == "extra_forbidden"
        message = _message(item, _fields_at(model, loc) if is_key else [])
        problems.append(document.problem(loc, message, key=is_key))
    return problems
