"""Cover images: renditions of uploaded and imported covers, and covers drawn for posts without one."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoversConfig(AppConfig):
    name = "covers"
    verbose_name = _("Covers")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from blog.models import Post
        from covers.renditions import make_renditions_after_upload

        post_save.connect(make_renditions_after_upload, sender=Post, dispatch_uid="covers.renditions.cover")
