"""A post's, a section's and the home page's paths, filled without the URLconf (`blog.paths`), are the ones
`reverse()` gives through `config.urls`, for every section and language."""

from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from blog.models import Post
from blog.paths import home_path, section_path
from blog.sections import SECTION_NAMES

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SECTIONS = [*SECTION_NAMES, "hugo_section-2"]
# Slugs as editors and Hugo sites write them: accents, spaces, reserved and percent characters; "" falls
# back to the default language's slug, then to the primary key.
SLUGS = ["hola-mundo", "migración-a-postgres", "ação", "¿qué? ¡sí!", "a b", "100%", "c++ & c#", "it's:@~", ""]
# The second is 31 December in the site's time zone (America/Bogota): the URL takes the local year and month.
DATES = [datetime(2025, 5, 9, 12, tzinfo=UTC), datetime(2025, 1, 1, 3, tzinfo=UTC)]


def reversed_post_url(post: Post, code: str) -> str:
    with translation.override(code):
        return reverse("blog:post-detail", kwargs=post.url_kwargs(code))


def make_posts(section: str) -> list[Post]:
    posts = []
    for number, slug in enumerate(SLUGS, start=1):
        for date in DATES:
            # Each language's slug differs, and a post lacking one shows the default language's.
            slugs = {"slug_es": slug, "slug_pt": f"{slug}-pt" if slug else "", "slug_en": slug.upper()}
            posts.append(Post(pk=number, section=section, date=date, **slugs))
    return posts


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_posts_url_is_the_one_the_urlconf_reverses(section, code):
    for post in make_posts(section):
        assert post.get_absolute_url(code) == reversed_post_url(post, code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_and_section_paths_are_the_ones_the_urlconf_reverses(code):
    with translation.override(code):
        assert home_path(code) == reverse("blog:home")
        for section in SECTIONS:
            assert section_path(section, code) == reverse("blog:section", kwargs={"section": section})


def test_the_active_language_picks_the_posts_url_when_none_is_given():
    post = Post(pk=1, section="blog", date=DATES[0], slug_es="hola", slug_pt="ola", slug_en="hello")
    with translation.override("pt"):
        assert post.get_absolute_url() == reversed_post_url(post, "pt") == "/pt/blog/2025/05/ola/"


def test_a_script_prefix_starts_both():
    post = Post(pk=1, section="news", date=DATES[0], slug_es="hola", slug_pt="ola", slug_en="hello")
    set_script_prefix("/site/")
    try:
        for code in LANGUAGES:
            assert post.get_absolute_url(code) == reversed_post_url(post, code)
            assert post.get_absolute_url(code).startswith("/site/")
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize(("section", "slug"), [("sección con espacios", "hola"), ("blog", "a/b")])
def test_values_the_urlconf_refuses_are_refused_the_same_way(section, slug):
    post = Post(pk=1, section=section, date=DATES[0], slug_es=slug, slug_pt=slug, slug_en=slug)
    for code in LANGUAGES:
        with pytest.raises(NoReverseMatch):
            reversed_post_url(post, code)
        with pytest.raises(NoReverseMatch):
            post.get_absolute_url(code)
