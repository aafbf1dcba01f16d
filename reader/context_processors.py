"""Template context every page needs: the site's name and tagline and the main menu, in the active language,
and what the page frame's kept parts vary on (`{% kept %}` in base.html).

The name, tagline and menu come from `pages` (`SiteIdentity`, `MenuItem`), read in one query and kept per
content generation (`ops.caching.remember`), so a page normally pays nothing for them; editing either starts
a new generation.
"""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils import translation

from ops.caching import remember
from pages.menus import site_frame
from reader.selectors import fragment_generation


def site(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    frame = remember(f"site-frame:{language}", lambda: site_frame(language))
    path = getattr(request, "path", None)
    return {
        "SITE_NAME": frame["name"],
        "SITE_TAGLINE": frame["tagline"],
        "navigation": frame["menu"],
        # The menu entry this page is (marked aria-current): the only part of the menu that varies by page.
        "current_menu_url": path if any(item["url"] == path for item in frame["menu"]) else None,
        # The kept parts of pages (`{% kept %}`): the content generation and release; None when content
        # caching is off or bypassed (a preview). Listing views set it too (the same value, read before
        # rendering).
        "sidebar_generation": fragment_generation(),
        # The hashed static file names change with the manifest: the kept <head> links vary on it.
        "STATIC_VERSION": getattr(staticfiles_storage, "manifest_hash", ""),
    }
