"""Listings paginate by path, as Hugo did: `/blog/page/2/`, `/tags/django/page/3/`, `/page/2/`.

The canonical URL of page N ≥ 2 is `<list>/page/N/`; page 1 is the list itself. The other forms answer with
a 301: `<list>/page/1/` to the list (Hugo wrote a redirect page there too), `?page=N` (our earlier form) to
`<list>/page/N/`. A page past the last one (an old link to a Hugo page of 3 posts, where ours hold more, or a
list that shrank) is a 301 to the last page, kept by clients for an hour only, since that page may exist
again later. A listing's URL names come in pairs: `blog:section` and `blog:section-page`.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control

PAGE_SUFFIX = "-page"
PAST_LAST_PAGE_MAX_AGE = 3600


class PastLastPage(Exception):
    def __init__(self, last: int):
        super().__init__(last)
        self.last = last


def list_route(match) -> tuple[str, dict]:
    """The listing's own URL name and arguments (without the page) from a resolver match."""
    kwargs = {key: value for key, value in match.kwargs.items() if key != "page"}
    return match.view_name.removesuffix(PAGE_SUFFIX), kwargs


def page_path(match, number: int) -> str:
    """The path of page `number` of the listing `match` resolved to (page 1: the list itself)."""
    name, kwargs = list_route(match)
    if number <= 1:
        return reverse(name, kwargs=kwargs)
    return reverse(f"{name}{PAGE_SUFFIX}", kwargs={**kwargs, "page": number})


def has_path_pages(match) -> bool:
    if match is None or not match.view_name:
        return False
    name, kwargs = list_route(match)
    try:
        reverse(f"{name}{PAGE_SUFFIX}", kwargs={**kwargs, "page": 2})
    except NoReverseMatch:
        return False
    return True


def _with_query(path: str, query) -> str:
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


class PathPaginationMixin:
    """For ListViews whose URL has a `-page` twin: the redirects above; `page_obj` as usual."""

    def dispatch(self, request, *args, **kwargs):
        match = request.resolver_match
        query = request.GET.copy()
        if "page" in query:
            number = query.pop("page")[-1]
            if not number.isascii() or not number.isdigit() or int(number) < 1:
                raise Http404("no such page")
            return HttpResponsePermanentRedirect(_with_query(page_path(match, int(number)), query))
        if kwargs.get("page") == 1:
            return HttpResponsePermanentRedirect(_with_query(page_path(match, 1), query))
        if kwargs.get("page") == 0:
            raise Http404("no such page")
        try:
            return super().dispatch(request, *args, **kwargs)
        except PastLastPage as past:
            response = HttpResponsePermanentRedirect(_with_query(page_path(match, past.last), query))
            patch_cache_control(response, max_age=PAST_LAST_PAGE_MAX_AGE)
            return response

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=True
        )
        try:
            page = paginator.page(self.kwargs.get("page", 1))
        except EmptyPage as empty:
            raise PastLastPage(paginator.num_pages) from empty
        return paginator, page, page.object_list, page.has_other_pages()
