"""Old URLs keep working: a 404 whose path is a recorded `PostRedirect` becomes a 301 to the post's URL.

Paths are stored decoded (`/blog/2024/05/bogotá/`); a request may arrive decoded or percent-encoded (even
twice, from old links copied around), with or without the trailing slash. The lookup runs only on 404s,
so ordinary pages pay nothing for it.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.http import HttpResponsePermanentRedirect


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
    from django.utils import timezone

    from blog.models import PostRedirect

    found = (
        PostRedirect.objects.filter(
            path__in=candidate_paths(path), post__draft=False, post__date__lte=timezone.now()
        )
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


class PostRedirectMiddleware:
    """Turn a 404 into a 301 when the path is an old URL of a post (see `redirect_for_path`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return redirect_for_path(request.path) or response
        return response
