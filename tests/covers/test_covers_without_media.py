"""Pages never read a media file (dimensions are stored: on import, on upload, by the 0007 backfill), and
covers uploaded in the admin get their renditions the same lazy way as imported ones."""

import importlib
import io
import shutil
from unittest import mock

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from blog.models import Post
from tests.blog.test_admin import post_form_data
from tests.factories import make_post, make_tag
from tests.html import select, select_one

pytestmark = pytest.mark.django_db
backfill = importlib.import_module("blog.migrations.0007_cover_stored_dimensions")


def jpeg(size=(1600, 900), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (30, 90, 160))
    image.paste((255, 0, 0), (0, 0, size[0], size[1] // 8))  # a red band along the top edge
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def post_with_cover(**fields) -> Post:
    post = make_post(**fields)
    post.cover.save("portada.jpg", ContentFile(jpeg()), save=True)
    return post


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    return client


def test_pages_answer_with_every_media_file_gone_and_size_covers_from_the_stored_dimensions(
    client, _media_root
):
    tag = make_tag("portadas")
    made = post_with_cover(carousel=True, tags=[tag])
    pending = post_with_cover(tags=[tag])
    client.get(f"/covers/renditions/{made.pk}-listing.webp")  # one made and recorded, one not
    # Stored dimensions that are not the file's (1600×900): the pages can only have them from the row.
    Post.objects.filter(pk__in=[made.pk, pending.pk]).update(cover_width=1000, cover_height=500)
    # And a cover stored without them, as the importer used to: Django's ImageField measured it on load.
    unmeasured = post_with_cover(tags=[tag])
    Post.objects.filter(pk=unmeasured.pk).update(cover_width=None, cover_height=None)
    shutil.rmtree(_media_root)

    home = client.get("/")
    for url in (
        "/en/",
        pending.get_absolute_url("es"),
        made.get_absolute_url("pt"),
        unmeasured.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(tag.get_absolute_url()).status_code == 200
    for url in (reverse("discovery:feed-rss"), reverse("discovery:feed-atom")):
        assert client.get(url).status_code == 200, url
    assert home.status_code == 200
    card = select_one(home, f'.post-card:has(a[href="{pending.get_absolute_url("es")}"])')
    img = select_one(card, "img")
    assert img["src"].startswith(f"/covers/renditions/{pending.pk}-listing.fallback")
    assert (img["width"], img["height"]) == ("640", "320")  # 1000×500 scaled to the listing's 640
    unmeasured_card = select_one(home, f'.post-card:has(a[href="{unmeasured.get_absolute_url("es")}"])')
    assert select_one(unmeasured_card, "img")["src"].startswith(f"/covers/{unmeasured.pk}-listing.png")
    page = client.get(pending.get_absolute_url("es"))
    cover = select_one(page, ".post-cover img")
    assert (cover["width"], cover["height"]) == ("1000", "500")  # narrower than the carousel's 1280


def test_loading_a_post_never_opens_its_cover_file(_media_root):
    post = post_with_cover()
    Post.objects.filter(pk=post.pk).update(cover_width=None, cover_height=None)  # as imported covers were
    (_media_root / post.cover.name).unlink()
    with mock.patch.object(default_storage, "open", side_effect=AssertionError("a media file was opened")):
        loaded = Post.objects.get(pk=post.pk)
        loaded.refresh_from_db()
        loaded.title_es = "Otro título"
        loaded.save()
    assert (loaded.cover_width, loaded.cover_height) == (None, None)


def test_the_backfill_reads_each_cover_once_and_skips_missing_files(_media_root):
    upright = post_with_cover()
    turned = make_post()
    turned.cover.save("girada.jpg", ContentFile(jpeg((1600, 900), orientation=6)), save=True)
    missing = post_with_cover()
    (_media_root / missing.cover.name).unlink()
    make_post()  # no cover at all
    Post.objects.update(cover_width=None, cover_height=None)

    with mock.patch.object(default_storage, "open", wraps=default_storage.open) as opened:
        backfill.store_cover_dimensions(apps, None)
    assert sorted(call.args[0] for call in opened.call_args_list) == sorted(
        [upright.cover.name, turned.cover.name, missing.cover.name]
    )
    sizes = dict(Post.objects.values_list("pk", "cover_width"))
    assert Post.objects.values_list("cover_width", "cover_height").get(pk=upright.pk) == (1600, 900)
    assert Post.objects.values_list("cover_width", "cover_height").get(pk=turned.pk) == (900, 1600)
    assert sizes[missing.pk] is None


def test_an_admin_upload_stores_its_size_and_gets_renditions_when_first_asked(superuser_client, _media_root):
    upload = SimpleUploadedFile("subida.jpg", jpeg((1600, 900)), content_type="image/jpeg")
    response = superuser_client.post(reverse("admin:blog_post_add"), post_form_data(cover=upload))
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.cover_width, post.cover_height) == (1600, 900)
    assert not (_media_root / "renditions").exists()  # nothing made while saving

    superuser_client.logout()
    redirect = superuser_client.get(f"/covers/renditions/{post.pk}-carousel.fallback")
    assert redirect["Location"].startswith("/media/renditions/subida-carousel")
    post.refresh_from_db()
    assert (post.rendition("carousel")["width"], post.rendition("carousel")["height"]) == (1280, 720)


def test_replacing_a_cover_in_the_admin_forgets_the_old_renditions(superuser_client, client):
    post = post_with_cover()
    first = client.get(f"/covers/renditions/{post.pk}-listing.webp")["Location"]
    change = reverse("admin:blog_post_change", args=[post.pk])
    new = SimpleUploadedFile("nueva.jpg", jpeg((800, 800)), content_type="image/jpeg")
    data = post_form_data(
        title_es=post.title_es, slug_es=post.slug_es, body_es=post.body_es, date_0="2025-04-18", cover=new
    )
    assert superuser_client.post(change, data).status_code == 302
    post.refresh_from_db()
    assert post.cover_renditions == {} and (post.cover_width, post.cover_height) == (800, 800)
    superuser_client.logout()
    second = client.get(f"/covers/renditions/{post.pk}-listing.webp")["Location"]
    assert second != first and second.startswith("/media/renditions/nueva-listing")


def test_an_upload_turned_by_its_exif_orientation_is_stored_upright(_media_root):
    post = make_post()
    post.cover = SimpleUploadedFile("girada.jpg", jpeg((160, 90), orientation=6), content_type="image/jpeg")
    post.save()
    post = Post.objects.get(pk=post.pk)
    assert (post.cover_width, post.cover_height) == (90, 160)
    with Image.open(_media_root / post.cover.name) as stored:
        assert stored.size == (90, 160) and stored.getexif().get(0x0112) in (None, 1)
        assert stored.convert("RGB").getpixel((85, 80))[0] > 200  # the top band is now on the right


def test_an_upright_upload_is_stored_byte_for_byte(_media_root):
    data = jpeg((160, 90), orientation=1)
    post = make_post()
    post.cover = SimpleUploadedFile("recta.jpg", data, content_type="image/jpeg")
    post.save()
    assert (_media_root / Post.objects.get(pk=post.pk).cover.name).read_bytes() == data


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_covers_add_no_query_to_a_page(client):
    posts = [post_with_cover(carousel=n < 2) if n % 2 else make_post(carousel=n < 2) for n in range(6)]
    client.get(f"/covers/renditions/{posts[1].pk}-listing.webp")
    urls = ["/", "/en/", posts[1].get_absolute_url("es"), posts[3].get_absolute_url("pt")]
    for url in urls:
        client.get(url)  # warm what every request warms (the generation, compiled templates)
    with_covers = [count_queries(client, url) for url in urls]
    links = [len(select(client.get("/"), '.post-card img[src^="/covers/renditions/"]'))]
    Post.objects.update(cover="", cover_width=None, cover_height=None, cover_renditions={})
    assert [count_queries(client, url) for url in urls] == with_covers
    assert links == [2]  # the two listing covers not made yet; the made one links the stored file
