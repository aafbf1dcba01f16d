"""Author profile links: only http(s) addresses or user names are stored, and links are built from them."""

import pytest
from django.core.exceptions import ValidationError

from blog.models import Author
from tests.factories import make_author, make_post
from tests.html import attrs, select_one

pytestmark = pytest.mark.django_db

HOSTILE = ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,<script>x</script>"]


@pytest.mark.parametrize("field", ["website", "linkedin", "mastodon", "github", "twitter"])
@pytest.mark.parametrize("value", HOSTILE)
def test_a_script_address_is_refused_on_save(field, value):
    with pytest.raises(ValidationError) as refused:
        Author(slug="ana", name="Ana", **{field: value}).save()
    assert field in refused.value.message_dict
    assert not Author.objects.filter(slug="ana").exists()


@pytest.mark.parametrize("field", ["website", "linkedin", "mastodon"])
def test_the_admin_form_refuses_a_script_address(admin_client, field):
    response = admin_client.post(
        "/admin/blog/author/add/",
        {"slug": "ana", "name_es": "Ana", "name": "Ana", field: "javascript:alert(1)"},
    )
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Author.objects.filter(slug="ana").exists()


def test_profile_links_are_built_from_handles():
    author = make_author(github="ana", twitter="@ana", linkedin="ana-perez", mastodon="@ana@mastodon.social")
    assert [link["url"] for link in author.profile_links()] == [
        "https://github.com/ana",
        "https://x.com/ana",
        "https://www.linkedin.com/in/ana-perez",
        "https://mastodon.social/@ana",
    ]


def test_profile_links_keep_http_addresses():
    author = make_author(website="https://ana.example", linkedin="https://www.linkedin.com/in/ana")
    assert [link["url"] for link in author.profile_links()] == [
        "https://ana.example",
        "https://www.linkedin.com/in/ana",
    ]


def test_a_stored_script_address_never_becomes_a_link():
    author = make_author()
    Author.objects.filter(pk=author.pk).update(website="javascript:alert(1)", linkedin="javascript:alert(1)")
    author.refresh_from_db()
    assert author.profile_links() == []


def test_author_page_links_only_http_addresses(client):
    author = make_author(github="ana", mastodon="@ana@mastodon.social", email="ana@example.org")
    Author.objects.filter(pk=author.pk).update(website="javascript:alert(1)")
    make_post().authors.add(author)  # an author with no live post has no page
    response = client.get(author.get_absolute_url())
    hrefs = attrs(select_one(response, ".social-links"), "a", "href")
    assert hrefs == ["https://github.com/ana", "https://mastodon.social/@ana", "mailto:ana@example.org"]
