"""Each post once per page: the home page's carousel, pinned posts, list and sidebar never repeat a post, and
an empty box is not shown."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.events.event_data import make_event
from tests.factories import make_post
from tests.html import select, texts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def post_titles_on_page(response) -> list[str]:
    """Every post title the page links to, wherever it is (carousel, pinned, list, sidebar)."""
    found = []
    for css in (".carousel-title", ".post-card-title a", ".sidebar .link-list li > a"):
        found += texts(response, css)
    return found


@pytest.fixture
def home_posts():
    """Two carousel posts (featured too), a pinned post, twelve others (more than a page of the list) and
    two featured posts older than all of them (on the list's page 2)."""
    posts = {
        "slides": [
            make_post(carousel=True, featured=True, title_es=f"Diapositiva {n}", date=days_ago(n))
            for n in (1, 2)
        ],
        "pinned": make_post(pinned=True, carousel=True, featured=True, title_es="Fijada", date=days_ago(3)),
        "featured": [
            make_post(featured=True, title_es=f"Destacada {n}", date=days_ago(100 + n)) for n in (1, 2)
        ],
        "others": [make_post(title_es=f"Otra {n}", date=days_ago(10 + n)) for n in range(12)],
    }
    return posts


def test_no_post_appears_twice_on_the_home_page(client, home_posts):
    titles = post_titles_on_page(client.get("/"))
    assert titles  # the page shows posts
    assert len(titles) == len(set(titles)), sorted(titles)


def test_carousel_posts_are_left_out_of_the_latest_posts(client, home_posts):
    response = client.get("/")
    assert texts(response, ".carousel-title") == ["Diapositiva 1", "Diapositiva 2"]
    assert not {"Diapositiva 1", "Diapositiva 2"} & set(
        texts(response, "#latest-title ~ .post-cards .post-card-title a")
    )


def test_a_pinned_post_is_shown_pinned_and_not_in_the_carousel(client, home_posts):
    response = client.get("/")
    assert texts(response, ".pinned .post-card-title a") == ["Fijada"]
    assert "Fijada" not in texts(response, ".carousel-title")


def test_featured_box_lists_only_featured_posts_not_shown_elsewhere(client, home_posts):
    response = client.get("/")
    assert texts(response, '[aria-labelledby="featured-title"] li > a') == ["Destacada 1", "Destacada 2"]


def test_featured_box_is_hidden_when_every_featured_post_is_on_the_page(client):
    make_post(carousel=True, featured=True, title_es="Diapositiva")
    response = client.get("/")
    assert select(response, '[aria-labelledby="featured-title"]') == []


def test_home_page_one_has_no_recent_posts_box_its_list_is_the_recent_posts(client, home_posts):
    response = client.get("/")
    assert response.context["recent_posts"] == []
    assert select(response, '[aria-labelledby="recent-title"]') == []


def test_home_page_two_lists_recent_posts_that_are_not_on_it(client, home_posts):
    response = client.get("/page/2/")
    on_page = set(texts(response, ".post-card-title a"))
    recent = texts(response, '[aria-labelledby="recent-title"] li > a')
    assert recent
    assert not on_page & set(recent)


def test_a_section_page_sidebar_does_not_repeat_its_list(client):
    for n in range(3):
        make_post(featured=True, title_es=f"Destacada {n}", date=days_ago(n + 1))
    response = client.get("/blog/")
    listed = set(texts(response, ".post-card-title a"))
    assert listed == {"Destacada 0", "Destacada 1", "Destacada 2"}
    assert select(response, '[aria-labelledby="featured-title"]') == []
    assert select(response, '[aria-labelledby="recent-title"]') == []


def test_upcoming_events_box_is_hidden_when_no_event_is_coming(client):
    make_post()
    make_event("past", timezone.now() - timedelta(days=30))
    assert select(client.get("/"), ".upcoming-events") == []


def test_upcoming_events_box_lists_a_coming_event(client):
    make_event("soon", timezone.now() + timedelta(days=3), name_es="Pronto")
    assert texts(client.get("/"), ".upcoming-events li > a") == ["Pronto"]


def test_no_empty_latest_posts_box_when_the_carousel_shows_every_post(client):
    make_post(carousel=True, title_es="Diapositiva")
    response = client.get("/")
    assert texts(response, ".carousel-title") == ["Diapositiva"]
    assert select(response, "#latest-title") == []
    assert select(response, ".empty") == []


def test_an_empty_site_still_says_there_are_no_posts(client):
    assert texts(client.get("/"), "main .empty") == ["Todavía no hay entradas."]
