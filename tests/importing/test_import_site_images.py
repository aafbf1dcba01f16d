"""Images as Hugo serves them (issue 12, point 6): site-relative paths (`images/x.png`, no leading slash)
found under the site's `static/` after the page's own resources, for covers, body images and avatars; SVG
covers stored as they came, shown through `<img>` and served with a policy that allows no script."""

import re

import pytest

from blog.models import Author, Post
from importing.images import ImageError, resolve_image
from reader.cards import cover_picture
from tests.importing.test_import_hugo import run_import
from tests.paths import HUGO_SAMPLE

STATIC = HUGO_SAMPLE / "static"
LANGUAGES = ("es", "en", "pt")
pytestmark = pytest.mark.django_db


@pytest.fixture
def site() -> str:
    return run_import(hugo_site=str(HUGO_SAMPLE), verbosity=2)


def media_response(client, url: str):
    response = client.get(url)
    return response, b"".join(response.streaming_content) if response.streaming else response.content


# --- resolution ---------------------------------------------------------------------------------------------


def test_a_relative_path_is_the_page_resource_first_then_the_sites_static_file(tmp_path):
    bundle = tmp_path / "content" / "blog" / "post"
    (bundle / "images").mkdir(parents=True)
    (tmp_path / "static" / "images").mkdir(parents=True)
    for folder in (bundle / "images", tmp_path / "static" / "images"):
        (folder / "both.png").write_bytes(b"x")
    (tmp_path / "static" / "images" / "site.png").write_bytes(b"x")
    options = {"static_root": tmp_path / "static", "folder": bundle, "relative_root": tmp_path / "content"}
    assert resolve_image("images/both.png", **options) == (bundle / "images" / "both.png").resolve()
    assert resolve_image("images/site.png", **options) == (tmp_path / "static/images/site.png").resolve()
    assert resolve_image("images/none.png", **options) is None
    with pytest.raises(ImageError, match="escapes"):
        resolve_image("../../../etc/passwd", **options)


@pytest.mark.parametrize(
    ("group", "source", "size"),
    [
        ("/blog/guia-django-proyecto", "images/guia-django-proyecto.png", (480, 270)),
        ("/events/taller-django-plaza", "images/taller-plaza.jpg", (480, 270)),
        ("/events/feria-del-libro-libre", "cover.jpg", (360, 480)),
    ],
)
def test_the_samples_relative_covers_are_stored_not_generated(site, client, group, source, size):
    post = Post.objects.get(source_key=group)
    assert post.cover and post.cover_source == source
    assert (post.cover_width, post.cover_height) == size
    for language in LANGUAGES:
        html = client.get(post.get_absolute_url(language)).content.decode()
        cover = html.split('<div class="post-cover">')[1].split("</div>")[0]
        assert f"renditions/{post.pk}-carousel.webp" in cover  # the stored cover's rendition


def test_a_relative_body_image_resolves_under_static(tmp_path, _media_root):
    source = tmp_path / "content" / "blog" / "cuerpo.md"
    source.parent.mkdir(parents=True)
    source.write_text("---\ntitle: Cuerpo\ndate: 2025-01-01\n---\nTexto.\n\n![Plano](images/postgres.png)\n")
    output = run_import(tmp_path / "content", lang="es", static_root=str(STATIC))
    assert "not found" not in output
    assert re.search(r"!\[Plano\]\(/media/posts/body/[0-9a-f]{32}\.png\)", Post.objects.get().body_es)


def test_the_missing_cover_still_gets_a_generated_cover_and_a_warning(site, client):
    assert "cover image '/images/encontro-porto-alegre.webp' not found" in site
    post = Post.objects.get(source_key="/news/encontro-porto-alegre")
    assert not post.cover
    picture = cover_picture(post, "listing", "pt")
    assert picture["generated"]
    assert picture["src"] in client.get("/pt/news/").content.decode()


# --- avatars ------------------------------------------------------------------------------------------------


def test_a_relative_avatar_is_stored_and_shown_in_every_language(site, client):
    assert "avatar" not in " ".join(line for line in site.splitlines() if "mara-quintana" in line)
    author = Author.objects.get(slug="mara-quintana")
    assert author.avatar.name.startswith("authors/mara-quintana")
    assert author.avatar.read() == (STATIC / "images/authors/mara-quintana.png").read_bytes()
    for prefix in ("", "/en", "/pt"):
        html = client.get(f"{prefix}/authors/mara-quintana/").content.decode()
        assert f'src="{author.avatar.url}"' in html


# --- SVG ----------------------------------------------------------------------------------------------------


def test_the_svg_cover_is_stored_as_it_came_with_its_size(site):
    post = Post.objects.get(source_key="/blog/guia-django-vistas")
    assert post.cover.name.endswith(".svg") and post.cover_source == "/images/diagram.svg"
    assert post.cover.read() == (STATIC / "images" / "diagram.svg").read_bytes()
    assert (post.cover_width, post.cover_height) == (480, 240)
    assert "diagram.svg" not in site  # no warning about it


def test_the_svg_cover_is_an_img_on_the_post_page_and_the_listing(site, client, _media_root):
    post = Post.objects.get(source_key="/blog/guia-django-vistas")
    img = re.compile(rf'<img[^>]*src="{re.escape(post.cover.url)}"[^>]*>')
    for language in LANGUAGES:
        page = client.get(post.get_absolute_url(language)).content.decode()
        assert img.search(page) and "<svg" not in page.split('<div class="post-cover">')[1][:400]
    assert img.search(client.get("/").content.decode())  # a card in the home page's listing
    assert not (_media_root / "renditions").exists()  # nothing tried to rasterise it


def test_the_svg_cover_answers_as_svg_with_a_script_free_policy(site, client):
    post = Post.objects.get(source_key="/blog/guia-django-vistas")
    response, body = media_response(client, post.cover.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert body == (STATIC / "images" / "diagram.svg").read_bytes()


def test_the_rendition_view_of_an_svg_cover_sends_the_svg_itself(site, client):
    post = Post.objects.get(source_key="/blog/guia-django-vistas")
    response = client.get(f"/covers/renditions/{post.pk}-listing.webp")
    assert response.status_code == 302 and response["Location"] == post.cover.url


XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&secret;</text></svg>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
)
SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HANDLER = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
FOREIGN = b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>hi</p></foreignObject></svg>'


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (XXE, "is not a safe SVG (its document type declares entities or an internal subset)"),
        (BILLION_LAUGHS, "is not a safe SVG (its document type declares entities or an internal subset)"),
        (SCRIPT, "is not a safe SVG (it has a <script> element)"),
        (HANDLER, "is not a safe SVG (it has an event handler, onload=)"),
        (FOREIGN, "is not a safe SVG (it has a <foreignObject> element)"),
        (b"<svg><unclosed></svg>", "is not a well-formed SVG (mismatched tag)"),
    ],
)
def test_an_unsafe_svg_cover_is_refused_with_a_clear_line(tmp_path, _media_root, content, problem):
    (tmp_path / "static" / "images").mkdir(parents=True)
    (tmp_path / "static" / "images" / "evil.svg").write_bytes(content)
    source = tmp_path / "post.md"
    source.write_text("---\ntitle: Mala\ndate: 2025-01-01\nimages: [/images/evil.svg]\n---\nTexto.\n")
    output = run_import(source, lang="es", static_root=str(tmp_path / "static"))
    assert f"post.md: cover '/images/evil.svg' {problem}; not stored" in output
    post = Post.objects.get()
    assert not post.cover and post.cover_source == "/images/evil.svg"
    assert not list(_media_root.rglob("*.svg"))
