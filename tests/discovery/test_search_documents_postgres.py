"""Search documents during an import on PostgreSQL: parsed on a second connection while the importer goes on,
never left missing after the import, and repaired after an import killed midway (blog.search_documents).

These tests commit (`transaction=True`): the second connection only sees committed batches.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from blog import search_documents
from blog.models import Post
from discovery.search import search_posts
from tests.factories import make_post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

HUGO_SAMPLE = Path(__file__).resolve().parents[1] / "data" / "hugo-sample"
COLUMNS = ", ".join(f"search_document_{language}" for language in search_documents.LANGUAGES)


def documents(post_ids) -> dict[int, tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {COLUMNS} FROM blog_post WHERE id = ANY(%s)", [list(post_ids)])
        return {row[0]: row[1:] for row in cursor.fetchall()}


def missing() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM blog_post WHERE {search_documents.MISSING}")
        return cursor.fetchone()[0]


@contextmanager
def deferring() -> Iterator[None]:
    """Posts written inside are left without documents, as the importer's connection leaves them."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET {search_documents.SETTING} = 'on'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"RESET {search_documents.SETTING}")


def test_a_deferring_connection_leaves_the_documents_empty():
    with deferring():
        post = make_post(languages=("en",), body_en="Kubernetes clusters.")
    assert documents([post.pk]) == {post.pk: (None, None, None)}


def test_the_filler_parses_committed_posts_on_its_own_connection():
    with deferring():
        posts = [make_post(languages=("en",), body_en=f"Kubernetes cluster {n}.") for n in range(3)]
    filler = search_documents.Filler()
    filler.start()
    filler.fill([post.pk for post in posts[:2]])
    filler.finish()
    filled = documents(post.pk for post in posts)
    assert all(None not in filled[post.pk] for post in posts[:2])
    assert filled[posts[2].pk] == (None, None, None)  # not named: left to the final sweep
    assert filler.failed is None


def test_a_whole_import_leaves_no_document_missing_and_every_post_searchable():
    call_command("import_posts", "--hugo-site", str(HUGO_SAMPLE), stdout=StringIO(), stderr=StringIO())
    assert Post.objects.count() == 20  # the sample site's translation groups
    assert missing() == 0
    post = Post.objects.get(title_en="Writing the importer, step by step")
    assert post in list(search_posts("importer", "en"))


def test_documents_left_by_a_killed_import_are_filled_by_the_next_one():
    with deferring():  # what an import killed midway leaves
        post = make_post(languages=("es",), body_es="Migración de bases de datos.")
    assert missing() == 1
    with search_documents.deferred():
        pass
    assert missing() == 0
    assert post in search_posts("migracion", "es")


def test_inside_a_transaction_nothing_is_deferred():
    with transaction.atomic():
        with search_documents.deferred():
            post = make_post(languages=("en",), body_en="Kubernetes clusters.")
        assert None not in documents([post.pk])[post.pk]
