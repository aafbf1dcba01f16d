"""Restoring a revision, whole or one language, after a confirmation, as a new revision; who may."""

import pytest
from django.contrib.auth.models import Permission

from revisions import comments
from tests.html import select, select_one, texts
from tests.revisions.conftest import edit, in_admin_language, revisions_url, staff, versions

pytestmark = pytest.mark.django_db


@pytest.fixture
def rewritten(client, sample_post, editor):
    """The sample post, saved once as imported (revision `original`), then rewritten in pt and es."""
    client.force_login(editor)
    edit(client, sample_post)
    sample_post.original = versions(sample_post)[0]
    edit(
        client,
        sample_post,
        title_pt="Um título reescrito",
        body_pt="Um corpo reescrito.",
        title_es="Un título reescrito",
    )
    sample_post.refresh_from_db()
    return sample_post


def restore_url(post, version, language=None) -> str:
    url = revisions_url(post, "restore", version.pk)
    return f"{url}?language={language}" if language else url


def test_restoring_asks_for_confirmation_first(client, rewritten):
    page = client.get(restore_url(rewritten, rewritten.original, "pt"))
    assert select_one(page, "form[method=post] input[name=language]")["value"] == "pt"
    assert texts(page, "dd[data-field=title_pt] ins") == [rewritten.original.field_dict["title_pt"]]
    rewritten.refresh_from_db()
    assert rewritten.title_pt == "Um título reescrito"


def test_the_confirmation_shows_only_what_a_language_restore_changes(client, rewritten):
    page = client.get(restore_url(rewritten, rewritten.original, "pt"))
    assert {tag["data-field"] for tag in select(page, "dd[data-field]")} == {"title_pt", "body_pt"}


def test_restoring_one_language_copies_only_its_text(client, rewritten):
    client.post(restore_url(rewritten, rewritten.original), {"language": "pt"})
    rewritten.refresh_from_db()
    original = rewritten.original.field_dict
    assert (rewritten.title_pt, rewritten.body_pt) == (original["title_pt"], original["body_pt"])
    assert rewritten.title_es == "Un título reescrito"


def test_a_restore_is_a_new_revision_saying_what_was_restored(client, rewritten, editor):
    client.post(restore_url(rewritten, rewritten.original), {"language": "pt"})
    latest = versions(rewritten)[0]
    assert latest.revision.user == editor
    said = texts(client.get(revisions_url(rewritten, "history")), ".revision-comment")[0]
    restored = comments.restored(rewritten.original.revision_id, "pt")
    assert said == in_admin_language(comments.readable, restored)


def test_restoring_the_whole_post_brings_back_every_language_and_its_tags(client, rewritten):
    tags = sorted(rewritten.tags.values_list("pk", flat=True))
    rewritten.tags.clear()
    client.post(restore_url(rewritten, rewritten.original))
    rewritten.refresh_from_db()
    original = rewritten.original.field_dict
    assert (rewritten.title_es, rewritten.title_pt) == (original["title_es"], original["title_pt"])
    assert sorted(rewritten.tags.values_list("pk", flat=True)) == tags


def test_an_editor_restoring_the_whole_post_keeps_each_languages_state(client, rewritten, editor, publisher):
    client.force_login(publisher)
    edit(client, rewritten, status_pt="draft")
    client.force_login(editor)
    client.post(restore_url(rewritten, rewritten.original))
    rewritten.refresh_from_db()
    assert rewritten.status_pt == "draft"
    assert rewritten.title_pt == rewritten.original.field_dict["title_pt"]


def test_a_publisher_restoring_the_whole_post_restores_the_states(client, rewritten, publisher):
    client.force_login(publisher)
    edit(client, rewritten, status_pt="draft")
    client.post(restore_url(rewritten, rewritten.original))
    rewritten.refresh_from_db()
    assert rewritten.status_pt == "published"


def test_an_editor_is_told_the_states_stay_as_they_are(client, rewritten):
    page = client.get(restore_url(rewritten, rewritten.original))
    assert select(page, ".states-kept")


def test_restoring_needs_the_change_permission(client, rewritten):
    viewer = staff("lectora")
    viewer.user_permissions.add(Permission.objects.get(codename="view_post"))
    client.force_login(viewer)
    assert client.get(revisions_url(rewritten, "history")).status_code == 200
    assert client.get(restore_url(rewritten, rewritten.original, "pt")).status_code == 403
    assert client.post(restore_url(rewritten, rewritten.original), {"language": "pt"}).status_code == 403
    rewritten.refresh_from_db()
    assert rewritten.title_pt == "Um título reescrito"


def test_a_viewer_is_not_offered_restore_links(client, rewritten):
    viewer = staff("lectora")
    viewer.user_permissions.add(Permission.objects.get(codename="view_post"))
    client.force_login(viewer)
    assert not select(client.get(revisions_url(rewritten, "history")), ".restore-links a")


def test_the_history_needs_a_permission_on_the_model(client, rewritten):
    client.force_login(staff("ajena"))
    assert client.get(revisions_url(rewritten, "history")).status_code == 403
    assert client.get(revisions_url(rewritten, "compare")).status_code == 403


def test_an_unknown_language_is_not_found(client, rewritten):
    assert client.get(restore_url(rewritten, rewritten.original, "fr")).status_code == 404
