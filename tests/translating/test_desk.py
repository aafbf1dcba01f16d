"""The side-by-side view: the source beside the translation's fields, "start from the source", saving
(draft, review, publish by permission) records what the translation was made from, the outdated diff with
"still accurate" and "updated", and the source language chosen in the desk."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from blog.models import Post
from tests.admin_forms import form_values
from tests.factories import make_post
from tests.html import select, select_one, text
from translating import outdated
from translating.models import TranslationBasis

pytestmark = pytest.mark.django_db

BODY_ES = "## Cómo empezó\n\nUn grupo de personas se juntó en Quito.\n\nAsí nació la comunidad."


def login(client, group: str) -> User:
    user = User.objects.create_user(group.lower(), password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def post():
    """Published in Spanish, no Portuguese yet, English published."""
    return make_post(languages=("es", "en"), title_es="Nuestra historia", body_es=BODY_ES)


def desk(post, language: str) -> str:
    return reverse("admin:translating_desk", args=["post", post.pk, language])


def send(client, post, language, status, **changes):
    page = client.get(desk(post, language))
    data = {**form_values(page, "#desk-form"), **changes, "status": status}
    return client.post(desk(post, language), data, follow=True)


def test_the_source_is_shown_beside_the_translations_fields(client, post):
    login(client, "Editors")
    page = client.get(desk(post, "pt"))
    blocks = [" ".join(b.get_text().split()) for b in select(page, ".desk-source .desk-block")]
    assert blocks == ["## Cómo empezó", "Un grupo de personas se juntó en Quito.", "Así nació la comunidad."]
    assert text(page, ".desk-source .desk-text") == "Nuestra historia"
    assert text(page, ".desk-preview .post-body h2").startswith("Cómo empezó")
    assert [field["name"] for field in select(page, "#desk-form .desk-target [name]")] == [
        "title", "slug", "summary", "body",
    ]  # fmt: skip


def test_the_body_is_edited_with_the_markdown_editor(client, post):
    login(client, "Editors")
    page = client.get(desk(post, "pt"))
    assert select_one(page, ".desk-target .md-editor")["data-language"] == "pt"


def test_start_from_the_source_fills_an_empty_translation(client, post):
    login(client, "Editors")
    page = client.get(desk(post, "pt") + "?start=source")
    values = form_values(page, "#desk-form")
    assert values["title"] == "Nuestra historia"
    assert values["body"] == BODY_ES
    assert not Post.objects.get(pk=post.pk).title_pt  # nothing saved until the translator saves


def test_start_from_the_source_is_not_offered_once_a_translation_exists(client, post):
    login(client, "Editors")
    assert not select(client.get(desk(post, "en")), ".desk-start")
    assert select(client.get(desk(post, "pt")), ".desk-start")


def test_saving_a_translation_records_what_it_was_made_from(client, post):
    user = login(client, "Editors")
    send(client, post, "pt", "draft", title="Nossa história", body="## Como começou\n\nTexto.")
    post.refresh_from_db()
    assert (post.title_pt, post.slug_pt, post.status_pt) == ("Nossa história", "nossa-história", "draft")
    basis = TranslationBasis.objects.of(post).get(language="pt")
    assert (basis.source_language, basis.source_snapshot["body"], basis.confirmed_by) == ("es", BODY_ES, user)


def test_an_editor_submits_a_translation_for_review(client, post):
    login(client, "Editors")
    send(client, post, "pt", "review", title="Nossa história", body="Texto.")
    assert Post.objects.get(pk=post.pk).status_pt == "review"


def test_an_editor_is_not_offered_publishing_and_cannot_publish(client, post):
    login(client, "Editors")
    buttons = [b["value"] for b in select(client.get(desk(post, "pt")), ".desk-submit button[name=status]")]
    assert buttons == ["draft", "review"]
    response = send(client, post, "pt", "published", title="Nossa história", body="Texto.")
    assert select(response, ".messagelist .error")
    assert Post.objects.get(pk=post.pk).status_pt == "draft"


def test_a_publisher_publishes_a_translation(client, post):
    login(client, "Publishers")
    send(client, post, "pt", "published", title="Nossa história", body="Texto.")
    post = Post.objects.get(pk=post.pk)
    assert post.status_pt == "published"
    assert client.get(post.get_absolute_url("pt")).status_code == 200


def test_publishing_needs_a_title_and_a_body(client, post):
    login(client, "Publishers")
    response = send(client, post, "pt", "published", title="Nossa história")
    refused = [row.select_one("[name]")["name"] for row in select(response, ".desk-target.errors")]
    assert refused == ["body"]
    assert Post.objects.get(pk=post.pk).status_pt == "draft"


@pytest.fixture
def outdated_post(post):
    post.body_es = BODY_ES.replace("Quito", "Guayaquil")
    post.save()
    return Post.objects.get(pk=post.pk)


def test_an_outdated_translation_shows_what_changed_in_the_source(client, outdated_post):
    login(client, "Editors")
    page = client.get(desk(outdated_post, "en"))
    assert [t.get_text() for t in select(page, ".desk-outdated del")] == ["Quito"]
    assert [t.get_text() for t in select(page, ".desk-outdated ins")] == ["Guayaquil"]


def test_still_accurate_clears_the_outdated_mark(client, outdated_post):
    login(client, "Editors")
    client.post(reverse("admin:translating_confirm", args=["post", outdated_post.pk, "en"]))
    assert outdated.outdated_languages(outdated_post) == []
    assert not select(client.get(desk(outdated_post, "en")), ".desk-outdated")


def test_a_save_without_updated_leaves_the_translation_outdated(client, outdated_post):
    login(client, "Publishers")
    send(client, outdated_post, "en", "published", title="Our story (typo fixed)")
    assert outdated.outdated_languages(outdated_post) == ["en"]


def test_a_save_marked_updated_clears_the_outdated_mark(client, outdated_post):
    login(client, "Publishers")
    send(client, outdated_post, "en", "published", body="Some people met in Guayaquil.", updated="1")
    assert outdated.outdated_languages(outdated_post) == []


def test_the_source_language_is_changed_in_the_desk(client, post):
    login(client, "Editors")
    url = reverse("admin:translating_source", args=["post", post.pk])
    client.post(url, {"source_language": "en", "language": "es"})
    post = Post.objects.get(pk=post.pk)
    assert post.source_language_code() == "en"
    page = client.get(desk(post, "es"))
    assert text(page, ".desk-source .desk-text") == post.title_en


def test_the_source_languages_own_page_says_so(client, post):
    login(client, "Editors")
    assert select(client.get(desk(post, "es")), ".desk-note")


def test_someone_who_may_not_change_posts_is_refused(client, post):
    client.force_login(User.objects.create_user("reader", password="pw", is_staff=True))
    assert client.get(desk(post, "pt")).status_code == 403


def test_the_desk_translates_events_and_pages_too(client):
    from events.models import Event

    event = Event.objects.create(
        slug="meetup", name_es="Encuentro", description_es="Hola.", status_es="published"
    )
    login(client, "Editors")
    url = reverse("admin:translating_desk", args=["event", event.pk, "pt"])
    page = client.get(url)
    assert [f["name"] for f in select(page, "#desk-form .desk-target [name]")] == [
        "name",
        "summary",
        "description",
    ]
    client.post(url, {"name": "Encontro", "summary": "", "description": "Olá.", "status": "review"})
    event.refresh_from_db()
    assert (event.name_pt, event.status_pt) == ("Encontro", "review")


def test_a_saved_translation_is_kept_as_a_revision_with_its_author(client, post):
    reversion = pytest.importorskip("reversion")
    if not apps.is_installed("reversion") or not reversion.is_registered(Post):
        pytest.skip("django-reversion is not installed with posts registered (the revisions app)")
    from reversion.models import Version

    user = login(client, "Editors")
    send(client, post, "pt", "draft", title="Nossa história", body="Texto.")
    revision = Version.objects.get_for_object(post).first().revision
    with translation.override("es"):  # the admin's language in these requests
        assert (revision.user, revision.comment) == (
            user,
            gettext("Translation %(language)s saved") % {"language": "pt"},
        )


def test_a_page_is_translated_and_gets_its_path_in_that_language(client):
    from pages.models import Page

    page = Page.objects.create(
        slug="about", title_es="Acerca", body_es="Somos una comunidad.", status_es="published"
    )
    login(client, "Editors")
    url = reverse("admin:translating_desk", args=["page", page.pk, "pt"])
    fields = [f["name"] for f in select(client.get(url), "#desk-form .desk-target [name]")]
    assert fields == ["title", "path", "description", "body"]
    client.post(url, {"title": "Sobre", "path": "", "description": "", "body": "Somos.", "status": "draft"})
    page.refresh_from_db()
    assert (page.title_pt, page.path_pt, page.status_pt) == ("Sobre", "/pt/about/", "draft")


def opened_before_a_colleagues_save(client, post) -> dict:
    """An editor opens the Portuguese desk; a colleague then saves another Portuguese version."""
    login(client, "Editors")
    opened = form_values(client.get(desk(post, "pt")), "#desk-form")
    other = Post.objects.get(pk=post.pk)
    other.title_pt, other.body_pt = "Versão da colega", "Texto da colega."
    other.save()
    return opened


def test_a_save_over_someone_elses_later_save_is_refused_and_keeps_the_text(client, post):
    opened = opened_before_a_colleagues_save(client, post)
    data = {**opened, "title": "Minha versão", "body": "Meu texto.", "status": "draft"}
    page = client.post(desk(post, "pt"), data)
    post.refresh_from_db()
    assert post.title_pt == "Versão da colega"
    assert select(page, ".edit-conflict")
    assert select_one(page, "#desk-form input[name=title]")["value"] == "Minha versão"


def test_saving_again_after_seeing_the_conflict_replaces_the_other_version(client, post):
    opened = opened_before_a_colleagues_save(client, post)
    refused = client.post(
        desk(post, "pt"), {**opened, "title": "Minha versão", "body": "Meu texto.", "status": "draft"}
    )
    again = form_values(refused, "#desk-form")
    client.post(desk(post, "pt"), {**again, "status": "draft"})
    post.refresh_from_db()
    assert post.title_pt == "Minha versão"
