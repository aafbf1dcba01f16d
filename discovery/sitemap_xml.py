"""The sitemap views and their XML: `/sitemap.xml` is a sitemap index, and each section is its own file
(`/sitemap-<section>.xml`, `?p=N` for the pages of posts); `/<language>/sitemap.xml` holds one language's
URLs of every section, at the paths Hugo gave its per-language sitemaps. The sections are the `Sitemap`
classes that `config/sitemaps.py` composes (`discovery/sitemaps.py`, `events/sitemaps.py`).

The views write the XML directly instead of through Django's `sitemap.xml` template: with thousands of URLs
and their alternates, the template loop was half of the response time. Every value is XML-escaped.

Each file is kept, as bytes with its Last-Modified, per content generation in the default cache
(`ops.caching.remember`; Redis shared by every worker in production): at 100,000 posts the index's grouped
query reads every live post (~0.4 s) and the listings part several times that, so they run once per content
change, not once per request. Any edit, import or scheduled publication starts a new generation, so a
cached file is never older than the content. Off (built on every request) when `CONTENT_CACHE_SECONDS` is 0.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from django.contrib.sites.requests import RequestSite
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from discovery.site_urls import absolute_url, site_origin
from ops.caching import remember

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
XML_HEAD = (
    XML_DECLARATION
    + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
INDEX_HEAD = XML_DECLARATION + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def url_element(url: dict, written: dict[int, str]) -> str:
    """One `<url>` entry; every value is XML-escaped. `written` keeps alternates already written."""
    parts = [f"<url><loc>{escape(url['location'])}</loc>"]
    if url["lastmod"]:
        parts.append(f"<lastmod>{lastmod_date(url['lastmod'])}</lastmod>")
    if url["changefreq"]:
        parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
    if url["priority"]:
        parts.append(f"<priority>{escape(url['priority'])}</priority>")
    key = id(url["alternates"])
    if key not in written:
        written[key] = alternates_xml(url["alternates"])
    parts.append(written[key])
    parts.append("</url>\n")
    return "".join(parts)


def alternates_xml(alternates: list[dict]) -> str:
    return "".join(
        f'<xhtml:link rel="alternate" hreflang={quoteattr(alternate["lang_code"])} '
        f"href={quoteattr(alternate['location'])}/>"
        for alternate in alternates
    )


def lastmod_date(value: datetime) -> str:
    """The day in the site's time zone (what Django's sitemap template prints)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.date().isoformat()


def sitemap_element(location: str, lastmod: datetime | None) -> str:
    """One `<sitemap>` entry of the index. Its lastmod keeps the time of day (in UTC), so that a crawler
    that fetched the file this morning sees that a post edited this afternoon changed it."""
    lastmod_xml = (
        f"<lastmod>{lastmod.astimezone(UTC).isoformat(timespec='seconds')}</lastmod>" if lastmod else ""
    )
    return f"<sitemap><loc>{escape(location)}</loc>{lastmod_xml}</sitemap>\n"


# A built file: its compressed bytes and its Last-Modified header (None without one); None for a 404.
Built = tuple[bytes, str | None] | None


def built(body: str, lastmods: list) -> Built:
    last_modified = http_date(max(lastmods).timestamp()) if lastmods and all(lastmods) else None
    # Compressed (~10x for this XML; ~2 ms a MB to inflate): a worker's local-memory cache holding every part
    # of a 100,000-post site would otherwise grow by ~170 MB.
    return zlib.compress(body.encode(), 1), last_modified


def cached_xml(request, name: str, build: Callable[[], Built]) -> HttpResponse:
    """The file `name` for this origin, built once per content generation (see the module docstring)."""
    origin = hashlib.sha256(f"{request.scheme}|{site_origin(request)}".encode()).hexdigest()[:16]
    result = remember(f"sitemap:{name}:{origin}", build)
    if result is None:
        raise Http404("No such page")
    body, last_modified = result
    response = HttpResponse(zlib.decompress(body), content_type="application/xml")
    if last_modified:
        response.headers["Last-Modified"] = last_modified
    return response


def section_location(request, section: str, page: int) -> str:
    path = reverse("sitemap-section", kwargs={"section": section})
    return absolute_url(request, path if page == 1 else f"{path}?p={page}")


def sitemap_index_view(request, sitemaps: dict):
    """`/sitemap.xml`: the index of every section's pages, each with its lastmod."""

    def build() -> Built:
        entries = [
            (section_location(request, name, page), lastmod)
            for name, section in sitemaps.items()
            for page, lastmod in section.index_pages()
        ]
        body = INDEX_HEAD + "".join(sitemap_element(*entry) for entry in entries) + "</sitemapindex>\n"
        return built(body, [lastmod for _location, lastmod in entries])

    return cached_xml(request, "index", build)


def language_sitemap_view(request, sitemaps: dict, language: str):
    """`/en/sitemap.xml` (and `/es/…`, `/pt/…`, where Hugo had them): every URL of one language, from every
    section, with their alternates; a `<urlset>`, as Hugo's. Its posts are not paged: past 50,000 URLs in a
    language it holds the first 50,000 (the index's parts hold them all)."""

    def build() -> Built:
        urls, lastmods = [], []
        for section in sitemaps.values():
            site = section(page=1, language=language)
            urls += site.get_urls(page=1, protocol=request.scheme, site=RequestSite(request))
            lastmods.append(getattr(site, "latest_lastmod", None))
        written: dict[int, str] = {}
        body = XML_HEAD + "".join(url_element(url, written) for url in urls) + "</urlset>\n"
        return built(body, [lastmod for lastmod in lastmods if lastmod])

    return cached_xml(request, f"language:{language}", build)


def sitemap_section_view(request, sitemaps: dict, section: str):
    """`/sitemap-<section>.xml?p=N`: one page of one section's URLs; 404 for an empty or unknown page."""
    page = request.GET.get("p", "1")
    # ASCII digits only, and few enough that the page's first id fits a 64-bit column.
    if section not in sitemaps or not re.fullmatch(r"[1-9][0-9]{0,8}", page):
        raise Http404("No such sitemap")
    if int(page) > 1 and not sitemaps[section].paged:
        raise Http404("No such page")

    def build() -> Built:
        site = sitemaps[section](page=int(page))
        urls = site.get_urls(page=1, protocol=request.scheme, site=RequestSite(request))
        if not urls:
            return None
        written: dict[int, str] = {}
        body = XML_HEAD + "".join(url_element(url, written) for url in urls) + "</urlset>\n"
        return built(body, [getattr(site, "latest_lastmod", None)])

    return cached_xml(request, f"section:{section}:{int(page)}", build)
