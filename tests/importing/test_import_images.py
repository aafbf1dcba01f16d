"""Cover and avatar images: --static-root for loose files, covers stored as they came, author avatars."""

import io
import struct
import zlib
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image

from blog.models import Author, Post
from importing.images import prepare_image
from tests.paths import HUGO_SAMPLE

STATIC = HUGO_SAMPLE / "static"
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
    assert Post.objects.get().cover.name.endswith("/postgres.png")
    # The size is stored with the row (no page opens the file to measure it)…
    assert Post.objects.values_list("cover_width", "cover_height").get() == (420, 200)


def test_import_makes_no_rendition_it_stores_the_cover_byte_for_byte(tmp_path, _media_root):
    """Renditions are made when first asked for (covers.lazy); an image without an EXIF orientation is
    stored as it came, not re-encoded."""
    source = tmp_path / "post.md"
    source.write_text(
        "---\ntitle: Con portada\ndate: 2025-01-01\nimages: [/images/hackathon.jpg]\n---\nTexto.\n"
    )
    run_import(source, lang="es", static_root=str(STATIC))
    post = Post.objects.get()
    assert post.cover.read() == (STATIC / "images" / "hackathon.jpg").read_bytes()
    assert not (_media_root / "renditions").exists()
    assert set(post.cover_renditions) == {"source_name", "source_sha256"}


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


def test_author_page_avatar_is_stored(tmp_path):
    author_dir = tmp_path / "content" / "authors" / "ana"
    author_dir.mkdir(parents=True)
    (author_dir / "_index.md").write_text("---\ntitle: Ana Pérez\navatar: /images/postgres.png\n---\n")
    run_import(tmp_path / "content", static_root=str(STATIC))
    author = Author.objects.get(slug="ana")
    assert author.name == "Ana Pérez" and author.avatar.name.startswith("authors/postgres")


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header announces `width`×`height` pixels: what a decompression bomb looks like."""
    buffer = io.BytesIO()
    Image.new("1", (1, 1)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


def import_with_cover(tmp_path, image: bytes) -> str:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "huge.png").write_bytes(image)
    source = tmp_path / "post.md"
    source.write_text("---\ntitle: Enorme\ndate: 2025-01-01\nimages: [/huge.png]\n---\nTexto.\n")
    return run_import(source, lang="es", static_root=str(tmp_path / "static"))


def test_cover_over_the_upload_pixel_limit_is_not_stored_and_warns(tmp_path):
    buffer = io.BytesIO()
    Image.new("1", (7000, 6000)).save(buffer, format="PNG")  # 42 million pixels, a few KB
    output = import_with_cover(tmp_path, buffer.getvalue())
    post = Post.objects.get()
    assert not post.cover and post.cover_source == "/huge.png"
    assert "cover '/huge.png' is too large (42000000 pixels" in output


def test_decompression_bomb_cover_is_a_warning_and_the_post_still_imports(tmp_path):
    output = import_with_cover(tmp_path, png_claiming_size(20000, 20000))
    post = Post.objects.get()
    assert not post.cover and post.cover_source == "/huge.png"
    assert "cover '/huge.png' is too large" in output


def jpeg_with_exif(tmp_path, **tags) -> tuple:
    """A 60×40 JPEG, red on its top 10 rows, carrying the given EXIF tags (by number); (path, its bytes)."""
    image = Image.new("RGB", (60, 40), "white")
    image.paste((255, 0, 0), (0, 0, 60, 10))
    exif = Image.Exif()
    for tag, value in tags.items():
        exif[int(tag.lstrip("t"))] = value
    path = tmp_path / "photo.jpg"
    image.save(path, "JPEG", quality=95, exif=exif)
    return path, path.read_bytes()


@pytest.mark.parametrize(
    "tags",
    [{}, {"t306": "2025:01:01 10:00:00"}, {"t274": 1}],
    ids=["no-exif", "exif-without-orientation", "orientation-1"],
)
def test_an_upright_image_is_kept_byte_for_byte(tmp_path, tags):
    """Pillow's exif_transpose returns a copy even with nothing to turn: that must not re-encode."""
    path, original = jpeg_with_exif(tmp_path, **tags)
    prepared = prepare_image(path)
    assert prepared.content == original
    assert (prepared.width, prepared.height) == (60, 40)


def test_a_quarter_turned_image_is_stored_upright_with_its_upright_size(tmp_path):
    path, original = jpeg_with_exif(tmp_path, t274=6)  # "rotate 90° clockwise to view"
    prepared = prepare_image(path)
    assert prepared.content != original
    with Image.open(io.BytesIO(prepared.content)) as stored:
        assert stored.size == (40, 60) == (prepared.width, prepared.height)
        assert stored.getexif().get(0x0112) in (None, 1)
        assert stored.convert("RGB").getpixel((35, 30))[0] > 200  # the red band is on the right now
        assert stored.convert("RGB").getpixel((5, 30))[1] > 200  # and white on the left


def test_a_png_is_kept_byte_for_byte(tmp_path):
    path = tmp_path / "plain.png"
    Image.new("RGBA", (30, 20), (0, 0, 255, 128)).save(path)
    assert prepare_image(path).content == path.read_bytes()
