"""Drop the rules of Material's stylesheets that cannot match anything on this site.

Material ships one stylesheet for every feature and Markdown extension it supports (~135 KB;
the site uses a fifth of it) and a palette file with every colour. A phone parses and matches
all of it before the first paint, so after the build each rule is kept only if one of its
selectors could match: every class it names occurs in the built HTML or in the site's
scripts (which is where Material's own script gets the classes it adds), and every colour it
names is one of the palette's. Rules that select with :is(), :where() or :has() are kept
as they are; @keyframes and @font-face are always kept. Runs once per build, linear in the
size of the site.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

# Material's stylesheets in the built site (their names carry a content hash).
STYLESHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
_SCRIPTS = ("assets/javascripts/bundle.*.min.js", "assets/*.js")
# Classes the scripts add: Material's all begin with md- (the site's own with kk-), besides
# the document's no-js → js switch.
_SCRIPT_CLASS_PREFIXES = ("md-", "kk-")
_SCRIPT_CLASSES = {"js", "no-js"}
_GROUPING = ("@media", "@supports", "@container", "@layer")

# No \b before the attribute's name: with it, the regular expression engine cannot scan for the
# literal text and reading every page took 15× longer (17 s of a 5,000-cluster site of two
# languages). Without it, an attribute whose name ends in "class" counts too: a class more
# only keeps a rule more, never drops one a page needs.
_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
_COLOUR_ATTRIBUTE = re.compile(r'(data-md-color-(?:primary|accent|scheme))="([^"]*)"')
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_SELECTOR_COLOUR = re.compile(r"\[(data-md-color-(?:primary|accent|scheme))=[\"']?([\w-]+)[\"']?\]")
_ATTRIBUTE_SELECTOR = re.compile(r"\[[^\]]*\]")
_NOT = re.compile(r":not\([^()]*\)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_ANY_OF = re.compile(r":(?:is|where|has|matches|-webkit-any|-moz-any)\(")


class Vocabulary:
    """The classes and palette colours a selector may name and still match something."""

    def __init__(self, classes: set[str], colours: dict[str, set[str]]):
        self.classes = classes
        self.colours = colours

    @classmethod
    def of_site(cls, site: Path) -> "Vocabulary":
        classes: set[str] = set()
        colours: dict[str, set[str]] = {}
        for page in site.rglob("*.html"):
            text = page.read_text("utf-8", errors="replace")
            for value in _CLASS_ATTRIBUTE.findall(text):
                classes.update(value.split())
            for name, value in _COLOUR_ATTRIBUTE.findall(text):
                colours.setdefault(name, set()).add(value)
        for pattern in _SCRIPTS:
            for script in site.glob(pattern):
                words = _WORD.findall(script.read_text("utf-8", errors="replace"))
                classes.update(word for word in words if word.startswith(_SCRIPT_CLASS_PREFIXES))
        classes.update(_SCRIPT_CLASSES)
        return cls(classes, colours)

    def may_match(self, selector: str) -> bool:
        # A :not(…) only narrows; what it names need not exist.
        selector = _NOT.sub("", selector)
        if _ANY_OF.search(selector):
            return True
        for name, value in _SELECTOR_COLOUR.findall(selector):
            if value not in self.colours.get(name, set()):
                return False
        bare = _ATTRIBUTE_SELECTOR.sub("", selector)
        return all(name in self.classes for name in _SELECTOR_CLASS.findall(bare))


def _skip_string(css: str, i: int) -> int:
    quote = css[i]
    i += 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


@functools.cache
def _significant(stops: str) -> re.Pattern:
    """The characters `_find` acts on: quotes, comment starts, brackets and `stops`."""
    return re.compile("[" + re.escape("\"'/({[)}]" + stops) + "]")


def _find(css: str, i: int, stops: str) -> int:
    """Index of the first of `stops` at this nesting level from i (strings and comments
    skipped), or len(css)."""
    # From one significant character to the next: stepping through every character in Python
    # was most of the pruning, which runs on every build and every rebuild of `mkdocs serve`.
    significant = _significant(stops)
    depth = 0
    while (match := significant.search(css, i)) is not None:
        i = match.start()
        ch = css[i]
        if ch in "\"'":
            i = _skip_string(css, i)
            continue
        if ch == "/":
            if css.startswith("/*", i):
                end = css.find("*/", i + 2)
                i = len(css) if end < 0 else end + 2
            else:
                i += 1
            continue
        if depth == 0 and ch in stops:
            return i
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        i += 1
    return max(i, len(css))


def _split_selectors(prelude: str) -> list[str]:
    parts, start, i = [], 0, 0
    while True:
        i = _find(prelude, i, ",")
        parts.append(prelude[start:i])
        if i >= len(prelude):
            return parts
        start = i = i + 1


def _strip_comments(text: str) -> str:
    # Only in a selector list or an at-rule's prelude, where no string holds "/*".
    return _COMMENT.sub("", text)


def prune(css: str, vocabulary: Vocabulary) -> str:
    out: list[str] = []
    i = 0
    while i < len(css):
        j = _find(css, i, "{;")
        if j >= len(css):
            break
        prelude = _strip_comments(css[i:j]).strip()
        if css[j] == ";":  # @charset, @import
            if prelude:
                out.append(prelude + ";")
            i = j + 1
            continue
        k = _find(css, j + 1, "}")
        body = css[j + 1 : k]
        if prelude.startswith(_GROUPING):
            inner = prune(body, vocabulary)
            if inner:
                out.append(prelude + "{" + inner + "}")
        elif prelude.startswith("@"):
            out.append(prelude + "{" + body + "}")
        else:
            kept = [s for s in _split_selectors(prelude) if vocabulary.may_match(s)]
            if kept:
                out.append(",".join(kept) + "{" + body + "}")
        i = k + 1
    return "".join(out)


def prune_stylesheets(site: Path) -> dict[str, tuple[int, int]]:
    """Prune Material's stylesheets in the built `site` in place; their source maps no longer
    fit and are removed. Returns each file's size before and after."""
    vocabulary = Vocabulary.of_site(site)
    sizes = {}
    for pattern in STYLESHEETS:
        for path in site.glob(pattern):
            before = path.read_text("utf-8")
            after = prune(before, vocabulary)
            path.write_text(after, encoding="utf-8")
            path.with_name(path.name + ".map").unlink(missing_ok=True)
            sizes[path.relative_to(site).as_posix()] = (len(before), len(after))
    return sizes
