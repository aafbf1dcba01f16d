"""The key an item's share links are signed with: changing it ("revoke") ends every link made before."""

from __future__ import annotations

import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

# An item that was never revoked has no row: its links carry the empty key.
NEVER_REVOKED = ""


class ShareKey(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    key = models.CharField(_("key"), max_length=32)
    revoked_at = models.DateTimeField(_("last revoked at"), auto_now=True)

    class Meta:
        verbose_name = _("share key")
        verbose_name_plural = _("share keys")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="previews_one_key_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"

    @classmethod
    def current(cls, item) -> str:
        row = cls.objects.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)
        return row.values_list("key", flat=True).first() or NEVER_REVOKED

    @classmethod
    def rotate(cls, item) -> str:
        """A new key for `item`: the links made until now stop working."""
        key = secrets.token_urlsafe(12)
        cls.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk, defaults={"key": key}
        )
        return key
