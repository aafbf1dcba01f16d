"""The search page in Chromium: reached from the header form, readable at 375 px, and passing axe-core."""

import pytest

from tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_header_search_form_leads_to_highlighted_results(live_server, page):
    make_post(
        languages=("es",), title_es="Migración a PostgreSQL", body_es="La migración de datos fue rápida."
    )
    page.goto(live_server.url + "/")

    page.get_by_role("searchbox", name="Buscar entradas").fill("migracion")
    page.keyboard.press("Enter")

    page.wait_for_url("**/search/?q=migracion")
    assert page.get_by_role("link", name="Migración a PostgreSQL").is_visible()
    assert page.locator(".search-snippet mark").first.inner_text().lower() == "migración"


@pytest.mark.parametrize("width", [375, 1280])
def test_search_page_has_no_serious_accessibility_violations(
    live_server, page, serious_violations, artifacts_dir, width
):
    for _ in range(12):
        make_post(languages=("en",), body_en="OpenStack and Kubernetes, <b>together</b>.")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/en/search/?q=openstack")

    page.screenshot(path=str(artifacts_dir / f"search-{width}.png"), full_page=True)
    assert serious_violations(page) == []
