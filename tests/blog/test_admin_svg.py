"""SVG covers and avatars uploaded in the admin: a safe SVG is stored with its size, shown as `<img>`; one
with a script or entities is refused with a message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blog.models import Author, Post
from reader.cards import cover_picture
from tests.blog.test_admin import post_form_data, superuser_client  # noqa: F401 - a fixture
from tests.factories import make_author
from tests.paths import HUGO_SAMPLE

pytestmark = pytest.mark.django_db
DIAGRAM = (HUGO_SAMPLE / "static" / "images" / "diagram.svg").read_bytes()
SCRIPTED = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><script>alert(1)</script></svg>'
XXE = (
    b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
)


def svg(content: bytes, name: str = "diagram.svg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/svg+xml")


def test_an_svg_cover_upload_is_stored_with_its_size(superuser_client, client):  # noqa: F811
    response = superuser_client.post(reverse("admin:blog_post_add"), post_form_data(cover=svg(DIAGRAM)))
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.cover.name.endswith(".svg") and post.cover.read() == DIAGRAM
    assert (post.cover_width, post.cover_height) == (480, 240)
    picture = cover_picture(post, "listing", "es")
    assert picture == {"webp": "", "src": post.cover.url, "width": 480, "height": 240, "generated": False}
    html = client.get(post.get_absolute_url("es")).content.decode()
    assert f'<img class="cover cover-carousel" src="{post.cover.url}" width="480" height="240"' in html


@pytest.mark.parametrize("content", [SCRIPTED, XXE, b"<svg><not-closed></svg>"])
def test_an_unsafe_or_broken_svg_cover_is_refused_with_a_message(superuser_client, content):  # noqa: F811
    response = superuser_client.post(
        reverse("admin:blog_post_add"), post_form_data(cover=svg(content)), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200 and not Post.objects.exists()
    [message] = response.context["adminform"].form.errors["cover"]
    assert message.startswith("Upload a safe SVG image: the file is not a")


def test_the_svg_refusal_is_wholly_in_the_admins_language(superuser_client):  # noqa: F811 - the fixture
    response = superuser_client.post(reverse("admin:blog_post_add"), post_form_data(cover=svg(SCRIPTED)))
    [message] = response.context["adminform"].form.errors["cover"]
    expected = "Suba una imagen SVG segura: el archivo no es un SVG seguro (tiene un elemento <script>)."
    assert message == expected


@pytest.mark.parametrize(("content", "stored"), [(DIAGRAM, True), (SCRIPTED, False)])
def test_an_svg_avatar_is_stored_when_safe_and_refused_otherwise(superuser_client, content, stored):  # noqa: F811
    author = make_author("ana")
    response = superuser_client.post(
        reverse("admin:blog_author_change", args=[author.pk]),
        {"slug": "ana", "name": "Ana", "avatar": svg(content, "ana.svg")},
    )
    assert response.status_code == (302 if stored else 200)
    assert Author.objects.get().avatar.name.endswith(".svg") == stored
    if not stored:
        assert "SVG seguro" in str(response.context["adminform"].form.errors["avatar"])
