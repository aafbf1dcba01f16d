"""The admin's header and title name the site as readers see it: `SiteIdentity`'s name in the active
language, read through the content cache (one query per content generation), never "Django administration".
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext

from ops.caching import remember
from pages.models import site_name


def current_site_name() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return remember(f"admin-site-name:{language}", lambda: site_name(language))


def _title() -> str:
    return gettext("%(site)s administration") % {"site": current_site_name()}


def admin_site_title():
    """A lazy string: AdminSite reads `site_header` when each page renders, in that request's language."""
    return lazy(_title, str)()
