"""Hugo's feed URLs answer: the `index.xml` beside every Hugo list page is a 301 to our feed of that listing,
in the same language (feed readers follow a 301 and keep the new address).

| Hugo | ours |
|---|---|
| `/index.xml`, `/en/index.xml` | `/feed.xml`, `/en/feed.xml` |
| `/blog/index.xml` (a section) | `/blog/feed.xml`; a path that is another page (`/search/`), the site feed |
| `/tags/index.xml` (a taxonomy's list) | the site feed: a list of terms is not a feed of posts |
| `/tags/<slug>/index.xml` (a term, an author) | `/tags/<slug>/feed.xml`, `/authors/<slug>/feed.xml` |
"""

from __future__ import annotations

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import resolve, reverse

from blog.models import Post


def site_feed(request):
    return HttpResponsePermanentRedirect(reverse("discovery:feed-rss"))


def term_feed(request, kind: str, slug: str):
    return HttpResponsePermanentRedirect(reverse(f"discovery:{kind}-feed-rss", kwargs={"slug": slug}))


def section_feed(request, section: str):
    if Post.objects.live().filter(section=section).exists():
        feed = reverse("discovery:section-feed-rss", kwargs={"section": section})
        return HttpResponsePermanentRedirect(feed)
    if resolve(reverse("blog:section", kwargs={"section": section})).view_name != "blog:section":
        return site_feed(request)  # the path is another page (search), which has no feed of its own
    raise Http404("no such section")
