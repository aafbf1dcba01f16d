"""Security headers on static files, which WhiteNoise answers before any Django middleware runs, and on
media files when Django serves them (`SERVE_MEDIA`, `ops.media.serve_media`).

Imported by the settings, so it imports nothing from Django.

Every such file gets `X-Content-Type-Options: nosniff` and `X-Frame-Options: DENY`; SVG images, which a
browser treats as documents when opened directly, also get a Content-Security-Policy that allows no script,
no plugin and no framing (styles inside the SVG still apply). Imported and uploaded SVG covers and avatars
are media files.
"""

SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def add_security_headers(headers, path: str, url: str) -> None:
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    if path.lower().endswith(".svg") or url.lower().endswith(".svg"):
        headers["Content-Security-Policy"] = SVG_POLICY
