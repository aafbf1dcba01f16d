"""Absolute URLs for feeds, sitemaps and social tags: `SITE_URL` when set, else the request's own origin.

`SITE_URL` (e.g. `https://blog.example.org`) overrides the origin for installs behind a proxy that
rewrites the host; without it, `request.build_absolute_uri` answers with the host the reader used.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def site_origin(request) -> str:
    """`scheme://host` of the site, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(request, path_or_url: str) -> str:
    """An absolute URL for a site path; URLs that already carry a scheme are returned as they are."""
    if urlsplit(path_or_url).scheme:
        return path_or_url
    if settings.SITE_URL:
        return f"{site_origin(request)}/{path_or_url.lstrip('/')}"
    return request.build_absolute_uri(path_or_url)
