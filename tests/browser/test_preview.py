"""Preview in Chromium, as an editor works: write a post from scratch (with an image from the library),
save it as a draft, see it through "View on site" with the preview banner, share a preview link and open
it logged out, schedule it (readers still get 404), then publish it (readers see it). axe-core on the
preview page; screenshots of the banner at 1280 and 375 px."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from tests.browser.admin_session import log_in
from tests.browser.test_editing import ALT, upload_to_library

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-editora-123"
TITLE = "Un faro en la costa"


@pytest.fixture
def editor_page(browser, live_server, django_user_model):
    """A superuser's browser in Spanish: the admin and its language tabs open in es."""
    django_user_model.objects.create_superuser("editora", "editora@example.org", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-ES")
    page = context.new_page()
    log_in(page, live_server.url, "editora", PASSWORD)
    yield page
    context.close()


@pytest.fixture
def reader(browser):
    """A fresh browser context: no session, no cookies (someone the link was sent to, or any reader)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def write_draft(page, live_server, image) -> Post:
    page.goto(live_server.url + reverse("admin:blog_post_add"))
    page.locator("#id_title_es").press_sequentially(TITLE)
    body = page.locator("#id_body_es")
    body.fill("La luz gira toda la noche.\n\n")
    body.evaluate("area => area.setSelectionRange(area.value.length, area.value.length)")
    page.locator(".md-editor[data-language=es] [data-action=image]").click()
    page.locator("dialog.md-picker .md-picker-choice").first.click()
    assert f"![{ALT['es']}]({image.url})" in body.input_value()
    page.click("input[name=_continue]")  # saved, back on the change form; a new post is a draft
    page.locator("a.viewsitelink").wait_for()
    return Post.objects.get()


def change_publishing(page, live_server, post: Post, *, publish_at=None) -> None:
    """Publish the es version, at `publish_at` (empty: the post's date, which has passed)."""
    page.goto(live_server.url + reverse("admin:blog_post_change", args=[post.pk]))
    page.select_option("#id_status_es", "published")
    local = timezone.localtime(publish_at) if publish_at else None
    page.fill("#id_publish_at_es_0", local.strftime("%Y-%m-%d") if local else "")
    page.fill("#id_publish_at_es_1", local.strftime("%H:%M:%S") if local else "")
    page.click("input[name=_continue]")
    page.locator("a.viewsitelink").wait_for()


def banner(page):
    return page.locator("aside.preview-banner")


def test_an_editor_previews_shares_schedules_and_publishes_a_post(
    editor_page, reader, browser, live_server, tmp_path, artifacts_dir, serious_violations
):
    page = editor_page
    image = upload_to_library(page, live_server, tmp_path)
    post = write_draft(page, live_server, image)
    assert post.language_state("es") == "draft"
    page.screenshot(path=str(artifacts_dir / "preview-admin-change-form.png"))

    # "View on site" of the draft: the preview, at the post's own address.
    page.click("a.viewsitelink")
    page.wait_for_url(f"**{post.get_absolute_url('es')}")
    assert page.locator("h1#post-title").inner_text() == TITLE
    assert banner(page).is_visible()
    assert "Vista previa — no es pública" in banner(page).inner_text()
    assert page.locator(".preview-banner-state").inner_text() == "Borrador"
    assert page.locator(f"article.post img[alt='{ALT['es']}']").is_visible()
    page.screenshot(path=str(artifacts_dir / "preview-banner-1280.png"))
    assert serious_violations(page) == [], "\n".join(serious_violations(page))
    page.set_viewport_size({"width": 375, "height": 812})
    assert banner(page).bounding_box()["width"] <= 375
    page.screenshot(path=str(artifacts_dir / "preview-banner-375.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    # Readers get 404 there.
    assert reader.goto(live_server.url + post.get_absolute_url("es")).status == 404

    # A share link, opened by someone who is not logged in.
    page.goto(live_server.url + reverse("admin:blog_post_change", args=[post.pk]))
    page.click(".field-preview_box a.button")
    link = page.locator("input[data-share-link=es]").input_value()
    page.screenshot(path=str(artifacts_dir / "preview-share-links.png"), full_page=True)
    response = reader.goto(link)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert "no-store" in response.headers["cache-control"]
    assert reader.locator("h1#post-title").inner_text() == TITLE
    assert reader.locator("meta[name=robots]").get_attribute("content") == "noindex, nofollow"
    assert "enlace compartido" in reader.locator(".preview-banner-note").inner_text()
    reader.screenshot(path=str(artifacts_dir / "preview-shared-link.png"))

    # Scheduled for two days ahead: still a preview for the editor, still 404 for readers.
    change_publishing(page, live_server, post, publish_at=timezone.now() + timedelta(days=2))
    post.refresh_from_db()
    assert post.language_state("es") == "scheduled"
    assert reader.goto(live_server.url + post.get_absolute_url("es")).status == 404
    reader.goto(live_server.url + "/")
    assert TITLE not in reader.locator("main").inner_text()
    page.click("a.viewsitelink")
    assert page.locator(".preview-banner-state").inner_text().startswith("Programado para el")

    # Published now: readers see it, with no banner; the share link leads to it.
    change_publishing(page, live_server, post, publish_at=None)
    response = reader.goto(live_server.url + post.get_absolute_url("es"))
    assert response.status == 200
    assert reader.locator("h1#post-title").inner_text() == TITLE
    assert banner(reader).count() == 0
    # A reader who has not been here in the last PAGE_CACHE_MAX_AGE seconds (the home page is public for
    # that long, to proxies and browsers alike) finds it listed.
    later_reader = browser.new_context().new_page()
    later_reader.goto(live_server.url + "/")
    assert TITLE in later_reader.locator("main").inner_text()
    later_reader.context.close()
    reader.goto(link)
    assert reader.url == live_server.url + post.get_absolute_url("es")
