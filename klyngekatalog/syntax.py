"""The parser's YAML syntax errors in Danish, with the likely fix and the place to make it.

libyaml reports where it gave up, in English ("mapping values are not allowed in this
context"); an editor needs to know what to change and where. The common mistakes are
recognised from the error and the text around it; anything else keeps the parser's words.
"""

from __future__ import annotations

import yaml

_PREFIX = "YAML-syntaksfejl: "


def _line(text: str, index: int) -> tuple[int, str]:
    """Start index and text of the line holding `index`."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, text[start : end if end >= 0 else len(text)]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the key of a line starts, after a list dash: `  - id: x` → 4."""
    stripped = line.lstrip(" ")
    column = len(line) - len(stripped)
    while stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
        column = len(line) - len(stripped)
    return column


def _previous_line(text: str, line_start: int) -> str | None:
    while line_start > 0:
        start, line = _line(text, line_start - 1)
        if line.strip() and not line.lstrip().startswith("#"):
            return line
        line_start = start
    return None


def explain(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The character index to report and the Danish message for a syntax error."""
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    index = mark.index
    start, line = _line(text, index)

    if "tab" in problem.lower() or "'\\t'" in problem:
        return index, _PREFIX + "tabulatortegn er ikke tilladt til indrykning; ryk ind med mellemrum"

    if "scanning a quoted scalar" in context and error.context_mark is not None:
        quote_at = error.context_mark.index
        quote = text[quote_at] if quote_at < len(text) else '"'
        return quote_at, _PREFIX + f"anførselstegnet {quote} her lukkes aldrig; sæt {quote} også sidst i teksten"

    for opener, closer, what in (("[", "]", "listen"), ("{", "}", "samlingen")):
        if f"parsing a flow {'sequence' if opener == '[' else 'mapping'}" in context and error.context_mark is not None:
            return error.context_mark.index, _PREFIX + (
                f"{what} i {opener} {closer}, der begynder her, lukkes ikke; sæt {closer} sidst, fx sources: [pr-2013, pr-2017]"
                if opener == "["
                else f"{what} i {opener} {closer}, der begynder her, lukkes ikke; sæt {closer} sidst"
            )

    if "mapping values are not allowed" in problem:
        before = text[start:index]
        key, separator, value = before.lstrip(" -").partition(": ")
        if separator and key.strip():
            # `name: Navn: med kolon`: the value holds ': ' and must be quoted.
            value_at = start + before.index(": ") + 2
            whole = (value + text[index:start + len(line)]).strip().replace('"', '\\"')
            fix = f'{key.strip()}: "{whole}"'
            # The fix quotes the editor's line: only when it is plain text (no hidden characters).
            return value_at, _PREFIX + "teksten indeholder kolon og mellemrum (': '); sæt hele teksten i anførselstegn" + (
                f": {fix}" if fix.isprintable() and len(fix) <= 300 else ""
            )
        # `     note: z` under `    name: y`: indented further than the field before it.
        previous = _previous_line(text, start)
        expected = _key_column(previous) if previous is not None else 0
        return start + _indent(line), _PREFIX + (
            f"linjen er rykket for langt ind; felterne i en post skal stå lige under hinanden (ryk ind med {expected} mellemrum som linjen ovenfor)"
        )

    if "did not find expected" in problem and ("block" in context):
        if index > start + _indent(line):
            # Text after a closing quote: `name: "a" b`.
            return index, _PREFIX + "uventet tekst efter det afsluttende anførselstegn; sæt hele teksten i anførselstegn"
        stripped = line.lstrip(" ")
        if stripped.startswith("-") and not stripped.startswith("- "):
            return index, _PREFIX + "skriv et mellemrum efter '-', når en ny post eller et nyt punkt begynder: '- id: …'"
        previous = _previous_line(text, start)
        expected = _key_column(previous) if previous is not None else 0
        return start + _indent(line), _PREFIX + (
            f"forkert indrykning; felterne i en post skal stå lige under hinanden (ryk ind med {expected} mellemrum som linjen ovenfor)"
        )

    detail = "; ".join(part for part in (context, problem) if part)
    return index, _PREFIX + detail
