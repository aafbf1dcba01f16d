"""Meta tags on every page (canonical, description, Open Graph, Twitter card), JSON-LD BlogPosting on
posts, and the 1200×630 social cards."""

import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.discovery.discovery_data import spanish_only_post, trilingual_post
from tests.factories import make_author, make_post, make_tag

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects <meta>, <link rel=canonical> and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def head_of(client, url) -> HeadParser:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def blog_posting(parser: HeadParser) -> dict:
    postings = [data for data in map(json.loads, parser.json_ld) if data.get("@type") == "BlogPosting"]
    assert len(postings) == 1
    return postings[0]


def test_post_page_has_a_canonical_url_in_its_language(client):
    post = trilingual_post()
    head = head_of(client, post.get_absolute_url("pt"))
    assert head.canonical == [f"http://testserver{post.get_absolute_url('pt')}"]
    assert head.meta["og:url"] == head.canonical


def test_post_page_has_open_graph_and_twitter_tags(client):
    post = trilingual_post()
    head = head_of(client, post.get_absolute_url("en"))
    assert head.meta["og:title"] == [post.title_en]
    assert head.meta["twitter:title"] == [post.title_en]
    assert head.meta["og:type"] == ["article"]
    assert head.meta["twitter:card"] == ["summary_large_image"]
    assert head.meta["og:description"] == head.meta["description"]
    assert head.meta["twitter:image"] == head.meta["og:image"]


def test_og_locale_is_the_page_language_and_alternates_are_the_posts_other_languages(client):
    post = trilingual_post()
    head = head_of(client, post.get_absolute_url("pt"))
    assert head.meta["og:locale"] == ["pt_BR"]
    assert sorted(head.meta["og:locale:alternate"]) == ["en_US", "es_ES"]


def test_a_spanish_only_post_announces_no_locale_alternates(client):
    post = spanish_only_post()
    head = head_of(client, post.get_absolute_url("es"))
    assert head.meta["og:locale"] == ["es_ES"]
    assert "og:locale:alternate" not in head.meta


def test_meta_description_is_plain_text_from_the_summary(client):
    post = make_post(summary_es="Un **resumen** con <b>marcas</b> y <script>alert(1)</script>")
    head = head_of(client, post.get_absolute_url("es"))
    (description,) = head.meta["description"]
    assert description.startswith("Un resumen con marcas")
    assert "<" not in description and "*" not in description


def test_meta_description_without_summary_comes_from_the_body_and_is_short(client):
    post = spanish_only_post()
    (description,) = head_of(client, post.get_absolute_url("es")).meta["description"]
    assert description.startswith("La revolución de la IA está aquí")
    assert len(description) <= 200


def test_post_without_cover_uses_its_generated_social_card(client):
    post = trilingual_post()
    (image,) = head_of(client, post.get_absolute_url("en")).meta["og:image"]
    assert re.fullmatch(rf"http://testserver/covers/en/{post.pk}-social\.png\?v=\d+", image)
    response = client.get(image.removeprefix("http://testserver"))
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_post_with_a_cover_uses_the_cover(client):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (10, 120, 200)).save(buffer, format="JPEG")
    post = make_post(cover=SimpleUploadedFile("scale.jpg", buffer.getvalue(), content_type="image/jpeg"))
    (image,) = head_of(client, post.get_absolute_url("es")).meta["og:image"]
    assert image == f"http://testserver{post.cover.url}"


def test_a_cover_announces_its_own_size_and_a_generated_card_1200_by_630(client):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (10, 120, 200)).save(buffer, format="JPEG")
    with_cover = make_post(
        cover=SimpleUploadedFile("scale.jpg", buffer.getvalue(), content_type="image/jpeg")
    )
    without_cover = make_post()
    head = head_of(client, with_cover.get_absolute_url("es"))
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == (["1600"], ["900"])
    head = head_of(client, without_cover.get_absolute_url("es"))
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == (["1200"], ["630"])


def test_post_carries_json_ld_blog_posting(client):
    post = trilingual_post()
    post.authors.add(make_author("lucia", name="Lucía Ferreyra"))
    head = head_of(client, post.get_absolute_url("en"))
    data = blog_posting(head)
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == post.title_en
    assert data["inLanguage"] == "en"
    assert data["datePublished"].startswith("2025-04-18")
    assert data["dateModified"].startswith("2025-04-18")
    assert sorted(author["name"] for author in data["author"]) == ["Lucía Ferreyra", "oss.lat"]
    assert data["image"] == head.meta["og:image"]
    assert data["mainEntityOfPage"] == head.canonical[0]


def test_json_ld_cannot_be_closed_by_a_title(client):
    post = make_post(title_es='</script><script>alert("x")</script>')
    response = client.get(post.get_absolute_url("es"))
    assert b'</script><script>alert("x")' not in response.content
    head = HeadParser()
    head.feed(response.content.decode())
    assert blog_posting(head)["headline"] == '</script><script>alert("x")</script>'


def test_home_page_has_canonical_description_and_site_card(client):
    make_post()
    head = head_of(client, "/en/")
    assert head.canonical == ["http://testserver/en/"]
    assert head.meta["description"][0]
    assert head.meta["og:type"] == ["website"]
    assert head.meta["og:image"] == ["http://testserver/en/social/site.png"]
    assert head.meta["og:locale"] == ["en_US"]
    assert sorted(head.meta["og:locale:alternate"]) == ["es_ES", "pt_BR"]


def test_listing_pages_beyond_the_first_keep_their_page_in_the_canonical_url(client):
    for _ in range(12):
        make_post()
    head = head_of(client, "/page/2/")
    assert head.canonical == ["http://testserver/page/2/"]


def test_tag_page_title_is_the_tag_name(client):
    make_post(tags=[make_tag("community", {"es": "Comunidad", "pt": "Comunidade", "en": "Community"})])
    head = head_of(client, "/pt/tags/community/")
    assert head.meta["og:title"] == ["Comunidade"]


def test_tag_page_description_names_the_tag_in_the_page_language(client):
    make_post(tags=[make_tag("community", {"es": "Comunidad", "pt": "Comunidade", "en": "Community"})])
    head = head_of(client, "/pt/tags/community/")
    assert head.meta["description"] == [
        "As publicações mais recentes sobre Comunidade em Bitácora Comunitaria."
    ]
    assert head.meta["description"] == head.meta["og:description"]


def test_author_page_description_is_the_authors_bio(client):
    author = make_author("lucia", name="Lucía Ferreyra", bio_es="Desarrolladora backend en Córdoba.")
    make_post(authors=[author])
    head = head_of(client, "/authors/lucia/")
    assert head.meta["description"] == ["Desarrolladora backend en Córdoba."]


def test_pages_have_no_json_ld_blog_posting_unless_they_are_posts(client):
    make_post()
    head = head_of(client, "/")
    assert not [block for block in head.json_ld if "BlogPosting" in block]


def test_site_url_setting_makes_the_absolute_urls(client, settings):
    settings.SITE_URL = "https://blog.example.org"
    post = make_post()
    head = head_of(client, post.get_absolute_url("es"))
    assert head.canonical == [f"https://blog.example.org{post.get_absolute_url('es')}"]
    assert head.meta["og:image"][0].startswith("https://blog.example.org/covers/")


def test_site_card_is_a_1200_by_630_png(client):
    response = client.get("/social/site.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_site_card_is_cached_after_the_first_request(client):
    from django.core.cache import cache

    cache.clear()
    first = client.get("/social/site.png").content
    cached_keys = [key for key in cache._cache if "social:site-card" in key]  # local-memory backend
    assert cached_keys
    assert client.get("/social/site.png").content == first


def test_every_page_links_the_site_feeds_in_its_language(client):
    make_post()
    content = client.get("/pt/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in content
    assert 'href="/pt/feed.xml"' in content and 'href="/pt/atom.xml"' in content


def test_a_tag_page_links_its_own_feeds(client):
    make_post(tags=[make_tag("kubernetes")])
    content = client.get("/en/tags/kubernetes/").content.decode()
    assert 'href="/en/tags/kubernetes/feed.xml"' in content
    assert 'href="/en/tags/kubernetes/atom.xml"' in content


def test_the_header_has_a_labelled_search_form_for_the_page_language(client):
    make_post()
    content = client.get("/en/").content.decode()
    assert 'action="/en/search/"' in content
    assert '<label class="visually-hidden" for="header-search-q">' in content
