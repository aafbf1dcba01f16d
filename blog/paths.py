"""Where the home page, a section and a post live: the routes `reader.urls` serves them at, and their paths
filled in here without loading the URLconf.

`reverse()` imports the whole URLconf first (every view module of every app, and the libraries they import)
and builds its lookup tables for each language: ~0.15 s, more than the import of a small Hugo site. A post's
save records its URLs (`Post._remember_moved_urls`) and the importer links sections (`importing.refs`), so
both would pay it. The URLconf uses these routes and converters, and `localized_path` fills them as
`reverse()` does inside `config.urls`' `i18n_patterns` (the script prefix, no prefix for the default
language, the converters' `to_url`, the same percent-encoding); `tests/blog/test_paths.py` checks that the
two agree for every section and language.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, register_converter
from django.urls.converters import get_converters
from django.utils.http import RFC3986_SUBDELIMS, escape_leading_slashes

# Years a date can hold with a month after it (the archive and post URLs need the next month's first day).
FIRST_YEAR, LAST_YEAR = 1000, 9998


class TwoDigitMonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return f"{int(value):02d}"


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError("year out of range")  # the pattern does not match: a 404, never a 500
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


register_converter(TwoDigitMonthConverter, "month")
register_converter(YearConverter, "year")

HOME_ROUTE = ""
SECTION_ROUTE = "<slug:section>/"
POST_ROUTE = "<slug:section>/<year:year>/<month:month>/<str:slug>/"

# A route's parameters, as Django's `path()` reads them.
_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


def localized_path(route: str, language: str, **values) -> str:
    """`route` in `language` with `values`: what `reverse()` gives for it under `config.urls`'
    `i18n_patterns`. NoReverseMatch, as there, when a value does not fit its converter."""
    converters = get_converters()

    def fill(match: re.Match) -> str:
        converter = converters[match["converter"] or "str"]
        try:
            text = converter.to_url(values[match["parameter"]])
        except (KeyError, ValueError) as error:
            raise NoReverseMatch(f"{route!r} with {values!r}: {error}") from error
        if not re.fullmatch(f"(?:{converter.regex})", text):
            raise NoReverseMatch(f"{route!r} with {values!r}: {text!r} is not a {match['converter']}")
        return text

    prefix = "" if language == settings.LANGUAGE_CODE else f"{language}/"
    path = get_script_prefix() + prefix + _PARAMETER.sub(fill, route)
    # The characters reverse() leaves as they are (RFC 3986's pchar); never a scheme-relative `//`.
    return escape_leading_slashes(quote(path, safe=RFC3986_SUBDELIMS + "/~:@"))


def home_path(language: str) -> str:
    return localized_path(HOME_ROUTE, language)


def section_path(section: str, language: str) -> str:
    return localized_path(SECTION_ROUTE, language, section=section)


def post_path(language: str, *, section: str, year: int, month, slug: str) -> str:
    return localized_path(POST_ROUTE, language, section=section, year=year, month=month, slug=slug)
