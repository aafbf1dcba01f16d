"""The `reward` flag: the site's "support us" block on the posts that have it, once text and link are set."""

import pytest
from django.urls import reverse

from pages.models import SiteIdentity
from tests.comments.comment_data import post_url
from tests.factories import make_post
from tests.html import attrs, select, text

pytestmark = pytest.mark.django_db

APPEAL = {
    "es": "Este sitio lo sostiene la comunidad.",
    "pt": "Este site é mantido pela comunidade.",
}


@pytest.fixture
def appeal():
    return SiteIdentity.objects.update_or_create(
        pk=SiteIdentity.ROW,
        defaults={
            "name_es": "Bitácora",
            **{f"support_text_{code}": value for code, value in APPEAL.items()},
            "support_url": "https://opencollective.example/bitacora",
        },
    )[0]


def test_a_reward_post_shows_the_support_block(client, appeal):
    response = client.get(post_url(make_post(reward=True)))
    assert text(response, ".support-us p") == APPEAL["es"]
    assert attrs(response, ".support-us a", "href") == ["https://opencollective.example/bitacora"]


def test_the_block_reads_in_the_pages_language(client, appeal):
    response = client.get(post_url(make_post(reward=True), "pt"))
    assert text(response, ".support-us p") == APPEAL["pt"]


def test_no_block_in_a_language_without_its_text(client, appeal):
    assert select(client.get(post_url(make_post(reward=True), "en")), ".support-us") == []


def test_no_block_on_posts_without_the_flag(client, appeal):
    assert select(client.get(post_url(make_post(reward=False))), ".support-us") == []


def test_no_block_without_a_link(client, appeal):
    appeal.support_url = ""
    appeal.save()
    assert select(client.get(post_url(make_post(reward=True))), ".support-us") == []


def test_editors_set_the_text_and_link_in_the_admin(admin_client):
    SiteIdentity.objects.get_or_create(pk=SiteIdentity.ROW, defaults={"name_es": "Bitácora"})
    response = admin_client.get(reverse("admin:pages_siteidentity_change", args=[SiteIdentity.ROW]))
    for name in ("support_text_es", "support_text_pt", "support_text_en", "support_url"):
        assert select(response, f"[name={name}]"), name


def test_the_link_must_be_http(appeal):
    from django.core.exceptions import ValidationError

    appeal.support_url = "javascript:alert(1)"
    with pytest.raises(ValidationError):
        appeal.full_clean()
