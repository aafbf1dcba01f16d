"""`{% support_block %}`: the site's "support us" text and link in the active language, when both are set.

Shown on posts marked `reward` (comments/_thread.html asks only for those). One query, only on such posts;
the page cache keeps the page, and editing the site identity starts a new content generation.
"""

from django import template
from django.conf import settings
from django.utils import translation

from pages.models import SiteIdentity

register = template.Library()


@register.inclusion_tag("pages/_support.html")
def support_block() -> dict:
    language = translation.get_language() or settings.LANGUAGE_CODE
    identity = SiteIdentity.objects.filter(pk=SiteIdentity.ROW).first()
    return {"support": identity.support_in(language) if identity else None}
