"""Static pages at their own paths: a 404 whose path is a page's becomes that page (see `pages.views`).

Like `reader.middleware.PostRedirectMiddleware`, it looks only at 404s, so ordinary pages pay nothing, and
every route of the site keeps precedence over a page with the same path.
"""

from __future__ import annotations

from pages.views import page_response


class StaticPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return page_response(request) or response
        return response
