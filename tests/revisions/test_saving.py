"""Every save in the admin is a revision (who, when, what), and the history lists them with the languages
each one changed."""

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Post, Tag
from events.models import Event
from pages.models import Page
from revisions import comments
from tests.admin_forms import submitted
from tests.html import select, text, texts
from tests.revisions.conftest import edit, in_admin_language, revisions_url, versions

pytestmark = pytest.mark.django_db


def test_an_admin_save_is_a_revision_by_its_user(client, sample_post, publisher):
    client.force_login(publisher)
    edit(client, sample_post, title_pt="Por que OpenInfraDays e SCaLE combinam")
    latest = versions(sample_post)[0]
    assert latest.revision.user == publisher
    assert latest.field_dict["title_pt"] == "Por que OpenInfraDays e SCaLE combinam"


def test_each_save_adds_one_revision(client, sample_post, editor):
    client.force_login(editor)
    edit(client, sample_post, summary_en="First edit.")
    before = len(versions(sample_post))
    edit(client, sample_post, summary_en="Second edit.")
    assert len(versions(sample_post)) == before + 1


def test_a_revision_keeps_the_posts_tags_and_their_names(client, sample_post, editor):
    client.force_login(editor)
    edit(client, sample_post, summary_en="Tags are part of the version.")
    revision = versions(sample_post)[0].revision
    tags = [version for version in revision.version_set.all() if version._model is Tag]
    assert {version.object_repr for version in tags} == {str(tag) for tag in sample_post.tags.all()}
    tag_ids = sorted(sample_post.tags.values_list("pk", flat=True))
    assert sorted(versions(sample_post)[0].field_dict["tags"]) == tag_ids


def test_adding_a_post_in_the_admin_is_its_first_revision(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:blog_post_add"))
    assert select(response, "input[name=revision_token]")
    submitted(
        client,
        reverse("admin:blog_post_add"),
        title_es="Una entrada nueva",
        body_es="Texto.",
        date_0="2026-01-10",
        date_1="10:00:00",
    )
    post = Post.objects.get(title_es="Una entrada nueva")
    assert [version.revision.user for version in versions(post)] == [editor]


def test_a_list_action_is_a_revision_by_its_user(client, sample_post, publisher):
    client.force_login(publisher)
    client.get(revisions_url(sample_post, "history"))  # the history starts before the action
    client.post(
        reverse("admin:blog_post_changelist"),
        {"action": "draft_pt", "_selected_action": [sample_post.pk]},
    )
    latest = versions(sample_post)[0]
    assert latest.revision.user == publisher
    assert latest.field_dict["status_pt"] == "draft"
    changelist = client.get(reverse("admin:blog_post_changelist"))
    offered = text(changelist, "select[name=action] option[value=draft_pt]")
    assert texts(client.get(revisions_url(sample_post, "history")), ".revision-comment")[0] == offered


def test_a_change_made_outside_the_admin_is_recorded_when_next_opened(client, sample_post, editor):
    client.force_login(editor)
    client.get(revisions_url(sample_post, "history"))
    Post.objects.filter(pk=sample_post.pk).update(title_en="Renamed by a script")
    html = client.get(revisions_url(sample_post, "history")).content
    assert texts(html, ".revision-comment")[0] == in_admin_language(comments.readable, comments.outside())
    assert versions(sample_post)[0].field_dict["title_en"] == "Renamed by a script"


def test_the_history_lists_who_when_what_and_the_languages_changed(client, sample_post, editor):
    client.force_login(editor)
    client.get(revisions_url(sample_post, "history"))
    edit(client, sample_post, title_pt="Um novo título")
    rows = select(client.get(revisions_url(sample_post, "history")), "tr.revision")
    newest = rows[0]
    assert " ".join(newest.select("td")[1].get_text().split()) == "editora"
    assert texts(newest, ".revision-languages .lang-badge") == ["pt"]
    assert "title" in texts(newest, ".revision-comment")[0].lower()
    assert newest.select_one("td").get_text().strip()  # the date and time


def saved_revisions(post, count: int) -> None:
    for n in range(count):
        with reversion.create_revision():
            post.summary_en = f"Summary, take {n}."
            post.save()


def history_queries(client, post) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(revisions_url(post, "history")).status_code == 200
    return len(queries)


def test_the_history_takes_as_many_queries_for_twenty_revisions_as_for_two(client, sample_post, editor):
    client.force_login(editor)
    saved_revisions(sample_post, 2)
    few = history_queries(client, sample_post)
    saved_revisions(sample_post, 18)
    assert history_queries(client, sample_post) == few


def test_the_token_field_is_not_reported_as_a_change(client, sample_post, editor):
    client.force_login(editor)
    edit(client, sample_post, title_pt="Um novo título")
    assert "revision_token" not in versions(sample_post)[0].revision.comment


@pytest.mark.parametrize(
    ("make", "field", "value"),
    [
        (lambda: Event.objects.create(name_es="Encuentro", slug="encuentro"), "name_pt", "Encontro"),
        (lambda: Page.objects.create(title_es="Acerca de", slug="acerca"), "body_en", "Who we are."),
    ],
    ids=["event", "page"],
)
def test_event_and_page_saves_are_revisions(client, editor, make, field, value):
    item = make()
    client.force_login(editor)
    edit(client, item, **{field: value})
    assert versions(item)[0].field_dict[field] == value
    assert versions(item)[0].revision.user == editor


def test_the_history_page_speaks_spanish(client, sample_post, editor):
    client.force_login(editor)
    html = client.get(revisions_url(sample_post, "history")).content
    assert texts(html, "#change-history caption") == ["Revisiones, de la más reciente a la más antigua"]
