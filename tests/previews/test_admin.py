"""In the admin: "View on site" leads a draft's editor to its preview, the change form says each
language's state, and share links are made (form button, list action) and withdrawn."""

import pytest
from django.urls import reverse

from events.models import Event
from pages.models import Page
from tests.factories import make_post
from tests.html import attrs, select, select_one, texts

pytestmark = pytest.mark.django_db


def change_form(client, obj):
    opts = obj._meta
    return client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


def view_on_site(client, obj) -> str:
    return select_one(change_form(client, obj), "a.viewsitelink")["href"]


def share_links(response) -> dict[str, str]:
    return {tag["data-share-link"]: tag["value"] for tag in select(response, "input[data-share-link]")}


def test_view_on_site_of_a_draft_shows_its_preview(staff_client, draft):
    response = staff_client.get(view_on_site(staff_client, draft))
    assert response.status_code == 200
    assert select(response, ".preview-banner")


def test_view_on_site_picks_a_language_the_post_is_written_in(staff_client):
    post = make_post(languages=("pt",), draft=True, source_language="pt")
    assert view_on_site(staff_client, post) == post.get_absolute_url("pt")


def test_view_on_site_of_a_draft_page_and_event_show_their_previews(staff_client):
    page = Page.objects.create(slug="equipo", title_es="Equipo", body_es="Texto.")
    event = Event.objects.create(slug="encuentro", name_es="Encuentro")
    for obj in (page, event):
        response = staff_client.get(view_on_site(staff_client, obj))
        assert select(response, ".preview-banner"), obj


def test_the_change_form_says_each_language_state(staff_client, scheduled):
    rows = texts(change_form(staff_client, scheduled), ".preview-languages p")
    assert len(rows) == 1 and rows[0].startswith("es · Programado (")


def test_the_change_form_links_to_the_share_page(staff_client, draft):
    links = attrs(change_form(staff_client, draft), ".field-preview_box a.button", "href")
    assert links == [reverse("admin:blog_post_share", args=[draft.pk])]


def test_the_share_page_gives_a_working_link_per_unpublished_language(staff_client, client, draft):
    links = share_links(staff_client.get(reverse("admin:blog_post_share", args=[draft.pk])))
    assert sorted(links) == ["es", "pt"]
    client.logout()
    assert client.get(links["pt"]).status_code == 200


def test_the_share_page_gives_no_link_for_a_public_language(staff_client):
    post = make_post(status_pt="draft")
    links = share_links(staff_client.get(reverse("admin:blog_post_share", args=[post.pk])))
    assert list(links) == ["pt"]


def test_the_share_page_says_until_when_links_work(staff_client, draft, settings):
    settings.PREVIEW_LINK_MAX_AGE = 2 * 24 * 3600
    response = staff_client.get(reverse("admin:blog_post_share", args=[draft.pk]))
    assert response.context["expires_at"] is not None
    assert "hasta" in texts(response, ".preview-share > p")[0]


def test_withdrawing_from_the_share_page_ends_earlier_links(staff_client, client, draft):
    share_url = reverse("admin:blog_post_share", args=[draft.pk])
    old = share_links(staff_client.get(share_url))["es"]
    response = staff_client.post(share_url, follow=True)
    assert share_links(response)["es"] != old
    client.logout()
    assert client.get(old).status_code == 403


def test_the_list_action_shares_the_selected_posts(staff_client, draft, scheduled):
    response = staff_client.post(
        reverse("admin:blog_post_changelist"),
        {"action": "share_preview_links", "_selected_action": [draft.pk, scheduled.pk]},
    )
    # es and pt of the draft, es of the scheduled post
    assert sorted(attrs(response, "input[data-share-link]", "data-share-link")) == ["es", "es", "pt"]


def test_the_list_action_withdraws_links(staff_client, client, draft):
    old = share_links(staff_client.get(reverse("admin:blog_post_share", args=[draft.pk])))["es"]
    staff_client.post(
        reverse("admin:blog_post_changelist"),
        {"action": "revoke_share_links", "_selected_action": [draft.pk]},
    )
    client.logout()
    assert client.get(old).status_code == 403


def test_staff_who_may_not_change_posts_cannot_share(outsider_client, draft):
    response = outsider_client.get(reverse("admin:blog_post_share", args=[draft.pk]))
    assert response.status_code == 403


def test_the_share_page_is_for_logged_in_staff_only(client, draft):
    response = client.get(reverse("admin:blog_post_share", args=[draft.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
