"""The Markdown editor: a plain widget with a toolbar, on every language's body, and a preview that is
exactly the published rendering (blog.rendering), for staff only, CSRF-checked and throttled."""

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from blog.rendering import render_body, rendered_body
from editing.widgets import MarkdownEditor
from ops.throttle import counters
from tests.factories import make_post
from tests.html import attrs, select, select_one
from tests.paths import SAMPLE_POSTS

pytestmark = pytest.mark.django_db

PREVIEW = reverse("editing:preview")
TOOLBAR = ["heading2", "heading3", "bold", "italic", "link", "list", "numbered", "quote", "code", "image"]
HOSTILE = '# Hola\n\n<script>alert(1)</script> <a href="javascript:alert(1)" onclick="x()">clic</a>\n'


class NoteForm(forms.Form):
    text = forms.CharField(widget=MarkdownEditor(language="pt"))


def sample_body() -> str:
    """The body of a real sample post (front matter cut off)."""
    source = sorted(SAMPLE_POSTS.glob("*.txt"))[1].read_text(encoding="utf-8")
    return source.split("---", 2)[2]


def test_the_widget_works_in_any_form():
    html = NoteForm().as_div()
    assert select_one(html, ".md-editor textarea[name=text]")
    assert attrs(html, ".md-editor", "data-language") == ["pt"]
    assert attrs(html, ".md-editor", "data-preview-url") == [PREVIEW]


def test_the_toolbar_has_every_action_and_a_preview_toggle():
    html = NoteForm().as_div()
    assert attrs(html, ".md-toolbar button", "data-action") == [*TOOLBAR, "preview"]
    assert attrs(html, "[data-action=preview]", "aria-pressed") == ["false"]


def test_the_widget_brings_its_own_static_files_and_no_inline_code():
    form = NoteForm()
    assert "editing/editor.js" in str(form.media) and "editing/editor.css" in str(form.media)
    html = form.as_div()
    assert not select(html, "script, style, [style]")
    assert not [tag for tag in select(html, "*") if any(name.startswith("on") for name in tag.attrs)]


def test_every_language_tab_of_the_post_form_has_the_editor(editor_client):
    post = make_post()
    page = editor_client.get(reverse("admin:blog_post_change", args=[post.pk]))
    editors = select(page, ".md-editor")
    assert [e.select_one("textarea")["name"] for e in editors] == ["body_es", "body_pt", "body_en"]
    assert [e["data-language"] for e in editors] == ["es", "pt", "en"]
    assert "editing/editor.js" in page.content.decode()


@pytest.mark.parametrize("code", ["es", "pt", "en"])
def test_the_preview_is_the_published_rendering(editor_client, code):
    post = make_post(**{f"body_{code}": sample_body()})
    response = editor_client.post(PREVIEW, {"text": sample_body(), "language": code})
    published = rendered_body(post, code)
    assert response.json() == {
        "html": published.html,
        "words": published.words,
        "reading_minutes": published.reading_minutes,
    }


def test_the_preview_is_sanitised_as_pages_are(editor_client):
    html = editor_client.post(PREVIEW, {"text": HOSTILE, "language": "es"}).json()["html"]
    assert html == render_body(HOSTILE, "es").html
    assert not select(html, "script, [onclick]")
    assert attrs(html, "a", "href") == ["#hola"]  # the heading's anchor; the javascript: link lost its href


def test_the_preview_is_for_staff_only(client, django_user_model):
    assert client.post(PREVIEW, {"text": "hola"}).status_code == 403
    client.force_login(django_user_model.objects.create_user("lectora", password="pw"))
    assert client.post(PREVIEW, {"text": "hola"}).status_code == 403


def test_the_preview_answers_post_only(editor_client):
    assert editor_client.get(PREVIEW, {"text": "hola"}).status_code == 405


def test_the_preview_needs_the_csrf_token(django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_user("staff", password="pw", is_staff=True))
    assert client.post(PREVIEW, {"text": "hola"}).status_code == 403


def test_the_preview_is_throttled_per_editor(editor_client, settings):
    settings.EDITING_PREVIEWS_PER_MINUTE = 3
    counters().clear()  # counts left by earlier tests' editors
    codes = [editor_client.post(PREVIEW, {"text": "hola"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_preview_is_never_cached(editor_client):
    response = editor_client.post(PREVIEW, {"text": "hola"})
    assert "no-store" in response["Cache-Control"]
