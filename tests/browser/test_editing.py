"""Writing in the admin, in Chromium: a post illustrated from the image library from scratch (upload,
insert at the cursor, preview), the editor's keyboard shortcuts, and axe-core on the Post change form."""

import pytest
from django.urls import reverse

from blog.models import Post
from blog.rendering import count_words
from library.models import Image
from tests.browser.admin_session import log_in
from tests.library.images import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-editora-123"
ALT = {"es": "Un faro al atardecer", "pt": "Um farol ao entardecer", "en": "A lighthouse at dusk"}


@pytest.fixture
def editor_page(page, live_server, django_user_model):
    """A logged-in superuser's page; collects the policy violations Chromium reports."""
    django_user_model.objects.create_superuser("editora", "editora@example.org", PASSWORD)
    page.violations = []
    page.on(
        "console",
        lambda message: (
            page.violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, live_server.url, "editora", PASSWORD)
    return page


def loaded_width(image) -> int:
    """The picture's natural width once it has loaded (0 if it fails)."""
    return image.evaluate(
        """img => img.complete && img.naturalWidth ? img.naturalWidth : new Promise(done => {
            img.addEventListener("load", () => done(img.naturalWidth));
            img.addEventListener("error", () => done(0));
        })"""
    )


def upload_to_library(page, live_server, tmp_path) -> Image:
    photo = tmp_path / "faro.png"
    photo.write_bytes(image_bytes((1600, 900)))
    page.goto(live_server.url + reverse("admin:library_image_add"))
    page.set_input_files("#library-files", str(photo))  # the "multiple" button; the form gets a row per file
    page.locator(".library-upload-form img.library-upload-preview").wait_for()  # shown once read
    for code, text in ALT.items():
        page.fill(f"#id_images-0-alt_{code}", text)
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/library/image/")
    page.locator("img.library-thumbnail").first.wait_for()
    assert loaded_width(page.locator("img.library-thumbnail").first) == 640  # the rendition, made now
    return Image.objects.get()


def test_an_editor_writes_and_illustrates_a_post_from_scratch(
    editor_page, live_server, tmp_path, artifacts_dir
):
    page = editor_page
    image = upload_to_library(page, live_server, tmp_path)

    page.goto(live_server.url + reverse("admin:blog_post_add"))
    page.locator("#id_title_es").press_sequentially("Un faro en la costa")
    assert page.input_value("#id_slug_es") == "un-faro-en-la-costa"  # filled while typing
    body = page.locator("#id_body_es")
    body.fill("Primer párrafo.\n\nÚltimo párrafo.")
    body.evaluate("area => area.setSelectionRange(16, 16)")  # after the first paragraph
    page.locator(".md-editor[data-language=es] [data-action=image]").click()
    choice = page.locator("dialog.md-picker .md-picker-choice").first
    choice.wait_for()
    assert choice.inner_text() == ALT["es"]
    choice.click()
    expected = f"Primer párrafo.\n\n![{ALT['es']}]({image.url})\n\nÚltimo párrafo."
    assert body.input_value() == expected

    page.locator(".md-editor[data-language=es] [data-action=preview]").click()
    preview_image = page.locator(".md-editor[data-language=es] .md-preview img")
    preview_image.wait_for()
    assert preview_image.get_attribute("alt") == ALT["es"]
    assert loaded_width(preview_image) == 1600
    assert page.locator(".md-editor[data-language=es] .md-words").inner_text() == str(count_words(expected))
    page.screenshot(path=str(artifacts_dir / "admin-editor-preview.png"), full_page=True)

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/blog/post/")
    post = Post.objects.get()
    assert (post.slug_es, post.body_es.replace("\r\n", "\n")) == ("un-faro-en-la-costa", expected)
    assert page.violations == []


def selected_body(page, live_server, text: str):
    """A new post's Spanish body holding `text`, all of it selected."""
    page.goto(live_server.url + reverse("admin:blog_post_add"))
    body = page.locator("#id_body_es")
    body.fill(text)
    body.evaluate("area => area.select()")
    return body


@pytest.mark.parametrize(
    ("keys", "expected"),
    [("Control+b", "**hola**"), ("Control+i", "*hola*"), ("Meta+b", "**hola**"), ("Control+e", "`hola`")],
)
def test_keyboard_shortcuts_format_the_selection(editor_page, live_server, keys, expected):
    body = selected_body(editor_page, live_server, "hola")
    body.press(keys)
    assert body.input_value() == expected


def test_a_link_shortcut_selects_the_address_to_type(editor_page, live_server):
    body = selected_body(editor_page, live_server, "sitio")
    body.press("Control+k")
    editor_page.keyboard.type("https://example.org")
    assert body.input_value() == "[sitio](https://example.org)"


def test_a_toolbar_action_is_undone_like_typing(editor_page, live_server):
    body = selected_body(editor_page, live_server, "sitio")
    editor_page.locator(".md-editor[data-language=es] [data-action=quote]").click()
    assert body.input_value() == "> sitio"
    body.press("Control+z")
    assert body.input_value() == "sitio"


def test_the_post_change_form_passes_axe(editor_page, live_server, serious_violations):
    page = editor_page
    page.goto(live_server.url + reverse("admin:blog_post_add"))
    page.locator("html[data-a11y-ready]").wait_for(state="attached")
    page.locator(".md-editor[data-language=es] [data-action=preview]").click()
    assert serious_violations(page) == [], "\n".join(serious_violations(page))


def test_language_tabs_switch_once_their_links_lose_the_nesting(editor_page, live_server):
    page = editor_page
    page.goto(live_server.url + reverse("admin:blog_post_add"))
    page.locator("html[data-a11y-ready]").wait_for(state="attached")
    assert page.locator(".ui-tabs-nav li[role=tab] > a[href]").count() == 0
    page.locator(".ui-tabs-nav").first.locator("li", has_text="pt").click()
    assert page.locator("#id_title_pt").is_visible()
    assert not page.locator("#id_title_es").is_visible()
