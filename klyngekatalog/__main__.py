"""Command line: `python -m klyngekatalog validate|schema …` (the Makefile calls these)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from . import diff, schema
from .catalogue import load_catalogue
from .problems import CatalogueError

DEFAULT_DATA = Path("data/clusters.yaml")


def validate(data: Path) -> int:
    try:
        catalogue = load_catalogue(data, display_root=Path.cwd())
    except CatalogueError as error:
        for problem in error.problems:
            print(problem)
        count = len(error.problems)
        print(f"{count} fejl i kataloget", file=sys.stderr)
        if error.truncated:
            print(f"der er flere fejl: kun de første {count} er vist; ret dem, og kør igen", file=sys.stderr)
        return 1
    summary = ", ".join(f"{n} {what}" for what, n in catalogue.counts().items())
    if catalogue.untranslated:
        summary += f"; {len(catalogue.untranslated)} tekster findes kun på dansk (se: python -m klyngekatalog untranslated)"
    print(f"{data}: OK — {summary}")
    return 0


def untranslated(data: Path) -> int:
    """The Danish texts that have no translation yet (not errors: the English page says so)."""
    try:
        catalogue = load_catalogue(data, display_root=Path.cwd())
    except CatalogueError:
        return validate(data)
    for note in catalogue.untranslated:
        print(note)
    print(f"{len(catalogue.untranslated)} tekster findes kun på dansk", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="klyngekatalog")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="validate the catalogue and its sibling files")
    check.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    missing = commands.add_parser("untranslated", help="list the Danish texts that have no translation yet")
    missing.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    compare = commands.add_parser("diff", help="what a change does to the catalogue and the site (Markdown)")
    compare.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    base = compare.add_mutually_exclusive_group()
    base.add_argument("--base", default="origin/main", help="git ref to compare with (default origin/main)")
    base.add_argument("--base-data", type=Path, help="another catalogue's clusters.yaml to compare with")
    generate = commands.add_parser("schema", help="write the JSON Schemas in schema/ (or --check them)")
    generate.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.data)
    if args.command == "untranslated":
        return untranslated(args.data)
    if args.command == "diff":
        try:
            print(diff.diff(args.data, base_ref=args.base, base_path=args.base_data, display_root=Path.cwd()))
        except subprocess.CalledProcessError as error:
            print(f"git kunne ikke finde {args.base!r}: {error.stderr.strip()}", file=sys.stderr)
            return 2
        return 0
    if args.check:
        stale = schema.stale_files()
        for name in stale:
            print(f"schema/{name} is stale: run `make schema`")
        return 1 if stale else 0
    for name in schema.write():
        print(f"wrote schema/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
