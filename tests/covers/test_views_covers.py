"""Generated covers: the pure drawing function and the `covers:generated` view."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from covers.generated import COVER_SIZES, draw_cover, draw_section_cover, generated_cover_url
from tests.factories import make_post


def test_draw_cover_has_the_requested_size():
    image = draw_cover("Migración a PostgreSQL", "blog", 1200, 630, site_name="Bitácora")
    assert image.size == (1200, 630)


def test_draw_cover_is_deterministic():
    first = draw_cover("São Paulo ñandú", "news", 320, 180)
    second = draw_cover("São Paulo ñandú", "news", 320, 180)
    assert first.tobytes() == second.tobytes()


def test_draw_cover_draws_accented_letters_as_glyphs_not_boxes():
    """The shipped font has real glyphs: 'ã' and 'a' render differently (a missing glyph: one box)."""
    with_tilde = draw_cover("ã", "", 200, 200)
    plain = draw_cover("a", "", 200, 200)
    assert with_tilde.tobytes() != plain.tobytes()
    box_one = draw_cover("ã", "", 200, 200)
    box_two = draw_cover("ç", "", 200, 200)
    assert box_one.tobytes() != box_two.tobytes()


@pytest.mark.django_db
def test_generated_cover_view_serves_png_of_the_kind_size(client):
    post = make_post()
    response = client.get(reverse("covers:generated", kwargs={"pk": post.pk, "kind": "listing"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == COVER_SIZES["listing"]


@pytest.mark.django_db
def test_generated_cover_view_404s_for_drafts_and_unknown_kinds(client):
    draft = make_post(draft=True)
    live = make_post()
    assert (
        client.get(reverse("covers:generated", kwargs={"pk": draft.pk, "kind": "listing"})).status_code == 404
    )
    assert client.get(reverse("covers:generated", kwargs={"pk": live.pk, "kind": "huge"})).status_code == 404


@pytest.mark.django_db
def test_generated_cover_url_is_outside_language_prefixes_and_versioned(client):
    post = make_post()
    url = generated_cover_url(post, "social", "pt")
    assert url.startswith(f"/covers/pt/{post.pk}-social.png?v=")
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_generated_cover_names_the_section_in_the_covers_language(client):
    post = make_post(section="news", title_pt="Encontro em Porto Alegre")
    response = client.get(
        reverse("covers:generated", kwargs={"pk": post.pk, "kind": "social", "language": "pt"})
    )
    drawn = Image.open(io.BytesIO(response.content)).convert("RGB")
    expected = draw_cover("Encontro em Porto Alegre", "news", 1200, 630, settings.SITE_NAME, label="Notícias")
    assert drawn.tobytes() == expected.convert("RGB").tobytes()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["listing", "carousel"])
def test_generated_listing_and_carousel_covers_show_the_section_not_the_title(client, kind):
    """The title is printed beside the cover on every card: the cover is the section, a pattern and the
    site's mark, the same picture whatever the title."""
    post = make_post(section="news", title_pt="Encontro em Porto Alegre")
    url = reverse("covers:generated", kwargs={"pk": post.pk, "kind": kind, "language": "pt"})
    drawn = Image.open(io.BytesIO(client.get(url).content)).convert("RGB")
    width, height = COVER_SIZES[kind]
    expected = draw_section_cover("news", width, height, settings.SITE_NAME, label="Notícias", seed=post.pk)
    assert drawn.tobytes() == expected.tobytes()

    post.title_pt = "Outro título, bem diferente"
    post.save()
    retitled = Image.open(io.BytesIO(client.get(url).content)).convert("RGB")
    assert retitled.tobytes() == drawn.tobytes()


def test_section_covers_of_neighbouring_posts_differ_by_pattern():
    first = draw_section_cover("blog", 320, 180, "Bitácora", "Blog", seed=1)
    second = draw_section_cover("blog", 320, 180, "Bitácora", "Blog", seed=2)
    assert first.tobytes() != second.tobytes()
