"""The blog's content: authors, taxonomies (categories, tags, series) and posts.

Translated fields (`title`, `slug`, `summary`, `body`, taxonomy `name` and `slug`, author `bio`) get one
column per language through modeltranslation (see `translation.py`), so `title_es`, `title_pt` and
`title_en` sit side by side in one row. A post *exists* in a language when its title and body in that
language are non-empty, and readers see it once that language is also published and due (per-language
publishing, `blog.publishing`); `Post.objects.published(lang)` is the one filter every page, feed and
sitemap uses. The taxonomy's models (`Category`, `Tag`, `Series`, `TermRedirect`) are defined in
`blog.taxonomy`, old URLs (`PostRedirect`, and what a save that moves a post keeps) in `blog.old_urls`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models, router
from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from blog.fields import StoredDimensionsImageField
from blog.old_urls import KeepsOldUrls, PostRedirect  # noqa: F401 - PostRedirect is a model of this app
from blog.paths import post_path
from blog.profiles import profile_links
from blog.publishing import PublishedPerLanguage, any_language, language_codes, published_q
from blog.signals import in_batch
from blog.taxonomy import Category, Series, Tag, Term, TermRedirect  # noqa: F401 - models of this app
from blog.validators import (  # noqa: F401 - key_validator is part of this module's interface
    key_validator,
    validate_fediverse_address,
    validate_handle,
    validate_handle_or_http_url,
    validate_http_url,
    validate_image_file,
)

# A post exists in a language when these are filled in it.
POST_CONTENT_FIELDS = ("title", "body")


@models.TextField.register_lookup
class ByteLength(models.Transform):
    """`body_es__bytes__gt=0`: the stored size, read from PostgreSQL's header without decompressing the text.

    `body > ''` decompresses every (TOASTed) body and compares with the collation: ~10x slower on listings.
    """

    lookup_name = "bytes"
    function = "OCTET_LENGTH"
    output_field = models.IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="LENGTH(CAST(%(expressions)s AS BLOB))", **extra_context
        )


def has_content_in(language: str, prefix: str = "") -> Q:
    """Rows whose title and body in `language` are non-empty (NULL excluded too), published or not.

    `prefix` ("posts__") applies the same test to related posts, e.g. to count a tag's posts.
    """
    return Q(**{f"{prefix}title_{language}__gt": "", f"{prefix}body_{language}__bytes__gt": 0})


def exists_in(language: str, prefix: str = "", now=None) -> Q:
    """Rows a reader sees in `language`: content there, that language published, and due.

    A language is due at its own `publish_at`, else at the post's `date` (due at `now`, by default the
    current time). `prefix` as in `has_content_in`.
    """
    return has_content_in(language, prefix) & published_q(language, prefix, date_field="date", now=now)


def exists_in_any_language() -> Q:
    """Rows a reader sees in at least one of the site's languages."""
    return any_language(exists_in)


class Author(models.Model):
    slug = models.CharField(_("key"), max_length=100, unique=True, validators=[key_validator])
    name = models.CharField(_("name"), max_length=200)
    bio = models.TextField(_("bio"), blank=True)
    avatar = models.ImageField(
        _("avatar"), upload_to="authors/", blank=True, validators=[validate_image_file]
    )
    github = models.CharField(_("GitHub user"), max_length=100, blank=True, validators=[validate_handle])
    twitter = models.CharField(_("X/Twitter user"), max_length=100, blank=True, validators=[validate_handle])
    linkedin = models.CharField(
        _("LinkedIn profile"), max_length=200, blank=True, validators=[validate_handle_or_http_url]
    )
    mastodon = models.CharField(
        _("Mastodon address"), max_length=200, blank=True, validators=[validate_fediverse_address]
    )
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])

    # Fields that become links on the author and post pages: checked on every save, whoever writes them
    # (admin, importer, shell), so no `javascript:` address can be stored.
    PROFILE_FIELDS = ("github", "twitter", "linkedin", "mastodon", "email", "website")

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name or self.slug

    def save(self, *args, **kwargs):
        self.clean_fields(exclude=[f.name for f in self._meta.fields if f.name not in self.PROFILE_FIELDS])
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("blog:author-detail", kwargs={"slug": self.slug})

    def profile_links(self) -> list[dict[str, str]]:
        """The profiles as {label, url} dicts, http(s) URLs only, built from the stored handles."""
        return profile_links(self)


class PostQuerySet(models.QuerySet):
    def existing_in(self, language: str) -> PostQuerySet:
        return self.filter(exists_in(language))

    def live(self) -> PostQuerySet:
        """Posts a reader may see in some language (published there and due)."""
        return self.filter(exists_in_any_language())

    def published(self, language: str | None = None) -> PostQuerySet:
        """Posts a reader sees in `language` (the active language when not given)."""
        return self.existing_in(language or translation.get_language() or settings.LANGUAGE_CODE)

    def not_published_in(self, language: str) -> PostQuerySet:
        return self.exclude(exists_in(language))

    def featured(self) -> PostQuerySet:
        return self.filter(featured=True)

    def in_carousel(self) -> PostQuerySet:
        return self.filter(carousel=True)

    def pinned(self) -> PostQuerySet:
        return self.filter(pinned=True)

    def missing_language(self, language: str) -> PostQuerySet:
        """Posts with no title or body in `language` (nothing to publish there yet)."""
        return self.exclude(has_content_in(language))


class Post(KeepsOldUrls, PublishedPerLanguage):
    CONTENT_FIELDS = POST_CONTENT_FIELDS
    DUE_DATE_FIELD = "date"

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=300, allow_unicode=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)

    section = models.SlugField(_("section"), max_length=50, default="blog", db_index=True)
    date = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    updated = models.DateTimeField(_("updated"), null=True, blank=True)

    # Which language the others are translated from (the desk compares translations with it); empty: the
    # first language written, in settings order.
    source_language = models.CharField(
        _("source language"), max_length=8, blank=True, choices=settings.LANGUAGES
    )
    featured = models.BooleanField(_("featured"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    carousel = models.BooleanField(_("in carousel"), default=False)
    toc = models.BooleanField(_("table of contents"), default=False)
    comment = models.BooleanField(_("comments"), default=False)
    reward = models.BooleanField(_("reward"), default=False)

    # Its dimensions are stored, never read back from the file when a post is loaded (see blog.fields).
    cover = StoredDimensionsImageField(
        _("cover image"),
        upload_to="covers/%Y/",
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        validators=[validate_image_file],
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_source = models.CharField(
        _("original image path"), max_length=500, blank=True, help_text=_("As written in the source file.")
    )
    # Listing/carousel renditions of `cover` (WebP + JPEG/PNG fallback), made when first asked for and
    # recorded here by covers.lazy.
    cover_renditions = models.JSONField(_("cover renditions"), default=dict, blank=True, editable=False)

    authors = models.ManyToManyField(Author, blank=True, related_name="posts", verbose_name=_("authors"))
    categories = models.ManyToManyField(
        Category, blank=True, related_name="posts", verbose_name=_("categories")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts", verbose_name=_("tags"))
    series = models.ForeignKey(
        Series,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        verbose_name=_("series"),
    )

    translation_key = models.CharField(_("translation key"), max_length=300, blank=True)
    extra = models.JSONField(_("other source keys"), default=dict, blank=True)
    source_key = models.CharField(
        _("source key"), max_length=500, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        get_latest_by = "date"
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        permissions = [("publish_post", _("Can publish, schedule and unpublish a language of a post"))]
        indexes = [
            models.Index(fields=["section", "-date"], name="post_section_date_idx"),
            models.Index(fields=["carousel", "-date"], name="post_carousel_date_idx"),
            models.Index(fields=["pinned", "-date"], name="post_pinned_date_idx"),
            models.Index(fields=["featured", "-date"], name="post_featured_date_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.source_key or f"post {self.pk}"

    @classmethod
    def insert_in_batch(cls, posts: list[Post]) -> None:
        """Insert new posts in one query, as `save()` inside `saved_in_batch()` would one by one: the same
        `pre_save` and `post_save` signals per post, the URL bookkeeping left to the batch (`posts_saved`).
        Whoever opened the batch must send `posts_saved` for them."""
        if not in_batch():
            raise RuntimeError("Post.insert_in_batch() outside saved_in_batch()")
        using = router.db_for_write(cls)
        for post in posts:
            pre_save.send(sender=cls, instance=post, raw=False, using=using, update_fields=None)
        cls.objects.using(using).bulk_create(posts)
        for post in posts:
            post._saved_url_sources = post._url_sources()
            post_save.send(
                sender=cls, instance=post, created=True, update_fields=None, raw=False, using=using
            )

    def get_absolute_url(self, language: str | None = None) -> str:
        """`blog:post-detail` in `language`, filled without loading the URLconf (`blog.paths`)."""
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        return post_path(language, **self.url_kwargs(language))

    def exists_in_language(self, language: str) -> bool:
        """A reader sees this post in `language` (content there, published and due)."""
        return self.is_visible_in(language)

    def languages(self) -> list[str]:
        """The languages a reader sees this post in, in settings order."""
        return self.visible_languages()

    def written_languages(self) -> list[str]:
        """The languages this post has a title and body in, published or not."""
        return [code for code in language_codes() if self.has_content_in(code)]

    def source_language_code(self) -> str:
        """The language the others are translated from: the one chosen, else the first written."""
        written = self.written_languages()
        if self.source_language in written or not written:
            return self.source_language or settings.LANGUAGE_CODE
        return written[0]

    def rendition(self, kind: str) -> dict | None:
        """A cover rendition ("listing" or "carousel"): webp_url, fallback_url, fallback_type, width,
        height, once made; None when the post has no stored cover or the rendition has not been made yet
        (`covers.lazy` makes it when first asked for, and tells pages what to show meanwhile).

        The entries are written by `covers.lazy`; reading them here keeps the model free of that app."""
        renditions = self.cover_renditions or {}
        entry = renditions.get(kind)
        if not self.cover or not isinstance(entry, dict) or "fallback" not in entry:
            return None  # none, or made lazily and not yet asked for, or the cover could not be read
        if renditions.get("source_name", self.cover.name) != self.cover.name:
            return None  # made for an earlier cover
        return {
            "webp_url": default_storage.url(entry["webp"]),
            "fallback_url": default_storage.url(entry["fallback"]),
            "fallback_type": entry["fallback_type"],
            "width": entry["width"],
            "height": entry["height"],
        }

    def url_kwargs(self, language: str) -> dict:
        local_date = timezone.localtime(self.date)
        slug = self.translated("slug", language) or self.translated("slug", settings.LANGUAGE_CODE)
        return {
            "section": self.section,
            "year": local_date.year,
            "month": f"{local_date.month:02d}",
            "slug": slug or str(self.pk),
        }
