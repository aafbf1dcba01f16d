"""Images from the library in post bodies: the editor's picker gives the Markdown in the tab's language,
the page shows the image from this site (CSP img-src 'self'), and renditions are made when first asked for."""

import pytest
from csp.constants import SELF
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image as PillowImage

from blog.rendering import rendered_body
from library.models import Image
from library.storing import store_image
from tests.factories import make_post
from tests.html import attrs, select_one
from tests.library.images import image_bytes, upload

pytestmark = pytest.mark.django_db

PICKER = reverse("admin:library_image_picker")
ALT = {"es": "Un faro [de noche]", "pt": "Um farol à noite", "en": "A lighthouse at night"}


@pytest.fixture
def lighthouse() -> Image:
    return store_image(upload=upload(image_bytes((1600, 900)), name="faro.png"), alt=ALT)[0]


@pytest.mark.parametrize(
    ("code", "markdown_alt"),
    [("es", r"Un faro \[de noche\]"), ("pt", "Um farol à noite"), ("en", "A lighthouse at night")],
)
def test_the_picker_gives_the_markdown_in_the_tabs_language(editor_client, lighthouse, code, markdown_alt):
    results = editor_client.get(PICKER, {"language": code}).json()["results"]
    assert [r["markdown"] for r in results] == [f"![{markdown_alt}](/media/{lighthouse.file.name})"]
    assert results[0]["alt"] == ALT[code]


def test_the_picker_searches_alt_texts(editor_client, lighthouse):
    store_image(upload=upload(image_bytes(color="red")), alt={"es": "Gato", "pt": "Gato", "en": "Cat"})
    found = editor_client.get(PICKER, {"q": "farol", "language": "en"}).json()["results"]
    assert [r["id"] for r in found] == [lighthouse.pk]


def test_the_picker_is_for_staff_only(client, lighthouse, django_user_model):
    client.force_login(django_user_model.objects.create_user("lectora", password="pw"))
    assert client.get(PICKER).status_code == 302  # to the admin's login
    assert "results" not in client.get(PICKER).content.decode()


@pytest.mark.parametrize("code", ["es", "pt", "en"])
def test_an_inserted_image_shows_on_the_post_page_with_its_size(editor_client, lighthouse, code):
    markdown = editor_client.get(PICKER, {"language": code}).json()["results"][0]["markdown"]
    post = make_post(**{f"body_{code}": f"Texto.\n\n{markdown}\n"})
    img = select_one(rendered_body(post, code).html, "img")
    assert (img["src"], img["alt"]) == (lighthouse.url, ALT[code])
    assert (img["width"], img["height"]) == ("1600", "900")


def test_one_image_serves_many_posts(editor_client, lighthouse):
    posts = [make_post(body_es=lighthouse.markdown("es")) for _ in range(2)]
    page = editor_client.get(reverse("admin:library_image_change", args=[lighthouse.pk]))
    assert attrs(page, ".field-used_in a", "href") == [
        reverse("admin:blog_post_change", args=[post.pk])
        for post in sorted(posts, key=lambda p: p.date, reverse=True)
    ]


def test_library_images_need_no_other_host_in_the_csp(lighthouse):
    assert lighthouse.url.startswith("/media/")
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] == [SELF, "data:"]


def test_no_rendition_is_made_during_the_upload(lighthouse):
    assert lighthouse.renditions == {}
    assert not default_storage.exists("renditions")


def test_a_rendition_is_made_when_first_asked_for_then_reused(
    client, lighthouse, django_assert_max_num_queries
):
    url = reverse("library:rendition", kwargs={"pk": lighthouse.pk, "kind": "small", "image_format": "webp"})
    first = client.get(url)
    lighthouse.refresh_from_db()
    entry = lighthouse.renditions["small"]
    assert first.status_code == 302 and first["Location"] == default_storage.url(entry["webp"])
    with default_storage.open(entry["webp"]) as stored, PillowImage.open(stored) as webp:
        assert (webp.format, webp.size) == ("WEBP", (640, 360))
    with django_assert_max_num_queries(1):
        assert client.get(url)["Location"] == first["Location"]


def test_an_unknown_rendition_is_404(client, lighthouse):
    url = reverse("library:rendition", kwargs={"pk": lighthouse.pk, "kind": "huge", "image_format": "webp"})
    assert client.get(url).status_code == 404
