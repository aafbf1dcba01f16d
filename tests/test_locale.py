"""The gettext catalogues: complete, compiled, and used by the pages (one smoke test per locale)."""

import gettext as gettext_module
import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def unescape(value: str) -> str:
    return value.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def untranslated(language: str) -> list[str]:
    """msgids whose msgstr is empty (the header entry, msgid "", excluded)."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    missing = []
    for block in text.split("\n\n")[1:]:
        if "#, fuzzy" in block:
            missing.append(block)
            continue
        strings = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block + "\n", re.M)
        if any(not "".join(re.findall(r'"(.*)"', s)) for s in strings):
            missing.append(block)
    return missing


@pytest.mark.parametrize("language", ["es", "pt", "en"])
def test_catalogue_has_no_empty_or_fuzzy_translations(language):
    assert untranslated(language) == []


@pytest.mark.parametrize("language", ["pt", "es"])
def test_compiled_catalogue_matches_the_po_file(language):
    """Every singular msgid in the .po file translates, through the committed .mo, to its msgstr."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext_module.GNUTranslations(handle)
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', text, re.M)
    assert pairs
    stale = [msgid for msgid, msgstr in pairs if compiled.gettext(unescape(msgid)) != unescape(msgstr)]
    assert stale == []


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
    [("es", "12 de septiembre de 2025"), ("pt", "12 de setembro de 2025"), ("en", "Sept. 12, 2025")],
)
def test_dates_name_the_month_as_the_language_writes_it(language, expected):
    with translation.override(language):
        assert date_format(date(2025, 9, 12), "DATE_FORMAT") == expected


@pytest.mark.django_db
def test_portuguese_pages_use_portuguese_ui_strings(client):
    html = client.get("/pt/").content.decode()
    assert "Últimas publicações" in html
    assert "Pular para o conteúdo" in html
