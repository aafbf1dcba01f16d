"""Template context every page needs: the site's name and tagline and the main menu, in the active language.

They come from `pages` (`SiteIdentity`, `MenuItem`), read in one query and kept per content generation
(`ops.caching.remember`), so a page normally pays nothing for them; editing either starts a new generation.
"""

from django.conf import settings
from django.utils import translation

from ops.caching import remember
from pages.menus import site_frame


def site(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    frame = remember(f"site-frame:{language}", lambda: site_frame(language))
    return {
        "SITE_NAME": frame["name"],
        "SITE_TAGLINE": frame["tagline"],
        "navigation": frame["menu"],
        # How long `{% cache %}` blocks keep a fragment: as long as every other content-derived value.
        "CONTENT_CACHE_SECONDS": settings.CONTENT_CACHE_SECONDS,
    }
