"""What readers write is inert: a Markdown subset, no HTML of theirs, links that earn nothing.

Every payload is stored as an approved comment and the post's page is read with the HTML parser."""

import pytest

from tests.comments.comment_data import add_comment, commented_post, post_url
from tests.html import select, select_one

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![tracker](https://evil.example/pixel.png)",
    '![x](https://evil.example/a.png"onerror="alert(1))',
    "<svg onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<iframe src=https://evil.example></iframe>",
    '[a](https://ok.example "title" onmouseover=alert(1))',
    "<details open ontoggle=alert(1)>",
    "```html\n<script>alert(1)</script>\n```",
]
ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "blockquote"}


def inert(body) -> list[str]:
    """What is not inert in a comment's body: disallowed tags, event or style attributes, unsafe links."""
    problems = []
    for tag in body.find_all(True):
        if tag.name not in ALLOWED_TAGS:
            problems.append(f"<{tag.name}>")
        for name, value in tag.attrs.items():
            if name.startswith("on") or name in {"style", "src", "srcdoc"}:
                problems.append(f"{tag.name}[{name}]")
            if name == "href" and not value.startswith(("http://", "https://", "mailto:")):
                problems.append(f"href={value!r}")
    return problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_in_a_comment_is_inert(client, payload):
    post = commented_post()
    add_comment(post, body=payload)
    body = select_one(client.get(post_url(post)), ".comment-body")
    assert inert(body) == []


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_a_payload_as_a_name_is_text(client, payload):
    post = commented_post()
    add_comment(post, name=payload)
    comment = select_one(client.get(post_url(post)), ".comment")
    assert select_one(comment, ".comment-author").get_text() == payload
    assert select(comment, "script, img") == []


def test_the_markdown_subset_is_rendered(client):
    post = commented_post()
    add_comment(
        post, body="*uno* **dos** `tres`\n\n- a\n- b\n\n1. c\n\n> cita\n\n[enlace](https://example.org)"
    )
    body = select_one(client.get(post_url(post)), ".comment-body")
    for css in ("em", "strong", "code", "ul > li", "ol > li", "blockquote", "a[href='https://example.org']"):
        assert select(body, css), css


def test_headings_images_and_tables_are_not_rendered(client):
    post = commented_post()
    add_comment(
        post, body="# Título\n\n![foto](https://example.org/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    body = select_one(client.get(post_url(post)), ".comment-body")
    assert select(body, "h1, h2, h3, h4, h5, h6, img, table") == []
    assert "# Título" in body.get_text()


def test_links_in_comments_are_nofollow_ugc_noopener(client):
    post = commented_post()
    add_comment(post, body="Mira [esto](https://example.org/guia) y <https://example.org/otra>")
    links = select(select_one(client.get(post_url(post)), ".comment-body"), "a")
    assert len(links) == 2
    assert all(set(link["rel"]) == {"nofollow", "ugc", "noopener"} for link in links)
