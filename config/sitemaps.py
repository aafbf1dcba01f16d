"""The site's sitemap sections, composed from the apps' own `Sitemap` classes: posts and listings from
`discovery/sitemaps.py`, events from `events/sitemaps.py`, static pages from `pages/sitemaps.py`. The views
in `discovery/sitemap_xml.py` serve them (`config/urls.py`); each key is a section's file,
`/sitemap-<key>.xml`.
"""

from discovery.sitemaps import ListingSitemap, PostSitemap
from events.sitemaps import EventSitemap
from pages.sitemaps import PageSitemap

SITEMAPS = {
    "posts": PostSitemap,
    "listings": ListingSitemap,
    "events": EventSitemap,
    "pages": PageSitemap,
}
