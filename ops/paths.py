"""Refuse request paths no page can have: a control character (a NUL above all) in the path is a 404.

PostgreSQL cannot compare a text value holding NUL, so `/%00/` reaching the old-URL or term lookups would be
a 500; no URL this site publishes contains a control character, so the answer is simply "not found".
"""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest

from blog.text import has_control_characters

_ENCODED_CONTROL = re.compile(r"%(?:[01][0-9a-fA-F]|7[fF])")


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if has_control_characters(request.path) or _ENCODED_CONTROL.search(request.path):
            raise Http404("control character in the path")
        return self.get_response(request)
