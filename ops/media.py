"""Uploaded and imported files served by Django itself (`SERVE_MEDIA`, single-machine installs), with the
headers static files get (`ops.static_headers`)."""

from django.conf import settings
from django.views.static import serve

from ops.static_headers import add_security_headers


def serve_media(request, path: str, document_root: str | None = None, show_indexes: bool = False):
    """`django.views.static.serve` with the headers static files get (the script-free policy for SVG).

    The folder is read from the settings on each request unless given: `MEDIA_ROOT` may change after the
    URLs were loaded (tests give each test its own)."""
    root = document_root or settings.MEDIA_ROOT
    response = serve(request, path, document_root=root, show_indexes=show_indexes)
    add_security_headers(response, path, request.path)
    return response
