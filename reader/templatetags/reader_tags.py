"""Template tags for reader pages: post cards, covers, the language switcher and hreflang alternates.

`{% post_cards posts %}` renders a list's cards, each cached per post, language and content generation
(`reader.fragments`); `{% post_card post as card %}` gives the post in the language a listing shows it in (see
`cards.post_card`); `{% cover post "listing" %}` draws its cover (imported rendition, uploaded image or
generated picture, always with width and height); `{% language_links as links %}` lists every language with
the URL of this page in it, or None when the page (a post) does not exist there.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import translation

from blog.models import language_codes
from blog.rendering import markdown_to_plain
from blog.sections import section_name as _section_name
from reader import cards, fragments, sharing
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
    return dict(translated_paths(request.get_full_path(), *url_setting()))


def url_setting() -> tuple[str, str, str]:
    """What else a translated or reversed path depends on: the active language (it picks the prefix a path
    is resolved with), the URLconf and the script prefix."""
    return translation.get_language() or settings.LANGUAGE_CODE, str(get_urlconf()), get_script_prefix()


# Translating a path resolves it and reverses it once per language (~0.3 ms a page, twice: hreflang and the
# switcher); the answer depends only on the path and `url_setting()`, so each worker keeps the recent ones.
@lru_cache(maxsize=4096)
def translated_paths(path: str, language: str, urlconf: str, prefix: str) -> tuple[tuple[str, str], ...]:
    return tuple((code, translate_url(path, code)) for code in language_codes())


@lru_cache(maxsize=4096)
def not_available_path(path: str, language: str, urlconf: str, prefix: str) -> str:
    """The generic "not available in `language`" page, linking back to `path` (see url_setting)."""
    with translation.override(language):
        url = reverse("blog:not-available")
    return f"{url}?{urlencode({'from': path})}"


def unavailable_url(context, language: str) -> str:
    """Where a greyed-out language leads: the page that says this one is not available in `language`.

    A post's own URL in that language is that page, with its translations; any other page gets the
    generic one (`reader.views.not_available`), which links back here."""
    post = context.get("post")
    if post is not None and hasattr(post, "exists_in_language"):
        return post.get_absolute_url(language)
    request = context.get("request")
    if request is None:
        with translation.override(language):
            return reverse("blog:not-available")
    _active, urlconf, prefix = url_setting()
    return not_available_path(request.path, language, urlconf, prefix)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    current = translation.get_language() or settings.LANGUAGE_CODE
    links = []
    for code, url in page_alternates(context).items():
        link = {"code": code, "name": language_name(code), "url": url, "current": code == current}
        if not url and not link["current"] and not context.get("is_error_page"):
            link["unavailable_url"] = unavailable_url(context, code)
        links.append(link)
    return links


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


@register.inclusion_tag("blog/includes/share.html", takes_context=True)
def share_block(context, post) -> dict:
    """`{% share_block post %}`: the share links of a post, for its URL in the page's language."""
    title = post.translated("title", _language(context))
    url = sharing.absolute_url(context["request"], post.get_absolute_url(_language(context)))
    return {"share": {"title": title, "url": url, "links": sharing.share_links(title=title, url=url)}}


# The feed of each kind of listing: (URL name, the context value its `slug` comes from).
TERM_FEEDS = {"category": "category", "tag": "tag", "series": "series", "author": "author"}


@register.simple_tag(takes_context=True)
def listing_feed_url(context) -> str:
    """The RSS feed of the listing shown: the term's, the section's, else the whole site's (in this
    language). "" when the URL cannot be made (a term without a slug here)."""
    kind, term, section = context.get("term_kind"), context.get("term"), context.get("section")
    try:
        if kind in TERM_FEEDS and term is not None:
            return reverse(f"discovery:{TERM_FEEDS[kind]}-feed-rss", kwargs={"slug": term.slug})
        if section:
            return reverse("discovery:section-feed-rss", kwargs={"section": section})
        return reverse("discovery:feed-rss")
    except NoReverseMatch:
        return ""


@register.filter
def terms_for_card(terms, languages: str) -> list:
    """`tags|terms_for_card:"en,es"`: a card's terms in the reader's language where they exist in it (a
    tag translated to English reads in English on /en/, even on a post only in Spanish), else in the
    post's own language; `[{"name", "url", "lang"}]`, `lang` set only for the second kind."""
    reader_language, _sep, post_language = languages.partition(",")
    shown = []
    for term in terms or ():
        for language in dict.fromkeys([reader_language, post_language or reader_language]):
            if term.slug_in(language):
                shown.append(
                    {
                        "name": term.name_in(language) or str(term),
                        "url": term.url_in(language),
                        "lang": "" if language == reader_language else language,
                    }
                )
                break
    return shown
