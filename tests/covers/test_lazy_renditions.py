"""Cover renditions made on the first request for them (covers.lazy, covers.views.rendition), not on import
or save: what pages link to, what the view makes, stores and records, the lock, and failures."""

import io
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from PIL import Image

from blog.models import Post
from covers import lazy
from covers.models import RenditionLock
from tests.factories import make_post
from tests.html import select_one

pytestmark = pytest.mark.django_db


def image_bytes(size=(1600, 900), mode="RGB", image_format="JPEG", colour=(200, 120, 40), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, image_format, **options)
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    """A JPEG cut in half: its header (and size) is fine, its pixels are not."""
    data = image_bytes()
    return data[: len(data) // 2]


def post_with_cover(data: bytes | None = None, name: str = "portada.jpg", **fields) -> Post:
    post = make_post(**fields)
    post.cover.save(name, ContentFile(data or image_bytes()), save=True)
    return Post.objects.get(pk=post.pk)


def listing_picture(client, post: Post):
    response = client.get("/")
    assert response.status_code == 200
    card = select_one(response, f'.post-card:has(a[href="{post.get_absolute_url("es")}"])')
    return card.select_one("picture source"), select_one(card, "img")  # no <source> for a generated cover


def counting_builds():
    """build_rendition, counted (it still runs)."""
    return mock.patch.object(lazy, "build_rendition", wraps=lazy.build_rendition)


def test_pages_link_the_rendition_view_sized_from_the_stored_dimensions(client, _media_root):
    post = post_with_cover(image_bytes((1600, 900)))
    source, img = listing_picture(client, post)
    assert source["srcset"].startswith(f"/covers/renditions/{post.pk}-listing.webp?v=")
    assert img["src"].startswith(f"/covers/renditions/{post.pk}-listing.fallback?v=")
    assert (img["width"], img["height"]) == ("640", "360")
    assert not (_media_root / "renditions").exists()  # nothing made by saving or by rendering


def test_the_first_request_makes_stores_and_records_the_rendition(client, _media_root):
    post = post_with_cover(image_bytes((1600, 900)))
    with counting_builds() as build:
        response = client.get(f"/covers/renditions/{post.pk}-carousel.webp")
    assert response.status_code == 302 and build.call_count == 1
    assert (
        response["Location"].startswith("/media/renditions/portada-carousel")
        and "max-age=86400" in (response["Cache-Control"])
    )
    post.refresh_from_db()
    recorded = post.rendition("carousel")
    assert response["Location"] == recorded["webp_url"]
    assert (recorded["width"], recorded["height"]) == (1280, 720)
    with Image.open(_media_root / post.cover_renditions["carousel"]["fallback"]) as stored:
        assert stored.format == "JPEG" and stored.size == (1280, 720)
    assert post.rendition("listing") is None  # each kind when it is asked for


def test_a_recorded_rendition_is_served_from_storage_and_linked_directly(client):
    post = post_with_cover()
    first = client.get(f"/covers/renditions/{post.pk}-listing.fallback")
    with counting_builds() as build:
        second = client.get(f"/covers/renditions/{post.pk}-listing.webp")
        source, img = listing_picture(client, post)
    assert build.call_count == 0
    assert first["Location"].endswith(".jpg") and second["Location"].endswith(".webp")
    assert (source["srcset"], img["src"]) == (second["Location"], first["Location"])


def test_a_request_waiting_for_the_lock_is_served_what_its_holder_made(client):
    """Another process holds the lock: the request waits, makes nothing, and redirects to its files."""
    post = post_with_cover()
    token = lazy.take_lock(post.pk)
    holder_made = []

    def other_process_finishes(seconds):
        if not holder_made:
            holder_made.append(lazy._make_and_record(Post.objects.get(pk=post.pk), "listing"))
            lazy.release_lock(post.pk, token)

    with (
        mock.patch.object(lazy.time, "sleep", side_effect=other_process_finishes),
        counting_builds() as build,
    ):
        response = client.get(f"/covers/renditions/{post.pk}-listing.webp")
    assert build.call_count == 1  # the holder's only
    assert response.status_code == 302 and response["Location"].endswith(holder_made[0]["webp"])
    assert not RenditionLock.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_make_a_rendition_once():
    """Two requests at once (two threads, two database connections): one makes it, both get it.

    PostgreSQL only: SQLite's in-memory test database is opened in shared-cache mode, where a write meeting
    another connection's read fails at once ("database table is locked", no busy wait as with a database
    file), so the first request's record would fail now and then. On SQLite the waiting is covered by
    `test_a_request_waiting_for_the_lock_is_served_what_its_holder_made`."""
    post = post_with_cover()
    started, release = threading.Event(), threading.Event()
    real_build = lazy.build_rendition
    calls = []

    def slow_build(*args, **kwargs):
        calls.append(threading.current_thread().name)
        started.set()
        release.wait(10)
        return real_build(*args, **kwargs)

    locations = {}

    def ask(name):
        try:  # a client of its own per thread, as two browsers
            locations[name] = Client().get(f"/covers/renditions/{post.pk}-listing.webp")["Location"]
        finally:
            connection.close()

    with mock.patch.object(lazy, "build_rendition", side_effect=slow_build):
        first = threading.Thread(target=ask, args=("first",), name="first")
        first.start()
        assert started.wait(10)
        second = threading.Thread(target=ask, args=("second",), name="second")
        second.start()
        second.join(0.3)  # it is waiting on the lock, not making a second copy
        release.set()
        first.join(20)
        second.join(20)
    assert calls == ["first"]
    assert locations["first"] == locations["second"]
    assert locations["first"] == Post.objects.get(pk=post.pk).rendition("listing")["webp_url"]


def test_a_lock_left_by_a_killed_process_is_taken_over(client):
    post = post_with_cover()
    RenditionLock.objects.create(post=post, taken_at=timezone.now() - timedelta(minutes=5), token="dead")
    response = client.get(f"/covers/renditions/{post.pk}-listing.webp")
    assert response["Location"].startswith("/media/renditions/")
    assert not RenditionLock.objects.exists()


def test_waiting_too_long_gives_the_generated_cover_uncached(client, settings):
    post = post_with_cover()
    lazy.take_lock(post.pk)
    with mock.patch.object(lazy, "WAIT_SECONDS", 0.0), counting_builds() as build:
        response = client.get(f"/covers/renditions/{post.pk}-listing.webp")
    assert build.call_count == 0
    assert response["Location"].startswith(f"/covers/{post.pk}-listing.png?v=")
    assert "no-store" in response["Cache-Control"]


def test_a_corrupt_cover_gives_the_generated_cover_and_pages_then_draw_it(client):
    post = post_with_cover(truncated_jpeg())
    assert (post.cover_width, post.cover_height) == (1600, 900)
    response = client.get(f"/covers/renditions/{post.pk}-listing.webp")
    assert response.status_code == 302 and response["Location"].startswith(f"/covers/{post.pk}-listing.png")
    assert client.get(response["Location"]).status_code == 200
    post.refresh_from_db()
    assert post.cover_renditions["listing"] == {"failed": True}
    with counting_builds() as build:
        assert client.get(f"/covers/renditions/{post.pk}-listing.webp")["Location"] == response["Location"]
    assert build.call_count == 0  # not tried again for this cover
    _source, img = listing_picture(client, post)
    assert img["src"].startswith(f"/covers/{post.pk}-listing.png?v=")


def test_the_generated_fallback_speaks_the_pages_language(client):
    post = post_with_cover(truncated_jpeg())
    response = client.get(f"/covers/pt/renditions/{post.pk}-carousel.fallback")
    assert response["Location"].startswith(f"/covers/pt/{post.pk}-carousel.png?v=")


def test_a_missing_cover_file_gives_the_generated_cover_and_records_nothing(client, _media_root):
    post = post_with_cover()
    (_media_root / post.cover.name).unlink()
    response = client.get(f"/covers/renditions/{post.pk}-listing.webp")
    assert (
        response["Location"].startswith(f"/covers/{post.pk}-listing.png")
        and "no-store" in (response["Cache-Control"])
    )
    post.refresh_from_db()
    assert "listing" not in post.cover_renditions


def test_a_transparent_cover_falls_back_to_png(client):
    post = post_with_cover(image_bytes((300, 200), "RGBA", "PNG", (255, 0, 0, 0)), name="clara.png")
    assert client.get(f"/covers/renditions/{post.pk}-listing.fallback")["Location"].endswith(".png")
    assert Post.objects.get(pk=post.pk).rendition("listing")["fallback_type"] == "image/png"


def test_small_covers_are_never_enlarged(client):
    post = post_with_cover(image_bytes((480, 270)))
    _source, img = listing_picture(client, post)
    assert (img["width"], img["height"]) == ("480", "270")
    client.get(f"/covers/renditions/{post.pk}-carousel.webp")
    carousel = Post.objects.get(pk=post.pk).rendition("carousel")
    assert (carousel["width"], carousel["height"]) == (480, 270)


def test_unknown_kinds_formats_languages_and_drafts_are_404(client):
    post = post_with_cover()
    draft = post_with_cover(draft=True)
    for url in (
        f"/covers/renditions/{post.pk}-social.webp",
        f"/covers/renditions/{post.pk}-listing.gif",
        f"/covers/xx/renditions/{post.pk}-listing.webp",
        f"/covers/renditions/{draft.pk}-listing.webp",
    ):
        assert client.get(url).status_code == 404, url


def test_a_post_without_a_cover_redirects_to_its_generated_one(client):
    post = make_post()
    response = client.get(f"/covers/renditions/{post.pk}-listing.webp")
    assert response["Location"].startswith(f"/covers/{post.pk}-listing.png")


def test_a_rendition_that_cannot_be_recorded_leaves_no_file(client, _media_root):
    """The cover was replaced while its old one was being made: the files made go, nothing is recorded."""
    post = post_with_cover()
    real_build = lazy.build_rendition

    def build_then_replace(*args, **kwargs):
        made = real_build(*args, **kwargs)
        Post.objects.filter(pk=post.pk).update(cover="covers/2025/otra.jpg")
        return made

    with mock.patch.object(lazy, "build_rendition", side_effect=build_then_replace):
        response = client.get(f"/covers/renditions/{post.pk}-listing.webp")
    assert response["Location"].startswith(f"/covers/{post.pk}-listing.png")
    assert not list((_media_root / "renditions").iterdir())
    assert "listing" not in Post.objects.get(pk=post.pk).cover_renditions
