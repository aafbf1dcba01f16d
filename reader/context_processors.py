"""Template context every page needs: the site name and the main navigation."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# Main navigation: (label, URL name, kwargs). Sections are pages of the blog app; events its own app.
NAVIGATION = (
    (_("Blog"), "blog:section", {"section": "blog"}),
    (_("News"), "blog:section", {"section": "news"}),
    (_("Events"), "events:event-list", {}),
    (_("Archive"), "blog:archive", {}),
)


def navigation() -> list[dict]:
    items = []
    for label, name, kwargs in NAVIGATION:
        try:
            items.append({"label": label, "url": reverse(name, kwargs=kwargs)})
        except NoReverseMatch:  # an app that is not installed has no entry
            continue
    return items


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "navigation": navigation,
        # How long `{% cache %}` blocks keep a fragment: as long as every other content-derived value.
        "CONTENT_CACHE_SECONDS": settings.CONTENT_CACHE_SECONDS,
    }
