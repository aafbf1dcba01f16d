"""The tabbed translation admin works offline: jQuery UI comes from the app, the tabs switch languages."""

import pytest
from django.urls import reverse

from tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_edits_three_languages_in_tabs(live_server, page, django_user_model, artifacts_dir):
    django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-123")
    post = make_post(title_es="Hola", title_pt="Olá", title_en="Hello")
    external_requests = []
    page.on(
        "request",
        lambda request: (
            external_requests.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw-root-123")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:blog_post_change", args=[post.pk]))

    tab_list = page.locator(".ui-tabs-nav").first
    tab_list.wait_for()
    assert tab_list.locator("li").count() == 3
    assert page.locator("#id_title_es").is_visible()
    assert not page.locator("#id_title_pt").is_visible()

    tab_list.locator("li a", has_text="pt").first.click()
    assert page.locator("#id_title_pt").is_visible()
    page.fill("#id_title_pt", "Olá, mundo")
    page.screenshot(path=str(artifacts_dir / "admin-tabs-pt.png"), full_page=False)
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/blog/post/")

    post.refresh_from_db()
    assert post.title_pt == "Olá, mundo"
    assert external_requests == []


def test_the_language_switch_names_the_language_the_tabs_opened_on(live_server, page, django_user_model):
    """In English the tabs open on EN: the switch beside the title says EN too, and switches them all."""
    django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-123")
    post = make_post(title_es="Hola", title_pt="Olá", title_en="Hello")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw-root-123")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:blog_post_change", args=[post.pk]))
    page.locator("html[data-a11y-ready]").wait_for(state="attached")

    switch = page.locator("#modeltranslation-main-switch")
    assert page.locator("#id_title_en").is_visible()
    assert switch.locator("option:checked").inner_text().lower() == "en"
    switch.select_option(label="pt")
    assert page.locator("#id_title_pt").is_visible()
    assert page.locator("#id_summary_pt").is_visible()
