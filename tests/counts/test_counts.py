"""The kept counts (`counts`) always equal a fresh COUNT of what readers see: after creating, editing,
unpublishing a language, deleting, changing tags from either side, moving a post, an import batch, and when
a scheduled language's moment passes with no write at all."""

from collections import defaultdict
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Author, Category, Post, Series, Tag, exists_in, exists_in_any_language
from blog.signals import posts_saved, saved_in_batch
from counts.live import live_counts, upcoming_moments
from counts.models import PostTally
from counts.tally import rebuild
from tests.factories import make_author, make_category, make_post, make_series, make_tag

pytestmark = pytest.mark.django_db

LANGUAGES = ("es", "pt", "en")
TERMS = ((Tag, "tag"), (Category, "category"), (Series, "series"), (Author, "author"))


def fresh_counts() -> dict[str, dict[str, int]]:
    """The same figures as `live_counts`, counted afresh with the readers' own filters."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for code in LANGUAGES:
        posts = Post.objects.published(code).order_by()
        counts[code]["all"] = posts.count()
        for section, n in posts.values("section").annotate(n=Count("pk")).values_list("section", "n"):
            counts[code][f"section:{section}"] = n
        for model, kind in TERMS:
            rows = model.objects.annotate(n=Count("posts", filter=exists_in(code, prefix="posts__")))
            for pk, n in rows.values_list("pk", "n"):
                counts[code][f"{kind}:{pk}"] = n
    live = Post.objects.filter(exists_in_any_language()).order_by()
    counts["*"]["all"] = live.count()
    for section, n in live.values("section").annotate(n=Count("pk")).values_list("section", "n"):
        counts["*"][f"section:{section}"] = n
    return without_zeros(counts)


def without_zeros(counts) -> dict:
    return {
        code: {k: n for k, n in buckets.items() if n}
        for code, buckets in counts.items()
        if any(buckets.values())
    }


def kept() -> dict:
    """The kept counts of the listings that exist (a deleted term's links go without signals, and nothing
    reads the count of a term that does not exist)."""
    existing = {"all"} | {f"section:{s}" for s in Post.objects.values_list("section", flat=True)}
    for model, kind in TERMS:
        existing |= {f"{kind}:{pk}" for pk in model.objects.values_list("pk", flat=True)}
    live = live_counts()
    return without_zeros({code: {k: n for k, n in b.items() if k in existing} for code, b in live.items()})


@pytest.fixture
def site():
    tags = [make_tag(f"tag-{n}") for n in range(3)]
    category, series, author = make_category("cat"), make_series("serie"), make_author("ana")
    posts = [
        make_post(tags=tags[:2], categories=[category], authors=[author]),
        make_post(languages=("es",), tags=tags[1:], section="news"),
        make_post(languages=("pt", "en"), tags=[tags[0]], series=series),
        make_post(draft=True, tags=tags),
    ]
    return {"tags": tags, "category": category, "series": series, "author": author, "posts": posts}


def test_counts_after_creating_posts_match_a_fresh_count(site):
    assert kept() == fresh_counts()
    assert kept()["es"]["all"] == 2 and kept()["*"]["all"] == 3


def test_a_new_language_and_a_title_edit_are_counted(site):
    post = site["posts"][1]
    post.title_en, post.body_en, post.status_en = "Hello", "Body", "published"
    post.save()
    assert kept() == fresh_counts()
    assert kept()["en"][f"tag:{site['tags'][2].pk}"] == 1


def test_unpublishing_a_language_removes_it_from_that_languages_counts_only(site):
    post = site["posts"][0]
    post.status_pt = "draft"
    post.save()
    assert kept() == fresh_counts()
    assert f"tag:{site['tags'][0].pk}" in kept()["pt"]  # still the third post's
    assert f"category:{site['category'].pk}" not in kept()["pt"]
    assert kept()["es"][f"category:{site['category'].pk}"] == 1


def test_emptying_a_body_takes_the_post_out_of_that_language(site):
    post = Post.objects.get(pk=site["posts"][0].pk)
    post.body_es = ""
    post.save()
    assert kept() == fresh_counts()


def test_deleting_posts_subtracts_them(site):
    site["posts"][0].delete()
    Post.objects.filter(pk=site["posts"][2].pk).delete()
    assert kept() == fresh_counts()
    assert not PostTally.objects.filter(post_id__in=[site["posts"][0].pk, site["posts"][2].pk]).exists()


def test_tag_changes_from_the_post_side_are_counted(site):
    post, tags = site["posts"][0], site["tags"]
    post.tags.remove(tags[0])
    post.tags.add(tags[2])
    assert kept() == fresh_counts()
    post.tags.clear()
    post.categories.set([])
    post.authors.add(make_author("bea"))
    assert kept() == fresh_counts()


def test_tag_changes_from_the_tag_side_are_counted(site):
    tag = site["tags"][0]
    tag.posts.add(site["posts"][1])
    assert kept() == fresh_counts()
    tag.posts.remove(site["posts"][0])
    assert kept() == fresh_counts()
    tag.posts.clear()
    assert kept() == fresh_counts()


def test_moving_a_post_to_another_section_and_series(site):
    post = site["posts"][0]
    post.section, post.series = "news", site["series"]
    post.save()
    assert kept() == fresh_counts()
    assert kept()["es"][f"series:{site['series'].pk}"] == 1


def test_deleting_a_series_or_tag_leaves_the_other_counts_right(site):
    site["series"].delete()  # its posts' series becomes NULL in one UPDATE, without a signal
    site["tags"][1].delete()  # its links go in one DELETE, without a signal
    assert kept() == fresh_counts()


def test_posts_of_a_deleted_tag_are_counted_right_when_edited_later(site):
    site["tags"][1].delete()
    for post in site["posts"]:
        post = Post.objects.get(pk=post.pk)
        post.status_es = "draft" if post.status_es == "published" else "published"
        post.save()
    assert kept() == fresh_counts()


def test_a_scheduled_language_counts_once_its_moment_passes_with_no_write(site):
    now = timezone.now()
    later = make_post(date=now + timedelta(hours=2), tags=[site["tags"][0]])
    own_date = make_post(languages=("es", "en"), publish_at_en=now + timedelta(hours=1))
    assert kept() == fresh_counts()
    assert kept()["es"]["all"] == 3 and kept()["en"]["all"] == 2
    with time_machine.travel(now + timedelta(minutes=61), tick=False):
        assert kept() == fresh_counts()
        assert kept()["en"]["all"] == 3
    with time_machine.travel(now + timedelta(hours=3), tick=False):
        assert kept() == fresh_counts()
        assert kept()["es"][f"tag:{site['tags'][0].pk}"] == 2
    assert later.pk and own_date.pk


def test_a_post_only_scheduled_is_left_out_of_any_language_lists(site):
    make_post(languages=("en",), publish_at_en=timezone.now() + timedelta(days=1), section="events")
    assert "section:events" not in kept().get("*", {})
    assert kept() == fresh_counts()


def test_an_import_batch_is_counted_from_its_signal(site):
    tag = site["tags"][2]
    with saved_in_batch():
        created = Post.objects.create(
            title_es="Nuevo", body_es="Texto", status_es="published", section="blog"
        )
        Post.tags.through.objects.create(post_id=created.pk, tag_id=tag.pk)  # links in bulk: no signal
        updated = Post.objects.get(pk=site["posts"][0].pk)
        updated.status_en = "draft"
        updated.save()
        posts_saved.send(sender=Post, created=[created], updated=[updated])
    assert kept() == fresh_counts()


def test_rebuilding_gives_the_kept_counts(site):
    site["posts"][0].tags.add(site["tags"][2])
    before = kept()
    rebuild()
    assert kept() == before == fresh_counts()


def test_a_save_that_changes_nothing_counted_reads_one_row():
    post = Post.objects.get(pk=make_post().pk)
    post.featured = True
    with CaptureQueriesContext(connection) as captured:
        post.save()
    tally_queries = [query for query in captured if "counts_" in query["sql"]]
    assert len(tally_queries) == 1


def test_a_save_of_fields_nothing_counts_reads_no_tally():
    post = make_post()
    with CaptureQueriesContext(connection) as captured:
        post.save(update_fields=["featured"])
    assert not [query for query in captured if "counts_" in query["sql"]]


def test_reading_the_counts_takes_one_query_and_one_more_when_posts_are_scheduled(site):
    with CaptureQueriesContext(connection) as few:
        live_counts()
    for _ in range(20):
        make_post(tags=site["tags"][:1])
    with CaptureQueriesContext(connection) as many:
        live_counts()
    for _ in range(20):
        make_post(tags=site["tags"][:1], date=timezone.now() + timedelta(days=1))
    with CaptureQueriesContext(connection) as scheduled:
        live_counts()
    assert (len(few), len(many), len(scheduled)) == (1, 1, 2)


def test_recount_catches_up_with_posts_written_past_the_orm(site):
    Post.objects.bulk_create(
        [Post(title_es="Masivo", body_es="Texto", status_es="published", section="bulk")]
    )
    assert kept() != fresh_counts()  # bulk_create sends no signal: the kept counts do not know the post
    call_command("recount", stdout=StringIO())
    assert kept() == fresh_counts()


def test_upcoming_moments_are_each_ready_language_due_later():
    """What the content generation expires at: a future date, a language's own later `publish_at`; not a
    draft's date, nor a moment already past."""
    now = timezone.now()
    later, much_later = now + timedelta(hours=1), now + timedelta(days=2)
    make_post(date=later)
    make_post(publish_at_pt=much_later)
    make_post(date=now + timedelta(hours=3), draft=True)
    make_post(date=now - timedelta(hours=1))
    assert sorted(upcoming_moments()) == [later, later, later, much_later]


def test_upcoming_moments_read_the_tallies_not_the_posts():
    """One small indexed query, whatever the number of posts (it runs at every edit's generation bump)."""
    make_post(date=timezone.now() + timedelta(hours=1))
    with CaptureQueriesContext(connection) as queries:
        upcoming_moments()
    assert len(queries) == 1
    assert '"blog_post"' not in queries[0]["sql"]
