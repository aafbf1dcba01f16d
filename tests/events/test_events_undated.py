"""Events without a date: "to be confirmed" while a post about them is recent, then among the past events by
their newest post's date, never "Date not known" for ever (events.listing)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from events.listing import UNDATED_RECENT_DAYS
from tests.events.event_data import make_event
from tests.factories import make_post
from tests.html import select, text, texts

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def undated_with_post(slug: str, days_ago: int):
    event = make_event(slug, name_es=slug, name_en=slug)
    event.posts.add(make_post(date=NOW - timedelta(days=days_ago)))
    return event


@time_machine.travel(NOW, tick=False)
def test_an_undated_event_with_a_recent_post_is_to_be_confirmed(client):
    undated_with_post("reciente", days_ago=UNDATED_RECENT_DAYS - 10)
    response = client.get("/en/events/")
    assert texts(response, '[aria-labelledby="undated-title"] h3') == ["reciente"]
    assert texts(response, '[aria-labelledby="undated-title"] .event-when') == ["Date to be confirmed"]


@time_machine.travel(NOW, tick=False)
def test_an_undated_event_whose_posts_are_old_is_listed_as_past_by_its_posts_date(client):
    undated_with_post("antiguo", days_ago=UNDATED_RECENT_DAYS + 30)
    response = client.get("/en/events/")
    assert select(response, '[aria-labelledby="undated-title"]') == []
    assert texts(response, '[aria-labelledby="past-title"] h3') == ["antiguo"]
    assert text(response, '[aria-labelledby="past-title"] .event-when') == (
        "Date not recorded; written about on September 17, 2025"
    )


@time_machine.travel(NOW, tick=False)
def test_past_events_mix_dated_and_settled_undated_ones_newest_first(client):
    make_event("older", NOW - timedelta(days=400), name_en="older")
    undated_with_post("middle", days_ago=200)
    make_event("newer", NOW - timedelta(days=5), name_en="newer")
    response = client.get("/en/events/")
    assert texts(response, '[aria-labelledby="past-title"] h3') == ["newer", "middle", "older"]


@time_machine.travel(NOW, tick=False)
def test_the_event_page_and_the_post_page_say_the_same_for_a_settled_undated_event(client):
    event = undated_with_post("antiguo", days_ago=UNDATED_RECENT_DAYS + 30)
    expected = "Date not recorded; written about on September 17, 2025"
    assert text(client.get(f"/en/events/{event.slug}/"), ".event-facts dd") == expected
    post = event.posts.get()
    assert expected in text(client.get(post.get_absolute_url("en")), ".post-events li")
