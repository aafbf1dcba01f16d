"""Calendars (.ics): one event and the subscription feed, parsed back with `icalendar` (RFC 5545)."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.core.management import call_command

from events.models import Event
from tests.factories import PUBLISHED

pytestmark = pytest.mark.django_db


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def only_event(calendar: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


@pytest.fixture
def pasadena_talk() -> Event:
    return Event.objects.create(
        **PUBLISHED,
        slug="openinfra-days",
        name_es="Días OpenInfra",
        name_pt="Dias OpenInfra",
        name_en="OpenInfra Days",
        summary_en="A two-day track.",
        starts_at=datetime(2025, 3, 6, 17, 0, tzinfo=UTC),
        ends_at=datetime(2025, 3, 7, 1, 0, tzinfo=UTC),
        timezone="America/Los_Angeles",
        city="Pasadena",
    )


def test_event_ics_has_start_and_end_in_the_events_own_zone_with_its_vtimezone(client, pasadena_talk):
    calendar = parse(client.get("/en/events/openinfra-days/event.ics"))
    vevent = only_event(calendar)

    assert vevent["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert vevent.decoded("DTSTART") == datetime(2025, 3, 6, 9, 0, tzinfo=vevent.decoded("DTSTART").tzinfo)
    assert vevent.decoded("DTSTART") == datetime(2025, 3, 6, 17, 0, tzinfo=UTC)
    assert vevent.decoded("DTEND") == datetime(2025, 3, 7, 1, 0, tzinfo=UTC)
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["America/Los_Angeles"]


def test_event_ics_has_the_properties_rfc_5545_requires(client, pasadena_talk):
    calendar = parse(client.get("/en/events/openinfra-days/event.ics"))
    vevent = only_event(calendar)

    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert vevent.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert vevent["LOCATION"] == "Pasadena"
    assert vevent["URL"] == "http://testserver/en/events/openinfra-days/"


def test_event_uid_is_stable_across_requests_and_languages(client, pasadena_talk):
    first = only_event(parse(client.get("/en/events/openinfra-days/event.ics")))["UID"]
    again = only_event(parse(client.get("/pt/events/openinfra-days/event.ics")))["UID"]
    in_feed = only_event(parse(client.get("/events/calendar.ics")))["UID"]

    assert first == again == in_feed == "event-openinfra-days@testserver"


def test_event_uid_uses_the_configured_site_host_whatever_host_was_asked(client, settings, pasadena_talk):
    settings.SITE_URL = "https://bitacora.example.org"

    vevent = only_event(parse(client.get("/events/openinfra-days/event.ics", HTTP_HOST="127.0.0.1:8000")))

    assert vevent["UID"] == "event-openinfra-days@bitacora.example.org"


@pytest.mark.parametrize(("prefix", "summary"), [("", "Días OpenInfra"), ("/pt", "Dias OpenInfra")])
def test_summary_is_in_the_request_language(client, pasadena_talk, prefix, summary):
    vevent = only_event(parse(client.get(f"{prefix}/events/openinfra-days/event.ics")))

    assert vevent["SUMMARY"] == summary


def test_all_day_event_is_a_date_with_an_exclusive_end(client):
    Event.objects.create(
        **PUBLISHED,
        slug="kcd",
        name_es="KCD",
        starts_at=datetime(2025, 8, 29, 5, 0, tzinfo=UTC),
        all_day=True,
        timezone="America/Bogota",
    )

    vevent = only_event(parse(client.get("/events/kcd/event.ics")))

    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert vevent.decoded("DTSTART") == date(2025, 8, 29)
    assert vevent.decoded("DTEND") == date(2025, 8, 30)


def test_single_event_is_offered_as_a_file_download(client, pasadena_talk):
    response = client.get("/events/openinfra-days/event.ics")

    assert response["Content-Disposition"] == 'attachment; filename="openinfra-days.ics"'


def test_undated_event_has_no_calendar_file(client):
    Event.objects.create(**PUBLISHED, slug="someday", name_es="Algún día")

    assert client.get("/events/someday/event.ics").status_code == 404


def test_subscription_feed_holds_every_dated_event_once(client, pasadena_talk):
    Event.objects.create(
        **PUBLISHED,
        slug="kcd",
        name_es="KCD",
        starts_at=datetime(2025, 8, 29, 5, 0, tzinfo=UTC),
        all_day=True,
    )
    Event.objects.create(**PUBLISHED, slug="someday", name_es="Algún día")

    calendar = parse(client.get("/events/calendar.ics"))

    assert sorted(str(vevent["UID"]) for vevent in calendar.walk("VEVENT")) == [
        "event-kcd@testserver",
        "event-openinfra-days@testserver",
    ]
    assert calendar["X-WR-CALNAME"]


def test_sample_events_fixture_gives_a_valid_calendar(client):
    call_command("load_sample_events", verbosity=0)

    vevent = only_event(parse(client.get("/en/events/calendar.ics")))

    assert vevent["SUMMARY"] == "KCD Colombia 2025"
    assert vevent.decoded("DTSTART") == date(2025, 8, 29)
    assert vevent["LOCATION"] == "Bogotá, Colombia"
