"""Readers' comments on posts: one language each, held for moderation, threaded one level.

A comment belongs to a post *and a language*: the Portuguese page shows the comments written on it. It is
held (`is_public=False`) until an editor approves it in the admin; a rejected one stays stored, hidden
(`is_removed=True`), so a repeat of it is recognisable. A reply points to a top-level comment of the same
post and language; replies to replies are refused (`clean`), so a thread is two levels at most.

Only the name a reader chose is kept about them: no e-mail, no IP address (the rate limit counts hashed
addresses in the cache, `comments.spam`). The Markdown source and its HTML (`comments.markup`) sit side by
side, the HTML made on save, so a page with 200 comments renders no Markdown.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.models import Post
from blog.text import clean_text_fields
from comments.markup import render_comment

NAME_MAX_LENGTH = 50
BODY_MAX_LENGTH = 3000


class CommentQuerySet(models.QuerySet):
    def public(self) -> CommentQuerySet:
        """What readers see: approved and not removed."""
        return self.filter(is_public=True, is_removed=False)

    def awaiting(self) -> CommentQuerySet:
        """What waits for an editor: neither approved nor rejected."""
        return self.filter(is_public=False, is_removed=False)

    def on(self, post: Post, language: str) -> CommentQuerySet:
        return self.filter(post=post, language=language)


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments", verbose_name=_("post"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    body = models.TextField(_("comment (Markdown)"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False, default="")
    submit_date = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    is_public = models.BooleanField(
        _("approved"), default=False, help_text=_("Shown on the post's page in its language.")
    )
    is_removed = models.BooleanField(_("rejected"), default=False, help_text=_("Hidden for good."))

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submit_date", "pk"]
        get_latest_by = "submit_date"
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["post", "language", "is_public", "submit_date"], name="comment_thread_idx"),
            models.Index(fields=["is_public", "is_removed"], name="comment_moderation_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:50]}"

    def save(self, *args, **kwargs):
        clean_text_fields(self)  # no control characters stored, as for every text of the site
        self.body_html = render_comment(self.body)
        super().save(*args, **kwargs)
        self._was_visible = self.is_visible()

    def get_absolute_url(self) -> str:
        return f"{self.post.get_absolute_url(self.language)}#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        if not comment.get_deferred_fields() & {"is_public", "is_removed"}:
            comment._was_visible = comment.is_visible()  # whether the post's page showed it when loaded
        return comment

    def is_visible(self) -> bool:
        return self.is_public and not self.is_removed

    def was_visible(self) -> bool:
        return getattr(self, "_was_visible", False)

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        parent = self.parent
        if parent.parent_id is not None:
            raise ValidationError({"parent": _("Replies go to a comment, not to another reply.")})
        if parent.post_id != self.post_id or parent.language != self.language:
            raise ValidationError({"parent": _("A reply belongs to the same post and language.")})
