"""Shared fixtures: database-vendor gating, Debian's Chromium through Playwright, artifact folder.

Tests that need PostgreSQL are marked `postgres`; they run in the PostgreSQL pass of CI and skip with a
visible reason on SQLite. Browser tests use /usr/bin/chromium (Playwright cannot download browsers here);
without it they skip locally, but under CI=true a missing Chromium or PostgreSQL is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from tests.paths import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# Playwright's sync API runs an event loop in this thread; the Django calls made by the tests are still
# plain synchronous code, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def skip_or_fail(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing real part is a failure, not a skip)")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    """Under CI the SQLite pass leaves PostgreSQL tests to the PostgreSQL pass instead of skipping them.

    CI treats a skip for a missing real part as a failure, and these are not missing: `.ci/run` runs them
    in its second pass. Locally they stay in the run and skip with a visible reason.
    """
    if not IN_CI or connection.vendor == "postgresql":
        return
    postgres_only = [item for item in items if item.get_closest_marker("postgres")]
    if postgres_only:
        config.hook.pytest_deselected(items=postgres_only)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        print(f"\n{len(postgres_only)} PostgreSQL tests left to the PostgreSQL pass of .ci/run")


@pytest.fixture(autouse=True)
def _postgres_gate(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass (DATABASE_URL=postgres://…)")


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request handled in this thread leaves the language it
    was answered in active, and translated fields (`Tag.slug` is `slug_<active>`) would follow it."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and imported files go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        skip_or_fail(f"Chromium not found at {CHROMIUM}: browser tests need Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # A Spanish-speaking browser: the admin follows Accept-Language (backoffice.middleware), and the
    # default language's editor is who most admin tests play.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-ES")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.skip("axe-core is not installed (run `npm install`; `make test` does it when npm exists)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def serious_violations(axe_source):
    """A function: run axe-core on a page, return its serious and critical violations, described."""

    def check(page) -> list[str]:
        page.evaluate(axe_source)  # through DevTools, so the page keeps its CSP (no inline script)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}) e.g. {v['nodes'][0]['html'][:120]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return check


@pytest.fixture
def editor_client(client, django_user_model):
    """The test client logged in as a member of the Editors group (content rights, staff)."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editora", password="pw-editora", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def page_cache(settings):
    """Whole pages cached for anonymous readers, as in production."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_MAX_AGE = 30
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def content_cache(settings):
    """Content-derived values (rows, counts, fragments) cached per content generation, as in production."""
    settings.CONTENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()
