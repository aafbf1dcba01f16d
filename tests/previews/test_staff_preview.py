"""Staff who may change posts see drafts, posts in review, scheduled posts and unpublished languages at
their real address, with a banner saying so; everyone else gets the 404 readers get."""

import pytest
from django.utils import formats, timezone

from tests.factories import make_post
from tests.html import select, select_one, text

pytestmark = pytest.mark.django_db


def banner_state(response) -> str:
    return text(response, ".preview-banner .preview-banner-state")


def test_staff_see_a_draft_at_its_address_with_the_banner(staff_client, draft):
    response = staff_client.get(draft.get_absolute_url("es"))
    assert response.status_code == 200
    assert text(response, "h1#post-title") == "Borrador secreto"
    assert text(response, ".preview-banner strong") == "Vista previa — no es pública"
    assert banner_state(response) == "Borrador"


def test_the_preview_shows_the_draft_body(staff_client, draft):
    response = staff_client.get(draft.get_absolute_url("es"))
    assert "Texto del borrador, único." in text(response, "article.post")


def test_a_post_in_review_says_so(staff_client):
    post = make_post(languages=("es",), status_es="review", title_es="En revisión")
    assert banner_state(staff_client.get(post.get_absolute_url("es"))) == "En revisión"


def test_a_scheduled_post_says_when_it_goes_live(staff_client, scheduled):
    when = formats.date_format(timezone.localtime(scheduled.date), "DATETIME_FORMAT")
    response = staff_client.get(scheduled.get_absolute_url("es"))
    assert banner_state(response) == f"Programado para el {when}"


def test_an_unpublished_language_of_a_published_post_is_previewed(staff_client):
    post = make_post(status_pt="draft", title_pt="Tradução em curso")
    response = staff_client.get(post.get_absolute_url("pt"))
    assert text(response, "h1#post-title") == "Tradução em curso"
    assert banner_state(response) == "Rascunho"
    assert text(response, ".preview-banner strong") == "Pré-visualização — não é pública"


def test_the_banner_speaks_english_under_en(staff_client):
    post = make_post(status_en="review")
    response = staff_client.get(post.get_absolute_url("en"))
    assert (text(response, ".preview-banner strong"), banner_state(response)) == (
        "Preview — not public",
        "In review",
    )


def test_the_banner_links_staff_to_the_admin_form(staff_client, draft):
    response = staff_client.get(draft.get_absolute_url("es"))
    assert select_one(response, ".preview-banner a")["href"] == f"/admin/blog/post/{draft.pk}/change/"


def test_readers_get_404_for_a_draft(client, draft):
    assert client.get(draft.get_absolute_url("es")).status_code == 404


def test_readers_get_404_for_a_scheduled_post(client, scheduled):
    assert client.get(scheduled.get_absolute_url("es")).status_code == 404


def test_staff_who_may_not_change_posts_get_404(outsider_client, draft):
    assert outsider_client.get(draft.get_absolute_url("es")).status_code == 404


def test_a_language_without_text_is_404_for_staff_too(staff_client, draft):
    assert staff_client.get(draft.get_absolute_url("en")).status_code == 404


def test_a_preview_is_marked_noindex(staff_client, draft):
    response = staff_client.get(draft.get_absolute_url("es"))
    assert select_one(response, 'meta[name="robots"]')["content"] == "noindex, nofollow"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_preview_is_private_and_never_stored(staff_client, draft):
    directives = {
        part.strip() for part in staff_client.get(draft.get_absolute_url("es"))["Cache-Control"].split(",")
    }
    assert {"private", "no-store"} <= directives


def test_a_published_post_shows_staff_no_banner(staff_client):
    response = staff_client.get(make_post().get_absolute_url("es"))
    assert not select(response, ".preview-banner")
    assert not select(response, 'meta[name="robots"]')
    assert "X-Robots-Tag" not in response


def test_deciding_leaves_a_readers_page_cacheable_for_everyone(client):
    """Without a session cookie the session is never touched, so public pages do not vary on cookies."""
    response = client.get(make_post().get_absolute_url("es"))
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
