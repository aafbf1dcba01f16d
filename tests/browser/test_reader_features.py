"""Reader features in Chromium at 375 and 1280 px: events pages, share links, back to top, the theme switch,
copy buttons on code and the compact header. Each runs under the site's CSP (no inline script)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from pages.models import MenuItem
from tests.events.event_data import make_event
from tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [375, 1280]
CODE = 'def saludo(nombre):\n    return f"Hola {nombre}"'
BODY = "\n\n".join(
    [f"## Parte {n}\n\n" + "Texto de la comunidad de código abierto. " * 60 for n in range(1, 6)]
    + [f"```python\n{CODE}\n```"]
)


@pytest.fixture
def post():
    for weight, (name, url) in enumerate(
        [("Blog", "/blog/"), ("Eventos", "/events/"), ("Archivo", "/archive/")]
    ):
        MenuItem.objects.create(language="es", name=name, url=url, weight=weight)
    return make_post(
        title_es="Guía larga",
        body_es=BODY,
        title_pt="Guia longo",
        body_pt=BODY,
        title_en="Long guide",
        body_en=BODY,
        toc=True,
    )


def wait_until(page, expression: str) -> None:
    """Poll `expression` in the page (through DevTools: the CSP forbids the eval behind wait_for_function)."""
    for _ in range(100):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {expression}")


def open_page(browser, live_server, path: str, width: int, **options):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, reduced_motion="reduce", **options
    )
    page = context.new_page()
    page.goto(live_server.url + path)
    return context, page


# --- events -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_events_list_is_laid_out_in_cards_within_the_page(browser, live_server, artifacts_dir, width):
    call_command("load_sample_events", verbosity=0)
    make_event("soon", timezone.now() + timedelta(days=5), name_es="Encuentro pronto", city="Lima")
    context, page = open_page(browser, live_server, "/events/", width)
    card = page.locator(".event-card", has_text="Encuentro pronto")
    box = card.bounding_box()
    assert box["x"] >= 12 and box["x"] + box["width"] <= width - 12  # inside the container's padding
    assert card.evaluate("el => getComputedStyle(el.parentElement).listStyleType") == "none"
    assert page.locator(".event-card .event-date .day").first.inner_text() != ""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts_dir / f"events-list-{width}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_event_page_shows_its_facts_in_the_sites_layout(browser, live_server, artifacts_dir, width):
    call_command("load_sample_events", verbosity=0)
    context, page = open_page(browser, live_server, "/en/events/kcd-colombia-2025/", width)
    assert page.get_by_role("heading", level=1).inner_text() == "KCD Colombia 2025"
    facts = page.locator(".event-facts")
    assert facts.locator("dt").first.inner_text().lower() == "when"
    assert facts.bounding_box()["x"] >= 12
    assert page.get_by_role("link", name="Add to calendar").is_visible()
    assert page.locator(".breadcrumb").get_by_role("link", name="Events").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts_dir / f"event-detail-{width}.png"), full_page=True)
    context.close()


# --- share links ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_share_links_carry_the_posts_address_and_title(browser, live_server, post, width):
    context, page = open_page(browser, live_server, post.get_absolute_url("en"), width)
    share = page.locator(".share")
    url = live_server.url + post.get_absolute_url("en")
    links = {name: share.get_by_role("link", name=name).get_attribute("href") for name in ("Bluesky", "X")}
    assert parse_qs(urlsplit(links["Bluesky"]).query)["text"] == [f"Long guide {url}"]
    assert parse_qs(urlsplit(links["X"]).query)["url"] == [url]
    for name in ("LinkedIn", "Telegram", "WhatsApp", "E-mail"):
        assert share.get_by_role("link", name=name).is_visible()
    assert page.locator("script[src*='//']").count() == 0  # no third-party script
    context.close()


def test_mastodon_without_javascript_asks_for_the_server_and_opens_it(browser, live_server, post):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.route(
        "https://social.example/**", lambda route: route.fulfill(body="mastodon", content_type="text/plain")
    )
    page.goto(live_server.url + post.get_absolute_url("es"))
    page.locator(".share-mastodon summary").click()
    page.get_by_label("Tu servidor de Mastodon").fill("https://social.example/")
    page.get_by_role("button", name="Compartir en Mastodon").click()
    page.wait_for_url("https://social.example/share?**")
    text = parse_qs(urlsplit(page.url).query)["text"][0]
    assert text == f"Guía larga {live_server.url}{post.get_absolute_url('es')}"
    context.close()


def test_mastodon_with_javascript_goes_straight_to_the_server_and_remembers_it(browser, live_server, post):
    context, page = open_page(browser, live_server, post.get_absolute_url("es"), 1280)
    context.route("https://social.example/**", lambda route: route.fulfill(body="mastodon"))
    asked = []
    page.on(
        "request", lambda request: asked.append(request.url) if "/share/mastodon/" in request.url else None
    )
    page.locator(".share-mastodon summary").click()
    page.get_by_label("Tu servidor de Mastodon").fill("@lector@social.example")
    page.get_by_role("button", name="Compartir en Mastodon").click()
    page.wait_for_url("https://social.example/share?**")
    assert asked == []  # straight to the server, not through ours
    page.goto(live_server.url + post.get_absolute_url("es"))
    page.locator(".share-mastodon summary").click()
    assert page.get_by_label("Tu servidor de Mastodon").input_value() == "social.example"
    context.close()


def test_web_share_button_appears_where_the_browser_can_share(browser, live_server, post):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.add_init_script("navigator.share = async (data) => { window.sharedWith = data; };")
    page = context.new_page()
    page.goto(live_server.url + post.get_absolute_url("es"))
    page.get_by_role("button", name="Compartir…").click()
    assert page.evaluate("window.sharedWith.url") == live_server.url + post.get_absolute_url("es")
    context.close()


def test_web_share_button_stays_hidden_without_the_api(browser, live_server, post):
    context, page = open_page(browser, live_server, post.get_absolute_url("es"), 1280)
    if page.evaluate("'share' in navigator"):
        pytest.skip("this Chromium build has the Web Share API")
    assert page.get_by_role("button", name="Compartir…").count() == 0
    context.close()


# --- back to top ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_back_to_top_appears_after_a_screen_and_returns_to_the_top(browser, live_server, post, width):
    context, page = open_page(browser, live_server, post.get_absolute_url("es"), width)
    button = page.get_by_role("link", name="Volver arriba")
    assert not button.is_visible()
    page.mouse.wheel(0, 3000)
    wait_until(page, "window.scrollY > 2000")
    button.wait_for(state="visible")
    button.click()
    wait_until(page, "window.scrollY === 0")
    assert page.evaluate("document.activeElement.className") == "brand"
    context.close()


def test_back_to_top_is_a_plain_link_without_javascript(browser, live_server, post):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 800}, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(live_server.url + post.get_absolute_url("es"))
    link = page.get_by_role("link", name="Volver arriba")
    link.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 0
    link.click()
    page.wait_for_url("**#top")
    assert page.evaluate("window.scrollY") == 0  # no smooth scrolling in this context: at once
    context.close()


# --- theme ----------------------------------------------------------------------------------------------


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize("width", WIDTHS)
def test_theme_follows_the_system_until_the_reader_chooses_and_the_choice_lasts(
    browser, live_server, post, width
):
    context, page = open_page(browser, live_server, "/", width, color_scheme="dark")
    dark = background(page)
    assert page.evaluate("document.documentElement.dataset.theme") is None  # automatic: the OS says dark
    if width < 1280:
        page.get_by_role("button", name="Menú").click()
    switch = page.locator("[data-theme-switch]")
    switch.click()  # automatic → light
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    assert background(page) == "rgb(255, 255, 255)"
    assert switch.locator(".theme-switch-label").text_content() == "Tema: claro"

    page.goto(live_server.url + post.get_absolute_url("es"))  # another page, same browser
    assert background(page) == "rgb(255, 255, 255)"
    if width < 1280:
        page.get_by_role("button", name="Menú").click()
    switch.click()  # light → dark
    switch.click()  # dark → automatic
    assert page.evaluate("document.documentElement.dataset.theme") is None
    assert background(page) == dark
    context.close()


def test_a_chosen_theme_applies_before_any_deferred_script_runs(browser, live_server):
    """No flash of the wrong theme: early.js (in <head>, not deferred) applies the stored choice."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    context.add_init_script("localStorage.setItem('theme', 'dark')")
    page = context.new_page()
    page.route("**/js/features.js", lambda route: route.abort())
    page.route("**/js/site.js", lambda route: route.abort())
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert background(page) == "rgb(15, 20, 25)"
    context.close()


# --- copy code ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_copy_button_puts_a_code_block_on_the_clipboard(browser, live_server, post, width):
    context, page = open_page(
        browser,
        live_server,
        post.get_absolute_url("es"),
        width,
        permissions=["clipboard-read", "clipboard-write"],
    )
    button = page.locator(".prose .code-block .copy-code")
    assert button.inner_text() == "Copiar"
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == CODE
    assert button.inner_text() == "Copiado"
    expect(page.get_by_role("status")).to_have_text("Copiado")
    context.close()


# --- header ---------------------------------------------------------------------------------------------


def test_mobile_header_is_one_slim_sticky_bar_with_a_menu_and_one_tap_search(browser, live_server, post):
    context, page = open_page(browser, live_server, post.get_absolute_url("es"), 375)
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 64
    nav = page.get_by_role("navigation", name="Principal")
    assert not nav.is_visible()
    menu = page.get_by_role("button", name="Menú")
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    assert page.locator(".lang-switcher").get_by_role("link", name="Português").is_visible()
    page.keyboard.press("Escape")
    assert not nav.is_visible()

    page.mouse.wheel(0, 2500)
    wait_until(page, "window.scrollY > 2000")
    assert header.bounding_box()["y"] == 0  # sticky: still at the top of the screen

    page.locator("[data-search-toggle]").click()  # one tap: the field opens with the keyboard's focus
    assert page.evaluate("document.activeElement.id") == "header-search-q"
    page.keyboard.type("guia")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=guia")

    context.close()


def test_wide_header_shows_sections_and_search_without_a_menu_button(browser, live_server, post):
    context, page = open_page(browser, live_server, "/", 1280)
    assert page.get_by_role("navigation", name="Principal").is_visible()
    assert page.get_by_role("searchbox", name="Buscar entradas").is_visible()
    assert not page.get_by_role("button", name="Menú").is_visible()
    assert page.locator(".site-header").bounding_box()["height"] <= 64
    context.close()


def test_narrow_header_without_javascript_shows_everything(browser, live_server, post):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.get_by_role("navigation", name="Principal").is_visible()
    assert page.get_by_role("searchbox", name="Buscar entradas").is_visible()
    context.close()


# --- carousel at 1024 px --------------------------------------------------------------------------------


def test_carousel_pictures_fill_slides_of_different_heights_at_1024(browser, live_server, artifacts_dir):
    """The slides are as tall as the tallest caption; each picture fills its slide, with no empty band."""
    make_post(carousel=True, title_es="Corta", summary_es="Breve.")
    make_post(carousel=True, title_es="Larga " * 12, summary_es="Un resumen mucho más largo. " * 12)
    context, page = open_page(browser, live_server, "/", 1024)
    page.screenshot(path=str(artifacts_dir / "home-carousel-1024.png"))
    for slide in page.locator(".carousel-link").all():
        link, picture = slide.bounding_box(), slide.locator("img").bounding_box()
        assert abs(picture["height"] - link["height"]) <= 2, (picture, link)
    context.close()


def test_mobile_menu_open_looks_right(browser, live_server, artifacts_dir, post):
    context, page = open_page(browser, live_server, "/", 375)
    page.get_by_role("button", name="Menú").click()
    page.screenshot(path=str(artifacts_dir / "header-menu-open-375.png"))
    context.close()
