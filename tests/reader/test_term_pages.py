"""Term and author pages per language, as Hugo has them: a term's page lists that language's posts only."""

import pytest

from blog.models import Tag
from tests.factories import make_author, make_post
from tests.html import select, texts

pytestmark = pytest.mark.django_db


def test_a_term_page_lists_only_its_languages_posts(client, settings):
    settings.BLOG_LIST_OTHER_LANGUAGES = True  # listings show other languages' posts; term pages do not
    tag = Tag.objects.create(name_es="Nube", slug_es="nube", name_pt="Nuvem", slug_pt="nuvem")
    both = make_post(languages=("es", "pt"), tags=[tag])
    make_post(languages=("pt",), tags=[tag])
    page = client.get("/tags/nube/")
    assert [post.pk for post in page.context["posts"]] == [both.pk]
    assert len(client.get("/pt/tags/nuvem/").context["posts"]) == 2


def test_a_post_shows_the_tags_that_exist_in_its_language(client):
    only_en = Tag.objects.create(name_en="Cloud", slug_en="cloud")
    everywhere = Tag.objects.create(
        **{f"{field}_{code}": "django" for field in ("name", "slug") for code in ("es", "pt", "en")}
    )
    post = make_post(tags=[only_en, everywhere])
    spanish = client.get(post.get_absolute_url("es"))
    assert texts(spanish, ".post-footer .tag-list a") == ["#django"]
    english = client.get(post.get_absolute_url("en"))
    assert sorted(link["href"] for link in select(english, ".post-footer .tag-list a")) == [
        "/en/tags/cloud/",
        "/en/tags/django/",
    ]


def test_an_author_page_exists_in_the_languages_of_their_bio(client):
    """Hugo's author page (`authors/<slug>/_index.en.md`) exists even without posts in that language."""
    author = make_author("ana", bio_es="Escribe.", bio_en="Writes.")
    make_post(languages=("es",), authors=[author])
    assert client.get("/en/authors/ana/").status_code == 200
    assert client.get("/pt/authors/ana/").status_code == 404  # no bio, no post in Portuguese


def test_an_author_named_only_by_drafts_has_no_page(client):
    author = make_author("ana", bio_en="Writes.")
    make_post(languages=("en",), authors=[author], draft=True)
    assert client.get("/en/authors/ana/").status_code == 404
