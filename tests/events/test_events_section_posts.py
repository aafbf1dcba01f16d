"""`/events/` lists the live posts of the `events` section in the active language, as cards, paginated:
their section listing would be `/events/`, which is the events page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_post
from tests.html import attrs, select, texts

pytestmark = pytest.mark.django_db


def card_titles(response) -> list[str]:
    return texts(response, "#section-posts-title ~ .post-cards .post-card-title")


def test_events_page_lists_the_events_section_posts_in_the_language(client):
    make_post(section="events", title_es="Feria del libro", title_en="Book fair")
    make_post(section="events", languages=("es",), title_es="Solo en español")
    make_post(section="blog", title_es="Una entrada del blog")
    make_post(section="events", title_es="Borrador", draft=True)
    make_post(section="events", title_es="Futura", date=timezone.now() + timedelta(days=3))

    assert card_titles(client.get("/events/")) == ["Feria del libro", "Solo en español"]
    english = client.get("/en/events/")
    assert card_titles(english) == ["Book fair"]
    assert any(href.startswith("/en/events/") for href in attrs(english, ".post-card-title a", "href"))


def test_events_page_without_section_posts_has_no_posts_block(client):
    make_post(section="blog")
    assert not select(client.get("/events/"), "#section-posts-title")


def test_events_section_posts_are_paginated(client, settings):
    settings.BLOG_POSTS_PER_PAGE = 3
    for n in range(7):
        make_post(section="events", title_es=f"Evento {n}", date=timezone.now() - timedelta(days=n + 1))

    first, third = client.get("/events/"), client.get("/events/?posts=3")

    assert card_titles(first) == ["Evento 0", "Evento 1", "Evento 2"]
    assert card_titles(third) == ["Evento 6"]
    assert "?posts=2" in attrs(first, "a[rel=next]", "href")


def test_events_page_query_count_does_not_grow_with_section_posts(client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/events/").status_code == 200
        return len(queries)

    make_post(section="events")
    few = count()
    for _ in range(12):
        make_post(section="events")
    assert count() == few
