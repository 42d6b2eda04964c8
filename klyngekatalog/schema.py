"""JSON Schemas for the data files, derived from the model (committed in schema/)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from .model import DATA_FILES
from .translations import translations_file_model

SCHEMA_FOLDER = Path(__file__).resolve().parent.parent / "schema"


def schemas() -> dict[str, dict]:
    """File name of each schema (e.g. clusters.schema.json) and its content."""
    result = {}
    models = {**DATA_FILES, "translations.yaml": translations_file_model()}
    for data_file, model in models.items():
        name = data_file.removesuffix(".yaml")
        schema = model.model_json_schema(mode="validation")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{name}.schema.json",
            "title": f"Klyngekataloget: {data_file.replace('translations.yaml', 'translations.<sprog>.yaml')}",
            **{k: v for k, v in schema.items() if k != "title"},
        }
        result[f"{name}.schema.json"] = schema
    return result


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def rendered_schemas() -> dict[str, str]:
    """File name of each schema and its text, as the site publishes them."""
    return dict(_rendered())


# The model does not change while the process runs: derived once, not on every rebuild of
# `mkdocs serve`.
@functools.cache
def _rendered() -> tuple[tuple[str, str], ...]:
    return tuple((name, render(schema)) for name, schema in schemas().items())


def stale_files(folder: Path = SCHEMA_FOLDER) -> list[str]:
    """Schema files in `folder` that differ from what the model gives now."""
    return [name for name, schema in schemas().items() if not (folder / name).is_file() or (folder / name).read_text("utf-8") != render(schema)]


def write(folder: Path = SCHEMA_FOLDER) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        (folder / name).write_text(render(schema), encoding="utf-8")
    return sorted(schemas())
