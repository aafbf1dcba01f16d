"""The admin at 1280 px in Chromium: the posts' list fits without a horizontal scroll bar (long titles,
every column and the filters), under the site's name and favicon."""

import pytest
from django.urls import reverse

from pages.models import SiteIdentity
from tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = (
    "Por qué OpenInfraDays NA y SCaLE son una combinación perfecta: un resumen del evento de Pasadena"
)


def test_the_post_list_fits_1280_pixels(page, live_server, django_user_model, artifacts_dir):
    SiteIdentity.set_name({"es": "Bitácora del Sur"})
    for n in range(12):
        make_post(title_es=f"{LONG_TITLE} ({n})", section="comunidad-y-eventos", draft=n % 3 == 0)
    django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-123")
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw-root-123")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:blog_post_changelist"))
    page.screenshot(path=str(artifacts_dir / "admin-post-list-1280.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.locator("#site-name").inner_text() == "Administración de Bitácora del Sur"
    assert page.evaluate("fetch(document.querySelector('link[rel=icon]').href).then(r => r.status)") == 200
