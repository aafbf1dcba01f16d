"""The site's frame: its name (SiteIdentity) in the header, <title>, meta and feeds, and the main menu
(MenuItem) per language with Hugo's relLangURL semantics; the default menu a fresh site gets; the importer's
`replace_menu` and `SiteIdentity.set_name`."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.links import rel_lang_url, validate_menu_url
from pages.menus import replace_menu, site_frame
from pages.models import MenuItem, SiteIdentity
from tests.factories import make_post
from tests.html import attrs, select, text, texts

pytestmark = pytest.mark.django_db

HUGO_EN_MENU = [
    {"name": "Home", "identifier": "home", "weight": 10, "url": "/"},
    {"name": "Blog", "identifier": "blog", "weight": 20, "url": "/blog/"},
    {"name": "About", "identifier": "about", "weight": 40, "url": "/en/about/"},
    {"name": "Forum", "identifier": "forum", "weight": 60, "url": "https://forum.example.org/"},
]


def header_links(response) -> list[tuple[str, str]]:
    return [(link.get_text(strip=True), link["href"]) for link in select(response, "nav.main-nav a")]


# --- the default menu ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", [("Blog", "/blog/"), ("Noticias", "/news/"), ("Eventos", "/events/"), ("Archivo", "/archive/")]),
        (
            "/pt",
            [
                ("Blog", "/pt/blog/"),
                ("Notícias", "/pt/news/"),
                ("Eventos", "/pt/events/"),
                ("Arquivo", "/pt/archive/"),
            ],
        ),
        (
            "/en",
            [
                ("Blog", "/en/blog/"),
                ("News", "/en/news/"),
                ("Events", "/en/events/"),
                ("Archive", "/en/archive/"),
            ],
        ),
    ],
)
def test_a_fresh_site_shows_the_default_menu_in_each_language(client, prefix, expected):
    assert header_links(client.get(f"{prefix}/")) == expected


def test_default_menu_links_lead_to_pages(client):
    for language in ("es", "pt", "en"):
        for entry in site_frame(language)["menu"]:
            assert client.get(entry["url"]).status_code == 200, entry


# --- relLangURL ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/blog/", "es", "/blog/"),
        ("/blog/", "pt", "/pt/blog/"),
        ("/", "en", "/en/"),
        ("/en/about/", "en", "/en/about/"),
        ("/en", "en", "/en"),
        ("/english/", "en", "/en/english/"),
        ("about/", "pt", "/pt/about/"),
        ("https://forum.example.org/", "pt", "https://forum.example.org/"),
    ],
)
def test_rel_lang_url_works_as_hugo(url, language, expected):
    assert rel_lang_url(url, language) == expected


def test_header_menu_follows_the_language_menu_with_rel_lang_url(client):
    replace_menu("en", HUGO_EN_MENU)
    assert header_links(client.get("/en/")) == [
        ("Home", "/en/"),
        ("Blog", "/en/blog/"),
        ("About", "/en/about/"),
        ("Forum", "https://forum.example.org/"),
    ]
    assert [label for label, _url in header_links(client.get("/"))][0] == "Blog"  # es keeps its own menu


def test_menu_is_in_hugo_order_weight_zero_last():
    replace_menu("es", [{"name": "Zeta", "url": "/z/"}, {"name": "B", "url": "/b/", "weight": 5}])
    MenuItem.objects.create(language="es", name="A", url="/a/", weight=5)
    assert [entry["label"] for entry in site_frame("es")["menu"]] == ["A", "B", "Zeta"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "//evil.example/",
        "/\\evil.example/",
        "https:///nohost",
        "",
    ],
)
def test_menu_links_accept_only_http_or_site_addresses(url):
    with pytest.raises(ValidationError):
        validate_menu_url(url)


@pytest.mark.parametrize(
    "url", ["/", "/blog/", "about/", "https://forum.example.org/", "http://a.example/x?y=1"]
)
def test_menu_links_accept_site_and_http_addresses(url):
    validate_menu_url(url)


def test_replace_menu_refuses_unsafe_entries_and_keeps_the_rest():
    change = replace_menu(
        "pt",
        [
            {"name": "Blog", "url": "/blog/", "identifier": "blog"},
            {"name": "Mal", "url": "javascript:alert(1)", "identifier": "bad"},
        ],
    )
    assert (change.updated, change.created, change.deleted) == (1, 0, 3)  # blog: weight 10 → 0
    assert len(change.refused) == 1 and "Mal" in change.refused[0]
    assert list(MenuItem.objects.filter(language="pt").values_list("name", "url")) == [("Blog", "/blog/")]


def test_replace_menu_twice_changes_nothing():
    replace_menu("en", HUGO_EN_MENU)
    again = replace_menu("en", HUGO_EN_MENU)
    assert (again.created, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 4)
    renamed = replace_menu("en", [{**HUGO_EN_MENU[0], "name": "Start"}, *HUGO_EN_MENU[1:]])
    assert (renamed.updated, renamed.unchanged) == (1, 3)


def test_replace_menu_rejects_an_unknown_language():
    with pytest.raises(ValueError):
        replace_menu("de", HUGO_EN_MENU)


# --- the site's name ----------------------------------------------------------------------------------------


def test_site_name_comes_from_site_identity_in_header_title_meta_and_feed(client):
    SiteIdentity.set_name({"es": "Bitácora Libre", "en": "Free Logbook"})
    es, en = client.get("/"), client.get("/en/")
    assert text(es, "header .brand") == "Bitácora Libre"
    assert text(en, "header .brand") == "Free Logbook"
    assert text(en, "title").endswith("Free Logbook")
    assert attrs(en, 'meta[property="og:site_name"]', "content") == ["Free Logbook"]
    assert "Free Logbook (RSS)" in attrs(en, 'link[type="application/rss+xml"]', "title")
    assert "<title>Free Logbook</title>" in client.get("/en/feed.xml").content.decode()
    assert text(client.get("/pt/"), "header .brand") == "Bitácora Libre"  # pt falls back to es


def test_site_name_defaults_to_the_setting(client, settings):
    SiteIdentity.objects.all().delete()
    settings.SITE_NAME = "Desde la configuración"
    assert text(client.get("/"), "header .brand") == "Desde la configuración"
    assert "<title>Desde la configuración</title>" in client.get("/feed.xml").content.decode()


def test_initial_site_name_is_the_setting():
    identity = SiteIdentity.objects.get()
    assert identity.name_es == "Bitácora Comunitaria"
    assert identity.name_in("en") == "Bitácora Comunitaria"


def test_set_name_reports_whether_it_changed_and_fills_the_default_language():
    assert SiteIdentity.set_name({"en": "Logbook", "de": "ignored"}) is True
    identity = SiteIdentity.objects.get()
    assert (identity.name_es, identity.name_en, identity.name_pt) == ("Logbook", "Logbook", "")
    assert SiteIdentity.set_name({"en": "Logbook"}) is False
    with pytest.raises(ValueError):
        SiteIdentity.set_name({"es": "  "})


def test_site_identity_stays_one_row():
    SiteIdentity(name_es="Otra").save()
    assert SiteIdentity.objects.count() == 1


def test_tagline_is_the_default_meta_description(client):
    SiteIdentity.objects.filter(pk=1).update(tagline_es="Notas de la comunidad")
    assert attrs(client.get("/archive/"), 'meta[name="description"]', "content") == ["Notas de la comunidad"]


# --- cost ---------------------------------------------------------------------------------------------------


def test_name_and_menu_are_one_query():
    with CaptureQueriesContext(connection) as queries:
        frame = site_frame("pt")
    assert len(queries) == 1
    assert frame["name"] == "Bitácora Comunitaria" and len(frame["menu"]) == 4


def test_name_and_menu_are_kept_until_the_content_changes(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CONTENT_CACHE_SECONDS = 300
    cache.clear()
    make_post()
    client.get("/en/")
    with CaptureQueriesContext(connection) as second:
        client.get("/en/")
    assert not any("pages_menuitem" in query["sql"] for query in second.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        MenuItem.objects.create(language="en", name="Contact", url="/contact/", weight=50)
    assert ("Contact", "/en/contact/") in header_links(client.get("/en/"))
    assert texts(client.get("/en/"), "nav.main-nav a")[-1] == "Contact"
    cache.clear()
