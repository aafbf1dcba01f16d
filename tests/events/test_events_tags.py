"""The "upcoming events" sidebar tag: the next events only, soonest first, dates in each event's own zone."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.template import Context, Template
from django.utils import translation

from events.models import Event
from tests.factories import PUBLISHED

NOW = datetime(2025, 8, 1, 12, 0, tzinfo=UTC)


def render_sidebar(limit: int = 3) -> str:
    return Template("{% load events_tags %}{% upcoming_events " + str(limit) + " %}").render(Context({}))


def make_event(slug: str, starts_at: datetime | None, **fields) -> Event:
    return Event.objects.create(
        **PUBLISHED, slug=slug, name=fields.pop("name", slug), starts_at=starts_at, **fields
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_sidebar_lists_the_next_three_upcoming_events_soonest_first():
    for day in (20, 5, 10, 15):
        make_event(f"future-{day}", datetime(2025, 9, day, tzinfo=UTC))
    make_event("over", datetime(2025, 7, 1, tzinfo=UTC))

    with translation.override("es"):
        html = render_sidebar(3)

    assert html.index("future-5") < html.index("future-10") < html.index("future-15")
    assert "future-20" not in html
    assert "over" not in html


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_sidebar_shows_the_date_in_the_events_own_time_zone_and_its_city():
    # 02:00 UTC on 30 August is still 29 August in Bogotá (UTC-5).
    make_event("kcd", datetime(2025, 8, 30, 2, 0, tzinfo=UTC), timezone="America/Bogota", city="Bogotá")

    with translation.override("en"):
        html = render_sidebar()

    assert "August 29, 2025" in html
    assert 'datetime="2025-08-29T21:00:00-05:00"' in html
    assert "Bogotá" in html
    assert 'href="/en/events/kcd/"' in html


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_sidebar_uses_the_translated_event_name():
    make_event(
        "kcd", datetime(2025, 9, 1, tzinfo=UTC), name_es="Evento", name_pt="Evento pt", name_en="Event en"
    )

    with translation.override("pt"):
        html = render_sidebar()

    assert "Evento pt" in html


@pytest.mark.django_db
def test_events_for_post_lists_the_events_a_post_is_about():
    from tests.factories import make_post

    post = make_post()
    kcd = make_event("kcd", datetime(2025, 8, 29, 5, 0, tzinfo=UTC), all_day=True, city="Bogotá")
    make_event("unrelated", None)
    kcd.posts.add(post)

    with translation.override("es"):
        html = Template("{% load events_tags %}{% events_for_post post %}").render(Context({"post": post}))

    assert 'href="/events/kcd/"' in html
    assert "Bogotá" in html
    assert "unrelated" not in html


@pytest.mark.django_db
def test_events_for_post_renders_nothing_for_a_post_without_events():
    from tests.factories import make_post

    html = Template("{% load events_tags %}{% events_for_post post %}").render(Context({"post": make_post()}))

    assert html.strip() == ""


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_home_page_sidebar_shows_the_next_three_upcoming_events(client):
    for day in (20, 5, 10, 15):
        make_event(f"future-{day}", datetime(2025, 9, day, tzinfo=UTC), city="Bogotá")
    html = client.get("/").content.decode()
    assert html.index("future-5") < html.index("future-10") < html.index("future-15")
    assert "future-20" not in html
