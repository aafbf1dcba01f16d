"""Old URLs keep working: a 404 whose path is a recorded `PostRedirect` becomes a 301 to the post's URL; a
term page or feed at an old slug of the term (`TermRedirect`, per language) a 301 to the same page at its
slug; and a path under the default language's prefix (`/es/…`, which Hugo also served, while our default
language has none) a 301 to the path without it.

Paths are stored decoded (`/blog/2024/05/bogotá/`); a request may arrive decoded or percent-encoded (even
twice, from old links copied around), with or without the trailing slash. The lookups run only on 404s,
so ordinary pages pay nothing for them.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation


def candidate_paths(path: str) -> list[str]:
    """The forms under which an old path may have been recorded: as given, decoded, with a trailing slash."""
    forms = []
    for form in (path, unquote(path), unquote(unquote(path))):
        for variant in (form, form if form.endswith("/") else f"{form}/"):
            if variant not in forms:
                forms.append(variant)
    return forms


def redirect_for_path(path: str) -> HttpResponsePermanentRedirect | None:
    """A 301 to the current URL of the post that used to live at `path`, or None (one query)."""
    from blog.models import Post, PostRedirect

    found = (
        PostRedirect.objects.filter(path__in=candidate_paths(path), post__in=Post.objects.live())
        .select_related("post")
        .first()
    )
    if found is None:
        return None
    post = found.post
    languages = post.languages()
    if not languages:
        return None
    language = found.language if found.language in languages else languages[0]
    return HttpResponsePermanentRedirect(post.get_absolute_url(language))


def _with_query(request, path: str) -> str:
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


def term_redirect(request) -> HttpResponsePermanentRedirect | None:
    """A 301 from a term page or feed at an old slug of the term in this language (one query), or None."""
    from blog.models import TermRedirect
    from blog.taxonomy import TERM_MODELS

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    kind = (match.url_name or "").split("-")[0]
    slug = match.kwargs.get("slug")
    if kind not in TERM_MODELS or not slug:
        return None
    language = translation.get_language() or settings.LANGUAGE_CODE
    found = TermRedirect.objects.filter(kind=kind, language=language, slug=slug).select_related(kind).first()
    term = found.term if found else None
    if term is None or not term.slug_in(language):
        return None
    path = reverse(match.view_name, kwargs={**match.kwargs, "slug": term.slug_in(language)})
    return HttpResponsePermanentRedirect(_with_query(request, path))


def default_language_redirect(request) -> HttpResponsePermanentRedirect | None:
    """`/es/…` → `/…` when the default language (es) has no prefix: Hugo wrote `/es/` → `/` too."""
    prefix = f"/{settings.LANGUAGE_CODE}/"
    if not request.path.startswith(prefix):
        return None
    used, default_prefixed = is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    if not used or default_prefixed:
        return None
    return HttpResponsePermanentRedirect(_with_query(request, request.path[len(prefix) - 1 :]))


class PostRedirectMiddleware:
    """Turn a 404 into a 301 when the path is an old URL of a post or term, or carries the default
    language's prefix (see `redirect_for_path`, `term_redirect`, `default_language_redirect`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return (
                redirect_for_path(request.path)
                or term_redirect(request)
                or default_language_redirect(request)
                or response
            )
        return response
