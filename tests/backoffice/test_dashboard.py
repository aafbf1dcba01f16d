"""The dashboard's drafts and scheduled items: per model and language, counted, linking to the list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_post
from tests.html import attrs, texts

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_drafts_per_language_with_a_link_to_them(admin_client):
    make_post(draft=True, languages=("es", "pt"))
    make_post(draft=True, languages=("es",))
    page = admin_client.get(reverse("admin:index"))
    links = dict(
        zip(texts(page, ".attention-items a"), attrs(page, ".attention-items a", "href"), strict=True)
    )
    counts = dict(zip(texts(page, ".attention-items a"), texts(page, ".attention-count"), strict=True))
    assert counts["Entradas · es"] == "2" and counts["Entradas · pt"] == "1"
    listed = admin_client.get(links["Entradas · es"]).context["cl"].result_list
    assert len(listed) == 2


def test_the_dashboard_shows_scheduled_posts(admin_client):
    make_post(languages=("en",), publish_at_en=timezone.now() + timedelta(days=3))
    make_post(languages=("en",))  # published: needs nothing
    page = admin_client.get(reverse("admin:index"))
    assert "Programado" in texts(page, ".attention h3")
    assert texts(page, ".attention-items a") == ["Entradas · en"]


def test_nothing_to_do_shows_no_attention_block(admin_client):
    make_post()
    assert not texts(admin_client.get(reverse("admin:index")), ".attention")
