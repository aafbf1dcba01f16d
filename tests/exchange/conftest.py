"""The exchange tests' data: the real sample posts imported from fixtures/content, and a translator who
fills a file with translate-toolkit, as a CAT tool would."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from translate.storage import po, xliff

from blog.models import Post
from exchange.formats import XLIFF
from tests.paths import SAMPLE_POSTS

# The OpenInfra Days recap exists in es, pt and en; the KCD Colombia and sovereign-AI posts only in es.
RECAP, KCD, SOVEREIGN_AI = "000_9a5b190a61900fa2", "003_8d0ea2c73ec7d6ea", "004_dce5359f6ee8112f"


@pytest.fixture(autouse=True)
def english():
    """The services' messages are checked as worded in English (the admin's pages speak the site's
    language, Spanish: tests/exchange/test_admin.py words its expectations through the catalogue)."""
    with translation.override("en"):
        yield


@pytest.fixture
def samples(db) -> dict[str, Post]:
    call_command("import_posts", str(SAMPLE_POSTS), stdout=StringIO(), stderr=StringIO())
    return {key: Post.objects.get(source_key=key) for key in (RECAP, KCD, SOVEREIGN_AI)}


@pytest.fixture
def kcd(samples) -> Post:
    return samples[KCD]


def pseudo(unit) -> str:
    """A translator's text that is clearly not the source: each segment prefixed with "PT "."""
    return f"PT {unit.source}"


def parsed(content: bytes, file_format: str):
    """The file read by translate-toolkit's own stores (not this project's subclass)."""
    return xliff.xlifffile.parsestring(content) if file_format == XLIFF else po.pofile.parsestring(content)


def unit_id(unit, file_format: str) -> str:
    return unit.getid().rpartition(xliff.ID_SEPARATOR)[2] if file_format == XLIFF else unit.getcontext()


def fill(content: bytes, file_format: str, translate: Callable = pseudo, only=None) -> bytes:
    """The file with each unit's target set to `translate(unit)` (units whose id is in `only`, if given)."""
    store = parsed(content, file_format)
    for unit in store.getunits():
        if unit.isheader() or (only is not None and unit_id(unit, file_format) not in only):
            continue
        unit.target = translate(unit)
    return bytes(store)
