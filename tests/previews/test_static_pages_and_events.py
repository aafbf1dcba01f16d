"""Static pages and events have previews too: staff see a draft at its address, readers a 404."""

import pytest

from events.models import Event
from pages.models import Page
from tests.html import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_page():
    return Page.objects.create(slug="equipo", title_es="Nuestro equipo", body_es="Quiénes somos.")


@pytest.fixture
def draft_event():
    return Event.objects.create(slug="encuentro-2027", name_es="Encuentro 2027", status_es="review")


def test_staff_see_a_draft_page_at_its_path(staff_client, draft_page):
    response = staff_client.get("/equipo/")
    assert response.status_code == 200
    assert "Quiénes somos." in response.content.decode()
    assert text(response, ".preview-banner-state") == "Borrador"
    assert "no-store" in response["Cache-Control"]


def test_readers_get_404_for_a_draft_page(client, draft_page):
    assert client.get("/equipo/").status_code == 404


def test_staff_see_an_event_in_review(staff_client, draft_event):
    response = staff_client.get(draft_event.get_absolute_url())
    assert response.status_code == 200
    assert text(response, ".preview-banner-state") == "En revisión"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_readers_get_404_for_an_event_in_review(client, draft_event):
    assert client.get(draft_event.get_absolute_url()).status_code == 404


def test_staff_who_may_not_change_events_get_404(outsider_client, draft_event):
    assert outsider_client.get(draft_event.get_absolute_url()).status_code == 404
