"""Event pages in Chromium: the listing and an event page pass axe-core; "Add to calendar" gives an .ics."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/en/events/", "/en/events/kcd-colombia-2025/"])
def test_event_pages_have_no_serious_accessibility_violations(
    live_server, page, serious_violations, artifacts_dir, path
):
    call_command("load_sample_events", verbosity=0)

    page.goto(live_server.url + path)

    name = path.strip("/").replace("/", "-")
    page.screenshot(path=str(artifacts_dir / f"{name}.png"), full_page=True)
    assert serious_violations(page) == []


def test_add_to_calendar_downloads_an_ics_file(live_server, page):
    call_command("load_sample_events", verbosity=0)
    page.goto(live_server.url + "/en/events/kcd-colombia-2025/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()

    download = download_info.value
    assert download.suggested_filename == "kcd-colombia-2025.ics"
    assert "BEGIN:VCALENDAR" in open(download.path(), encoding="utf-8").read()
