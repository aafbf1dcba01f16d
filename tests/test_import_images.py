"""Cover and avatar images: --static-root for loose files, renditions for admin uploads, author avatars."""

import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from blog.models import Author, Post
from tests.factories import make_post

STATIC = Path(__file__).resolve().parent / "data" / "hugo-sample" / "static"
pytestmark = pytest.mark.django_db


def run_import(*args, **options) -> str:
    out = StringIO()
    call_command("import_posts", *map(str, args), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_static_root_resolves_a_loose_file_cover(tmp_path):
    source = tmp_path / "post.md"
    source.write_text(
        "---\ntitle: Con portada\ndate: 2025-01-01\nimages: [/images/postgres.png]\n---\nTexto.\n"
    )
    run_import(source, lang="es", static_root=str(STATIC))
    post = Post.objects.get()
    assert (post.cover_width, post.cover_height) == (420, 200)
    carousel = post.rendition("carousel")
    assert carousel["fallback_type"] == "image/jpeg" and carousel["webp_url"].endswith(".webp")


def test_transparent_cover_falls_back_to_png(tmp_path):
    (tmp_path / "static").mkdir()
    Image.new("RGBA", (300, 200), (255, 0, 0, 0)).save(tmp_path / "static" / "clear.png")
    source = tmp_path / "post.md"
    source.write_text("---\ntitle: Transparente\ndate: 2025-01-01\nimages: [/clear.png]\n---\nTexto.\n")
    run_import(source, lang="es", static_root=str(tmp_path / "static"))
    assert Post.objects.get().rendition("listing")["fallback_type"] == "image/png"


def test_repeat_import_keeps_the_stored_cover(tmp_path):
    source = tmp_path / "post.md"
    source.write_text(
        "---\ntitle: Con portada\ndate: 2025-01-01\nimages: [/images/hackathon.jpg]\n---\nTexto.\n"
    )
    run_import(source, lang="es", static_root=str(STATIC))
    first = Post.objects.get().cover.name
    assert "0 created, 0 updated, 1 unchanged" in run_import(source, lang="es", static_root=str(STATIC))
    assert Post.objects.get().cover.name == first


def test_unreadable_image_is_not_stored_and_warns(tmp_path):
    (tmp_path / "static" / "images").mkdir(parents=True)
    (tmp_path / "static" / "images" / "broken.jpg").write_bytes(b"not an image")
    source = tmp_path / "post.md"
    source.write_text("---\ntitle: Rota\ndate: 2025-01-01\nimages: [/images/broken.jpg]\n---\nTexto.\n")
    output = run_import(source, lang="es", static_root=str(tmp_path / "static"))
    post = Post.objects.get()
    assert not post.cover and post.cover_source == "/images/broken.jpg"
    assert "is not a readable image" in output


def jpeg_upload(width: int, height: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="JPEG")
    return SimpleUploadedFile("subida.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_cover_uploaded_in_the_admin_gets_renditions():
    post = make_post()
    post.cover = jpeg_upload(1600, 900)
    post.save()
    post.refresh_from_db()
    listing, carousel = post.rendition("listing"), post.rendition("carousel")
    assert (listing["width"], listing["height"]) == (640, 360)
    assert (carousel["width"], carousel["height"]) == (1280, 720)


def test_removing_the_cover_removes_its_renditions():
    post = make_post()
    post.cover = jpeg_upload(800, 600)
    post.save()
    post.cover = None
    post.save()
    post.refresh_from_db()
    assert post.cover_renditions == {} and post.rendition("listing") is None


def test_author_page_avatar_is_stored(tmp_path):
    author_dir = tmp_path / "content" / "authors" / "ana"
    author_dir.mkdir(parents=True)
    (author_dir / "_index.md").write_text("---\ntitle: Ana Pérez\navatar: /images/postgres.png\n---\n")
    run_import(tmp_path / "content", static_root=str(STATIC))
    author = Author.objects.get(slug="ana")
    assert author.name == "Ana Pérez" and author.avatar.name.startswith("authors/postgres")
