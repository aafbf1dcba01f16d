"""The events admin: times read and shown in the event's own zone, filters, search, autocomplete."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from events.models import Event
from tests.events.event_data import make_event
from tests.factories import make_post
from tests.html import attrs, select_one

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 8, 1, 12, 0, tzinfo=UTC)


# --- admin ------------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client_logged(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    return client


def test_admin_change_page_loads(admin_client_logged):
    event = make_event("kcd", datetime(2025, 8, 29, 5, 0, tzinfo=UTC), timezone="America/Bogota")

    response = admin_client_logged.get(reverse("admin:events_event_change", args=[event.pk]))

    assert response.status_code == 200
    assert select_one(response, '[name="name_pt"]')


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("when", "expected"), [("upcoming", ["soon"]), ("past", ["over"]), ("undated", ["tbd"])]
)
def test_admin_when_filter(admin_client_logged, when, expected):
    make_event("soon", NOW + timedelta(days=1))
    make_event("over", NOW - timedelta(days=1))
    make_event("tbd")

    response = admin_client_logged.get(reverse("admin:events_event_changelist"), {"when": when})

    assert [event.slug for event in response.context["cl"].result_list] == expected


def test_admin_reads_typed_times_in_the_events_own_zone(admin_client_logged):
    response = admin_client_logged.post(
        reverse("admin:events_event_add"),
        {
            "name_es": "OpenInfra Days",
            "slug": "openinfra-days",
            "starts_at_0": "2025-03-06",
            "starts_at_1": "09:00:00",
            "timezone": "America/Los_Angeles",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    # 09:00 in Pasadena (PST, UTC-8), whatever the site's own zone.
    assert Event.objects.get(slug="openinfra-days").starts_at == datetime(2025, 3, 6, 17, 0, tzinfo=UTC)


def test_admin_shows_stored_times_in_the_events_own_zone(admin_client_logged):
    event = make_event("pasadena", datetime(2025, 3, 6, 17, 0, tzinfo=UTC), timezone="America/Los_Angeles")

    response = admin_client_logged.get(reverse("admin:events_event_change", args=[event.pk]))

    assert attrs(response, 'input[name="starts_at_1"]', "value") == ["09:00:00"]


def test_admin_list_shows_when_in_the_events_own_zone(admin_client_logged):
    make_event("pasadena", datetime(2025, 3, 6, 17, 0, tzinfo=UTC), timezone="America/Los_Angeles")

    response = admin_client_logged.get(reverse("admin:events_event_changelist"))

    assert "6 de marzo de 2025 a las 09:00 (America/Los_Angeles)" in response.content.decode()


def test_admin_refuses_an_event_that_ends_before_it_starts(admin_client_logged):
    response = admin_client_logged.post(
        reverse("admin:events_event_add"),
        {
            "name_es": "Al revés",
            "slug": "al-reves",
            "starts_at_0": "2025-03-06",
            "starts_at_1": "09:00:00",
            "ends_at_0": "2025-03-05",
            "ends_at_1": "09:00:00",
        },
    )

    assert response.status_code == 200
    assert "ends_at" in response.context["adminform"].form.errors
    assert not Event.objects.exists()


def test_admin_search_finds_an_event_by_its_portuguese_name(admin_client_logged):
    make_event("kcd", name_es="Nombre", name_pt="Comunidade")
    make_event("other", name_es="Otro")

    response = admin_client_logged.get(reverse("admin:events_event_changelist"), {"q": "Comunidade"})

    assert [event.slug for event in response.context["cl"].result_list] == ["kcd"]


def test_admin_autocomplete_finds_posts_by_title(admin_client_logged):
    wanted = make_post(title_es="KCD Colombia 2025: Bogotá")
    make_post(title_es="Otra cosa")

    response = admin_client_logged.get(
        "/admin/autocomplete/",
        {"app_label": "events", "model_name": "event", "field_name": "posts", "term": "KCD"},
    )

    assert [result["id"] for result in response.json()["results"]] == [str(wanted.pk)]
