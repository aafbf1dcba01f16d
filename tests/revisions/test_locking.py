"""Optimistic locking: a save from a form opened before someone else's save is refused, with what they
changed and everything the second editor typed kept; never a silent overwrite. Posts, events and pages."""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client

from blog.models import Post
from events.models import Event
from pages.models import Page
from revisions.locking import EditConflict, check_unchanged, version_token
from tests.admin_forms import form_values
from tests.factories import make_post
from tests.html import select, select_one, texts
from tests.revisions.conftest import change_url, edit, staff

pytestmark = pytest.mark.django_db


def two_editors(editor):
    """Ana (the fixture's editor) and Bea, each logged in on a client of her own."""
    ana, bea = Client(), Client()
    ana.force_login(editor)
    bea.force_login(staff("bea", "Editors"))
    return ana, bea


def opened(client, obj) -> dict:
    """The change form's values as the browser loaded them."""
    return form_values(client.get(change_url(obj)))


def test_a_stale_save_is_refused_with_what_the_other_editor_changed(sample_post, editor):
    ana, bea = two_editors(editor)
    form_of_bea = opened(bea, sample_post)
    edit(ana, sample_post, title_pt="O título da Ana")
    response = bea.post(change_url(sample_post), {**form_of_bea, "title_pt": "O título da Bea"})
    assert response.status_code == 200
    conflict = select_one(response, ".errorlist.nonfield .edit-conflict")
    assert texts(conflict, "dd[data-field=title_pt] ins") == ["O título da Ana"]
    sample_post.refresh_from_db()
    assert sample_post.title_pt == "O título da Ana"


def test_the_refusal_names_who_saved_meanwhile(sample_post, editor):
    ana, bea = two_editors(editor)
    form_of_bea = opened(bea, sample_post)
    edit(ana, sample_post, title_pt="O título da Ana")
    response = bea.post(change_url(sample_post), form_of_bea)
    assert editor.username in select_one(response, ".edit-conflict").get_text()


def test_the_refused_form_keeps_everything_the_editor_typed(sample_post, editor):
    ana, bea = two_editors(editor)
    form_of_bea = opened(bea, sample_post)
    edit(ana, sample_post, title_pt="O título da Ana")
    typed = {"title_pt": "O título da Bea", "body_en": "An hour of writing.", "summary_es": "Resumen de Bea."}
    response = bea.post(change_url(sample_post), {**form_of_bea, **typed})
    kept = form_values(response)
    assert {name: kept[name] for name in typed} == typed


def test_saving_again_after_seeing_the_diff_replaces_their_version(sample_post, editor):
    ana, bea = two_editors(editor)
    form_of_bea = opened(bea, sample_post)
    edit(ana, sample_post, title_pt="O título da Ana")
    refused = bea.post(change_url(sample_post), {**form_of_bea, "title_pt": "O título da Bea"})
    assert bea.post(change_url(sample_post), form_values(refused)).status_code == 302
    sample_post.refresh_from_db()
    assert sample_post.title_pt == "O título da Bea"


def test_a_change_made_without_a_revision_meanwhile_is_caught_too(client, sample_post, editor):
    client.force_login(editor)
    form = opened(client, sample_post)
    Post.objects.filter(pk=sample_post.pk).update(title_en="Renamed by a script")
    response = client.post(change_url(sample_post), {**form, "title_en": "My title"})
    assert texts(response, ".edit-conflict dd[data-field=title_en] ins") == ["Renamed by a script"]


def test_a_forged_token_is_refused(client, sample_post, editor):
    client.force_login(editor)
    form = opened(client, sample_post)
    response = client.post(change_url(sample_post), {**form, "revision_token": "forged", "title_en": "Mine"})
    assert select(response, ".edit-conflict")
    sample_post.refresh_from_db()
    assert sample_post.title_en != "Mine"


def test_a_token_of_another_post_is_refused(client, sample_post, editor):
    client.force_login(editor)
    other_token = opened(client, make_post())["revision_token"]
    form = opened(client, sample_post)
    response = client.post(change_url(sample_post), {**form, "revision_token": other_token})
    assert select(response, ".edit-conflict")


def test_a_view_only_form_carries_no_token(client, sample_post):
    viewer = staff("lectora")
    viewer.user_permissions.add(Permission.objects.get(codename="view_post"))
    client.force_login(viewer)
    page = client.get(change_url(sample_post))
    assert page.status_code == 200
    assert not select(page, "[name=revision_token]") and "revision_token" not in page.content.decode()


def test_a_fresh_form_saves(client, sample_post, editor):
    client.force_login(editor)
    assert edit(client, sample_post, title_en="Fresh").status_code == 302


def make_event():
    return Event.objects.create(name_es="Encuentro", slug="encuentro", timezone="America/Bogota")


def make_page():
    return Page.objects.create(title_es="Acerca de", slug="acerca", body_es="Quiénes somos.")


@pytest.mark.parametrize(
    ("make", "field", "theirs", "mine", "shown"),
    [
        (make_event, "name_pt", "Encontro da Ana", "Encontro da Bea", "Encontro da Ana"),
        (make_page, "body_es", "Quiénes somos, por Ana.", "Quiénes somos, por Bea.", ", por Ana"),
    ],
    ids=["event", "page"],
)
def test_events_and_pages_are_locked_too(editor, make, field, theirs, mine, shown):
    item = make()
    ana, bea = two_editors(editor)
    form_of_bea = opened(bea, item)
    edit(ana, item, **{field: theirs})
    response = bea.post(change_url(item), {**form_of_bea, field: mine})
    assert texts(response, f".edit-conflict dd[data-field={field}] ins") == [shown]
    item.refresh_from_db()
    assert getattr(item, field) == theirs


def test_other_editing_views_can_check_a_token(sample_post):
    token = version_token(sample_post)
    Post.objects.filter(pk=sample_post.pk).update(summary_pt="Mudado.")
    with transaction.atomic(), pytest.raises(EditConflict) as raised:
        check_unchanged(sample_post, token)
    assert raised.value.loaded["summary_pt"] == sample_post.summary_pt
    assert raised.value.current["summary_pt"] == "Mudado."


def test_an_unchanged_item_passes_the_check(sample_post):
    token = version_token(sample_post)
    with transaction.atomic():
        check_unchanged(sample_post, token)
