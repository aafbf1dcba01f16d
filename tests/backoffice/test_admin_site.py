"""The admin names the site as readers see it, shows its favicon, and opens on what needs attention:
drafts and scheduled items per language, plus whatever other apps register."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from backoffice import attention
from pages.models import SiteIdentity
from tests.html import attrs, text, texts

pytestmark = pytest.mark.django_db

NAMES = {"es": "Bitácora del Sur", "pt": "Diário do Sul", "en": "Southern Logbook"}


@pytest.fixture
def named_site():
    SiteIdentity.set_name(NAMES)


@pytest.fixture
def extra_provider():
    """A provider registered for one test, as another app registers one from its AppConfig.ready()."""
    registered = []

    def register(provider):
        registered.append(attention.register(provider))

    yield register
    for provider in registered:
        attention._providers.remove(provider)


def test_the_header_and_title_name_the_site(admin_client, named_site):
    page = admin_client.get(reverse("admin:index"))
    assert text(page, "#site-name") == "Administración de Bitácora del Sur"
    assert text(page, "title").endswith("| Administración de Bitácora del Sur")


@pytest.mark.parametrize(
    ("code", "header"), [("pt", "Administração de Diário do Sul"), ("en", "Southern Logbook administration")]
)
def test_the_header_follows_the_active_language(named_site, code, header):
    with translation.override(code):
        assert (str(admin.site.site_header), str(admin.site.site_title)) == (header, header)


def test_the_login_page_names_the_site_too(client, named_site):
    client.cookies["django_language"] = "es"
    assert text(client.get(reverse("admin:login")), "#site-name") == "Administración de Bitácora del Sur"


def test_the_admin_has_the_sites_favicon(admin_client):
    icons = attrs(admin_client.get(reverse("admin:index")), "link[rel=icon]", "href")
    assert icons == ["/static/img/favicon.svg"]
    assert admin_client.get(icons[0]).status_code == 200


def test_other_apps_add_their_own_attention_items(admin_client, extra_provider):
    extra_provider(
        lambda request: [attention.Attention("Comentarios por moderar", "Comentarios", 4, "/admin/x/")]
    )
    page = admin_client.get(reverse("admin:index"))
    assert "Comentarios por moderar" in texts(page, ".attention h3")
    assert "4" in texts(page, ".attention-count")


def test_a_failing_provider_does_not_break_the_dashboard(admin_client, extra_provider):
    extra_provider(lambda request: 1 / 0)
    extra_provider(lambda request: [attention.Attention("Por revisar", "Traducciones", 2, "/admin/y/")])
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert texts(response, ".attention-items a") == ["Traducciones"]


def test_an_empty_item_is_not_shown(admin_client, extra_provider):
    extra_provider(lambda request: [attention.Attention("Por revisar", "Traducciones", 0, "/admin/y/")])
    assert not texts(admin_client.get(reverse("admin:index")), ".attention")
