"""Danish formatting of numbers and dates, by Babel (CLDR data) rather than by hand.

Used by the templates (as filters, see render.py) and by the chart descriptions (views.py).
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "da_DK"
# The site's languages → Babel locale and date patterns (day month year; month year).
LOCALES = {"da": ("da_DK", "d. MMMM y", "LLLL y"), "en": ("en_GB", "d MMMM y", "LLLL y")}


def dk_number(value: float | int | None, decimals: int | None = None, language: str = "da") -> str:
    """A number the Danish way: 16.520 and 316,6. None (not measured) is shown as a dash."""
    if value is None:
        return "–"
    # repr is the shortest exact form of a float: 11.3 stays 11.3, not 11.2999….
    return _formatted(repr(float(value)), decimals, language)


# Cached by the exact text of the number (-0.0 is not 0.0): Babel takes tens of microseconds
# per number, the same numbers recur on many pages and charts, and `mkdocs serve` formats them
# again on every rebuild.
@functools.lru_cache(maxsize=65536, typed=True)
def _formatted(exact: str, decimals: int | None, language: str) -> str:
    number = Decimal(exact)
    if decimals is None:
        # As many decimals as the figure has, at most 6.
        exponent = number.normalize().as_tuple().exponent
        decimals = min(6, max(0, -exponent)) if isinstance(exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    # A typographic minus (U+2212), as the pages have always printed it; CLDR's Danish uses "-".
    return format_decimal(number, format=pattern, locale=LOCALES[language][0]).replace("-", "\u2212")


@functools.lru_cache(maxsize=65536, typed=True)
def dk_date(value: str, language: str = "da") -> str:
    """2016-12-31 → 31. december 2016; 2013-05 → maj 2013; 2013 → 2013 (in English:
    31 December 2016, May 2013)."""
    locale, day, month = LOCALES[language]
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return format_date(date(*parts), day, locale=locale)
    if len(parts) == 2:
        return format_date(date(parts[0], parts[1], 1), month, locale=locale)
    return value
