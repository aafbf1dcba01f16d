"""The event's time zone is a select of the IANA zones, grouped by region, and still validated."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from editing.timezones import TimeZoneSelect
from events.models import Event
from tests.admin_forms import form_values, submitted
from tests.events.event_data import make_event
from tests.html import attrs, select, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> Event:
    return make_event("kcd-bogota", datetime(2025, 8, 29, 14, tzinfo=UTC), timezone="America/Bogota")


def change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def test_the_event_form_offers_the_zones_grouped_by_region_in_the_admins_language(admin_client, event):
    page = admin_client.get(change_url(event))
    assert select(page, "select#id_timezone")
    groups = attrs(page, "select#id_timezone optgroup", "label")
    assert {"América", "Europa", "Asia", "África", "Pacífico"} <= set(groups)
    assert "America/Sao_Paulo" in attrs(page, "optgroup[label=América] option", "value")


def test_the_stored_zone_is_selected(admin_client, event):
    assert texts(admin_client.get(change_url(event)), "select#id_timezone option[selected]") == [
        "America/Bogota"
    ]


def test_a_chosen_zone_is_saved(admin_client, event):
    response, _data = submitted(admin_client, change_url(event), timezone="Europe/Lisbon")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.timezone == "Europe/Lisbon"


def test_a_zone_that_does_not_exist_is_still_refused(admin_client, event):
    data = form_values(admin_client.get(change_url(event))) | {"timezone": "Mars/Olympus_Mons"}
    response = admin_client.post(change_url(event), data)
    assert response.status_code == 200
    assert "timezone" in response.context["adminform"].form.errors


def test_a_legacy_zone_stored_earlier_stays_selected():
    html = TimeZoneSelect().render("timezone", "US/Pacific")
    assert texts(html, "option[selected]") == ["US/Pacific"]
