"""RSS 2.0 and Atom feeds per language: the whole site, each section, and each category, tag, series and
author.

The language is the active one (the URL prefix: `/feed.xml`, `/pt/feed.xml`, `/en/atom.xml`, …), and the
entries are `Post.objects.published(language)`: a post appears only in the feeds of the languages it
exists in. Each entry carries its title, link, dates, every author (RSS `dc:creator` / Atom `<author>`,
one per author: Django's generators write only one), its categories and tags, and the summary rendered
through the site's one sanitiser (`blog.rendering.sanitize`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext

from blog.models import Author, Category, Post, Series, Tag
from blog.rendering import markdown_to_plain, render_markdown
from blog.sections import section_name
from blog.text import xml_safe
from discovery.site_urls import absolute_url
from pages.models import site_name

FEED_ITEMS = 20
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
SUMMARY_WORDS = 60


class XmlSafeFeed:
    """Feed generator mixin: every string it is given loses its control characters, which XML cannot carry.

    Models strip them on save (`blog.text`), but a row written before that, or by SQL, must not take every
    feed down with a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*xml_safe(args), **xml_safe(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*xml_safe(args), **xml_safe(kwargs))


class RssWithAuthors(XmlSafeFeed, Rss201rev2Feed):
    """RSS 2.0 with one `dc:creator` per author (RSS's own `<author>` requires an email address)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.addQuickElement("dc:creator", author["name"])


class AtomWithAuthors(XmlSafeFeed, Atom1Feed):
    """Atom with one `<author>` (name and page) per author."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            handler.addQuickElement("uri", author["uri"])
            handler.endElement("author")


def summary_html(post: Post, language: str) -> str:
    """The post's summary as sanitised HTML; without one, the start of the body as escaped plain text."""
    summary = post.translated("summary", language)
    if summary:
        return render_markdown(summary).html
    return escape(Truncator(markdown_to_plain(post.translated("body", language))).words(SUMMARY_WORDS))


def term_name(term) -> str:
    """A term's name in the active language (modeltranslation falls back to another language)."""
    return str(term)


class PostsFeed(Feed):
    """The newest posts in the active language; subclasses narrow them to one term."""

    feed_type = RssWithAuthors

    @classmethod
    def as_view(cls):
        """A view that builds a fresh feed per request: the instance keeps the request and language, so
        sharing one module-level instance between threads (Django's usual pattern) would mix them up."""

        def view(request, *args, **kwargs):
            return cls()(request, *args, **kwargs)

        view.__name__ = cls.__name__
        return view

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.language = translation.get_language() or settings.LANGUAGE_CODE
        self.site_name = site_name(self.language)
        return super().__call__(request, *args, **kwargs)

    def title(self, obj) -> str:
        return self.site_name

    def description(self, obj) -> str:
        return gettext("The newest posts from %(site)s.") % {"site": self.site_name}

    def subtitle(self, obj) -> str:
        return self.description(obj)

    def link(self, obj) -> str:
        return absolute_url(self.request, reverse("blog:home"))

    def feed_url(self, obj) -> str:
        return absolute_url(self.request, self.request.path)

    def author_name(self, obj) -> str:
        # Atom requires an author for every entry; the site stands in for posts without one.
        return self.site_name

    def posts(self, obj):
        return Post.objects.published(self.language)

    def items(self, obj):
        return self.posts(obj).prefetch_related("authors", "categories", "tags")[:FEED_ITEMS]

    def item_title(self, item: Post) -> str:
        return item.translated("title", self.language)

    def item_link(self, item: Post) -> str:
        return absolute_url(self.request, item.get_absolute_url(self.language))

    def item_description(self, item: Post) -> str:
        return summary_html(item, self.language)

    def item_pubdate(self, item: Post):
        return item.date

    def item_updateddate(self, item: Post):
        return item.updated or item.date

    def item_categories(self, item: Post) -> list[str]:
        """The post's categories and tags that exist in the feed's language."""
        terms = [*item.categories.all(), *item.tags.all()]
        shown = [term for term in terms if term.slug_in(self.language)]
        return [term.name_in(self.language) or term_name(term) for term in shown]

    def item_extra_kwargs(self, item: Post) -> dict:
        authors = [
            {"name": author.name, "uri": absolute_url(self.request, author.get_absolute_url())}
            for author in item.authors.all()
        ]
        return {"authors": authors}


class PostsAtomFeed(PostsFeed):
    feed_type = AtomWithAuthors


class TermFeed(PostsFeed):
    """The newest posts in the active language filed under one category, tag, series or author."""

    model = None
    relation = ""

    def get_object(self, request, slug: str):
        # Only a term some live post uses has a feed: one named only by drafts stays unknown (a 404). A
        # category, tag or series is found by its slug in the feed's language (blog.taxonomy).
        used = self.model.objects.filter(posts__in=Post.objects.live())
        language = translation.get_language() or settings.LANGUAGE_CODE
        field = "slug" if self.model is Author else f"slug_{language}"
        return get_object_or_404(used.distinct(), **{field: slug})

    def title(self, obj) -> str:
        return f"{self.site_name}: {term_name(obj)}"

    def description(self, obj) -> str:
        # Escaped like the item summaries: feed readers show a channel description as HTML.
        return gettext("The newest posts about %(term)s on %(site)s.") % {
            "term": escape(term_name(obj)),
            "site": escape(self.site_name),
        }

    def link(self, obj) -> str:
        return absolute_url(self.request, obj.get_absolute_url())

    def posts(self, obj):
        return super().posts(obj).filter(**{self.relation: obj})


class SectionFeed(PostsFeed):
    """The newest posts of one section (`/blog/feed.xml`), in the active language; a section with no live
    post in any language has no feed."""

    def get_object(self, request, section: str):
        if not Post.objects.live().filter(section=section).exists():
            raise Http404("no such section")
        return section

    def title(self, obj) -> str:
        return f"{self.site_name}: {section_name(obj)}"

    def link(self, obj) -> str:
        return absolute_url(self.request, reverse("blog:section", kwargs={"section": obj}))

    def posts(self, obj):
        return super().posts(obj).filter(section=obj)


class SectionAtomFeed(SectionFeed):
    feed_type = AtomWithAuthors


class AuthorFeed(TermFeed):
    model, relation = Author, "authors"

    def description(self, obj) -> str:
        return gettext("The newest posts by %(author)s on %(site)s.") % {
            "author": escape(obj.name),
            "site": escape(self.site_name),
        }


class CategoryFeed(TermFeed):
    model, relation = Category, "categories"


class TagFeed(TermFeed):
    model, relation = Tag, "tags"


class SeriesFeed(TermFeed):
    model, relation = Series, "series"


class AuthorAtomFeed(AuthorFeed):
    feed_type = AtomWithAuthors


class CategoryAtomFeed(CategoryFeed):
    feed_type = AtomWithAuthors


class TagAtomFeed(TagFeed):
    feed_type = AtomWithAuthors


class SeriesAtomFeed(SeriesFeed):
    feed_type = AtomWithAuthors
