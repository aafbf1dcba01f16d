"""Reader views: home, post, section and archive pages, and the error pages (the taxonomy's: `term_views`).

Thin views over `reader.selectors`: one mixin holds what the listing pages share (the language, the listing
kept per content generation, pagination, the sidebar); each page adds a few lines. Query counts are fixed
per page whatever the number of posts (prefetching for the page shown, totals from the kept counts).
"""

from __future__ import annotations

import calendar
from datetime import datetime
from functools import cache
from urllib.parse import unquote

from django.conf import settings
from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.views.generic import DetailView, ListView, TemplateView

from blog.models import Post
from blog.rendering import render_body, rendered_body
from blog.sections import SECTION_NAMES, section_name
from ops.caching import KeptListing, remember_list
from previews.access import PreviewMixin
from reader import selectors
from reader.languages import language_name, translation_urls
from reader.pagination import PathPaginationMixin


def active_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def found_or_404(name: str, build):
    """The first object `build()` returns (kept until the content changes under `name`), or a 404."""
    found = remember_list(name, lambda: build()[:1])
    if not found:
        raise Http404("no such page")
    return found[0]


class ListingMixin(PathPaginationMixin):
    """Paginated posts of one listing in the active language, with authors and tags for each, plus sidebar.

    Pages are `<list>/page/N/` (`reader.pagination`). The listing's count and pages are kept per content
    generation under `listing_name()` (`ops.caching.KeptListing`): the queryset (`listing()`) is built only
    when a page is not kept yet, and the total comes from the kept counts (`listing_total()`) when known."""

    paginate_by = settings.BLOG_POSTS_PER_PAGE
    context_object_name = "posts"
    template_name = "blog/post_list.html"
    with_recent = True

    def listing(self):
        return selectors.card_posts(active_language())

    def listing_name(self) -> str:
        return f"all:{selectors.listing_key(active_language())}"

    def listing_total(self) -> int | None:
        """The listing's total from the kept counts; None: counted (once per generation)."""
        return None

    def get_queryset(self):
        return KeptListing(self.listing_name(), self.listing, self.listing_total())

    def also_shown(self) -> list[Post]:
        """Posts shown beside the page's list that need authors and tags too (prefetched together)."""
        return []

    def shown_on_page(self, context) -> set[int]:
        """Ids of the posts this page shows outside the sidebar: the sidebar leaves them out (no repeats)."""
        return {post.pk for post in [*self.also_shown(), *context["posts"]]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = self.shown_on_page(context)
        context.update(selectors.sidebar(active_language(), with_recent=self.with_recent, exclude=shown))
        if context["sidebar_generation"] is None:
            # Every card is rendered: prefetch for the posts shown, together (two queries, whatever the page
            # size). With content caching on, `reader.fragments` loads them only for cards not in the cache.
            prefetch_related_objects([*self.also_shown(), *context["posts"]], "authors", "tags")
        return context


class HomeView(ListingMixin, ListView):
    """Carousel, pinned posts, the paginated list and the sidebar (with upcoming events).

    Each post once per page: pinned posts stay out of the carousel, and both stay out of the list (on every
    page, so pagination is stable); the sidebar's featured and recent lists leave out what the page shows,
    and page 1, whose list is the recent posts, has no "Recent posts" box."""

    template_name = "blog/home.html"
    with_recent = False  # see get_context_data

    def get(self, request, *args, **kwargs):
        self.pinned = selectors.pinned_posts(active_language())
        self.carousel = selectors.carousel_posts(active_language())
        self.above = [post.pk for post in [*self.pinned, *self.carousel]]
        return super().get(request, *args, **kwargs)

    def listing(self):
        return super().listing().exclude(pk__in=self.above)

    def listing_name(self) -> str:
        return f"home:{selectors.listing_key(active_language())}:{','.join(map(str, self.above))}"

    def listing_total(self) -> int:
        # The pinned and carousel posts are live posts of this same listing, left out of it.
        return selectors.listing_total(active_language()) - len(self.above)

    def also_shown(self) -> list[Post]:
        return self.pinned

    def shown_on_page(self, context) -> set[int]:
        carousel = self.carousel if context["page_obj"].number == 1 else []
        return super().shown_on_page(context) | {post.pk for post in carousel}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(carousel=self.carousel, pinned=self.pinned, **kwargs)
        if context["page_obj"].number == 1:
            context["recent_posts"] = []
        else:
            context["recent_posts"] = selectors.recent_posts(
                active_language(), exclude=self.shown_on_page(context)
            )
        return context


class SectionView(ListingMixin, ListView):
    def listing(self):
        return super().listing().filter(section=self.kwargs["section"])

    def listing_name(self) -> str:
        return f"section:{self.kwargs['section']}:{selectors.listing_key(active_language())}"

    def listing_total(self) -> int:
        return selectors.listing_total(active_language(), f"section:{self.kwargs['section']}")

    def get_allow_empty(self) -> bool:
        # A known section may be empty; any other single-segment path with no posts is not a page.
        return self.kwargs["section"] in SECTION_NAMES

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=section_name(self.kwargs["section"]), section=self.kwargs["section"], **kwargs
        )


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first instant of the month and of the next one, in the site's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime(year, month, 1, tzinfo=zone)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
    return start, end


class ArchiveIndexView(TemplateView):
    """Every month that has posts, newest first, with counts (one grouped query)."""

    template_name = "blog/archive_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(years=selectors.archive_months(active_language()), **kwargs)


class ArchiveYearView(ListingMixin, ListView):
    template_name = "blog/archive_list.html"

    def listing(self):
        year = self.kwargs["year"]
        start, _end = month_bounds(year, 1)
        end, _ = month_bounds(year + 1, 1)
        return super().listing().filter(date__gte=start, date__lt=end)

    def listing_name(self) -> str:
        return f"year:{self.kwargs['year']}:{selectors.listing_key(active_language())}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.kwargs["year"], heading=str(self.kwargs["year"]), **kwargs)


class ArchiveMonthView(ListingMixin, ListView):
    template_name = "blog/archive_list.html"

    def listing(self):
        start, end = month_bounds(self.kwargs["year"], int(self.kwargs["month"]))
        return super().listing().filter(date__gte=start, date__lt=end)

    def listing_name(self) -> str:
        month = f"{self.kwargs['year']}-{int(self.kwargs['month'])}"
        return f"month:{month}:{selectors.listing_key(active_language())}"

    def get_context_data(self, **kwargs):
        month = int(self.kwargs["month"])
        return super().get_context_data(
            year=self.kwargs["year"],
            month=datetime(self.kwargs["year"], month, 1),
            month_days=calendar.monthrange(self.kwargs["year"], month)[1],
            **kwargs,
        )


class PostDetailView(PreviewMixin, DetailView):
    """A post in the active language; in a language the post lacks, a 404 that links to its translations.

    Staff who may change posts also see drafts, posts in review and scheduled ones here (`previews`)."""

    template_name = "blog/post_detail.html"
    context_object_name = "post"
    preview_model = Post

    def find_post(self) -> Post:
        language = active_language()
        start, end = month_bounds(self.kwargs["year"], int(self.kwargs["month"]))
        slug = self.kwargs["slug"]
        # The URL of a post in a language it lacks carries the default language's slug (see url_kwargs).
        slug_match = Q(**{f"slug_{language}": slug}) | Q(**{f"slug_{settings.LANGUAGE_CODE}": slug})
        if slug.isdigit():
            slug_match |= Q(pk=int(slug))
        where = f"{int(self.previewer)}:{language}:{self.kwargs['section']}:{start:%Y-%m}:{slug}"
        candidates = remember_list(
            f"post:{where}",
            lambda: (
                (Post.objects.all() if self.previewer else Post.objects.live())
                .filter(slug_match, section=self.kwargs["section"], date__gte=start, date__lt=end)
                .select_related("series")
                .prefetch_related("authors", "categories", "tags")[:5]
            ),
        )
        exact = [post for post in candidates if post.translated("slug", language) == slug]
        if exact or candidates:
            return (exact or candidates)[0]
        raise Http404("no such post")

    def get(self, request, *args, **kwargs):
        language = active_language()
        post = self.find_post()
        if not self.shows(post, language):
            return self.missing_translation(post)
        canonical = post.get_absolute_url(language)
        if unquote(canonical) != request.path:
            # E.g. the default-language slug used under /en/ for a post that has its own English slug.
            return HttpResponsePermanentRedirect(canonical)
        self.object = post
        return self.render_to_response(self.get_context_data(object=post))

    def missing_translation(self, post: Post):
        urls = translation_urls(post)
        translations = [
            {
                "code": code,
                "name": language_name(code),
                "title": post.translated("title", code),
                "url": url,
            }
            for code, url in urls.items()
        ]
        context = {"translations": translations, "missing_post": post, "alternates": urls}
        return TemplateResponse(self.request, "404.html", context, status=404)

    @staticmethod
    def fresh_body(post: Post, language: str):
        return render_body(post.translated("body", language), language)

    def get_context_data(self, **kwargs):
        language = active_language()
        post = self.object
        # Asked for only inside the kept article and related posts, so computed (once: the template calls
        # them) only when those are rendered, not when they come whole from the cache.
        neighbours = cache(lambda: selectors.neighbours(post, language))
        return super().get_context_data(
            # A preview's body is rendered afresh and kept nowhere (rendered_body caches it).
            body=self.fresh_body(post, language) if self.preview else rendered_body(post, language),
            alternates=translation_urls(post),
            related_posts=cache(lambda: selectors.related_posts(post, language)),
            series_posts=cache(lambda: selectors.series_posts(post, language)),
            previous_post=cache(lambda: neighbours()[0]),
            next_post=cache(lambda: neighbours()[1]),
            section_name=section_name(post.section),
            **kwargs,
        )


def not_available(request):
    """Where a greyed-out language of the switcher leads (`?from=<path>`): this page is not available in
    the active language, with a link back to the page in the language it was read in. A 404, so neither
    crawlers nor the page cache keep it."""
    origin = request.GET.get("from", "")
    translations = []
    if origin.startswith("/") and not origin.startswith("//") and "\\" not in origin:
        code = translation.get_language_from_path(origin) or settings.LANGUAGE_CODE
        name = capfirst(language_name(code))
        translations = [{"code": code, "name": name, "title": name, "url": origin}]
    context = {"translations": translations, "missing_page": True, "is_error_page": True}
    return TemplateResponse(request, "404.html", context, status=404)


def page_not_found(request, exception=None):
    """404 handler: the translated 404 page. Old URLs of posts never get here as a 301: PostRedirectMiddleware
    turns every 404 response (this one included) into the redirect, with one lookup."""
    return render(request, "404.html", {"is_error_page": True}, status=404)


def server_error(request):
    """500 handler: no database and no context processors, which may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"SITE_NAME": settings.SITE_NAME, "LANGUAGE_CODE": active_language()})
    )
