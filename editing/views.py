"""The editor's preview: Markdown in, the HTML a reader's page would show out (`blog.rendering.render_body`:
the same renderer and the same nh3 sanitising), with the word count and reading time.

Staff only, POST only, CSRF-checked (the middleware; no exemption), and throttled per user so a stuck
script cannot keep a worker rendering.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpResponseForbidden, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from blog.rendering import render_body
from ops.throttle import count_hit

MAX_TEXT = 1_000_000


def over_rate(user_id: int) -> bool:
    key = "editing:preview:" + hashlib.sha256(str(user_id).encode()).hexdigest()[:16]
    return count_hit(key, 60) > settings.EDITING_PREVIEWS_PER_MINUTE


@never_cache
@require_POST
def preview(request):
    user = request.user
    if not (user.is_active and user.is_staff):
        return HttpResponseForbidden(_("Only the site's staff can preview."))
    if over_rate(user.pk):
        response = JsonResponse({"error": _("Too many previews; wait a moment.")}, status=429)
        response["Retry-After"] = "60"
        return response
    text = request.POST.get("text", "")[:MAX_TEXT]
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    rendered = render_body(text, language)
    return JsonResponse(
        {"html": rendered.html, "words": rendered.words, "reading_minutes": rendered.reading_minutes}
    )
