"""With the Content-Security-Policy enforced (no inline scripts), the carousel and the language switcher work
and Chromium reports no violation on the reader pages or the admin."""

import pytest
from django.utils import timezone

from tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def posts():
    now = timezone.now()
    slides = [
        make_post(
            carousel=True, featured=True, title_es=f"Diapositiva {n}", date=now - timezone.timedelta(days=n)
        )
        for n in range(1, 4)
    ]
    return {"slides": slides, "post": make_post(title_es="Entrada", title_pt="Postagem", title_en="Entry")}


@pytest.fixture
def violations(page):
    """Console errors Chromium logs when the policy blocks something."""
    found = []
    page.on(
        "console",
        lambda message: found.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return found


def test_carousel_works_under_the_policy(page, live_server, posts, violations):
    page.emulate_media(reduced_motion="reduce")
    response = page.goto(live_server.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    carousel = page.locator("[data-carousel]")
    assert carousel.get_attribute("data-current") == "1"
    page.get_by_role("button", name="Diapositiva siguiente").click()
    assert carousel.get_attribute("data-current") == "2"
    assert violations == []


def test_language_switcher_works_under_the_policy(page, live_server, posts, violations):
    page.goto(live_server.url + posts["post"].get_absolute_url("es"))
    page.locator(".lang-switcher").get_by_role("link", name="Português").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + posts["post"].get_absolute_url("pt")
    assert page.locator("h1").inner_text() == "Postagem"
    assert violations == []


def test_admin_change_form_has_no_violations(page, live_server, posts, violations, django_user_model):
    django_user_model.objects.create_superuser("root", password="root-pass")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "root-pass")
    page.click("input[type=submit]")
    page.goto(live_server.url + f"/admin/blog/post/{posts['post'].pk}/change/")
    page.wait_for_load_state("networkidle")
    assert violations == []
