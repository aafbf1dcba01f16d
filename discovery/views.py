"""Discovery views: search results and robots.txt (feeds live in `feeds.py`, the site card in `social.py`).

The search page answers 200 whatever the query: empty, over `MAX_QUERY_LENGTH` (cut, and the page says
so), or full of `%`, quotes and markup (escaped by the template; the snippets are built safe in
`discovery.search`). Results are paginated; a page number out of range shows the last page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info, gettext
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from discovery.search import MAX_QUERY_LENGTH, SearchPaginator, clean_query, search_posts
from discovery.site_urls import absolute_url
from discovery.snippets import snippet_for


def result(post, query: str, language: str) -> dict:
    """A result as the page shows it: in the language the post is shown in (`post.shown_language`, see
    `discovery.search_languages`), marked as a listing's card marks it when that is not the reader's."""
    shown = getattr(post, "shown_language", None) or language
    return {
        "post": post,
        "language": shown,
        "foreign": shown != language,
        "language_name": get_language_info(shown)["name_local"],
        "title": post.translated("title", shown),
        "url": post.get_absolute_url(shown),
        "snippet": snippet_for(post, query, shown),
    }


class SearchView(TemplateView):
    template_name = "blog/search.html"
    paginate_by = settings.BLOG_POSTS_PER_PAGE

    def get_context_data(self, **kwargs):
        language = translation.get_language() or settings.LANGUAGE_CODE
        query = clean_query(self.request.GET.get("q", ""))
        paginator = SearchPaginator(search_posts(query.text, language), self.paginate_by)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        results = [result(post, query.text, language) for post in page_obj.object_list]
        return super().get_context_data(
            query=query.text,
            query_truncated=query.truncated,
            max_query_length=MAX_QUERY_LENGTH,
            page_obj=page_obj,
            paginator=paginator,
            is_paginated=page_obj.has_other_pages(),
            results=results,
            meta_title=gettext("Search"),
            meta_robots="noindex, follow",
            **kwargs,
        )


@require_GET
def robots_txt(request):
    """Crawlers: everything but the admin, and where the sitemap is."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
