"""The per-language publishing migration: every language a post or page had stays published, drafts stay
drafts, languages without content become drafts (so writing them later publishes nothing), events stay
published everywhere."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("blog", "0008_term_slugs_per_language"),
    ("pages", "0002_site_defaults"),
    ("events", "0004_event_is_stub"),
]
AFTER = [
    ("blog", "0009_per_language_publishing"),
    ("pages", "0003_per_language_publishing"),
    ("events", "0005_per_language_publishing"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrated():
    """Rows written as the previous schema had them, then the migration applied."""
    old = migrate(BEFORE)
    post = old.get_model("blog", "Post")
    now = timezone.now()
    post.objects.create(
        source_key="both", date=now, draft=False, title_es="Hola", body_es="x", title_en="Hi", body_en="y"
    )
    post.objects.create(source_key="held", date=now, draft=True, title_es="Borrador", body_es="x")
    page = old.get_model("pages", "Page")
    page.objects.create(slug="about", draft=False, title_es="Acerca", path_es="/about/", body_es="z")
    old.get_model("events", "Event").objects.create(slug="kcd", name_es="KCD")
    new = migrate(AFTER)
    yield new
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def statuses(row) -> tuple:
    return (row.status_es, row.status_pt, row.status_en)


def test_a_live_posts_written_languages_stay_published_and_the_others_are_drafts(migrated):
    post = migrated.get_model("blog", "Post").objects.get(source_key="both")
    assert statuses(post) == ("published", "draft", "published")


def test_a_draft_post_stays_a_draft_in_every_language(migrated):
    post = migrated.get_model("blog", "Post").objects.get(source_key="held")
    assert statuses(post) == ("draft", "draft", "draft")


def test_a_live_page_stays_published_where_it_has_a_path(migrated):
    page = migrated.get_model("pages", "Page").objects.get(slug="about")
    assert statuses(page) == ("published", "draft", "draft")


def test_events_stay_published_in_every_language(migrated):
    event = migrated.get_model("events", "Event").objects.get(slug="kcd")
    assert statuses(event) == ("published", "published", "published")
