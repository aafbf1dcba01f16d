"""Static pages served at the paths Hugo served them at (`/about/`, `/en/about/`, `/pt/sobre/`).

A page's path is data, not a URL pattern: `pages.middleware.StaticPageMiddleware` asks `page_response` when
the site answers 404, so the reader's routes (the `<section>/` catch-all included) always win and ordinary
pages pay nothing. The page is shown in the language whose path matched, whatever prefix the path has (a
Hugo `url:` may put an English page outside `/en/`). A path that is a page's in another language only
(`/pt/about/` for a page without Portuguese) answers 404 linking to the languages it has, as posts do.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language_info, gettext

from blog.models import language_codes
from blog.rendering import local_image_size, render_markdown
from pages.links import language_prefix
from pages.models import Page
from previews.access import mark_private, may_preview, preview_context, preview_of, render_uncached

# A few pages could claim the same path in other languages; more than this is a misconfiguration.
CANDIDATES = 5


def path_forms(path: str) -> list[str]:
    """The path as requested and, without its trailing slash, with one (CommonMiddleware's rule)."""
    return [path] if path.endswith("/") else [path, f"{path}/"]


def unprefixed(path: str) -> str:
    """The path without a language prefix it starts with: `/pt/about/` → `/about/`."""
    for code in language_codes():
        prefix = language_prefix(code)
        if prefix and (path == prefix or path.startswith(f"{prefix}/")):
            return path[len(prefix) :] or "/"
    return path


def sibling_paths(path: str) -> set[str]:
    """The same path under every language's prefix: where its translations would usually be."""
    rest = unprefixed(path)
    return {f"{language_prefix(code)}{form}" for code in language_codes() for form in path_forms(rest)}


def page_response(request: HttpRequest) -> HttpResponse | None:
    """The page served at the request's path (or a 301 to it, or a 404 naming its translations); None when
    no page is concerned (one query)."""
    path = request.path_info
    if may_preview(request, Page) and (preview := page_preview(request)):
        return preview
    exact = path_forms(path)
    candidates = list(Page.objects.live().at_paths({*exact, *sibling_paths(path)})[:CANDIDATES])
    for page in candidates:
        for code, stored in page.paths().items():
            if stored in exact:
                if stored != path:
                    return HttpResponsePermanentRedirect(iri_to_uri(stored))
                return render_page(request, page, code)
    for page in candidates:
        if page.languages():
            return missing_translation(request, page)
    return None


def alternates(page: Page) -> dict[str, str]:
    return {code: page.get_absolute_url(code) for code in page.languages()}


def page_preview(request: HttpRequest) -> HttpResponse | None:
    """For staff: a page at the path of a language readers do not see yet, with the preview banner."""
    path = request.path_info
    for page in Page.objects.at_paths([path])[:CANDIDATES]:
        for code in language_codes():
            preview = preview_of(page, code) if page.translated("path", code) == path else None
            if preview:
                response = render_uncached(render_page, request, page, code, preview_context(preview))
                return mark_private(response)
    return None


def render_page(request: HttpRequest, page: Page, language: str, extra: dict | None = None) -> HttpResponse:
    with translation.override(language):
        title = page.translated("title", language)
        body = render_markdown(
            page.translated("body", language),
            anchor_title=gettext("Link to this section"),
            image_size=local_image_size,
        )
        context = {
            "page": page,
            "page_title": title,
            "body": body,
            "alternates": alternates(page),
            "meta_title": title,
            "meta_description": page.translated("description", language) or page.translated("body", language),
            "meta_languages": page.languages(),
            "og_type": "website",
            **(extra or {}),
        }
        response = render(request, "pages/page_detail.html", context)
    response.headers["Content-Language"] = language
    return response


def missing_translation(request: HttpRequest, page: Page) -> HttpResponse:
    """A 404 in the reader's language that links to the languages the page has."""
    urls = alternates(page)
    translations = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "title": page.translated("title", code),
            "url": url,
        }
        for code, url in urls.items()
    ]
    context = {"translations": translations, "missing_page": page, "alternates": urls}
    return render(request, "404.html", context, status=404)
