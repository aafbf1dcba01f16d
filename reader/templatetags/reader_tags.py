"""Template tags for reader pages: post cards, covers, the language switcher and hreflang alternates.

`{% post_cards posts %}` renders a list's cards, each cached per post, language and content generation
(`reader.fragments`); `{% post_card post as card %}` gives the post in the language a listing shows it in (see
`cards.post_card`); `{% cover post "listing" %}` draws its cover (imported rendition, uploaded image or
generated picture, always with width and height); `{% language_links as links %}` lists every language with
the URL of this page in it, or None when the page (a post) does not exist there.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from blog.models import language_codes
from blog.rendering import markdown_to_plain
from blog.sections import section_name as _section_name
from reader import cards, fragments
from reader.languages import display_language, language_name
from reader.pagination import has_path_pages, page_path

register = template.Library()


def _language(context) -> str:
    return context.get("LANGUAGE_CODE") or translation.get_language() or settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def post_card(context, post) -> cards.PostCard:
    return cards.post_card(post, translation.get_language() or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def post_cards(context, posts, card_heading: str = "h2", is_pinned: bool = False, prefetch_with=()):
    """`{% post_cards posts card_heading="h3" %}`: every post's card (`post_card.html`), cached per post."""
    # Listing pages carry the content generation already (the sidebar's); no second cache read for it.
    known = {"generation": context["sidebar_generation"]} if "sidebar_generation" in context else {}
    return fragments.render_cards(
        posts, card_heading=card_heading, is_pinned=is_pinned, prefetch_with=prefetch_with or (), **known
    )


@register.filter
def pk_list(objects) -> str:
    """`1,5,9`: which objects a cached fragment shows, as part of its key."""
    return ",".join(str(item.pk) for item in objects or ())


@register.inclusion_tag("blog/includes/cover.html", takes_context=True)
def cover(context, post, kind: str = "listing", eager: bool = False, language: str | None = None) -> dict:
    shown = language or display_language(post, translation.get_language() or settings.LANGUAGE_CODE)
    return {"picture": cards.cover_picture(post, kind, shown), "kind": kind, "eager": eager}


@register.filter
def section_name(section: str) -> str:
    return _section_name(section)


@register.filter
def plain_text(markdown_text: str) -> str:
    """Markdown as plain text: `*front matter*` reads `front matter` (autoescaped on output)."""
    return markdown_to_plain(markdown_text)


@register.filter
def translated(post, field_and_language: str) -> str:
    """`{{ post|translated:"title:pt" }}`: a field's own value in one language (no fallback)."""
    field, _sep, language = field_and_language.partition(":")
    return post.translated(field, language or translation.get_language())


def page_alternates(context) -> dict[str, str | None]:
    """This page's URL in every language: from the view for posts (`alternates`), else translated.

    A 404 page without `alternates` has none: there is nothing to translate.
    """
    request = context.get("request")
    codes = language_codes()
    explicit = context.get("alternates")
    if explicit is not None:
        return {code: explicit.get(code) for code in codes}
    if request is None or context.get("is_error_page"):
        return dict.fromkeys(codes)
    path = request.get_full_path()
    return {code: translate_url(path, code) for code in codes}


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    current = translation.get_language() or settings.LANGUAGE_CODE
    return [
        {
            "code": code,
            "name": language_name(code),
            "url": url,
            "current": code == current,
        }
        for code, url in page_alternates(context).items()
    ]


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> list[dict]:
    """`<link rel=alternate hreflang>` targets: each existing translation plus x-default (absolute URLs)."""
    request = context.get("request")
    alternates = {code: url for code, url in page_alternates(context).items() if url}
    if request is None or not alternates:
        return []
    links = [{"hreflang": code, "href": request.build_absolute_uri(url)} for code, url in alternates.items()]
    default = alternates.get(settings.LANGUAGE_CODE) or next(iter(alternates.values()))
    links.append({"hreflang": "x-default", "href": request.build_absolute_uri(default)})
    return links


@register.simple_tag
def page_url(request, number) -> str:
    """The URL of page `number` of this listing: `<list>/page/N/` for listings (reader.pagination), else
    the current URL with `page` set (search); other query parameters kept."""
    query = request.GET.copy()
    query.pop("page", None)
    match = request.resolver_match
    if has_path_pages(match):
        path = page_path(match, int(number))
    else:
        path = request.path
        if int(number) != 1:
            query["page"] = number
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


@register.filter
def in_language(terms, language: str) -> list:
    """The categories, tags or series (a list, or one series) that exist in `language`, as shown there:
    `[{"name", "url"}]` (a term exists in the languages it has a slug in; see blog.taxonomy)."""
    if terms is None or terms == "":
        return []
    items = terms if hasattr(terms, "__iter__") else [terms]
    return [
        {"name": term.name_in(language) or str(term), "url": term.url_in(language)}
        for term in items
        if term.slug_in(language)
    ]
