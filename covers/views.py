"""The generated-cover view: a post's drawn cover as PNG, cached per post version."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from blog.models import Post
from blog.sections import section_name
from covers.generated import COVER_SIZES, cover_png


def generated_cover(request, pk: int, kind: str, language: str | None = None):
    """Serve a post's generated cover as PNG, drawn once per post version and kept in the cache."""
    if kind not in COVER_SIZES:
        raise Http404("unknown cover kind")
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise Http404("unknown language")
    post = get_object_or_404(
        Post.objects.live().only(
            "pk", "section", "modified_at", *(f"title_{code}" for code, _ in settings.LANGUAGES)
        ),
        pk=pk,
    )
    # A cover must never be empty: fall back to the title in another language (titles only; no body load).
    title = post.translated("title", language) or next(
        (
            post.translated("title", code)
            for code, _name in settings.LANGUAGES
            if post.translated("title", code)
        ),
        "",
    )
    key = f"cover:v2:{post.pk}:{kind}:{language}:{post.modified_at.timestamp()}"
    png = cache.get(key)
    if png is None:
        width, height = COVER_SIZES[kind]
        with translation.override(language):
            label = section_name(post.section)
        png = cover_png(title, post.section, width, height, settings.SITE_NAME, label)
        cache.set(key, png, timeout=60 * 60 * 24 * 7)
    response = HttpResponse(png, content_type="image/png")
    response["Last-Modified"] = http_date(post.modified_at.timestamp())
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response
