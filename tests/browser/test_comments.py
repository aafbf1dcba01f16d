"""Comments in Chromium: a reader sends one with JavaScript off and on and reads the moderation notice; the
post page with a thread, a reply and the form has no serious accessibility finding (light and dark)."""

import pytest

from comments.models import Comment
from tests.comments.comment_data import add_comment, commented_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def post(settings):
    settings.COMMENTS_MIN_SECONDS = 0  # the browser types faster than a person; the check has its own tests
    post = commented_post(title_es="Migrar a OpenStack sin sustos", reward=True)
    first = add_comment(post, name="Ana", body="¿Qué versión de *Ceph* usaron?\n\n- RGW\n- RBD")
    add_comment(post, name="Bruno", parent=first, body="La **Reef**, con `cephadm`.")
    return post


@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
def test_a_reader_sends_a_comment_and_reads_that_it_awaits_moderation(browser, live_server, post, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + post.get_absolute_url("es"))
    form = page.locator("form.comment-form")
    form.get_by_label("Nombre").fill("Carla")
    form.get_by_label("Comentario", exact=True).fill(
        "Muy útil, gracias. Lo probaremos en [staging](https://example.org)."
    )
    form.get_by_role("button", name="Enviar comentario").click()
    page.wait_for_load_state()
    assert page.url.endswith("?comment=pending#comments")
    assert "espera moderación" in page.locator(".comment-notice").inner_text()
    assert page.locator(".comment-author").all_inner_texts() == ["Ana", "Bruno"]
    assert Comment.objects.get(name="Carla").is_public is False
    context.close()


def test_the_honeypot_is_out_of_sight(page, live_server, post):
    page.goto(live_server.url + post.get_absolute_url("es"))
    assert page.locator("form.comment-form input[name=honeypot]").is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_post_page_with_comments_has_no_serious_accessibility_finding(
    browser, live_server, post, serious_violations, artifacts_dir, scheme
):
    context = browser.new_context(viewport={"width": 375, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(live_server.url + post.get_absolute_url("es") + "?comment=pending")
    assert page.locator(".comment-notice").is_visible()
    page.locator("#comments").screenshot(path=str(artifacts_dir / f"comments-375-{scheme}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(page) == []
    context.close()
