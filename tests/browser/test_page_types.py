"""Every page type of the reader site, on the shared Hugo sample site and its events, in Chromium.

At 375 and 1280 px, in the light and the dark theme: a full-page screenshot of each into test-artifacts/
(`page-<type>-<width>-<theme>.png`, to look at), no horizontal scroll, and axe-core finds no serious or
critical violation.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from blog.models import Author, Category, Post, Series, Tag
from events.models import Event
from tests.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HUGO_SAMPLE = ROOT / "tests" / "data" / "hugo-sample"


def first_with_slug(model, language: str):
    return model.objects.filter(**{f"slug_{language}__gt": ""}).order_by("pk").first()


@pytest.fixture
def page_types() -> dict[str, str]:
    """The sample site imported as an editor would, with its events: one path per page type."""
    call_command("import_posts", "--hugo-site", str(HUGO_SAMPLE), verbosity=0)
    call_command("load_sample_events", verbosity=0)
    posts = Post.objects.published("es").order_by("-date")
    with_code = next((post for post in posts if "```" in post.body_es), posts.first())
    spanish_only = next(post for post in Post.objects.live().order_by("-date") if post.languages() == ["es"])
    month = with_code.date
    paths = {
        "home": "/",
        "home-en": "/en/",
        "post": with_code.get_absolute_url("es"),
        "post-en": with_code.get_absolute_url("en") if with_code.exists_in_language("en") else "/en/",
        "post-missing-language": spanish_only.get_absolute_url("en"),
        "section": "/blog/",
        "category": first_with_slug(Category, "es").get_absolute_url("es"),
        "tag": first_with_slug(Tag, "es").get_absolute_url("es"),
        "tags": "/tags/",
        "author": Author.objects.order_by("pk").first().get_absolute_url(),
        "archive": "/archive/",
        "archive-month": f"/archive/{month:%Y}/{month:%m}/",
        "search": "/en/search/?q=openstack",
        "events": "/events/",
        "event": Event.objects.order_by("pk").first().get_absolute_url(),
        "static-page": "/about/",
        "not-found": "/no-such-page/",
        "not-available": "/pt/not-available/?from=/tags/",
        "mastodon-share": "/share/mastodon/?instance=&text=Hola",
    }
    series = first_with_slug(Series, "es")
    if series is not None:
        paths["series"] = series.get_absolute_url("es")
    return paths


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_type_looks_right_and_passes_axe(
    browser, live_server, page_types, serious_violations, artifacts_dir, width, scheme
):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, reduced_motion="reduce"
    )
    page = context.new_page()
    problems = {}
    for name, path in page_types.items():
        page.goto(live_server.url + path)
        # Lazy images below the fold would be blank in a full-page picture: load them all first.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(artifacts_dir / f"page-{name}-{width}-{scheme}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        found = serious_violations(page) + ([f"{overflow}px wider than the screen"] if overflow > 0 else [])
        if found:
            problems[f"{name} {path}"] = found
    context.close()
    assert problems == {}
