"""modeltranslation registrations: the per-language columns (`title_es`, `title_pt`, `title_en`, …).

`status` and `publish_at` are translated too: each language of a post is published on its own
(`blog.publishing`).
"""

from modeltranslation.translator import TranslationOptions, register

from blog.models import Author, Category, Post, Series, Tag


@register(Author)
class AuthorTranslationOptions(TranslationOptions):
    fields = ("bio",)


@register([Category, Tag, Series])
class TermTranslationOptions(TranslationOptions):
    # A term exists in the languages it has a slug in (blog.taxonomy): an empty slug is NULL, not "".
    fields = ("name", "slug")
    empty_values = {"slug": None}


@register(Post)
class PostTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "status", "publish_at")
