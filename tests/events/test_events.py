"""Event pages: listing order around "now", translations, own-zone dates, details, URL conflicts."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import translation

from tests.events.event_data import make_event
from tests.factories import make_post
from tests.html import attrs, select, select_one, text

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 8, 1, 12, 0, tzinfo=UTC)


def slugs_in_order(html: str, slugs: list[str]) -> list[str]:
    """The given events' slugs in the order the page links to them (first link of each)."""
    links = attrs(html, "a", "href")
    found = [slug for slug in slugs if f"/events/{slug}/" in links]
    return sorted(found, key=lambda slug: links.index(f"/events/{slug}/"))


# --- the listing ---------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_listing_shows_upcoming_soonest_first_then_past_newest_first(client):
    make_event("past-old", NOW - timedelta(days=300))
    make_event("soon", NOW + timedelta(days=3))
    make_event("past-recent", NOW - timedelta(days=10))
    make_event("later", NOW + timedelta(days=30))

    html = client.get("/events/").content.decode()

    assert slugs_in_order(html, ["later", "soon", "past-old", "past-recent"]) == [
        "soon",
        "later",
        "past-recent",
        "past-old",
    ]


@time_machine.travel(NOW, tick=False)
def test_an_event_still_running_is_upcoming_and_one_that_ended_is_past(client):
    make_event("running", NOW - timedelta(hours=2), ends_at=NOW + timedelta(hours=2))
    make_event("ended", NOW - timedelta(hours=3), ends_at=NOW - timedelta(minutes=1))

    response = client.get("/events/")

    assert [event.slug for event in response.context["upcoming_events"]] == ["running"]
    assert [event.slug for event in response.context["past_events"]] == ["ended"]


def test_an_all_day_event_is_upcoming_until_its_day_ends_in_its_own_zone(client):
    make_event("kcd", datetime(2025, 8, 29, 9, 0, tzinfo=UTC), all_day=True, timezone="America/Bogota")

    # 23:30 on 29 August in Bogotá is 04:30 UTC on the 30th: still the event's day there.
    with time_machine.travel(datetime(2025, 8, 30, 4, 30, tzinfo=UTC), tick=False):
        assert [event.slug for event in client.get("/events/").context["upcoming_events"]] == ["kcd"]
    with time_machine.travel(datetime(2025, 8, 30, 5, 30, tzinfo=UTC), tick=False):
        assert [event.slug for event in client.get("/events/").context["past_events"]] == ["kcd"]


def test_an_all_day_event_is_stored_at_local_midnight_of_its_day():
    event = make_event(
        "kcd", datetime(2025, 8, 29, 15, 0, tzinfo=UTC), all_day=True, timezone="America/Bogota"
    )

    assert event.starts_at == datetime(2025, 8, 29, 5, 0, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
def test_an_event_without_a_date_nor_posts_is_listed_apart_as_to_be_confirmed(client):
    make_event("someday")

    response = client.get("/en/events/")

    assert [event.slug for event in response.context["undated_events"]] == ["someday"]
    assert text(response, "#undated-title") == "Date to be confirmed"
    assert text(response, ".event-when") == "Date to be confirmed"


@time_machine.travel(NOW, tick=False)
def test_listing_dates_are_shown_in_the_events_own_time_zone(client):
    # 02:00 UTC on 30 September is 19:00 on 29 September in Pasadena (PDT, UTC-7).
    make_event(
        "pasadena", datetime(2025, 9, 30, 2, 0, tzinfo=UTC), timezone="America/Los_Angeles", city="Pasadena"
    )

    html = client.get("/en/events/").content.decode()

    assert "September 29, 2025, 7 p.m. (America/Los_Angeles)" in html
    assert "2025-09-29T19:00:00-07:00" in attrs(html, "time", "datetime")


@time_machine.travel(NOW, tick=False)
def test_listing_dates_are_localized_to_the_readers_language(client):
    make_event("kcd", datetime(2025, 8, 29, 5, 0, tzinfo=UTC), all_day=True, timezone="America/Bogota")

    assert "29 de agosto de 2025" in client.get("/events/").content.decode()
    assert "29 de agosto de 2025" in client.get("/pt/events/").content.decode()
    assert "August 29, 2025" in client.get("/en/events/").content.decode()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(("prefix", "expected"), [("", "Nombre es"), ("/pt", "Nome pt"), ("/en", "Name en")])
def test_listing_shows_the_event_name_in_the_readers_language(client, prefix, expected):
    make_event("kcd", NOW + timedelta(days=1), name_es="Nombre es", name_pt="Nome pt", name_en="Name en")

    html = client.get(f"{prefix}/events/").content.decode()

    assert expected in html
    assert f"{prefix}/events/kcd/" in attrs(html, "a", "href")


@time_machine.travel(NOW, tick=False)
def test_listing_query_count_does_not_grow_with_the_number_of_events(client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/events/").status_code == 200
        return len(queries)

    for n in range(3):
        make_event(f"few-{n}", NOW + timedelta(days=n - 1), city="Bogotá")
    few = count_queries()
    for n in range(60):
        make_event(f"many-{n}", NOW + timedelta(days=n - 30), city="Bogotá")

    assert count_queries() == few


@time_machine.travel(NOW, tick=False)
def test_past_events_are_paginated(client):
    for n in range(25):
        make_event(f"past-{n}", NOW - timedelta(days=n + 1))

    first = client.get("/events/")
    second = client.get("/events/?page=2")

    assert len(first.context["past_events"]) == 20
    assert [event.slug for event in second.context["past_events"]] == [f"past-{n}" for n in range(20, 25)]


# --- an event's page ----------------------------------------------------------------------------------------


def test_event_page_links_the_place_on_openstreetmap_the_website_and_the_cfp(client):
    make_event(
        "kcd",
        datetime(2025, 8, 29, 5, 0, tzinfo=UTC),
        venue="Ágora Bogotá",
        city="Bogotá",
        country="Colombia",
        url="https://kcd.example.org/",
        cfp_url="https://kcd.example.org/cfp",
    )

    html = client.get("/events/kcd/").content.decode()
    links = attrs(html, "a", "href")

    assert (
        "https://www.openstreetmap.org/search?query=%C3%81gora+Bogot%C3%A1%2C+Bogot%C3%A1%2C+Colombia"
        in links
    )
    assert select(html, "iframe") == []
    assert "https://kcd.example.org/" in links
    assert "https://kcd.example.org/cfp" in links
    assert "/events/kcd/event.ics" in links


def test_event_page_carries_schema_org_event_data_with_only_known_facts(client):
    make_event(
        "kcd",
        datetime(2025, 8, 29, 5, 0, tzinfo=UTC),
        all_day=True,
        timezone="America/Bogota",
        city="Bogotá",
        country="Colombia",
        name_es="KCD </script> Colombia",
    )

    blocks = [
        json.loads(script.string)
        for script in select(client.get("/events/kcd/"), 'script[type="application/ld+json"]')
    ]
    events = [data for data in blocks if data.get("@type") == "Event"]

    assert len(events) == 1
    data = events[0]
    assert data["name"] == "KCD </script> Colombia"
    assert data["startDate"] == "2025-08-29"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Bogotá",
        "addressCountry": "Colombia",
    }
    assert "endDate" not in data


def test_event_page_title_and_description_are_the_events(client):
    make_event("kcd", name_es="KCD Colombia 2025", summary_es="Cloud-native en Bogotá.")

    response = client.get("/events/kcd/")

    assert attrs(response, 'meta[property="og:title"]', "content") == ["KCD Colombia 2025"]
    assert attrs(response, 'meta[name="description"]', "content") == ["Cloud-native en Bogotá."]


def test_event_page_without_a_date_or_place_offers_no_calendar_or_map(client):
    make_event("someday")

    html = client.get("/events/someday/").content.decode()

    assert "event.ics" not in html
    assert "openstreetmap" not in html


def test_event_description_is_rendered_markdown_without_scripts(client):
    make_event("kcd", description_es="**Charlas** y talleres\n\n<script>alert(1)</script>")

    html = client.get("/events/kcd/").content.decode()

    assert text(html, ".event-description strong") == "Charlas"
    assert "<script>alert(1)" not in html


def test_event_page_lists_related_posts_in_the_readers_language_and_marks_the_others(client):
    event = make_event("kcd")
    everywhere = make_post(languages=("es", "pt", "en"))
    spanish_only = make_post(languages=("es",))
    draft = make_post(languages=("en",), draft=True)
    event.posts.add(everywhere, spanish_only, draft)

    html = client.get("/en/events/kcd/").content.decode()
    related = select_one(html, '[aria-labelledby="related-posts-title"]')
    links = {a["href"]: (a.get("hreflang"), a.get("lang"), a.get_text()) for a in select(related, "a")}

    assert links == {
        everywhere.get_absolute_url("en"): (None, None, everywhere.title_en),
        spanish_only.get_absolute_url("es"): ("es", "es", spanish_only.title_es),
    }
    assert text(related, ".badge-language") == "Only in Español"  # as post cards mark them
    assert draft.title_en not in html


def test_event_page_query_count_does_not_grow_with_its_posts(client):
    event = make_event("kcd")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/events/kcd/").status_code == 200
        return len(queries)

    event.posts.add(make_post(), make_post(languages=("es",)))
    few = count_queries()
    event.posts.add(*[make_post() for _ in range(10)], *[make_post(languages=("pt",)) for _ in range(10)])

    assert count_queries() == few


def test_event_page_shows_the_translated_name(client):
    make_event("kcd", name_es="Nombre es", name_pt="Nome pt", name_en="Name en")

    assert "Nome pt" in client.get("/pt/events/kcd/").content.decode()


def test_unknown_event_is_404(client):
    assert client.get("/events/nope/").status_code == 404


# --- URLs shared with the blog ------------------------------------------------------------------------------


def test_a_post_in_the_events_section_is_not_shadowed_by_event_urls(client):
    post = make_post(section="events", date=datetime(2025, 4, 18, 16, 0, tzinfo=UTC))
    url = post.get_absolute_url("es")

    assert url.startswith("/events/2025/04/")
    assert resolve(url).view_name == "blog:post-detail"
    assert client.get(url).status_code == 200


def test_the_calendar_is_not_taken_for_an_event_slug(client):
    assert resolve("/events/calendar.ics").view_name == "events:calendar"
    with translation.override("en"):
        assert reverse("events:calendar") == "/en/events/calendar.ics"
    assert client.get("/pt/events/calendar.ics")["Content-Type"] == "text/calendar; charset=utf-8"
