"""The blog's sitemap sections: every post and listing page in each language it exists in, with hreflang
alternates and `lastmod`. `discovery/sitemap_xml.py` writes them as XML; `config/sitemaps.py` composes them
with the other apps' sections (`events/sitemaps.py`).

The sections are Django `Sitemap` classes (`items`, `lastmod`, `i18n`, `get_languages_for_item`), but each
item carries its paths per language (`item.sitemap_paths`, computed once in `items()`), and `_urls` builds
the entries from them: a post only in Spanish is listed once, with no alternates pointing at 404s, and
`x-default` points at the default language's URL or, when the item lacks it, at its first language (Django's
own `x_default` assumes a `/es/` prefix our default language does not have).

Posts are paged by blocks of `posts_per_page` ids (page N holds the live posts whose id falls in the Nth
block): each page is one range scan of the primary key, so its size and cost are bounded whatever the size
of the site, and a post stays on its page for good, so adding a post changes only the last page and its
`lastmod`. The index gets every block's `lastmod` from one grouped query; blocks without a live post are
not listed. (Pages may hold fewer than `posts_per_page` posts where ids were deleted or are drafts.)

Query count is constant in the size of the site: the index makes one query per section; a page of posts
one; the listings one for sections, one for the archive's months and one per taxonomy (languages and
lastmod come from conditional aggregates, not a query per item).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import BooleanField, ExpressionWrapper, F, IntegerField, Max
from django.db.models.functions import TruncMonth
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

from blog.models import Author, Category, Post, Series, Tag, exists_in, exists_in_any_language, language_codes


class LanguageSitemap(Sitemap):
    """Items carry `sitemap_paths` ({language: path}, in settings order); URLs honour SITE_URL when set."""

    i18n = True
    alternates = True
    paged = False  # whether the section has pages beyond the first (`?p=N`)

    def __init__(self, page: int = 1, language: str | None = None):
        self.page = page
        self.language = language  # only this language's URLs (a per-language sitemap, `/en/sitemap.xml`)

    @classmethod
    def index_pages(cls) -> list[tuple[int, datetime | None]]:
        """(page number, lastmod) of each page the sitemap index lists, in a constant number of queries."""
        raise NotImplementedError

    def _items(self):
        # Django's `paginator` property asks for the items on every use; build them once per instance
        # (the view makes a fresh instance per request).
        if not hasattr(self, "_built_items"):
            items = super()._items()
            if self.language:
                items = [(obj, code) for obj, code in items if code == self.language]
            self._built_items = items
        return self._built_items

    def get_languages_for_item(self, item) -> list[str]:
        return list(item.sitemap_paths)

    def location(self, item) -> str:
        return item.sitemap_paths[translation.get_language()]

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)

    def _urls(self, page, protocol, domain):
        """One entry per (item, language), its alternates and x-default, from the precomputed paths."""
        origin = f"{protocol}://{domain}"
        urls = []
        lastmods = []
        for obj, language in self.paginator.page(page).object_list:
            # The languages of one item share one alternates list (the view writes it once per item).
            alternates = getattr(obj, "sitemap_alternates", None)
            if alternates is None:
                alternates = [
                    {"lang_code": code, "location": origin + path} for code, path in obj.sitemap_paths.items()
                ]
                add_x_default(alternates)
                obj.sitemap_alternates = alternates
            lastmod = self.lastmod(obj)
            lastmods.append(lastmod)
            urls.append(
                {
                    "item": (obj, language),
                    "location": origin + obj.sitemap_paths[language],
                    "lastmod": lastmod,
                    "changefreq": self.changefreq,
                    "priority": str(self.priority),
                    "alternates": alternates,
                }
            )
        if lastmods and all(lastmods):
            self.latest_lastmod = max(lastmods)
        return urls


def add_x_default(alternates: list[dict]) -> None:
    """`x-default` points at the default language's URL, or at the first language the item exists in."""
    if not alternates:
        return
    by_language = {alternate["lang_code"]: alternate["location"] for alternate in alternates}
    location = by_language.get(settings.LANGUAGE_CODE, alternates[0]["location"])
    alternates.append({"lang_code": "x-default", "location": location})


def paths_in(languages: list[str], url_name: str, kwargs: dict) -> dict[str, str]:
    """{language: path} of one named URL in each of `languages`."""
    paths = {}
    for code in languages:
        with translation.override(code):
            paths[code] = reverse(url_name, kwargs=kwargs)
    return paths


def latest(*dates: datetime | None) -> datetime | None:
    present = [date for date in dates if date is not None]
    return max(present) if present else None


def listed_posts():
    """Live posts that exist in at least one language: the posts the sitemap lists."""
    return Post.objects.live().filter(exists_in_any_language())


class PostSitemap(LanguageSitemap):
    changefreq = "monthly"
    priority = 0.8
    paged = True
    posts_per_page = 1000  # at most 3,000 URLs (~1.9 MB) a page, far below the protocol's 50,000 / 50 MB

    @classmethod
    def index_pages(cls):
        block = ExpressionWrapper((F("id") - 1) / cls.posts_per_page, output_field=IntegerField())
        rows = (
            listed_posts()
            .annotate(block=block)
            .values("block")
            .annotate(last_date=Max("date"), last_updated=Max("updated"))
            .order_by("block")
        )
        return [(row["block"] + 1, latest(row["last_date"], row["last_updated"])) for row in rows]

    def items(self):
        # Which languages each post exists in, computed by the database: bodies are never loaded.
        flags = {
            f"in_{code}": ExpressionWrapper(exists_in(code), output_field=BooleanField())
            for code in language_codes()
        }
        first_id = (self.page - 1) * self.posts_per_page + 1
        if self.language:  # every post of one language (one file per language, as Hugo's)
            chosen = listed_posts().filter(exists_in(self.language))
        else:
            chosen = listed_posts().filter(id__range=(first_id, first_id + self.posts_per_page - 1))
        posts = (
            chosen.annotate(**flags)
            .only("id", "section", "date", "updated", *(f"slug_{code}" for code in language_codes()))
            .order_by("id")
        )
        items = []
        paths = PostPaths()
        for post in posts:
            languages = [code for code in language_codes() if getattr(post, f"in_{code}")]
            if languages:
                post.sitemap_paths = {code: paths.post_path(post, code) for code in languages}
                items.append(post)
        return items

    def lastmod(self, item: Post) -> datetime:
        return latest(item.date, item.updated)


class PostPaths:
    """Post paths for thousands of posts without a `reverse()` each.

    A post's path differs from its month's other posts only by the slug, so the path is reversed once per
    (language, section, year, month) with a stand-in slug, and the post's slug, quoted as `reverse()` quotes
    it, takes the stand-in's place. The first post of each language is also checked against
    `Post.get_absolute_url`; should the URL shape ever change so that they differ, every path comes from
    `get_absolute_url` instead.
    """

    STAND_IN = "0"

    def __init__(self):
        self.prefixes: dict[tuple, str] = {}
        self.checked: dict[str, bool] = {}

    def post_path(self, post: Post, language: str) -> str:
        if self.checked.get(language) is False:
            return post.get_absolute_url(language)
        kwargs = post.url_kwargs(language)
        key = (language, kwargs["section"], kwargs["year"], kwargs["month"])
        if key not in self.prefixes:
            with translation.override(language):
                stand_in = reverse("blog:post-detail", kwargs={**kwargs, "slug": self.STAND_IN})
            self.prefixes[key] = stand_in.removesuffix(f"/{self.STAND_IN}/")
        path = f"{self.prefixes[key]}/{quote(kwargs['slug'], safe=RFC3986_SUBDELIMS + '~:@')}/"
        if language not in self.checked:
            self.checked[language] = path == post.get_absolute_url(language)
            if not self.checked[language]:
                return post.get_absolute_url(language)
        return path


@dataclass
class ListingPage:
    """A listing (home, section, term page): its paths in the languages it has posts in, and the date of
    its newest post."""

    sitemap_paths: dict[str, str]
    lastmod: datetime | None


def listing_from_row(url_name: str, kwargs: dict, row: dict) -> ListingPage | None:
    """A row of `last_<language>` aggregates -> a listing page, or None when no language has a post."""
    by_language = {code: row[f"last_{code}"] for code in language_codes() if row.get(f"last_{code}")}
    if not by_language:
        return None
    return ListingPage(paths_in(list(by_language), url_name, kwargs), max(by_language.values()))


class ListingSitemap(LanguageSitemap):
    changefreq = "daily"
    priority = 0.5

    @classmethod
    def index_pages(cls):
        # Every listing's lastmod is the date of its newest post, so the newest listed post dates the file.
        newest = listed_posts().aggregate(newest=Max("date"))["newest"]
        return [(1, newest)] if newest else []

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
        pages = [listing_from_row("blog:home", {}, home), listing_from_row("blog:archive", {}, home)]
        section_pages = [
            listing_from_row("blog:section", {"section": row["section"]}, row) for row in sections
        ]
        pages += [page for page in section_pages if page and reaches(page, "blog:section")]
        pages += archive_pages()
        for model in (Category, Tag, Series, Author):
            terms = [term_page(model, row) for row in term_rows(model)]
            pages += [taxonomy_index_page(model, terms), *terms]
        return [page for page in pages if page is not None]

    def lastmod(self, item: ListingPage) -> datetime | None:
        return item.lastmod


def reaches(page: ListingPage, view_name: str) -> bool:
    """Whether the page's paths lead to `view_name`: a section named like an earlier route (`events`) does
    not; that URL is the other page's, which its own sitemap lists."""
    for code, path in page.sitemap_paths.items():
        with translation.override(code):
            if resolve(path).view_name != view_name:
                return False
    return True


def archive_pages() -> list[ListingPage | None]:
    """The archive's year and month pages, each in the languages it has posts in (one grouped query)."""
    months = list(
        Post.objects.live()
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(**{f"last_{code}": Max("date", filter=exists_in(code)) for code in language_codes()})
        .order_by("month")
    )
    years: dict[int, dict] = {}
    for row in months:
        year = years.setdefault(row["month"].year, {})
        for code in language_codes():
            year[f"last_{code}"] = latest(year.get(f"last_{code}"), row[f"last_{code}"])
    pages = [listing_from_row("blog:archive-year", {"year": year}, row) for year, row in years.items()]
    pages += [
        listing_from_row("blog:archive-month", {"year": row["month"].year, "month": row["month"].month}, row)
        for row in months
    ]
    return pages


def model_url_name(model) -> str:
    return "blog:author-detail" if model is Author else model.url_name


def term_page(model, row: dict) -> ListingPage | None:
    """A term's (or author's) page in each language it has live posts in, at its slug in that language."""
    if model is Author:
        return listing_from_row("blog:author-detail", {"slug": row["slug"]}, row)
    lasts = {code: row[f"last_{code}"] for code in language_codes() if row[f"last_{code}"]}
    paths = {}
    for code in lasts:
        if row[f"slug_{code}"]:
            with translation.override(code):
                paths[code] = reverse(model.url_name, kwargs={"slug": row[f"slug_{code}"]})
    if not paths:
        return None
    return ListingPage(paths, max(lasts[code] for code in paths))


def taxonomy_index_page(model, terms: list[ListingPage | None]) -> ListingPage | None:
    """`/tags/` (and the other lists): in each language one of its terms has a page in."""
    lasts: dict[str, datetime] = {}
    for term in terms:
        for code in term.sitemap_paths if term else ():
            lasts[code] = latest(lasts.get(code), term.lastmod)
    if not lasts:
        return None
    kind = "author" if model is Author else model.kind
    codes = [code for code in language_codes() if code in lasts]
    return ListingPage(paths_in(codes, f"blog:{kind}-index", {}), max(lasts.values()))


def term_rows(model) -> list[dict]:
    """Each term with live posts: its slugs and, per language, the date of its newest post in that language.

    The live filter comes before the aggregates, so they read the posts it joined (one join, one
    subquery) instead of testing each language against a subquery of its own: 64 -> 50 ms for 200 tags
    at 10,000 posts on PostgreSQL.
    """
    aggregates = {
        f"last_{code}": Max("posts__date", filter=exists_in(code, "posts__")) for code in language_codes()
    }
    slugs = ["slug"] if model is Author else [f"slug_{code}" for code in language_codes()]
    return list(
        model.objects.filter(posts__in=Post.objects.live())
        .values("pk", *slugs)
        .annotate(**aggregates)
        .order_by("pk")
    )
