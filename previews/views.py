"""The share link's page: a post's current draft, in the link's language, for whoever holds the link.

It is the post's own page (`reader.views.PostDetailView`, the same template and context) with the preview
banner, rendered with the content caches bypassed and answered `private, no-store` and `noindex`. A link
whose language has since been published leads to the public address instead.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation

from blog.models import Post
from previews import sharing
from previews.access import ROBOTS, mark_private, preview_of, render_uncached
from reader.views import PostDetailView


class SharedPostView(PostDetailView):
    """The post the link names (`post`), shown as a preview whoever asks."""

    def get(self, request, *args, **kwargs):
        post: Post = kwargs["post"]
        self.preview = preview_of(post, kwargs["language"], shared=True)
        self.object = post
        return self.render_to_response(self.get_context_data(object=post))


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = sharing.read_token(token)
    except sharing.Refused as refusal:
        return refused(request, refusal)
    post, language = link.item, link.language
    if post.is_visible_in(language):
        return HttpResponseRedirect(post.get_absolute_url(language))  # published since: its real page
    prefetch_related_objects([post], "series", "authors", "categories", "tags")
    with translation.override(language):
        response = render_uncached(SharedPostView.as_view(), request, post=post, language=language)
    response["Content-Language"] = language
    return mark_private(response)


def refused(request: HttpRequest, refusal: sharing.Refused) -> HttpResponse:
    """A page saying why the link shows nothing (403, or 404 when its post or language is gone)."""
    context = {"message": refusal.message, "is_error_page": True, "meta_robots": ROBOTS}
    response = TemplateResponse(request, "previews/refused.html", context, status=refusal.status)
    return mark_private(response)
