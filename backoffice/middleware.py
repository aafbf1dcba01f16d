"""The admin in the editor's language: es, pt or en, chosen in the admin's header (a cookie).

Reader pages take their language from the URL (`/`, `/pt/`, `/en/`); with the default language unprefixed,
Django's LocaleMiddleware gives every path outside `i18n_patterns`, `/admin/` included, the default
language. Editors are not all Spanish speakers, so under `/admin/` the language comes from the language
cookie that Django's `set_language` view writes, else the browser's Accept-Language.
"""

from __future__ import annotations

from django.utils import translation

ADMIN_PREFIX = "/admin/"


class AdminLanguageMiddleware:
    """After LocaleMiddleware: under /admin/, the chosen language instead of the default one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIX):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            response.headers["Vary"] = ", ".join(
                filter(None, [response.headers.get("Vary"), "Cookie", "Accept-Language"])
            )
        return response
