"""Images in post bodies on tests/data/hugo-sample: found ones are stored once (content-hash names) and the
body points to them; missing and escaping ones warn and stay as written; the post page shows stored ones
with width and height, and alt text instead of a broken image for the others."""

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from blog.models import Post
from blog.rendering import local_image_size, render_markdown
from importing.body_images import local_references
from tests.html import select
from tests.paths import HUGO_SAMPLE

SITE = HUGO_SAMPLE
STORED = re.compile(r"/media/posts/body/[0-9a-f]{32}\.(?:png|jpg)")
pytestmark = pytest.mark.django_db


def run_import(**options) -> str:
    out = StringIO()
    call_command("import_posts", stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def site():
    return run_import(hugo_site=str(SITE))


@pytest.fixture
def site_copy(tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(SITE, copy)
    return copy


def body(source_key: str, language: str = "es") -> str:
    return Post.objects.get(source_key=source_key).translated("body", language)


def stored_url(text: str) -> str:
    (url,) = STORED.findall(text)
    return url


def open_stored(url: str) -> Image.Image:
    with default_storage.open(url.removeprefix("/media/")) as handle:
        image = Image.open(handle)
        image.load()
    return image


def stored_files(media_root: Path) -> dict[str, int]:
    folder = media_root / "posts" / "body"
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} if folder.exists() else {}


def write_post(site: Path, name: str, text: str) -> None:
    (site / "content" / "news" / name).write_text(
        f"---\ntitle: Prueba de imágenes\ndate: 2025-02-01\n---\n{text}\n", encoding="utf-8"
    )


def test_static_root_diagram_is_stored_and_the_body_points_to_it(site):
    text = body("/blog/por-que-migrar")
    url = stored_url(text)
    assert "](/images/diagrama-flujo.png)" not in text
    assert f"![Diagrama del flujo de publicación]({url})" in text
    assert open_stored(url).size == (480, 200)


def test_bundle_relative_image_in_the_body_is_resolved_inside_the_bundle(site):
    text = body("/events/feria-del-libro-libre")
    url = stored_url(text)
    assert f"![Portada de la feria]({url})" in text
    assert open_stored(url).size == (360, 480)


def test_exif_rotated_inline_image_is_stored_upright(site):
    image = open_stored(stored_url(body("/news/cafe-comunitario"))).convert("RGB")
    assert image.size == (320, 240)
    red, green, blue = image.getpixel((160, 5))
    assert red > 200 and green < 80 and blue < 80  # the red band is on top once transposed


def test_the_languages_of_a_group_share_one_stored_file(site, _media_root):
    urls = {stored_url(body("/blog/por-que-migrar", code)) for code in ("es", "pt", "en")}
    assert len(urls) == 1
    # diagram, bundle cover, café photo, editor screenshot and the figure shortcode's picture: one file each
    assert len(stored_files(_media_root)) == 5


def test_second_import_changes_nothing(site, _media_root):
    bodies = dict(Post.objects.values_list("source_key", "body_es"))
    files = stored_files(_media_root)
    assert "0 created, 0 updated, 29 unchanged" in run_import(hugo_site=str(SITE))
    assert dict(Post.objects.values_list("source_key", "body_es")) == bodies
    assert stored_files(_media_root) == files


def test_dry_run_stores_no_file(_media_root):
    run_import(hugo_site=str(SITE), dry_run=True)
    assert stored_files(_media_root) == {}


def test_missing_image_warns_with_file_and_path_and_stays_as_written(site_copy, _media_root):
    write_post(site_copy, "sin-imagen.md", "Antes.\n\n![Plano del local](/images/plano-inexistente.png)\n")
    output = run_import(hugo_site=str(site_copy))
    assert re.search(r"news/sin-imagen\.md: body image '/images/plano-inexistente\.png' not found", output)
    assert "![Plano del local](/images/plano-inexistente.png)" in body("/news/sin-imagen")


@pytest.mark.parametrize("path", ["../../etc/passwd", "/../../etc/passwd", "../por-que-migrar.md"])
def test_path_escaping_its_root_is_refused_with_a_warning(site_copy, _media_root, path):
    write_post(site_copy, "escape.md", f"Texto.\n\n![secreto]({path})\n")
    output = run_import(hugo_site=str(site_copy))
    assert re.search(rf"news/escape\.md: body image path '{re.escape(path)}' escapes the", output)
    assert f"![secreto]({path})" in body("/news/escape")
    assert "0 failed" in output


def test_external_images_and_code_are_left_alone(site_copy):
    text = (
        "![Logo](https://example.org/logo.png)\n\n"
        "```markdown\n![ejemplo](/images/diagrama-flujo.png)\n```\n\n"
        "Sintaxis: `![alt](/images/postgres.png)`\n"
    )
    write_post(site_copy, "externa.md", text)
    output = run_import(hugo_site=str(site_copy))
    assert body("/news/externa").strip() == text.strip()
    assert "externa.md: body image" not in output


def test_html_img_tags_in_the_body_are_stored_too(site_copy):
    write_post(site_copy, "html.md", '<img src="/images/postgres.png" alt="Elefante">\n')
    run_import(hugo_site=str(site_copy))
    url = stored_url(body("/news/html"))
    assert f'<img src="{url}" alt="Elefante">' in body("/news/html")


def test_a_changed_image_file_updates_the_post_to_its_new_copy(site_copy):
    run_import(hugo_site=str(site_copy))
    before = stored_url(body("/blog/por-que-migrar"))
    Image.new("RGB", (64, 32), "green").save(site_copy / "static" / "images" / "diagrama-flujo.png")
    assert "0 created, 1 updated, 28 unchanged" in run_import(hugo_site=str(site_copy))
    after = stored_url(body("/blog/por-que-migrar"))
    assert after != before and open_stored(after).size == (64, 32)


def test_a_file_that_is_not_an_image_is_not_stored_and_warns(site_copy, _media_root):
    (site_copy / "static" / "images" / "rota.png").write_bytes(b"not a png")
    write_post(site_copy, "rota.md", "![Rota](/images/rota.png)\n")
    output = run_import(hugo_site=str(site_copy))
    assert "news/rota.md: body image '/images/rota.png' is not a readable image" in output
    assert "![Rota](/images/rota.png)" in body("/news/rota")


def test_loose_file_body_image_resolves_under_static_root(tmp_path):
    source = tmp_path / "post.md"
    source.write_text("---\ntitle: Suelto\ndate: 2025-01-01\n---\n![Elefante](/images/postgres.png)\n")
    out = StringIO()
    call_command("import_posts", str(source), lang="es", static_root=str(SITE / "static"), stdout=out)
    assert open_stored(stored_url(Post.objects.get().body_es)).size == (420, 200)


def test_round_trip_keeps_the_stored_references_without_warnings(site, tmp_path):
    before = dict(Post.objects.values_list("source_key", "body_es"))
    call_command("export_posts", str(tmp_path / "out"), stdout=StringIO(), stderr=StringIO())
    Post.objects.all().delete()
    output = _import_path(tmp_path / "out")
    assert "body image" not in output
    assert dict(Post.objects.values_list("source_key", "body_es")) == before


def _import_path(path: Path) -> str:
    out = StringIO()
    call_command("import_posts", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


# --- the reader site ---------------------------------------------------------------------------------------


def post_html(client, source_key: str, language: str = "es") -> str:
    post = Post.objects.get(source_key=source_key)
    response = client.get(post.get_absolute_url(language))
    assert response.status_code == 200
    return response.content.decode()


def test_post_page_gives_stored_body_images_width_height_and_lazy_loading(site, client):
    html = post_html(client, "/news/cafe-comunitario")
    (img,) = select(html, 'img[src^="/media/posts/body/"]')
    assert (img["width"], img["height"], img["loading"]) == ("320", "240", "lazy")


def test_post_page_gives_the_bundle_image_its_size_in_every_language(site, client):
    for code in ("es", "pt", "en"):
        html = post_html(client, "/events/feria-del-libro-libre", code)
        (img,) = select(html, 'img[src^="/media/posts/body/"]')
        assert (img["width"], img["height"]) == ("360", "480")


def test_post_page_shows_the_alt_text_of_a_missing_image_instead_of_a_broken_one(site_copy, client):
    write_post(site_copy, "sin-imagen.md", "![Plano del local](/images/plano-inexistente.png)\n")
    run_import(hugo_site=str(site_copy))
    html = post_html(client, "/news/sin-imagen")
    assert "plano-inexistente" not in html
    assert '<span class="image-missing">Plano del local</span>' in html


def render_with_site_images(text: str) -> str:
    return render_markdown(text, image_size=local_image_size).html


def test_remote_images_stay_as_they_are():
    html = render_with_site_images("![Logo](https://example.org/logo.png)")
    assert 'src="https://example.org/logo.png"' in html and 'loading="lazy"' in html
    assert "image-missing" not in html


def test_a_deleted_media_file_shows_its_alt_text():
    html = render_with_site_images("Antes ![Mapa del barrio](/media/posts/body/borrado.png) después")
    assert "<img" not in html
    assert 'Antes <span class="image-missing">Mapa del barrio</span> después' in html


def test_a_static_image_pillow_cannot_size_is_kept_without_a_size():
    html = render_with_site_images("![Logo](/static/img/favicon.svg)")
    assert 'src="/static/img/favicon.svg"' in html
    assert "width=" not in html


def test_renderer_without_a_size_lookup_leaves_local_images_alone():
    assert "<img" in render_markdown("![Mapa](/media/mapa.png)").html


def test_body_without_images_has_no_references():
    assert local_references("Solo texto, [un enlace](/blog/) y `código`.") == []
