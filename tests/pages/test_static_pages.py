"""Static pages (about, contact): served at the path Hugo served them at, per language, with hreflang, the
language switcher, a 404 in a language they lack, the sitemap, and a fixed number of queries."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.importing import upsert_page
from pages.models import Page
from tests.factories import PUBLISHED, make_post
from tests.html import attrs, select, select_one, text

pytestmark = pytest.mark.django_db


def make_about(**fields) -> Page:
    values = {
        "slug": "about",
        "title_es": "Acerca de",
        "body_es": "Somos **pocas** personas.\n\n## Cómo participar\n\n- Proponé un artículo.",
        "description_es": "Quiénes somos.",
        "path_es": "/about/",
        "title_en": "About",
        "body_en": "We are a *small* group.",
        "path_en": "/en/about/",
        "title_pt": "Sobre",
        "body_pt": "Somos um grupo pequeno.",
        "path_pt": "/pt/about/",
    }
    values.update(fields)
    return Page.objects.create(**{**PUBLISHED, **values})


@pytest.mark.parametrize(
    ("path", "language", "title", "body"),
    [
        ("/about/", "es", "Acerca de", "pocas"),
        ("/en/about/", "en", "About", "small"),
        ("/pt/about/", "pt", "Sobre", "grupo pequeno"),
    ],
)
def test_page_is_served_at_its_path_in_its_language(client, path, language, title, body):
    make_about()
    response = client.get(path)
    assert response.status_code == 200
    assert attrs(response, "html", "lang") == [language]
    assert text(response, "h1") == title
    assert body in text(response, ".post-body")
    assert response["Content-Language"] == language


def test_page_body_is_markdown_rendered_and_sanitised(client):
    make_about(body_es="**negrita**\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))")
    body = select_one(client.get("/about/"), ".post-body")
    assert body.find("strong").get_text() == "negrita"
    assert not body.find("script")
    assert "javascript:" not in " ".join(attrs(body, "a", "href"))


def test_page_has_hreflang_alternates_and_x_default(client):
    make_about()
    head_links = select(client.get("/pt/about/"), "head link[hreflang]")
    assert {link["hreflang"]: link["href"] for link in head_links} == {
        "es": "http://testserver/about/",
        "pt": "http://testserver/pt/about/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/about/",
    }


def test_language_switcher_links_the_page_in_its_other_languages(client):
    make_about(title_pt="", path_pt="")
    switcher = select_one(client.get("/en/about/"), "nav.lang-switcher")
    assert "/about/" in attrs(switcher, "a", "href")
    assert attrs(switcher, ".lang-unavailable", "lang") == ["pt"]


def test_page_in_a_language_it_lacks_is_404_linking_to_its_translations(client):
    make_about(title_pt="", body_pt="", path_pt="")
    response = client.get("/pt/about/")
    assert response.status_code == 404
    assert text(response, "h1") == "Esta página não está disponível neste idioma"
    assert set(attrs(response, ".translation-list a", "href")) == {"/about/", "/en/about/"}


def test_page_meta_description_comes_from_its_description(client):
    make_about()
    assert attrs(client.get("/about/"), 'meta[name="description"]', "content") == ["Quiénes somos."]


def test_path_without_trailing_slash_redirects_to_the_page(client):
    make_about(path_es="/acerca/equipo/")
    response = client.get("/acerca/equipo")
    assert response.status_code == 301
    assert response["Location"] == "/acerca/equipo/"


def test_non_ascii_path_is_served_decoded_or_encoded_and_linked_encoded(client):
    make_about(path_pt="/pt/sobre-nós/")
    assert client.get("/pt/sobre-n%C3%B3s/").status_code == 200
    head_links = select(client.get("/about/"), "head link[hreflang]")
    assert "http://testserver/pt/sobre-n%C3%B3s/" in [link["href"] for link in head_links]


def test_page_at_a_path_without_its_language_prefix_is_shown_in_its_language(client):
    """A Hugo `url:` may put an English page anywhere: its language is the page's, not the prefix's."""
    Page.objects.create(
        **PUBLISHED, slug="radio", title_en="Open radio", body_en="On air.", path_en="/specials/radio/"
    )
    response = client.get("/specials/radio/")
    assert response.status_code == 200
    assert attrs(response, "html", "lang") == ["en"]


def test_draft_page_is_not_served(client):
    make_about(status_es="draft", status_pt="draft", status_en="draft")
    assert client.get("/about/").status_code == 404


def test_routes_of_the_site_win_over_a_page_with_the_same_path(client):
    make_post(section="news", title_es="Una noticia")
    make_about(path_es="/news/")
    assert "Una noticia" in client.get("/news/").content.decode()


def test_a_page_costs_the_same_queries_with_many_pages(client):
    make_about()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/about/").status_code == 200
        return len(queries)

    few = count()
    for n in range(30):
        Page.objects.create(**PUBLISHED, slug=f"page-{n}", title_es=f"Página {n}", body_es="Texto")
    assert count() == few


def test_empty_paths_default_to_the_slug_under_each_language_prefix():
    page = Page.objects.create(
        **PUBLISHED, slug="contact", title_es="Contacto", title_pt="Contato", body_es="x"
    )
    assert page.paths() == {"es": "/contact/", "pt": "/pt/contact/"}
    assert page.get_absolute_url("pt") == "/pt/contact/"
    assert page.get_absolute_url("en") == ""


def test_two_pages_cannot_share_a_path():
    make_about()
    other = Page(slug="other", title_es="Otra", path_es="/en/about/")
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "path_es" in error.value.message_dict


@pytest.mark.parametrize("path", ["about/", "//evil.example/", "https://evil.example/", "/a b/", "/a/?q=1"])
def test_paths_must_be_paths_on_this_site(path):
    page = Page(slug="x", title_es="X", path_es=path)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "path_es" in error.value.message_dict


def test_sitemap_lists_each_page_in_each_language_with_alternates(client):
    make_about(title_pt="", path_pt="")
    Page.objects.create(slug="hidden", title_es="Borrador", body_es="x", path_es="/hidden/")
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-pages.xml" in index
    xml = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/about/</loc>" in xml
    assert "<loc>http://testserver/en/about/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/about/"' in xml
    assert "/pt/about/" not in xml
    assert "/hidden/" not in xml


def test_sitemap_index_leaves_out_the_pages_section_without_pages(client):
    assert "sitemap-pages.xml" not in client.get("/sitemap.xml").content.decode()


# --- the importer's entry point -----------------------------------------------------------------------------


HUGO_ABOUT = {
    "source_key": "about/index",
    "slug": "about",
    "fields_by_language": {
        "es": {"title": "Acerca de", "description": "Quiénes somos.", "body": "Somos pocas."},
        "en": {"title": "About", "description": "Who we are.", "body": "We are few."},
        "pt": {"title": "Sobre", "body": "Somos poucas."},
    },
    "paths_by_language": {"es": "/about/", "en": "/en/about/", "pt": "/pt/about/"},
}


def test_upsert_page_creates_then_changes_nothing_then_updates(client):
    page, outcome = upsert_page(**HUGO_ABOUT)
    assert outcome == "created"
    assert page.paths() == HUGO_ABOUT["paths_by_language"]
    assert text(client.get("/pt/about/"), "h1") == "Sobre"
    assert upsert_page(**HUGO_ABOUT)[1] == "unchanged"
    without_pt = {**HUGO_ABOUT, "fields_by_language": {**HUGO_ABOUT["fields_by_language"], "pt": {}}}
    assert upsert_page(**without_pt)[1] == "updated"
    assert client.get("/pt/about/").status_code == 404
    assert Page.objects.count() == 1


def test_upsert_page_refuses_a_path_another_page_has():
    make_about(slug="other", source_key="other")
    with pytest.raises(ValidationError):
        upsert_page(**HUGO_ABOUT)
    assert Page.objects.count() == 1
