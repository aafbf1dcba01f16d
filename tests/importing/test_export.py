"""`export_posts` writes a Hugo tree; import → export → import into an empty database gives the same rows."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from blog.models import Author, Category, Post, PostRedirect, Series, Tag
from tests.paths import HUGO_SAMPLE, ROOT

ROOT = ROOT
SEEDS = ROOT / "fixtures" / "content"
SITE = HUGO_SAMPLE
pytestmark = pytest.mark.django_db

POST_FIELDS = [
    "source_key",
    "translation_key",
    "section",
    "date",
    "updated",
    "status_es",
    "status_pt",
    "status_en",
    "featured",
    "pinned",
    "carousel",
    "toc",
    "comment",
    "reward",
    "cover_source",
    "extra",
    *(f"{field}_{code}" for field in ("title", "slug", "summary", "body") for code in ("es", "pt", "en")),
]


def terms(model) -> set:
    return set(model.objects.values_list("slug_es", "slug_pt", "slug_en", "name_es", "name_pt", "name_en"))


def snapshot() -> dict:
    posts = {}
    for post in Post.objects.prefetch_related("authors", "categories", "tags").select_related("series"):
        posts[post.source_key] = (
            {field: getattr(post, field) for field in POST_FIELDS},
            sorted(a.slug for a in post.authors.all()),
            sorted(
                c.languages() + [c.slug_in(code) for code in c.languages()] for c in post.categories.all()
            ),
            sorted(t.languages() + [t.slug_in(code) for code in t.languages()] for t in post.tags.all()),
            [post.series.slug_in(code) for code in post.series.languages()] if post.series else None,
        )
    return {
        "posts": posts,
        "categories": terms(Category),
        "tags": terms(Tag),
        "series": terms(Series),
        "authors": set(
            Author.objects.values_list(
                "slug", "name", "bio_es", "bio_pt", "bio_en", "github", "email", "website"
            )
        ),
        "redirects": set(PostRedirect.objects.values_list("path", "language", "origin", "post__source_key")),
    }


def quiet(command: str, *args, **options) -> None:
    call_command(command, *map(str, args), stdout=StringIO(), stderr=StringIO(), **options)


def empty_database() -> None:
    for model in (PostRedirect, Post, Category, Tag, Series, Author):
        model.objects.all().delete()


def test_export_writes_one_file_per_post_language(tmp_path):
    quiet("import_posts", SEEDS)
    quiet("export_posts", tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "blog").rglob("*.md"))
    assert len(names) == 5
    assert all(name.rsplit(".", 2)[1] in {"es", "pt", "en"} for name in names)


def test_round_trip_gives_the_same_rows(tmp_path):
    quiet("import_posts", SEEDS)
    quiet("import_posts", hugo_site=str(SITE))
    before = snapshot()
    quiet("export_posts", tmp_path)
    empty_database()
    quiet("import_posts", tmp_path)
    after = snapshot()
    for key in before:
        assert after[key] == before[key], key


def test_round_trip_keeps_a_post_that_has_a_title_but_no_body_yet(tmp_path):
    Post.objects.create(
        source_key="borrador",
        translation_key="borrador",
        section="blog",
        date=datetime(2025, 5, 1, tzinfo=UTC),
        title_es="Borrador sin texto",
        summary_es="",
        body_es="",
        slug_es="borrador-sin-texto",
    )
    before = snapshot()
    quiet("export_posts", tmp_path)
    empty_database()
    quiet("import_posts", tmp_path)
    assert snapshot() == before
