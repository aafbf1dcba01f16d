"""Posting, moderating and reading comments: the reader's path through a post page, without JavaScript."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.comments.comment_data import (
    TEXTS,
    add_comment,
    comment_url,
    commented_post,
    page_form_fields,
    post_url,
    send,
)
from tests.factories import make_post
from tests.html import attrs, select, select_one, text, texts

pytestmark = pytest.mark.django_db


def later(seconds: int):
    """A moment `seconds` from now: a person takes more than a few seconds to write."""
    return timezone.now() + timedelta(seconds=seconds)


def test_a_comment_sent_from_the_post_page_waits_for_moderation(client):
    post = commented_post()
    page = client.get(post_url(post))
    fields = page_form_fields(page)
    fields.update(name="Ana", comment=TEXTS["es"])
    with time_machine.travel(later(10), tick=True):
        response = client.post(select_one(page, "form.comment-form")["action"], fields)
    assert response.status_code == 302
    assert response["Location"] == f"{post_url(post)}?comment=pending#comments"
    comment = Comment.objects.get()
    assert (comment.post, comment.language, comment.name, comment.is_public) == (post, "es", "Ana", False)


def test_the_page_after_sending_says_the_comment_awaits_moderation_without_showing_it(client):
    post = commented_post()
    response = client.get(send(client, post)["Location"])
    assert "espera moderación" in text(response, ".comment-notice")
    assert TEXTS["es"] not in response.content.decode()


def test_an_approved_comment_appears_on_the_post_page(client):
    post = commented_post()
    send(client, post)
    Comment.objects.update(is_public=True)
    response = client.get(post_url(post))
    assert texts(response, ".comment .comment-author") == ["Ana"]
    assert texts(response, ".comment .comment-body") == [TEXTS["es"]]
    assert text(response, "#comments-title") == "1 comentario"


def test_posts_without_comments_turned_on_show_no_thread_and_take_no_comment(client):
    post = make_post(comment=False)
    add_comment(post)
    assert select(client.get(post_url(post)), "#comments") == []
    assert send(client, post).status_code == 404
    assert Comment.objects.count() == 1


def test_a_draft_post_takes_no_comment(client):
    post = commented_post(draft=True)
    assert send(client, post).status_code == 404


def test_a_comment_sent_from_a_portuguese_page_is_a_portuguese_comment(client):
    post = commented_post()
    response = send(client, post, language="pt")
    assert response["Location"].startswith(post_url(post, "pt"))
    assert Comment.objects.get().language == "pt"


def test_each_language_shows_its_own_comments(client):
    post = commented_post()
    for language in ("es", "pt", "en"):
        add_comment(post, language=language, body=TEXTS[language])
    for language in ("es", "pt", "en"):
        assert texts(client.get(post_url(post, language)), ".comment-body") == [TEXTS[language]]


def test_the_form_posts_to_the_pages_language(client):
    post = commented_post()
    assert attrs(client.get(post_url(post, "en")), "form.comment-form", "action") == [comment_url("en")]


def test_a_reply_is_shown_under_its_comment(client):
    post = commented_post()
    first = add_comment(post, name="Ana")
    add_comment(post, name="Bruno", parent=first, body="Coincido con Ana.")
    add_comment(post, name="Carla", body="Otra pregunta.")
    response = client.get(post_url(post))
    assert texts(response, ".comment-list > li > .comment .comment-author") == ["Ana", "Carla"]
    assert texts(response, ".comment-replies .comment-author") == ["Bruno"]
    assert text(response, "#comments-title") == "3 comentarios"


def test_a_reply_is_sent_from_the_reply_page(client):
    post = commented_post()
    first = add_comment(post)
    page = client.get(reverse("comments:reply", args=[first.pk]))
    assert text(page, ".comments .comment-body") == TEXTS["es"]
    fields = page_form_fields(page)
    fields.update(name="Bruno", comment="De acuerdo.")
    with time_machine.travel(later(10), tick=True):
        assert client.post(comment_url(), fields).status_code == 302
    assert Comment.objects.get(name="Bruno").parent == first


def test_a_reply_to_a_reply_is_refused(client):
    post = commented_post()
    reply = add_comment(post, parent=add_comment(post))
    response = send(client, post, parent=str(reply.pk), name="Carla")
    assert response.status_code == 400
    assert select(response, ".comment-errors .errorlist")
    assert not Comment.objects.filter(name="Carla").exists()
    assert client.get(reverse("comments:reply", args=[reply.pk])).status_code == 404


def test_a_reply_to_a_comment_in_another_language_is_refused(client):
    post = commented_post()
    english = add_comment(post, language="en", body=TEXTS["en"])
    assert send(client, post, parent=str(english.pk), name="Carla").status_code == 400
    assert not Comment.objects.filter(name="Carla").exists()


def test_a_reply_to_a_comment_awaiting_moderation_is_refused(client):
    post = commented_post()
    waiting = add_comment(post, public=False)
    assert send(client, post, parent=str(waiting.pk), name="Carla").status_code == 400


def test_an_empty_comment_comes_back_with_the_name_kept(client):
    post = commented_post()
    response = send(client, post, comment="   ", name="Ana")
    assert response.status_code == 400
    assert attrs(response, "form.comment-form input[name=name]", "value") == ["Ana"]
    assert select(response, "form.comment-form .errorlist")
    assert Comment.objects.count() == 0


def test_the_same_comment_sent_twice_is_stored_once(client):
    post = commented_post()
    send(client, post)
    assert send(client, post).status_code == 302
    assert Comment.objects.count() == 1


def test_a_removed_comment_is_not_shown(client):
    post = commented_post()
    add_comment(post, is_removed=True)
    assert select(client.get(post_url(post)), ".comment") == []
