"""Nothing about a commenter is shown or kept but the name they chose."""

import pytest

from comments.models import Comment
from tests.comments.comment_data import add_comment, comment_url, commented_post, form_data, post_url
from tests.html import select, select_one

pytestmark = pytest.mark.django_db


def test_a_comment_keeps_no_e_mail_or_address(client):
    data = form_data(commented_post(), email="ana@example.org")
    assert client.post(comment_url(), data, REMOTE_ADDR="198.51.100.7").status_code == 302
    stored = Comment.objects.values().get()
    assert "198.51.100.7" not in repr(stored)
    assert "ana@example.org" not in repr(stored)
    assert not {"email", "user_email", "ip_address", "user_url", "user"} & set(stored)


def test_the_form_asks_only_for_a_name_and_the_comment(client):
    form = select_one(client.get(post_url(commented_post())), "form.comment-form")
    visible = [field["name"] for field in select(form, "textarea, input:not([type=hidden])")]
    assert visible == ["name", "comment", "honeypot"]  # the honeypot is hidden by the stylesheet


def test_the_page_shows_the_name_and_nothing_else_about_the_commenter(client):
    post = commented_post()
    add_comment(post, name="Ana")
    comment = select_one(client.get(post_url(post)), ".comment")
    assert [tag.get_text() for tag in select(comment, ".comment-meta > span")] == ["Ana"]
    assert select(comment, "img, a[href^='mailto:']") == []
