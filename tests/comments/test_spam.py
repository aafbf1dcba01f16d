"""Spam defences without third parties: honeypot, time check, signature, Origin and a per-address limit."""

import pytest

from comments.models import Comment
from tests.comments.comment_data import TEXTS, comment_url, commented_post, form_data, send
from tests.html import attrs, select, text

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_is_refused(client):
    post = commented_post()
    response = send(client, post, honeypot="https://cheap-pills.example")
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_a_form_sent_too_fast_comes_back_with_the_text_kept(client, settings):
    settings.COMMENTS_MIN_SECONDS = 3
    post = commented_post()
    response = send(client, post, age=1)
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    assert text(response, "form.comment-form textarea[name=comment]") == TEXTS["es"]
    assert select(response, ".comment-errors")


def test_the_form_that_comes_back_is_signed_again(client, settings):
    """A person sends the returned form after a while: it is accepted (its timestamp is new)."""
    settings.COMMENTS_MIN_SECONDS = 3
    post = commented_post()
    sent = form_data(post, age=1)
    returned = client.post(comment_url("es"), sent)
    (timestamp,) = attrs(returned, "form.comment-form input[name=timestamp]", "value")
    # Against the timestamp sent, not one made after the answer: a second may tick in between.
    assert int(timestamp) > int(sent["timestamp"])


def test_a_form_left_open_too_long_comes_back(client, settings):
    settings.COMMENTS_TIMEOUT = 3600
    post = commented_post()
    response = send(client, post, age=3601)
    assert response.status_code == 400
    assert text(response, "form.comment-form textarea[name=comment]") == TEXTS["es"]
    assert Comment.objects.count() == 0


def test_a_changed_timestamp_is_refused(client):
    post = commented_post()
    data = form_data(post, age=30)
    data["timestamp"] = str(int(data["timestamp"]) - 60)  # pretend to be older: the signature breaks
    response = client.post(comment_url(), data)
    assert response.status_code == 400
    assert select(response, "form.comment-form") == []
    assert Comment.objects.count() == 0


def test_a_form_signed_for_another_post_is_refused(client):
    post, other = commented_post(), commented_post()
    data = form_data(other)
    data["object_pk"] = str(post.pk)
    assert client.post(comment_url(), data).status_code == 400
    assert Comment.objects.count() == 0


def test_too_many_attempts_from_one_address_are_refused(client, settings):
    settings.COMMENTS_RATE_LIMIT = 3
    post = commented_post()
    for n in range(3):
        assert send(client, post, name=f"Persona {n}").status_code == 302
    response = send(client, post, name="Persona 4")
    assert response.status_code == 429
    assert Comment.objects.count() == 3


def test_the_limit_is_per_address(client, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    post = commented_post()
    assert send(client, post, name="Ana").status_code == 302
    assert send(client, post, name="Bruno").status_code == 429
    other = client.post(comment_url(), form_data(post, name="Carla"), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_a_form_sent_from_another_site_is_refused(client):
    post = commented_post()
    response = client.post(comment_url(), form_data(post), HTTP_ORIGIN="https://elsewhere.example")
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_a_form_sent_from_this_site_is_accepted(client):
    post = commented_post()
    response = client.post(comment_url(), form_data(post), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302


def test_the_comment_endpoint_answers_no_get(client):
    assert client.get(comment_url()).status_code == 405
