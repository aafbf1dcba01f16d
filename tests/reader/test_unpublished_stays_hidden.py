"""Nothing that only drafts or future posts refer to is visible: terms, authors, their feeds, stub events."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event
from events.receivers import link_imported_post
from tests.factories import make_author, make_category, make_post, make_series, make_tag

pytestmark = pytest.mark.django_db


def unpublished_posts():
    return [make_post(draft=True), make_post(date=timezone.now() + timedelta(days=30))]


@pytest.mark.parametrize(
    ("kind", "make", "relation"),
    [
        ("tags", lambda: make_tag("secret-tag"), "tags"),
        ("categories", lambda: make_category("secret-category"), "categories"),
        ("authors", lambda: make_author("secret-author"), "authors"),
    ],
)
@pytest.mark.parametrize("suffix", ["", "feed.xml", "atom.xml"])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_term_used_only_by_unpublished_posts_has_no_page_or_feed(
    client, kind, make, relation, suffix, prefix
):
    term = make()
    for post in unpublished_posts():
        getattr(post, relation).add(term)
    assert client.get(f"{prefix}/{kind}/{term.slug}/{suffix}").status_code == 404


def test_a_series_of_drafts_has_no_page(client):
    series = make_series("secret-series")
    make_post(draft=True, series=series)
    assert client.get(f"/series/{series.slug}/").status_code == 404


def test_a_term_appears_once_a_post_using_it_is_live(client):
    tag = make_tag("soon-public")
    make_post(draft=True).tags.add(tag)
    make_post().tags.add(tag)
    assert client.get(f"/tags/{tag.slug}/").status_code == 200


def test_a_draft_naming_an_event_makes_no_public_stub(client):
    draft = make_post(draft=True)
    link_imported_post(None, post=draft, front_matter={"es": {"event": "cumbre-secreta"}})
    assert Event.objects.get(slug="cumbre-secreta").is_stub
    assert "cumbre-secreta" not in client.get("/events/").content.decode()
    assert client.get("/events/cumbre-secreta/").status_code == 404


def test_a_stub_event_appears_when_its_post_goes_live(client):
    post = make_post()
    link_imported_post(None, post=post, front_matter={"es": {"event": "cumbre-abierta"}})
    assert client.get("/events/cumbre-abierta/").status_code == 200


def test_an_editor_completing_a_stub_makes_it_public(admin_client):
    draft = make_post(draft=True)
    link_imported_post(None, post=draft, front_matter={"es": {"event": "cumbre"}})
    event = Event.objects.get(slug="cumbre")
    response = admin_client.post(
        f"/admin/events/event/{event.pk}/change/",
        {"slug": "cumbre", "name_es": "Cumbre", "timezone": "America/Bogota", "posts": [draft.pk]},
    )
    assert response.status_code == 302, response.content[:2000]
    event.refresh_from_db()
    assert not event.is_stub
