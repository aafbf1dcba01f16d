"""The cover views: a post's drawn cover as PNG, cached per post version, and its renditions, made on the
first request that asks for one (`covers.lazy`) and then served from the storage."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from blog.models import Post
from blog.sections import section_name
from blog.svg import is_svg_name
from config.db_router import use_primary
from covers.generated import COVER_SIZES, cover_png, draw_section_cover, generated_cover_url, image_png
from covers.lazy import FORMATS, RenditionBusy, ensure_rendition
from covers.renditions import RENDITION_WIDTHS

logger = logging.getLogger(__name__)
# How long browsers and proxies may keep a rendition's redirect: its URL changes with the cover.
RENDITION_REDIRECT_MAX_AGE = 60 * 60 * 24


def _checked_language(language: str | None) -> str:
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise Http404("unknown language")
    return language


def generated_cover(request, pk: int, kind: str, language: str | None = None):
    """Serve a post's generated cover as PNG, drawn once per post version and kept in the cache."""
    if kind not in COVER_SIZES:
        raise Http404("unknown cover kind")
    language = _checked_language(language)
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
    key = f"cover:v3:{post.pk}:{kind}:{language}:{post.modified_at.timestamp()}"
    png = cache.get(key)
    if png is None:
        width, height = COVER_SIZES[kind]
        with translation.override(language):
            label = section_name(post.section)
        if kind == "social":  # seen alone in other sites' previews: the title is the point
            png = cover_png(title, post.section, width, height, settings.SITE_NAME, label)
        else:  # beside the title on our own pages: section, pattern and the site's mark
            png = image_png(
                draw_section_cover(post.section, width, height, settings.SITE_NAME, label, post.pk)
            )
        cache.set(key, png, timeout=60 * 60 * 24 * 7)
    response = HttpResponse(png, content_type="image/png")
    response["Last-Modified"] = http_date(post.modified_at.timestamp())
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response


def rendition(request, pk: int, kind: str, image_format: str, language: str | None = None):
    """Redirect to the stored `kind` rendition of a post's cover (WebP or the JPEG/PNG fallback), making it
    first when nobody has asked for it yet; to the generated cover when the cover cannot be read.

    Reads and writes go to the primary: the lock and the record must be seen by every app server."""
    if kind not in RENDITION_WIDTHS or image_format not in FORMATS:
        raise Http404("unknown rendition")
    language = _checked_language(language)
    lasting = True
    with use_primary():
        post = get_object_or_404(
            Post.objects.live().only(
                "pk", "cover", "cover_width", "cover_height", "cover_renditions", "modified_at"
            ),
            pk=pk,
        )
        try:
            entry = ensure_rendition(post, kind)
        except (FileNotFoundError, RenditionBusy, DatabaseError) as problem:
            # Passing: a file restored from a backup, a slow neighbour, a database busy with an import.
            logger.warning("cover rendition of post %s (%s) not served: %s", pk, kind, problem)
            entry, lasting = None, False
    if entry is None and post.cover and is_svg_name(post.cover.name):
        target = post.cover.url  # an SVG is its own rendition at every size
    elif entry is None:
        target = generated_cover_url(post, kind, language)
    else:
        target = default_storage.url(entry["webp" if image_format == "webp" else "fallback"])
    response = HttpResponseRedirect(target)
    if lasting:
        patch_cache_control(response, public=True, max_age=RENDITION_REDIRECT_MAX_AGE)
    else:
        patch_cache_control(response, no_store=True)
    return response
