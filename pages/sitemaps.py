"""The static pages' sitemap section: every live page in each language it exists in, with its alternates.

`config/sitemaps.py` composes it with the blog's and the events' sections. One query for the index (the
newest modification), one for the file: the number of pages is small and does not grow with the posts.
"""

from __future__ import annotations

from datetime import datetime

from discovery.sitemaps import LanguageSitemap
from pages.models import Page


def listed_pages():
    return Page.objects.live()


class PageSitemap(LanguageSitemap):
    changefreq = "monthly"
    priority = 0.5

    @classmethod
    def index_pages(cls):
        pages = cls().items()
        if not pages:
            return []
        return [(1, max(page.modified_at for page in pages))]

    def items(self):
        pages = []
        for page in listed_pages():
            paths = {code: page.get_absolute_url(code) for code in page.languages()}
            if paths:
                page.sitemap_paths = paths
                pages.append(page)
        return pages

    def lastmod(self, item: Page) -> datetime:
        return item.modified_at
