"""Security headers on static files, which WhiteNoise answers before any Django middleware runs, and on
media files when Django serves them (`SERVE_MEDIA`, `serve_media`).

Every such file gets `X-Content-Type-Options: nosniff` and `X-Frame-Options: DENY`; SVG images, which a
browser treats as documents when opened directly, also get a Content-Security-Policy that allows no script,
no plugin and no framing (styles inside the SVG still apply). Imported and uploaded SVG covers and avatars
are media files.
"""

from django.conf import settings
from django.views.static import serve

SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def add_security_headers(headers, path: str, url: str) -> None:
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    if path.lower().endswith(".svg") or url.lower().endswith(".svg"):
        headers["Content-Security-Policy"] = SVG_POLICY


def serve_media(request, path: str, document_root: str | None = None, show_indexes: bool = False):
    """`django.views.static.serve` with the headers static files get (the script-free policy for SVG).

    The folder is read from the settings on each request unless given: `MEDIA_ROOT` may change after the
    URLs were loaded (tests give each test its own)."""
    root = document_root or settings.MEDIA_ROOT
    response = serve(request, path, document_root=root, show_indexes=show_indexes)
    add_security_headers(response, path, request.path)
    return response
