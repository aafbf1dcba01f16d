"""Reader views: thin, every list built on `Post.objects.published(language)`."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.generic import DetailView, ListView

from blog.models import Author, Category, Post, Series, Tag


class PostListMixin:
    paginate_by = settings.BLOG_POSTS_PER_PAGE
    context_object_name = "posts"

    def get_language(self) -> str:
        return translation.get_language() or settings.LANGUAGE_CODE

    def base_queryset(self):
        return Post.objects.published(self.get_language()).prefetch_related("authors", "tags")


class HomeView(PostListMixin, ListView):
    template_name = "blog/home.html"

    def get_queryset(self):
        return self.base_queryset()


class SectionView(PostListMixin, ListView):
    template_name = "blog/post_list.html"

    def get_queryset(self):
        queryset = self.base_queryset().filter(section=self.kwargs["section"])
        return queryset


class TermPostListView(PostListMixin, ListView):
    template_name = "blog/post_list.html"
    term_model = None
    relation = ""

    def get_queryset(self):
        self.term = get_object_or_404(self.term_model, slug=self.kwargs["slug"])
        return self.base_queryset().filter(**{self.relation: self.term})

    def get_context_data(self, **kwargs):
        return super().get_context_data(term=self.term, **kwargs)


class CategoryDetailView(TermPostListView):
    term_model, relation = Category, "categories"


class TagDetailView(TermPostListView):
    term_model, relation = Tag, "tags"


class SeriesDetailView(TermPostListView):
    term_model, relation = Series, "series"


class AuthorDetailView(TermPostListView):
    term_model, relation = Author, "authors"


class PostDetailView(DetailView):
    template_name = "blog/post_detail.html"
    context_object_name = "post"

    def get_object(self, queryset=None):
        language = translation.get_language()
        post = (
            Post.objects.live()
            .filter(section=self.kwargs["section"], **{f"slug_{language}": self.kwargs["slug"]})
            .first()
        )
        if post is None or not post.exists_in_language(language):
            raise Http404
        return post
