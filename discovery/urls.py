"""Discovery URLs inside i18n_patterns (included before `reader.urls`): search, feeds, the site card.

`/feed.xml` and `/atom.xml` (and `/pt/…`, `/en/…`) for the whole site; `/<section>/feed.xml` and
`/<kind>/<slug>/feed.xml` (and `atom.xml`) for each section, category, tag, series and author; Hugo's
`index.xml` feeds answer with a 301 to these (`hugo_feeds`). robots.txt and the sitemaps sit outside the
language prefixes, in `config/urls.py`.
"""

from django.urls import path

from discovery import feeds, hugo_feeds, social
from discovery.views import SearchView

# (URL folder, URL name prefix, RSS feed, Atom feed): the folders match the term pages in blog/urls.py.
TERM_FEEDS = (
    ("categories", "category", feeds.CategoryFeed, feeds.CategoryAtomFeed),
    ("tags", "tag", feeds.TagFeed, feeds.TagAtomFeed),
    ("series", "series", feeds.SeriesFeed, feeds.SeriesAtomFeed),
    ("authors", "author", feeds.AuthorFeed, feeds.AuthorAtomFeed),
)

app_name = "discovery"
urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("feed.xml", feeds.PostsFeed.as_view(), name="feed-rss"),
    path("atom.xml", feeds.PostsAtomFeed.as_view(), name="feed-atom"),
    path("social/site.png", social.site_card, name="site-card"),
]
for folder, name, rss, atom in TERM_FEEDS:
    urlpatterns += [
        path(f"{folder}/<str:slug>/feed.xml", rss.as_view(), name=f"{name}-feed-rss"),
        path(f"{folder}/<str:slug>/atom.xml", atom.as_view(), name=f"{name}-feed-atom"),
        path(f"{folder}/index.xml", hugo_feeds.site_feed),
        path(f"{folder}/<str:slug>/index.xml", hugo_feeds.term_feed, {"kind": name}),
    ]
urlpatterns += [
    path("index.xml", hugo_feeds.site_feed),
    path("<slug:section>/index.xml", hugo_feeds.section_feed),
    path("<slug:section>/feed.xml", feeds.SectionFeed.as_view(), name="section-feed-rss"),
    path("<slug:section>/atom.xml", feeds.SectionAtomFeed.as_view(), name="section-feed-atom"),
]
