"""The gettext catalogues: complete, compiled, free of locations, and used by the pages.

The .po files in locale/ are the source of truth for interface translations: translators edit them (Poedit,
Weblate), `make messages` only adds new msgids or marks changed ones fuzzy, and these tests say which
entries still need a translator.
"""

from datetime import date
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

LANGUAGES = ["es", "pt", "en"]


def catalogue_path(language: str, suffix: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / f"django.{suffix}"


def po_file(language: str) -> polib.POFile:
    return polib.pofile(str(catalogue_path(language, "po")))


def translations(entries) -> dict:
    """(msgctxt, msgid) -> msgstr, or the plural forms {index: msgstr} of a plural entry."""
    return {(entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr for entry in entries}


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_entries(language):
    missing = [entry.msgid for entry in po_file(language).untranslated_entries()]
    assert missing == [], f"{language}: msgids without a translation: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_fuzzy_entries(language):
    fuzzy = [entry.msgid for entry in po_file(language).fuzzy_entries()]
    assert fuzzy == [], f"{language}: fuzzy msgids (a translator must confirm them): {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_location_comments(language):
    """No `#: file:line` comments, so moving or editing a module does not churn the catalogues."""
    located = [entry.msgid for entry in po_file(language) if entry.occurrences != []]
    assert located == [], f"{language}: msgids with location comments: {located}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    """The committed .mo holds exactly the translated entries of the .po file (run `make messages`)."""
    expected = translations(po_file(language).translated_entries())
    compiled = translations(polib.mofile(str(catalogue_path(language, "mo"))))
    assert expected
    differing = [key for key in expected.keys() | compiled.keys() if expected.get(key) != compiled.get(key)]
    stale = sorted(msgid for _msgctxt, msgid in differing)
    assert stale == [], f"{language}: django.mo differs from django.po for: {stale}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "Últimas entradas"), ("pt", "Últimas publicações"), ("en", "Latest posts")],
)
def test_locale_smoke(language, expected):
    with translation.override(language):
        assert gettext("Latest posts") == expected


def test_plural_forms_in_portuguese():
    with translation.override("pt"):
        assert ngettext("%(counter)s post", "%(counter)s posts", 2) % {"counter": 2} == "2 publicações"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", "12 de septiembre de 2025"), ("pt", "12 de setembro de 2025"), ("en", "September 12, 2025")],
)
def test_dates_name_the_month_as_the_language_writes_it(language, expected):
    with translation.override(language):
        assert date_format(date(2025, 9, 12), "DATE_FORMAT") == expected


@pytest.mark.django_db
def test_portuguese_pages_use_portuguese_ui_strings(client):
    html = client.get("/pt/").content.decode()
    assert "Últimas publicações" in html
    assert "Pular para o conteúdo" in html
