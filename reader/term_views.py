"""Reader views of the taxonomy: a category's, tag's, series' or author's posts, and the index of each kind.

Listings like the others (`reader.views.ListingMixin`: kept pages, totals from the kept counts, the sidebar);
a term is looked up by its slug in the language shown, and kept per content generation.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from blog.models import Author, Category, Post, Series, Tag
from reader import selectors
from reader.pagination import PathPaginationMixin
from reader.views import ListingMixin, active_language, found_or_404


class TermPostListView(ListingMixin, ListView):
    """A term's posts in the active language, as Hugo lists them: a term exists per language (its slug in
    that language) and lists that language's posts only. A term without live posts in the language has no
    page there (a 404), so a tag named only by drafts or future posts never shows its name."""

    term_model = None
    relation = ""
    kind = ""
    allow_empty = False

    def find_term(self, language: str):
        slug = self.kwargs["slug"]
        model = self.term_model
        return found_or_404(
            f"term:{self.kind}:{language}:{slug}", lambda: model.objects.filter(**{f"slug_{language}": slug})
        )

    def get_queryset(self):
        self.term = self.find_term(active_language())
        return super().get_queryset()

    def listing(self):
        posts = Post.objects.published(active_language()).only(*selectors.card_fields())
        return posts.filter(**{self.relation: self.term})

    def listing_name(self) -> str:
        return f"{self.kind}:{self.term.pk}:{active_language()}"

    def listing_total(self) -> int:
        return selectors.term_total(self.term, active_language())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            term=self.term,
            term_kind=self.kind,
            heading=str(self.term),
            alternates=selectors.term_alternates(self.term),
            **kwargs,
        )


class CategoryDetailView(TermPostListView):
    term_model, relation, kind = Category, "categories", "category"


class TagDetailView(TermPostListView):
    term_model, relation, kind = Tag, "tags", "tag"


class SeriesDetailView(TermPostListView):
    term_model, relation, kind = Series, "series", "series"

    def listing(self):
        # A series reads oldest first.
        return super().listing().order_by("date", "pk")


class AuthorDetailView(TermPostListView):
    """An author's posts in the active language. The page exists where the author has posts, and in a
    language of the author's bio too (Hugo's author page) once any of their posts is live."""

    term_model, relation, kind = Author, "authors", "author"
    template_name = "blog/author_detail.html"

    def find_term(self, language: str):
        slug = self.kwargs["slug"]
        return found_or_404(f"term:author:{slug}", lambda: Author.objects.filter(slug=slug))

    def get_allow_empty(self) -> bool:
        has_bio = bool(getattr(self.term, f"bio_{active_language()}", None))
        return has_bio and selectors.has_live_posts(self.term)


class TermIndexView(PathPaginationMixin, ListView):
    """Every category, tag, series or author with posts in the active language, with their counts."""

    term_model = None
    kind = ""
    template_name = "blog/term_index.html"
    context_object_name = "terms"
    paginate_by = selectors.TERMS_PER_PAGE

    def get_queryset(self):
        return selectors.terms_in_language(self.term_model, active_language())

    heading = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(term_kind=self.kind, heading=self.heading, **kwargs)


class CategoryIndexView(TermIndexView):
    term_model, kind, heading = Category, "category", _("Categories")


class TagIndexView(TermIndexView):
    term_model, kind, heading = Tag, "tag", _("Tags")


class SeriesIndexView(TermIndexView):
    term_model, kind, heading = Series, "series", _("Series")


class AuthorIndexView(TermIndexView):
    term_model, kind, heading = Author, "author", _("Authors")
