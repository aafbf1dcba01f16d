"""A post page costs the same number of queries with no comment and with 200 (and their replies)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.comments.comment_data import TEXTS, commented_post, post_url

pytestmark = pytest.mark.django_db


def add_thread(post, count: int) -> None:
    """`count` approved comments: every other one a reply to the comment before it."""
    tops = Comment.objects.bulk_create(
        Comment(post=post, language="es", name=f"Persona {n}", body=TEXTS["es"], body_html="<p>x</p>",
                is_public=True)
        for n in range(count // 2)
    )  # fmt: skip
    Comment.objects.bulk_create(
        Comment(post=post, language="es", parent=top, name="Respuesta", body="Sí.", body_html="<p>Sí.</p>",
                is_public=True)
        for top in tops
    )  # fmt: skip


def test_query_count_is_the_same_with_0_and_200_comments(client, django_assert_num_queries):
    empty, busy = commented_post(), commented_post()
    add_thread(busy, 200)
    client.get(post_url(empty))  # warm-up: first-request work (content types, translations) not counted
    with CaptureQueriesContext(connection) as none:
        response = client.get(post_url(empty))
    assert response.status_code == 200
    with django_assert_num_queries(len(none.captured_queries)):
        response = client.get(post_url(busy))
    assert response.content.decode().count('class="comment"') == 200
