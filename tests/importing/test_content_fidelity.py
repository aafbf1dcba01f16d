"""Post pages say what Hugo's said: every post page of tests/data/hugo-sample, imported with `import_posts
--hugo-site`, compared with what Hugo 0.152 rendered for it (`expected-post-html/*.json`, read from the
page's `.Content`; see the sample's EXPECTED.md).

Our page is reached through Hugo's URL (which answers with a 301 to the post here, or is the post's URL
itself). Links are compared by the page they lead to: Hugo's ref/relref gave Hugo URLs (`ref` absolute on
example.org), ours give this site's URLs. Images are compared by their pixels' size, since the importer
stores a copy under /media/. Hugo embedded YouTube in an iframe; we link to the video (the CSP allows no
third-party frames), so each iframe counts as that link.
"""

import json
import re
from io import StringIO
from urllib.parse import unquote, urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image, ImageOps

from blog.models import Post, language_codes
from tests.html import select, select_one, soup
from tests.paths import HUGO_SAMPLE

pytestmark = pytest.mark.django_db

EXPECTED = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((HUGO_SAMPLE / "expected-post-html").glob("*.json"))
}
HUGO_HOST = "https://example.org"
# Elements after which Hugo's extract_post_html.py put a space when it collected the text.
BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "div", "blockquote", "figure",
          "figcaption", "table", "thead", "tbody", "tr", "td", "th", "ul", "ol", "hr", "br"]  # fmt: skip
YOUTUBE_EMBED = re.compile(r"^https://www\.youtube\.com/embed/([\w-]+)")


@pytest.fixture
def bodies(client) -> dict:
    """Each expected page's name → its post body here (the parsed `div.post-body`), after one import."""
    call_command("import_posts", "--hugo-site", str(HUGO_SAMPLE), stdout=StringIO(), stderr=StringIO())
    found = {}
    for name, expected in EXPECTED.items():
        response = client.get(expected["url"], follow=True)
        assert response.status_code == 200, (name, expected["url"])
        body = select_one(response, "div.post-body")
        for anchor in body.select("a.heading-anchor"):
            anchor.decompose()
        found[name] = body
    return found


def landing(client, href: str) -> str:
    """Where a link leads on this site (redirects followed), or the link itself when it leaves the site."""
    if href.startswith(HUGO_HOST):
        href = href[len(HUGO_HOST) :]
    if not href.startswith("/"):
        return href
    response = client.get(href, follow=True)
    assert response.status_code == 200, href
    return response.wsgi_request.path


def image_size(src: str) -> tuple[int, int]:
    """The upright size of the image a src names: a stored copy under /media/, or a file of the sample."""
    path = unquote(urlsplit(src).path)
    if path.startswith("/media/"):
        handle = default_storage.open(path.removeprefix("/media/"))
    else:
        candidates = [HUGO_SAMPLE / "static" / path.lstrip("/"), HUGO_SAMPLE / "content" / path.lstrip("/")]
        handle = next(candidate for candidate in candidates if candidate.exists()).open("rb")
    with handle, Image.open(handle) as image:
        return ImageOps.exif_transpose(image).size


def plain_text(body) -> str:
    """The body's text as Hugo's extract_post_html.py collected it (a space around every block)."""
    body = soup(str(body))
    for tag in body.find_all(BLOCKS):
        tag.insert_before(" ")
        tag.insert_after(" ")
    return " ".join(body.get_text().split())


def test_every_post_page_of_the_sample_is_compared():
    assert len(EXPECTED) == 45


def test_headings_have_the_level_id_and_text_hugo_gave_them(bodies):
    wrong = {}
    for name, body in bodies.items():
        got = [
            (int(h.name[1]), h.get("id"), " ".join(h.get_text().split()))
            for h in select(body, "h1, h2, h3, h4, h5, h6")
        ]
        want = [(h["level"], h["id"], h["text"]) for h in EXPECTED[name]["headings"]]
        if got != want:
            wrong[name] = (got, want)
    assert wrong == {}


def test_lists_code_tables_quotes_and_figures_are_as_many_as_hugo_rendered(bodies):
    """guia-django-proyecto holds 11 list items in each language (a list right after a paragraph line, one
    indented by one space, one nested by two)."""
    counts = {"list_items": "li", "code_blocks": "pre", "tables": "table", "blockquotes": "blockquote"}
    counts["figures"] = "figure"
    wrong = {}
    for name, body in bodies.items():
        got = {field: len(select(body, css)) for field, css in counts.items()}
        want = {field: EXPECTED[name][field] for field in counts}
        if got != want:
            wrong[name] = (got, want)
    assert wrong == {}


def test_links_lead_where_hugos_links_led(bodies, client):
    wrong = {}
    for name, body in bodies.items():
        expected = EXPECTED[name]
        want = [landing(client, href) for href in expected["links"]]
        want += [
            f"https://www.youtube.com/watch?v={YOUTUBE_EMBED.match(src).group(1)}"
            for src in expected["iframes"]
        ]
        got = [landing(client, a["href"]) for a in select(body, "a[href]")]
        if sorted(got) != sorted(want):
            wrong[name] = (got, want)
    assert wrong == {}


def test_images_are_the_same_pictures_and_load_lazily(bodies):
    wrong = {}
    for name, body in bodies.items():
        images = select(body, "img")
        got = [image_size(img["src"]) for img in images]
        want = [image_size(src) for src in EXPECTED[name]["images"]]
        if got != want or any(img.get("loading") != "lazy" for img in images):
            wrong[name] = (got, want)
    assert wrong == {}


def test_text_reads_as_hugos_with_its_typography(bodies):
    """Curly quotes, apostrophes, dashes and ellipses as Goldmark's typographer made them; the only words
    Hugo's page did not have are the labels of our links to YouTube videos."""
    wrong = {}
    for name, body in bodies.items():
        for link in select(body, 'a[href^="https://www.youtube.com/watch"]'):
            link.decompose()
        if plain_text(body) != EXPECTED[name]["text"]:
            wrong[name] = plain_text(body)
    assert wrong == {}


def test_no_shortcode_is_left_in_any_stored_body_or_page(bodies):
    stored = [
        (post.source_key, code)
        for post in Post.objects.all()
        for code in language_codes()
        if re.search(r"\{\{\s*[<%]", post.translated("body", code) or "")
    ]
    shown = [name for name, body in bodies.items() if "{{" in str(body)]
    assert (stored, shown) == ([], [])


def test_the_video_is_a_link_in_the_pages_language(bodies):
    labels = {
        name: [a.get_text() for a in select(body, 'a[href^="https://www.youtube.com/"]')]
        for name, body in bodies.items()
        if "guia-de-django-parte-2" in name or "django-guide-part-2" in name
    }
    assert sorted(labels.values()) == [["Ver en YouTube"], ["Ver no YouTube"], ["View on YouTube"]]
