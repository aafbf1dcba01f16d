"""The admin for the site's frame and pages: an editor edits a page (in tabs) and a menu item, the site's
name is one row, labels are translated, and the admin's header names the site."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from pages.models import MenuItem, Page, SiteIdentity
from tests.blog.test_admin import editor  # noqa: F401 - the fixture: a logged-in member of Editors
from tests.html import select, text

# Every test runs as a logged-in member of Editors (the fixture of the blog's admin tests).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("editor")]


def page_form_data(**overrides) -> dict:
    data = {"slug": "about"}
    for code in ("es", "pt", "en"):
        data.update({f"title_{code}": "", f"description_{code}": "", f"body_{code}": "", f"path_{code}": ""})
    data.update(overrides)
    return data


def test_editors_may_edit_pages_menus_and_the_site_name():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_page", "change_page", "change_menuitem", "add_menuitem", "change_siteidentity"} <= codenames


def test_publisher_creates_a_page_in_tabs_and_it_is_served(client, editor):  # noqa: F811 - the fixture
    editor.groups.add(Group.objects.get(name="Publishers"))
    form = client.get(reverse("admin:pages_page_add"))
    assert form.status_code == 200
    assert select(form, "#id_title_pt") and select(form, "#id_path_en")
    response = client.post(
        reverse("admin:pages_page_add"),
        page_form_data(
            title_es="Acerca de",
            body_es="Hola",
            title_en="About",
            body_en="Hi",
            path_en="/en/about/",
            status_es="published",
            status_en="published",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="about")
    assert page.paths() == {"es": "/about/", "en": "/en/about/"}
    client.logout()
    assert text(client.get("/en/about/"), "h1") == "About"


def test_editor_cannot_give_a_page_an_unsafe_path(client):
    response = client.post(
        reverse("admin:pages_page_add"), page_form_data(title_es="X", body_es="x", path_es="//evil.example/")
    )
    assert response.status_code == 200
    assert select(response, ".errorlist")
    assert not Page.objects.exists()


def test_editor_edits_a_menu_item_and_the_header_follows(client):
    item = MenuItem.objects.get(language="pt", identifier="news")
    response = client.post(
        reverse("admin:pages_menuitem_change", args=[item.pk]),
        {"language": "pt", "name": "Novidades", "url": "/news/", "weight": "20", "identifier": "news"},
    )
    assert response.status_code == 302
    client.logout()
    assert ("Novidades", "/pt/news/") in [
        (link.get_text(strip=True), link["href"]) for link in select(client.get("/pt/"), "nav.main-nav a")
    ]


def test_editor_cannot_save_a_javascript_menu_link(client):
    item = MenuItem.objects.get(language="es", identifier="blog")
    response = client.post(
        reverse("admin:pages_menuitem_change", args=[item.pk]),
        {
            "language": "es",
            "name": "Blog",
            "url": "javascript:alert(1)",
            "weight": "10",
            "identifier": "blog",
        },
    )
    assert response.status_code == 200
    assert MenuItem.objects.get(pk=item.pk).url == "/blog/"


def test_menu_list_is_grouped_by_language_and_ordered_by_weight(client):
    response = client.get(reverse("admin:pages_menuitem_changelist"))
    rows = [row.select_one("th").get_text(strip=True) for row in select(response, "#result_list tbody tr")]
    assert rows[:4] == ["Blog", "News", "Events", "Archive"]  # en first: languages sort by code
    assert len(rows) == 12


def test_site_identity_list_opens_its_one_row_and_it_cannot_be_added_or_deleted(client):
    response = client.get(reverse("admin:pages_siteidentity_changelist"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:pages_siteidentity_change", args=[1])
    assert client.get(reverse("admin:pages_siteidentity_add")).status_code == 403
    assert client.get(reverse("admin:pages_siteidentity_delete", args=[1])).status_code == 403


def test_editor_renames_the_site_and_the_admin_header_says_so(client):
    response = client.post(
        reverse("admin:pages_siteidentity_change", args=[1]),
        {
            "name_es": "Bitácora Libre",
            "name_pt": "",
            "name_en": "Free Logbook",
            "tagline_es": "",
            "tagline_pt": "",
            "tagline_en": "",
        },
    )
    assert response.status_code == 302
    assert SiteIdentity.objects.get().name_in("en") == "Free Logbook"
    index = client.get(reverse("admin:index"))
    assert "Bitácora Libre" in text(index, "#site-name")
    assert text(index, "title").endswith("Bitácora Libre")


@pytest.mark.parametrize(
    ("language", "expected"), [("es", "elementos del menú"), ("pt", "itens do menu"), ("en", "menu items")]
)
def test_admin_labels_are_translated(language, expected):
    with translation.override(language):
        assert str(MenuItem._meta.verbose_name_plural) == expected
