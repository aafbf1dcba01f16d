"""Reader URLs for posts, listings, taxonomy and archive pages (inside i18n_patterns: /, /pt/, /en/)."""

from django.urls import path, register_converter

from reader import views


class TwoDigitMonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return f"{int(value):02d}"


# Years a date can hold with a month after it (the archive and post URLs need the next month's first day).
FIRST_YEAR, LAST_YEAR = 1000, 9998


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError("year out of range")  # the pattern does not match: a 404, never a 500
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


register_converter(TwoDigitMonthConverter, "month")
register_converter(YearConverter, "year")

app_name = "blog"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    path("archive/<year:year>/", views.ArchiveYearView.as_view(), name="archive-year"),
    path("archive/<year:year>/<month:month>/", views.ArchiveMonthView.as_view(), name="archive-month"),
    path("authors/<str:slug>/", views.AuthorDetailView.as_view(), name="author-detail"),
    path("categories/<str:slug>/", views.CategoryDetailView.as_view(), name="category-detail"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("series/<str:slug>/", views.SeriesDetailView.as_view(), name="series-detail"),
    path(
        "<slug:section>/<year:year>/<month:month>/<str:slug>/",
        views.PostDetailView.as_view(),
        name="post-detail",
    ),
    path("<slug:section>/", views.SectionView.as_view(), name="section"),
]
