"""The reader site in Chromium: carousel, language switching, hreflang, es-only posts, screenshots, axe-core.

Data comes from the factories (with real-looking Spanish and Portuguese text); the server is pytest-django's
`live_server`. Few tests, each checking what only a browser can: scripts, layout and accessibility.
"""

import re

import pytest
from django.utils import timezone

from tests.factories import make_author, make_post, make_tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Long enough for a table of contents (more than the theme's 280 words: blog.rendering.TOC_MIN_WORDS).
BODY = (
    """Para la comunidad de código abierto, pocos eventos son tan auténticos.

"""
    + "Charlas, talleres y encuentros de la comunidad durante todo el día. " * 30
    + """

## Migración a OpenStack

Las organizaciones buscan alternativas:
* Estrategias prácticas
* Herramientas

## Código

```python
def saludo(nombre):
    return f"Hola {nombre}"
```

## Conclusión

| Proyecto | Estado |
|---|---|
| Ceph | estable |
"""
)


@pytest.fixture
def site():
    author = make_author("oss.lat", name="OSS LATAM", bio_es="Comunidad de código abierto.", github="osslat")
    tag = make_tag("comunidad", {"es": "Comunidad", "pt": "Comunidade", "en": "Community"})
    now = timezone.now()
    slides = [
        make_post(
            carousel=True,
            featured=True,
            title_es=f"Destacada número {n}",
            title_pt=f"Destaque número {n}",
            summary_es="Un resumen breve de la entrada destacada.",
            date=now.replace(microsecond=0) - timezone.timedelta(days=n),
            authors=[author],
            tags=[tag],
        )
        for n in range(1, 4)
    ]
    translated = make_post(
        title_es="Reunión en Bogotá",
        slug_es="reunión-en-bogotá",
        title_pt="Encontro em Bogotá",
        slug_pt="encontro-em-bogota",
        title_en="Meetup in Bogotá",
        slug_en="meetup-in-bogota",
        body_es=BODY,
        body_pt=BODY.replace("Para la comunidad", "Para a comunidade"),
        body_en=BODY.replace("Para la comunidad", "For the community"),
        toc=True,
        authors=[author],
        tags=[tag],
        date=now - timezone.timedelta(days=10),
    )
    spanish_only = make_post(
        languages=("es",),
        title_es="Solo en español: KCD Colombia",
        tags=[tag],
        date=now - timezone.timedelta(days=5),
    )
    return {"slides": slides, "post": translated, "spanish_only": spanish_only, "tag": tag}


def current_slide(page) -> str:
    return page.locator("[data-carousel]").get_attribute("data-current")


def test_carousel_advances_with_the_next_button_and_the_keyboard(page, live_server, site):
    page.emulate_media(reduced_motion="reduce")  # no automatic advance: only the reader moves it
    page.goto(live_server.url + "/")
    carousel = page.locator("[data-carousel]")
    assert current_slide(page) == "1"
    page.get_by_role("button", name="Diapositiva siguiente").click()
    assert current_slide(page) == "2"
    assert carousel.locator(".carousel-slide").nth(1).get_attribute("aria-hidden") == "false"
    carousel.focus()
    page.keyboard.press("ArrowRight")
    assert current_slide(page) == "3"
    page.keyboard.press("ArrowLeft")
    assert current_slide(page) == "2"


def test_carousel_is_a_plain_list_without_javascript(browser, live_server, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator(".carousel-controls").is_hidden()
    for n in range(1, 4):
        assert page.get_by_role("link", name=re.compile(f"Destacada número {n}")).first.is_visible()
    context.close()


def test_carousel_advances_by_itself_but_not_while_hovered_or_focused(page, live_server, site):
    page.clock.install()  # the carousel's timer runs on the page clock, moved by hand below
    page.goto(live_server.url + "/")
    page.mouse.move(5, 880)
    page.clock.run_for(7500)
    assert current_slide(page) == "2"
    page.locator(".carousel-viewport").hover()
    page.clock.run_for(20000)
    assert current_slide(page) == "2"
    page.mouse.move(5, 880)
    page.locator("[data-carousel-next]").focus()
    page.clock.run_for(20000)
    assert current_slide(page) == "2"
    page.locator("#header-search-q").focus()
    page.clock.run_for(7500)
    assert current_slide(page) == "3"


def test_carousel_never_advances_by_itself_for_reduced_motion(page, live_server, site):
    page.emulate_media(reduced_motion="reduce")
    page.clock.install()
    page.goto(live_server.url + "/")
    page.clock.run_for(30000)
    assert current_slide(page) == "1"


def test_carousel_takes_its_final_height_before_its_script_runs(browser, live_server, site):
    """No layout shift: with site.js held back, what follows the carousel is already where it ends up."""

    def latest_heading_top(block_site_js: bool) -> float:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
        page = context.new_page()
        if block_site_js:
            page.route("**/js/site.js", lambda route: route.abort())
        page.goto(live_server.url + "/")
        top = page.locator("#latest-title").bounding_box()["y"]
        context.close()
        return top

    assert latest_heading_top(block_site_js=True) == latest_heading_top(block_site_js=False)


def test_switching_a_post_from_spanish_to_portuguese(page, live_server, site):
    page.goto(live_server.url + site["post"].get_absolute_url("es"))
    page.locator(".lang-switcher").get_by_role("link", name="Português").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + site["post"].get_absolute_url("pt")
    assert page.locator("html").get_attribute("lang") == "pt"
    assert page.locator("h1").inner_text() == "Encontro em Bogotá"
    assert page.get_by_role("heading", name="Conteúdo").is_visible()  # Portuguese UI string (TOC)
    assert page.get_by_text("Pular para o conteúdo").count() == 1


def test_hreflang_alternates_point_to_pages_in_that_language(page, live_server, site):
    page.goto(live_server.url + site["post"].get_absolute_url("en"))
    links = page.locator("link[rel=alternate][hreflang]")
    alternates = {
        links.nth(i).get_attribute("hreflang"): links.nth(i).get_attribute("href")
        for i in range(links.count())
    }
    assert set(alternates) == {"es", "pt", "en", "x-default"}
    for language, href in alternates.items():
        response = page.goto(href)
        assert response.status == 200
        expected = "es" if language == "x-default" else language
        assert page.locator("html").get_attribute("lang") == expected


def test_spanish_only_post_under_english(page, live_server, site):
    post = site["spanish_only"]
    page.goto(live_server.url + "/en/")
    card = page.locator(".post-card", has_text="Solo en español: KCD Colombia")
    assert card.get_attribute("lang") == "es"
    assert card.locator(".badge-language").inner_text() == "Only in Español"
    card.get_by_role("link", name="Solo en español: KCD Colombia").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + post.get_absolute_url("es")

    response = page.goto(live_server.url + post.get_absolute_url("en"))
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".translation-list").get_by_role("link").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + post.get_absolute_url("es")


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_and_no_horizontal_scroll(browser, live_server, site, artifacts_dir, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    for name, path in [
        ("home", "/"),
        ("post", site["post"].get_absolute_url("es")),
        ("post-pt", site["post"].get_absolute_url("pt")),
    ]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            f"{name} overflows at {width}px"
        )
        page.screenshot(path=str(artifacts_dir / f"reader-{name}-{width}.png"), full_page=True)
        assert (artifacts_dir / f"reader-{name}-{width}.png").stat().st_size > 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violations(browser, live_server, site, serious_violations, scheme):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, reduced_motion="reduce"
    )
    page = context.new_page()
    urls = ["/", site["post"].get_absolute_url("es"), site["tag"].get_absolute_url()]
    problems = {}
    for url in urls:
        page.goto(live_server.url + url)
        serious = serious_violations(page)
        if serious:
            problems[url] = serious
    context.close()
    assert problems == {}
