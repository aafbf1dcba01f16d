"""Moderation in the admin: editors see what waits, approve or reject in bulk; authors may get an e-mail."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from blog.editors import EDITORS_GROUP
from comments.models import Comment
from ops.generation import current_generation
from tests.comments.comment_data import add_comment, commented_post, post_url, send
from tests.html import select, text, texts

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="editor-pass", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    return client


def run_action(client, action: str, comments):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [comment.pk for comment in comments]}, follow=True
    )


def test_a_new_comment_is_held_for_moderation(client):
    send(client, commented_post())
    assert list(Comment.objects.values_list("is_public", "is_removed")) == [(False, False)]


def test_editors_approve_comments_in_bulk(editor_client):
    post = commented_post()
    waiting = [add_comment(post, public=False, name=name) for name in ("Ana", "Bruno")]
    response = run_action(editor_client, "approve_selected", waiting)
    assert response.status_code == 200
    assert set(Comment.objects.public().values_list("name", flat=True)) == {"Ana", "Bruno"}


def test_editors_reject_comments_in_bulk(editor_client, client):
    post = commented_post()
    shown = add_comment(post, name="Ana")
    run_action(editor_client, "reject_selected", [shown, add_comment(post, public=False)])
    assert Comment.objects.public().count() == 0
    assert Comment.objects.filter(is_removed=True).count() == 2
    client.logout()
    assert select(client.get(post_url(post)), ".comment") == []


def test_the_admin_index_says_how_many_comments_wait(editor_client):
    post = commented_post()
    add_comment(post, public=False)
    add_comment(post, public=False, language="pt")
    add_comment(post, public=True)
    add_comment(post, public=False, is_removed=True)
    response = editor_client.get(reverse("admin:index"))
    assert text(response, ".comments-waiting") == "2 comentarios esperan moderación"


def test_the_waiting_filter_lists_only_what_waits(editor_client):
    post = commented_post()
    add_comment(post, public=False, name="Espera")
    add_comment(post, public=True, name="Publicado")
    response = editor_client.get(CHANGELIST, {"status": "waiting"})
    assert [comment.name for comment in response.context["cl"].result_list] == ["Espera"]


def test_approving_starts_a_new_content_generation(editor_client, django_capture_on_commit_callbacks):
    waiting = add_comment(commented_post(), public=False)
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        run_action(editor_client, "approve_selected", [waiting])
    assert current_generation() != before


def test_a_new_comment_leaves_the_content_generation_alone(client, django_capture_on_commit_callbacks):
    post = commented_post()
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, post).status_code == 302
    assert current_generation() == before


def test_editing_a_comment_in_the_admin_remakes_its_html(editor_client, client):
    comment = add_comment(commented_post())
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    editor_client.post(change, {"body": "Corregido: **bien**", "is_public": "on"})
    client.logout()
    assert texts(client.get(post_url(comment.post)), ".comment-body strong") == ["bien"]


def test_authors_get_an_e_mail_when_enabled(client, settings, django_capture_on_commit_callbacks):
    settings.COMMENTS_NOTIFY_AUTHORS = True
    post = commented_post()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, post, name="Ana")
    (message,) = mail.outbox
    assert message.to == ["lucia@example.org"]
    assert "Ana" in message.body
    assert f"/admin/comments/comment/{Comment.objects.get().pk}/change/" in message.body


def test_no_e_mail_is_sent_when_disabled(client, settings, django_capture_on_commit_callbacks):
    settings.COMMENTS_NOTIFY_AUTHORS = False
    with django_capture_on_commit_callbacks(execute=True):
        send(client, commented_post())
    assert mail.outbox == []


def test_the_console_back_end_is_the_default():
    from config import settings as project_settings

    assert project_settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
