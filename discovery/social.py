"""Social previews and structured data: what `templates/includes/meta.html` prints, and the site card.

`page_meta(context)` turns a page's template context into the values of its meta tags: canonical URL,
description (plain text), Open Graph and Twitter card fields, `og:locale` / `og:locale:alternate`, and for
a post the JSON-LD `BlogPosting`. A post without a cover gets its generated 1200×630 social card
(`covers:generated`, kind `social`, drawn by `covers.generated.draw_cover` and cached there); other pages get
the site card served here by `site_card`, drawn once per site name and kept in the cache.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from blog.models import Author, Category, Post, Series, Tag, language_codes
from blog.rendering import markdown_to_plain
from covers.generated import COVER_SIZES, cover_png, generated_cover_url
from discovery.site_urls import absolute_url
from pages.models import site_name

DESCRIPTION_CHARS = 200
# Open Graph wants language_TERRITORY; a setting may say which territory each language speaks for.
DEFAULT_OG_LOCALES = {"es": "es_ES", "pt": "pt_BR", "en": "en_US"}
SITE_CARD_SECONDS = 60 * 60 * 24 * 7


def og_locale(language: str) -> str:
    locales = getattr(settings, "OG_LOCALES", DEFAULT_OG_LOCALES)
    return locales.get(language, language)


def plain_description(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """Markdown or HTML as one plain line, cut at a word boundary (meta descriptions carry no tags)."""
    return Truncator(markdown_to_plain(text)).chars(limit)


def post_description(post: Post, language: str) -> str:
    return plain_description(post.translated("summary", language) or post.translated("body", language))


def post_image_path(post: Post, language: str) -> str:
    """The post's cover when it has one, else its generated social card."""
    if post.cover:
        return post.cover.url
    return generated_cover_url(post, "social", language)


def site_card_path() -> str:
    return reverse("discovery:site-card")


def default_description(site: str) -> str:
    return gettext("Articles, news and events from the %(site)s community.") % {"site": site}


def term_description(term, site: str) -> str:
    """A category, tag, series or author page's own description: the author's bio, else a line naming it."""
    if isinstance(term, Author):
        return term.bio or gettext("The newest posts by %(author)s on %(site)s.") % {
            "author": term.name,
            "site": site,
        }
    return gettext("The newest posts about %(term)s on %(site)s.") % {
        "term": term,
        "site": site,
    }


def canonical_path(request) -> str:
    """The page's own path; a listing page beyond the first keeps its `page` parameter."""
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        return f"{request.path}?page={int(page)}"
    return request.path


def json_ld(data: dict) -> SafeString:
    """JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` escaped so text from
    posts can never close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - the three HTML-significant characters are escaped above


def blog_posting(
    post: Post, language: str, request, *, canonical: str, image: str, description: str, site: str
) -> dict:
    authors = [
        {"@type": "Person", "name": author.name, "url": absolute_url(request, author.get_absolute_url())}
        for author in post.authors.all()
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.translated("title", language),
        "description": description,
        "datePublished": post.date.isoformat(),
        "dateModified": (post.updated or post.date).isoformat(),
        "author": authors,
        "image": [image],
        "inLanguage": language,
        "mainEntityOfPage": canonical,
        "url": canonical,
        "publisher": {"@type": "Organization", "name": site},
    }


def page_meta(context) -> dict:
    """Everything meta.html prints, from the template context (see the contract at the top of meta.html)."""
    request = context.get("request")
    language = translation.get_language() or settings.LANGUAGE_CODE
    # The site's name as the page shows it (pages.SiteIdentity, through the reader's context processor).
    site = context.get("SITE_NAME") or settings.SITE_NAME
    post = context.get("post")
    if not isinstance(post, Post):
        post = None
    term = context.get("term")
    languages = list(context.get("meta_languages") or (post.languages() if post else language_codes()))

    canonical = context.get("canonical_url") or (
        post.get_absolute_url(language) if post else canonical_path(request)
    )
    if post:
        title = post.translated("title", language)
        description = plain_description(context.get("meta_description") or "") or post_description(
            post, language
        )
        image = post_image_path(post, language)
        size = (post.cover_width, post.cover_height) if post.cover else COVER_SIZES["social"]
    else:
        title = context.get("meta_title") or (str(term) if term else site)
        description = plain_description(
            context.get("meta_description")
            or (term_description(term, site) if term else context.get("SITE_TAGLINE"))
            or default_description(site)
        )
        image, size = site_card_path(), COVER_SIZES["social"]
    if context.get("og_image"):
        image, size = context["og_image"], None

    meta = {
        "title": title,
        "site_name": site,
        "description": description,
        "canonical": absolute_url(request, canonical),
        "image": absolute_url(request, image),
        # Printed only when known (a stored cover's own size, or our 1200×630 cards).
        "image_width": size[0] if size and all(size) else None,
        "image_height": size[1] if size and all(size) else None,
        "type": context.get("og_type") or ("article" if post else "website"),
        "locale": og_locale(language),
        "locale_alternates": [og_locale(code) for code in languages if code != language],
        "robots": context.get("meta_robots", ""),
        "post": post,
        "feeds": feed_links(site, context.get("term")),
        "json_ld": None,
    }
    if post:
        meta["published"] = post.date.isoformat()
        meta["modified"] = (post.updated or post.date).isoformat()
        meta["json_ld"] = json_ld(
            blog_posting(
                post,
                language,
                request,
                canonical=meta["canonical"],
                image=meta["image"],
                description=description,
                site=site,
            )
        )
    return meta


# The feeds of a term page, by the term's model (URL names in blog/urls_discovery.py).
TERM_FEED_NAMES = {Category: "category", Tag: "tag", Series: "series", Author: "author"}


def feed_links(site: str, term=None) -> list[dict]:
    """`<link rel="alternate">` feeds for a page: the site's RSS and Atom, plus the term's on a term page."""
    links = [
        {
            "type": "application/rss+xml",
            "title": f"{site} (RSS)",
            "href": reverse("discovery:feed-rss"),
        },
        {
            "type": "application/atom+xml",
            "title": f"{site} (Atom)",
            "href": reverse("discovery:feed-atom"),
        },
    ]
    name = TERM_FEED_NAMES.get(type(term))
    if name:
        for kind, label, content_type in (
            ("rss", "RSS", "application/rss+xml"),
            ("atom", "Atom", "application/atom+xml"),
        ):
            links.append(
                {
                    "type": content_type,
                    "title": f"{site}: {term} ({label})",
                    "href": reverse(f"discovery:{name}-feed-{kind}", kwargs={"slug": term.slug}),
                }
            )
    return links


def site_card(request):
    """The 1200×630 card for pages that are not posts: the site name, drawn once and cached."""
    width, height = COVER_SIZES["social"]
    site = site_name(translation.get_language() or settings.LANGUAGE_CODE)
    version = hashlib.sha256(site.encode("utf-8")).hexdigest()[:12]
    key = f"social:site-card:{version}"
    png = cache.get(key)
    if png is None:
        png = cover_png(site, "", width, height)
        cache.set(key, png, timeout=SITE_CARD_SECONDS)
    response = HttpResponse(png, content_type="image/png")
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response
