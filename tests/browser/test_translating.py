"""The translation desk in Chromium: the side-by-side view at 1280 and 375 px (axe-core: no serious or
critical finding, no sideways scrolling, no CSP report), the source paragraph following the cursor, and
a translator's whole path from the grid to a Portuguese page readers see."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.urls import reverse

from blog.models import Post
from tests.browser.admin_session import log_in as admin_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "content"
PASSWORD = "pw-desk-123"


def user_in(name: str, codenames: list[str]) -> User:
    """A staff user in a group holding `codenames` (groups made by migrations are gone in these tests)."""
    group, _created = Group.objects.get_or_create(name=name.capitalize() + "s")
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    user = User.objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(group)
    return user


EDITING = ["view_post", "change_post", "add_post"]


def log_in(page, live_server, username: str):
    admin_log_in(page, live_server.url, username, PASSWORD)


def watch_csp(page) -> list[str]:
    reports: list[str] = []
    page.on("console", lambda m: reports.append(m.text) if "Content Security Policy" in m.text else None)
    return reports


@pytest.fixture
def sample():
    call_command("import_posts", str(SAMPLE), stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Post.objects.get(title_en__startswith="Why OpenInfraDays")


def outdate_portuguese(post):
    """The Spanish source's second paragraph gets a sentence: Portuguese and English are outdated."""
    paragraphs = post.body_es.split("\n\n")
    paragraphs[1] += " Fue la primera edición con traducción simultánea."
    post.body_es = "\n\n".join(paragraphs)
    post.save()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_side_by_side_view_reads_well(
    browser, live_server, sample, width, artifacts_dir, serious_violations
):
    outdate_portuguese(sample)
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    reports = watch_csp(page)
    log_in(page, live_server, "root")
    page.goto(live_server.url + reverse("admin:translating_desk", args=["post", sample.pk, "pt"]))
    page.locator(".desk-outdated ins").first.wait_for()
    page.screenshot(path=str(artifacts_dir / f"translating-desk-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert reports == []  # before axe-core runs: its own probes set inline styles
    assert serious_violations(page) == []
    context.close()


def test_the_source_paragraph_follows_the_cursor(page, live_server, sample):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    log_in(page, live_server, "root")
    page.goto(live_server.url + reverse("admin:translating_desk", args=["post", sample.pk, "pt"]))
    body = page.locator("#id_body")
    third_paragraph = body.input_value().index(sample.body_pt.split("\n\n")[2])
    body.evaluate("(area, at) => { area.focus(); area.setSelectionRange(at, at); }", third_paragraph)
    body.press("ArrowRight")
    current = page.locator(".desk-blocks .desk-current")
    assert current.inner_text().strip() == sample.body_es.split("\n\n")[2].strip()


def test_a_translator_goes_from_the_grid_to_a_published_portuguese_page(
    browser, live_server, sample, artifacts_dir
):
    kcd = Post.objects.get(title_es__startswith="KCD Colombia")
    user_in("translator", EDITING)
    user_in("publisher", [*EDITING, "publish_post"])

    translator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(translator, live_server, "translator")
    translator.goto(live_server.url + reverse("admin:translating_grid") + "?state=missing&language=pt")
    translator.screenshot(path=str(artifacts_dir / "translating-grid-1280.png"), full_page=True)
    row = translator.locator(".grid-table tbody tr", has_text="KCD Colombia")
    row.locator("td.grid-state-missing a").click()
    translator.locator(".desk-start button").click()
    assert translator.input_value("#id_title").startswith("KCD Colombia 2025")
    translator.fill("#id_title", "KCD Colômbia 2025: Bogotá recebe o grande encontro cloud-native")
    body = translator.locator("#id_body")
    body.fill("Bogotá recebeu a comunidade cloud-native.\n\n" + body.input_value())
    translator.locator(".desk-submit button[value=review]").click()
    translator.locator(".messagelist .success").wait_for()
    assert Post.objects.get(pk=kcd.pk).status_pt == "review"
    assert translator.locator(".desk-submit button[value=published]").count() == 0

    publisher = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(publisher, live_server, "publisher")
    publisher.goto(live_server.url + reverse("admin:translating_grid") + "?state=review&language=pt")
    publisher.locator(".grid-table tbody tr", has_text="KCD Colombia").locator(
        "td.grid-state-review a"
    ).click()
    publisher.locator(".desk-submit button[value=published]").click()
    publisher.locator(".messagelist .success").wait_for()

    kcd = Post.objects.get(pk=kcd.pk)
    assert kcd.get_absolute_url("pt").startswith("/pt/")
    publisher.goto(live_server.url + kcd.get_absolute_url("pt"))
    assert publisher.locator("h1").first.inner_text() == kcd.title_pt
    assert "Bogotá recebeu a comunidade cloud-native." in publisher.locator("main").inner_text()
