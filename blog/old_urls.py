"""Old URLs keep answering: a post's earlier addresses, kept as `PostRedirect` rows (301 to the current one).

Where they come from: the importer (Hugo's URLs and front-matter aliases) and every save that moves a post
(a changed slug, section or date: `KeepsOldUrls.save`). A post answering at a URL takes it back from any
redirect there, one post at a time on save or once per batch of new posts (`release_urls_of_created`).
"""

from __future__ import annotations

import copy
from urllib.parse import unquote

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from blog.chunks import chunked
from blog.publishing import language_codes
from blog.signals import in_batch

# The stored fields a post's URLs derive from (its slugs, and titles and bodies for the languages it has).
URL_SOURCE_FIELDS = {"section", "date"} | {
    f"{field}_{code}" for field in ("slug", "title", "body") for code, _name in settings.LANGUAGES
}


class KeepsOldUrls:
    """Mixed into `Post`: a save that moves the post's URLs leaves a redirect at each URL it left.

    The sources of the URLs (section, date, slugs, which languages exist) are noted when a post is loaded
    or saved, so a save knows whether they moved without reading the row again.
    """

    def save(self, *args, **kwargs):
        adding = self._state.adding
        before = None if adding else self._stored_url_sources()
        super().save(*args, **kwargs)
        after = self._url_sources()
        # A new post has no earlier URL to remember; in a batch (the importer's), the redirects at the new
        # posts' URLs are dropped once for the whole batch (`release_urls_of_created`).
        if (adding and not in_batch()) or (not adding and before != after):
            self._remember_moved_urls(self._urls_from(before) if before else {})
        self._saved_url_sources = after

    @classmethod
    def from_db(cls, db, field_names, values):
        post = super().from_db(db, field_names, values)
        # Remember what the URLs derive from, so a save knows whether they moved without re-reading the row.
        if not post.get_deferred_fields() & URL_SOURCE_FIELDS:
            post._saved_url_sources = post._url_sources()
        return post

    def _url_sources(self) -> dict:
        """What this post's URLs derive from: section, date, and each language's slug and existence."""
        sources = {"section": self.section, "date": self.date}
        for code in language_codes():
            sources[f"slug_{code}"] = self.translated("slug", code)
            sources[f"exists_{code}"] = self.has_content_in(code)
        return sources

    def _stored_url_sources(self) -> dict | None:
        sources = getattr(self, "_saved_url_sources", None)
        if sources is None:  # built by hand or loaded with deferred fields: read the stored row
            stored = type(self)._default_manager.filter(pk=self.pk).first()
            sources = stored._url_sources() if stored else None
        return sources

    def _urls_from(self, sources: dict) -> dict[str, str]:
        """The decoded URL per existing language of this post as it was when its URLs came from `sources`."""
        earlier = copy.copy(self)
        earlier.section, earlier.date = sources["section"], sources["date"]
        for code in language_codes():
            setattr(earlier, f"slug_{code}", sources[f"slug_{code}"])
        existing = [code for code in language_codes() if sources[f"exists_{code}"]]
        return {code: unquote(earlier.get_absolute_url(code)) for code in existing}

    def _remember_moved_urls(self, previous_urls: dict[str, str]) -> None:
        """Keep every URL a post was published at answering, after a slug, section or date change."""
        current = {
            language: unquote(self.get_absolute_url(language))
            for language in language_codes()
            if self.has_content_in(language)
        }
        PostRedirect.objects.filter(path__in=current.values()).delete()
        for language, old_path in previous_urls.items():
            if language in current and current[language] != old_path:
                PostRedirect.objects.update_or_create(
                    path=old_path,
                    defaults={"post": self, "language": language, "origin": PostRedirect.Origin.SLUG_CHANGE},
                )


def release_urls_of_created(sender, created=(), **kwargs) -> None:
    """`posts_saved`: a post created in a batch answers at its URLs now, so another post's old URL there is
    dropped, as `Post.save` does for a post created alone; a redirect to a post of the batch itself was
    written by the batch (an imported old URL) and stays."""
    paths = [
        unquote(post.get_absolute_url(code))
        for post in created
        for code in language_codes()
        if post.has_content_in(code)
    ]
    ids = [post.pk for post in created]
    for part in chunked(paths):
        PostRedirect.objects.filter(path__in=part).exclude(post__in=ids).delete()


class PostRedirect(models.Model):
    """An old path that must keep working: a Hugo URL, a front-matter alias, or the URL before a slug change.

    Answered with a 301 to the post's current URL in `language`.
    """

    class Origin(models.TextChoices):
        HUGO = "hugo", _("Hugo URL")
        ALIAS = "alias", _("front-matter alias")
        SLUG_CHANGE = "slug", _("earlier slug")

    path = models.CharField(_("path"), max_length=700, unique=True)
    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="redirects")
    language = models.CharField(_("language"), max_length=8)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)

    class Meta:
        ordering = ["path"]
        verbose_name = _("old URL")
        verbose_name_plural = _("old URLs")

    def __str__(self) -> str:
        return self.path
