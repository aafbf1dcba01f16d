"""Revisions in Chromium: autosave brings typed text back after a reload, a second tab's stale save is
refused with the other tab's change shown, and the history and compare pages pass axe-core."""

import pytest
import reversion
from django.core.management import call_command

from blog.models import Post
from tests.browser.admin_session import log_in
from tests.revisions.conftest import SAMPLE_FILES, change_url, revisions_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-editora-123"


@pytest.fixture
def post(transactional_db) -> Post:
    call_command("import_posts", *map(str, SAMPLE_FILES), verbosity=0)
    return Post.objects.get(title_en__startswith="Why OpenInfraDays")


@pytest.fixture
def signed_in(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("editora", "editora@example.org", PASSWORD)
    log_in(page, live_server.url, "editora", PASSWORD)
    return page


def show_tab(page, language: str) -> None:
    """Choose `language` in every field's tab row."""
    tabs = page.locator(".ui-tabs-nav li a", has_text=language)
    for index in range(tabs.count()):
        if tabs.nth(index).is_visible():
            tabs.nth(index).click()


def wait_for_draft(page, text: str) -> None:
    """Until the browser's storage holds a draft with `text` (autosave runs shortly after typing)."""
    page.wait_for_function(
        """text => Object.keys(localStorage).some(key => key.startsWith("bitacora-autosave:")
            && localStorage.getItem(key).includes(text))""",
        arg=text,
    )


def test_autosave_restores_typed_text_after_a_reload(signed_in, live_server, post):
    page = signed_in
    page.goto(live_server.url + change_url(post))
    show_tab(page, "pt")
    page.fill("#id_title_pt", "Um título digitado e não salvo")
    page.locator("#id_body_pt").fill("Uma hora de escrita.\n\nOutro parágrafo.")
    wait_for_draft(page, "Outro parágrafo.")

    page.reload()
    offer = page.locator(".autosave-offer")
    offer.wait_for()
    assert page.locator("#id_title_pt").input_value() == post.title_pt
    offer.locator(".autosave-restore").click()
    assert page.locator("#id_title_pt").input_value() == "Um título digitado e não salvo"
    assert page.locator("#id_body_pt").input_value() == "Uma hora de escrita.\n\nOutro parágrafo."


def test_a_restored_draft_cannot_replace_a_save_made_since(signed_in, live_server, post):
    """The draft was typed over the version opened before a colleague's save: saving it is refused."""
    page = signed_in
    page.goto(live_server.url + change_url(post))
    with reversion.create_revision():
        post.title_en = "A colleague's title"
        post.save()
    show_tab(page, "en")
    page.fill("#id_summary_en", "My summary, typed over the older version.")
    wait_for_draft(page, "My summary, typed")

    page.reload()
    page.locator(".autosave-offer .autosave-restore").click()
    page.click("input[name=_continue]")
    page.locator(".edit-conflict").wait_for()
    assert page.locator(".edit-conflict dd[data-field=title_en] ins").inner_text() == "A colleague's title"
    post.refresh_from_db()
    assert post.summary_en != "My summary, typed over the older version."


def test_a_successful_save_clears_the_draft(signed_in, live_server, post):
    page = signed_in
    page.goto(live_server.url + change_url(post))
    show_tab(page, "es")
    page.fill("#id_title_es", "Un título guardado")
    wait_for_draft(page, "Un título guardado")
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('bitacora-autosave:'))") == []
    page.reload()
    assert page.locator(".autosave-offer").count() == 0
    post.refresh_from_db()
    assert post.title_es == "Un título guardado"


def test_two_tabs_editing_one_post_the_second_save_is_refused(signed_in, live_server, post):
    first = signed_in
    second = first.context.new_page()
    for tab in (first, second):
        tab.goto(live_server.url + change_url(post))
        show_tab(tab, "en")
    first.fill("#id_title_en", "The first tab's title")
    first.click("input[name=_continue]")
    first.locator(".messagelist .success").wait_for()

    second.fill("#id_title_en", "The second tab's title")
    second.click("input[name=_continue]")
    conflict = second.locator(".edit-conflict")
    conflict.wait_for()
    assert conflict.locator("dd[data-field=title_en] ins").inner_text() == "The first tab's title"
    assert second.locator("#id_title_en").input_value() == "The second tab's title"
    post.refresh_from_db()
    assert post.title_en == "The first tab's title"


def test_the_history_and_compare_pages_pass_axe(signed_in, live_server, post, serious_violations):
    page = signed_in
    page.goto(live_server.url + change_url(post))
    show_tab(page, "pt")
    page.fill("#id_title_pt", "Um título revisto")
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()

    page.goto(live_server.url + revisions_url(post, "history"))
    page.locator("html[data-a11y-ready]").wait_for(state="attached")
    assert serious_violations(page) == [], "\n".join(serious_violations(page))
    page.click(".revisions-page input[type=submit]")
    page.wait_for_url("**/history/compare/**")
    page.locator("html[data-a11y-ready]").wait_for(state="attached")
    assert page.locator(".diff-section").count() >= 1
    assert serious_violations(page) == [], "\n".join(serious_violations(page))
