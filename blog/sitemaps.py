"""Sitemaps for the blog: every post and listing page in each language it exists in, with hreflang
alternates and `lastmod`.

Django's sitemap framework does the per-language URLs (`i18n = True`) and the `xhtml:link` alternates;
`get_languages_for_item` narrows both to the languages an item really exists in (a post only in Spanish
is listed once, with no alternates pointing at 404s). `x-default` is added here rather than with Django's
`x_default`, which assumes a `/es/` prefix that our default language does not have.

Query count is constant in the size of the site: one query for posts, one for sections, one per taxonomy
(languages and lastmod come from conditional aggregates, not a query per item). `config/sitemaps.py`
composes these with the events sitemap (the blog does not import the events app).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import BooleanField, ExpressionWrapper, Max, Q
from django.urls import reverse

from blog.models import Author, Category, Post, Series, Tag, exists_in, language_codes


class LanguageSitemap(Sitemap):
    """Items know their languages (`item.sitemap_languages`); URLs honour SITE_URL when it is set."""

    i18n = True
    alternates = True

    def get_languages_for_item(self, item) -> list[str]:
        return item.sitemap_languages

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            add_x_default(url["alternates"])
        return urls


def add_x_default(alternates: list[dict]) -> None:
    """`x-default` points at the default language's URL, or at the first language the item exists in."""
    if not alternates:
        return
    by_language = {alternate["lang_code"]: alternate["location"] for alternate in alternates}
    location = by_language.get(settings.LANGUAGE_CODE, alternates[0]["location"])
    alternates.append({"lang_code": "x-default", "location": location})


def latest(*dates: datetime | None) -> datetime | None:
    present = [date for date in dates if date is not None]
    return max(present) if present else None


class PostSitemap(LanguageSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        # Which languages each post exists in, computed by the database: bodies are never loaded.
        flags = {
            f"in_{code}": ExpressionWrapper(exists_in(code), output_field=BooleanField())
            for code in language_codes()
        }
        posts = (
            Post.objects.live()
            .annotate(**flags)
            .only("id", "section", "date", "updated", *(f"slug_{code}" for code in language_codes()))
            .order_by("-date", "-id")
        )
        items = []
        for post in posts:
            post.sitemap_languages = [code for code in language_codes() if getattr(post, f"in_{code}")]
            if post.sitemap_languages:
                items.append(post)
        return items

    def location(self, item: Post) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Post) -> datetime:
        return latest(item.date, item.updated)


@dataclass
class ListingPage:
    """A listing (home, section, term page) with the languages it has posts in and its newest post's date."""

    url_name: str
    kwargs: dict
    sitemap_languages: list[str]
    lastmod: datetime | None


def listing_from_row(url_name: str, kwargs: dict, row: dict) -> ListingPage | None:
    """A row of `last_<language>` aggregates -> a listing page, or None when no language has a post."""
    by_language = {code: row[f"last_{code}"] for code in language_codes() if row.get(f"last_{code}")}
    if not by_language:
        return None
    return ListingPage(url_name, kwargs, list(by_language), max(by_language.values()))


class ListingSitemap(LanguageSitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        sections = list(
            Post.objects.live()
            .values("section")
            .annotate(**{f"last_{code}": Max("date", filter=exists_in(code)) for code in language_codes()})
            .order_by("section")
        )
        home = {
            f"last_{code}": latest(*(row[f"last_{code}"] for row in sections)) for code in language_codes()
        }
        pages = [listing_from_row("blog:home", {}, home)]
        pages += [listing_from_row("blog:section", {"section": row["section"]}, row) for row in sections]
        for model in (Category, Tag, Series, Author):
            pages += [
                listing_from_row(model_url_name(model), {"slug": row["slug"]}, row)
                for row in term_rows(model)
            ]
        return [page for page in pages if page is not None]

    def location(self, item: ListingPage) -> str:
        return reverse(item.url_name, kwargs=item.kwargs)

    def lastmod(self, item: ListingPage) -> datetime | None:
        return item.lastmod


def model_url_name(model) -> str:
    return "blog:author-detail" if model is Author else model.url_name


def term_rows(model) -> list[dict]:
    """Each term's slug and, per language, the date of its newest published post in that language."""
    aggregates = {
        f"last_{code}": Max("posts__date", filter=Q(posts__in=Post.objects.published(code)))
        for code in language_codes()
    }
    return list(model.objects.values("slug").annotate(**aggregates).order_by("slug"))
