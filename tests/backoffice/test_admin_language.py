"""The admin speaks the editor's language: chosen in its header (a cookie), else the browser's."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.html import attrs, select_one, text

pytestmark = pytest.mark.django_db


def test_the_admin_is_in_the_default_language_without_a_choice(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert select_one(response.content, "html")["lang"] == "es"


def test_choosing_portuguese_in_the_header_switches_the_admin(admin_client):
    response = admin_client.post(reverse("set_language"), {"language": "pt", "next": reverse("admin:index")})
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    page = admin_client.get(reverse("admin:blog_post_changelist")).content
    assert select_one(page, "html")["lang"] == "pt"
    assert text(page, "#admin-language option[selected]") == "Português"


def test_the_browsers_language_is_used_when_nothing_was_chosen(admin_client):
    page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8").content
    assert select_one(page, "html")["lang"] == "en"


def test_the_choice_does_not_change_the_readers_pages(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert select_one(admin_client.get("/").content, "html")["lang"] == "es"


def test_the_header_offers_every_language(admin_client):
    page = admin_client.get(reverse("admin:index")).content
    assert attrs(page, "#admin-language option", "value") == ["es", "pt", "en"]
