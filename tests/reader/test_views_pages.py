"""Reader pages: home, listings, post pages, language rules, archive, errors."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from blog.models import PostRedirect
from tests.factories import make_author, make_post, make_tag
from tests.html import attrs, select, select_one, text, texts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Test transactions never commit, so the content generation (bumped on commit) cannot expire caches."""
    cache.clear()


def content(response) -> str:
    return response.content.decode()


def test_home_carousel_shows_carousel_posts_newest_first(client):
    older = make_post(carousel=True, title_es="Carrusel viejo", date=timezone.now() - timedelta(days=30))
    newer = make_post(carousel=True, title_es="Carrusel nuevo", date=timezone.now() - timedelta(days=1))
    make_post(title_es="No en carrusel")
    slides = texts(client.get("/"), ".carousel-track .carousel-title")
    assert slides == [newer.title_es, older.title_es]


def test_home_shows_at_most_three_pinned_posts_above_the_list(client):
    for n in range(4):
        make_post(pinned=True, title_es=f"Fijado {n}")
    response = client.get("/")
    assert len(response.context["pinned"]) == 3
    assert len(select(response, "section.pinned .post-card.is-pinned")) == 3


def test_home_marks_only_pinned_posts_as_pinned(client):
    """The list below the pinned block carries no pinned badge (the view's `pinned` list is in context)."""
    make_post(pinned=True, title_es="Fijada")
    make_post(title_es="Corriente")
    latest = select_one(client.get("/"), '[aria-labelledby="latest-title"]')
    assert "Corriente" in texts(latest, ".post-card-title")
    assert select(latest, ".is-pinned, .badge-pinned") == []


def test_listing_card_has_date_authors_tags_and_reading_time(client):
    author = make_author("lucia", name="Lucía Ferreyra")
    tag = make_tag("comunidad", {"es": "Comunidad", "pt": "Comunidade", "en": "Community"})
    make_post(authors=[author], tags=[tag], date=timezone.now().replace(year=2025, month=4, day=18))
    response = client.get("/pt/")
    html = content(response)
    assert "Lucía Ferreyra" in html
    assert "Comunidade" in html
    assert "18 de Abril de 2025" in html or "18 de abril de 2025" in html
    assert "min" in html


def test_summaries_written_in_markdown_show_as_plain_text(client):
    post = make_post(summary_es="Dónde iba cada campo del *front matter*.")
    card = select_one(client.get("/"), ".post-card-summary")
    page = select_one(client.get(post.get_absolute_url("es")), ".post-summary")
    # The inner HTML is the bare text: no *asterisks* left, and no <em> either.
    assert card.decode_contents() == "Dónde iba cada campo del front matter."
    assert page.decode_contents() == "Dónde iba cada campo del front matter."


def test_listing_in_english_marks_spanish_only_posts_and_links_to_the_spanish_url(client):
    post = make_post(languages=("es",), title_es="Solo en español")
    card = select_one(client.get("/en/"), '.post-card[lang="es"]')
    assert text(card, ".post-card-title") == "Solo en español"
    assert post.get_absolute_url("es") in attrs(card, "a", "href")


def test_carousel_and_sidebar_mark_spanish_only_posts_under_english(client):
    make_post(languages=("es",), carousel=True, featured=True, section="news", title_es="Solo en español")
    assert "Only in Español" in text(client.get("/en/"), ".carousel-track")
    # Another page's sidebar (on the home page the post is in the carousel, so not in the sidebar).
    assert "Only in Español" in text(client.get("/en/blog/"), '[aria-labelledby="featured-title"]')


def test_setting_off_hides_posts_that_lack_the_language(client, settings):
    settings.BLOG_LIST_OTHER_LANGUAGES = False
    make_post(languages=("es",), title_es="Solo en español")
    assert "Solo en español" not in content(client.get("/en/"))


def test_post_page_renders_markdown_and_links_authors_and_tags(client):
    author = make_author("ana")
    tag = make_tag("python")
    post = make_post(authors=[author], tags=[tag], body_es="## Sección\n\n```python\nx = 1\n```")
    html = content(client.get(post.get_absolute_url("es")))
    assert "Sección" in text(html, 'h2[id="sección"]')
    assert text(html, ".highlight") == "x = 1"
    links = attrs(html, "a", "href")
    assert author.get_absolute_url() in links
    assert tag.get_absolute_url() in links


def test_post_page_in_a_missing_language_is_404_linking_to_translations(client):
    post = make_post(languages=("es", "pt"))
    with translation.override("en"):
        url = post.get_absolute_url("en")
    response = client.get(url)
    assert response.status_code == 404
    links = attrs(response, "a", "href")
    assert post.get_absolute_url("es") in links
    assert post.get_absolute_url("pt") in links


def test_post_page_has_hreflang_for_each_translation_and_x_default(client):
    post = make_post(languages=("es", "pt"))
    head_links = select(client.get(post.get_absolute_url("pt")), "head link[hreflang]")
    assert {link["hreflang"]: link["href"] for link in head_links} == {
        "es": f"http://testserver{post.get_absolute_url('es')}",
        "pt": f"http://testserver{post.get_absolute_url('pt')}",
        "x-default": f"http://testserver{post.get_absolute_url('es')}",
    }


def test_language_switcher_on_a_post_marks_missing_languages_unavailable(client):
    post = make_post(languages=("es", "pt"))
    switcher = select_one(client.get(post.get_absolute_url("es")), "nav.lang-switcher")
    assert post.get_absolute_url("pt") in attrs(switcher, "a", "href")
    assert attrs(switcher, ".lang-unavailable", "lang") == ["en"]


def test_html_lang_follows_the_url_language(client):
    assert attrs(client.get("/pt/"), "html", "lang") == ["pt"]
    assert attrs(client.get("/en/"), "html", "lang") == ["en"]


@pytest.mark.parametrize("encoded", [True, False])
def test_unicode_slug_works_encoded_or_not(client, encoded):
    post = make_post(slug_es="bogotá")
    url = post.get_absolute_url("es")
    path = url if encoded else url.replace("%C3%A1", "á")
    assert client.get(path).status_code == 200


def test_old_url_redirects_301_to_the_current_url_in_its_language(client):
    post = make_post()
    PostRedirect.objects.create(path="/2019/05/viejo/", post=post, language="pt", origin="hugo")
    response = client.get("/2019/05/viejo/")
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url("pt")


def test_percent_encoded_old_url_redirects(client):
    post = make_post()
    PostRedirect.objects.create(path="/blog/reunión-bogotá/", post=post, language="es", origin="alias")
    response = client.get("/blog/reuni%C3%B3n-bogot%C3%A1/")
    assert response.status_code == 301


def test_slug_change_keeps_the_old_url_working(client):
    post = make_post()
    old_url = post.get_absolute_url("es")
    post.slug_es = "nuevo-slug"
    post.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url("es")


def test_draft_posts_are_not_served(client):
    post = make_post(draft=True)
    assert client.get(post.get_absolute_url("es")).status_code == 404


def test_post_with_wrong_month_in_url_is_404(client):
    post = make_post(date=timezone.now() - timedelta(days=400))
    url = post.get_absolute_url("es")
    parts = url.strip("/").split("/")
    parts[2] = "12" if parts[2] != "12" else "11"
    assert client.get("/" + "/".join(parts) + "/").status_code == 404


def test_related_posts_prefer_most_shared_tags(client):
    a, b, c = make_tag(), make_tag(), make_tag()
    post = make_post(tags=[a, b, c])
    one_shared = make_post(tags=[a], title_es="Comparte una")
    two_shared = make_post(tags=[a, b], title_es="Comparte dos")
    response = client.get(post.get_absolute_url("es"))
    assert response.context["related_posts"]() == [two_shared, one_shared]  # asked for when rendered


def test_previous_and_next_posts(client):
    older = make_post(date=timezone.now() - timedelta(days=300))
    middle = make_post(date=timezone.now() - timedelta(days=200))
    newer = make_post(date=timezone.now() - timedelta(days=100))
    response = client.get(middle.get_absolute_url("es"))
    assert response.context["previous_post"]() == older
    assert response.context["next_post"]() == newer


def test_tag_page_lists_only_its_posts(client):
    tag = make_tag("kubernetes")
    make_post(tags=[tag], title_es="Con etiqueta")
    make_post(title_es="Sin etiqueta")
    response = client.get(reverse("blog:tag-detail", kwargs={"slug": "kubernetes"}))
    assert [post.title_es for post in response.context["posts"]] == ["Con etiqueta"]


def test_sidebar_counts_posts_per_tag(client):
    tag = make_tag("ceph")
    make_post(tags=[tag])
    make_post(tags=[tag])
    response = client.get("/blog/")
    counts = {term.slug: term.post_count for term in response.context["tags"]}
    assert counts["ceph"] == 2


def test_author_page_shows_bio_and_social_links(client):
    author = make_author("oss.lat", name="OSS LATAM", bio_es="Comunidad de código abierto", github="osslat")
    make_post(authors=[author])
    html = content(client.get(author.get_absolute_url()))
    assert "Comunidad de código abierto" in html
    assert "https://github.com/osslat" in attrs(html, "a", "href")


def test_archive_month_lists_posts_of_that_month(client):
    make_post(title_es="De abril", date=timezone.now().replace(year=2024, month=4, day=10))
    make_post(title_es="De mayo", date=timezone.now().replace(year=2024, month=5, day=10))
    response = client.get(reverse("blog:archive-month", kwargs={"year": 2024, "month": 4}))
    assert [post.title_es for post in response.context["posts"]] == ["De abril"]


def test_archive_index_counts_posts_per_month(client):
    make_post(date=timezone.now().replace(year=2024, month=4, day=10))
    make_post(date=timezone.now().replace(year=2024, month=4, day=12))
    response = client.get(reverse("blog:archive"))
    (year, months), *_ = response.context["years"]
    assert year == 2024 and months[0]["post_count"] == 2


def test_unknown_section_is_404_and_known_empty_section_is_200(client):
    assert client.get("/nonsense/").status_code == 404
    assert client.get("/news/").status_code == 200


def test_section_pages_are_named_in_the_page_language(client):
    make_post(section="guides", title_pt="Primeiros passos")
    response = client.get("/pt/guides/")
    assert response.context["heading"] == "Guias"


def test_a_missing_page_looks_up_old_urls_once(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/no-such/page/").status_code == 404
    lookups = [query["sql"] for query in queries.captured_queries if "blog_postredirect" in query["sql"]]
    assert len(lookups) == 1


def test_404_page_is_translated(client):
    response = client.get("/pt/no-existe/aqui/")
    assert response.status_code == 404
    assert "Página não encontrada" in content(response)


def test_listing_shows_generated_cover_when_the_source_image_is_missing(client):
    post = make_post(cover_source="/images/missing.png")
    cover = select_one(client.get("/"), ".post-card img")
    assert f"/covers/{post.pk}-listing.png" in cover["src"]
    assert (cover["width"], cover["height"]) == ("640", "360")


@pytest.mark.django_db(transaction=True)
def test_sidebar_counts_follow_content_changes(client):
    """Counts are cached per content generation; a committed change (here a new tagged post) shows at once."""
    tag = make_tag("ceph")
    make_post(tags=[tag])
    first = {term.slug: term.post_count for term in client.get("/blog/").context["tags"]}
    make_post(tags=[tag])
    second = {term.slug: term.post_count for term in client.get("/blog/").context["tags"]}
    assert (first["ceph"], second["ceph"]) == (1, 2)


def test_500_page_is_translated_and_needs_no_database(rf, django_assert_num_queries):
    from reader.views import server_error

    with translation.override("pt"), django_assert_num_queries(0):
        response = server_error(rf.get("/pt/"))
    assert response.status_code == 500
    assert "Algo deu errado" in content(response)


def test_listing_uses_the_cover_renditions_with_webp_and_sizes(client):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    post = make_post()
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 120, 40)).save(buffer, "JPEG")
    post.cover.save("portada.jpg", ContentFile(buffer.getvalue()), save=True)
    client.get(f"/covers/renditions/{post.pk}-listing.webp")  # made on the first request (covers.lazy)
    html = content(client.get("/"))
    webp = select_one(html, '.post-card picture source[type="image/webp"]')
    assert webp["srcset"].startswith("/media/renditions/")
    cover = select_one(html, ".post-card picture img")
    assert (cover["width"], cover["height"]) == ("640", "360")
    assert f"/covers/{post.pk}-listing.png" not in html
