"""The content model: translations side by side, the published() filter, languages(), URLs."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from blog.models import Post, PostRedirect
from tests.factories import make_post, make_tag

pytestmark = pytest.mark.django_db


def test_translated_fields_sit_side_by_side_in_one_row():
    post = make_post(title_es="Hola", title_pt="Olá", title_en="Hello")
    row = Post.objects.values("title_es", "title_pt", "title_en").get(pk=post.pk)
    assert row == {"title_es": "Hola", "title_pt": "Olá", "title_en": "Hello"}


def test_title_follows_the_active_language():
    post = make_post(title_es="Hola", title_pt="Olá", title_en="Hello")
    for code, expected in [("es", "Hola"), ("pt", "Olá"), ("en", "Hello")]:
        with translation.override(code):
            assert Post.objects.get(pk=post.pk).title == expected


def test_missing_translation_falls_back_to_spanish():
    post = make_post(languages=("es",), title_es="Solo en español")
    with translation.override("en"):
        assert Post.objects.get(pk=post.pk).title == "Solo en español"


def test_languages_lists_where_title_and_body_exist():
    post = make_post(languages=("es", "en"))
    assert post.languages() == ["es", "en"]


def test_a_title_without_body_does_not_make_a_language():
    post = make_post(languages=("es",), title_pt="Só título")
    assert post.languages() == ["es"]


def test_published_keeps_live_posts_in_that_language():
    both = make_post(languages=("es", "pt"))
    spanish_only = make_post(languages=("es",))
    make_post(draft=True)
    make_post(date=timezone.now() + timedelta(days=3))
    assert set(Post.objects.published("es")) == {both, spanish_only}
    assert set(Post.objects.published("pt")) == {both}
    assert list(Post.objects.published("en")) == []


def test_published_defaults_to_the_active_language():
    make_post(languages=("es",))
    english = make_post(languages=("en",))
    with translation.override("en"):
        assert list(Post.objects.published()) == [english]


def test_flag_querysets():
    featured = make_post(featured=True)
    carousel = make_post(carousel=True)
    pinned = make_post(pinned=True)
    make_post()
    assert list(Post.objects.featured()) == [featured]
    assert list(Post.objects.in_carousel()) == [carousel]
    assert list(Post.objects.pinned()) == [pinned]


def test_absolute_url_uses_the_active_language_and_its_slug():
    post = make_post(slug_es="hola", slug_pt="ola", slug_en="hello", section="news")
    month = f"{timezone.localtime(post.date):%Y/%m}"
    with translation.override("es"):
        assert post.get_absolute_url() == f"/news/{month}/hola/"
    with translation.override("pt"):
        assert post.get_absolute_url() == f"/pt/news/{month}/ola/"
    assert post.get_absolute_url("en") == f"/en/news/{month}/hello/"


def test_one_tag_has_a_name_per_language():
    tag = make_tag("community", {"es": "Comunidad", "pt": "Comunidade", "en": "Community"})
    with translation.override("pt"):
        assert str(tag) == "Comunidade"


def test_slug_change_keeps_the_old_url_as_a_redirect():
    post = make_post(slug_en="old-name")
    old_url = post.get_absolute_url("en")
    post.slug_en = "new-name"
    post.save()
    redirect = PostRedirect.objects.get(path=old_url)
    assert (redirect.post, redirect.language, redirect.origin) == (post, "en", "slug")


def test_returning_to_an_old_slug_removes_its_redirect():
    post = make_post(slug_en="first")
    post.slug_en = "second"
    post.save()
    post.slug_en = "first"
    post.save()
    assert not PostRedirect.objects.filter(path=post.get_absolute_url("en")).exists()


def test_saving_without_moving_the_url_adds_no_url_query(django_assert_num_queries):
    """The URL sources are remembered when the row is loaded: no re-read, no redirect bookkeeping.

    The second query is the post's tally (`counts`: did anything counted change?), the third the translation
    desk's: is the published source still the one recorded?"""
    post = Post.objects.get(pk=make_post().pk)
    post.featured = True
    with django_assert_num_queries(3):
        post.save()


def test_slug_change_on_a_partly_loaded_post_still_keeps_the_old_url():
    post = make_post(slug_en="old-name")
    old_url = post.get_absolute_url("en")
    partial = Post.objects.only("id", "slug_en").get(pk=post.pk)
    partial.slug_en = "new-name"
    partial.save()
    assert PostRedirect.objects.filter(path=old_url, post=post, language="en").exists()


def test_a_new_post_at_another_posts_old_url_takes_the_url_over():
    moved = make_post(slug_en="taken")
    old_url = moved.get_absolute_url("en")
    moved.slug_en = "moved-away"
    moved.save()
    newcomer = make_post(slug_en="taken", date=moved.date)
    assert newcomer.get_absolute_url("en") == old_url
    assert not PostRedirect.objects.filter(path=old_url).exists()


def test_posts_created_in_a_batch_take_over_old_urls_once_the_batch_is_announced(django_assert_num_queries):
    from blog.signals import posts_saved, saved_in_batch

    moved = make_post(slug_en="taken")
    old_url = moved.get_absolute_url("en")
    moved.slug_en = "moved-away"
    moved.save()
    with saved_in_batch(), django_assert_num_queries(1):  # the INSERT: no redirect bookkeeping per post
        newcomer = Post(**{f: getattr(moved, f) for f in ("section", "date", "title_en", "body_en")})
        newcomer.slug_en, newcomer.status_en = "taken", "published"
        newcomer.save()
    own = PostRedirect.objects.create(path="/en/blog/old-home/", post=newcomer, language="en", origin="hugo")
    assert PostRedirect.objects.filter(path=old_url).exists()
    posts_saved.send(sender=Post, created=[newcomer], updated=[])
    assert list(PostRedirect.objects.filter(post__in=[moved, newcomer])) == [own]


def test_posts_inserted_in_a_batch_are_stored_as_saved_ones_are():
    """One INSERT for the batch, with the same pre_save/post_save work (control characters stripped)."""
    from blog.signals import saved_in_batch

    def fresh(key):
        return Post(source_key=key, section="blog", date=timezone.now(), title_en="Hi\x07 there", body_en="B")

    alone = fresh("alone")
    alone.save()
    together = [fresh(f"batch-{n}") for n in range(3)]
    with saved_in_batch():
        Post.insert_in_batch(together)
    assert all(post.pk and post.title_en == "Hi there" for post in together)
    columns = ("title_en", "body_en", "section", "status_en")
    stored = Post.objects.filter(pk__in=[alone.pk, *(post.pk for post in together)]).values_list(*columns)
    assert len(set(stored)) == 1


def test_posts_are_inserted_in_a_batch_only_inside_one():
    with pytest.raises(RuntimeError):
        Post.insert_in_batch([Post(section="blog", date=timezone.now())])
