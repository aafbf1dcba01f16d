"""Comments with the page cache on: a cached page carries no session, no CSRF token, no reader's state.

Readers are separate test clients (separate cookie jars), as separate browsers would be."""

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.comment_data import TEXTS, add_comment, commented_post, post_url, send
from tests.html import attrs, select, texts

pytestmark = pytest.mark.django_db


def test_a_post_page_with_the_form_is_cached_and_sets_no_cookie(client, page_cache):
    post = commented_post()
    first = client.get(post_url(post))
    assert select(first, "form.comment-form")
    assert first.cookies == {}
    assert select(first, "input[name=csrfmiddlewaretoken]") == []
    assert client.get(post_url(post))["X-Page-Cache"] == "hit"


def test_another_reader_never_sees_a_pending_comment(page_cache):
    author, reader = Client(), Client()
    post = commented_post()
    reader.get(post_url(post))  # the page is in the cache before the comment
    notice_url = send(author, post, name="Ana Secreta")["Location"]
    author.get(notice_url)  # the author's notice page is now in the cache too
    for response in (reader.get(post_url(post)), reader.get(notice_url)):
        html = response.content.decode()
        assert "Ana Secreta" not in html
        assert TEXTS["es"] not in html


def test_the_form_on_a_cached_page_never_holds_another_readers_text(page_cache):
    author, reader = Client(), Client()
    post = commented_post()
    returned = send(author, post, name="", comment="Texto que solo Ana escribió.")
    assert texts(returned, "form.comment-form textarea") == ["Texto que solo Ana escribió."]
    response = reader.get(post_url(post))
    assert attrs(response, "form.comment-form input[name=name]", "value") == []
    assert texts(response, "form.comment-form textarea") == [""]


def test_a_form_sent_back_with_an_error_is_never_cached(client, page_cache):
    response = send(client, commented_post(), comment="")
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    assert response.cookies == {}


def test_the_notice_page_names_no_one(client, page_cache):
    post = commented_post()
    notice = client.get(send(client, post, name="Ana Secreta")["Location"])
    assert select(notice, ".comment-notice")
    assert "Ana Secreta" not in notice.content.decode()
    assert notice.cookies == {}


def test_an_approved_comment_appears_on_the_cached_page(
    client, page_cache, django_capture_on_commit_callbacks
):
    post = commented_post()
    waiting = add_comment(post, public=False, name="Ana")
    assert client.get(post_url(post))["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        waiting.is_public = True
        waiting.save()
    response = client.get(post_url(post))
    assert response["X-Page-Cache"] == "miss"
    assert texts(response, ".comment-author") == ["Ana"]


def test_a_new_pending_comment_keeps_the_cached_page(client, page_cache, django_capture_on_commit_callbacks):
    post = commented_post()
    client.get(post_url(post))
    with django_capture_on_commit_callbacks(execute=True):
        send(client, post)
    assert Comment.objects.count() == 1
    assert client.get(post_url(post))["X-Page-Cache"] == "hit"
