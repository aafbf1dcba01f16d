"""Reader URLs for posts, listings, taxonomy and archive pages (inside i18n_patterns: /, /pt/, /en/).

Every listing has a twin for its pages, `<list>/page/N/` (Hugo's form; `reader.pagination`).
"""

from django.urls import path

# The post and section routes and their `year`/`month` converters (registered there) are shared with the
# models, which fill them without loading this URLconf.
from blog.paths import HOME_ROUTE, POST_ROUTE, SECTION_ROUTE
from reader import sharing, term_views, views


def listing(route: str, view, name: str) -> list:
    """A listing's URL and its pages' (`<route>page/N/`, named `<name>-page`; see reader.pagination)."""
    return [path(route, view, name=name), path(f"{route}page/<int:page>/", view, name=f"{name}-page")]


app_name = "blog"
urlpatterns = [
    *listing(HOME_ROUTE, views.HomeView.as_view(), "home"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    path("not-available/", views.not_available, name="not-available"),
    path("share/mastodon/", sharing.mastodon_share, name="share-mastodon"),
    *listing("archive/<year:year>/", views.ArchiveYearView.as_view(), "archive-year"),
    *listing("archive/<year:year>/<month:month>/", views.ArchiveMonthView.as_view(), "archive-month"),
    # The taxonomy lists before their terms: `/tags/page/2/` is the list's page 2, not a tag.
    *listing("authors/", term_views.AuthorIndexView.as_view(), "author-index"),
    *listing("categories/", term_views.CategoryIndexView.as_view(), "category-index"),
    *listing("tags/", term_views.TagIndexView.as_view(), "tag-index"),
    *listing("series/", term_views.SeriesIndexView.as_view(), "series-index"),
    *listing("authors/<str:slug>/", term_views.AuthorDetailView.as_view(), "author-detail"),
    *listing("categories/<str:slug>/", term_views.CategoryDetailView.as_view(), "category-detail"),
    *listing("tags/<str:slug>/", term_views.TagDetailView.as_view(), "tag-detail"),
    *listing("series/<str:slug>/", term_views.SeriesDetailView.as_view(), "series-detail"),
    path(POST_ROUTE, views.PostDetailView.as_view(), name="post-detail"),
    *listing(SECTION_ROUTE, views.SectionView.as_view(), "section"),
]
